"""Pure pandas: filters, rankings, joins and the words on screen; no Streamlit here."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process, utils

from dashboard.data import Dataset

NATIONAL = "0000000"
ALL_INDUSTRIES = "000000"
ALL_OCCUPATIONS = "00-0000"
SOC_RE = re.compile(r"^\d{2}-\d{4}$")
PERCENTILES = ("p10", "p25", "median", "p75", "p90")
PERCENTILE_LABELS = {"p10": "10th", "p25": "25th", "median": "Median", "p75": "75th", "p90": "90th"}


# --- numbers as words -------------------------------------------------------------------------


def is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def money(value, top_coded: bool = False, hourly: bool = False) -> str:
    """'$126,060', '$60.61', '≥ $239,200' for a top-coded bound, 'not released' when missing."""
    if is_missing(value):
        return "not released"
    text = f"${value:,.2f}" if hourly else f"${value:,.0f}"
    return f"≥ {text}" if top_coded else text


def count(value) -> str:
    return "not released" if is_missing(value) else f"{int(value):,}"


def pct(value, signed: bool = True) -> str:
    if is_missing(value):
        return "not released"
    return f"{value:+.1f}%" if signed else f"{value:.1f}%"


def top_coded_cols(row) -> set[str]:
    v = row.get("top_coded") if hasattr(row, "get") else None
    return set() if is_missing(v) or not v else set(str(v).split(";"))


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
    """An OEWS area code, or a state's postal abbreviation (CA), as an area code; None if unknown."""
    if not value:
        return None
    v = value.strip()
    if v in ds.areas.index:
        return v
    states = ds.areas[ds.areas["area_type"] == "state"]
    hit = states.index[states["state"] == v.upper()]
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


def search_roles(ds: Dataset, query: str, limit: int = 8) -> list[Match]:
    """Job titles as people say them -> SOC occupations: curated aliases plus fuzzy official titles."""
    q = (query or "").strip()[:100]
    if not q:
        return []
    if SOC_RE.match(q) and q in ds.occupations.index:
        return [Match(q, ds.occupations.loc[q, "title"], q, 100.0)]
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


def explorer_table(ds: Dataset, area: str = NATIONAL, industry: str | None = None) -> pd.DataFrame:
    """Every detailed occupation with its wages (in the area, or in the industry nationally) and outlook."""
    occ = ds.occupations.loc[detailed_codes(ds), ["soc_code", "title", "major_group", "education"]]
    if industry and industry != ALL_INDUSTRIES:
        w = ds.hiring.xs(industry, level="industry_code", drop_level=True)
    else:
        w = ds.wages.xs(area, level="area_code", drop_level=True)
    cols = ["employment", "annual_median", "hourly_median", "annual_p90", "top_coded"]
    w = w[["soc_code", *cols]].reset_index(drop=True)
    out = occ.reset_index(drop=True).merge(w, on="soc_code", how="left")
    if industry and industry != ALL_INDUSTRIES:
        out = out[out["employment"].notna() | out["annual_median"].notna()]
    p = ds.projections[["employment_base", "change_pct", "openings_annual", "labor_force_exits"]]
    out = out.merge(p, left_on="soc_code", right_index=True, how="left")
    majors = ds.occupations["title"].rename("major_title")
    out = out.merge(majors, left_on="major_group", right_index=True, how="left")
    out["median_top_coded"] = out["top_coded"].fillna("").str.contains("annual_median")
    return out.drop(columns=["labor_force_exits"]).reset_index(drop=True)


def filter_explorer(
    df: pd.DataFrame,
    roles: list[str] | None = None,
    major_group: str | None = None,
    education: str | None = None,
    min_openings: int = 0,
    growth: tuple[float, float] | None = None,
) -> pd.DataFrame:
    out = df
    if roles:
        out = out[out["soc_code"].isin(roles)]
    if major_group:
        out = out[out["major_group"] == major_group]
    if education:
        out = out[out["education"] == education]
    if min_openings:
        out = out[out["openings_annual"].fillna(-1) >= min_openings]
    if growth:
        lo, hi = growth
        out = out[out["change_pct"].between(lo, hi) | out["change_pct"].isna() & (lo <= -100)]
    return out


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


