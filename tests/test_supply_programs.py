"""The Programs page's "who graduates in it" (issue 26): IPEDS completers by award level and year, the
institutions, their map and the brief, checked against figures computed here from data/*.csv with pandas."""

from __future__ import annotations

import dataclasses
import io
import json
from functools import cache

import numpy as np
import pandas as pd
import pytest
from downloads import downloads, text

from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.domain import supply
from dashboard.present import supply_charts
from dashboard.present.brief_program import program_brief
from dashboard.present.charts import state_shapes
from tests.apptest import charts_on

HOSTILE = '<img src="http://127.0.0.2:9/i.png"><b>bold</b> **md** $x$'


@cache
def raw() -> tuple[pd.DataFrame, pd.DataFrame, dict[int, str]]:
    """(completions, institutions, award names) read straight from the files, as text then numbers."""
    c = pd.read_csv(DEFAULT_DATA_DIR / "completions.csv.gz", dtype=str)
    for col in ("year", "award_level", "completers"):
        c[col] = c[col].astype(int)
    inst = pd.read_csv(DEFAULT_DATA_DIR / "institutions.csv", dtype=str, keep_default_na=False)
    levels = pd.read_csv(DEFAULT_DATA_DIR / "award_levels.csv", dtype=str)
    return c, inst, dict(zip(levels["award_level"].astype(int), levels["award_name"], strict=True))


def expected(cip: str, column: str | None = None, code: str | None = None, year: int = 2024) -> pd.DataFrame:
    """The program's completion rows in the year, in the area (institutions whose `column` is `code`)."""
    c, inst, _ = raw()
    rows = c[(c["cip_code"] == cip) & (c["year"] == year)]
    if column:
        rows = rows[rows["unitid"].isin(inst.loc[inst[column] == code, "unitid"])]
    return rows


def latest_year() -> int:
    return int(raw()[0]["year"].max())


def test_check_values_from_the_files():
    assert latest_year() == 2024
    us = expected("48.0508")
    assert us["completers"].sum() == 57_762
    assert us.loc[us["award_level"] == 21, "completers"].sum() == 29_707
    mi = expected("52.0205", "state", "2600000")
    assert (mi["completers"].sum(), mi["unitid"].nunique()) == (86, 6)


def _metrics(at, plain) -> dict[str, str]:
    return {plain(m.label): m.value for m in at.metric}


def test_michigan_operations_management_on_the_page(run, plain):
    at = run("programs", cip="52.0205", area="MI")
    rows = expected("52.0205", "state", "2600000")
    nation = expected("52.0205")
    m = _metrics(at, plain)
    assert m["Completers, Michigan, 2023–24"] == f"{rows['completers'].sum():,}" == "86"
    assert m["Institutions awarding it, Michigan, 2023–24"] == f"{rows['unitid'].nunique()}" == "6"
    assert m["Completers, United States, 2023–24"] == f"{nation['completers'].sum():,}"
    assert "Who graduates in it: Michigan, IPEDS 2023–24 awards" in [plain(s.value) for s in at.subheader]
    captions = [plain(c.value) for c in at.caption]
    assert any(c.startswith("86 completers from 6 institutions in Michigan, IPEDS 2023–24 awards.") for c in captions)
    assert any("counted where the institution is" in c for c in captions)  # beside the figure, not only below
    assert any(c.startswith("Completers: NCES IPEDS Completions (first majors)") for c in captions)  # the footer
    table = next(d.value for d in at.dataframe if "Institution" in d.value.columns)
    _, inst, names = raw()
    by = rows.groupby("unitid")["completers"].sum().rename("n").reset_index()
    by = by.merge(inst[["unitid", "name"]], on="unitid").sort_values(["n", "name"], ascending=[False, True])
    assert list(table["IPEDS unit ID"]) == list(by["unitid"])  # largest first, ties by name
    ferris = table.set_index("Institution").loc["Ferris State University"]
    fsu = rows[rows["unitid"] == inst.loc[inst["name"] == "Ferris State University", "unitid"].iloc[0]]
    per_level = fsu.groupby("award_level")["completers"].sum()
    assert ferris["Bachelor's degree"] == per_level[5] == 28
    assert ferris[names[21]] == per_level[21] == 14
    assert ferris["Completers, all levels"] == 42
    assert (ferris["City"], ferris["Sector"]) == ("Big Rapids", "Public, 4-year or above")
    # the occupations table the page had stays the last one with SOC codes
    assert "SOC code" in at.dataframe[0].value.columns


