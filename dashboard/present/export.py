"""Files a user takes away: CSV made safe for spreadsheets, saying whose figures they are.

The header is the first line (a comment line above it makes Excel put the header on row 2); the
area and the source are columns of their own, so a filtered or pasted subset keeps them, where a
second file or a footer would be lost. Whole numbers are written without ".0"; hourly wages with two
decimals, as BLS publishes them ("34.70", not "34.7"). The file is UTF-8 with a byte-order mark: without
one, Excel on Windows reads "–", "→" and "×" as Windows-1252 ("â€“").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from dashboard.core.formatting import money

FORMULA = re.compile(r"[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")  # full-width ＝ ＋ － ＠ too
GENERIC_SOURCE = "BLS Occupational Employment and Wage Statistics (OEWS); BLS Employment Projections"
HOURLY_HEADING = re.compile(r"\bhourly\b", re.I)  # "Median hourly wage, Michigan", "hourly_median (…)"
HOURLY_ATTR = "hourly_columns"  # DataFrame.attrs key: hourly money columns whose heading does not say so


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


def bound_notes(values: Iterable, flags: Iterable, hourly: bool = False) -> list[str]:
    """The top-coded column beside a numeric wage column: 'yes: at least $239,200 (published bound)' where
    the wage is the OEWS top-code bound (footnote 5), else empty."""
    return [
        f"yes: at least {money(v, hourly=hourly)} (published bound)" if bool(t) else ""
        for v, t in zip(values, flags, strict=True)
    ]


def mark_hourly(df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """The frame with `columns` marked as hourly money for safe_csv (for headings that do not say "hourly")."""
    df.attrs[HOURLY_ATTR] = [*df.attrs.get(HOURLY_ATTR, []), *columns]
    return df


def _cents(value) -> str:
    return "" if pd.isna(value) else f"{value:.2f}"


def safe_csv(
    df: pd.DataFrame, source: str = GENERIC_SOURCE, place: str | None = None, hourly: Iterable[str] = ()
) -> bytes:
    """CSV (UTF-8 with a BOM) with the header first, then Area (when given) and Source columns; formulas
    neutralised, in the headings as in the cells. Hourly
    money (a numeric column named in `hourly` or marked with mark_hourly, or whose heading says hourly) is
    written with two decimals; a missing one stays empty."""
    out = df.copy()
    cents = {*hourly, *df.attrs.get(HOURLY_ATTR, [])}
    for col in out.columns:
        numeric = pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col])
        if numeric and (col in cents or HOURLY_HEADING.search(str(col))):
            out[col] = out[col].map(_cents)
        elif _whole(out[col]):
            out[col] = out[col].astype("Int64")
        elif not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    if place:
        out["Area"] = neutralise(place)
    out["Source"] = neutralise(source)
    # headings can carry data too ("Michigan openings a year 2022–32" starts with the state's name)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
