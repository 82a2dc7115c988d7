"""Files a user takes away: CSV made safe for spreadsheets, saying whose figures they are.

The header is the first line (a comment line above it makes Excel put the header on row 2); the
area and the source are columns of their own, so a filtered or pasted subset keeps them, where a
second file or a footer would be lost. Whole numbers are written without ".0".
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA = re.compile(r"[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")  # full-width ＝ ＋ － ＠ too
GENERIC_SOURCE = "BLS Occupational Employment and Wage Statistics (OEWS); BLS Employment Projections"


def neutralise(value):
    """A text cell a spreadsheet would run as a formula, prefixed with ' so that it stays text: one that
    starts with = + - @ (or their full-width forms, which some spreadsheets read as the same), with them
    after leading spaces (which spreadsheets skip), or with a tab. A carriage return becomes a newline:
    the CSV writer quotes a cell with a newline but not one with a lone \r, which a spreadsheet takes
    for the end of the row (and the rest of the cell for the start of the next, formula and all)."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if FORMULA.match(value) else value


def _whole(col: pd.Series) -> bool:
    known = col.dropna()
    return pd.api.types.is_float_dtype(col) and bool(len(known)) and bool((known == known.round()).all())


def safe_csv(df: pd.DataFrame, source: str = GENERIC_SOURCE, place: str | None = None) -> bytes:
    """CSV with the header first, then Area (when given) and Source columns; formulas neutralised."""
    out = df.copy()
    for col in out.columns:
        if _whole(out[col]):
            out[col] = out[col].astype("Int64")
        elif not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    if place:
        out["Area"] = neutralise(place)
    out["Source"] = source
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")
