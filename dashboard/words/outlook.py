"""The profile's projections section in words: the state's figures beside the nation's, and why a figure is missing."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.core.formatting import and_list, count, is_missing, pct
from dashboard.data.dataset import Dataset
from dashboard.domain.projections import (
    NATIONAL_SOURCE,
    NOT_IN_FOLDER,
    SOURCE,
    available,
    change_persons,
    source_line,
    state_name,
    state_of,
    state_row,
    vintage,
    years,
)


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


# --- the profile's headline tiles ---------------------------------------------------------------------


@dataclass
class Tile:
    label: str  # short enough for a tile: "Projected change 2022–32" (the heading above names the place)
    value: str
    beside: str  # whose figure it is, and the nation's beside the area's (or why the area has none)
    delta: str | None = None  # against the same area's all-occupation figure, same vintage, whose it says


def headline(ds: Dataset, soc: str, area: str, ep: str) -> tuple[Tile, Tile]:
    """The profile's projected change and openings tiles. Where the area's state publishes projections for
    the occupation, its own figures (Projections Central, labelled with their vintage) with the nation's
    (BLS EP) beside them; where it has none, the tile says so and the nation's stand beside. The nation
    chosen: the nation's, labelled."""
    try:
        p = ds.projections.loc[soc]
    except KeyError:
        p = None
    nat_change = pct(None if p is None else p["change_pct"])
    nat_openings = count(None if p is None else p["openings_annual"])
    state = state_of(ds, area)
    if state is None or not available(ds):
        all_p = ds.projections.loc["00-0000"] if "00-0000" in ds.projections.index else None
        delta = None
        if p is not None and all_p is not None and not is_missing(p["change_pct"]):
            delta = f"{p['change_pct'] - all_p['change_pct']:+.1f} pts vs {all_p['change_pct']:.1f}% for all US jobs"
        whose = f"United States · {NATIONAL_SOURCE}" + ("" if state is None else f". {NOT_IN_FOLDER}")
        return (
            Tile(f"Projected change {ep}", nat_change, whose, delta),
            Tile(f"Openings a year {ep}", nat_openings, whose),
        )
    name, sv = state_name(ds, state), vintage(ds)
    whose = f"{name}{'' if state == area else ', its state'} · {SOURCE.split(' (')[0]}"
    r = state_row(ds, state, soc)
    if r is None:
        none = f"No projections for this area: {name} publishes none for this occupation."
        return (
            Tile(f"Projected change {sv}", "not released", f"{none} United States, {ep}: {nat_change}"),
            Tile(f"Openings a year {sv}", "not released", f"{none} United States, {ep}: {nat_openings}"),
        )
    all_r = state_row(ds, state, "00-0000")
    delta = None
    if all_r is not None and not is_missing(r["change_pct"]) and not is_missing(all_r["change_pct"]):
        delta = f"{r['change_pct'] - all_r['change_pct']:+.1f} pts vs {all_r['change_pct']:.1f}% for all {name} jobs"
    return (
        Tile(f"Projected change {sv}", pct(r["change_pct"]), f"{whose} {sv}; United States, {ep}: {nat_change}", delta),
        Tile(
            f"Openings a year {sv}", count(r["openings_annual"]), f"{whose} {sv}; United States, {ep}: {nat_openings}"
        ),
    )


def two_employment_figures(ds: Dataset, soc: str, area: str, oews: str, employment) -> str | None:
    """Why a state shows two employment figures (OEWS's estimate and the projections' base year), in one line;
    None where it shows one."""
    state = state_of(ds, area)
    r = None if state is None or state != area else state_row(ds, state, soc)
    if r is None or is_missing(r["employment_base"]) or is_missing(employment):
        return None
    name, (base, _) = state_name(ds, state), years(ds)
    return (
        f"Two employment figures for {name}: {count(employment)} is OEWS's {oews} estimate (a survey of employers' "
        f"wage and salary jobs); {count(r['employment_base'])} is the {base} base of {name}'s {vintage(ds)} "
        f"projections from {SOURCE}, another year and method."
    )
