"""Trends' and Compare's printable briefs (issue 29): the page's figures from the real files, whose they are, and
only the sources each uses."""

import re

import pytest

from dashboard.data.schema import SOURCES
from dashboard.present.brief_views import compare_brief, trends_brief

TRIO = ["11-3051", "11-1021", "51-1011"]


def _sources(html: str) -> str:
    return html[html.index("<h2>Sources</h2>") :]


def test_compare_brief_has_the_areas_figures_and_says_whose(ds):
    html = compare_brief(ds, TRIO, "2600000", "http://localhost/compare?role=11-3051")
    w = ds.wages.loc[("11-3051", "2600000")]
    assert f"${w['annual_median']:,.0f}" in html and f"{w['employment']:,.0f}" in html  # $120,660 and 14,320
    p = ds.projections.loc["11-1021"]
    assert f"{p['openings_annual']:,.0f}" in html  # national openings, labelled as such
    assert "Median annual wage, Michigan" in html and "National openings a year" in html
    assert "Wages and employment are Michigan&#x27;s" in html  # the sentence beside the figures
    assert html.count("<tr>") == 1 + len(TRIO)
    cited = _sources(html)
    assert SOURCES["oews"]["path"] in cited and SOURCES["ep"]["path"] in cited
    for unused in ("cpi", "oews_history", "onet", "ipeds", "projections_central", "nces"):
        assert SOURCES[unused]["path"] not in cited, unused


def test_trends_brief_has_every_year_as_published_and_cites_its_sources(ds):
    roles = ["11-3051", "15-1252"]
    html = trends_brief(ds, roles, "employment", False, False, False, None, "http://localhost/trends")
    h = ds.oews_history.set_index(["soc_code", "year"])["employment"]
    rows = re.findall(r"<tr><td>(\d{4})</td>(.*?)</tr>", html)
    assert [int(y) for y, _ in rows] == list(range(2013, 2026))
    first = dict(rows)["2013"]
    assert f"{int(h[('11-3051', 2013)]):,}" in first  # 165,340
    assert "not released" in first  # software developers had another code then: never a 0
    assert "What BLS projected then: Industrial Production Managers (11-3051)" in html
    cited = _sources(html)
    for used in ("oews", "oews_history", "soc_crosswalk", "ep_vintages", "cpi"):  # CPI-U: the sentences restate
        assert SOURCES[used]["path"] in cited, used
    for unused in ("ep", "onet", "ipeds", "projections_central"):
        assert SOURCES[unused]["path"] not in cited, unused


def test_trends_brief_index_and_real_wages_say_so(ds):
    html = trends_brief(ds, ["11-3051", "15-1252"], "wage", False, True, True, "15-1252", None)
    assert "index May 2021 = 100" in html  # the first year both have
    assert "What BLS projected then: Software Developers (15-1252)" in html


def test_hostile_titles_stay_text(tmp_path):
    from conftest import write_hostile_data

    from dashboard.data.dataset import load

    write_hostile_data(tmp_path / "data")
    hostile = load(tmp_path / "data")
    for html in (
        compare_brief(hostile, ["11-3051", "51-1011"], "2600000"),
        trends_brief(hostile, ["11-3051", "51-1011"], "employment", False, False, False),
    ):
        assert "<img" not in html and '<a href="http://127.0.0.2' not in html
        assert "&lt;img" in html


@pytest.mark.parametrize(
    "page, query", [("trends", {"role": "11-3051,15-1252"}), ("compare", {"role": ",".join(TRIO)})]
)
def test_trends_and_compare_offer_a_brief(run, page, query):
    at = run(page, **query)
    assert any(b.proto.label == "Printable brief (HTML)" for b in at.get("download_button"))
