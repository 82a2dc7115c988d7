"""State outlook (Projections Central 2022–32) on the profile and Explore, and the in-demand page /demand."""

import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from dashboard.domain import demand as demand_
from dashboard.present.brief_demand import demand_brief
from dashboard.web.pages import page
from dashboard.web.params import parse

MI = "2600000"
HOW = "How the score was made (P = percentile rank, 0–100)"


def listing(at) -> pd.DataFrame:
    """Every row /demand lists: the in-demand list, then the rows its rule leaves out (the tables with a score;
    the chart's data table, which holds the first 15, is drawn only when opened)."""
    return pd.concat([d.value for d in at.dataframe if "Score (0–100)" in d.value.columns], ignore_index=True)


# --- the profile's state section ----------------------------------------------------------------------


def test_profile_shows_the_state_beside_the_nation(run, metrics, plain):
    at = run("occupation", role="11-3051", area="MI")
    m = metrics(at)
    assert (m["Michigan employment 2022"], m["Michigan projected 2032"]) == ("14,610", "14,650")
    assert m["Michigan change 2022–32"] == "+40 (+0.3%)"
    assert m["Michigan openings a year (2022–32)"] == "980"
    assert (m["US employment 2024"], m["US projected 2034"], m["US openings a year (2024–34)"]) == (
        "241,900",
        "246,500",
        "17,100",
    )
    shown = [plain(c.value) for c in at.caption]
    assert "Michigan, 2022–32 · Projections Central (state LMI agencies)" in shown
    assert "United States, 2024–34 · BLS Employment Projections" in shown
    assert any(s.startswith("Two vintages: Michigan's projection runs 2022–32") for s in shown)
    assert "Projections: Michigan (2022–32) and the nation (2024–34)" in [plain(s.value) for s in at.subheader]


def test_headline_tiles_are_the_areas_own_with_the_nation_beside(ds, run, metrics, plain):
    """Issue 28 item 1: under "Figures for Michigan" the tiles showed the nation's +1.2% and 67,700 openings
    while Michigan's own -1.2% and 2,600 sat lower down, and two employment figures went unexplained."""
    r = ds.state_projections.loc[(MI, "51-1011")]
    p = ds.projections.loc["51-1011"]
    assert (r["change_pct"], r["openings_annual"], r["employment_base"]) == (-1.2, 2600, 28610)
    assert (p["change_pct"], p["openings_annual"]) == (1.2, 67700)
    at = run("occupation", role="51-1011", area="MI")
    m = metrics(at)
    assert m["Employment (May 2025)"] == f"{ds.wages.loc[('51-1011', MI), 'employment']:,}" == "26,650"
    assert m["Projected change 2022–32"] == "-1.2%" and m["Openings a year 2022–32"] == "2,600"
    shown = [plain(c.value) for c in at.caption]
    whose = "Michigan · Projections Central 2022–32; United States, 2024–34: "  # the tile's figure is Michigan's; the nation's
    assert f"{whose}+1.2%" in shown and f"{whose}67,700" in shown
    assert (
        "Two employment figures for Michigan: 26,650 is OEWS's May 2025 estimate (a survey of employers' wage and "
        "salary jobs); 28,610 is the 2022 base of Michigan's 2022–32 projections from Projections Central (state "
        "LMI agencies), another year and method." in shown
    )
    assert "**Figures for Michigan** (employment and wages: OEWS May 2025)" in [m.value for m in at.markdown]
    # the change beside it says whose average: Michigan's all-occupation change, the same vintage ("avg" did not)
    all_mi = ds.state_projections.loc[(MI, "00-0000"), "change_pct"]
    tile = next(x for x in at.metric if plain(x.label) == "Projected change 2022–32")
    assert tile.delta == f"{-1.2 - all_mi:+.1f} pts vs {all_mi:.1f}% for all Michigan jobs"
    national = next(x for x in run("occupation", role="51-1011").metric if plain(x.label) == "Projected change 2024–34")
    assert national.delta.endswith(f"vs {ds.projections.loc['00-0000', 'change_pct']:.1f}% for all US jobs")


