"""Read the raw BLS files exactly as published: no interpretation beyond layout."""

from __future__ import annotations

import csv
import gzip
import zlib
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv


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


def read_oews_data(path: Path) -> pa.Table:
    """Read oe.data.0.Current.gz (columns by header name) into key, datatype, year, value, top_coded."""
    need = expected_columns("oe.data.0.Current.gz")
    raw = _header(path)
    names = [c.strip() for c in raw]
    missing = [c for c in need if c not in names]
    if missing:
        raise IngestError(
            f"{path}: missing column(s) {', '.join(missing)}; expected a tab-separated header with "
            f"{', '.join(need)} (found {', '.join(n for n in names if n) or 'nothing'})"
        )
    # Streamed in blocks, each reduced at once to what the pivot needs (key, datatype, value,
    # top-coded flag): the padded 6-million-row file never sits in memory whole.
    sid_col, year_col, value_col, foot_col = (raw[names.index(n)] for n in need)
    parts: list[pa.Table] = []
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
            ok = pc.match_substring_regex(sid, r"^OEU[NSM][0-9A-Z]{7}[0-9A-Z-]{6}[0-9]{8} *$")
            bad += len(ok) - (pc.sum(ok).as_py() or 0)
            parts.append(
                pa.table(
                    {
                        "key": pc.utf8_slice_codeunits(sid, 4, 23),
                        "datatype": pc.cast(pc.utf8_slice_codeunits(sid, 23, 25), pa.int8()),
                        "year": pc.dictionary_encode(pc.utf8_trim_whitespace(batch.column(year_col))),
                        "value": pc.utf8_trim_whitespace(batch.column(value_col)),
                        "top_coded": pc.match_substring_regex(batch.column(foot_col), r"(^|,)\s*5\s*(,|$)"),
                    }
                )
            )
    except (pa.ArrowInvalid, OSError, EOFError, zlib.error) as e:
        raise IngestError(f"{path}: cannot read as gzip tab-separated text ({e})") from None
    if bad:
        raise IngestError(
            f"{path}: {bad} series_id value(s) are not OEU + area type (1) + area (7) + "
            "industry (6) + occupation (6) + datatype (2)"
        )
    if not parts:
        raise IngestError(f"{path}: no data rows under the header")
    return pa.concat_tables(parts)


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


def read_ep_table(path: Path, sheet: str) -> pd.DataFrame:
    """Read one table of the EP workbook as text columns named by ep_columns.csv.

    Finds the sheet by name, checks its title cell, finds the header row by the code
    column's header, and stops at the first row without a code (the footnotes).
    """
    import openpyxl  # only the ingest needs it

    spec = [r for r in _map("ep_columns.csv") if r["sheet"] == sheet]
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise IngestError(f"{path}: file not found; expected the EP occupation workbook") from None
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        raise IngestError(f"{path}: cannot open as an .xlsx workbook ({type(e).__name__}: {e})") from None
    try:
        if sheet not in wb.sheetnames:
            raise IngestError(
                f"{path}: no sheet named {sheet!r}; expected EP tables 1.2, 1.10 and 1.12 "
                f"(found {', '.join(wb.sheetnames)})"
            )
        rows = wb[sheet].iter_rows(values_only=True)
        title = next(rows, (None,))[0]
        if not (isinstance(title, str) and title.startswith(sheet)):
            raise IngestError(f"{path}: sheet {sheet!r} does not start with the title '{sheet} …' (found {title!r})")
        code_header = next(r["header"] for r in spec if r["kind"] == "code" and r["column"] == "soc_code")
        header = None
        for row in rows:
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
            code = row[code_at] if code_at < len(row) else None
            if not code:
                break
            records.append({col: row[i] for col, i in index.items()})
    finally:
        wb.close()
    if not records:
        raise IngestError(f"{path}: sheet {sheet!r} has no data rows under its header")
    return pd.DataFrame.from_records(records, columns=list(index))
