"""The in-demand score: percentile ranks of a state's openings, growth and relative wage, weighted; its filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.core.codes import ALL_OCCUPATIONS, NATIONAL, top_coded_flag
from dashboard.core.formatting import count, is_missing, pct
from dashboard.data.dataset import Dataset
from dashboard.domain import industries, supply
from dashboard.domain.derived import per_argument, per_dataset
from dashboard.domain.projections import available, state_codes, state_table
from dashboard.domain.soc import old_code

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


# "less than a bachelor's": no formal credential through associate's, the tiers a board often asks for at once
PRESETS = {"below-bachelors": ("entry", "middle-skill")}


COMPONENTS = ("openings", "growth", "wage")


DEFAULT_WEIGHTS = (1.0, 1.0, 1.0)


MAX_WEIGHT = 10.0  # the page's weight boxes go from 0 to this; a link may not ask for more


def tier_of(education) -> str | None:
    for key, (_, levels) in TIERS.items():
        if education in levels:
            return key
    return None


def parse_tiers(raw: str) -> tuple[str, ...]:
    """'entry,middle-skill' or a preset ('below-bachelors') -> the tiers, in TIERS's order. ValueError with
    the reason."""
    got: set[str] = set()
    for part in (p.strip().lower() for p in raw.split(",") if p.strip()):
        if part in PRESETS:
            got.update(PRESETS[part])
        elif part in TIERS:
            got.add(part)
        else:
            raise ValueError(part)
    if not got:
        raise ValueError(raw)
    return tuple(k for k in TIERS if k in got)


def tiers_text(tiers: tuple[str, ...]) -> str:
    """The tiers as a link carries them: a preset's name where they are one ('below-bachelors')."""
    return next((name for name, ks in PRESETS.items() if tuple(tiers) == ks), ",".join(tiers))


# --- what counts as in demand ------------------------------------------------------------------------

GROWTH_RULE_RANGE = (-100.0, 100.0)  # percent: the rule's growth threshold (above -100% admits every occupation)


@dataclass(frozen=True)
class Rule:
    """What counts as in demand: projected growth above `growth_above` percent and at least `min_openings`
    openings a year (both the state's projections). Rows that fail are not ranked with the rest."""

    growth_above: float = 0.0
    min_openings: int = 0


# (growth met, openings met) -> what the row misses
_MISSES = {
    (True, True): (),
    (False, True): ("growth",),
    (True, False): ("openings",),
    (False, False): ("growth", "openings"),
}


def apply_rule(df: pd.DataFrame, rule: Rule) -> pd.DataFrame:
    """The scored list with `in_demand` (the rule met; growth not released cannot be shown to meet it),
    `outlook` (declining, no change, growing; None where growth is not released), the reasons a row
    misses (`misses`: growth, openings) and `rank` among the in-demand rows only (NA for the rest)."""
    growth = df["change_pct"].astype(float)
    openings = df["openings_annual"].astype(float)
    grows = growth > rule.growth_above
    # no minimum asks nothing of openings (New York's are withheld); a minimum cannot be met by openings not released
    enough = openings.fillna(-1) >= rule.min_openings if rule.min_openings else pd.Series(True, index=df.index)
    outlook = np.select([growth < 0, growth == 0, growth > 0], ["declining", "no change", "growing"], "")
    misses = [_MISSES[g, o] for g, o in zip(grows, enough, strict=True)]  # four shared tuples, not one a row
    out = df.assign(
        in_demand=(grows & enough).to_numpy(),
        outlook=pd.Series(outlook, index=df.index).replace("", None),
        misses=misses,
    )
    rank = pd.array([pd.NA] * len(out), dtype="Int64")
    ranked = (out["in_demand"] & out["score"].notna()).to_numpy()
    rank[ranked] = np.arange(1, int(ranked.sum()) + 1)  # df is in score order: rank among the in-demand only
    out["rank"] = rank
    return out


