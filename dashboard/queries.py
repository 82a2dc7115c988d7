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


def _median_flag(frame: pd.DataFrame, col: str = "annual_median") -> pd.Series:
    return frame["top_coded"].fillna("").str.contains(col)


def staffing_pattern(ds: Dataset, industry: str, major_group: str | None = None) -> pd.DataFrame:
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
    nat = ds.wages.xs(NATIONAL, level="area_code", drop_level=True)
    nat = nat.reindex(h["soc_code"])
    p = ds.projections.reindex(h["soc_code"])
    out = pd.DataFrame(
        {
            "soc_code": h["soc_code"].to_numpy(),
            "title": h["soc_code"].map(occ["title"]).to_numpy(),
            "major_group": h["soc_code"].map(occ["major_group"]).to_numpy(),
            "employment": h["employment"].to_numpy(),
            "share": (h["employment"] / total_emp * 100).to_numpy() if not is_missing(total_emp) else float("nan"),
            "median_in_industry": h["annual_median"].to_numpy(),
            "median_in_industry_top_coded": _median_flag(h).to_numpy(),
            "median_all_industries": nat["annual_median"].to_numpy(),
            "median_all_top_coded": _median_flag(nat).to_numpy(),
            "change_pct": p["change_pct"].to_numpy(),
            "openings_annual": p["openings_annual"].to_numpy(),
        }
    )
    out["major_title"] = out["major_group"].map(occ["title"])
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
                "top_coded": False if r is None else "annual_median" in top_coded_cols(r),
            }
        )
    out = pd.DataFrame(rows, columns=["industry_code", "industry", "employment", "annual_median", "top_coded"])
    out["employment"] = pd.to_numeric(out["employment"])
    out["annual_median"] = pd.to_numeric(out["annual_median"])
    return out.sort_values(["employment", "industry_code"], ascending=[False, True], na_position="last").reset_index(
        drop=True
    )


# --- geography ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    kind: str  # count | ratio | money | hourly
    rse: str  # the relative standard error column that qualifies it


def _measures() -> dict[str, Measure]:
    m = [
        Measure("employment", "Employment", "count", "employment_rse"),
        Measure("jobs_per_1000", "Jobs per 1,000 jobs", "ratio", "employment_rse"),
        Measure("location_quotient", "Location quotient", "ratio", "employment_rse"),
        Measure("annual_mean", "Mean annual wage", "money", "wage_rse"),
    ]
    for p in PERCENTILES:
        name = "Median" if p == "median" else f"{PERCENTILE_LABELS[p]} percentile"
        m.append(Measure(f"annual_{p}", f"{name} annual wage", "money", "wage_rse"))
    m.append(Measure("hourly_mean", "Mean hourly wage", "hourly", "wage_rse"))
    for p in PERCENTILES:
        name = "Median" if p == "median" else f"{PERCENTILE_LABELS[p]} percentile"
        m.append(Measure(f"hourly_{p}", f"{name} hourly wage", "hourly", "wage_rse"))
    return {x.key: x for x in m}


MEASURES = _measures()
RSE_CAUTION, RSE_LOW = 10.0, 25.0  # percent: below 10 reliable, 10–25 use with care, above 25 low reliability


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
    if measure.kind == "ratio":
        return "not released" if is_missing(value) else f"{value:,.2f}"
    return money(value, top_coded, hourly=measure.kind == "hourly")


def area_states(name: str, state: str | None) -> list[str]:
    """Every state a metro area spans, from its name ('New York-Newark-Jersey City, NY-NJ')."""
    if "," in name:
        tail = name.rsplit(",", 1)[1].strip()
        codes = [s for s in tail.split("-") if len(s) == 2 and s.isalpha() and s.isupper()]
        if codes:
            return codes
    return [state] if state else []


def area_ranking(
    ds: Dataset, soc: str, measure: str, area_types: tuple[str, ...], state: str | None = None
) -> pd.DataFrame:
    """The occupation's measure in every area of the given types (optionally within a state), highest first.

    A top-coded wage ranks at its bound (a lower bound stays in the ranking as one); what is not
    released goes last.
    """
    key = (soc, measure, area_types, state)
    memo = ds.cache.setdefault("area_ranking", {})
    if key in memo:  # rankings never change while the process runs; each is a few hundred rows
        return memo[key]
    if len(memo) > 512:
        memo.clear()
    m = MEASURES[measure]
    try:
        w = ds.wages.xs(soc, level="soc_code", drop_level=True)
    except KeyError:
        w = ds.wages.iloc[0:0].droplevel("soc_code")
    areas = ds.areas.reindex(w.index)
    keep = areas["area_type"].isin(area_types).to_numpy()
    w, areas = w[keep], areas[keep]
    if state:
        if "area_spans" not in ds.cache:  # every state each area spans, parsed from the names once
            a = ds.areas
            ds.cache["area_spans"] = {
                c: set(area_states(n, s))
                for c, n, s in zip(a.index, a["area_name"], a["state"].fillna(""), strict=True)
            }
        spans = ds.cache["area_spans"]
        inside = [state in spans[c] for c in w.index]
        w, areas = w[inside], areas[inside]
    tc = w["top_coded"].fillna("").str.split(";").map(lambda cols: measure in cols).to_numpy()
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
    memo[key] = out
    return out


