"""Pure pandas: lookups, role search, filters, rankings and joins; no Streamlit and no wording here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from dashboard import similar as sim
from dashboard.codes import (
    ALL_INDUSTRIES,
    ALL_OCCUPATIONS,
    MEASURES,
    NATIONAL,
    PERCENTILE_LABELS,
    PERCENTILES,
    RSE_LOW,
    SOC_RE,
    WAGE_COLUMNS,
    top_coded_flag,
)
from dashboard.data import Dataset
from dashboard.formatting import fmt, is_missing, money, reliability


def capped(row, col: str) -> bool:
    """Whether the row's `col` is the top-code bound (OEWS footnote 5), not the wage itself."""
    return row is not None and bool(row.get(top_coded_flag(col), False))


def any_capped(row) -> bool:
    """Whether any wage in the row is a top-code bound."""
    return row is not None and any(capped(row, c) for c in WAGE_COLUMNS)


def pay_basis(row) -> str | None:
    """'annual only' / 'hourly only' when BLS publishes wages one way only (OEWS footnote 4)."""
    annual = not is_missing(row.get("annual_median")) or not is_missing(row.get("annual_mean"))
    hourly = not is_missing(row.get("hourly_median")) or not is_missing(row.get("hourly_mean"))
    if annual and not hourly:
        return "annual only"
    if hourly and not annual:
        return "hourly only"
    return None


# --- lookups ------------------------------------------------------------------------------------


def wage_row(ds: Dataset, soc: str, area: str = NATIONAL, industry: str | None = None) -> pd.Series | None:
    try:
        if industry and industry != ALL_INDUSTRIES:
            return ds.hiring.loc[(soc, industry)]
        return ds.wages.loc[(soc, area)]
    except KeyError:
        return None


def projection(ds: Dataset, soc: str) -> pd.Series | None:
    try:
        return ds.projections.loc[soc]
    except KeyError:
        return None


def detailed_codes(ds: Dataset) -> pd.Index:
    occ = ds.occupations
    return occ.index[occ["level"] == "detailed"]


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


