"""Explore's view is worked out once per set of filters (parts/explore_view.py); what a page changes in its
copy never reaches the next visitor of the same view."""

from dashboard.core.codes import NATIONAL
from dashboard.domain import projections
from dashboard.domain.derived import derived
from dashboard.web.params import EMP_CHANGE_RANGE
from dashboard.web.views.parts import explore_view
from dashboard.web.views.parts.explore_view import Filters


def _filters(**over):
    base = dict(
        area=NATIONAL,
        industry="336000",
        state=None,
        roles=None,
        group=None,
        education=None,
        min_openings=0,
        growth=None,
        emp_change=EMP_CHANGE_RANGE,  # the whole range: no filter
        color="major_title",
    )
    return Filters(**{**base, **over})


def test_a_view_is_built_once_and_a_pages_changes_stay_in_its_copy(ds):
    derived(ds).forget(explore_view._drawn)
    first = explore_view.drawn(ds, _filters())
    rows, title = len(first.table), first.fig.layout.title
    first.fig.update_layout(title="a page's title")
    first.table.iloc[0, 0] = "changed by a page"
    first.table.insert(0, "added", 1)
    first.kinds["added"] = "count"
    again = explore_view.drawn(ds, _filters())
    assert derived(ds).size(explore_view._drawn) == 1
    assert len(again.table) == rows and "added" not in again.table and "added" not in again.kinds
    assert again.table.iloc[0, 0] != "changed by a page" and again.fig.layout.title == title
    # the same rows of transportation equipment manufacturing, in the same order (by openings)
    assert again.view["soc_code"].tolist() == first.view["soc_code"].tolist()


def test_other_filters_are_another_view_and_an_empty_one_draws_nothing(ds):
    michigan = "2600000"
    state = explore_view.drawn(ds, _filters(industry=None, area=michigan, state=projections.state_of(ds, michigan)))
    national = explore_view.drawn(ds, _filters(industry=None))
    assert state.growth_of == "Michigan" and national.growth_of == "national"
    assert any(c.startswith("Michigan openings a year") for c in state.table.columns)
    assert 0 < state.fallback < state.rows
    empty = explore_view.drawn(ds, _filters(roles=()))
    assert empty.view.empty and empty.fig is None and empty.table is None
