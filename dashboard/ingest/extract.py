"""Read the raw BLS files exactly as published: no interpretation beyond layout."""

from __future__ import annotations

import csv
import gzip
import zlib
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from dashboard.ingest import sheets


class IngestError(Exception):
    """A raw file is not in the layout the ingest knows; the message names the file and what was expected."""


def _map(name: str) -> list[dict[str, str]]:
    with resources.files("dashboard.ingest").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def expected_columns(file: str) -> list[str]:
    return [r["column"] for r in _map("oews_files.csv") if r["file"] == file]


def state_postal() -> dict[str, str]:
    return {r["fips"]: r["state"] for r in _map("state_fips.csv")}


def read_text(path: Path, columns, what: str, sep: str = ",", encoding: str = "utf-8", **read) -> pd.DataFrame:
    """A delimited text file as stripped text, with `columns` found by header name, in that order. A
    missing file, text that is not UTF-8 or a missing column stops the build with a message naming the
    file and `what` was expected there."""
    kind = "tab-separated" if sep == "\t" else "comma-separated"
    try:
        df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding=encoding, **read)
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found; expected {what}") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise IngestError(f"{path}: cannot read as {kind} UTF-8 text ({e})") from None
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in columns if c not in df.columns]
    if missing:
        found = ", ".join(c for c in df.columns if not c.startswith("Unnamed")) or "nothing"
        raise IngestError(
            f"{path}: missing column(s) {', '.join(missing)}; expected a {kind} header with "
            f"{', '.join(columns)} (found {found})"
        )
    return df[list(columns)].apply(lambda s: s.str.strip())


def read_mapping(path: Path) -> pd.DataFrame:
    """Read one OEWS tab-separated mapping file (oe.area, oe.industry, …) as stripped text."""
    return read_text(path, expected_columns(path.name), f"the OEWS mapping file {path.name}", sep="\t")


def _header(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            return fh.readline().rstrip("\n").split("\t")
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found; expected the OEWS data file oe.data.0.Current.gz") from None
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as e:
        raise IngestError(f"{path}: cannot read the header line as gzip UTF-8 text ({e})") from None


@dataclass
class OewsData:
    """oe.data.0.Current.gz reduced to what the pivot needs, one entry per data row.

    `keys` are the distinct series keys (area + industry + occupation, in order of first
    appearance); `index` gives each row's key, `datatype` its datatype code (1–17), `value` the
    published text (trimmed), `top_coded` whether footnote 5 applies; `years` the reference years.
    """

    keys: pa.Array
    index: np.ndarray
    datatype: np.ndarray
    value: pa.Array
    top_coded: pa.Array
    years: set[str]


SID_WIDTH = 30  # BLS pads every series_id to 30 characters: "OEUM001018000000000000001     "
_SID_RE = r"^OEU[NSM][0-9A-Z]{7}[0-9A-Z-]{6}[0-9]{8} *$"
_KEY_RE = r"^[0-9A-Z]{7}[0-9A-Z-]{6}[0-9]{6}$"
_TOP_RE = r"(^|,)\s*5\s*(,|$)"


def _fixed_width(sid: pa.Array) -> np.ndarray | None:
    """The series ids as an (n, 30) byte matrix when every one is 30 ASCII characters; else None."""
    n = len(sid)
    offsets = np.frombuffer(sid.buffers()[1], np.int32, n + 1, sid.offset * 4)
    if n == 0 or not (np.diff(offsets) == SID_WIDTH).all():
        return None
    chars = np.frombuffer(sid.buffers()[2], np.uint8)[offsets[0] : offsets[-1]].reshape(n, SID_WIDTH)
    return chars if chars.max() < 128 else None


def _split_fixed(chars: np.ndarray) -> tuple[pa.DictionaryArray, np.ndarray, int]:
    """(key, datatype, rows not in the series_id layout) from 30-character ids, by byte position:
    the same rows the layout's regular expression refuses, without running it over every row."""
    n = len(chars)
    key = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(19), n, [None, pa.py_buffer(np.ascontiguousarray(chars[:, 4:23]))]
    )
    key = pc.dictionary_encode(key)
    key = pa.DictionaryArray.from_arrays(key.indices, key.dictionary.cast(pa.binary()).cast(pa.string()))
    d1, d2 = chars[:, 23], chars[:, 24]
    ok = (chars[:, 0] == ord("O")) & (chars[:, 1] == ord("E")) & (chars[:, 2] == ord("U"))
    ok &= (chars[:, 3] == ord("N")) | (chars[:, 3] == ord("S")) | (chars[:, 3] == ord("M"))
    ok &= (d1 >= ord("0")) & (d1 <= ord("9")) & (d2 >= ord("0")) & (d2 <= ord("9"))
    ok &= (chars[:, 25:] == ord(" ")).all(axis=1)
    good_key = pc.match_substring_regex(key.dictionary, _KEY_RE).to_numpy(zero_copy_only=False)
    if not good_key.all():
        ok &= good_key[key.indices.to_numpy()]
    datatype = (d1.astype(np.int8) - ord("0")) * 10 + (d2.astype(np.int8) - ord("0"))
    return key, datatype, n - int(ok.sum())


