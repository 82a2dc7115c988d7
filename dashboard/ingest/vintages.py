"""BLS Employment Projections exports, one CSV per vintage (ep_2016-26.csv … ep_2024-34.csv).

Read as published: column names carry the years ("Employment 2016 (thousands)", "Median Annual
Wage 2019"), counts are thousands with separators ("1,579.80" → 1579800 persons), codes are
sometimes written as a spreadsheet formula (="13-2011"), and the title cell also packs BLS's
sample job titles ("Accountants and auditors    * Account Auditor* Accountant* …"), kept in
`sample_titles` separated by "; ".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from dashboard.core.codes import SOC_RE
from dashboard.data.schema import TABLES
from dashboard.ingest.extract import IngestError

FOLDER = "bls-ep-vintages"
FILE_RE = re.compile(r"^ep_(\d{4})-(\d{2})\.csv$")
COLUMNS = tuple(TABLES["projection_vintages"].columns)  # the contract's order

# contract column -> pattern of the export's header ({b} base year, {t} target year)
HEADERS = {
    "title": r"occupation title",
    "soc_code": r"(soc|occupation) code",
    "employment_base": r"employment {b}( \(thousands\))?",
    "employment_target": r"employment {t}( \(thousands\))?",
    "change": r"employment change, {b}-{t}( \(thousands\))?",
    "change_pct": r"employment (percent change, {b}-{t}|change, {b}-{t} \(percent\))",
    "openings_annual": r"occupational openings, {b}-{t} annual average( \(thousands\))?",
    "median_wage_base_year": r"(median annual wage (?P<y1>\d{{4}})|(?P<y2>\d{{4}}) median annual wage)",
    "education": r"typical entry-level education",
    "experience": r"work experience in a related occupation",
    "training": r"typical on-the-job training",
}
THOUSANDS = ("employment_base", "employment_target", "change", "openings_annual")
WAGE_TOP_RE = re.compile(r"^>=\s*\$?\s*([\d,]+)$")


def _unwrap(code: str) -> str:
    """'="13-2011"' (a spreadsheet formula keeping the code as text) → '13-2011'."""
    s = code.strip()
    m = re.fullmatch(r'="(.*)"', s)
    return (m.group(1) if m else s).strip()


def split_title(cell: str) -> tuple[str, str]:
    """'Accountants and auditors    * Account Auditor* Accountant' → ('Accountants and auditors',
    'Account Auditor; Accountant')."""
    head, _, rest = cell.partition("*")
    samples = [s.strip() for s in rest.split("*")] if rest else []
    return head.strip(), "; ".join(s for s in samples if s)


def _decimal(v: str, where: str) -> Decimal | None:
    s = v.strip().replace(",", "")
    if s in ("", "N/A", "—", "-", "*"):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        raise IngestError(f"{where}: not a number: {v[:40]!r}") from None


def _text(d: Decimal | None) -> str:
    if d is None:
        return ""
    d = d.normalize()
    return f"{d:f}" if d != d.to_integral_value() else str(int(d))


def read_vintage(path: Path) -> pd.DataFrame:
    m = FILE_RE.match(path.name)
    base = m.group(1)
    target = str(int(base[:2] + m.group(2)))
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise IngestError(f"{path}: cannot read as comma-separated UTF-8 text ({e})") from None
    index: dict[str, str] = {}
    wage_year = ""
    for col, pattern in HEADERS.items():
        rx = re.compile(pattern.format(b=base, t=target), re.I)
        for h in raw.columns:
            hm = rx.fullmatch(h.strip())
            if hm:
                index[col] = h
                if col == "median_wage_base_year":
                    wage_year = hm.group("y1") or hm.group("y2")
                break
    missing = [c for c in HEADERS if c not in index]
    if missing:
        raise IngestError(
            f"{path}: no column for {', '.join(missing)} of the {base}–{target} vintage (found {', '.join(raw.columns)})"
        )
    out = []
    for n, row in enumerate(raw.itertuples(index=False), start=2):
        r = dict(zip(raw.columns, row, strict=True))
        code = _unwrap(r[index["soc_code"]])
        if not SOC_RE.match(code):
            raise IngestError(f"{path}, row {n}: occupation code {code[:40]!r} is not NN-NNNN")
        title, samples = split_title(r[index["title"]])
        rec = {
            "vintage": f"{base}-{target[2:]}",
            "base_year": base,
            "target_year": target,
            "soc_code": code,
            "title": title,
            "sample_titles": samples,
            "wage_year": wage_year,
            "top_coded": "",
        }
        for col in ("employment_base", "employment_target", "change", "change_pct", "openings_annual"):
            d = _decimal(r[index[col]], f"{path}, row {n}, column {index[col]!r}")
            rec[col] = _text(d * 1000 if d is not None and col in THOUSANDS else d)
        wage = r[index["median_wage_base_year"]].strip()
        top = WAGE_TOP_RE.match(wage)
        if top:
            rec["median_wage_base_year"] = top.group(1).replace(",", "")
            rec["top_coded"] = "median_wage_base_year"
        else:
            rec["median_wage_base_year"] = _text(_decimal(wage, f"{path}, row {n}, median wage"))
        for col in ("education", "experience", "training"):
            rec[col] = r[index[col]].strip()
        out.append(rec)
    df = pd.DataFrame.from_records(out, columns=list(COLUMNS))
    dup = df["soc_code"].duplicated()
    if dup.any():
        raise IngestError(f"{path}: occupation code(s) repeated: {', '.join(df['soc_code'][dup].head(5))}")
    return df


def projection_vintages(folder: Path) -> pd.DataFrame:
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(f"{folder}: not a folder; expected the EP exports ep_YYYY-YY.csv")
    paths = sorted(p for p in folder.iterdir() if FILE_RE.match(p.name))
    if not paths:
        raise IngestError(f"{folder}: no EP export named ep_YYYY-YY.csv")
    df = pd.concat([read_vintage(p) for p in paths], ignore_index=True)
    return df.sort_values(["vintage", "soc_code"], kind="stable").reset_index(drop=True)
