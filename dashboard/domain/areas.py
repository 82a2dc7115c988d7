"""Areas: the forms a link may name one by, the states a metro area spans, and rankings across areas."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core.codes import (
    MEASURES,
    top_coded_flag,
)
from dashboard.core.formatting import fmt, reliability
from dashboard.data.dataset import Dataset
from dashboard.domain.derived import per_argument, per_dataset
from dashboard.domain.projections import state_ranking


def resolve_area(ds: Dataset, value: str | None) -> str | None:
    """An OEWS area code, or the forms people copy from elsewhere, as an OEWS area code; None if unknown:
    a state's postal abbreviation (CA), name (Michigan) or FIPS code (26), a metro area's CBSA code (19820)."""
    if not value:
        return None
    v = value.strip()
    if v in ds.areas.index:
        return v
    states = ds.areas[ds.areas["area_type"] == "state"]
    if v.isdigit() and len(v) <= 2:
        v = f"{int(v):02d}00000"
        return v if v in states.index else None
    if v.isdigit() and len(v) == 5 and f"00{v}" in ds.areas.index:
        return f"00{v}"
    hit = states.index[(states["state"] == v.upper()) | (states["area_name"].str.lower() == v.lower())]
    return hit[0] if len(hit) else None


# --- geography ------------------------------------------------------------------------------------


def area_states(name: str, state: str | None) -> list[str]:
    """Every state a metro area spans, from its name ('New York-Newark-Jersey City, NY-NJ')."""
    if "," in name:
        tail = name.rsplit(",", 1)[1].strip()
        codes = [s for s in tail.split("-") if len(s) == 2 and s.isalpha() and s.isupper()]
        if codes:
            return codes
    return [state] if state else []


@per_dataset
def _area_spans(ds: Dataset) -> dict[str, set[str]]:
    """Every state each area spans, parsed from the names once per dataset."""
    a = ds.areas
    return {c: set(area_states(n, s)) for c, n, s in zip(a.index, a["area_name"], a["state"].fillna(""), strict=True)}


@per_argument(512)  # rankings never change while the process runs; each is a few hundred rows
def area_ranking(
    ds: Dataset, soc: str, measure: str, area_types: tuple[str, ...], state: str | None = None
) -> pd.DataFrame:
    """The occupation's measure in every area of the given types (optionally within a state), highest first.

    A top-coded wage ranks at its bound (a lower bound stays in the ranking as one); what is not
    released goes last.
    """
    m = MEASURES[measure]
    if m.is_state_projection:  # the states' own projections: states only (no metro projections)
        out = state_ranking(ds, soc, measure)
        return out if "state" in area_types else out.iloc[0:0]
    try:
        w = ds.wages.xs(soc, level="soc_code", drop_level=True)
    except KeyError:
        w = ds.wages.iloc[0:0].droplevel("soc_code")
    areas = ds.areas.reindex(w.index)
    keep = areas["area_type"].isin(area_types).to_numpy()
    w, areas = w[keep], areas[keep]
    if state:
        spans = _area_spans(ds)
        inside = [state in spans[c] for c in w.index]
        w, areas = w[inside], areas[inside]
    flag = top_coded_flag(measure)
    tc = w[flag].to_numpy() if flag in w else np.zeros(len(w), dtype=bool)
    out = pd.DataFrame(
        {
            "area_code": w.index.to_numpy(),
            "area_name": areas["area_name"].to_numpy(),
            "area_type": areas["area_type"].to_numpy(),
            "state": areas["state"].to_numpy(),
            "value": pd.to_numeric(w[measure]).to_numpy(),
            "top_coded": tc,
            "rse": pd.to_numeric(w[m.rse]).to_numpy(),
        }
    )
    out["label"] = [fmt(m, v, t) for v, t in zip(out["value"], out["top_coded"], strict=True)]
    out["reliability"] = out["rse"].map(reliability)
    out = out.sort_values(["value", "area_name"], ascending=[False, True], na_position="last").reset_index(drop=True)
    rank = pd.array(range(1, len(out) + 1), dtype="Int64")
    rank[out["value"].isna().to_numpy()] = pd.NA
    out.insert(0, "rank", rank)
    return out