def test_charts_name_year_area_source_and_draw_the_nation_beside(run):
    at = run("programs", cip="48.0508", area="MI")
    specs = [json.loads(c.spec) for c in charts_on(at)]
    # in bold, as Streamlit's theme draws a title (Figure.drawn says so in the figure)
    titles = [s["layout"]["title"]["text"].replace("<br>", " ") for s in specs if "title" in s["layout"]]
    assert all(t.startswith("<b>") and t.endswith("</b>") for t in titles)
    titles = [t[3:-4] for t in titles]
    levels = next(s for s in specs if "completers by award level" in s["layout"]["title"]["text"].replace("<br>", " "))
    title = levels["layout"]["title"]["text"].replace("<br>", " ")
    assert "Michigan and United States, IPEDS 2023–24 awards" in title
    assert "NCES IPEDS Completions" in levels["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    mi = expected("48.0508", "state", "2600000").groupby("award_level")["completers"].sum()
    us = expected("48.0508").groupby("award_level")["completers"].sum()
    area_bar, nation_bar = levels["data"]
    assert (area_bar["name"], nation_bar["name"]) == ("Michigan", "United States")
    names = raw()[2]
    got_us = dict(zip(nation_bar["y"], nation_bar["x"], strict=True))
    assert got_us[names[21]] == us[21] == 29_707
    assert dict(zip(area_bar["y"], area_bar["x"], strict=True))[names[21]] == mi[21]
    assert any(
        "completers a year by award level, Michigan and United States, IPEDS 2019–20 to 2023–24" in t for t in titles
    )
    assert any(t.startswith("Where 48.0508") for t in titles)
    assert all("geo" not in s["layout"] for s in specs)  # the map is drawn on plain axes: nothing fetched


def test_tables_download_as_csv_with_numbers_and_sources():
    at, made = downloads("programs", cip="52.0205", area="MI")
    csv = text(made, "program-52.0205-institutions-2600000.csv")
    head = csv.splitlines()[0]
    assert head.startswith("Institution,City,State,Sector,")
    df = pd.read_csv(io.StringIO(csv))
    ferris = df.set_index("Institution").loc["Ferris State University"]
    assert ferris["Bachelor's degree"] == 28 and ferris["Completers, all levels"] == 42
    assert df["Completers, all levels"].dtype.kind == "i"
    assert "NCES IPEDS Completions (first majors) and Institutional Characteristics" in csv
    assert "Michigan" in csv
    brief = text(made, "program-52.0205-brief.html")
    assert "86 completers from 6 institutions in Michigan, IPEDS 2023–24 awards." in brief
    trend = pd.read_csv(io.StringIO(text(made, "program-52.0205-years-2600000.csv")))
    mi = trend[trend["Area"] == "Michigan"].set_index("Award level")
    c = expected("52.0205", "state", "2600000", 2020)
    assert mi["2019–20"].sum() == c["completers"].sum()
    assert mi["2023–24"].sum() == 86


def test_a_metro_area_works_as_a_state_does(run, plain):
    at = run("programs", cip="52.0205", area="0019820")  # Detroit-Warren-Dearborn
    rows = expected("52.0205", "metro", "0019820")
    m = _metrics(at, plain)
    assert m["Completers, Detroit-Warren-Dearborn, MI, 2023–24"] == f"{rows['completers'].sum():,}"
    table = next(d.value for d in at.dataframe if "Institution" in d.value.columns)
    assert set(table["IPEDS unit ID"]) == set(rows["unitid"])


def test_a_nonmetro_area_says_completions_are_counted_for_states_and_shows_its_state(run, plain):
    at = run("programs", cip="52.0205", area="0100001")
    infos = [plain(i.value) for i in at.info]
    assert any(
        i.startswith("Completions are counted for states and metro areas") and "showing Alabama" in i for i in infos
    )
    rows = expected("52.0205", "state", "0100000")
    assert _metrics(at, plain)["Completers, Alabama, 2023–24"] == f"{rows['completers'].sum():,}"


def test_a_program_not_awarded_in_the_area_names_the_nearest_that_do(run, plain, ds):
    cip = "30.1801"
    assert expected(cip, "state", "2600000").empty  # nobody in Michigan awards it
    at = run("programs", cip=cip, area="MI")
    infos = [plain(i.value) for i in at.info]
    assert any(i.startswith("No institution in Michigan reported completers of 30.1801") for i in infos), infos
    near = [b for b in at.button if b.key.startswith("nearest-")]
    assert len(near) == 3
    for b in near:
        name, n = plain(b.label).split(": ")
        code = ds.areas.index[(ds.areas["area_name"] == name) & (ds.areas["area_type"] == "state")][0]
        assert b.key == f"nearest-{code}"
        assert int(n.split()[0].replace(",", "")) == expected(cip, "state", code)["completers"].sum() > 0
    assert plain(near[0].label).startswith("Ohio: ")  # Michigan's nearest neighbour that awards it
    near[0].click().run()  # opens the program in Ohio, in the address too
    assert (at.query_params["area"], at.query_params["cip"]) == ("3900000", cip)
    assert "Who graduates in it: Ohio, IPEDS 2023–24 awards" in [plain(s.value) for s in at.subheader]


def test_the_map_projection_puts_institutions_inside_their_own_state():
    _, inst, _ = raw()
    inst = inst[(inst["latitude"] != "") & inst["postal"].isin(list(state_shapes()))]
    x, y = supply_charts.albers_usa(inst["longitude"].astype(float), inst["latitude"].astype(float), inst["postal"])
    shapes = state_shapes()

    def inside(px, py, code):
        xs, ys, hit = shapes[code]["x"], shapes[code]["y"], False
        breaks = [-1, *np.flatnonzero(np.isnan(xs)), len(xs)]
        for a, b in zip(breaks, breaks[1:], strict=False):
            rx, ry = xs[a + 1 : b], ys[a + 1 : b]
            if len(rx) < 3:
                continue
            nx, ny = np.roll(rx, -1), np.roll(ry, -1)
            crosses = ((ry > py) != (ny > py)) & (px < (nx - rx) * (py - ry) / np.where(ny == ry, 1e-12, ny - ry) + rx)
            hit ^= bool(crosses.sum() % 2)
        return hit

    hits = [inside(px, py, p) for px, py, p in zip(x, y, inst["postal"], strict=True)]
    assert sum(hits) / len(hits) > 0.99  # the rest sit on coasts the simplified outlines cut
    assert not np.isnan(x).any()
    pr = supply_charts.albers_usa([-66.1], [18.4], ["PR"])  # not on the 50-state map: left off it
    assert np.isnan(pr[0]).all()


def _hostile(ds):
    inst = ds.institutions.copy()
    ferris = inst.index[inst["name"] == "Ferris State University"][0]
    inst.loc[ferris, "name"] = "Ferris " + HOSTILE
    return dataclasses.replace(ds, institutions=inst)


def test_hostile_institution_names_are_text_in_the_map_and_the_brief(ds):
    bad = _hostile(ds)
    full = supply.program_institutions(bad, "52.0205", "2600000")
    fig = supply_charts.institutions_map(full, "institutions", ["MI"], "states")
    # what reaches the browser: the name in customdata, escaped at the last step; no data in the template
    dots = json.loads(json.dumps(fig.plotly().to_dict(), default=str))["data"][-1]
    hover = " ".join(dots["hovertemplate"])
    assert "Ferris" not in hover and "%{customdata[1]}" in hover
    names = " ".join(row[1] for row in dots["customdata"])
    assert "<img" not in names and "<b>bold</b>" not in names and "Ferris &lt;img src=" in names
    html = program_brief(bad, "52.0205", "2600000")
    assert "<img" not in html and "&lt;img src=" in html


def test_the_brief_carries_the_training_section(ds):
    html = program_brief(ds, "52.0205", "2600000", "http://example.org/programs?cip=52.0205&area=2600000")
    assert "<h2>Who graduates in it: Michigan, IPEDS 2023–24 awards</h2>" in html
    assert "86 completers from 6 institutions in Michigan, IPEDS 2023–24 awards." in html
    assert "<td>Ferris State University</td><td>Big Rapids, MI</td>" in html
    assert "14 Certificate, 12 weeks to under 1 year; 28 Bachelor&#x27;s degree" in html
    assert "NCES IPEDS Completions (first majors) and Institutional Characteristics (NCES)" in html
    assert "counted where the institution is" in html
    assert "<script" not in html and "http://example.org/programs" in html
    nation = program_brief(ds, "48.0508")
    assert "57,762 completers from" in nation and "in the United States, IPEDS 2023–24 awards" in nation
    assert '<td class="n">29,707</td>' in nation


@pytest.mark.parametrize("area", ["MI", "0019820", "0100001", "0000000"])
def test_brief_for_every_kind_of_area(ds, area):
    from dashboard.domain.areas import resolve_area

    html = program_brief(ds, "30.1801", resolve_area(ds, area))
    assert "Who graduates in it" in html
    if area == "MI":
        assert "No institution in Michigan reported completers" in html and "Nearest areas that award it: Ohio" in html


@pytest.fixture
def serving(monkeypatch, ds):
    """serving(dataset): the app's store hands that dataset to the pages AppTest runs (same process)."""
    from dashboard.web import store

    def use(other):
        monkeypatch.setattr(store, "dataset", lambda: other)

    return use


def test_a_folder_without_completions_says_so_on_the_page(run, plain, ds, serving):
    serving(dataclasses.replace(ds, completions=None, institutions=None, award_levels=None))
    at = run("programs", cip="52.0205", area="MI")
    assert any(plain(i.value).startswith("This data folder has no IPEDS completions") for i in at.info)
    assert "What it leads to: 8 occupations, wages in Michigan" in [plain(s.value) for s in at.subheader]
    assert not at.metric


def test_a_hostile_institution_name_is_text_on_the_page(run, ds, serving):
    serving(_hostile(ds))
    at = run("programs", cip="52.0205", area="MI")
    table = next(d.value for d in at.dataframe if "Institution" in d.value.columns)
    assert table["Institution"].iloc[0] == "Ferris " + HOSTILE  # a grid cell is text as it is
    spec = next(json.loads(c.spec) for c in charts_on(at) if "Where 52.0205" in c.spec)
    names = " ".join(row[1] for row in spec["data"][-1]["customdata"])
    assert "Ferris &lt;img src=" in names and "<img" not in names and "<b>bold</b>" not in names
