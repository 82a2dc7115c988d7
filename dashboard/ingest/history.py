"""OEWS national estimates May 2013 – May 2024 (the BLS workbooks) plus May 2025 (the flat files).

Each workbook is read as published: the header row by name (case and names change across years:
OCC_GROUP / o_group …), `*` and `**` are not released (empty), `#` is the year's top code, read
from the release's own field descriptions (a separate file to 2018, a sheet inside the workbook
from 2019). python-calamine reads both the 2013 .xls and the .xlsx files, about 20 times faster
than openpyxl.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from dashboard.core.codes import ANNUAL_WAGES, HOURLY_WAGES, NATIONAL, PERCENTILES, SOC_RE
from dashboard.ingest import sheets
from dashboard.ingest.extract import IngestError, sheet_names

FOLDER = "bls-oews-national-history"
WORKBOOK_RE = re.compile(r"^national_M(\d{4})_dl\.xlsx?$")
FIELD_FILE = "field_descriptions_M{year}"

# workbook header (lower case) -> contract column
HEADERS = {
    "occ_code": "soc_code",
    "occ_title": "title",
    "occ_group": "level",
    "o_group": "level",
    "tot_emp": "employment",
    "emp_prse": "employment_rse",
    "h_mean": "hourly_mean",
    "a_mean": "annual_mean",
    "mean_prse": "wage_rse",
    **{f"h_{'median' if p == 'median' else 'pct' + p[1:]}": f"hourly_{p}" for p in PERCENTILES},
    **{f"a_{'median' if p == 'median' else 'pct' + p[1:]}": f"annual_{p}" for p in PERCENTILES},
}
# the measure columns in the order of the contract (and of top_coded's list)
WAGES = ("hourly_mean", "annual_mean", *(f"hourly_{p}" for p in PERCENTILES), *(f"annual_{p}" for p in PERCENTILES))
COLUMNS = (
    "year",
    "soc_code",
    "title",
    "level",
    "employment",
    "employment_rse",
    "hourly_mean",
    "annual_mean",
    "wage_rse",
    *(f"hourly_{p}" for p in PERCENTILES),
    *(f"annual_{p}" for p in PERCENTILES),
    "top_coded",
    "top_code_hourly",
    "top_code_annual",
)
LEVELS = ("total", "major", "minor", "broad", "detailed")
NOT_RELEASED = ("*", "**", "~", "")
# "#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year"
TOP_CODE_RE = re.compile(r"#\s*=.*?\$\s*([\d,]+\.\d\d)\s*(?:per|an)\s*hour.*?\$\s*([\d,]+)\s*(?:per|a)\s*year", re.I)
FOOTNOTE_RE = re.compile(r"\$\s*([\d,]+\.\d\d)\s*per hour.*?\$\s*([\d,]+)\s*per year", re.I)


def _sheet(path: Path, sheet: str | None = None) -> int | str | None:
    """The sheet to read: the first, or the one named `sheet` ignoring case (None: no such sheet)."""
    names = sheet_names(path)
    if sheet is None:
        return 0
    match = [n for n in names if n.strip().lower() == sheet.lower()]
    return match[0] if match else None


def _rows(path: Path, sheet: str | None = None) -> list[list]:
    found = _sheet(path, sheet)
    return [] if found is None else sheets.rows(path, found)


def sheet_jobs(folder: Path) -> list[sheets.Job]:
    """The sheets read_workbooks() reads, for sheets.prefetch (none if the folder is not readable)."""
    jobs = []
    try:
        for path in workbooks(folder):
            year = WORKBOOK_RE.match(path.name).group(1)
            jobs.append(sheets.rows_job(path))
            separate = [folder / (FIELD_FILE.format(year=year) + ext) for ext in (".xlsx", ".xls")]
            separate = [p for p in separate if p.exists()]
            target = separate[0] if separate else path
            found = _sheet(target, None if separate else "Field Descriptions")
            if found is not None:
                jobs.append(sheets.rows_job(target, found))
    except IngestError:
        pass  # read_workbooks says what is wrong
    return jobs


def top_code(rows: list[list], where: str) -> tuple[str, str]:
    """(hourly, annual) cap from a field-descriptions sheet: the note on '#'."""
    for row in rows:
        text = " ".join(str(c) for c in row if c not in (None, ""))
        m = TOP_CODE_RE.search(text)
        if m:
            return _plain(m.group(1), 2), _plain(m.group(2), 0)
    raise IngestError(f"{where}: no note on '#' giving the top-coded wage ($… per hour or $… per year)")


def footnote_top_code(oews_dir: Path) -> tuple[str, str]:
    """(hourly, annual) cap of the May release in the flat files: oe.footnote's footnote 5."""
    path = Path(oews_dir) / "oe.footnote"
    try:
        df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    except (FileNotFoundError, pd.errors.ParserError, UnicodeDecodeError) as e:
        raise IngestError(f"{path}: cannot read the OEWS footnotes ({e})") from None
    df.columns = [c.strip() for c in df.columns]
    for code, text in zip(df.get("footnote_code", []), df.get("footnote_text", []), strict=False):
        m = FOOTNOTE_RE.search(text)
        if code.strip() == "5" and m:
            return _plain(m.group(1), 2), _plain(m.group(2), 0)
    raise IngestError(f"{path}: footnote 5 does not give the top-coded wage ($… per hour or $… per year)")


