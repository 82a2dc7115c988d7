"""Industries: their titles and hierarchy, staffing patterns, and the industries that hire an occupation."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.core.codes import (
    ALL_OCCUPATIONS,
    NATIONAL,
    RSE_LOW,
    top_coded_flag,
)
from dashboard.core.formatting import is_missing, reliability
from dashboard.data.dataset import Dataset
from dashboard.domain.derived import per_argument
from dashboard.domain.wages import capped, wage_row

# --- tables -------------------------------------------------------------------------------------


@per_argument(64)
def industry_staffing(ds: Dataset, industry: str) -> pd.DataFrame:
    """The occupations (every SOC level OEWS publishes) an industry employs nationally: its OEWS industry
    staffing rows with an employment or a median wage published. Explore's and /demand's industry filter."""
    try:
        h = ds.hiring.xs(industry, level="industry_code", drop_level=True)
    except KeyError:
        h = ds.hiring.iloc[0:0].droplevel("industry_code")
    return h[h["employment"].notna() | h["annual_median"].notna()]


@per_argument(8)
def industry_options(ds: Dataset, max_level: int = 4) -> pd.DataFrame:
    """Industries in hierarchy order (sector → subsector → industry group), for a searchable picker."""
    ind = ds.industries
    ind = ind[ind["level"] <= max_level]
    order: list[str] = []
    children: dict[str, list[str]] = {}
    for code, parent in zip(ind["industry_code"], ind["parent"].fillna(""), strict=True):
        children.setdefault(parent, []).append(code)

    def walk(code: str) -> None:
        order.append(code)
        for c in sorted(children.get(code, [])):
            walk(c)

    for root in sorted(children.get("", [])):
        walk(root)
    return ind.loc[order]


# Top-paying industries rank only cells this large and this precise (our rule, stated on screen)
PAY_RANK_MIN_EMPLOYMENT = 500


PAY_RANK_MAX_RSE = RSE_LOW


def hiring_industries(ds: Dataset, soc: str, level: int = 3, by: str = "employment", n: int = 10) -> pd.DataFrame:
    """Industries at one OEWS level that employ the occupation, with share of its jobs and median wage.

    by="wage" ranks only industries with at least PAY_RANK_MIN_EMPLOYMENT jobs and a wage RSE of at most
    PAY_RANK_MAX_RSE percent: a tiny, imprecise cell (40 workers, RSE 36%) is no "top-paying industry".
    National, so the same whatever the area: worked out once per question (a fifth of a profile's rerun),
    and each caller gets its own copy."""
    return _hiring_industries(ds, soc, level, by, n).copy()


@per_argument(1024)
def _hiring_industries(ds: Dataset, soc: str, level: int, by: str, n: int) -> pd.DataFrame:
    cols = ["industry_code", "industry", "employment", "share", "annual_median", "annual_median_top_coded"]
    try:
        h = ds.hiring.xs(soc, level="soc_code", drop_level=True)
    except KeyError:
        return pd.DataFrame(columns=[*cols, "rse", "reliability"])
    h = h.reset_index(drop=True)
    levels = ds.industries["level"]
    h = h[h["industry_code"].map(levels) == level]
    total = wage_row(ds, soc, NATIONAL)
    total_emp = None if total is None else total["employment"]
    out = pd.DataFrame(
        {
            "industry_code": h["industry_code"],
            "industry": h["industry_code"].map(ds.industries["title"]),
            "employment": h["employment"],
            "share": (h["employment"] / total_emp * 100) if not is_missing(total_emp) else float("nan"),
            "annual_median": h["annual_median"],
            "annual_median_top_coded": h[top_coded_flag("annual_median")],
            "rse": h["wage_rse"],
            "reliability": h["wage_rse"].map(reliability),
        }
    )
    key = "employment" if by == "employment" else "annual_median"
    if by == "wage":
        out = out[(out["employment"] >= PAY_RANK_MIN_EMPLOYMENT) & (out["rse"] <= PAY_RANK_MAX_RSE)]
    # a top-coded median is a lower bound at the cap: it ranks at the cap, ahead of what is not released
    return out.sort_values([key, "industry_code"], ascending=[False, True], na_position="last").head(n)


# --- industries -----------------------------------------------------------------------------------


_SECTOR_PREFIX = re.compile(r"^Sectors? [\d, and]+ - ")


def industry_title(ds: Dataset, code: str) -> str:
    """The industry's OEWS title without the 'Sector 31-33 - ' prefix ('Manufacturing')."""
    return _SECTOR_PREFIX.sub("", ds.industries.loc[code, "title"])


def industry_path(ds: Dataset, code: str) -> list[str]:
    """The industry and its parents, top first (for a breadcrumb)."""
    path = []
    while code and code in ds.industries.index and code not in path:
        path.append(code)
        parent = ds.industries.loc[code, "parent"]
        code = None if is_missing(parent) else parent
    return path[::-1]


def staffing_pattern(ds: Dataset, industry: str, major_group: str | None = None) -> pd.DataFrame:
    cap = ds.release.cap
    """Detailed occupations the industry employs, most first: its share of the industry's jobs, the
    median wage in the industry beside the occupation's median in all industries, national outlook."""
    try:
        h = ds.hiring.xs(industry, level="industry_code", drop_level=True).reset_index(drop=True)
    except KeyError:
        h = ds.hiring.iloc[0:0].reset_index(drop=True)
    total = wage_row(ds, ALL_OCCUPATIONS, industry=industry)
    total_emp = None if total is None else total["employment"]
    occ = ds.occupations
    h = h[h["soc_code"].map(occ["level"]) == "detailed"]
    nat = ds.national.reindex(h["soc_code"])
    p = ds.projections.reindex(h["soc_code"])
    out = pd.DataFrame(
        {
            "soc_code": h["soc_code"].to_numpy(),
            "title": h["soc_code"].map(occ["title"]).to_numpy(),
            "major_group": h["soc_code"].map(occ["major_group"]).to_numpy(),
            "employment": h["employment"].to_numpy(),
            "share": (h["employment"] / total_emp * 100).to_numpy() if not is_missing(total_emp) else float("nan"),
            "median_in_industry": h["annual_median"].to_numpy(),
            "median_in_industry_top_coded": h[top_coded_flag("annual_median")].to_numpy(),
            "median_all_industries": nat["annual_median"].to_numpy(),
            "median_all_top_coded": nat[top_coded_flag("annual_median")].fillna(False).astype(bool).to_numpy(),
            "change_pct": p["change_pct"].to_numpy(),
            "openings_annual": p["openings_annual"].to_numpy(),
        }
    )
    out["major_title"] = out["major_group"].map(occ["title"])
    out["note"] = [
        "; ".join(
            x
            for x, on in (
                (f"median in the industry is top-coded ({cap})", a),
                (f"median in all industries is top-coded ({cap})", b),
            )
            if on
        )
        for a, b in zip(out["median_in_industry_top_coded"], out["median_all_top_coded"], strict=True)
    ]
    if major_group:
        out = out[out["major_group"] == major_group]
    return out.sort_values(["employment", "soc_code"], ascending=[False, True], na_position="last").reset_index(
        drop=True
    )


def sub_industries(ds: Dataset, industry: str) -> pd.DataFrame:
    """The industries one level down, with their employment (all occupations) and median wage."""
    ind = ds.industries
    kids = ind[ind["parent"] == industry]
    rows = []
    for code, title in zip(kids["industry_code"], kids["title"], strict=True):
        r = wage_row(ds, ALL_OCCUPATIONS, industry=code)
        rows.append(
            {
                "industry_code": code,
                "industry": title,
                "employment": None if r is None else r["employment"],
                "annual_median": None if r is None else r["annual_median"],
                "annual_median_top_coded": capped(r, "annual_median"),
            }
        )
    out = pd.DataFrame(
        rows, columns=["industry_code", "industry", "employment", "annual_median", "annual_median_top_coded"]
    )
    out["employment"] = pd.to_numeric(out["employment"])
    out["annual_median"] = pd.to_numeric(out["annual_median"])
    return out.sort_values(["employment", "industry_code"], ascending=[False, True], na_position="last").reset_index(
        drop=True
    )