def test_headline_tiles_say_when_the_area_has_no_projections(ds, run, metrics, plain):
    codes = set(ds.state_projections.xs("0600000", level="area_code")["soc_code"])
    assert "11-9071" not in codes and "11-9071" in ds.projections.index  # California publishes none for it
    at = run("occupation", role="11-9071", area="CA")
    m = metrics(at)
    assert m["Projected change 2022–32"] == m["Openings a year 2022–32"] == "not released"
    p = ds.projections.loc["11-9071"]
    shown = [plain(c.value) for c in at.caption]
    lead = "No projections for this area: California publishes none for this occupation. United States, 2024–34: "
    assert f"{lead}{p['change_pct']:+.1f}%" in shown and f"{lead}{p['openings_annual']:,}" in shown


def test_profile_metro_uses_its_state_and_says_so(run, metrics, plain):
    at = run("occupation", role="11-3051", area="0019820")
    assert metrics(at)["Michigan openings a year (2022–32)"] == "980"
    assert any("Detroit-Warren-Dearborn, MI is a metro area" in plain(c.value) for c in at.caption)


def test_profile_state_that_does_not_publish_says_not_released(run, metrics, plain):
    at = run("occupation", role="11-3051", area="GU")  # Guam projects 210 occupations, not this one
    m = metrics(at)
    assert m["Guam employment 2022"] == "not released" and m["Guam openings a year (2022–32)"] == "not released"
    assert m["US openings a year (2024–34)"] == "17,100"
    assert any(
        "Guam publishes no projection for this occupation: not released (not zero)" in plain(c.value)
        for c in at.caption
    )


def test_profile_for_the_nation_has_no_state_section(run, metrics):
    assert not any(k.startswith("US employment") for k in metrics(run("occupation", role="11-3051")))


# --- Explore ------------------------------------------------------------------------------------------


def test_explore_with_a_state_uses_its_projections(run, plain):
    at = run("explore", area="MI")
    table = at.dataframe[-1].value.set_index("SOC code")
    assert table.loc["11-3051", "Michigan openings a year 2022–32"] == 980
    assert table.loc["11-3051", "Michigan growth 2022–32 (%)"] == 0.3
    assert table.loc["11-3051", "National openings a year 2024–34"] == 17_100
    assert "National openings a year" not in table.columns  # no column mixes the two vintages
    # an occupation Michigan does not project: state cells empty, national ones kept
    missing = table[table["Michigan openings a year 2022–32"].isna()]
    assert len(missing) == 124 and missing["National openings a year 2024–34"].notna().any()
    assert any(
        "124 of 832 occupations fall back to national figures (EP 2024–34)" in plain(c.value) for c in at.caption
    )


# --- /demand: the score by hand -----------------------------------------------------------------------


def _pct_rank(values: pd.Series, x: float) -> float:
    known = values.dropna()
    below, same = (known < x).sum(), (known == x).sum()
    return (below + (same + 1) / 2 - 1) / (len(known) - 1) * 100


@pytest.mark.parametrize("soc", ["11-3051", "15-1252", "19-4092"])  # 19-4092: no Michigan median wage
def test_score_by_hand(ds, run, soc):
    mi = ds.state_projections.xs(MI, level="area_code")
    mi = mi[mi["soc_code"] != "00-0000"]
    wages = ds.wages.xs(MI, level="area_code")["annual_median"]
    ratio = wages.reindex(mi["soc_code"]) / wages["00-0000"]
    r = mi.loc[soc]
    parts = [
        _pct_rank(mi["openings_annual"].astype(float), r["openings_annual"]),
        _pct_rank(mi["change_pct"], r["change_pct"]),
    ]
    if pd.notna(ratio.get(soc)):
        parts.append(_pct_rank(ratio, ratio[soc]))
    tenths = [int(Decimal(p * 10).quantize(Decimal(1), ROUND_HALF_UP)) for p in parts]  # the ranks as shown
    expected = float((Decimal(sum(tenths)) / 10 / len(parts)).quantize(Decimal("0.1"), ROUND_HALF_UP))

    at = run("demand", area="MI")
    table = listing(at).set_index("SOC code")
    assert len(table) == len(mi) == 711
    assert table.loc[soc, "Score (0–100)"] == pytest.approx(expected, abs=0.051)
    how = table.loc[soc, HOW]
    assert how.endswith(f"= {expected:.1f}") or f"= {expected:.1f};" in how
    if soc == "19-4092":
        assert "÷ 2" in how and "wage not released: left out" in how
    if soc == "11-3051":
        assert how.startswith("(980 openings → P") and "growth +0.3%" in how
        assert table.loc[soc, "Michigan openings a year 2022–32"] == 980


