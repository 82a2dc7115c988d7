"""AppTest on every page with the real data: query parameters in, asserted numbers out."""

import pytest
from apptest import app_test


def test_profile_national(run, metrics, ds):
    at = run("occupation", role="11-3051")
    m = metrics(at)
    w = ds.wages.loc[("11-3051", "0000000")]
    p = ds.projections.loc["11-3051"]
    assert m["Employment (May 2025)"] == f"{w['employment']:,}" == "246,250"
    assert m["Median annual wage (May 2025)"] == f"${w['annual_median']:,.0f}" == "$126,060"
    assert m["Projected change 2024–34"] == "+1.9%"
    assert m["Openings a year 2024–34"] == f"{p['openings_annual']:,}" == "17,100"
    summary = at.info[0].value
    assert "$126,060 a year, about 2.5 times the median for all occupations" in summary
    assert "grow 1.9% from 2024 to 2034, slower than the 3.1% average, with about 17,100 openings each year" in summary
    assert any("BLS Occupational Employment and Wage Statistics (OEWS), May 2025" in c.value for c in at.caption)


def test_profile_state_by_postal_code_and_hourly(run, metrics, ds):
    at = run("occupation", role="11-3051", area="CA", wage="hourly")
    m = metrics(at)
    w = ds.wages.loc[("11-3051", "0600000")]
    assert m["Employment (May 2025)"] == f"{w['employment']:,}" == "25,130"
    assert m["Median hourly wage (May 2025)"] == f"${w['hourly_median']:,.2f}"
    assert at.selectbox[0].value == "0600000"
    assert at.query_params["area"] == "0600000"


def test_profile_area_change_updates_numbers_and_url(run, metrics, ds):
    at = run("occupation", role="11-3051")
    at.selectbox[0].select("0019820").run()
    assert metrics(at)["Median annual wage (May 2025)"] == "$126,200"
    assert at.query_params["area"] == "0019820"
    at.radio[0].set_value("hourly").run()
    assert at.query_params["wage"] == "hourly"
    hourly = ds.wages.loc[("11-3051", "0019820"), "hourly_median"]
    assert metrics(at)["Median hourly wage (May 2025)"] == f"${hourly:,.2f}"


def test_profile_hourly_only_and_top_coded(run, metrics, plain, ds):
    at = run("occupation", role="27-2011")
    assert any("hourly wages only" in w.value for w in at.warning)
    assert metrics(at)["Median annual wage (May 2025)"] == "not released"
    at = run("occupation", role="29-1215", area="0010540")
    assert metrics(at)["Median annual wage (May 2025)"] == "≥ $239,200"
    assert any("equal to or greater than $115.00 per hour or $239,200 per year" in plain(c.value) for c in at.caption)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"role": "99-9999"}, "No occupation has the code “99-9999”"),
        ({"role": "11-3051", "area": "ZZ"}, "No area has the code “ZZ”"),
        ({"role": "11-3051", "industry": "999999"}, "No industry has the code “999999”"),
        ({"role": "<script>alert(1)</script>"}, "No occupation has the code “<script>alert(1)</script>”"),
        ({"role": "11-3051", "wage": "weekly"}, "not a wage basis"),
    ],
)
def test_bad_links_show_friendly_message(run, plain, params, expected):
    at = run("occupation", **params)
    assert any(expected in plain(w.value) for w in at.warning), [w.value for w in at.warning]
    assert all("<script>" not in w.value for w in at.warning)


def test_role_search_on_profile(run, ds):
    at = run("occupation")
    at.text_input(key="q").input("plant manger").run()  # typo on purpose
    labels = [b.label for b in at.button]
    # the result says which title matched (issue 12): a curated alias, typo forgiven
    assert "plant manager → Industrial Production Managers (11-3051), curated alias" in labels
    next(b for b in at.button if "(11-3051)" in b.label).click().run()
    assert at.query_params["role"] == "11-3051"
    assert at.title[0].value == "Industrial Production Managers"


def test_explore_national(run, ds):
    at = run("explore")
    n = int((ds.occupations["level"] == "detailed").sum())
    assert at.subheader[0].value == f"{n:,} occupations in the United States"
    table = at.dataframe[-1].value
    row = table[table["SOC code"] == "11-3051"].iloc[0]
    assert row["Median annual wage, United States"] == 126_060
    assert row["National openings a year"] == 17_100
    # sorted by what the page is about: openings, most first; the occupation's name comes first
    assert list(table.columns[:3]) == ["Occupation", "National openings a year", "National growth 2024–34 (%)"]
    assert table["National openings a year"].is_monotonic_decreasing


