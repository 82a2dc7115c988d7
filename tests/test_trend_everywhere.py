"""Issue 13 item 7: the national trend beside /trends. The profile's employment and wage trend with its link,
Explore's change-since-2015 column, filter and small line, Compare's trend row and its CSV, and the brief's SVG.
Expected figures are read from data/oews_national_history.csv.gz itself."""

import pandas as pd
import pytest

from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.data.schema import TABLES
from dashboard.domain import trend_summary, trends
from dashboard.present import brief
from tests.apptest import charts_on


@pytest.fixture(scope="module")
def history():
    """(soc_code, year) → employment as published, from the bundled file."""
    h = pd.read_csv(DEFAULT_DATA_DIR / TABLES["oews_national_history"].path, dtype=str, keep_default_na=False)
    return {(s, int(y)): int(e) for s, y, e in zip(h["soc_code"], h["year"], h["employment"], strict=True) if e}


def texts(at, plain):
    return [plain(m.value) for m in at.markdown] + [plain(c.value) for c in at.caption]


def frame_with(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


# --- the profile ---------------------------------------------------------------------------------------------


def test_profile_shows_the_national_trend_and_links_to_trends(run, plain, history):
    at = run("occupation", opened=True, role="11-3051", area="MI")
    first, last = history[("11-3051", 2013)], history[("11-3051", 2025)]  # 165,340 and 246,250
    assert "Trend, United States, OEWS May 2013–May 2025" in [plain(h.value) for h in at.subheader]
    shown = texts(at, plain)
    assert any(
        t.startswith(
            f"Employment of industrial production managers rose from {first:,} in May 2013 to {last:,} in May 2025"
        )
        for t in shown
    )
    assert any(t.startswith("National figures whatever area is chosen above") for t in shown)
    table = frame_with(at, "Median annual wage, May 2025 dollars (CPI-U)").set_index("May")
    assert (table.loc[2013, "Employment"], table.loc[2025, "Employment"]) == (first, last)
    assert table.loc[2013, "Median annual wage, as published"] == 90790  # nominal beside real
    links = [p.proto for p in at.main.get("page_link") if p.proto.page == "trends"]
    assert [link.query_string for link in links] == ["role=11-3051"]


def test_profile_trend_names_the_break_and_keeps_gaps(run, plain):
    at = run("occupation", opened=True, role="15-1252", wage="hourly")
    shown = " ".join(texts(at, plain))
    assert "15-1132 Software Developers, Applications" in shown and "15-1256" in shown
    table = frame_with(at, "Median hourly wage, as published").set_index("May")
    assert table.loc[2013:2020, "Employment"].isna().all()  # other codes then: empty, never 0
    assert table.loc[2021, "Employment"] == 1364180
    links = [p.proto.query_string for p in at.main.get("page_link") if p.proto.page == "trends"]
    assert links == ["role=15-1252&wage=hourly"]


def test_presenter_view_keeps_the_trend_chart(run):
    at = run("occupation", role="11-3051", present="1")
    names = [c.alt for c in charts_on(at)]  # each chart's accessible name
    assert any(n.startswith("Industrial Production Managers: employment and median annual wage") for n in names)


# --- Explore -----------------------------------------------------------------------------------------------


def test_explore_change_column_from_the_published_figures(run, history):
    at = run("explore")
    table = frame_with(at, trend_summary.CHANGE).set_index("SOC code")
    want = (history[("11-3051", 2025)] / history[("11-3051", 2015)] - 1) * 100  # 246,250 / 169,390: +45.4%
    assert table.loc["11-3051", trend_summary.CHANGE] == round(want, 1) == 45.4
    assert table.loc["11-3051", trend_summary.FROM] == "May 2015"
    assert list(table.loc["11-3051", trend_summary.LINE]) == [history[("11-3051", y)] for y in range(2015, 2026)]
    # software developers: SOC 2010 and the hybrid codes are other occupations, so the change starts in 2021
    dev = (history[("15-1252", 2025)] / history[("15-1252", 2021)] - 1) * 100
    assert table.loc["15-1252", trend_summary.CHANGE] == round(dev, 1)
    assert table.loc["15-1252", trend_summary.FROM].startswith("May 2021 (earlier years: other SOC codes)")
    # farm labor contractors: May 2020 not released, so no small line (it would join across the gap)
    assert table.loc["13-1074", trend_summary.LINE] is None
    assert "May 2020 not released" in table.loc["13-1074", trend_summary.FROM]
    assert pd.isna(table.loc["11-1031", trend_summary.CHANGE])  # legislators: not released in May 2025


def test_explore_change_filter_and_csv(run, plain):
    at = run("explore", emp_change="40,50", industry="31--34")
    table = frame_with(at, trend_summary.CHANGE)
    assert "11-3051" in set(table["SOC code"])
    assert table[trend_summary.CHANGE].between(40, 50).all() and len(table) > 3
    assert at.query_params["emp_change"] == "40,50"
    assert any("whatever area or industry is chosen" in t for t in texts(at, plain))
    csv = trend_summary.for_csv(table)
    assert trend_summary.CHANGE in csv and trend_summary.FROM in csv and trend_summary.LINE not in csv
    at = run("explore", emp_change="x,y")
    assert any("is not a range of employment change" in plain(w.value) for w in at.warning)


def test_first_comparable_year_is_the_trends_rule(ds):
    for soc in ("11-3051", "15-1252", "13-1074", "29-1215", "15-1253", "51-1011"):
        df = trends.frame(ds, [soc], "employment", False, False)
        recent = df[(df["year"] >= trend_summary.SINCE)]
        assert trend_summary.trend(ds, soc).start == trends.first_common_year(recent, [soc]), soc


# --- Compare -----------------------------------------------------------------------------------------------


def test_compare_trend_row_and_csv_says_whose(run, plain, history, monkeypatch):
    from dashboard.web import ui

    files = {}
    monkeypatch.setattr(
        ui, "download", lambda df, name, key, place=None, source=None: files.setdefault(name, (df, place))
    )
    at = run("compare", opened=True, role="11-3051,15-1252", area="MI")
    assert "Employment trend, United States" in [plain(h.value) for h in at.subheader]
    change = (history[("11-3051", 2025)] / history[("11-3051", 2015)] - 1) * 100
    shown = " ".join(texts(at, plain))
    # the sentence speaks of the chart's baseline (May 2021, the first year both have a figure), not 2015's
    on_chart = (history[("11-3051", 2025)] / history[("11-3051", 2021)] - 1) * 100
    assert f"Industrial Production Managers (11-3051): {on_chart:+.1f}% from May 2021 to May 2025." in shown
    side = frame_with(at, trend_summary.CHANGE).set_index("SOC code")
    assert side.loc["11-3051", trend_summary.CHANGE] == round(change, 1)
    index = frame_with(at, "Employment index, May 2021 = 100")  # the first year both have a figure
    assert set(index.loc[index["May"] == 2021, "Employment index, May 2021 = 100"]) == {100.0}
    df, place = files["compare"]
    assert place == "Michigan"  # the CSV's Area column
    assert {"National growth 2024–34 (%)", "National openings a year", trend_summary.CHANGE} <= set(df.columns)
    assert trend_summary.LINE not in df.columns
    links = [p.proto.query_string for p in at.main.get("page_link") if p.proto.page == "trends"]
    assert links == ["role=11-3051%2C15-1252&series=employment&scale=index"]


# --- the printable brief ---------------------------------------------------------------------------------


def test_brief_has_the_trend_svg_and_sentence(ds, history):
    html = brief.occupation_brief(ds, "11-3051", "2600000")
    assert '<svg class="chart trend"' in html and "National employment, OEWS May 2013–May 2025" in html
    first, last = history[("11-3051", 2013)], history[("11-3051", 2025)]
    assert (
        f"Employment of industrial production managers rose from {first:,} in May 2013 to {last:,} in May 2025" in html
    )
    assert f">{first:,}</text>" in html and f">{last:,}</text>" in html  # first and last labelled on the line
    gap = brief.occupation_brief(ds, "13-1074")  # May 2020 not released: two lines, not one through the gap
    svg = gap[gap.index('<svg class="chart trend"') : gap.index("</svg>", gap.index('<svg class="chart trend"'))]
    assert svg.count('class="trend"') == 2 and "n/r" in svg