def closest(choices: dict[str, str], query: str, limit: int = 5) -> list[tuple[str, str]]:
    """The choices (code -> label) nearest to a query, by code or label, for 'did you mean'."""
    q = (query or "")[:100]
    if not q or not choices:
        return []
    labels = {code: f"{code} {label}" for code, label in choices.items()}
    found = process.extract(q, labels, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
    return [(code, choices[code]) for _, _, code in found]


# --- role search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    soc_code: str
    title: str
    via: str  # the alias or title that matched
    score: float
    source: str = ""  # where the title that matched comes from (O*NET alternate title, curated alias, …)

    @property
    def label(self) -> str:
        """'plant superintendent → Industrial Production Managers (11-3051), O*NET alternate title'."""
        name = f"{self.title} ({self.soc_code})"
        if not self.source or self.via.casefold() == self.title.casefold():
            return name
        return f"{self.via} → {name}, {self.source}"


def search_roles(ds: Dataset, query: str, limit: int = 8) -> list[Match]:
    """Job titles as people say them -> SOC occupations: curated aliases plus fuzzy official titles."""
    q = (query or "").strip()[:100]
    if not q:
        return []
    if SOC_RE.match(q) and q in ds.occupations.index:
        return [Match(q, ds.occupations.loc[q, "title"], q, 100.0)]
    if "onet_titles" in ds.content:  # O*NET's and EP's titles beside the curated aliases (dashboard/titles.py)
        from dashboard.titles import search

        return search(ds, q, limit)
    detailed = ds.occupations.loc[detailed_codes(ds)]
    names: list[tuple[str, str]] = [(t, c) for c, t in zip(detailed["soc_code"], detailed["title"], strict=True)]
    names += [(a, c) for a, c in zip(ds.aliases["alias"], ds.aliases["soc_code"], strict=True)]
    found = process.extract(
        q, [n for n, _ in names], scorer=fuzz.WRatio, processor=utils.default_process, limit=limit * 4, score_cutoff=70
    )
    best: dict[str, Match] = {}
    for text, score, i in found:
        code = names[i][1]
        if i >= len(detailed):  # names past the official titles are curated aliases
            score += 2  # a curated alias says what people mean: prefer it on a tie
        if code not in best or score > best[code].score:
            title = ds.occupations.loc[code, "title"] if code in ds.occupations.index else code
            best[code] = Match(code, title, text, score)
    return sorted(best.values(), key=lambda m: (-m.score, m.soc_code))[:limit]


# --- tables -------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def industry_staffing(ds: Dataset, industry: str) -> pd.DataFrame:
    """The occupations (every SOC level OEWS publishes) an industry employs nationally: its OEWS industry
    staffing rows with an employment or a median wage published. Explore's and /demand's industry filter."""
    try:
        h = ds.hiring.xs(industry, level="industry_code", drop_level=True)
    except KeyError:
        h = ds.hiring.iloc[0:0].droplevel("industry_code")
    return h[h["employment"].notna() | h["annual_median"].notna()]


@lru_cache(maxsize=4)
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
    else:  # the area's rows looked up by key (a cross-section and a join scanned the whole wage index)
        keys = pd.MultiIndex.from_arrays([base["soc_code"], [area] * len(base)], names=ds.wages.index.names)
        found = ds.wages.reindex(keys)
        out = base.assign(**{c: found[c].array for c in cols})
    out = out[["soc_code", "title", "major_group", "education", *cols, *base.columns[4:]]]
    out[flag] = out[flag].fillna(False).astype(bool)
    return out.reset_index(drop=True)


def explorer_notes(df: pd.DataFrame, cap: str) -> pd.Series:
    """Per row: 'median top-coded (≥ $239,200)' and 'annual only' / 'hourly only', joined."""
    annual, hourly = df["annual_median"].notna(), df["hourly_median"].notna()
    basis = pd.Series("", index=df.index).mask(annual & ~hourly, "annual only").mask(hourly & ~annual, "hourly only")
    top = df[top_coded_flag("annual_median")].map({True: f"median top-coded ({cap})", False: ""})
    return (top + "; " + basis).str.strip("; ")


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


@lru_cache(maxsize=8)
def industry_options(ds: Dataset, max_level: int = 4) -> pd.DataFrame:
    """Industries in hierarchy order (sector → subsector → industry group), for a searchable picker. Shared
    frame: don't change it."""
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


@lru_cache(maxsize=1024)
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


# --- geography ------------------------------------------------------------------------------------


def area_states(name: str, state: str | None) -> list[str]:
    """Every state a metro area spans, from its name ('New York-Newark-Jersey City, NY-NJ')."""
    if "," in name:
        tail = name.rsplit(",", 1)[1].strip()
        codes = [s for s in tail.split("-") if len(s) == 2 and s.isalpha() and s.isupper()]
        if codes:
            return codes
    return [state] if state else []


@lru_cache(maxsize=4)
def _area_spans(ds: Dataset) -> dict[str, set[str]]:
    """Every state each area spans, parsed from the names once per dataset."""
    a = ds.areas
    return {c: set(area_states(n, s)) for c, n, s in zip(a.index, a["area_name"], a["state"].fillna(""), strict=True)}


@lru_cache(maxsize=512)  # rankings never change while the process runs; each is a few hundred rows
def area_ranking(
    ds: Dataset, soc: str, measure: str, area_types: tuple[str, ...], state: str | None = None
) -> pd.DataFrame:
    """The occupation's measure in every area of the given types (optionally within a state), highest first.

    A top-coded wage ranks at its bound (a lower bound stays in the ranking as one); what is not
    released goes last. The frame is shared between callers: read it, don't change it.
    """
    m = MEASURES[measure]
    if m.is_state_projection:  # the states' own projections: states only (no metro projections)
        from dashboard.outlook import state_ranking

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


# --- similar roles and pathways ---------------------------------------------------------------------

SIMILAR_LEVEL = 4  # industry groups (4-digit NAICS): fine enough to tell a hospital from a clinic


@lru_cache(maxsize=4)
def industry_mix(ds: Dataset) -> pd.DataFrame:
    """Each occupation's spread across industry groups, built once per dataset (see dashboard/similar.py)."""
    h = ds.hiring[["soc_code", "industry_code", "employment"]].reset_index(drop=True)
    h = h[h["industry_code"].map(ds.industries["level"]) == SIMILAR_LEVEL]
    return sim.industry_mix(h)


def warm(ds: Dataset) -> None:
    """Build the derived frames every session shares, once per process (the first page load pays, not a
    later click)."""
    from dashboard import outlook, skills

    industry_mix(ds)
    skills.dataset_profiles(ds)
    outlook.warm(ds)  # the in-demand list's industry filter: the states' old SOC codes and what they became
    skills.dataset_related(ds)


@lru_cache(maxsize=2048)
def similar(ds: Dataset, soc: str, n: int = 6) -> list[sim.Similar]:
    """Similar roles for the profile (see dashboard/similar.py; O*NET's signals from dashboard/skills.py)."""
    from dashboard import skills

    medians = pd.to_numeric(ds.national["annual_median"])
    occ = ds.occupations.reset_index(drop=True)
    return sim.similar_roles(soc, occ, industry_mix(ds), medians, n=n, signals=skills.signals(ds, soc))


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


@lru_cache(maxsize=4)
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
    stages = ds.pathways.drop_duplicates("soc_code").set_index("soc_code")["stage"]
    df["stage"] = [stages.get(s, ds.occupations.loc[s, "title"]) for s in socs]
    return df
