"""The program page's "who graduates in it": IPEDS completers by award level and year (the nation beside the
area), the institutions that award it in the area (table, CSV, map), and the nearest areas when none does."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core.codes import NATIONAL
from dashboard.core.safe import md
from dashboard.data.dataset import Dataset
from dashboard.domain import supply
from dashboard.domain.derived import per_argument
from dashboard.present import supply_charts
from dashboard.present.figure import Figure
from dashboard.web import ui
from dashboard.words import supply as words

US = "United States"


def _name(ds: Dataset, code: str) -> str:
    return US if code == NATIONAL else ui.area_name(ds, code)


# kept as the queries under it are: the section's other reruns ask again
@per_argument(supply.PROGRAM_AREAS_KEPT)
def level_tables(ds: Dataset, cip: str, area: str, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The chart's data as shown and exported: (award levels in the year, area beside nation; the same levels a
    year from the first year to the latest, one row per place and level). Numbers stay numbers."""
    place, ay = _name(ds, area), supply.academic_year(year)
    beside = supply.program_levels_beside(ds, cip, area, year)
    latest = pd.DataFrame({"Award level": beside["award_name"]})
    if area != NATIONAL:
        latest[f"Completers, {place}, {ay}"] = beside["area"]
    latest[f"Completers, {US}, {ay}"] = beside["nation"]
    ys = supply.years(ds)
    parts = []
    for code in [area, NATIONAL] if area != NATIONAL else [NATIONAL]:
        t = supply.program_by_level(ds, cip, code)
        t = t[t["award_level"].isin(beside["award_level"])]
        parts.append(
            pd.DataFrame(
                {"Area": _name(ds, code), "Award level": t["award_name"].to_numpy()}
                | {supply.academic_year(y): t[y].to_numpy(dtype="int64") for y in ys}
            )
        )
    trend = pd.concat(parts, ignore_index=True)
    return latest, trend


@per_argument(supply.PROGRAM_AREAS_KEPT)
def institutions_table(ds: Dataset, cip: str, area: str, year: int) -> pd.DataFrame:
    """The institutions with completers in the year: name, city, state, sector, completers by level, total."""
    inst = supply.program_institutions(ds, cip, area, year)
    levels = [n for n in supply.level_names(ds).values() if n in inst.columns]
    table = inst[["name", "city", "postal", "sector", *levels, "total", "unitid"]].rename(
        columns={"name": "Institution", "city": "City", "postal": "State", "sector": "Sector",
                 "total": "Completers, all levels", "unitid": "IPEDS unit ID"}
    )  # fmt: skip
    return table


def figures(ds: Dataset, cip: str, area: str, year: int) -> tuple[Figure, Figure, Figure | None]:
    """The section's three charts for an area it counts (award levels in the year, each level a year, the
    institutions' map: None where none awards it), as copies the page may give a title."""
    by_level, by_year, where = _figures(ds, cip, area, year)
    return by_level.copy(), by_year.copy(), None if where is None else where.copy()


# as the tables: the area's next visitor, or a planner back at it, does not make them again
@per_argument(supply.PROGRAM_AREAS_KEPT)
def _figures(ds: Dataset, cip: str, area: str, year: int) -> tuple[Figure, Figure, Figure | None]:
    place, ay = _name(ds, area), supply.academic_year(year)
    places = [place, US] if area != NATIONAL else [US]
    latest, trend = level_tables(ds, cip, area, year)
    drawn = latest.rename(columns=dict(zip(latest.columns[1:], places, strict=True))).rename(
        columns={"Award level": "award_name"}
    )
    years = list(supply.years(ds))
    ys = [supply.academic_year(y) for y in years]
    long = trend.rename(columns={"Area": "place", "Award level": "award_name"})
    long = long.rename(columns=dict(zip(ys, years, strict=True)))
    full = supply.program_institutions(ds, cip, area, year)
    where = None
    if len(full):
        kind = ds.areas.loc[area, "area_type"] if area != NATIONAL else "national"
        states = sorted(set(full["postal"])) if kind != "national" else []
        if kind == "state":
            states = [str(ds.areas.loc[area, "state"])]
        focus = {"state": "states", "metro": "points"}.get(kind, "nation")
        where = supply_charts.institutions_map(full, f"institutions awarding {cip}, {place}, {ay}", states, focus)
    return supply_charts.by_level(drawn, places, ay), supply_charts.by_year(long, places, years, ys), where


def warm(ds: Dataset, cip: str, area: str) -> None:
    """Work out what `draw` keeps for `cip` in `area` (the tables and charts of the area it counts), drawing nothing:
    program_view.warm_areas asks for it in the server's idle time."""
    if not supply.available(ds):
        return
    year = supply.latest(ds)
    counted = supply.counted_area(ds, area)
    for where in {counted, NATIONAL}:
        supply.program_total(ds, cip, where, year)
    institutions_table(ds, cip, counted, year)
    _figures(ds, cip, counted, year)  # and level_tables under it