# --- compare --------------------------------------------------------------------------------------


def compare_table(ds: Dataset, socs: list[str], area: str = NATIONAL) -> pd.DataFrame:
    """One row per occupation: annual wage range, employment (in the area), national outlook, top industries."""
    rows = []
    for soc in socs:
        occ = ds.occupations.loc[soc]
        w = wage_row(ds, soc, area)
        p = projection(ds, soc)
        tc = top_coded_cols(w) if w is not None else set()
        top = hiring_industries(ds, soc, level=3, n=3)
        row = {
            "soc_code": soc,
            "title": occ["title"],
            "employment": None if w is None else w["employment"],
            "pay_basis": None if w is None else pay_basis(w),
        }
        for pc in PERCENTILES:
            col = f"annual_{pc}"
            row[col] = None if w is None or is_missing(w[col]) else float(w[col])
            row[f"{col}_top_coded"] = col in tc
        row["change_pct"] = None if p is None else p["change_pct"]
        row["openings_annual"] = None if p is None else p["openings_annual"]
        row["education"] = occ["education"] if not is_missing(occ["education"]) else None
        row["top_industries"] = "; ".join(top["industry"]) if len(top) else None
        rows.append(row)
    out = pd.DataFrame(rows)
    for c in ("employment", "change_pct", "openings_annual"):
        out[c] = pd.to_numeric(out[c])
    return out


# --- similar roles and pathways ---------------------------------------------------------------------

SIMILAR_LEVEL = 4  # industry groups (4-digit NAICS): fine enough to tell a hospital from a clinic


def warm(ds: Dataset) -> None:
    """Build the derived frames every session shares, once per process (the first page load pays, not a
    later click): the industry mix behind similar roles and the national medians."""
    from dashboard import similar as sim

    if "industry_mix" not in ds.cache:
        h = ds.hiring[["soc_code", "industry_code", "employment"]].reset_index(drop=True)
        h = h[h["industry_code"].map(ds.industries["level"]) == SIMILAR_LEVEL]
        ds.cache["medians"] = pd.to_numeric(ds.wages.xs(NATIONAL, level="area_code")["annual_median"])
        ds.cache["industry_mix"] = sim.industry_mix(h)


def similar(ds: Dataset, soc: str, n: int = 6):
    """Similar roles for the profile (see dashboard/similar.py); the industry mix is built once per dataset."""
    from dashboard import similar as sim

    memo = ds.cache.setdefault("similar", {})
    if (soc, n) in memo:
        return memo[(soc, n)]
    warm(ds)
    memo[(soc, n)] = sim.similar_roles(
        soc, ds.occupations.reset_index(drop=True), ds.cache["industry_mix"], ds.cache["medians"], n=n
    )
    return memo[(soc, n)]


def pathway_presets(ds: Dataset) -> dict[str, tuple[str, list[str]]]:
    """pathway id -> (title, ordered SOC codes)."""
    out: dict[str, tuple[str, list[str]]] = {}
    for pid, g in ds.pathways.groupby("pathway", sort=False):
        out[pid] = (g["pathway_title"].iloc[0], list(g.sort_values("step")["soc_code"]))
    return out


def pathway_table(ds: Dataset, socs: list[str], area: str = NATIONAL) -> pd.DataFrame:
    """The compare table in ladder order, with experience and the median wage gained from the step before."""
    df = compare_table(ds, socs, area)
    df.insert(0, "step", range(1, len(df) + 1))
    df["experience"] = [ds.occupations.loc[s, "experience"] for s in socs]
    prev = df["annual_median"].shift(1)
    df["gain"] = df["annual_median"] - prev
    df["gain_pct"] = df["gain"] / prev * 100
    # a gain to or from a top-coded median is only a bound: say so rather than compute it
    capped = df["annual_median_top_coded"] | df["annual_median_top_coded"].shift(1, fill_value=False)
    df["gain_bounded"] = capped & df["gain"].notna()
    stages = ds.pathways.drop_duplicates("soc_code").set_index("soc_code")["stage"]
    df["stage"] = [stages.get(s, ds.occupations.loc[s, "title"]) for s in socs]
    return df
