"""The in-demand list's view is worked out once per state and controls (parts/demand_view.py); what a page changes
in its copy never reaches the next visitor of the same view."""

from dashboard.domain import demand, supply
from dashboard.domain.derived import derived
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
    views = [
        demand_view.drawn(ds, _controls(**over))
        for over in (
            {},
            {"shortfall": 1.5},
            {"shortfall": 4.0, "sort": "per_opening"},
            {"tier": ("entry",)},
            {"min_wage": "median", "group": "29-0000"},
        )
    ]
    assert derived(ds).size(demand_view._shaped) == 1  # Michigan's whole list, shaped once
    whole = views[0]
    for d in views[1:]:  # each one's rows are the whole list's rows, as shaped there
        assert set(d.table["SOC code"]) <= set(whole.table["SOC code"])
        assert whole.table.loc[d.table.index].equals(d.table)
    assert len(views[1].table) > len(views[2].table) > 0  # openings 4× the completers: fewer than 1.5×
    demand_view.drawn(ds, _controls(state=CALIFORNIA))
    assert derived(ds).size(demand_view._shaped) == 2
