"""The history tables (issue 13) from one folder of raw sources: OEWS May 2013–2024 workbooks, EP
vintages, SOC crosswalks and CPI-U, each in its folder as `fetch-raw` lays them out.

`read` parses the raw files (it runs beside the flat-file pivot); `finish` adds the May release's
national rows from the same frame as salary_percentiles.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.ingest import cpi, crosswalk, history, vintages
from dashboard.ingest.extract import IngestError

SOURCES = {
    "oews_national_history": history.FOLDER,
    "soc_crosswalk": crosswalk.FOLDER,
    "projection_vintages": vintages.FOLDER,
    "cpi_u": cpi.FOLDER,
}


def read(raw: Path | None, oews_dir: Path) -> dict[str, pd.DataFrame]:
    """The four tables, history without the May release's year.

    `raw` given: every source folder must be in it. `raw` None: the folder beside the OEWS flat files
    is tried, and the history tables are left out when their folders are not there (an extract with
    only the May files still builds).
    """
    required = raw is not None
    raw = Path(raw) if raw is not None else Path(oews_dir).parent
    folders = {name: raw / f for name, f in SOURCES.items()}
    missing = [f for f in folders.values() if not f.is_dir()]
    if missing:
        if required:
            raise IngestError(f"{missing[0]}: not a folder; the raw folder must hold {', '.join(SOURCES.values())}")
        return {}
    return {
        "oews_national_history": history.read_workbooks(folders["oews_national_history"]),
        "soc_crosswalk": crosswalk.soc_crosswalk(folders["soc_crosswalk"]),
        "projection_vintages": vintages.projection_vintages(folders["projection_vintages"]),
        "cpi_u": cpi.cpi_u(folders["cpi_u"]),
    }


def sheet_jobs(raw: Path | None, oews_dir: Path) -> list:
    """The workbook sheets read() reads, for sheets.prefetch."""
    raw = Path(raw) if raw is not None else Path(oews_dir).parent
    return history.sheet_jobs(raw / history.FOLDER) + crosswalk.sheet_jobs(raw / crosswalk.FOLDER)


def finish(
    parts: dict[str, pd.DataFrame], oews_dir: Path, salary: pd.DataFrame, occupations: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    if not parts:
        return {}
    years = parts["oews_national_history"]
    return {**parts, "oews_national_history": history.oews_national_history(years, salary, occupations, oews_dir)}
