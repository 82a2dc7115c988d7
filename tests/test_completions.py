"""IPEDS completions and institutions: read as NCES publishes them (any encoding, CSV or Parquet), validated,
and the published check values in the built tables."""

import shutil

import pandas as pd
import pytest
from test_validate import edit

from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.data.validation import validate_dir
from dashboard.ingest import completions
from dashboard.ingest.extract import IngestError

RAW = "nces-ipeds-completions"


@pytest.fixture(scope="module")
def built():
    """The bundled tables, read as text with pandas (not through the code under test)."""
    c = pd.read_csv(DEFAULT_DATA_DIR / "completions.csv.gz", dtype=str, keep_default_na=False)
    i = pd.read_csv(DEFAULT_DATA_DIR / "institutions.csv", dtype=str, keep_default_na=False)
    c["completers"] = c["completers"].astype(int)
    return c, i


def test_check_values_of_sources_md(built):
    c, i = built
    latest = c[c["year"] == "2024"]
    welding = latest[latest["cip_code"] == "48.0508"]
    assert welding["completers"].sum() == 57_762
    by_level = welding.groupby("award_level")["completers"].sum()
    assert by_level["21"] == 29_707 and by_level["2"] == 18_641 and by_level["3"] == 3_665
    assert c.loc[(c["year"] == "2020") & (c["cip_code"] == "48.0508"), "completers"].sum() == 40_882
    michigan = set(i.loc[i["state"] == "2600000", "unitid"])
    mi = latest[latest["unitid"].isin(michigan)]
    assert mi["completers"].sum() == 124_856
    ops = mi[mi["cip_code"] == "52.0205"]
    assert ops["completers"].sum() == 86 and ops["unitid"].nunique() == 6
    ferris = ops[ops["unitid"] == i.loc[i["name"] == "Ferris State University", "unitid"].item()]
    assert dict(zip(ferris["award_level"], ferris["completers"], strict=True)) == {"5": 28, "21": 14}


def test_no_zero_rows_and_no_grand_totals(built):
    c, _ = built
    assert (c["completers"] > 0).all()
    assert c["cip_code"].str.fullmatch(r"\d{2}\.\d{4}").all()


def test_institutions_carry_our_area_codes_and_words(built):
    _, i = built
    row = i.set_index("unitid").loc["169910"]  # Ferris State University, Big Rapids
    assert (row["state"], row["postal"], row["city"]) == ("2600000", "MI", "Big Rapids")
    assert row["sector"] == "Public, 4-year or above" and row["control"] == "Public"
    areas = pd.read_csv(DEFAULT_DATA_DIR / "areas.csv", dtype=str, keep_default_na=False)
    metros = set(areas.loc[areas["area_type"] == "metro", "area_code"])
    assert set(i["metro"]) - {""} <= metros
    detroit = i[(i["name"] == "Wayne State University")]
    assert detroit["metro"].item() == "0019820"  # Detroit-Warren-Dearborn, MI


def test_every_encoding_reads_the_same_name(shared_data):
    """2020–2022 are Windows-1252, 2023–2024 UTF-8 with a byte-order mark: one name, spelt right in each."""
    for year in (2020, 2021, 2022, 2023, 2024):
        hd = completions.read_directory(shared_data / RAW / f"hd{year}.csv")
        assert hd.set_index("UNITID").loc["449135", "INSTNM"] == "Dewey University-Juana Díaz", year
    assert (DEFAULT_DATA_DIR / "institutions.csv").read_text(encoding="utf-8").count("Juana Díaz") == 1


