"""Occupations in tables: Explore's rows and filters, Compare's and the career ladder's rows (pure pandas)."""

from __future__ import annotations

import pandas as pd

from dashboard.core.codes import (
    ALL_INDUSTRIES,
    NATIONAL,
    PERCENTILES,
    top_coded_flag,
)
from dashboard.core.formatting import is_missing
from dashboard.data.dataset import Dataset
from dashboard.domain.derived import per_argument, per_dataset
from dashboard.domain.industries import hiring_industries, industry_staffing
from dashboard.domain.projections import explorer_state_columns, projection
from dashboard.domain.wages import capped, pay_basis, wage_row


def detailed_codes(ds: Dataset) -> pd.Index:
    occ = ds.occupations
    return occ.index[occ["level"] == "detailed"]


@per_dataset
def _outlook_rows(ds: Dataset) -> pd.DataFrame:
    """Every detailed occupation with its national outlook and major group: what explorer_table shares
    whatever the area or industry (built once; the joins took most of a rerun's table time)."""
    occ = ds.occupations.loc[detailed_codes(ds), ["soc_code", "title", "major_group", "education"]]
    p = ds.projections[["employment_base", "change_pct", "openings_annual"]]
    out = occ.reset_index(drop=True).merge(p, left_on="soc_code", right_index=True, how="left")
    return out.merge(ds.occupations["title"].rename("major_title"), left_on="major_group", right_index=True, how="left")


def explorer_table(
    ds: Dataset, area: str = NATIONAL, industry: str | None = None, socs: list[str] | None = None
) -> pd.DataFrame:
    """Every detailed occupation (or those of `socs` among them) with its wages (in the area, or in the
    industry nationally) and outlook."""
    base = _outlook_rows(ds)
    if socs is not None:  # a few rows (a program's occupations)
        base = base[base["soc_code"].isin(set(socs))]
    flag = top_coded_flag("annual_median")
    cols = ["employment", "annual_median", "hourly_median", "annual_p90", flag]
    if industry and industry != ALL_INDUSTRIES:
        staffed = industry_staffing(ds, industry)[["soc_code", *cols]].reset_index(drop=True)
        out = base.merge(staffed, on="soc_code", how="inner")
    else:  # the area's rows looked up by key (a cross-section and a join scanned the whole wage index), and
        # only the columns shown taken (reindexing all 33 cost ~3 ms a call)
        keys = pd.MultiIndex.from_arrays([base["soc_code"], [area] * len(base)], names=ds.wages.index.names)
        at = ds.wages.index.get_indexer(keys)
        out = base.assign(**{c: ds.wages[c].array.take(at, allow_fill=True) for c in cols})
    out = out[["soc_code", "title", "major_group", "education", *cols, *base.columns[4:]]]
    out[flag] = out[flag].fillna(False).astype(bool)
    return out.reset_index(drop=True)


@per_argument(24)
def explorer_view(ds: Dataset, area: str, industry: str | None, state: str | None) -> tuple[pd.DataFrame, int]:
    """Explore's table before its filters: explorer_table, with the state's projections beside the nation's
    (projections.explorer_state_columns) when `state`, and how many occupations fall back to national ones.
    Kept for the 24 views asked for last: building it took about a third of an Explore rerun's time."""
    table = explorer_table(ds, area=area, industry=industry)
    return explorer_state_columns(ds, table, state) if state else (table, 0)


def filter_explorer(
    df: pd.DataFrame,
    roles: list[str] | None = None,
    major_group: str | None = None,
    education: str | None = None,
    min_openings: int = 0,
    growth: tuple[float, float] | None = None,
) -> pd.DataFrame:
    out = df
    if roles is not None:  # None: no role filter; []: a search that matched nothing
        out = out[out["soc_code"].isin(roles)]
    if major_group:
        out = out[out["major_group"] == major_group]
    if education:
        out = out[out["education"] == education]
    if min_openings:
        out = out[out["openings_annual"].fillna(-1) >= min_openings]
    if growth:
        lo, hi = growth
        out = out[out["change_pct"].between(lo, hi)]
    return out


# --- compare --------------------------------------------------------------------------------------


def top_industries(ds: Dataset, soc: str, n: int = 3) -> str | None:
    """The n industries (OEWS sectors' level 3, national) employing the most of the occupation, '; '-joined
    (hiring_industries is worked out once per occupation: it was half of a Compare or Pathways rerun)."""
    top = hiring_industries(ds, soc, level=3, n=n)
    return "; ".join(top["industry"]) if len(top) else None


def compare_table(ds: Dataset, socs: list[str], area: str = NATIONAL) -> pd.DataFrame:
    """One row per occupation: annual wage range, employment (in the area), national outlook, top industries."""
    rows = []
    for soc in socs:
        occ = ds.occupations.loc[soc]
        w = wage_row(ds, soc, area)
        p = projection(ds, soc)
        row = {
            "soc_code": soc,
            "title": occ["title"],
            "employment": None if w is None else w["employment"],
            "pay_basis": None if w is None else pay_basis(w),
        }
        for pc in PERCENTILES:
            for col in (f"annual_{pc}", f"hourly_{pc}"):
                row[col] = None if w is None or is_missing(w[col]) else float(w[col])
                row[f"{col}_top_coded"] = capped(w, col)
        row["change_pct"] = None if p is None else p["change_pct"]
        row["openings_annual"] = None if p is None else p["openings_annual"]
        row["education"] = occ["education"] if not is_missing(occ["education"]) else None
        row["top_industries"] = top_industries(ds, soc)
        rows.append(row)
    out = pd.DataFrame(rows)
    for c in ("employment", "change_pct", "openings_annual"):
        out[c] = pd.to_numeric(out[c])
    return out


@per_dataset
def pathway_presets(ds: Dataset) -> dict[str, tuple[str, list[str]]]:
    """pathway id -> (title, ordered SOC codes)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for pid, g in ds.pathways.groupby("pathway", sort=False):
        out[pid] = (g["pathway_title"].iloc[0], list(g.sort_values("step")["soc_code"]))
    return out


def pathway_table(ds: Dataset, socs: list[str], area: str = NATIONAL, hourly: bool = False) -> pd.DataFrame:
    """The compare table in ladder order, with experience and the median wage (annual or hourly) gained
    from the step before."""
    df = compare_table(ds, socs, area)
    df.insert(0, "step", range(1, len(df) + 1))
    df["experience"] = [ds.occupations.loc[s, "experience"] for s in socs]
    median = "hourly_median" if hourly else "annual_median"
    prev = df[median].shift(1)
    df["gain"] = df[median] - prev
    df["gain_pct"] = df["gain"] / prev * 100
    # a gain to or from a top-coded median is only a bound: say so rather than compute it
    bound = df[f"{median}_top_coded"] | df[f"{median}_top_coded"].shift(1, fill_value=False)
    df["gain_bounded"] = bound & df["gain"].notna()
    df["stage"] = pathway_stages(ds, socs)
    return df


def pathway_stages(ds: Dataset, socs: list[str]) -> list[str]:
    """Each step's stage: its name in the curated pathways, or the occupation's title."""
    stages = ds.pathways.drop_duplicates("soc_code").set_index("soc_code")["stage"]
    return [stages.get(s, ds.occupations.loc[s, "title"]) for s in socs]
