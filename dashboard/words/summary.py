"""The sentences read aloud: a profile's summary and a career ladder's, computed from the numbers."""

from __future__ import annotations

import pandas as pd

from dashboard.core.codes import ALL_OCCUPATIONS, NATIONAL
from dashboard.core.formatting import is_missing, money, times
from dashboard.data.dataset import Dataset
from dashboard.domain import projections, wages


def summary(ds: Dataset, soc: str, area: str = NATIONAL) -> str:
    """A paragraph an educator can read aloud, computed from the numbers.

    With an area, the wage sentence is the area's (beside the area's all-occupation median) when BLS
    publishes it there; projections are national and say so."""
    rel = ds.release
    occ = ds.occupations.loc[soc]
    title = occ["title"]
    where, there = "", ""
    w = wages.wage_row(ds, soc, area) if area != NATIONAL else None
    if w is not None and not (is_missing(w["annual_median"]) and is_missing(w["hourly_median"])):
        place = ds.areas.loc[area, "area_name"]
        where, there = f"In {place}, ", f" in {place}"
        allw = wages.wage_row(ds, ALL_OCCUPATIONS, area)
    else:
        if area != NATIONAL:
            where = "Nationally, "
        w = wages.wage_row(ds, soc, NATIONAL)
        allw = wages.wage_row(ds, ALL_OCCUPATIONS, NATIONAL)
    p = projections.projection(ds, soc)
    allp = projections.projection(ds, ALL_OCCUPATIONS)
    parts = []
    name = title
    if w is not None and not is_missing(w["annual_median"]) and allw is not None:
        tc = wages.capped(w, "annual_median")
        median = money(w["annual_median"], tc)
        rel_words = times(w["annual_median"], allw["annual_median"])
        rel_text = (
            f"{rel_words} the median for all occupations{there}"
            if "same" not in rel_words
            else f"about the same as the median for all occupations{there}"
        )
        if tc:
            rel_text = f"and the ratio to the median for all occupations{there} cannot be computed"
        amount = "at least " + median[2:] if tc else median
        parts.append(f"{where}{name} earn a median of {amount} a year, {rel_text}.")
    elif w is not None and not is_missing(w["hourly_median"]):
        parts.append(
            f"{where}{name} earn a median of {money(w['hourly_median'], hourly=True)} an hour "
            "(BLS publishes hourly wages only)."
        )
    if (state := _state_sentence(ds, soc, area)) is not None:  # the state's own first, as the page's tiles
        parts.append(state)
    if p is not None and not is_missing(p["change_pct"]):
        avg = allp["change_pct"]
        c = p["change_pct"]
        lead = "Employment" if area == NATIONAL else "Nationally, employment"  # projections are national
        sentence = f"{lead} is projected to {_change(c)} {rel.ep_years}, {_pace(c, avg)} the {avg:.1f}% average"
        if not is_missing(p["openings_annual"]):
            sentence += f", with about {int(p['openings_annual']):,} openings each year"
            split = projections.openings_split(ds, soc)
            if split is not None:
                ex, tr = int(p["labor_force_exits"]), int(p["occupational_transfers"])
                main = "move to other occupations or retire" if tr >= ex else "retire or leave the labor force"
                grow_share = split.loc[0, "openings"] / int(p["openings"])
                if grow_share < 0.5:
                    sentence += f", most of them to replace workers who {main}"
        parts.append(sentence + ".")
    return " ".join(parts) if parts else f"BLS has not released wage or projection figures for {title}."


def _change(c: float) -> str:
    """A projected change in words: "grow 9.5%", "decline 2.0%", "stay about the same"."""
    return f"grow {c:.1f}%" if c > 0 else (f"decline {abs(c):.1f}%" if c < 0 else "stay about the same")


def _pace(c: float, avg: float) -> str:
    return "faster than" if c > avg else ("slower than" if c < avg else "the same as")


