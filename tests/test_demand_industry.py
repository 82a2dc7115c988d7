"""/demand's industry filter (issue 14 item 5): a state's list cut to the occupations an industry employs
nationally (OEWS national industry staffing; states publish no projections by industry), kept in the
link, the CSV and the brief's rule."""

import csv
import io

import pandas as pd
import pytest
from downloads import downloads, text

from dashboard.domain import demand

MI = "2600000"
RULE = "States do not publish projections by industry"


def listing(at) -> pd.DataFrame:
    """Every row /demand lists: the in-demand list, then the rows its rule leaves out (the tables with a score;
    the chart's data table, which holds the first 15, is drawn only when opened)."""
    return pd.concat([d.value for d in at.dataframe if "Score (0–100)" in d.value.columns], ignore_index=True)


def expected_codes(ds, state: str, industry: str) -> set[str]:
    """Worked out here from the tables themselves: the state's projected codes that national OEWS industry
    staffing publishes in the industry (employment or median), or, for a code OEWS no longer uses, one of
    the SOC 2018 codes the crosswalk says it became."""
    projected = set(ds.state_projections.xs(state, level="area_code")["soc_code"]) - {"00-0000"}
    h = ds.hiring.reset_index(drop=True)
    staffed = h[(h["industry_code"] == industry) & (h["employment"].notna() | h["annual_median"].notna())]
    staffed = set(staffed["soc_code"])
    published = set(h["soc_code"])
    xw = ds.soc_crosswalk
    became = {c: set(xw.loc[xw["from_code"] == c, "soc_code"]) for c in projected - published}
    return {c for c in projected if c in staffed or became.get(c, set()) & staffed}


def test_michigan_manufacturing_list(ds, run, plain):
    codes = expected_codes(ds, MI, "31--34")
    assert len(codes) == 479  # of Michigan's 711
    at = run("demand", area="MI", industry="31--34", growth_above="-100")  # a rule that keeps every row
    table = listing(at)
    assert len(table) == 479 and set(table["SOC code"]) == codes
    assert at.query_params["industry"] in ("31--34", ["31--34"])  # kept in the link
    # the rank and score stay those of the whole state's list (the filter cuts, it does not re-rank)
    assert table.iloc[0]["SOC code"] == "15-1252" and table.iloc[0]["In-demand rank, Michigan"] == 1
    heading = "US employment in Sectors 31, 32, and 33 - Manufacturing (31--34), OEWS May 2025 industry staffing"
    row = table.set_index("SOC code").loc["11-3051"]
    assert row[heading] == ds.hiring.loc[("11-3051", "31--34"), "employment"] == 185_250
    # said plainly: national industry staffing, not the state's
    infos = [plain(i.value) for i in at.info]
    assert any(RULE in i and "national OEWS May 2025 industry staffing" in i for i in infos), infos
    assert any(
        "479 of the 711 occupations Michigan projects are in demand by the rule and meet the filters · filters: "
        "employed in Sectors 31, 32, and 33 - Manufacturing "
        "(31--34) nationally (OEWS May 2025 industry staffing)" in plain(m.value)
        for m in at.markdown
    )


def test_an_old_code_is_matched_through_the_codes_it_became(ds, run, plain):
    at = run("demand", area="MI", industry="31--34", growth_above="-100")  # a rule that keeps every row
    table = listing(at).set_index("SOC code")
    via = "In Sectors 31, 32, and 33 - Manufacturing through SOC 2018 codes"
    assert table.loc["15-1256", via] == "15-1252, 15-1253"  # the states' combined software developers code
    assert any(
        "2 occupation(s) Michigan projects under a code OEWS no longer publishes" in plain(c.value) for c in at.caption
    )


def test_industry_with_other_filters_and_a_sub_industry(ds, run):
    codes = expected_codes(ds, MI, "336000")
    at = run("demand", area="MI", industry="336000", education="middle-skill", min_openings="100")
    table = at.dataframe[0].value  # in demand: growing, and at least 100 openings a year (the rule)
    scored = demand.scored(ds, MI, demand.DEFAULT_WEIGHTS).set_index("soc_code")
    expect = {
        c
        for c in codes
        if scored.loc[c, "tier"] == "middle-skill"
        and scored.loc[c, "openings_annual"] >= 100
        and scored.loc[c, "change_pct"] > 0
    }
    assert len(expect) > 0 and set(table["SOC code"]) == expect
    apart = at.dataframe[1].value  # the rest of the industry's middle-skill occupations, listed apart
    assert set(apart["SOC code"]) == {c for c in codes if scored.loc[c, "tier"] == "middle-skill"} - expect


def test_sidebar_choice_goes_into_the_link(run):
    at = run("demand", area="MI")
    assert "industry" not in at.query_params
    at.sidebar.selectbox(key="industry-0").set_value("336000").run()
    assert at.query_params["industry"] in ("336000", ["336000"])
    assert len(listing(at)) < 711


@pytest.mark.parametrize("bad", ["99zz", "<b>x</b>", "31-33"])
def test_unknown_industry_is_explained_and_ignored(run, plain, bad):
    at = run("demand", area="MI", industry=bad)
    assert any(
        "No industry has the code" in plain(w.value) and "showing all industries" in plain(w.value) for w in at.warning
    )
    assert len(listing(at)) == 711
    assert not any(RULE in plain(i.value) for i in at.info)


def test_csv_and_brief_carry_the_industry_and_its_rule(ds):
    at, made = downloads("demand", area="MI", industry="31--34")
    name = "in-demand-MI-growth-above-0-industry-31--34"  # the file's name carries the rule and the filters
    rows = list(csv.DictReader(io.StringIO(text(made, f"{name}.csv"))))
    assert len(rows) == 479  # in demand first, then the rest, each with its verdict
    heading = "US employment in Sectors 31, 32, and 33 - Manufacturing (31--34), OEWS May 2025 industry staffing"
    by = {r["SOC code"]: r for r in rows}
    assert by["15-1252"][heading] == "136390"  # software developers in manufacturing, national
    assert "national industry staffing" in by["15-1252"]["Source"]
    html = text(made, f"{name}.html")
    assert "<b>Rule used.</b>" in html and "Industry filter: only the occupations that Sectors 31, 32, and 33" in html
    assert RULE in html and "national OEWS May 2025 industry staffing" in html
    assert "employed in Sectors 31, 32, and 33 - Manufacturing (31--34) nationally" in html  # the filters line
    kept = sum(r["In demand by the rule"] == "yes" for r in rows)
    assert f"<b>{kept}</b><span>On this list after the filters</span>" in html
    assert f"The list ({kept} in demand)" in html and html.count("<tr><td") == 479  # every row, none cut
