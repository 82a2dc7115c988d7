"""What planners and educators tripped on (AppTest): whose figure each number is, top-coded bounds,
unreliable cells, links that keep the user's place, dead ends, the hourly switch, tables."""

import json

import pytest

from dashboard.core.codes import NATIONAL
from dashboard.domain import industries, occupations
from tests.apptest import charts_on


def spec(at, i: int = 0) -> dict:
    return json.loads(charts_on(at)[i].spec)


def table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


# --- figures that mislead ------------------------------------------------------------------------------


def test_explore_in_an_area_labels_national_columns_and_uses_the_area_median(run, ds):
    at = run("explore", area="MI")
    table = at.dataframe[-1].value
    national = {"National openings a year 2024–34", "National growth 2024–34 (%)"}
    michigan = {"Michigan openings a year 2022–32", "Michigan growth 2022–32 (%)", "Median annual wage, Michigan"}
    assert national | michigan <= set(table.columns)  # every figure says whose it is, and which vintage
    sup = table[table["SOC code"] == "51-1011"].iloc[0]
    assert sup["Employment, Michigan"] == 26_650 and sup["National openings a year 2024–34"] == 67_700
    mi_median = ds.wages.loc[("00-0000", "2600000"), "annual_median"]
    assert mi_median == 49_270 != ds.wages.loc[("00-0000", NATIONAL), "annual_median"]
    layout = spec(at)["layout"]
    line = next(s for s in layout["shapes"] if s.get("y0") == s.get("y1") and s.get("y0") is not None)
    assert line["y0"] == 49_270  # welders ($49,990) sit above Michigan's median, as they should
    labels = [a["text"].replace("<br>", " ") for a in layout["annotations"]]  # long labels wrap
    assert any("Michigan: $49,270" in t for t in labels)
    assert any(t.startswith("Average growth") and "(Michigan)" in t for t in labels)


def test_profile_summary_under_an_area_says_whose_figures(run, plain):
    at = run("occupation", role="11-3051", area="CA")
    summary = plain(at.info[0].value)
    assert summary.startswith("In California, Industrial Production Managers earn a median of $132,620 a year")
    assert "for all occupations in California" in summary and "Nationally, employment is projected" in summary
    assert "$126,060" not in summary


def test_top_coded_area_gets_no_ratio_and_the_top_map_class(run):
    at = run("geography", role="29-1211", area="ME")
    m = {x.label: x.value for x in at.metric}
    assert m["Median annual wage, Maine"] == "≥ $239,200"
    assert m["Compared with the nation (US = 100%)"] == "cannot be computed"
    assert any("at least $239,200; the ratio cannot be computed" in c.value for c in at.caption)
    traces = spec(at)["data"]
    capped = next(t for t in traces if t.get("name", "").startswith("≥ $239,200"))
    top_class = next(t for t in traces if t.get("name", "").startswith("$450,000"))
    assert capped["fillcolor"] == top_class["fillcolor"] and capped["fillpattern"]["shape"] == "/"


def test_top_paying_industries_skip_tiny_unreliable_cells(run, ds):
    at = run("occupation", opened=True, role="11-3051")
    pay = table_with(at, "Wage RSE (%)")
    h = ds.hiring.xs("11-3051", level="soc_code")
    assert h.loc["531000", "employment"] == 40  # real estate: the highest median, on 40 workers
    assert "531000" not in set(pay["Code"])
    assert (pay["Employment"] >= industries.PAY_RANK_MIN_EMPLOYMENT).all() and (pay["Wage RSE (%)"] <= 25).all()
    assert pay.iloc[0]["Code"] == "221000" and pay.iloc[0]["Median annual wage"] == "$165,350"
    assert any("at least 500 of these jobs" in c.value for c in at.caption)


def test_location_quotient_of_the_nation_is_one(run):
    at = run("geography", role="11-3051", measure="location_quotient")
    assert {x.label: x.value for x in at.metric}["Location quotient, United States"] == "1.00"


# --- navigation ---------------------------------------------------------------------------------------


def test_opening_a_profile_from_a_table_keeps_the_area(run):
    at = run("explore", area="MI")
    picker = next(s for s in at.selectbox if s.label == "Open a profile from this table")
    picker.select("51-4121").run()
    assert dict(at.query_params) == {"role": "51-4121", "area": "2600000"}
    assert at.title[0].value == "Welders, Cutters, Solderers, and Brazers"


def test_compare_row_keeps_area_and_hourly(run):
    at = run("compare", role="11-3051,51-1011", area="CA", wage="hourly")
    next(s for s in at.selectbox if s.label == "Open a profile from this table").select("51-1011").run()
    assert dict(at.query_params) == {"role": "51-1011", "area": "0600000", "wage": "hourly"}


