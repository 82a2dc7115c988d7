"""Table cells in words: wage percentiles as text or as numbers with their bounds, Explore's row notes."""

from __future__ import annotations

import pandas as pd

from dashboard.core.codes import (
    PERCENTILE_LABELS,
    PERCENTILES,
    top_coded_flag,
)
from dashboard.core.formatting import money
from dashboard.domain import wages


def explorer_notes(df: pd.DataFrame, cap: str) -> pd.Series:
    """Per row: 'median top-coded (≥ $239,200)' and 'annual only' / 'hourly only', joined."""
    basis = wages.pay_bases(df)
    top = df[top_coded_flag("annual_median")].map({True: f"median top-coded ({cap})", False: ""})
    return (top + "; " + basis).str.strip("; ")


def percentile_labels(df: pd.DataFrame, hourly: bool = False, lead: tuple[str, ...] = ("title", "soc_code")):
    """The five percentiles of each row as text ('≥ $239,200' for a bound), after the lead columns."""
    out = df[list(lead)].rename(columns={"title": "Occupation", "soc_code": "SOC code"})
    for p in PERCENTILES:
        col = f"{'hourly' if hourly else 'annual'}_{p}"
        out[PERCENTILE_LABELS[p]] = [money(v, t, hourly) for v, t in zip(df[col], df[f"{col}_top_coded"], strict=True)]
    return out


def percentile_numbers(df: pd.DataFrame, hourly: bool = False, lead: tuple[str, ...] = ("title", "soc_code")):
    """percentile_labels for a CSV: each percentile a number (empty when not released), and one column naming
    the percentiles that are top-code bounds, so a spreadsheet can compute with the rest."""
    basis = "hourly" if hourly else "annual"
    out = df[list(lead)].rename(columns={"title": "Occupation", "soc_code": "SOC code"})
    bounds = [[] for _ in range(len(df))]
    for p in PERCENTILES:
        col = f"{basis}_{p}"
        out[f"{PERCENTILE_LABELS[p]} ({basis} wage)"] = pd.to_numeric(df[col]).to_numpy()
        for i, (v, t) in enumerate(zip(df[col], df[f"{col}_top_coded"], strict=True)):
            if t:
                bounds[i].append(f"{PERCENTILE_LABELS[p].lower()} at least {money(v, hourly=hourly)}")
    out["Top-coded percentiles (published bounds)"] = ["; ".join(b) for b in bounds]
    return out