def test_explore_search_and_industry_filter(run, ds):
    at = run("explore")
    at.text_input(key="q").input("production supervisor").run()
    assert "51-1011" in at.query_params["role"]
    table = at.dataframe[-1].value
    assert "51-1011" in set(table["SOC code"])
    at.text_input(key="q").input("").run()
    at.sidebar.selectbox[1].select("336000").run()
    assert at.query_params["industry"] == "336000"
    table = at.dataframe[-1].value
    row = table[table["SOC code"] == "11-3051"].iloc[0]
    place = "Transportation Equipment Manufacturing, national"
    assert row[f"Employment, {place}"] == ds.hiring.loc[("11-3051", "336000"), "employment"] == 25_800
    assert row[f"Median annual wage, {place}"] == 131_510
    assert len(table) == int(
        ds.hiring.xs("336000", level="industry_code")["soc_code"]
        .isin(ds.occupations.index[ds.occupations["level"] == "detailed"])
        .sum()
    )


def test_explore_area_link(run, ds):
    at = run("explore", area="MI")
    assert at.subheader[0].value.endswith("in Michigan")
    table = at.dataframe[-1].value
    row = table[table["SOC code"] == "11-3051"].iloc[0]
    assert row["Median annual wage, Michigan"] == ds.wages.loc[("11-3051", "2600000"), "annual_median"]


def test_csv_download_neutralises_formulas():
    import pandas as pd

    from dashboard.web.ui import safe_csv

    text = safe_csv(
        pd.DataFrame({"title": ["=HYPERLINK(1)", "+x", "@a", "-b", "ok"], "growth": [-1.5, 2.0, 3.0, 4.0, 5.0]})
    ).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "title,growth,Source"
    assert [ln.rsplit(",", 1)[0] for ln in lines[1:]] == [
        "'=HYPERLINK(1),-1.5",
        "'+x,2.0",
        "'@a,3.0",
        "'-b,4.0",
        "ok,5.0",
    ]
    assert lines[1].endswith(",BLS Occupational Employment and Wage Statistics (OEWS); BLS Employment Projections")


def test_csv_header_first_integers_whole_and_area_named(ds):
    import io

    import pandas as pd

    from dashboard.domain.occupations import explorer_table
    from dashboard.present.export import safe_csv

    table = explorer_table(ds, area="2600000")[["soc_code", "title", "employment", "annual_median"]]
    text = safe_csv(table, ds.release.source_line, "Michigan").decode("utf-8-sig")
    assert text.splitlines()[0] == "soc_code,title,employment,annual_median,Area,Source"
    row = next(ln for ln in text.splitlines() if ln.startswith("11-3051,"))
    assert row.startswith("11-3051,Industrial Production Managers,14320,120660,Michigan,")  # no "120660.0"
    assert row.endswith('OEWS), May 2025; BLS Employment Projections 2024–34"')
    back = pd.read_csv(io.StringIO(text), dtype={"soc_code": str})
    assert (back["Area"] == "Michigan").all() and back["employment"].dtype.kind in "if"


def test_explore_growth_and_colour_live_in_the_url(run, ds):
    at = run("explore", growth="10,60", color="education", min_openings="10000")
    table = at.dataframe[-1].value
    assert (
        len(table)
        and (table["National growth 2024–34 (%)"] >= 10).all()
        and (table["National openings a year"] >= 10_000).all()
    )
    p = ds.projections
    det = ds.occupations.index[ds.occupations["level"] == "detailed"]
    want = p.loc[p.index.isin(det) & (p["change_pct"] >= 10) & (p["openings_annual"] >= 10_000)]
    assert set(table["SOC code"]) == set(want.index)
    assert at.radio[0].value == "education"
    at.slider[0].set_value((-40.0, 60.0)).run()
    assert "growth" not in at.query_params


def test_program_search_stays_in_the_link(run):
    """/programs?q=welding lists welding programs and keeps q, so the link reopens the search (issue 29, 12)."""
    at = run("programs", q="welding")
    assert at.query_params["q"] in ("welding", ["welding"])
    assert "Welding Technology/Welder" in at.button[0].label


def test_explore_search_fits_in_the_link(run):
    """A search puts no more occupations in the link than a link carries: the reload shows the same ones with no
    warning, and a second search shows no message left from the first (issue 29, 5)."""
    at = run("explore")
    at.sidebar.text_input(key="q").input("manager").run()
    first = at.query_params["role"]
    codes = (first[0] if isinstance(first, list) else first).split(",")
    assert len(codes) == 6 and not at.warning
    at.sidebar.text_input(key="q").input("teacher").run()
    assert not at.warning, [w.value for w in at.warning]
    again = app_test("explore", {"role": ",".join(codes)})
    again.run()
    assert not again.warning and again.query_params["role"] in (",".join(codes), [",".join(codes)])
    assert f"{len(codes)} occupations in the United States" in [h.value for h in again.subheader]


