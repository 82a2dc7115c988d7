"""The in-demand list's view is worked out once per state and controls (parts/demand_view.py); what a page changes
in its copy never reaches the next visitor of the same view."""

import pytest

from dashboard.domain import demand, projections, supply
from dashboard.domain.derived import derived
from dashboard.present import demand_table
from dashboard.web.views.parts import demand_view
from dashboard.web.views.parts.demand_view import Controls

MICHIGAN, CALIFORNIA = "2600000", "0600000"


def _controls(**over):
    base = dict(
        state=MICHIGAN,
        weights=demand.DEFAULT_WEIGHTS,
        rule=demand.Rule(),
        tier=None,
        min_wage=None,
        group=None,
        industry=None,
        trained=True,
        shortfall=None,
        sort="score",
    )
    return Controls(**{**base, **over})


def test_a_view_is_built_once_and_a_pages_changes_stay_in_its_copy(ds):
    derived(ds).forget(demand_view._drawn)
    first = demand_view.drawn(ds, _controls())
    rows, title = len(first.table), first.fig.layout.title
    first.fig.update_layout(title="a page's title")
    first.table.iloc[0, 1] = "changed by a page"  # the occupation's name
    first.top.insert(0, "added", 1)
    first.kinds["added"] = "count"
    again = demand_view.drawn(ds, _controls())
    assert derived(ds).size(demand_view._drawn) == 1
    assert len(again.table) == rows and "added" not in again.top and "added" not in again.kinds
    assert again.table.iloc[0, 1] != "changed by a page" and again.fig.layout.title == title
    # Michigan's list as the domain makes it: the in-demand rows in rank order, the others apart
    judged = demand.trained(ds, MICHIGAN, demand.DEFAULT_WEIGHTS, demand.Rule(), supply.SHORT_RATIO)
    assert again.shown["soc_code"].tolist() == judged.loc[judged["in_demand"], "soc_code"].tolist()
    assert len(again.shown) + len(again.left_out) == len(judged) == again.scored
    assert again.table["SOC code"].tolist() == again.shown["soc_code"].tolist()
    assert again.charted == 15 and len(again.top) == 15


def test_the_wage_floor_is_the_states_own_median_and_the_sort_orders_both_tables(ds):
    mi = demand_view.drawn(ds, _controls(min_wage="median"))
    ca = demand_view.drawn(ds, _controls(state=CALIFORNIA, min_wage="median"))
    for d, state in ((mi, MICHIGAN), (ca, CALIFORNIA)):
        floor = demand.wage_floor(ds, state, "median")
        assert floor and (d.shown["annual_median"] >= floor).all()
    by_ratio = demand_view.drawn(ds, _controls(sort="per_opening"))
    assert by_ratio.table["SOC code"].tolist() == demand.by_per_opening(by_ratio.shown)["soc_code"].tolist()
    assert by_ratio.left_out.index.tolist() == demand.by_per_opening(by_ratio.left_out).index.tolist()
    nothing = demand_view.drawn(ds, _controls(rule=demand.Rule(growth_above=500.0)))
    assert nothing.shown.empty and nothing.table is None and nothing.fig is None and nothing.charted == 0
    assert len(nothing.apart) == len(nothing.left_out) == nothing.scored


def test_the_list_is_shaped_once_for_a_state_and_the_filters_only_take_rows(ds):
    derived(ds).forget(demand_view._shaped)
    for over in ({}, {"shortfall": 1.5}, {"shortfall": 4.0, "sort": "per_opening"}, {"tier": ("entry",)}):
        demand_view.drawn(ds, _controls(**over))
    demand_view.drawn(ds, _controls(min_wage="median", group="29-0000"))
    assert derived(ds).size(demand_view._shaped) == 1  # Michigan's whole list, shaped once
    demand_view.drawn(ds, _controls(state=CALIFORNIA))
    assert derived(ds).size(demand_view._shaped) == 2


def _shaped_as_before(ds, c):
    """The tables as the page made them before views were kept: the list cut by the filters, then shaped."""
    name, rel = projections.state_name(ds, c.state), ds.release
    match = demand.industry_match(ds, c.industry) if c.industry else None
    ratio = c.shortfall or supply.SHORT_RATIO
    label = supply.year_label(supply.latest(ds)) if c.trained else None
    judged = (
        demand.trained(ds, c.state, c.weights, c.rule, ratio)
        if c.trained
        else demand.judged(ds, c.state, c.weights, c.rule)
    )
    shown, left_out = demand.split(judged, c.tier, demand.wage_floor(ds, c.state, c.min_wage), c.group, match)
    if c.trained and c.shortfall is not None:
        shown, left_out = demand.falls_short(shown), demand.falls_short(left_out)

    def shape(rows):
        sv = projections.vintage(ds)
        return demand_table.demand_table(rows, name, sv, rel.oews, rel.ep, match, training=label, judged=c.rule)

    listed = shown
    table = kinds = None
    if not shown.empty:
        if c.sort == "per_opening":
            listed, left_out = demand.by_per_opening(shown), demand.by_per_opening(left_out)
        ranked, kinds = shape(shown)
        table = ranked.loc[listed.index]
    return table, kinds, (shape(left_out) if not left_out.empty else (None, None))


@pytest.mark.parametrize(
    "over",
    [
        {"shortfall": 1.5, "sort": "per_opening"},
        {"industry": "622000", "shortfall": 2.0, "sort": "per_opening"},  # the industry's own columns
        {"industry": "311000", "tier": ("entry", "middle")},
        {"trained": False, "min_wage": 60_000},  # a folder without completions: no training columns
        {"rule": demand.Rule(growth_above=500.0), "sort": "per_opening"},  # nothing in demand: the rest in rank order
        {"state": CALIFORNIA, "min_wage": "median", "group": "29-0000", "weights": (2.0, 1.0, 0.0)},
    ],
)
def test_rows_taken_from_the_shaped_list_are_the_tables_the_filtered_list_shaped_alone_makes(ds, over):
    c = _controls(**over)
    d = demand_view.drawn(ds, c)
    table, kinds, (apart, apart_kinds) = _shaped_as_before(ds, c)
    if table is None:
        assert d.table is None and d.kinds == {}
    else:
        assert d.table.equals(table) and d.kinds == kinds and len(table)
    if apart is None:
        assert d.apart is None and d.apart_kinds == {}
    else:
        assert d.apart.equals(apart) and d.apart_kinds == apart_kinds and len(apart)
