"""What the in-demand list draws for one state and one set of controls, kept for the 16 views asked for last.

Cutting a state's judged list by the board's filters and shaping the rows as the tables show them (a wage as text,
each left-out row's reason) was about a third of an in-demand run on the server, paid again by every visitor of the
same view and by a planner going back to a state. It depends only on the data and the controls (never on the
visitor), as explore_view.py's does on Explore's filters: worked out once per view (`derived.per_argument`); the
page draws from it, and gets a copy of the figure (it adds the title) and lazy copies of the frames (pandas
copy-on-write), so nothing it changes reaches the next visitor. The rows are shaped once for a state's whole list
(`_shaped`, kept for 64 states' lists): a change of tier, wage floor, group, shortfall or order takes rows from it
(8 ms a view, 40-50 before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.domain import demand, projections, supply
from dashboard.domain.derived import per_argument
from dashboard.present import charts, demand_table
from dashboard.present.figure import Figure
from dashboard.web import store

VIEWS_KEPT = 16  # views (a planner going back and forth between controls), about 170 KB each
SHAPED_KEPT = 64  # states' whole lists: one set of weights, rule and industry in every state, about 170 KB each


@dataclass(frozen=True)
class Controls:
    """The list's controls as the page read them (hashable: the memo's key)."""

    state: str
    weights: tuple[float, float, float]
    rule: demand.Rule
    tier: tuple[str, ...] | None
    min_wage: str | float | None  # the wage floor: None, "median" (the state's all-occupation median) or dollars
    group: str | None
    industry: str | None
    trained: bool  # the folder has IPEDS completions: the training columns, the shortfall and the sort
    shortfall: float | None  # only where training may fall short: openings at least this many times the completers
    sort: str  # "score" or "per_opening"

    @property
    def whole_list(self) -> tuple[tuple[float, float, float], demand.Rule, bool, str | None]:
        """What a state's whole list is shaped by (`_shaped`): the other controls only take rows from it."""
        return self.weights, self.rule, self.trained, self.industry


@dataclass(frozen=True)
class Drawn:
    scored: int  # occupations the state projects (the list before the rule and the filters)
    shown: pd.DataFrame  # in demand by the rule, within the filters, in rank order
    listed: pd.DataFrame  # the same rows in the order asked for (`sort`)
    left_out: pd.DataFrame  # what the rule leaves out within the filters, in the same order
    table: pd.DataFrame | None  # the list as shown, in the order asked for (None when nothing is in demand)
    kinds: dict[str, str]
    top: pd.DataFrame | None  # the list as shown, its first 15 rows without the training columns: the chart's data
    charted: int  # the occupations the chart ranks: the first 15 with a score
    fig: Figure | None  # the chart of their scores; None when nothing is in demand
    apart: pd.DataFrame | None  # the rows left out as shown (None when there are none)
    apart_kinds: dict[str, str]

    def for_page(self) -> Drawn:
        """A copy the page may change (the figure gets its title; the frames are lazy copies)."""

        def lazy(df: pd.DataFrame | None) -> pd.DataFrame | None:
            return None if df is None else df.copy(deep=False)

        return replace(
            self,
            shown=self.shown.copy(deep=False),
            listed=self.listed.copy(deep=False),
            left_out=self.left_out.copy(deep=False),
            table=lazy(self.table),
            kinds=dict(self.kinds),
            top=lazy(self.top),
            fig=None if self.fig is None else self.fig.copy(),
            apart=lazy(self.apart),
            apart_kinds=dict(self.apart_kinds),
        )


def drawn(ds: Dataset, c: Controls) -> Drawn:
    """What the list shows for controls `c` (kept for the 16 views asked for last), as a copy the page may change."""
    return _drawn(ds, c).for_page()


def warm_states(ds: Dataset, c: Controls) -> None:
    """Have every state's whole list shaped for the same weights, rule and industry in the server's idle time
    (store.in_idle_time), so that a planner comparing states finds each one made: shaping a state's list was most
    of a view's first visit (RESULTS.md §6, thirtieth session). 54 states, about 9 MB. The other controls take rows
    from it: changing them asks for no new job (a job asked for again is not started again), and no idle-time work
    then shares the interpreter with the visitor's next change."""
    store.in_idle_time(("demand", *c.whole_list), _state_steps(ds, c))


