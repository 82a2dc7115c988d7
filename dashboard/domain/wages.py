"""Wages as OEWS publishes them: a row by occupation and area, its percentiles, top-code bounds, pay basis."""

from __future__ import annotations

import pandas as pd

from dashboard.core.codes import (
    ALL_INDUSTRIES,
    NATIONAL,
    PERCENTILE_LABELS,
    PERCENTILES,
    WAGE_COLUMNS,
    top_coded_flag,
)
from dashboard.core.formatting import is_missing, money
from dashboard.data.dataset import Dataset


def capped(row, col: str) -> bool:
    """Whether the row's `col` is the top-code bound (OEWS footnote 5), not the wage itself."""
    return row is not None and bool(row.get(top_coded_flag(col), False))


def any_capped(row) -> bool:
    """Whether any wage in the row is a top-code bound."""
    return row is not None and any(capped(row, c) for c in WAGE_COLUMNS)


# OEWS footnote 4: an occupation not paid year-round full time (or paid by the hour) has its wages published one way
# only. A way counts as published when its median or its mean is; a column a table lacks counts as not published.
PUBLISHED_BY = {"annual": ("annual_median", "annual_mean"), "hourly": ("hourly_median", "hourly_mean")}
ONE_WAY_ONLY = {(True, False): "annual only", (False, True): "hourly only"}  # (annual published, hourly published)


def pay_basis(row) -> str | None:
    """'annual only' / 'hourly only' when BLS publishes the row's wages one way only, else None."""
    annual, hourly = (any(not is_missing(row.get(c)) for c in PUBLISHED_BY[way]) for way in ("annual", "hourly"))
    return ONE_WAY_ONLY.get((annual, hourly))


def pay_bases(df: pd.DataFrame) -> pd.Series:
    """pay_basis of every row of a table, '' where wages are published both ways (or neither)."""
    annual, hourly = (df.reindex(columns=list(PUBLISHED_BY[way])).notna().any(axis=1) for way in ("annual", "hourly"))
    return pd.Series(
        [ONE_WAY_ONLY.get(ways, "") for ways in zip(annual.tolist(), hourly.tolist(), strict=True)],
        index=df.index,
        dtype="str",
    )


# --- lookups ------------------------------------------------------------------------------------


def wage_row(ds: Dataset, soc: str, area: str = NATIONAL, industry: str | None = None) -> pd.Series | None:
    try:
        if industry and industry != ALL_INDUSTRIES:
            return ds.hiring.loc[(soc, industry)]
        return ds.wages.loc[(soc, area)]
    except KeyError:
        return None


def wage_percentiles(ds: Dataset, soc: str, area: str, hourly: bool = False) -> pd.DataFrame:
    """The five percentiles for the area and for the nation: one row per (place, percentile)."""
    prefix = "hourly" if hourly else "annual"
    rows = []
    places = [(NATIONAL, "United States")]
    if area != NATIONAL:
        places.insert(0, (area, ds.areas.loc[area, "area_name"]))
    for code, name in places:
        r = wage_row(ds, soc, code)
        for p in PERCENTILES:
            col = f"{prefix}_{p}"
            v = None if r is None else r[col]
            rows.append(
                {
                    "place": name,
                    "percentile": PERCENTILE_LABELS[p],
                    "wage": None if is_missing(v) else float(v),
                    "top_coded": capped(r, col),
                    "label": money(v, capped(r, col), hourly),
                }
            )
    return pd.DataFrame(rows)