@pytest.mark.parametrize(
    "code, offered",
    [("51-4042", ["51-4041"]), ("99-9999", []), ("plant manger", ["11-3051"])],
)
def test_unknown_role_suggests_detailed_neighbours_as_buttons(run, code, offered):
    at = run("occupation", role=code)
    buttons = [b.label for b in at.button if b.label.startswith("Open ")]
    for c in offered:
        assert any(f"({c})" in b for b in buttons), buttons
    assert all("-0000" not in b and "00)" not in b for b in buttons)  # never a group heading
    if not offered:
        assert not buttons and any("Try the job title search" in w.value for w in at.warning)
    if buttons:
        next(b for b in at.button if b.label.startswith("Open ")).click().run()
        assert at.query_params["role"] in {c.split("(")[-1].rstrip(")") for c in buttons}


def test_explore_dead_end_says_what_to_relax(run):
    at = run("explore", group="11-0000", min_openings="400000")
    assert at.subheader[0].value.startswith("0 occupations")
    assert "lower the minimum openings" in at.info[0].value and "choose all major groups" in at.info[0].value
    assert not charts_on(at)


# --- hourly -----------------------------------------------------------------------------------------


def test_compare_and_pathways_follow_the_hourly_switch(run, plain, ds):
    at = run("compare", role="11-3051,51-1011", wage="hourly")
    assert spec(at)["layout"]["xaxis"]["title"]["text"] == "Hourly wage"
    table = next(d.value for d in at.dataframe if "Median hourly wage, United States" in d.value.columns)
    row = table[table["SOC code"] == "11-3051"].iloc[0]
    assert row["Median hourly wage, United States"] == ds.wages.loc[("11-3051", NATIONAL), "hourly_median"] == 60.61
    at.sidebar.radio[0].set_value("annual").run()
    assert "wage" not in at.query_params
    at = run("pathways", wage="hourly")
    first = occupations.pathway_presets(ds)["manufacturing-management"][1][0]
    entry = ds.wages.loc[(first, NATIONAL), "hourly_median"]
    summary = plain(at.info[0].value)
    assert "the median hourly wage rises" in summary and f"(${entry:.2f})" in summary
    assert any(m.value == "$60.61" for m in at.metric)  # industrial production managers, hourly


# --- tables -------------------------------------------------------------------------------------------


def test_tables_say_not_released_and_pin_the_name(run):
    at = run("explore")
    grid = at.dataframe[-1]
    assert grid.proto.placeholder == "not released"
    config = json.loads(grid.proto.columns)
    assert config["Occupation"]["pinned"] is True
    money = config["Median annual wage, United States"]["type_config"]
    assert money["format"] == "dollar" and money["step"] == 1  # $126,060, not $126,060.00


def test_a_role_listed_twice_is_shown_once(run, plain):
    """/compare?role=11-3051,11-1021,11-3051 drew Industrial Production Managers twice (two table rows, two
    bar segments)."""
    at = run("compare", role="11-3051,11-1021,11-3051")
    assert any("11-3051: listed more than once; shown once." in plain(w.value) for w in at.warning)
    table = next(d.value for d in at.dataframe if "SOC code" in d.value.columns)
    assert list(table["SOC code"]) == ["11-3051", "11-1021"]


def test_unknown_industry_on_the_industry_page_says_what_it_shows(run, plain):
    """The Industry page has no "all industries": its message said so while it showed Manufacturing."""
    at = run("industry", industry="<b>hi</b>")
    assert any(
        "No industry has the code “<b>hi</b>”; showing Manufacturing (31--34)." in plain(w.value) for w in at.warning
    ), [w.value for w in at.warning]
    assert plain(at.title[0].value) == "Manufacturing"


def test_map_legend_has_no_gap(run):
    """The openings map's legend ran 1,500–2,000, 500–1,000, 0–500: the class no state fell in was missing,
    and the scale read as if a range had been left out."""
    import json

    at = run("geography", role="11-3051", measure="state_openings")
    spec = json.loads(charts_on(at)[0].spec)
    ranked = sorted((t["legendrank"], t["name"]) for t in spec["data"] if "legendrank" in t)
    classes = [name for _, name in ranked if name != "not released"]
    assert classes == ["1,500 – 2,000", "1,000 – 1,500 (no state)", "500 – 1,000", "0 – 500"]


