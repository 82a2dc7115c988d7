"""Files a user takes away: CSV made safe for spreadsheets."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GENERIC_SOURCE = "BLS Occupational Employment and Wage Statistics (OEWS); BLS Employment Projections"


def safe_csv(df: pd.DataFrame, source: str = GENERIC_SOURCE) -> bytes:
    """CSV with the source on top; text cells that a spreadsheet would run as a formula are neutralised."""
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    header = f"# Source: {source}\n"
    return (header + out.to_csv(index=False, lineterminator="\n")).encode("utf-8")