def draw(ds: Dataset, cip: str, program: str, area: str) -> list[str]:
    """The section; returns its footnote (the source, with the year)."""
    if not supply.available(ds):
        st.subheader("Who graduates in it")
        st.info(
            "This data folder has no IPEDS completions (completions.csv.gz and institutions.csv are not in it): "
            "run `workforce-outlook build-data` with the NCES files to add them."
        )
        return []
    year = supply.latest(ds)
    ay = supply.academic_year(year)
    counted = supply.counted_area(ds, area)
    place = _name(ds, counted)
    st.subheader(md(f"Who graduates in it: {place}, IPEDS {ay} awards"))
    if counted != area:
        st.info(md(words.not_counted(_name(ds, area), None if counted == NATIONAL else place)))
    source = f"{supply.SOURCE_LINE}, {words.year_note(year)}"
    total = supply.program_total(ds, cip, counted, year)
    nation = supply.program_total(ds, cip, NATIONAL, year)
    inst = institutions_table(ds, cip, counted, year)
    cols = st.columns(3 if counted != NATIONAL else 2)
    cols[0].metric(md(f"Completers, {place}, {ay}"), f"{total:,}")
    cols[1].metric(md(f"Institutions awarding it, {place}, {ay}"), f"{len(inst):,}")
    if counted != NATIONAL:
        cols[2].metric(f"Completers, {US}, {ay}", f"{nation:,}")
    st.caption(md(f"{words.completers_line(total, len(inst), place, year)}. {words.where_counted()}"))

    if nation == 0:
        st.info(md(words.none_offered(f"{cip} {program}", US, year)))
        return [f"Completers: {source}."]
    if inst.empty:  # said first, with the nearest areas that award it; the nation's figures still follow
        st.info(md(words.none_offered(f"{cip} {program}", place, year)))
        near = supply.nearest_offering(ds, cip, counted)
        if near:
            st.markdown("The nearest areas where institutions award it:")
            for code, n in near:  # buttons, as the page's search results: a link to the page it is on left
                # the address bar behind (Streamlit 1.67), so the view shown and the link to share differed
                label = md(f"{_name(ds, code)}: {n:,} completers in {ay}")
                if st.button(label, key=f"nearest-{code}", icon=":material/school:", type="tertiary"):
                    ui.navigate(cip=cip, q=None, area=code)
    latest, trend = level_tables(ds, cip, counted, year)
    places = [place, US] if counted != NATIONAL else [US]
    by_level, by_year, where = figures(ds, cip, counted, year)
    ui.chart_with_table(
        by_level,
        latest,
        f"program-{cip}-levels-{counted}",
        "program-levels",
        title=f"{cip} {program}: completers by award level, {' and '.join(places)}, IPEDS {ay} awards",
        source=f"Source: {source}",
        place=None,  # its headings name each place
        caption="Each place on its own scale. Award levels with no completers in either place are left out.",
    )
    years = list(supply.years(ds))
    ys = [supply.academic_year(y) for y in years]
    first, last = ys[0], ys[-1]
    ui.chart_with_table(
        by_year,
        trend,
        f"program-{cip}-years-{counted}",
        "program-years",
        title=f"{cip} {program}: completers a year by award level, {' and '.join(places)}, IPEDS {first} to {last}",
        source=f"Source: {supply.SOURCE_LINE}, IPEDS {first} to {last} awards (July to June), first majors",
        place=None,  # its Area column names each row's place
        caption="Each place on its own scale. A level with no completers in a year shows 0 for it.",
    )
    if inst.empty:
        return [f"Completers: {source}."]

    st.markdown(f"**Institutions in {md(place)} that award it, {ay}**" + ui.how_to(" (click a heading to sort)"))
    kinds = {c: "count" for c in inst.columns[4:-1]}
    st.dataframe(
        inst, hide_index=True, width="stretch", key=f"program-institutions-{counted}",
        column_config=ui.column_config(kinds, inst), placeholder=ui.MISSING,
    )  # fmt: skip
    ui.download(inst, f"program-{cip}-institutions-{counted}", "dl-program-institutions", place=place, source=source)
    ui.chart_with_table(
        where,
        inst[["Institution", "City", "State", "Completers, all levels"]],
        f"program-{cip}-map-{counted}",
        "program-map",
        title=f"Where {cip} {program} is awarded: {place}, IPEDS {ay} (dot size: completers)",
        source=f"Source: {source}",
        place=place,
        caption="Institutions outside the 50 states and DC are in the table but not on the map.",
    )
    return [f"Completers: {source}."]
