"""The Programs page's views are worked out once per program and area (parts/program_view.py, and the graduates'
charts in parts/program_training.py); what a page changes in its copy never reaches the next visitor."""

from dashboard.core.codes import NATIONAL
from dashboard.domain import programs as pg
from dashboard.domain import supply
from dashboard.domain.derived import derived
from dashboard.web.views.parts import program_training, program_view

MICHIGAN = "2600000"


def test_what_a_program_leads_to_is_built_once_and_a_pages_changes_stay_in_its_copy(ds):
    derived(ds).forget(program_view._leads_to)
    first = program_view.leads_to(ds, "52.0205", MICHIGAN)
    rows, title = len(first.table), first.fig.layout.title
    first.fig.update_layout(title="a page's title")
    first.table.iloc[0, 0] = "changed by a page"
    first.table.insert(0, "added", 1)
    first.kinds["added"] = "count"
    again = program_view.leads_to(ds, "52.0205", MICHIGAN)
    assert derived(ds).size(program_view._leads_to) == 1
    assert len(again.table) == rows == len(pg.occupations(ds, "52.0205", MICHIGAN)) == 8
    assert "added" not in again.table and "added" not in again.kinds
    assert again.table.iloc[0, 0] != "changed by a page" and again.fig.layout.title == title
    # the table's wages are Michigan's, as the crosswalk's occupations have them there
    wage = next(c for c in again.table.columns if c.startswith("Median annual wage"))
    assert wage == "Median annual wage, Michigan"
    assert list(again.table["SOC code"]) == list(pg.occupations(ds, "52.0205", MICHIGAN)["soc_code"])


def test_another_area_is_another_view_and_a_program_with_no_occupation_draws_nothing(ds):
    national = program_view.leads_to(ds, "52.0205", NATIONAL)
    state = program_view.leads_to(ds, "52.0205", MICHIGAN)
    assert "Median annual wage, United States" in national.table.columns
    assert national.table.iloc[:, 2].tolist() != state.table.iloc[:, 2].tolist()
    po = ds.content["program_occupations"]
    none = next(c for c in ds.content["programs"]["cip_code"] if len(c) == 7 and c not in set(po["cip_code"]))
    empty = program_view.leads_to(ds, none, MICHIGAN)
    assert empty.occupations.empty and empty.fig is None and empty.table is None


def test_the_graduates_charts_are_built_once_and_a_title_stays_in_its_copy(ds):
    year = supply.latest(ds)
    derived(ds).forget(program_training._figures)
    by_level, by_year, where = program_training.figures(ds, "48.0508", MICHIGAN, year)
    levels = [t.name for t in by_level.data]
    by_level.update_layout(title="a page's title")
    where.update_layout(title="a page's title")
    again = program_training.figures(ds, "48.0508", MICHIGAN, year)
    assert derived(ds).size(program_training._figures) == 1
    assert [t.name for t in again[0].data] == levels == ["Michigan", "United States"]
    assert again[0].layout.title is None and again[2].layout.title is None
    # the map's dots are Michigan's institutions that award welding in the year, one a dot
    dots = again[2].data[-1]
    assert len(dots.x) == len(supply.program_institutions(ds, "48.0508", MICHIGAN, year))