def _split_text(sid: pa.Array) -> tuple[pa.DictionaryArray, np.ndarray, int]:
    """The same from series ids of any width (the regular expression on every row)."""
    ok = pc.match_substring_regex(sid, _SID_RE)
    bad = len(ok) - (pc.sum(ok).as_py() or 0)
    if bad:
        return pa.array([], pa.string()).dictionary_encode(), np.zeros(0, np.int8), bad
    key = pc.dictionary_encode(pc.utf8_slice_codeunits(sid, 4, 23))
    datatype = pc.cast(pc.utf8_slice_codeunits(sid, 23, 25), pa.int8()).to_numpy()
    return key, datatype, 0


def _top_coded(foot: pa.Array) -> pa.Array:
    """Footnote 5 among a row's footnote codes; one-character codes (all BLS writes) by equality."""
    if len(foot) and (pc.max(pc.utf8_length(foot)).as_py() or 0) <= 1:
        return pc.equal(foot, "5")
    return pc.match_substring_regex(foot, _TOP_RE)


def read_oews_data(path: Path) -> OewsData:
    """Read oe.data.0.Current.gz (columns by header name) into series keys, datatypes, values and
    top-coded flags."""
    need = expected_columns("oe.data.0.Current.gz")
    raw = _header(path)
    names = [c.strip() for c in raw]
    missing = [c for c in need if c not in names]
    if missing:
        raise IngestError(
            f"{path}: missing column(s) {', '.join(missing)}; expected a tab-separated header with "
            f"{', '.join(need)} (found {', '.join(n for n in names if n) or 'nothing'})"
        )
    # Streamed in blocks, each reduced at once to what the pivot needs (key number, datatype,
    # value, top-coded flag): the padded 6-million-row file never sits in memory whole, and each
    # distinct key is kept once (a block's keys are dictionary-encoded, the blocks' dictionaries
    # unified at the end).
    sid_col, year_col, value_col, foot_col = (raw[names.index(n)] for n in need)
    keys: list[pa.DictionaryArray] = []
    datatypes: list[np.ndarray] = []
    values: list[pa.Array] = []
    tops: list[pa.Array] = []
    years: set[str] = set()
    bad = 0
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=raw, skip_rows=1, block_size=1 << 23),
            parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
            convert_options=pacsv.ConvertOptions(
                column_types={r: pa.string() for r in raw},
                include_columns=[sid_col, year_col, value_col, foot_col],
                strings_can_be_null=False,
            ),
        )
        for batch in reader:
            sid = batch.column(sid_col)
            chars = _fixed_width(sid)
            key, datatype, wrong = _split_fixed(chars) if chars is not None else _split_text(sid)
            bad += wrong
            if bad:
                continue  # only counted from here on
            keys.append(key)
            datatypes.append(datatype)
            values.append(pc.utf8_trim_whitespace(batch.column(value_col)))
            tops.append(_top_coded(batch.column(foot_col)))
            years.update(y.strip() for y in pc.unique(batch.column(year_col)).to_pylist())
    except (pa.ArrowInvalid, OSError, EOFError, zlib.error) as e:
        raise IngestError(f"{path}: cannot read as gzip tab-separated text ({e})") from None
    if bad:
        raise IngestError(
            f"{path}: {bad} series_id value(s) are not OEU + area type (1) + area (7) + "
            "industry (6) + occupation (6) + datatype (2)"
        )
    if not keys:
        raise IngestError(f"{path}: no data rows under the header")
    unified = pa.table({"key": pa.chunked_array(keys)}).unify_dictionaries()["key"]
    del keys
    data = OewsData(
        keys=unified.chunk(0).dictionary,
        index=np.concatenate([c.indices.to_numpy() for c in unified.chunks]),
        datatype=np.concatenate(datatypes),
        value=pa.concat_arrays(values),
        top_coded=pa.concat_arrays(tops),
        years=years,
    )
    del unified, datatypes, values, tops
    pa.default_memory_pool().release_unused()  # the blocks' memory back to the system, not kept for reuse
    return data


