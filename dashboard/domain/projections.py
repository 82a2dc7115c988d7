"""Projections: the nation's (BLS EP) and the states' (Projections Central), never combined in one number."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.core.codes import (
    ALL_OCCUPATIONS,
    NATIONAL,
)
from dashboard.core.formatting import count, is_missing, pct
from dashboard.data.dataset import Dataset
from dashboard.domain.derived import per_argument, per_dataset


def projection(ds: Dataset, soc: str) -> pd.Series | None:
    try:
        return ds.projections.loc[soc]
    except KeyError:
        return None


def openings_split(ds: Dataset, soc: str) -> pd.DataFrame | None:
    """Annual openings = growth + labor-force exits + occupational transfers (EP Table 1.10)."""
    p = projection(ds, soc)
    if p is None or is_missing(p["openings"]):
        return None
    exits, transfers = p["labor_force_exits"], p["occupational_transfers"]
    growth = int(p["openings"]) - int(exits) - int(transfers)
    return pd.DataFrame(
        {
            "component": ["Growth", "Labor-force exits", "Occupational transfers"],
            "openings": [growth, int(exits), int(transfers)],
        }
    )


SOURCE = "Projections Central (state LMI agencies)"


SOURCE_SHORT = "Projections Central"


NATIONAL_SOURCE = "BLS Employment Projections"


NOT_IN_FOLDER = "State projections are not in this data folder (it has no state_projections.csv.gz)."


def available(ds: Dataset) -> bool:
    return ds.state_projections is not None and len(ds.state_projections) > 0


@per_dataset
def years(ds: Dataset) -> tuple[int, int]:
    """(base year, target year) of the state projections, read from the data."""
    t = ds.state_projections
    return int(t["base_year"].iloc[0]), int(t["target_year"].iloc[0])


def vintage(ds: Dataset) -> str:
    """'2022–32'"""
    base, target = years(ds)
    return f"{base}–{target % 100:02d}"


def source_line(ds: Dataset) -> str:
    return f"Projections Central, State Occupational Projections, Long Term {vintage(ds)}"


def state_of(ds: Dataset, area: str) -> str | None:
    """The area code of the state an area lies in (a metro area: its principal state); None for the nation."""
    if area == NATIONAL or area not in ds.areas.index:
        return None
    a = ds.areas.loc[area]
    if a["area_type"] == "state":
        return area
    states = ds.areas[ds.areas["area_type"] == "state"]
    hit = states.index[states["state"] == a["state"]]
    return hit[0] if len(hit) else None


@per_dataset
def states(ds: Dataset) -> pd.DataFrame:
    """The states (with DC, Puerto Rico, Guam and the Virgin Islands) in order of name."""
    return ds.areas[ds.areas["area_type"] == "state"].sort_values("area_name")


def state_name(ds: Dataset, state: str) -> str:
    return str(ds.areas.loc[state, "area_name"])


@per_argument(64)
def state_table(ds: Dataset, state: str) -> pd.DataFrame:
    """The state's projections (every occupation it publishes), indexed by soc_code."""
    t = ds.state_projections
    try:
        out = t.xs(state, level="area_code", drop_level=True)
    except KeyError:
        out = t.iloc[0:0].droplevel("area_code")
    return out.drop(columns=["area_code"]).rename_axis("soc_code_idx")


def state_row(ds: Dataset, state: str, soc: str) -> pd.Series | None:
    if not available(ds):
        return None
    try:
        return ds.state_projections.loc[(state, soc)]
    except KeyError:
        return None


def change_persons(row) -> int | None:
    """Target minus base, both as published (exact whole persons); None when either is not released."""
    if row is None or is_missing(row["employment_base"]) or is_missing(row["employment_target"]):
        return None
    return int(row["employment_target"]) - int(row["employment_base"])


# --- Explore: the state's growth and openings where it publishes them ------------------------------


def explorer_state_columns(ds: Dataset, table: pd.DataFrame, state: str) -> tuple[pd.DataFrame, int]:
    """The explorer table with the state's change_pct and openings (state_change_pct, state_openings;
    empty where the state publishes none) beside the national ones (national_*). change_pct, used by the
    growth filter, is the state's rate where published, else the nation's (`outlook_from` says which);
    openings_annual, used for sorting and the minimum, is the state's only: a national count is no
    stand-in for a state's. Also returns how many occupations fall back to national figures."""
    st_t = state_table(ds, state)
    out = table.copy()
    out["state_change_pct"] = out["soc_code"].map(st_t["change_pct"])
    out["state_openings"] = out["soc_code"].map(st_t["openings_annual"]).astype("Float64").astype(float)
    has = out["soc_code"].isin(st_t.index)
    out["outlook_from"] = np.where(has, "state", "national")
    out["national_change_pct"] = out["change_pct"]
    out["national_openings"] = out["openings_annual"]
    out["change_pct"] = out["state_change_pct"].where(has, out["change_pct"])
    out["openings_annual"] = out["state_openings"]
    return out, int((~has).sum())


# --- Geography: state measures -----------------------------------------------------------------------

MAP_MEASURES = {"state_change_pct": "change_pct", "state_openings": "openings_annual"}


def state_ranking(ds: Dataset, soc: str, measure: str) -> pd.DataFrame:
    """The occupation's state projection measure in every state that publishes it, highest first (the
    columns of queries.area_ranking; no RSE: projections carry none)."""
    col = MAP_MEASURES[measure]
    states = ds.areas[ds.areas["area_type"] == "state"]
    if available(ds):
        t = ds.state_projections
        rows = t[t["soc_code"] == soc].set_index("area_code")[col]
    else:
        rows = pd.Series(dtype=float)
    values = pd.to_numeric(rows.reindex(states.index))
    out = pd.DataFrame(
        {
            "area_code": states.index.to_numpy(),
            "area_name": states["area_name"].to_numpy(),
            "area_type": "state",
            "state": states["state"].to_numpy(),
            "value": values.to_numpy(dtype=float),
            "top_coded": False,
            "rse": np.nan,
        }
    )
    out["label"] = [pct(v) if col == "change_pct" else count(v) for v in out["value"]]
    out["reliability"] = "projection (no RSE)"
    out = out.sort_values(["value", "area_name"], ascending=[False, True], na_position="last").reset_index(drop=True)
    rank = pd.array(range(1, len(out) + 1), dtype="Int64")
    rank[out["value"].isna().to_numpy()] = pd.NA
    out.insert(0, "rank", rank)
    return out


@per_dataset
def state_codes(ds: Dataset) -> tuple[str, ...]:
    """Every occupation code some state (or the states' US row) projects, the all-occupations row left out."""
    if not available(ds):
        return ()
    return tuple(c for c in ds.state_projections["soc_code"].unique() if c != ALL_OCCUPATIONS)