def _state_steps(ds: Dataset, c: Controls) -> Iterator[Callable[[], object]]:
    """The steps, each one state's list shaped (listed when the job starts): the states with projections, in the
    picker's order."""
    projected = set(ds.state_projections["area_code"])
    for state in projections.states(ds).index:
        if state in projected:
            yield partial(_shaped, ds, state, *c.whole_list)


@per_argument(VIEWS_KEPT)
def _drawn(ds: Dataset, c: Controls) -> Drawn:
    match = demand.industry_match(ds, c.industry) if c.industry else None
    ratio = c.shortfall or supply.SHORT_RATIO  # the CSV says which rows meet the rule even when the list is not cut
    judged = _judged(ds, c.state, c.weights, c.rule, c.trained, ratio)
    floor = demand.wage_floor(ds, c.state, c.min_wage)
    shown, left_out = demand.split(judged, c.tier, floor, c.group, match)
    if c.trained and c.shortfall is not None:
        shown, left_out = demand.falls_short(shown), demand.falls_short(left_out)
    listed = shown
    table, kinds, top, charted, fig = None, {}, None, 0, None
    # the rows as the tables show them, shaped once for the state's whole list; the filters take rows from them
    inside, in_kinds, outside, out_kinds = _shaped(ds, c.state, *c.whole_list)
    if not shown.empty:
        kinds = in_kinds
        if c.sort == "per_opening":  # (an empty list leaves the rows left out in rank order)
            listed, left_out = demand.by_per_opening(shown), demand.by_per_opening(left_out)
        ranked = inside.loc[shown.index]
        table = inside.loc[listed.index]  # the same rows, in the order asked for
        trained_heads = [h for h in kinds if h.startswith(("Completers of related programs", "Completers per opening"))]
        top = ranked.head(15).drop(columns=trained_heads)  # the chart ranks by score: the training columns are not its
        best = shown.dropna(subset=["score"]).head(15)
        charted = len(best)
        fig = charts.hbars(
            best["score"],
            best["title"],
            "Score (0–100)",
            text=[f"{x:.1f}" for x in best["score"]],
            customdata=best["soc_code"],
            hovertemplate="%{y}: %{x:.1f}<extra></extra>",
        )
    apart, apart_kinds = (None, {}) if left_out.empty else (outside.loc[left_out.index], out_kinds)
    scored = len(demand.scored(ds, c.state, c.weights))
    # the kinds are `_shaped`'s own (kept for other views): `for_page` copies them for a page
    return Drawn(scored, shown, listed, left_out, table, kinds, top, charted, fig, apart, apart_kinds)


@per_argument(SHAPED_KEPT)
def _shaped(
    ds: Dataset, state: str, weights: tuple[float, float, float], rule: demand.Rule, trained: bool, industry: str | None
) -> tuple[pd.DataFrame, dict[str, str], pd.DataFrame, dict[str, str]]:
    """The state's whole list (the industry's occupations, with one) shaped as the two tables show it: the rows in
    demand by the rule, and those it leaves out with the reason (demand_table), each with its headings' kinds. The
    other controls only take rows from them (the tier, the wage floor, the group, the shortfall, the order): a change
    of one of those shapes nothing again. The shortfall's ratio changes no column shown, so the default's is used."""
    rel, sv = ds.release, projections.vintage(ds)
    name = projections.state_name(ds, state)
    match = demand.industry_match(ds, industry) if industry else None
    label = supply.year_label(supply.latest(ds)) if trained else None
    rows = _judged(ds, state, weights, rule, trained, supply.SHORT_RATIO)
    if match is not None:
        rows = demand.filtered(rows, industry=match)

    def shape(part: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
        if part.empty:
            return part.iloc[:, :0], {}
        return demand_table.demand_table(part, name, sv, rel.oews, rel.ep, match, training=label, judged=rule)

    return *shape(rows[rows["in_demand"]]), *shape(rows[~rows["in_demand"]])


def _judged(
    ds: Dataset, state: str, weights: tuple[float, float, float], rule: demand.Rule, trained: bool, ratio: float
) -> pd.DataFrame:
    """The state's list judged by the rule, with the completers of related programs beside it where the folder has
    them (whether training may fall short at `ratio`)."""
    return demand.trained(ds, state, weights, rule, ratio) if trained else demand.judged(ds, state, weights, rule)
