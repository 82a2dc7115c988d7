"""SOC 2010 → SOC 2018 crosswalk and the OEWS May 2019/2020 hybrid structure, read as BLS publishes them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.core.codes import SOC_RE
from dashboard.ingest import sheets
from dashboard.ingest.extract import IngestError
from dashboard.ingest.history import _rows, _sheet

FOLDER = "bls-soc-crosswalks"
SOC2010_FILE = "soc_2010_to_2018_crosswalk.xlsx"
HYBRID_FILE = "oes_2019_hybrid_structure.xlsx"
COLUMNS = ("from_system", "from_code", "from_title", "soc_code", "title", "note")

# (file, sheet, {contract column: header text})
LAYOUT = {
    "soc2010": (
        SOC2010_FILE,
        "Sorted by 2010",
        {
            "from_code": "2010 SOC Code",
            "from_title": "2010 SOC Title",
            "soc_code": "2018 SOC Code",
            "title": "2018 SOC Title",
        },
    ),
    "oews2019": (
        HYBRID_FILE,
        "OES2019 Hybrid",
        {
            "from_code": "OES 2019 Estimates Code",
            "from_title": "OES 2019 Estimates Title",
            "soc_code": "2018 SOC Code",
            "title": "2018 SOC Title",
            "note": "NOTES",
        },
    ),
}


def read_pairs(path: Path, sheet: str, system: str, headers: dict[str, str]) -> pd.DataFrame:
    rows = _rows(path, sheet)
    if not rows:
        raise IngestError(f"{path}: no sheet named {sheet!r}")
    want = {h.lower() for h in headers.values()}
    at = next((i for i, r in enumerate(rows[:30]) if want <= {str(c).strip().lower() for c in r}), None)
    if at is None:
        raise IngestError(f"{path}, sheet {sheet!r}: no header row with {', '.join(headers.values())}")
    head = [str(c).strip().lower() for c in rows[at]]
    index = {col: head.index(h.lower()) for col, h in headers.items()}
    out = []
    for row in rows[at + 1 :]:
        code = str(row[index["from_code"]]).strip()
        if not SOC_RE.match(code):
            continue
        rec = {col: str(row[i]).strip() for col, i in index.items()}
        if not SOC_RE.match(rec["soc_code"]):
            raise IngestError(f"{path}: {code} maps to {rec['soc_code'][:20]!r}, not a SOC 2018 code")
        rec["from_system"] = system
        out.append(rec)
    df = pd.DataFrame.from_records(out).reindex(columns=list(COLUMNS)).astype(object).fillna("")
    # the hybrid sheet repeats a pair once per SOC 2010 code behind it: one row per pair
    return df.drop_duplicates(["from_system", "from_code", "soc_code"])


def sheet_jobs(folder: Path) -> list[sheets.Job]:
    """The sheets soc_crosswalk() reads, for sheets.prefetch."""
    jobs = []
    for file, sheet, _ in LAYOUT.values():
        try:
            found = _sheet(Path(folder) / file, sheet)
        except IngestError:
            continue  # soc_crosswalk says what is wrong
        if found is not None:
            jobs.append(sheets.rows_job(Path(folder) / file, found))
    return jobs


def soc_crosswalk(folder: Path) -> pd.DataFrame:
    folder = Path(folder)
    parts = [read_pairs(folder / f, sheet, system, h) for system, (f, sheet, h) in LAYOUT.items()]
    df = pd.concat(parts, ignore_index=True)
    return df.sort_values(["from_system", "from_code", "soc_code"], kind="stable").reset_index(drop=True)