def test_an_old_soc_code_opens_what_it_became_on_every_page(run, plain):
    """/occupation?role=15-1132 said "No occupation has the code" where /trends explained the split."""
    at = run("occupation", role="15-1132")
    shown = [plain(w.value) for w in at.warning]
    assert any(
        "15-1132 Software Developers, Applications (SOC 2010) was split: it became 15-1252 Software Developers, "
        "15-1253 Software Quality Assurance Analysts and Testers in SOC 2018. Showing 15-1252; the others are "
        "offered below." in s
        for s in shown
    ), shown
    assert plain(at.title[0].value) == "Software Developers"
    assert any("15-1253" in b.label for b in at.button)
    at = run("occupation", role="15-1121")  # SOC 2010 computer systems analysts: one to one, now 15-1211
    assert plain(at.title[0].value) == "Computer Systems Analysts"
    assert any(
        "it is 15-1211 Computer Systems Analysts in SOC 2018. Showing 15-1211." in plain(w.value) for w in at.warning
    )
    at = run("compare", role="15-1132,11-3051")
    table = next(d.value for d in at.dataframe if "SOC code" in d.value.columns)
    assert list(table["SOC code"]) == ["15-1252", "15-1253", "11-3051"]


def test_unknown_role_hint_names_what_the_page_has(run, plain):
    """/trends?role=99-9999 said "Try the job title search": /trends has none, only the occupation box."""
    at = run("trends", role="99-9999")
    assert any("No occupation has the code “99-9999”. Choose one in the sidebar." in plain(w.value) for w in at.warning)


def test_a_few_bubbles_close_together_do_not_fill_the_chart(run, ds):
    """Meat Cutter (12.0506) leads to two occupations $10 apart: the wage axis zoomed to about $15,000 around
    them and the all-occupations median, so the gap to the median filled the chart. It now spans at least half
    the highest wage on it, and the growth axis at least 5 points."""
    at = run("programs", cip="12.0506")
    layout = spec(at)["layout"]
    wages = [ds.wages.loc[(soc, NATIONAL), "annual_median"] for soc in ("51-3021", "51-3023")]
    median = ds.wages.loc[("00-0000", NATIONAL), "annual_median"]
    assert abs(wages[0] - wages[1]) == 10
    lo, hi = layout["yaxis"]["autorangeoptions"]["include"]  # plotly's range holds these
    assert hi - lo >= 0.5 * max(*wages, median) and lo <= min(wages) and hi >= median
    lo, hi = layout["xaxis"]["autorangeoptions"]["include"]
    assert hi - lo >= 5


def test_the_axes_hold_every_bubble_with_room_at_the_edges(run):
    """The opportunity chart's ranges are worked out on the server (so its names can be placed) and plotly's
    range holds them: every bubble inside, none on the edge."""
    layout = spec(run("explore"))["layout"]
    data = [t for t in spec(run("explore"))["data"] if t.get("mode") == "markers"]
    xs = [v for t in data for v in t["x"]]
    ys = [v for t in data for v in t["y"]]
    (x0, x1), (y0, y1) = layout["xaxis"]["autorangeoptions"]["include"], layout["yaxis"]["autorangeoptions"]["include"]
    assert len(xs) > 700
    assert x0 < min(xs) - 0.03 * (x1 - x0) and max(xs) + 0.03 * (x1 - x0) < x1
    assert y0 < min(ys) and max(ys) + 0.03 * (y1 - y0) < y1


def test_a_cut_name_ends_in_its_word_not_a_space():
    from dashboard.core.safe import cut

    assert cut("Computer and Information Systems Managers", 34) == "Computer and Information Systems…"
    assert cut("Heating, Air Conditioning, and Refrigeration Mechanics", 34) == "Heating, Air Conditioning, and Re…"


def test_the_brief_s_projection_tiles_say_they_are_the_nation_s(ds, plain):
    """A state's brief set "+7.0% Projected change 2024–34" beside the state's employment and wage, unlabelled;
    its page shows the state's own +15.2% first."""
    from dashboard.domain import projections
    from dashboard.present.brief import occupation_brief

    html = occupation_brief(ds, "29-1292", "0600000")
    p = projections.projection(ds, "29-1292")
    assert f"{p['openings_annual']:,.0f}" in html and "Openings a year 2024–34, United States" in html
    assert "Projected change 2024–34, United States (all occupations" in html
    assert "Openings a year, 2024–34" not in html


def test_wording_students_tripped_on(run, ds):
    """ "-0% after inflation", "Median annual wage in may 2025 dollars" (a capital lost), an index slide's axis
    titled "Median annual wage"."""
    from dashboard.domain.trends import _pct

    assert _pct(100, 99.8) == "0%" and _pct(100, 101) == "+1%" and _pct(100, 98) == "-2%"
    at = run("trends", role="29-1292,15-1252", dollars="real")
    title = spec(at)["layout"]["title"]["text"].replace("<br>", " ").removeprefix("<b>")
    assert title.startswith("Median annual wage in May 2025 dollars"), title
    # "Scale" and "Dollars" both offered "As published"
    offered = [o for r in at.sidebar.radio if r.label in ("Scale", "Dollars") for o in r.options]
    assert len(offered) == len(set(offered)) == 4, offered