def _sidebar_links(at) -> dict[str, str]:
    return {p.proto.page or "explore": p.proto.query_string for p in at.sidebar.get("page_link")}


def test_sidebar_links_keep_the_occupation_and_area(run, ds):
    """From a profile in Michigan, Geography and Trends opened industrial production managers for the nation and
    In-demand forgot Michigan: each sidebar link carries what its page reads (issue 29, 4)."""
    links = _sidebar_links(run("occupation", role="11-1021", area="MI", wage="hourly"))
    assert links["geography"] == "role=11-1021&area=2600000"
    assert links["trends"] == "role=11-1021&wage=hourly"
    assert links["compare"] == "role=11-1021&area=2600000&wage=hourly"
    assert links["demand"] == "area=2600000"
    assert links["programs"] == "area=2600000"
    assert links["explore"] == "area=2600000"  # Explore lists every occupation: the area only
    assert links["pathways"] == "area=2600000&wage=hourly"  # a ladder needs several occupations
    assert links["industry"] == "" and links["slides"] == ""
    # a metro area: the In-demand list is a state's, Michigan's for Detroit
    links = _sidebar_links(run("geography", role="11-3051", area="0019820"))
    assert links["demand"] == "area=2600000" and links["occupation"] == "role=11-3051&area=0019820"


def test_profile_shows_its_location_quotient_and_links_to_its_map(run, ds, plain):
    at = run("occupation", role="11-1021", area="MI")
    lq = ds.wages.loc[("11-1021", "2600000"), "location_quotient"]
    assert f"{lq:.2f}" == "0.87"
    line = next(plain(m.value) for m in at.markdown if plain(m.value).startswith("Location quotient in Michigan"))
    assert "Location quotient in Michigan: 0.87 (OEWS May 2025)" in line and "less concentrated" in line
    to_map = [p.proto.query_string for p in at.main.get("page_link") if p.proto.page == "geography"]
    assert to_map == ["role=11-1021&measure=location_quotient&area=2600000"]


def test_explore_view_is_kept_and_a_page_writing_to_it_changes_nothing(ds):
    """occupations.explorer_view keeps Explore's table (with Michigan's projections beside the nation's) for
    the next rerun; what a page does to the copy it gets does not reach the kept one."""
    from dashboard.domain import occupations, projections

    mi = projections.state_of(ds, "2600000")
    table, fallback = occupations.explorer_view(ds, "2600000", None, mi)
    fresh, fresh_fallback = projections.explorer_state_columns(ds, occupations.explorer_table(ds, area="2600000"), mi)
    assert table.equals(fresh) and fallback == fresh_fallback > 0
    row = table.set_index("soc_code").loc["11-3051"]
    assert (row["employment"], row["annual_median"], row["outlook_from"]) == (14_320, 120_660, "state")
    table["title"] = "changed"
    again, _ = occupations.explorer_view(ds, "2600000", None, mi)
    assert again is not table and again["title"].equals(fresh["title"])
    national, none = occupations.explorer_view(ds, "0000000", None, None)
    assert none == 0 and national.equals(occupations.explorer_table(ds))


def test_the_profile_keeps_its_shape_from_the_nation_to_a_state():
    """What a state adds to the profile (a note under the figures, the state's projections beside the nation's)
    sits in places the national profile keeps empty (ui.keep_place), so the sections after them are at the same
    positions: the browser updates them in place when a planner picks a state, rather than building them anew."""

    def positions(query: dict) -> dict[str, int]:
        at = app_test("occupation", query)
        at.run()
        assert not at.exception
        found = {"projections shown": any(h.value.startswith("Projections") for h in at.subheader)}

        def walk(node, path: tuple[int, ...]) -> None:  # each heading's place in the tree (the area's part nests)
            for i, child in getattr(node, "children", {}).items():
                text = getattr(child, "value", None)
                if type(child).__name__ == "Subheader" and isinstance(text, str) and not text.startswith("Projections"):
                    found[text.split(",")[0].split(":")[0]] = (*path, i)
                walk(child, (*path, i))

        walk(at.main, ())
        return found

    nation = positions({"role": "11-3051"})
    assert {"Wage percentiles", "Trend", "Similar roles"} <= nation.keys()
    assert not nation.pop("projections shown")  # the state's projections: only for a state
    for area in ("2600000", "4800000"):  # Michigan, Texas
        state = positions({"role": "11-3051", "area": area})
        assert state.pop("projections shown")
        assert state == nation
