"""What the Programs page draws for one program in one area ("what it leads to"), kept for the 128 asked for last.

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


def warm_states(ds: Dataset, cip: str) -> None:
    """Have the nation's and every state's view of program `cip` worked out in the server's idle time
    (store.in_idle_time): what it leads to there and who graduates in it, so a planner going from state to state
    finds each one made. A first visit's run took twice a repeated one's (RESULTS.md §6, twenty-ninth session).
    55 views; each part keeps two programs' worth and the metro areas asked for (supply.PROGRAM_AREAS_KEPT), so
    two visitors on two programs do not push each other's views out; metro areas are made when asked for."""
    store.in_idle_time(("programs", cip), _state_steps(ds, cip))


def _state_steps(ds: Dataset, cip: str) -> Iterator[Callable[[], object]]:
    """The steps, each a part's view of one area (15-20 ms), listed only when the job starts: the area picker's
    nation and states."""
    for area in ui.area_options(ds, ("state",)):
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