def _plain(text: str, places: int) -> str:
    d = Decimal(text.replace(",", ""))
    return f"{d:.{places}f}"


def _cell(v, places: int) -> str:
    """A numeric cell as the text BLS prints: counts and annual wages whole, hourly 2 places, RSE 1."""
    if v is None or isinstance(v, bool):
        return ""
    if isinstance(v, float | int):
        # a stored binary number formatted to the places BLS prints: the nearest text, as Excel shows it
        return f"{v:.{places}f}"
    else:
        s = str(v).strip().replace(",", "")
        if s in NOT_RELEASED:
            return ""
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise ValueError(v) from None
    return f"{d:.{places}f}"


PLACES = {
    "employment": 0,
    "employment_rse": 1,
    "wage_rse": 1,
    **{w: 2 for w in HOURLY_WAGES},
    **{w: 0 for w in ANNUAL_WAGES},
}


def read_workbook(path: Path, cap: tuple[str, str]) -> pd.DataFrame:
    """One national workbook as contract rows (text cells)."""
    year = WORKBOOK_RE.match(path.name).group(1)
    rows = _rows(path)
    header_at = next(
        (i for i, r in enumerate(rows[:20]) if any(str(c).strip().lower() == "occ_code" for c in r)),
        None,
    )
    if header_at is None:
        raise IngestError(f"{path}: no header row with OCC_CODE in the first sheet")
    header = [str(c).strip().lower() for c in rows[header_at]]
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in HEADERS:
            index.setdefault(HEADERS[h], i)
    missing = sorted(set(HEADERS.values()) - set(index))
    if missing:
        raise IngestError(f"{path}: missing column(s) for {', '.join(missing)} (found {', '.join(header)})")
    hourly_cap, annual_cap = cap
    out: list[dict] = []
    for n, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        code = str(row[index["soc_code"]]).strip()
        if not SOC_RE.match(code):
            if any(str(c).strip() for c in row):
                break  # the notes under the table
            continue
        rec = {"year": year, "soc_code": code, "title": str(row[index["title"]]).strip()}
        rec["level"] = str(row[index["level"]]).strip().lower()
        if rec["level"] not in LEVELS:
            raise IngestError(f"{path}, row {n}: unknown occupation group {rec['level']!r}; expected {LEVELS}")
        top = []
        for col, places in PLACES.items():
            v = row[index[col]]
            if isinstance(v, str) and v.strip() == "#":
                if col not in WAGES:
                    raise IngestError(f"{path}, row {n}: '#' in {col}, which is not a wage")
                rec[col] = hourly_cap if col in HOURLY_WAGES else annual_cap
                top.append(col)
                continue
            try:
                rec[col] = _cell(v, places)
            except ValueError:
                raise IngestError(f"{path}, row {n}, column {col}: not a number: {str(v)[:40]!r}") from None
        rec["top_coded"] = ";".join(c for c in WAGES if c in top)
        rec["top_code_hourly"], rec["top_code_annual"] = hourly_cap, annual_cap
        out.append(rec)
    if not out:
        raise IngestError(f"{path}: no occupation rows under the header")
    df = pd.DataFrame.from_records(out, columns=list(COLUMNS))
    return _one_row_per_code(df, path)