OFFICIAL = (
    "UNITID,CIPCODE,MAJORNUM,AWLEVEL,XCTOTALT,CTOTALT,XCTOTALM,CTOTALM,XCTOTALW,CTOTALW,CAIANT\n"
    "100654,01.0999,1,5,R,12,R,2,R,10,0\n"
    "100654,01.0999,2,5,R,3,R,1,R,2,0\n"  # a second major: not counted again
    "100654,99,1,5,R,12,R,2,R,10,0\n"  # the institution's grand total
    "100654,1.0101,1,3,R,4,R,4,R,0,0\n"  # a code written as a number
    "100654,01.1001,1,7,R,0,R,0,R,0,0\n"  # offered, nobody finished
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.lower().replace("unitid,", "UnitID,").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "latin-1, any case"],
)
def test_the_official_csv_layout_is_read_by_header_name(tmp_path, encode):
    path = tmp_path / "c2024_a.csv"
    path.write_bytes(encode(OFFICIAL))
    got = completions.read_completions(path).to_pandas()
    assert got.to_dict("records") == [
        {"unitid": "100654", "cip_code": "01.0999", "award_level": "5", "completers": "12", "men": "2", "women": "10"},
        {"unitid": "100654", "cip_code": "01.0101", "award_level": "3", "completers": "4", "men": "4", "women": "0"},
    ]


def test_a_directory_in_windows_1252_keeps_its_accents(tmp_path):
    path = tmp_path / "hd2021.csv"
    head = ",".join(completions.DIRECTORY_COLUMNS)
    path.write_bytes(f"{head}\n1,Universidad Politécnica,San Juan,PR,72127,41980,2,2,18.4,-66.0\n".encode("cp1252"))
    assert completions.read_directory(path)["INSTNM"].item() == "Universidad Politécnica"


def test_a_file_without_a_needed_column_is_named(tmp_path):
    path = tmp_path / "c2024_a.csv"
    path.write_text("UNITID,CIPCODE,AWLEVEL,CTOTALT\n1,01.0101,5,3\n")
    with pytest.raises(IngestError, match=r"c2024_a.csv: no column MAJORNUM, CTOTALM, CTOTALW"):
        completions.read_completions(path)


def test_a_year_without_its_directory_is_refused(tmp_path):
    (tmp_path / "c2024_a.csv").write_text(OFFICIAL)
    with pytest.raises(IngestError, match="hd2024.csv"):
        completions.tables(tmp_path, pd.DataFrame(columns=["area_code", "area_type", "state"]))


# --- validation: each problem a message naming file, column and row ----------------------------------------


@pytest.fixture
def folder(mini, tmp_path):
    out = tmp_path / "data"
    shutil.copytree(mini, out)
    return out


def _set(column, value, row=0):
    def fn(d):
        d.loc[row, column] = value
        return d

    return fn


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("unitid", "999999999", "completions.csv, column unitid, row 1: refers to no unitid in institutions"),
        ("cip_code", "99.9999", "completions.csv, column cip_code, row 1: refers to no cip_code in programs"),
        ("award_level", "9", "completions.csv, column award_level, row 1: refers to no award_level in award_levels"),
        ("completers", "-4", "completions.csv, column completers, row 1: must be ≥ 1"),
        ("women", "-1", "completions.csv, column women, row 1: must be ≥ 0"),
    ],
)
def test_a_bad_completion_row_is_named(folder, column, value, expected):
    edit(folder, "completions", _set(column, value))
    msgs = [str(p) for p in validate_dir(folder)]
    assert any(m.startswith(expected) for m in msgs), msgs


def test_a_duplicate_completion_is_named(folder):
    edit(folder, "completions", lambda d: pd.concat([d, d.iloc[[5]]], ignore_index=True))
    msgs = [str(p) for p in validate_dir(folder)]
    assert any(m.startswith("completions.csv, column year, unitid, cip_code, award_level, rows 6, ") for m in msgs), (
        msgs
    )


def test_an_institution_in_an_unknown_metro_is_named(folder):
    edit(folder, "institutions", _set("metro", "0099999", 3))
    msgs = [str(p) for p in validate_dir(folder)]
    assert any(m.startswith("institutions.csv, column metro, row 4: refers to no area_code in areas") for m in msgs)
