"""Explore's national employment trend: the change-since-2015 filter, its columns and a small line per row."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data.dataset import Dataset
from dashboard.domain import trend_summary as S
from dashboard.domain import trends
from dashboard.web.params import EMP_CHANGE_RANGE, PARAMS


def slider(ds: Dataset, current: tuple[float, float], key: str, where=None) -> tuple[float, float]:
    """The sidebar's range of national employment change (the whole range: no filter); none without history.
    `where`: a container of the sidebar to draw it in."""
    if not trends.available(ds):
        return EMP_CHANGE_RANGE
    last = int(ds.oews_history["year"].max())
    return (where or st.sidebar).slider(
        f"National employment change since {S.SINCE}, OEWS (%)",
        *PARAMS["emp_change"].bounds,
        current,
        step=5.0,
        format="%.0f%%",
        key=key,
        help=f"United States, OEWS May {S.SINCE} (or the first comparable year after it) to May {last}, whatever "
        f"area or industry is chosen. {EMP_CHANGE_RANGE[1]:g} means {EMP_CHANGE_RANGE[1]:g}% or more. Occupations "
        "without a comparable national series are left out while the range is narrowed.",
    )


def param(value: tuple[float, float]) -> str | None:
    """The URL value for the range (None: the whole range, no filter)."""
    return PARAMS["emp_change"].text(value)


def bounds(value: tuple[float, float]) -> tuple[float | None, float | None]:
    lo, hi = value
    return (None if lo <= EMP_CHANGE_RANGE[0] else lo, None if hi >= EMP_CHANGE_RANGE[1] else hi)


def apply(ds: Dataset, view: pd.DataFrame, value: tuple[float, float]) -> pd.DataFrame:
    """The rows whose national employment change lies in the range."""
    return S.filter_change(view, ds, *bounds(value))


def caption(ds: Dataset, value: tuple[float, float]) -> str | None:
    """What the trend columns are (and, with the range narrowed, that rows without a series are left out)."""
    if not trends.available(ds):
        return None
    narrowed = (
        " Occupations without a comparable change are left out while the range is narrowed." if param(value) else ""
    )
    return S.note(ds) + narrowed