def weighs_nothing(weights: tuple[float, ...]) -> bool:
    """True when the weights add up to zero: no score can be computed (a link or the page falls back to equal)."""
    return sum(weights) == 0


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
        got[name] = round(w, 2)  # the score counts weights in hundredths, as the row writes them
    weights = tuple(got.get(k, 0.0) for k in COMPONENTS)
    if weighs_nothing(weights):
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


@per_argument(128)
def scored(ds: Dataset, area: str, weights: tuple[float, float, float]) -> pd.DataFrame:
    """Every occupation `area` (a state, or 0000000 for the states' US row) projects, scored.

    score = Σ weight × percentile rank (0–100, among the area's projected occupations) of: annual
    openings, projected growth (%), and the median annual wage relative to the area's all-occupation
    median (OEWS). A component not released is left out of that row's score, and its weights are shared
    by the others (the row says so). A top-coded wage ranks at its bound. Each rank is kept to one decimal
    and the score is the weighted average of those shown ranks, rounded half up to one decimal: the row's
    "how" computes to its score.
    """
    weights = tuple(round(float(w), 2) for w in weights)  # counted in hundredths, as the rows write them
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
    # The score is computed from the ranks as shown (one decimal) in whole tenths and hundredths, so what a row
    # writes out ("(P77.3 × 1 + P86.5 × 1 + P78.2 × 1) ÷ 3 = 80.7") computes to its score, rounded half up.
    num = np.zeros(len(out), dtype=np.int64)
    den = np.zeros(len(out), dtype=np.int64)
    for k, w in zip(COMPONENTS, weights, strict=True):
        tenths = np.floor(ranks[k].to_numpy(dtype=float) * 10 + 0.5)
        out[f"{k}_pct"] = tenths / 10
        has = ~np.isnan(tenths)
        hundredths = int(round(w * 100))
        num += np.where(has, np.nan_to_num(tenths).astype(np.int64) * hundredths, 0)
        den += np.where(has, hundredths, 0)
    safe = np.where(den > 0, den, 1)
    out["score"] = np.where(den > 0, ((2 * num + safe) // (2 * safe)) / 10, np.nan)
    out["how"] = [_how(r, weights) for r in out.itertuples()]
    out["how_short"] = [_how(r, weights, short=True) for r in out.itertuples()]  # the brief: figures beside it
    out = out.sort_values(["score", "soc_code"], ascending=[False, True], na_position="last").reset_index(drop=True)
    rank = pd.array(range(1, len(out) + 1), dtype="Int64")
    rank[out["score"].isna().to_numpy()] = pd.NA
    out.insert(0, "rank", rank)
    out.attrs["all_median"] = float(all_median) if not is_missing(all_median) else None
    return out


def _how(r, weights, short: bool = False) -> str:
    """The row's score, written out: each component's figure, its percentile rank and its weight; `short`
    names the component instead of its figure (where the figures stand in their own columns)."""
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
    parts = [f"{k if short else figures[k] + ' →'} P{p:.1f} × {w:g}" for k, p, w in used]
    text = f"({' + '.join(parts)}) ÷ {total:g} = {r.score:.1f}"
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
    tier: str | tuple[str, ...] | None = None,
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
        out = out[out["tier"].isin((tier,) if isinstance(tier, str) else tier)]
    if floor is not None:
        out = out[out["annual_median"].fillna(-1) >= floor]
    if min_openings:
        out = out[out["openings_annual"].fillna(-1) >= min_openings]
    if group:
        out = out[out["major_group"] == group]
    return out


@per_argument(256)
def judged(ds: Dataset, area: str, weights: tuple[float, float, float], rule: Rule) -> pd.DataFrame:
    """The area's scored list judged by `rule` (apply_rule), kept: a state's list with the default weights and
    rule is judged before the server listens (precompute), not on a visitor's change of state (~9 ms)."""
    return apply_rule(scored(ds, area, weights), rule)


@per_argument(256)
def trained(ds: Dataset, area: str, weights: tuple[float, float, float], rule: Rule, ratio: float) -> pd.DataFrame:
    """`judged` with the completers of related programs beside each row (with_training), kept as `judged` is."""
    return with_training(ds, judged(ds, area, weights, rule), area, ratio)


def split(
    judged: pd.DataFrame,
    tier: str | tuple[str, ...] | None = None,
    floor: float | None = None,
    group: str | None = None,
    industry: IndustryMatch | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The list `judged` (ranked among the in-demand only) cut by the board's filters: (the in-demand rows, the
    rows the rule leaves out: declining, too little growth or too few openings)."""
    out = filtered(judged, tier, floor, 0, group, industry)
    return out[out["in_demand"]], out[~out["in_demand"]]


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


@per_dataset
def _became(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Each code the states project that OEWS industry staffing does not use: the SOC 2018 codes it became."""

    if not available(ds):
        return {}
    published = set(ds.hiring.index.get_level_values("soc_code"))
    out = {}
    for code in ds.state_projections["soc_code"].unique():
        if code != ALL_OCCUPATIONS and code not in published:
            mapped = old_code(ds, code)
            out[code] = tuple(mapped[0]) if mapped else ()
    return out


@per_argument(64)
def industry_match(ds: Dataset, industry: str) -> IndustryMatch:
    """Every SOC code the states project that `industry` employs nationally (see IndustryMatch)."""

    staffed = industries.industry_staffing(ds, industry)
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


def warm(ds: Dataset) -> None:
    """What the industry filter of the in-demand list needs once per process (not on a user's first click)."""
    _became(ds)
    state_codes(ds)


def precompute(ds: Dataset, pause: Callable[[], None] = lambda: None) -> None:
    """Every area's list with the default weights, scored by `serve`'s background warm-up (store.prepare):
    about 10 ms an area, paid once rather than by the first visitor of each state. `pause` is
    called before each area (the server's warm-up waits there for a moment without visitors)."""
    if available(ds):
        for area in ds.state_projections["area_code"].unique():
            pause()
            judged(ds, area, DEFAULT_WEIGHTS, Rule())  # 2.5 MB for every state; with training beside it, 2.3 more
            if area != NATIONAL:
                versus_nation(ds, area, DEFAULT_WEIGHTS)  # the page's "ranks much higher here", ~15 ms a state
    pause()
    supply.warm(ds)  # the completers of related programs the list and the profile set beside openings


@per_argument(256)
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


# --- who is trained for it: completers of related programs beside the openings --------------------------


def with_training(ds: Dataset, df: pd.DataFrame, state: str, ratio: float = supply.SHORT_RATIO) -> pd.DataFrame:
    """The list with each occupation's completers of related programs in the state (IPEDS, latest year, at the
    award levels matching its typical entry education; NaN where the crosswalk maps it to no program: not
    released), completers per annual opening (NaN where openings are not released or zero), and whether
    training may fall short (openings at least `ratio` × completers; None where either is unknown)."""
    related = supply.related_in_state(ds, state) if supply.available(ds) else pd.Series(dtype="int64")
    completers = df["soc_code"].map(related).astype(float)
    openings = df["openings_annual"].astype(float)
    known = completers.notna() & openings.notna() & (openings > 0)
    short = (openings >= ratio * completers).where(known)
    return df.assign(
        related_completers=completers,
        per_opening=(completers / openings.where(openings > 0)).round(2),
        falls_short=short.astype(object).where(known, None),
    )


def falls_short(df: pd.DataFrame) -> pd.DataFrame:
    """The rows where training may fall short (with_training's rule); unknown rows are left out."""
    return df[df["falls_short"].eq(True)]


def by_per_opening(df: pd.DataFrame) -> pd.DataFrame:
    """Fewest completers of related programs per opening first; rows without the figure last, in rank order."""
    return df.sort_values(["per_opening", "rank"], ascending=[True, True], na_position="last", kind="stable")
