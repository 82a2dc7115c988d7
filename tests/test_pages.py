"""AppTest on the industry, geography and compare pages: query parameters in, numbers from data/ out."""

import pytest
from apptest import open_expanders

from dashboard.core.codes import MEASURES, RSE_LOW
from dashboard.core.formatting import fmt
from dashboard.present.brief import INDUSTRIES_SHOWN


def frame_with(at, column: str):
    """The first dataframe on the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


# --- industry -------------------------------------------------------------------------------------


def test_industry_staffing_pattern(run, metrics, ds):
    at = run("industry", opened=True, industry="31--34")
    total = ds.hiring.loc[("00-0000", "31--34")]
    assert at.title[0].value == "Manufacturing"
    assert metrics(at)["Employment, all occupations"] == f"{total['employment']:,}" == "12,654,310"
    table = frame_with(at, "Share of the industry's jobs (%)")
    first = table.iloc[0]
    inds = ds.hiring.xs("31--34", level="industry_code")
    detailed = inds[inds["soc_code"].map(ds.occupations["level"]) == "detailed"]
    top = detailed.sort_values("employment", ascending=False).iloc[0]
    assert first["SOC code"] == top["soc_code"] == "51-2090"
    assert first["Employment in the industry"] == top["employment"]
    assert first["Share of the industry's jobs (%)"] == pytest.approx(top["employment"] / total["employment"] * 100)
    ipm = table[table["SOC code"] == "11-3051"].iloc[0]
    assert ipm["Employment in the industry"] == 185_250
    assert ipm["Median annual wage in the industry"] == ds.hiring.loc[("11-3051", "31--34"), "annual_median"]
    assert ipm["Median annual wage, all industries"] == 126_060
    assert ipm["National openings a year"] == 17_100
    assert len(table) == len(detailed)
    subs = frame_with(at, "industry_code")
    assert {"336000", "334000", "325000"} <= set(subs["industry_code"])
    row = subs[subs["industry_code"] == "336000"].iloc[0]
    assert row["employment"] == ds.hiring.loc[("00-0000", "336000"), "employment"]


def test_industry_group_filter_and_drill_down(run, ds):
    at = run("industry", opened=True, industry="31--34", group="11-0000")
    table = frame_with(at, "Share of the industry's jobs (%)")
    assert len(table) and set(table["SOC code"].str[:2]) == {"11"}
    open_expanders(at.sidebar.selectbox[0].select("336000").run(), required=False)
    assert at.query_params["industry"] == "336000"
    assert at.title[0].value == "Transportation Equipment Manufacturing"
    subs = frame_with(at, "industry_code")
    assert "336400" in set(subs["industry_code"])  # aerospace, one level down
    ipm = frame_with(at, "Share of the industry's jobs (%)")
    assert ipm[ipm["SOC code"] == "11-3051"].iloc[0]["Employment in the industry"] == 25_800
    at.button(key="up").click().run()
    assert at.query_params["industry"] == "31--34"


def test_industry_unknown_code_is_explained(run, plain):
    at = run("industry", industry="<b>999</b>")
    assert any("No industry has the code “<b>999</b>”" in plain(w.value) for w in at.warning)
    assert all("<b>" not in w.value for w in at.warning)  # shown as text: the markup is escaped
    assert at.title[0].value == "Manufacturing"


# --- geography ------------------------------------------------------------------------------------


def test_geography_state_ranking_and_map_table(run, metrics, ds):
    at = run("geography", opened=True, role="11-3051", measure="annual_median")
    states = ds.areas.index[ds.areas["area_type"] == "state"]
    w = ds.wages.xs("11-3051", level="soc_code").reindex(states).dropna(subset=["annual_median"])
    best = w.sort_values("annual_median", ascending=False).iloc[0]
    table = frame_with(at, "Postal")
    assert table.iloc[0]["State"] == ds.areas.loc[best.name, "area_name"] == "Delaware"
    assert table.iloc[0]["Median annual wage"] == f"${best['annual_median']:,.0f}"
    assert len(table.dropna(subset=["rank"])) == len(w)
    assert metrics(at)["Median annual wage, United States"] == "$126,060"
    assert at.subheader[1].value == "Metro areas ranked"


def test_geography_state_shows_its_metros_and_compares_with_nation(run, metrics, ds):
    at = run("geography", opened=True, role="11-3051", area="MI", measure="employment")
    m = metrics(at)
    assert m["Employment, Michigan"] == "14,320"
    assert m["Share of national employment"] == f"{14_320 / 246_250 * 100:.1f}%"
    metros = frame_with(at, "Area code")
    assert metros.iloc[0]["Area"] == "Detroit-Warren-Dearborn, MI" and metros.iloc[0]["Employment"] == "5,950"
    assert all("MI" in a or "Michigan" in a for a in metros["Area"])
    at.sidebar.selectbox[2].select("0600000").run()
    assert at.query_params["area"] == "0600000"
    assert at.subheader[1].value == "Metro areas ranked in California"
    assert metrics(at)["Employment, California"] == "25,130"


def test_geography_reliability_and_top_coding(run, ds):
    at = run("geography", opened=True, role="29-1215", measure="annual_median")
    metros = frame_with(at, "Area code")
    capped = metros[metros["Median annual wage"] == "≥ $239,200"]
    assert len(capped) and capped["rank"].notna().all()  # a lower bound stays in the ranking
    w = ds.wages.xs("29-1215", level="soc_code")["annual_median"]
    above = metros["Area code"].map(w) > 239_200
    # ranked at its bound: after every area published above $239,200, before every one below
    assert (capped["rank"] == above.sum() + 1).all()
    assert set(metros["Reliability"]) <= {"reliable", "use with care", "low reliability", "RSE not released"}
    rse = metros["RSE (%)"]
    assert (metros.loc[rse > RSE_LOW, "Reliability"] == "low reliability").all()


@pytest.mark.parametrize("measure", ["location_quotient", "jobs_per_1000", "hourly_p90", "annual_p10"])
def test_geography_every_measure(run, ds, measure):
    at = run("geography", opened=True, role="11-3051", measure=measure)
    table = frame_with(at, "Postal")
    label = MEASURES[measure].label
    ca = table[table["Postal"] == "CA"].iloc[0]
    assert ca[label] == fmt(MEASURES[measure], ds.wages.loc[("11-3051", "0600000"), measure])


def test_geography_bad_measure(run, metrics):
    at = run("geography", role="11-3051", measure="<script>x</script>")
    assert any("is not a measure" in w.value and "<script>" not in w.value for w in at.warning)
    assert metrics(at)["Median annual wage, United States"] == "$126,060"


# --- compare --------------------------------------------------------------------------------------


def test_compare_three_roles(run, ds):
    at = run("compare", opened=True, role="11-3051,11-1021,51-1011")
    wages = frame_with(at, "90th")
    assert list(wages["SOC code"]) == ["11-3051", "11-1021", "51-1011"]
    for _, r in wages.iterrows():
        w = ds.wages.loc[(r["SOC code"], "0000000")]
        assert r["10th"] == f"${w['annual_p10']:,.0f}" and r["90th"] == f"${w['annual_p90']:,.0f}"
    side = frame_with(at, "Typical education (national)")
    ipm = side[side["SOC code"] == "11-3051"].iloc[0]
    assert ipm["National openings a year"] == 17_100 and ipm["Typical education (national)"] == "Bachelor's degree"
    assert ipm["Top industries (national)"].startswith("Transportation Equipment Manufacturing")


def test_compare_within_an_area_with_top_coding(run, ds):
    at = run("compare", opened=True, role="11-3051,29-1215,27-2011", area="0010540")
    wages = frame_with(at, "90th")
    doc = wages[wages["SOC code"] == "29-1215"].iloc[0]
    assert doc["Median"] == "≥ $239,200"
    actors = wages[wages["SOC code"] == "27-2011"].iloc[0]
    assert actors["Median"] == "not released"
    assert at.subheader[0].value == "Annual wage range, Albany, OR"


def test_compare_needs_two_and_caps_at_six(run):
    at = run("compare", role="11-3051")
    assert any("Choose two to six occupations" in i.value for i in at.info)
    at = run("compare", role="11-3051,11-1021,51-1011,43-5061,11-1011,17-2112,13-1081")
    assert any("up to 6 occupations" in w.value for w in at.warning)
    assert len(frame_with(open_expanders(at), "90th")) == 6


# --- pathways, similar roles, brief ---------------------------------------------------------------

LADDER = "51-2090,51-1011,43-5061,11-3051,11-1021"


def test_pathway_from_link(run, metrics, plain, ds):
    at = run("pathways", role=LADDER)
    assert at.title[0].value == "Manufacturing management ladder"  # the link matches the preset
    assert at.query_params["pathway"] == "manufacturing-management"
    steps = frame_with(at, "Gain from previous step")
    assert list(steps["SOC code"]) == LADDER.split(",")
    nat = ds.wages.xs("0000000", level="area_code")["annual_median"]
    assert list(steps["Median annual wage, United States"]) == [nat[s] for s in LADDER.split(",")]
    gain = nat["11-3051"] - nat["43-5061"]
    assert steps.iloc[3]["Gain from previous step"] == f"+${gain:,.0f} (+{gain / nat['43-5061'] * 100:.0f}%)"
    assert steps.iloc[2]["Gain from previous step"].startswith("−$")  # planners earn less than supervisors
    assert steps.iloc[3]["Work experience"] == ds.occupations.loc["11-3051", "experience"] == "5 years or more"
    m = metrics(at)
    assert m["4. Operations or plant manager"] == "$126,060"
    assert "From production worker ($44,650) to general and operations manager ($105,770)" in plain(at.info[0].value)


def test_pathway_in_an_area_and_custom_order(run, ds):
    at = run("pathways", role="11-3051,51-1011", area="MI")
    assert at.title[0].value == "Your career ladder" and "pathway" not in at.query_params
    steps = frame_with(at, "Gain from previous step")
    assert list(steps["SOC code"]) == ["11-3051", "51-1011"]  # the link's order is the ladder's order
    mi = ds.wages.xs("2600000", level="area_code")["annual_median"]
    assert list(steps["Median annual wage, Michigan"]) == [mi["11-3051"], mi["51-1011"]]


def test_pathway_presets_and_default(run, ds):
    at = run("pathways")
    assert at.title[0].value == "Manufacturing management ladder"
    at.sidebar.selectbox[0].select("supply-chain").run()
    assert at.query_params["pathway"] == "supply-chain"
    assert at.query_params["role"] == ",".join(
        ds.pathways[ds.pathways["pathway"] == "supply-chain"].sort_values("step")["soc_code"]
    )
    assert "13-1081" in set(frame_with(at, "Gain from previous step")["SOC code"])


def test_a_ladder_built_after_clearing_the_steps_is_kept(run):
    """Clear all, then add dental assistants and dental hygienists: the second step brought back the
    manufacturing ladder (the preset control still held it and read the new steps as a choice of it)."""
    at = run("pathways", area="CA")
    steps = at.sidebar.multiselect[0]
    steps.set_value([]).run()
    assert any("at least two occupations" in i.value for i in at.info)
    at.sidebar.multiselect[0].set_value(["31-9091"]).run()
    assert any("at least two occupations" in i.value for i in at.info)
    at.sidebar.multiselect[0].set_value(["31-9091", "29-1292"]).run()
    assert at.title[0].value == "Your career ladder"
    assert at.query_params["role"] == "31-9091,29-1292" and "pathway" not in at.query_params
    assert list(frame_with(at, "Gain from previous step")["SOC code"]) == ["31-9091", "29-1292"]
    assert at.sidebar.selectbox[0].value is None  # "Your own ladder"


def test_choosing_your_own_ladder_starts_from_no_steps(run):
    """ "Your own ladder" left the preset's five steps, its title and its link as they were."""
    at = run("pathways")
    at.sidebar.selectbox[0].select_index(0).run()
    assert at.sidebar.multiselect[0].value == []
    assert any("at least two occupations" in i.value for i in at.info)
    assert at.title[0].value == "Your career ladder" and "role" not in at.query_params
    at.sidebar.multiselect[0].set_value(["51-2090", "51-1011"]).run()
    assert list(frame_with(at, "Gain from previous step")["SOC code"]) == ["51-2090", "51-1011"]
    at.sidebar.selectbox[0].select("supply-chain").run()  # a preset still replaces the steps
    assert at.query_params["pathway"] == "supply-chain"