def shown_arithmetic(how: str) -> Decimal:
    """What a row's "how" computes to when worked by hand from the figures it shows, rounded half up."""
    parts = re.findall(r"P(\d+(?:\.\d)?) × (\d+(?:\.\d+)?)", how)
    total = re.search(r"÷ (\d+(?:\.\d+)?) = ", how)[1]
    assert Decimal(total) == sum(Decimal(w) for _, w in parts)
    worked = sum(Decimal(p) * Decimal(w) for p, w in parts) / Decimal(total)
    return worked.quantize(Decimal("0.1"), ROUND_HALF_UP)


@pytest.mark.parametrize(
    "query",
    [
        {"area": "MI", "education": "middle-skill", "min_wage": "median"},  # the link: 154 of 192 were off
        {"area": "CA", "weights": "openings:2,growth:0.5,wage:1.5"},
        {"area": "TX", "weights": "openings:1,growth:3,wage:0"},
    ],
)
def test_every_row_adds_up_to_its_score(run, plain, query):
    """Issue 28 item 2: "(P77 × 1 + P87 × 1 + P78 × 1) ÷ 3 = 80.4" computed to 80.67. Every row on the page:
    the arithmetic it shows, worked by hand, is the score it shows; and the page says what P77 means."""
    at = run("demand", **query)
    tables = [d.value for d in at.dataframe if HOW in d.value.columns]
    rows = pd.concat(tables)
    assert len(rows) > 50
    for how, score in zip(rows[HOW], rows["Score (0–100)"], strict=True):
        assert re.search(r"= (\d+\.\d)", how)[1] == f"{score:.1f}", how
        assert shown_arithmetic(how) == Decimal(f"{score:.1f}"), how
    assert any("P77.3 is a percentile rank" in plain(c.value) for c in at.caption)


def test_weights_change_the_score_and_stay_in_the_link(ds, run):
    at = run("demand", area="MI", weights="openings:1,growth:0,wage:0")
    table = listing(at)
    mi = ds.state_projections.xs(MI, level="area_code")
    top = mi[mi["soc_code"] != "00-0000"]["openings_annual"].idxmax()
    assert table.iloc[0]["SOC code"] == top and table.iloc[0]["Score (0–100)"] == 100.0
    at = run("demand", area="MI")
    assert "weights" not in at.query_params  # equal weights: the short link
    at.sidebar.number_input(key="weight-growth-0").set_value(0.0).run()
    assert at.query_params["weights"] in ("openings:1,growth:0,wage:1", ["openings:1,growth:0,wage:1"])


def test_filters_a_board_uses(run, plain):
    at = run("demand", area="MI", education="middle-skill", min_wage="median", min_openings="200")
    table = listing(at)
    assert len(table) > 0
    assert set(table["Education tier"]) == {"Middle-skill: postsecondary certificate, some college or associate"}
    ranked = at.dataframe[0].value  # the minimum openings is now part of the in-demand rule: the rest are apart
    assert len(ranked) and (ranked["Michigan openings a year 2022–32"] >= 200).all()
    assert (ranked["Michigan growth 2022–32 (%)"] > 0).all()
    wages = table["Median annual wage, Michigan (OEWS May 2025)"].str.replace(r"[^\d]", "", regex=True).astype(int)
    assert (wages >= 49_270).all()  # Michigan's all-occupation median, OEWS May 2025
    assert any("median wage at least $49,270 (Michigan's median)" in plain(m.value) for m in at.markdown)


