"""Numbers as the screen, the CSV files and the briefs write them: one formatter per kind of figure."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.core.codes import RSE_CAUTION, RSE_LOW, Measure

NOT_RELEASED = "not released"


def is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def money(value, top_coded: bool = False, hourly: bool = False) -> str:
    """'$126,060', '$60.61', '≥ $239,200' for a top-coded bound, 'not released' when missing."""
    if is_missing(value):
        return NOT_RELEASED
    text = f"${value:,.2f}" if hourly else f"${value:,.0f}"
    return at_least(text) if top_coded else text


def at_least(text: str) -> str:
    """A top-coded figure as the bound it is: '≥ $239,200' (BLS publishes only that the value is at least this)."""
    return f"≥ {text}"


def count(value) -> str:
    return NOT_RELEASED if is_missing(value) else f"{int(value):,}"


def pct(value, signed: bool = True) -> str:
    if is_missing(value):
        return NOT_RELEASED
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def ratio(value) -> str:
    return NOT_RELEASED if is_missing(value) else f"{value:,.2f}"


def times(a: float, b: float) -> str:
    """How a compares with b in words: 'about 2.5 times', 'about 80% of', 'about the same as'."""
    r = a / b
    if 0.9 <= r <= 1.1:
        return "about the same as"
    if r > 1:
        return f"about {r:.1f} times"
    return f"about {r * 100:.0f}% of"


def reliability(rse) -> str:
    if is_missing(rse):
        return "RSE not released"
    if rse > RSE_LOW:
        return "low reliability"
    if rse > RSE_CAUTION:
        return "use with care"
    return "reliable"


def fmt(measure: Measure, value, top_coded: bool = False) -> str:
    if measure.kind == "count":
        return count(value)
    if measure.kind == "change":
        return pct(value)
    if measure.kind == "ratio":
        return ratio(value)
    return money(value, top_coded, hourly=measure.kind == "hourly")


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