# --- Employment Projections workbook -------------------------------------------------------


def ep_decimal(v) -> Decimal | None:
    """A workbook cell as an exact decimal: repr() of a float is its shortest round-trip form."""
    if v is None or (isinstance(v, str) and v.strip() in ("—", "-", "")):
        return None
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, int | float):
        return Decimal(repr(v))
    return Decimal(str(v).replace(",", "").strip())


EP_TABLES = ("Table 1.2", "Table 1.10", "Table 1.12")


def _ep_cell(v):
    """A calamine cell as openpyxl reads it: whole numbers as int (Excel writes them without a point),
    an empty cell as None."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None if v == "" else v


def ep_sheet_jobs(path: Path) -> list[sheets.Job]:
    """The sheets read_ep_table reads, for sheets.prefetch."""
    return [sheets.rows_job(path, s, False) for s in EP_TABLES] if Path(path).is_file() else []


def sheet_names(path: Path, missing: str = "", kind: str = "a workbook") -> list[str]:
    """The workbook's sheet names; IngestError when the file is missing (`missing` says what was expected)
    or cannot be opened as `kind`."""
    if not Path(path).is_file():
        raise IngestError(f"{path}: file not found{missing}")
    try:
        return sheets.names(path)
    except Exception as e:  # calamine raises its own kinds for a file that is not a workbook
        raise IngestError(f"{path}: cannot open as {kind} ({type(e).__name__}: {e})") from None


def read_ep_table(path: Path, sheet: str) -> pd.DataFrame:
    """Read one table of the EP workbook as text columns named by ep_columns.csv.

    Finds the sheet by name, checks its title cell, finds the header row by the code
    column's header, and stops at the first row without a code (the footnotes).
    """
    spec = [r for r in _map("ep_columns.csv") if r["sheet"] == sheet]
    names = sheet_names(path, "; expected the EP occupation workbook", "an .xlsx workbook")
    if sheet not in names:
        raise IngestError(
            f"{path}: no sheet named {sheet!r}; expected EP tables 1.2, 1.10 and 1.12 (found {', '.join(names)})"
        )
    try:
        rows = iter(sheets.rows(path, sheet, False))
    except sheets.WorkbookTooLarge:  # refused before reading, with its own message
        raise
    except Exception as e:  # noqa: BLE001 - a damaged sheet inside a readable workbook
        raise IngestError(f"{path}: cannot read sheet {sheet!r} ({type(e).__name__}: {e})") from None
    title = _ep_cell(next(rows, [None])[0])
    if not (isinstance(title, str) and title.startswith(sheet)):
        raise IngestError(f"{path}: sheet {sheet!r} does not start with the title '{sheet} …' (found {title!r})")
    code_header = next(r["header"] for r in spec if r["kind"] == "code" and r["column"] == "soc_code")
    header = None
    for row in rows:
        row = [_ep_cell(v) for v in row]
        if code_header in row:
            header = [str(h).strip() if h is not None else "" for h in row]
            break
    if header is None:
        raise IngestError(f"{path}: sheet {sheet!r} has no header row with {code_header!r}")
    missing = [r["header"] for r in spec if r["header"] not in header]
    if missing:
        raise IngestError(
            f"{path}: sheet {sheet!r} is missing column(s) {'; '.join(missing)} "
            f"(found {'; '.join(h for h in header if h)})"
        )
    index = {r["column"]: header.index(r["header"]) for r in spec}
    code_at = index["soc_code"]
    records = []
    for row in rows:
        code = _ep_cell(row[code_at]) if code_at < len(row) else None
        if not code:
            break
        records.append({col: _ep_cell(row[i]) for col, i in index.items()})
    if not records:
        raise IngestError(f"{path}: sheet {sheet!r} has no data rows under its header")
    return pd.DataFrame.from_records(records, columns=list(index))