def test_the_states_list_against_the_nations(run):
    at = run("demand", area="MI")
    diff = at.dataframe[-1].value.set_index("SOC code")
    assert diff.loc["11-9013", "Rank in Michigan"] < 50  # farmers and ranchers: far higher in Michigan
    assert (diff["Places higher here"] >= 25).all()


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            {"area": "0019820"},
            "Detroit-Warren-Dearborn, MI is a metro area: states make the projections, so this is the list of Michigan",
        ),
        ({"area": "MI", "weights": "openings:0,growth:0"}, "the weights add up to zero"),
        ({"area": "MI", "weights": "speed:9"}, "are not weights such as openings:1,growth:1,wage:1"),
        # above the weight boxes' maximum: it crashed the page (the box refused the value)
        ({"area": "MI", "weights": "openings:100,growth:1,wage:1"}, "a weight is a number from 0 to 10"),
        ({"area": "MI", "min_wage": "lots"}, "“lots” is not a wage floor"),
        ({"area": "MI", "education": "phd"}, "“phd” is not an education tier"),
        ({}, "Choose a state in the sidebar"),
    ],
)
def test_bad_input_gets_a_message_and_a_default(run, plain, query, expected):
    at = run("demand", **query)
    shown = [plain(e.value) for e in [*at.warning, *at.info]]
    assert any(expected in s for s in shown), shown
    if query.get("area"):
        assert len(listing(at)) == 711  # the default: every occupation Michigan projects


def test_weights_parse(ds):
    demand = page("demand")
    assert parse(ds, {"weights": "openings:2,growth:1,wage:1"}, demand).weights == (2.0, 1.0, 1.0)
    assert parse(ds, {"weights": "wage:1"}, demand).weights == (0.0, 0.0, 1.0)
    assert parse(ds, {"weights": "1,0,0"}, demand).weights == (1.0, 0.0, 0.0)  # openings, growth, wage in order
    assert parse(ds, {"weights": "openings:10,growth:0.5"}, demand).weights == (10.0, 0.5, 0.0)
    bad_ones = ("openings:x", "openings:-1", "openings:1,openings:2", "openings:nan", "1,2", "wage:0", "openings:10.5")
    for bad in bad_ones:
        v = parse(ds, {"weights": bad}, demand)
        assert v.weights == demand_.DEFAULT_WEIGHTS and len(v.problems) == 1, bad
    assert parse(ds, {"min_wage": "$45,000"}, demand).min_wage == 45_000.0
    assert parse(ds, {"min_wage": "median"}, demand).min_wage == "median"
    assert parse(ds, {"area": "0019820"}, demand).area == "0019820"
    # the forms a planner copies from elsewhere: a CBSA code, a state's FIPS code or name
    too_many = parse(ds, {"min_openings": "999999999"}, demand)  # was cut to 500,000 without a word
    assert too_many.min_openings == 0 and "999,999,999 openings a year is outside 0 to 500,000" in too_many.problems[0]
    assert parse(ds, {"area": "19820"}, demand).area == "0019820"
    assert parse(ds, {"area": "26"}, demand).area == "2600000"
    assert parse(ds, {"area": "michigan"}, demand).area == "2600000"
    # Explore's education stays EP's levels
    assert parse(ds, {"education": "Bachelor's degree"}, page("explore")).education == "Bachelor's degree"
    assert parse(ds, {"education": "middle-skill"}, page("explore")).problems


def test_top_coded_wages_rank_at_their_bound(ds):
    df = demand_.scored(ds, "4100000", demand_.DEFAULT_WEIGHTS)  # Oregon: the most top-coded state medians
    capped = df[df["top_coded"]]
    assert len(capped) and (capped["annual_median"] == 239_200).all()
    assert capped["how"].str.contains("top-coded: at its bound").all()
    assert (capped["wage_pct"] == capped["wage_pct"].iloc[0]).all()  # all tied at the bound


