"""BLS CPI-U, U.S. city average, all items, not seasonally adjusted (codes.CPI_SERIES), as published."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.core.codes import CPI_SERIES
from dashboard.ingest.extract import IngestError, read_text

FOLDER = "bls-cpi-u"
FILE = f"cu.data.{CPI_SERIES}.csv"
COLUMNS = ("series_id", "year", "period", "value")


def cpi_u(folder: Path) -> pd.DataFrame:
    path = Path(folder) / FILE
    df = read_text(path, COLUMNS, f"the CPI-U series {CPI_SERIES}")
    other = sorted(set(df["series_id"]) - {CPI_SERIES})
    if other:
        raise IngestError(f"{path}: series other than {CPI_SERIES}: {', '.join(other[:3])}")
    bad = ~df["period"].str.fullmatch(r"M(0[1-9]|1[0-3])|S0[1-3]") | ~df["value"].map(
        lambda v: bool(re.fullmatch(r"\d+(\.\d+)?", v))
    )
    if bad.any():
        r = df[bad].iloc[0]
        raise IngestError(f"{path}: row {r['year']} {r['period']}: not a BLS period and index value")
    return df.sort_values(["year", "period"], kind="stable").reset_index(drop=True)