def _state_sentence(ds: Dataset, soc: str, area: str) -> str | None:
    """The area's state's projection in a sentence ("In Texas, employment is projected to grow 18.1% from 2022
    to 2032 (Projections Central), faster than the 13.0% state average, with about 3,520 openings each year."),
    or None where there is none: a Texas profile's paragraph gave the nation's 9.5% alone."""
    state = projections.state_of(ds, area) if projections.available(ds) else None
    r = projections.state_row(ds, state, soc) if state else None
    all_r = projections.state_row(ds, state, ALL_OCCUPATIONS) if state else None
    if r is None or is_missing(r["change_pct"]):
        return None
    base, target = projections.years(ds)
    c = float(r["change_pct"])
    out = f"In {projections.state_name(ds, state)}, employment is projected to {_change(c)}"
    out += f" from {base} to {target} (Projections Central)"
    if all_r is not None and not is_missing(all_r["change_pct"]):
        avg = float(all_r["change_pct"])
        out += f", {_pace(c, avg)} the {avg:.1f}% state average"
    if not is_missing(r["openings_annual"]):
        out += f", with about {int(r['openings_annual']):,} openings each year"
    return out + "."


def gain_text(r, hourly: bool = False) -> str:
    """A step's median wage gain over the step before, as a ladder table shows it."""
    if r["step"] == 1:
        return "entry step"
    if is_missing(r["gain"]):
        return "not released"
    sign = "+" if r["gain"] >= 0 else "−"
    amount = f"${abs(r['gain']):,.2f}" if hourly else f"${abs(r['gain']):,.0f}"
    text = f"{sign}{amount} ({sign}{abs(r['gain_pct']):.0f}%)"
    return f"{text}, a bound (top-coded wage)" if r["gain_bounded"] else text


def pathway_summary(df: pd.DataFrame, hourly: bool = False) -> str:
    """One or two sentences an educator can read aloud."""
    basis = "hourly" if hourly else "annual"
    col = f"{basis}_median"
    known = df.dropna(subset=[col])
    if len(known) < 2:
        return f"BLS has not released median {basis} wages for enough of these steps to compare them."
    a, b = known.iloc[0], known.iloc[-1]
    rise = b[col] - a[col]
    bound = " at least" if b[f"{col}_top_coded"] else ""
    amount = f"${abs(rise):,.2f}" if hourly else f"${abs(rise):,.0f}"
    text = (
        f"From {a['stage'].lower()} ({money(a[col], a[f'{col}_top_coded'], hourly)}) to "
        f"{b['stage'].lower()} ({money(b[col], b[f'{col}_top_coded'], hourly)}), the median {basis} wage "
        f"{'rises' if rise >= 0 else 'falls'}{bound} {amount} ({abs(rise) / a[col] * 100:.0f}%)."
    )
    drops = [r["stage"] for _, r in known.iloc[1:].iterrows() if not is_missing(r["gain"]) and r["gain"] < 0]
    if drops:
        text += f" Not every step pays more: the median falls at {', '.join(s.lower() for s in drops)}."
    openings = df["openings_annual"].dropna()
    if len(openings):
        text += f" Together the steps have about {int(openings.sum()):,} openings a year nationally."
    return text


def concentration(ds: Dataset, soc: str, area: str) -> str:
    """The profile's line on the location quotient OEWS publishes for the area: the area's share of its jobs in
    this occupation over the nation's share, with what the comparison means (none for the nation, 1 by definition)."""
    if area == NATIONAL:
        return "The map shows where this occupation is concentrated: each state's location quotient (OEWS)."
    place = ds.areas.loc[area, "area_name"]
    w = wages.wage_row(ds, soc, area)
    lq = None if w is None else w["location_quotient"]
    source = f"OEWS {ds.release.oews}"
    if is_missing(lq):
        return f"Location quotient in {place}: not released ({source})."
    how = (
        "about as concentrated as in the nation"
        if round(lq, 2) == 1
        else ("more concentrated than in the nation" if lq > 1 else "less concentrated than in the nation")
    )
    return (
        f"Location quotient in {place}: {lq:,.2f} ({source}). The share of {place}'s jobs in this occupation is "
        f"{lq:,.2f} times the nation's share: {how} (1 means the same share; it compares shares of jobs, not pay "
        "or demand)."
    )