def test_brief_and_csv(ds):
    weights = demand_.DEFAULT_WEIGHTS
    shown = demand_.scored(ds, MI, weights)
    html = demand_brief(
        ds, MI, weights, shown, ["education tier: Bachelor's degree or more"], "http://x/demand?area=MI"
    )
    assert "default-src 'none'" in html and "<script" not in html
    assert "Projections Central, State Occupational Projections, Long Term 2022–32" in html
    assert "Score = the weighted average of three percentile ranks" in html and "OEWS May 2025" in html
    assert (
        '<td>1</td><td class="occ">Software Developers <span class="code">(15-1252)</span></td><td class="n">95.8</td>'
        in html
    )
    assert "education tier: Bachelor&#x27;s degree or more" in html


# --- Geography: state measures -------------------------------------------------------------------------


def test_geography_state_measures(run, metrics, plain):
    at = run("geography", opened=True, role="11-3051", measure="state_openings", area="0019820")
    m = metrics(at)
    assert m["Projected openings a year (state projections), Michigan 2022–32"] == "980"
    assert m["Projected openings a year (state projections), United States 2022–32 (the states' file)"] == "15,300"
    states = max((d.value for d in at.dataframe), key=len).set_index("Postal")
    assert states.loc["MI", "Projected openings a year (state projections)"] == "980"
    assert states.loc["GU", "Projected openings a year (state projections)"] == "not released"  # not zero
    assert "Projections are made for states: metro and nonmetropolitan areas have none." in [i.value for i in at.info]
    # the OEWS measures are as they were
    at = run("geography", opened=True, role="11-3051", measure="annual_median", area="MI")
    assert metrics(at)["Median annual wage, Michigan"] == "$120,660"


def test_unknown_area_asks_for_a_state(run, plain):
    at = run("demand", area="ZZ")
    warnings = [plain(w.value) for w in at.warning]
    assert any(w.startswith("No area has the code “ZZ”; choose a state. Closest: ") for w in warnings), warnings
    assert not any("showing the nation" in w for w in warnings)  # /demand has no national list to show
    assert any("Choose a state in the sidebar" in plain(i.value) for i in at.info)


def test_versus_nation_says_the_filters_do_not_apply(run, plain, ds):
    at = run("demand", area="MI")
    heading = "Ranks much higher in Michigan than in the nation"
    assert heading in [plain(s.value) for s in at.subheader]
    assert any("the other filters above do not apply here" in plain(c.value) for c in at.caption)


def test_zero_weights_are_not_named(run, plain):
    """With growth and wage at 0 the heading still said "ranked by openings, growth and wage", and rows with no
    wage were said to be "scored on openings and growth only"."""
    at = run("demand", area="MI", weights="openings:1,growth:0,wage:0")
    assert plain(at.subheader[0].value) == "Michigan: occupations ranked by openings (2022–32)"
    assert not any("no published median wage" in plain(c.value) for c in at.caption)
    at = run("demand", area="MI")
    assert plain(at.subheader[0].value) == "Michigan: occupations ranked by openings, growth and wage (2022–32)"
    at = run("demand", area="MI", weights="openings:1,growth:0,wage:1")
    assert any("no published median wage in Michigan: scored on openings only." in plain(c.value) for c in at.caption)


# --- /demand: the choices a board makes (issue 28 item 3) -------------------------------------------------


def test_declining_occupations_are_listed_apart_not_ranked(ds, run, plain):
    """The entry-level list ranked declining occupations among the rest without a word. By the default rule
    (growth above 0%) only growing ones are ranked; the rest are listed apart, each saying why."""
    at = run("demand", area="MI", education="entry")
    scored = demand_.scored(ds, MI, demand_.DEFAULT_WEIGHTS)
    entry = scored[scored["tier"] == "entry"]
    growing, declining = entry[entry["change_pct"] > 0], entry[entry["change_pct"] < 0]
    assert len(declining) > 100  # Michigan's entry-level occupations: more than half are projected to decline
    ranked, apart = at.dataframe[0].value, at.dataframe[1].value
    assert set(ranked["SOC code"]) == set(growing["soc_code"]) and (ranked["Michigan growth 2022–32 (%)"] > 0).all()
    assert set(apart["SOC code"]) == set(entry["soc_code"]) - set(growing["soc_code"])
    assert "In-demand rank, Michigan" not in apart.columns  # not ranked
    why = apart.set_index("SOC code")["Not in demand because"]
    for code, g in zip(declining["soc_code"], declining["change_pct"], strict=True):
        assert why[code] == f"declining ({g:+.1f}%)"
    heads = [plain(s.value) for s in at.subheader]
    assert f"Not in demand by this rule: {len(apart)} ({len(declining)} declining)" in heads
    assert any(
        plain(m.value).startswith("In demand, by the rule used here: growing (projected growth above 0%) in Michigan's")
        for m in at.markdown
    )


