"""What the Programs page draws for one program in one area ("what it leads to"), kept for the 256 asked for last.

The occupations' chart and table depend only on the data, the program and the area (never on the visitor), as
explore_view.py's do on Explore's filters: worked out once per program and area (`derived.per_argument`), they
are not made again when a planner goes back to an area or the next visitor opens the same view. The page gets a
copy of the figure (it adds the title) and lazy copies of the frames (pandas copy-on-write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from dashboard.core.codes import ALL_OCCUPATIONS
from dashboard.data.dataset import Dataset
from dashboard.domain import programs as pg
from dashboard.domain import projections, supply, wages
from dashboard.domain.derived import per_argument
from dashboard.present import charts, columns
from dashboard.present.figure import Figure
from dashboard.web import store, ui
from dashboard.web.views.parts import program_training as training
from dashboard.words import tables as cells


@dataclass(frozen=True)
class LeadsTo:
    occupations: pd.DataFrame  # every occupation the crosswalk maps the program to (pg.occupations)
    drawn: pd.DataFrame  # those with a median wage here and a national projection: the chart's points
    fig: Figure | None  # None when no occupation can be drawn
    table: pd.DataFrame | None  # the table as shown (None without occupations)
    kinds: dict[str, str]

    def for_page(self) -> LeadsTo:
        """A copy the page may change (the figure gets its title; the frames are lazy copies)."""
        return replace(
            self,
            occupations=self.occupations.copy(deep=False),
            drawn=self.drawn.copy(deep=False),
            fig=None if self.fig is None else self.fig.copy(),
            table=None if self.table is None else self.table.copy(deep=False),
            kinds=dict(self.kinds),
        )


def leads_to(ds: Dataset, cip: str, area: str) -> LeadsTo:
    """What program `cip` leads to in `area`, as a copy the page may change."""
    return _leads_to(ds, cip, area).for_page()


def warm_areas(ds: Dataset, cip: str, area: str) -> None:
    """Have the views of program `cip` that a planner at `area` will likely ask for next worked out in the server's
    idle time (store.in_idle_time): what it leads to there and who graduates in it, in the metro and
    nonmetropolitan areas of the state shown (or of the metro area's state), then in the nation and every state, so
    a planner going from state to state, or into a state's metro areas, finds each one made. A first visit's run
    took twice a repeated one's (RESULTS.md §6, twenty-ninth and thirty-third sessions). Each part keeps two
    programs' nation and states and the areas of the states they were shown in (supply.PROGRAM_AREAS_KEPT), so two
    visitors on two programs do not push each other's views out; one job a program and state, a view already made
    costs its step nothing."""
    state = projections.state_of(ds, area) or area  # the nation's: its states alone
    store.in_idle_time(("programs", cip, state), _area_steps(ds, cip, state))


def _area_steps(ds: Dataset, cip: str, state: str) -> Iterator[Callable[[], object]]:
    """The steps, each a part's view of one area (15-30 ms), listed only when the job starts: the state's metro and
    nonmetropolitan areas in the area picker's order, then the picker's nation and states."""
    areas = ds.areas
    inside = set(
        areas.index[areas["area_type"].isin(("metro", "nonmetro")) & (areas["state"] == areas["state"].get(state))]
    )
    for area in [a for a in ui.area_options(ds, ("metro", "nonmetro")) if a in inside] + list(
        ui.area_options(ds, ("state",))
    ):
        yield partial(_leads_to, ds, cip, area)
        yield partial(training.warm, ds, cip, area)


@per_argument(supply.PROGRAM_AREAS_KEPT)
def _leads_to(ds: Dataset, cip: str, area: str) -> LeadsTo:
    rel = ds.release
    place = ui.area_name(ds, area)
    occ = pg.occupations(ds, cip, area)
    if occ.empty:
        return LeadsTo(occ, occ, None, None, {})
    drawn = occ.dropna(subset=["annual_median", "change_pct"]) if "change_pct" in occ else occ.iloc[0:0]
    fig = None
    if len(drawn):
        majors = list(ds.occupations.loc[ds.occupations["level"] == "major", "title"])
        fig = charts.opportunity(
            drawn,
            "major_title",
            float(wages.wage_row(ds, ALL_OCCUPATIONS, area)["annual_median"]),
            float(projections.projection(ds, ALL_OCCUPATIONS)["change_pct"]),
            rel.ep,
            majors,
            place=place,
        )
    flag = "annual_median_top_coded"
    shown = occ.assign(**{flag: occ[flag].fillna(False).astype(bool)}) if flag in occ else occ
    table, kinds = columns.shape(
        shown.assign(note=cells.explorer_notes(shown, rel.cap)),
        [
            "soc_code",
            "title",
            ("annual_median", "Median annual wage, {place}"),
            ("employment", "Employment, {place}"),
            ("change_pct", "National growth {ep} (%)"),
            ("openings_annual", "National openings a year"),
            "education",
            "note",
        ],
        rel,
        place,
    )
    return LeadsTo(occ, drawn, fig, table, kinds)