def test_an_index_slide_says_it_is_an_index_of_restated_wages(ds):
    from pptx import Presentation

    from dashboard.web import deck

    views = [(p, v) for p, v, _ in [deck.read_link(ds, "/trends?role=29-1292,15-1252&dollars=real&scale=index")]]
    prs = Presentation(__import__("io").BytesIO(deck.build(ds, views)))
    chart = next(s.chart for sl in prs.slides for s in sl.shapes if s.has_chart)
    axis = chart.value_axis.axis_title.text_frame.text.replace("\u2060", "")
    assert axis.startswith("Median annual wage, index May ") and axis.endswith(" = 100"), axis
    title = next(s.text_frame.text for s in list(prs.slides)[1].shapes if s.has_text_frame).replace("\u2060", "")
    assert "in May 2025 dollars, index May" in title, title


def test_a_ranking_chart_says_it_shows_the_first_15_and_where_the_state_is(run, plain, ds):
    """/geography?role=49-9021&area=TX: "States ranked" drew 15 of 54 areas with no word of it, and Texas
    (38th) was not on it."""
    at = run("geography", role="49-9021", area="TX")
    titles = [json.loads(c.spec)["layout"]["title"]["text"].replace("<br>", " ") for c in charts_on(at)]
    assert any("the first 15 of 54 states" in t for t in titles), titles
    assert any("the first 15 of 31 areas in Texas" in t for t in titles), titles
    tx = ds.wages.loc[("49-9021", "4800000"), "annual_median"]
    assert f"Texas ranks 38 of 54: ${tx:,.0f}." in [plain(c.value) for c in at.caption]


def test_a_naics_sector_code_opens_its_sector(run, plain):
    """/industry?industry=23 said "No industry has the code '23'; showing Manufacturing"; 230000 too. OEWS
    writes Construction as 23--24 and Manufacturing as 31--34."""
    for code, sector in (("23", "23--24"), ("230000", "23--24"), ("32", "31--34"), ("45", "44--46")):
        at = run("industry", industry=code)
        assert not at.warning, [w.value for w in at.warning]
        assert at.query_params["industry"] == sector
    at = run("industry", industry="98")  # (99 is OEWS's government, 99-100)
    assert any("No industry has the code" in plain(w.value) for w in at.warning)


def test_the_paragraph_to_read_aloud_gives_the_state_s_projection_first(ds):
    """A Texas profile's paragraph quoted the nation's +9.5% alone, with Texas's own +18.1% on the page."""
    from dashboard.domain import projections
    from dashboard.words.summary import summary

    tx = projections.state_row(ds, "4800000", "47-2111")
    said = summary(ds, "47-2111", "4800000")
    mine = f"In Texas, employment is projected to grow {tx['change_pct']:.1f}% from 2022 to 2032 (Projections Central)"
    assert mine in said and f"about {int(tx['openings_annual']):,} openings each year" in said
    assert said.index(mine) < said.index("Nationally, employment is projected")
    assert "Projections Central" not in summary(ds, "47-2111")


def test_presenter_view_and_slides_do_not_point_at_controls_they_hide(run, plain, ds):
    """Presenter view hides every control, yet said "Choose others above", "Tick the box at the left of a row…"
    and "(click a heading to sort)"; the deck's notes said "Choose others above" too."""
    hidden = ("Choose others above", "Tick the box", "click a heading to sort", "Choose them under", "Click a")

    def said(at) -> str:
        return " ".join(plain(x.value) for kind in (at.caption, at.markdown) for x in kind)

    shown = said(run("occupation", role="29-1141", area="MI"))
    assert "Choose others above" in shown
    for page, query in (
        ("occupation", dict(role="29-1141", area="MI")),
        ("compare", dict(role="11-3051,11-1021")),
        ("programs", dict(cip="12.0503", area="AZ")),
        ("explore", {}),
        ("industry", dict(industry="23--24")),
        ("geography", dict(role="49-9021", area="TX")),
    ):
        text = said(run(page, present="1", **query))
        assert not [h for h in hidden if h in text], page
    from dashboard.web import deck

    views = [(p, v) for p, v, _ in [deck.read_link(ds, "/occupation?role=29-1141&area=MI")]]
    d = deck.occupation(ds, views[0][1])
    notes = " ".join(n for s in d.slides for n in s.notes)
    assert "Counted by default" in notes and "Choose others above" not in notes


def test_the_compare_brief_keeps_each_code_and_says_whose_wage(ds):
    """Houston's compare brief cut "Heating, Air Conditioning, and Refrigeration" with no "…" and lost its code,
    and called a metro's wage "a state wage"."""
    from dashboard.present.brief_views import compare_brief

    html = compare_brief(ds, ["47-2111", "49-9021", "31-9092"], "0026420")
    assert "Heating, Air Conditioning, and Re… (49-9021)" in html
    assert "a local wage beside national growth" in html and "a state wage" not in html