def test_the_rule_is_adjustable_and_goes_into_the_link(ds, run, plain):
    at = run("demand", area="MI", growth_above="2.5", min_openings="500")
    ranked = at.dataframe[0].value
    assert len(ranked) and (ranked["Michigan growth 2022–32 (%)"] > 2.5).all()
    assert (ranked["Michigan openings a year 2022–32"] >= 500).all()
    scored = demand_.scored(ds, MI, demand_.DEFAULT_WEIGHTS)
    meets = scored[(scored["change_pct"] > 2.5) & (scored["openings_annual"] >= 500)]
    assert list(ranked["SOC code"]) == list(meets["soc_code"])  # in score order, ranked 1, 2, 3 … among them
    assert list(ranked.iloc[:, 0].astype(int)) == list(range(1, len(meets) + 1))
    rule = "growth above 2.5% and at least 500 openings a year in Michigan's projections (2022–32)"
    assert any(rule in plain(m.value) for m in at.markdown)
    at.sidebar.number_input(key="growth_above-0").set_value(1.0).run()
    assert at.query_params["growth_above"] in ("1", ["1"]) and at.query_params["min_openings"] in ("500", ["500"])


def test_several_education_tiers_and_the_preset(run, plain):
    at = run("demand", area="MI", education="below-bachelors")
    box = at.sidebar.multiselect(key="education-0")
    assert box.value == ["entry", "middle-skill"]
    tiers = set(listing(at)["Education tier"])
    assert tiers == {
        "No formal credential or high school",
        "Middle-skill: postsecondary certificate, some college or associate",
    }
    box.set_value(["middle-skill", "bachelors"]).run()
    assert at.query_params["education"] in ("middle-skill,bachelors", ["middle-skill,bachelors"])
    assert set(listing(at)["Education tier"]) == {
        "Middle-skill: postsecondary certificate, some college or associate",
        "Bachelor's degree or more",
    }
    at.sidebar.button(key="tiers-below-bachelors").click().run()
    assert at.query_params["education"] in ("below-bachelors", ["below-bachelors"])


def test_csv_and_brief_carry_the_rule_and_the_file_name_the_filters(ds):
    from downloads import downloads, text

    query = {"area": "MI", "education": "below-bachelors", "min_wage": "median", "growth_above": "1"}
    query["min_openings"] = "100"
    at, made = downloads("demand", **query)
    name = "in-demand-MI-entry+middle-skill-wage-median-growth-above-1-openings-100"
    rows = pd.read_csv(io.StringIO(text(made, f"{name}.csv")))
    rule = (
        "In demand, by the rule used here: projected growth above 1% and at least 100 openings a year in Michigan's "
        "projections (2022–32). Only these are ranked; declining occupations and the others the rule leaves out are "
        "listed apart, not ranked."
    )
    assert (rows["In demand: the rule"] == rule).all()  # beside every row, as the Source column is
    ranked, apart = [d.value for d in at.dataframe if "Score (0–100)" in d.value.columns][-2:]  # after the chart's
    kept = rows[rows["In demand by the rule"] == "yes"]
    assert len(kept) == len(ranked) and (kept["Michigan growth 2022–32 (%)"] > 1).all()
    rest = rows[rows["In demand by the rule"] != "yes"]
    assert len(rest) == len(apart) and rest["Michigan growth 2022–32 (%)"].dtype.kind == "f"
    assert rest["In demand by the rule"].str.contains("declining").any()
    html = text(made, f"{name}.html")
    assert rule.replace("'", "&#x27;") in html and f"The list ({len(kept)} in demand)" in html