def _one_row_per_code(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    """A code published both as a broad and as a detailed occupation (13-1020) is one row, 'detailed'."""
    dup = df["soc_code"].duplicated(keep=False)
    if not dup.any():
        return df
    values = [c for c in COLUMNS if c not in ("level",)]
    differ = df[dup].drop_duplicates(values)["soc_code"].duplicated(keep=False)
    if differ.any():
        codes = sorted(set(df[dup].drop_duplicates(values)["soc_code"][differ]))
        raise IngestError(f"{path}: code(s) {', '.join(codes)} published twice with different values")
    rank = df["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    return (
        df.assign(_r=rank).sort_values("_r", kind="stable").drop_duplicates("soc_code", keep="last").drop(columns="_r")
    )


def field_descriptions(folder: Path, year: str, workbook: Path) -> tuple[str, str]:
    """The year's cap: the separate field-descriptions file (to 2018) or the workbook's own sheet."""
    for ext in (".xlsx", ".xls"):
        path = folder / (FIELD_FILE.format(year=year) + ext)
        if path.exists():
            return top_code(_rows(path), str(path))
    rows = _rows(workbook, "Field Descriptions")
    if not rows:
        raise IngestError(
            f"{workbook}: no 'Field Descriptions' sheet and no {FIELD_FILE.format(year=year)}.xls(x) beside it: "
            "the top-coded wage of the year cannot be read"
        )
    return top_code(rows, f"{workbook}, sheet 'Field Descriptions'")


def workbooks(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(f"{folder}: not a folder; expected the OEWS national workbooks national_M20YY_dl.xlsx")
    found = sorted(p for p in folder.iterdir() if WORKBOOK_RE.match(p.name))
    if not found:
        raise IngestError(f"{folder}: no national_M20YY_dl.xls(x) workbook")
    return found


def read_year(path: Path) -> pd.DataFrame:
    year = WORKBOOK_RE.match(path.name).group(1)
    return read_workbook(path, field_descriptions(path.parent, year, path))


def current(salary: pd.DataFrame, occupations: pd.DataFrame, cap: tuple[str, str]) -> pd.DataFrame:
    """The May release's national rows, from the same frame as salary_percentiles (cell for cell)."""
    nat = salary[salary["area_code"] == NATIONAL]
    occ = occupations.set_index("soc_code")
    out = nat.assign(
        title=nat["soc_code"].map(occ["title"]),
        level=nat["soc_code"].map(occ["level"]),
        top_code_hourly=cap[0],
        top_code_annual=cap[1],
    )
    return out[list(COLUMNS)]


def read_workbooks(folder: Path) -> pd.DataFrame:
    """Every workbook year, in year order."""
    return pd.concat([read_year(p) for p in workbooks(folder)], ignore_index=True)


def oews_national_history(
    years: pd.DataFrame, salary: pd.DataFrame, occupations: pd.DataFrame, oews_dir: Path
) -> pd.DataFrame:
    """The workbook years, then the flat files' year; sorted by year and code."""
    now = current(salary, occupations, footnote_top_code(oews_dir))
    if set(now["year"]) & set(years["year"]):
        raise IngestError(f"the OEWS history workbooks repeat the flat files' year {now['year'].iat[0]}")
    df = pd.concat([years, now], ignore_index=True).fillna("")
    return df.sort_values(["year", "soc_code"], kind="stable").reset_index(drop=True)