def wage_percentiles(ds: Dataset, soc: str, area: str, hourly: bool = False) -> pd.DataFrame:
    """The five percentiles for the area and for the nation: one row per (place, percentile)."""
    prefix = "hourly" if hourly else "annual"
    rows = []
    places = [(NATIONAL, "United States")]
    if area != NATIONAL:
        places.insert(0, (area, ds.areas.loc[area, "area_name"]))
    for code, name in places:
        r = wage_row(ds, soc, code)
        tc = top_coded_cols(r) if r is not None else set()
        for p in PERCENTILES:
            col = f"{prefix}_{p}"
            v = None if r is None else r[col]
            rows.append(
                {
                    "place": name,
                    "percentile": PERCENTILE_LABELS[p],
                    "wage": None if is_missing(v) else float(v),
                    "top_coded": col in tc,
                    "label": money(v, col in tc, hourly),
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


INDUSTRY_LEVELS = {2: "sector", 3: "subsector", 4: "industry group"}


def hiring_industries(ds: Dataset, soc: str, level: int = 3, by: str = "employment", n: int = 10) -> pd.DataFrame:
    """Industries at one OEWS level that employ the occupation, with share of its jobs and median wage."""
    try:
        h = ds.hiring.xs(soc, level="soc_code", drop_level=True)
    except KeyError:
        return pd.DataFrame(columns=["industry_code", "industry", "employment", "share", "annual_median", "top_coded"])
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
            "top_coded": h["top_coded"].fillna("").str.contains("annual_median"),
        }
    )
    key = "employment" if by == "employment" else "annual_median"
    # a top-coded median is a lower bound at the cap: it ranks at the cap, ahead of what is not released
    return out.sort_values([key, "industry_code"], ascending=[False, True], na_position="last").head(n)


def times(a: float, b: float) -> str:
    r = a / b
    if 0.9 <= r <= 1.1:
        return "about the same as"
    if r > 1:
        return f"about {r:.1f} times"
    return f"about {r * 100:.0f}% of"


def summary(ds: Dataset, soc: str) -> str:
    """A paragraph an educator can read aloud, computed from the numbers."""
    occ = ds.occupations.loc[soc]
    title = occ["title"]
    w = wage_row(ds, soc, NATIONAL)
    allw = wage_row(ds, ALL_OCCUPATIONS, NATIONAL)
    p = projection(ds, soc)
    allp = projection(ds, ALL_OCCUPATIONS)
    parts = []
    if w is not None and not is_missing(w["annual_median"]):
        tc = "annual_median" in top_coded_cols(w)
        median = money(w["annual_median"], tc)
        rel = times(w["annual_median"], allw["annual_median"])
        rel_text = (
            f"{rel} the median for all occupations"
            if "same" not in rel
            else "about the same as the median for all occupations"
        )
        parts.append(f"{title} earn a median of {'at least ' + median[2:] if tc else median} a year, {rel_text}.")
    elif w is not None and not is_missing(w["hourly_median"]):
        parts.append(
            f"{title} earn a median of {money(w['hourly_median'], hourly=True)} an hour (BLS publishes hourly wages only)."
        )
    if p is not None and not is_missing(p["change_pct"]):
        avg = allp["change_pct"]
        c = p["change_pct"]
        verb = "grow" if c > 0 else ("decline" if c < 0 else "stay about the same")
        pace = "faster than" if c > avg else ("slower than" if c < avg else "the same as")
        amount = f" {abs(c):.1f}%" if c != 0 else ""
        sentence = f"Employment is projected to {verb}{amount} from 2024 to 2034, {pace} the {avg:.1f}% average"
        if not is_missing(p["openings_annual"]):
            sentence += f", with about {int(p['openings_annual']):,} openings each year"
            split = openings_split(ds, soc)
            if split is not None:
                ex, tr = int(p["labor_force_exits"]), int(p["occupational_transfers"])
                main = "move to other occupations or retire" if tr >= ex else "retire or leave the labor force"
                grow_share = split.loc[0, "openings"] / int(p["openings"])
                if grow_share < 0.5:
                    sentence += f", most of them to replace workers who {main}"
        parts.append(sentence + ".")
    return " ".join(parts) if parts else f"BLS has not released wage or projection figures for {title}."
