"""The fast paths of build-data (issue 13: the whole build within the time and memory bar) give what the
plain ones give: the OEWS flat file read by byte position and by regular expression, a workbook sheet
parsed by the helper process and here, the EP workbook read with calamine as openpyxl read it."""

import gzip
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineError

from dashboard.ingest import extract, onet, sheets, transform
from dashboard.ingest.extract import IngestError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OEWS = FIXTURES / "oews" / "oe.data.0.Current.gz"


def _lines() -> list[bytes]:
    return gzip.decompress(OEWS.read_bytes()).splitlines(keepends=True)


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(gzip.compress(b"".join(lines)))
    return path


def test_flat_file_read_by_position_equals_read_by_pattern(tmp_path):
    lines = _lines()
    assert all(len(line.split(b"\t")[0]) == extract.SID_WIDTH for line in lines[1:])  # as BLS pads them
    # the same rows with the padding cut: series ids of varying width take the regular-expression path
    unpadded = [lines[0]] + [line.split(b"\t", 1)[0].rstrip() + b"\t" + line.split(b"\t", 1)[1] for line in lines[1:]]
    fixed = extract.read_oews_data(OEWS)
    text = extract.read_oews_data(_write(tmp_path / "oe.data.0.Current.gz", unpadded))
    assert fixed.keys.to_pylist() == text.keys.to_pylist()
    assert (fixed.index == text.index).all() and (fixed.datatype == text.datatype).all()
    for a, b in zip(transform.measures(fixed), transform.measures(text), strict=True):
        pd.testing.assert_frame_equal(a, b)
    salary = transform.measures(fixed)[0].set_index(["soc_code", "area_code"])
    assert salary.loc[("11-3051", "0000000"), "annual_median"] == "126060"
    assert salary.loc[("29-1215", "0010540"), "annual_median"] == "239200"  # footnote 5: the bound


@pytest.mark.parametrize(
    "bad_id",
    [
        b"OEUX001018000000000000001     ",  # area type not N, S or M
        b"OEUM00101800000000000000A     ",  # datatype not two digits
        b"OEUM0010180000000000a0001     ",  # lower case in the key
        b"OEUM001018000000000000001    x",  # not padded with spaces
    ],
)
def test_a_series_id_out_of_layout_is_counted_by_either_path(tmp_path, bad_id):
    lines = _lines()
    line = lines[5].split(b"\t", 1)
    for ids in (bad_id, bad_id.rstrip()):  # 30 characters (by position) and shorter (by pattern)
        broken = lines[:5] + [ids + b"\t" + line[1]] + lines[6:]
        with pytest.raises(IngestError, match=r"1 series_id value\(s\) are not OEU"):
            extract.read_oews_data(_write(tmp_path / "oe.data.0.Current.gz", broken))


def test_footnote_codes_other_than_one_character_still_find_footnote_5(tmp_path):
    lines = _lines()
    head = lines[1].rstrip(b"\n").split(b"\t")
    other = lines[2].rstrip(b"\n").split(b"\t")
    head[-1], other[-1] = b"4,5", b"4"
    broken = [lines[0], b"\t".join(head) + b"\n", b"\t".join(other) + b"\n", *lines[3:]]
    got = extract.read_oews_data(_write(tmp_path / "oe.data.0.Current.gz", broken))
    assert got.top_coded.to_pylist()[:2] == [True, False]


def test_helper_process_returns_what_parsing_here_returns():
    path = FIXTURES / "onet-29.3" / "Knowledge.xlsx"
    sheet, cols = onet.LAYOUT[path.name]
    here = sheets.text_columns(path, sheet, list(cols))
    jobs = [sheets.text_columns_job(path, sheet, list(cols)), sheets.rows_job(path, sheet, False)]
    with sheets.prefetch(jobs):
        slot = sheets._pending[jobs[0]]
        got = sheets.text_columns(path, sheet, list(cols))
        assert slot.result() is not None  # it came from the helper, not from a parse here
        rows = sheets.rows(path, sheet, False)
    assert got == here
    assert rows == sheets.rows(path, sheet, False)
    assert not sheets._pending


def test_a_sheet_the_helper_cannot_read_fails_here_with_the_real_error(tmp_path):
    bad = tmp_path / "Skills.xlsx"
    bad.write_bytes(b"not a workbook")
    job = sheets.text_columns_job(bad, "Skills", ["Element ID"])
    with sheets.prefetch([job]):
        with pytest.raises(IngestError, match="Skills.xlsx: cannot read sheet 'Skills' of this workbook"):
            onet.read_sheet(bad)
    with pytest.raises(CalamineError):
        sheets.text_columns(bad, "Skills", ["Element ID"])


def _ep_table_by_openpyxl(path: Path, sheet: str) -> pd.DataFrame:
    """What read_ep_table gave when it read the workbook with openpyxl."""
    spec = [r for r in extract._map("ep_columns.csv") if r["sheet"] == sheet]
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [list(r) for r in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    code_header = next(r["header"] for r in spec if r["column"] == "soc_code")
    at = next(i for i, r in enumerate(rows) if code_header in r)
    header = [str(h).strip() if h is not None else "" for h in rows[at]]
    index = {r["column"]: header.index(r["header"]) for r in spec}
    records = []
    for row in rows[at + 1 :]:
        if not row[index["soc_code"]]:
            break
        records.append({col: row[i] for col, i in index.items()})
    return pd.DataFrame.from_records(records, columns=list(index))


@pytest.mark.parametrize("sheet", extract.EP_TABLES)
@pytest.mark.parametrize("where", ["excerpt", "full"])
def test_ep_tables_read_with_calamine_hold_what_openpyxl_reads(request, where, sheet):
    if where == "full":
        path = request.getfixturevalue("shared_data") / "bls-ep-2024-34" / "occupation.xlsx"
    else:
        path = FIXTURES / "occupation.xlsx"
    got = extract.read_ep_table(path, sheet)
    want = _ep_table_by_openpyxl(path, sheet)
    typed = lambda df: df.map(lambda v: (type(v).__name__, v)).to_numpy().tolist()  # noqa: E731
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want) > 0
    assert typed(got) == typed(want)  # 14441, not 14441.0; None, not ''