def test_pathway_bad_links(run, plain):
    at = run("pathways", pathway="nowhere<script>")
    assert any("No preset pathway is called “nowhere<script>”" in plain(w.value) for w in at.warning)
    at = run("pathways", role="11-3051")
    assert any("at least two occupations" in i.value for i in at.info)


def test_pathways_file_is_valid(ds):
    p = ds.pathways
    assert set(p["soc_code"]) <= set(ds.occupations.index[ds.occupations["level"] == "detailed"])
    assert p["note"].str.len().min() > 40  # every step says why it was chosen
    for _, g in p.groupby("pathway"):
        assert list(g.sort_values("step")["step"]) == list(range(1, len(g) + 1))


def test_profile_similar_roles_and_brief(run, plain, ds):
    at = run("occupation", role="11-3051")
    assert "Similar roles" in [s.value for s in at.subheader]
    captions = [plain(c.value) for c in at.caption]
    # the industry overlap now follows O*NET's reasons (skills shared, related) where O*NET has them
    assert any("hired by the same industries: " in c.casefold() and "% overlap" in c for c in captions)


def test_brief_is_self_contained_and_escaped(ds):
    from dashboard.present import brief

    html = brief.occupation_brief(ds, "11-3051", "2600000", "http://x/occupation?role=11-3051&a=<b>")
    assert "<script" not in html and "http://x/occupation?role=11-3051&amp;a=&lt;b&gt;" in html
    assert "src=" not in html and "@import" not in html  # nothing to fetch
    assert "14,320" in html and "$120,660" in html  # Michigan employment and median
    assert html.count('class="bar"') >= 10 + INDUSTRIES_SHOWN  # percentile bars (two places), industries
    # a state's brief gives the nation's openings split in a sentence; the nation's brief draws it
    assert "500 from growth, 5,800 from labor-force exits and 10,800 from occupational transfers" in html
    assert brief.occupation_brief(ds, "11-3051").count('class="bar"') >= 5 + 3 + INDUSTRIES_SHOWN
    assert "May 2025" in html and "2024–34" in html
