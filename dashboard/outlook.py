"""State projections (Projections Central 2022–32) beside the nation's (BLS EP): which state an area
belongs to, the profile's two columns, Explore's state columns, the map measures and the in-demand score.

Pure pandas, no Streamlit. The state and national projections are different vintages: nothing here puts
them in one number, and every label says whose figure it is and which vintage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.codes import ALL_OCCUPATIONS, NATIONAL, top_coded_flag
from dashboard.data import Dataset
from dashboard.export import bound_notes
from dashboard.formatting import and_list, count, is_missing, money, pct

SOURCE = "Projections Central (state LMI agencies)"
SOURCE_SHORT = "Projections Central"
NATIONAL_SOURCE = "BLS Employment Projections"
NOT_IN_FOLDER = "State projections are not in this data folder (it has no state_projections.csv.gz)."


def available(ds: Dataset) -> bool:
    return ds.state_projections is not None and len(ds.state_projections) > 0


@lru_cache(maxsize=4)
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


@lru_cache(maxsize=4)
def states(ds: Dataset) -> pd.DataFrame:
    """The states (with DC, Puerto Rico, Guam and the Virgin Islands) in order of name."""
    return ds.areas[ds.areas["area_type"] == "state"].sort_values("area_name")


def state_name(ds: Dataset, state: str) -> str:
    return str(ds.areas.loc[state, "area_name"])


def withheld_note(ds: Dataset, states: list[str] | tuple[str, ...] | None = None) -> str | None:
    """Why a state's openings read "not released" (data._openings_withheld), for the states in `states`
    (every one the data withholds when None); None when none of them is."""
    names = [state_name(ds, a) for a in ds.openings_withheld if states is None or a in states]
    if not names:
        return None
    return (
        f"{and_list(names)}: openings a year not released here. In {SOURCE}'s file they equal only the openings from growth "
        "(projected change ÷ 10, and 0 for every declining occupation), without the workers who leave an "
        "occupation, so they are not comparable with any other state's; employment and change are shown as published."
    )


@lru_cache(maxsize=64)
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


def _change_text(persons, change_pct) -> str:
    if persons is None or is_missing(persons):
        return pct(change_pct)
    return f"{int(persons):+,} ({pct(change_pct)})"


# --- the profile's section ---------------------------------------------------------------------------


@dataclass
class Side:
    heading: str  # "Michigan, 2022–32 (Projections Central)"
    figures: list[tuple[str, str]]  # (metric label, value)


@dataclass
class ProfileOutlook:
    heading: str
    sides: list[Side] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def profile(ds: Dataset, soc: str, area: str, ep: str, ep_base: int, ep_target: int) -> ProfileOutlook | None:
    """The state's projection beside the nation's for the profile; None with the nation chosen."""
    state = state_of(ds, area)
    if state is None:
        return None
    name = state_name(ds, state)
    if not available(ds):
        return ProfileOutlook(f"Projections: {name} and the nation", notes=[NOT_IN_FOLDER])
    sv = vintage(ds)
    base, target = years(ds)
    out = ProfileOutlook(f"Projections: {name} ({sv}) and the nation ({ep})")
    r = state_row(ds, state, soc)
    out.sides.append(
        Side(
            f"{name}, {sv} · {SOURCE}",
            [
                (f"{name} employment {base}", count(None if r is None else r["employment_base"])),
                (f"{name} projected {target}", count(None if r is None else r["employment_target"])),
                (f"{name} change {sv}", _change_text(change_persons(r), None if r is None else r["change_pct"])),
                (f"{name} openings a year ({sv})", count(None if r is None else r["openings_annual"])),
            ],
        )
    )
    try:
        p = ds.projections.loc[soc]
    except KeyError:
        p = None
    out.sides.append(
        Side(
            f"United States, {ep} · {NATIONAL_SOURCE}",
            [
                (f"US employment {ep_base}", count(None if p is None else p["employment_base"])),
                (f"US projected {ep_target}", count(None if p is None else p["employment_target"])),
                (
                    f"US change {ep}",
                    _change_text(None if p is None else p["change"], None if p is None else p["change_pct"]),
                ),
                (f"US openings a year ({ep})", count(None if p is None else p["openings_annual"])),
            ],
        )
    )
    if area != state:
        kind = "a metro area" if ds.areas.loc[area, "area_type"] == "metro" else "a nonmetropolitan area"
        out.notes.append(
            f"{ds.areas.loc[area, 'area_name']} is {kind}: projections are made for states, so these are "
            f"{name}'s (its principal state's), not the area's."
        )
    if r is None:
        out.notes.append(f"{name} publishes no projection for this occupation: not released (not zero).")
    elif withheld := withheld_note(ds, [state]):
        out.notes.append(withheld)
    out.notes.append(
        f"Two vintages: {name}'s projection runs {sv} ({source_line(ds)}); the nation's {ep} "
        f"({NATIONAL_SOURCE}). Compare their direction, not their numbers; they are never combined here."
    )
    return out


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


# --- the in-demand list -------------------------------------------------------------------------------

TIERS = {
    "entry": (
        "No formal credential or high school",
        ("No formal educational credential", "High school diploma or equivalent"),
    ),
    "middle-skill": (
        "Middle-skill: postsecondary certificate, some college or associate",
        ("Postsecondary nondegree award", "Some college, no degree", "Associate's degree"),
    ),
    "bachelors": (
        "Bachelor's degree or more",
        ("Bachelor's degree", "Master's degree", "Doctoral or professional degree"),
    ),
}
COMPONENTS = ("openings", "growth", "wage")
DEFAULT_WEIGHTS = (1.0, 1.0, 1.0)
MAX_WEIGHT = 10.0  # the page's weight boxes go from 0 to this; a link may not ask for more


def tier_of(education) -> str | None:
    for key, (_, levels) in TIERS.items():
        if education in levels:
            return key
    return None


def weights_text(weights: tuple[float, ...]) -> str:
    """'openings:1,growth:1,wage:1' (the form a link carries)."""
    return ",".join(f"{k}:{w:g}" for k, w in zip(COMPONENTS, weights, strict=True))


def parse_weights(raw: str) -> tuple[float, float, float]:
    """'openings:2,growth:1,wage:1' -> (2, 1, 1); a component not named weighs 0; three plain numbers ('2,1,1')
    are openings, growth and wage in that order. ValueError with the reason."""
    parts = [p for p in raw.split(",") if p.strip()]
    if len(parts) == len(COMPONENTS) and not any(":" in p for p in parts):
        parts = [f"{k}:{p}" for k, p in zip(COMPONENTS, parts, strict=True)]
    got: dict[str, float] = {}
    for part in parts:
        name, sep, value = part.partition(":")
        name = name.strip().lower()
        if not sep or name not in COMPONENTS:
            raise ValueError("each weight is a name (openings, growth, wage), a colon and a number")
        if name in got:
            raise ValueError(f"{name} is weighted twice")
        w = float(value)
        if not np.isfinite(w) or w < 0 or w > MAX_WEIGHT:
            raise ValueError(f"a weight is a number from 0 to {MAX_WEIGHT:g}")
        got[name] = w
    weights = tuple(got.get(k, 0.0) for k in COMPONENTS)
    if sum(weights) == 0:
        raise ValueError("the weights add up to zero")
    return weights  # type: ignore[return-value]


def _wage_frame(ds: Dataset, area: str) -> pd.DataFrame:
    try:
        w = ds.wages.xs(area, level="area_code", drop_level=True)
    except KeyError:
        w = ds.wages.iloc[0:0].droplevel("area_code")
    flag = top_coded_flag("annual_median")
    return pd.DataFrame({"annual_median": w["annual_median"], "top_coded": w[flag].astype(bool)})


def _percentile(s: pd.Series) -> pd.Series:
    """Percentile rank 0–100 among the values given (ties share their average rank); empty stays empty."""
    known = s.dropna()
    if len(known) <= 1:
        return pd.Series(np.where(s.notna(), 100.0, np.nan), index=s.index)
    r = known.rank(method="average")
    return ((r - 1) / (len(known) - 1) * 100).reindex(s.index)


@lru_cache(maxsize=128)
def scored(ds: Dataset, area: str, weights: tuple[float, float, float]) -> pd.DataFrame:
    """Every occupation `area` (a state, or 0000000 for the states' US row) projects, scored.

    score = Σ weight × percentile rank (0–100, among the area's projected occupations) of: annual
    openings, projected growth (%), and the median annual wage relative to the area's all-occupation
    median (OEWS). A component not released is left out of that row's score, and its weights are shared
    by the others (the row says so). A top-coded wage ranks at its bound. Shared frame: don't change it.
    """
    t = state_table(ds, area)
    t = t[t["soc_code"] != ALL_OCCUPATIONS]
    occ = ds.occupations
    wages = _wage_frame(ds, area)
    all_median = wages["annual_median"].get(ALL_OCCUPATIONS, np.nan)
    codes = t["soc_code"].to_numpy()
    out = pd.DataFrame(
        {
            "soc_code": codes,
            "title": occ["title"].reindex(codes).fillna(t["title"]).to_numpy(),
            "major_group": occ["major_group"]
            .reindex(codes)
            .fillna(pd.Series(codes, index=codes).str[:2] + "-0000")
            .to_numpy(),
            "education": occ["education"].reindex(codes).to_numpy(),
            "employment_base": t["employment_base"].to_numpy(dtype=float),
            "employment_target": t["employment_target"].to_numpy(dtype=float),
            "change_pct": t["change_pct"].to_numpy(dtype=float),
            "openings_annual": t["openings_annual"].to_numpy(dtype=float),
            "annual_median": wages["annual_median"].reindex(codes).to_numpy(dtype=float),
            "top_coded": wages["top_coded"].reindex(codes).fillna(False).astype(bool).to_numpy(),
        }
    )
    out["education"] = out["education"].where(out["education"].astype(str) != "", None)
    out["tier"] = out["education"].map(tier_of)
    out["wage_ratio"] = out["annual_median"] / all_median
    ranks = {
        "openings": _percentile(out["openings_annual"]),
        "growth": _percentile(out["change_pct"]),
        "wage": _percentile(out["wage_ratio"]),
    }
    num = pd.Series(0.0, index=out.index)
    den = pd.Series(0.0, index=out.index)
    for k, w in zip(COMPONENTS, weights, strict=True):
        out[f"{k}_pct"] = ranks[k]
        has = ranks[k].notna()
        num += (ranks[k].fillna(0) * w).where(has, 0.0)
        den += pd.Series(np.where(has, w, 0.0), index=out.index)
    out["score"] = (num / den.replace(0, np.nan)).round(1)
    out["how"] = [_how(r, weights) for r in out.itertuples()]
    out = out.sort_values(["score", "soc_code"], ascending=[False, True], na_position="last").reset_index(drop=True)
    rank = pd.array(range(1, len(out) + 1), dtype="Int64")
    rank[out["score"].isna().to_numpy()] = pd.NA
    out.insert(0, "rank", rank)
    out.attrs["all_median"] = float(all_median) if not is_missing(all_median) else None
    return out


def _how(r, weights) -> str:
    """The row's score, written out: each component's figure, its percentile rank and its weight."""
    figures = {
        "openings": f"{count(r.openings_annual)} openings",
        "growth": f"growth {pct(r.change_pct)}",
        "wage": "wage not released"
        if is_missing(r.wage_ratio)
        else f"wage {r.wage_ratio:.2f}× median" + (" (top-coded: at its bound)" if r.top_coded else ""),
    }
    used, left = [], []
    for k, w in zip(COMPONENTS, weights, strict=True):
        p = getattr(r, f"{k}_pct")
        if w == 0:
            continue
        if is_missing(p):
            left.append(figures[k])
        else:
            used.append((k, p, w))
    if not used:
        return "not scored: " + "; ".join(left)
    total = sum(w for _, _, w in used)
    parts = [f"{figures[k]} → P{p:.0f} × {w:g}" for k, p, w in used]
    text = f"({' + '.join(parts)}) ÷ {total:g} = {sum(p * w for _, p, w in used) / total:.1f}"
    if left:
        text += f"; {', '.join(left)}: left out"
    return text


def wage_floor(ds: Dataset, area: str, min_wage) -> float | None:
    """The annual wage floor: the area's all-occupation median (OEWS) for 'median', else the figure given."""
    if min_wage is None:
        return None
    if min_wage == "median":
        m = _wage_frame(ds, area)["annual_median"].get(ALL_OCCUPATIONS, np.nan)
        return None if is_missing(m) else float(m)
    return float(min_wage)


def filtered(
    df: pd.DataFrame,
    tier: str | None = None,
    floor: float | None = None,
    min_openings: int = 0,
    group: str | None = None,
    industry: IndustryMatch | None = None,
) -> pd.DataFrame:
    """The scored list cut by the board's filters (a wage not released cannot be shown to meet a floor).
    With an industry, only the occupations it employs nationally, each with its employment there."""
    out = df
    if industry is not None:
        out = out[out["soc_code"].isin(industry.rows.index)]
        out = out.assign(
            industry_employment=out["soc_code"].map(industry.rows["employment"]).astype(float),
            industry_via=out["soc_code"].map(industry.rows["via"]),
        )
    if tier:
        out = out[out["tier"] == tier]
    if floor is not None:
        out = out[out["annual_median"].fillna(-1) >= floor]
    if min_openings:
        out = out[out["openings_annual"].fillna(-1) >= min_openings]
    if group:
        out = out[out["major_group"] == group]
    return out


@dataclass(frozen=True)
class IndustryMatch:
    """The occupations an industry employs nationally (OEWS industry staffing), for the in-demand list.

    States do not publish projections by industry, so the filter is national: a state's occupation stays on
    its list when BLS's national industry staffing publishes it in the industry (an employment or a median
    wage). A code OEWS no longer publishes (the states' 2022–32 files still use some SOC 2010 and OEWS 2019
    hybrid codes, such as 15-1256) is matched through the SOC 2018 occupations it became (SOC crosswalk).
    `rows`: indexed by the projected SOC code; employment in the industry (national, as published; empty
    when matched through other codes) and via (those codes, else "")."""

    code: str
    title: str
    rows: pd.DataFrame

    def rule(self, oews: str, place: str) -> str:
        return (
            f"Industry filter: only the occupations that {self.title} ({self.code}) employs nationally, from "
            f"BLS's national OEWS {oews} industry staffing (an employment or a median wage published for the "
            f"occupation in the industry). States do not publish projections by industry, so the openings, growth "
            f"and wages on the list stay {place}'s, for all industries."
        )


@lru_cache(maxsize=4)
def _became(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Each code the states project that OEWS industry staffing does not use: the SOC 2018 codes it became."""
    from dashboard.trends import old_code

    if not available(ds):
        return {}
    published = set(ds.hiring.index.get_level_values("soc_code"))
    out = {}
    for code in ds.state_projections["soc_code"].unique():
        if code != ALL_OCCUPATIONS and code not in published:
            mapped = old_code(ds, code)
            out[code] = tuple(mapped[0]) if mapped else ()
    return out


@lru_cache(maxsize=64)
def industry_match(ds: Dataset, industry: str) -> IndustryMatch:
    """Every SOC code the states project that `industry` employs nationally (see IndustryMatch)."""
    from dashboard import queries as q

    staffed = q.industry_staffing(ds, industry)
    employment = dict(zip(staffed["soc_code"], pd.to_numeric(staffed["employment"]).astype(float), strict=True))
    rows = {}
    for code in state_codes(ds):
        if code in employment:
            rows[code] = (employment[code], "")
        elif via := [c for c in _became(ds).get(code, ()) if c in employment]:
            rows[code] = (np.nan, ", ".join(via))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=["employment", "via"])
    title = str(ds.industries.loc[industry, "title"]) if industry in ds.industries.index else industry
    return IndustryMatch(industry, title, frame)


@lru_cache(maxsize=4)
def state_codes(ds: Dataset) -> tuple[str, ...]:
    """Every occupation code some state (or the states' US row) projects, the all-occupations row left out."""
    if not available(ds):
        return ()
    return tuple(c for c in ds.state_projections["soc_code"].unique() if c != ALL_OCCUPATIONS)


def warm(ds: Dataset) -> None:
    """What the industry filter of the in-demand list needs once per process (not on a user's first click)."""
    _became(ds)
    state_codes(ds)


def precompute(ds: Dataset) -> None:
    """Every area's list with the default weights, scored before the server listens (`serve` calls it through
    store.prepare): about 10 ms an area, paid once rather than by the first visitor of each state."""
    if available(ds):
        for area in ds.state_projections["area_code"].unique():
            scored(ds, area, DEFAULT_WEIGHTS)


@lru_cache(maxsize=256)
def versus_nation(ds: Dataset, state: str, weights: tuple[float, float, float], n: int = 10) -> pd.DataFrame:
    """Occupations that rank much higher in the state than in the nation (the same 2022–32 vintage: the
    states' file's US row, with national OEWS wages): in the state's top 50, at least 25 places higher."""
    here = scored(ds, state, weights)
    there = scored(ds, NATIONAL, weights).set_index("soc_code")["rank"]
    out = here[here["rank"].notna() & (here["rank"] <= 50)].copy()
    out["national_rank"] = out["soc_code"].map(there).astype("Int64")
    out["places_higher"] = out["national_rank"] - out["rank"]
    out = out[out["places_higher"].fillna(0) >= 25]
    return out.sort_values(["places_higher", "soc_code"], ascending=[False, True]).head(n).reset_index(drop=True)


def rule_text(weights: tuple[float, float, float], sv: str, oews: str, top: str) -> str:
    w = ", ".join(f"{k} × {x:g}" for k, x in zip(COMPONENTS, weights, strict=True))
    return (
        "Score = the weighted average of three percentile ranks (0–100) among the occupations the state projects: "
        f"annual openings ({sv}), projected growth ({sv}) and the median annual wage relative to the state's "
        f"all-occupation median (OEWS {oews}); weights {w}. A component not released is left out of that row and "
        f"its weight shared by the others. A top-coded wage ({top}) ranks at its bound."
    )


def wage_text(r) -> str:
    return money(r["annual_median"], bool(r["top_coded"]))


def demand_table(
    df: pd.DataFrame,
    name: str,
    sv: str,
    oews: str,
    ep: str,
    industry: IndustryMatch | None = None,
    csv: bool = False,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The in-demand list as shown and exported: headings that say whose figure and which vintage, and
    each heading's kind of number (for ui.column_config). On screen the wage reads as text ("≥ $239,200");
    in the CSV (`csv`) it is a number, with a column saying which wages are top-coded bounds. With an
    industry filter, the occupation's national employment in that industry and, where the state's code was
    matched through the codes it became, those codes."""
    wage_head = f"Median annual wage, {name} (OEWS {oews})"
    heads = {
        "rank": (f"Rank among all {name}'s occupations", "text"),  # filters cut the list; they do not re-rank
        "title": ("Occupation", "text"),
        "score": ("Score (0–100)", "share"),
        "openings_annual": (f"{name} openings a year {sv}", "count"),
        "change_pct": (f"{name} growth {sv} (%)", "change"),
        "wage": (wage_head, "money" if csv else "text"),
    }
    if csv:
        heads["wage_bound"] = (f"{wage_head}: top-coded", "text")
    heads |= {
        "wage_ratio": (f"Wage ÷ {name} all-occupation median", "ratio"),
        "how": ("How the score was made", "text"),  # after the figures it explains: wide, it hid them
        "education": (f"Typical education (national, EP {ep})", "text"),
        "tier_label": ("Education tier", "text"),
        "soc_code": ("SOC code", "text"),
    }
    if industry is not None:
        heads["industry_employment"] = (
            f"US employment in {industry.title} ({industry.code}), OEWS {oews} industry staffing",
            "count",
        )
        heads["industry_via"] = (f"In {industry.title} through SOC 2018 codes", "text")
    flags = df["top_coded"].astype(bool)
    out = df.assign(
        wage=df["annual_median"].astype(float)
        if csv
        else [money(w, t) for w, t in zip(df["annual_median"], flags, strict=True)],
        wage_bound=bound_notes(df["annual_median"], flags),
        tier_label=df["tier"].map(lambda t: TIERS[t][0] if t in TIERS else "not released"),
        wage_ratio=df["wage_ratio"].round(2),
    )[list(heads)]
    out.columns = [h for h, _ in heads.values()]
    return out, {h: k for h, k in heads.values()}
