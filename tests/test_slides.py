"""Slide decks: the page's own numbers in native charts, sources and notes on every slide, hostile text as text,
/slides links read with each page's parameters, and every deck opened by LibreOffice Impress."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from downloads import downloads
from pptx import Presentation
from pptx.util import Pt

from dashboard.core.codes import NATIONAL
from dashboard.data.dataset import load
from dashboard.domain import areas, occupations, projections, trends
from dashboard.present import charts, slides
from dashboard.present.slides import TITLE_MAX
from dashboard.web import deck, params
from dashboard.web.pages import page

LESSON = [  # the manufacturing lesson of issue 27
    "/occupation?role=11-3051&area=MI",
    "/trends?role=11-3051&dollars=real",
    "/programs?cip=52.0205&area=MI",
    "/geography?role=11-3051",
]


def read(data: bytes):
    return Presentation(io.BytesIO(data))


def texts(slide) -> list[str]:
    """The slide's texts as read (a range's word joiner, drawn as nothing, left out)."""
    return [seen(s.text_frame.text) for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def seen(t: str) -> str:
    return t.replace(slides.WORD_JOINER, "").replace(slides.NO_BREAK, " ")


def charts_of(prs):
    return [(i, s.chart) for i, sl in enumerate(prs.slides) for s in sl.shapes if s.has_chart]


def csv_frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


def build(ds, *links: str) -> bytes:
    views = [(p, v) for p, v, _ in (deck.read_link(ds, x) for x in links)]
    return deck.build(ds, views)


# --- the figures are the page's -----------------------------------------------------------------------------


def test_trend_deck_has_the_pages_numbers(ds):
    at, made = downloads("trends", role="11-3051", dollars="real")
    page_csv = csv_frame(made["trends.csv"]().decode())
    prs = read(made["slides-trends.pptx"]())
    (i, chart), *_ = charts_of(prs)
    line = next(s for s in chart.plots[0].series if s.name == "Industrial Production Managers (11-3051)")
    years = [int(c) for c in chart.plots[0].categories]
    assert years == list(page_csv["May"])
    median = page_csv["Median (annual, May 2025 dollars)"]
    top = page_csv["Top-coded (≥ bound)"]
    for y, got, want, capped in zip(years, line.values, median, top, strict=True):
        if capped or pd.isna(want):
            assert got is None, y  # a gap or a bound: never joined to the line, never 0
        else:
            assert got == pytest.approx(want), y
    for p, heading in (("90th", "90th percentile"), ("10th", "10th percentile")):
        band = next(s for s in chart.plots[0].series if s.name == f"{p} percentile")
        want = page_csv[f"{heading} (annual, May 2025 dollars)"]
        assert [round(v) for v in band.values if v is not None] == [round(v) for v in want.dropna()]
    slide = prs.slides[i]
    title = texts(slide)[0]
    assert title.startswith("Median annual wage of Industrial Production Managers, May 2013–2025, in May 2025 dollars")
    foot = " ".join(texts(slide))
    assert "CPI-U (CUUR0000SA0)" in foot and "/trends?role=11-3051" in foot
    notes = slide.notes_slide.notes_text_frame.text
    assert trends.paragraph(ds, "11-3051", False) in notes
    assert trends.deflator(ds).note in notes


def test_real_and_nominal_decks_differ_and_say_so(ds):
    real = read(build(ds, "/trends?role=11-3051&dollars=real"))
    nominal = read(build(ds, "/trends?role=11-3051&dollars=nominal"))
    t_real, t_nominal = texts(real.slides[1])[0], texts(nominal.slides[1])[0]
    assert "in May 2025 dollars" in t_real and "as published" in t_nominal
    v_real = [s for s in charts_of(real)[0][1].plots[0].series if "(11-3051)" in s.name][0].values
    v_nom = [s for s in charts_of(nominal)[0][1].plots[0].series if "(11-3051)" in s.name][0].values
    assert v_real[-1] == pytest.approx(v_nom[-1])  # the latest May is its own dollars
    assert v_real[0] > v_nom[0]  # May 2013 restated upwards


def test_profile_deck_has_the_pages_figures(ds, metrics):
    at, made = downloads("occupation", role="11-3051", area="MI")
    shown = metrics(at)
    prs = read(made["slides-occupation.pptx"]())
    title_slide = " ".join(texts(prs.slides[0]))
    assert "Industrial Production Managers (11-3051)" in title_slide and "Michigan" in title_slide
    assert "Source: BLS Occupational Employment and Wage Statistics" in title_slide
    table = next(s.table for s in prs.slides[1].shapes if s.has_table)
    cells = {seen(table.cell(r, 0).text): seen(table.cell(r, 1).text) for r in range(1, len(table.rows))}
    assert cells["Employment, Michigan (OEWS May 2025)"] == shown["Employment (May 2025)"]
    assert cells["Median annual wage, Michigan (OEWS May 2025)"] == shown["Median annual wage (May 2025)"]
    # the page's tiles are Michigan's own (2022–32) with the nation's beside them: the slide has both, Michigan's
    # first (it had the nation's alone, under a title that names Michigan)
    us = f"United States, 2024–34: {cells['Openings a year, national (EP 2024–34)']}"
    assert any(c.value.replace("\\", "").endswith(us) for c in at.caption)
    mi = "Michigan (Projections Central 2022–32)"
    assert cells[f"Projected change, {mi}"] == shown["Projected change 2022–32"]
    assert cells[f"Openings a year, {mi}"] == shown["Openings a year 2022–32"]
    assert list(cells).index(f"Projected change, {mi}") < list(cells).index("Projected change, national (EP 2024–34)")
    assert "Projections Central" in " ".join(texts(prs.slides[1]))  # its source named on the slide
    # the wage percentiles: the same numbers as the chart's CSV, Michigan beside the nation
    wages_csv = csv_frame(made["wages-11-3051.csv"]().decode())
    chart = next(c for i, c in charts_of(prs) if "wage percentiles" in texts(prs.slides[i])[0])
    # its title names both places it sets side by side (it named Michigan alone)
    assert any(
        t[0].endswith("wage percentiles, Michigan and the United States, OEWS May 2025") for t in map(texts, prs.slides)
    )
    for s in chart.plots[0].series:
        assert list(s.values) == list(wages_csv.loc[wages_csv["place"] == s.name, "annual wage"]), s.name
    # the hiring industries: bars in the page's order, top first (PowerPoint draws a list bottom-up)
    hiring = csv_frame(made["hiring-11-3051.csv"]().decode())
    chart = next(c for i, c in charts_of(prs) if "top hiring industries" in texts(prs.slides[i])[0])
    assert list(chart.plots[0].series[0].values)[::-1] == list(hiring["Employment (national)"])
    assert "Michigan" in prs.slides[0].notes_slide.notes_text_frame.text  # the summary read aloud


def test_in_demand_deck_has_the_pages_scores_and_table(ds):
    at, made = downloads("demand", area="MI")
    top = csv_frame(made["in-demand-top-MI.csv"]().decode())
    prs = read(made["slides-demand.pptx"]())
    (i, chart), *_ = charts_of(prs)
    scores = [round(x, 1) for x in list(chart.plots[0].series[0].values)[::-1]]
    assert scores == [round(x, 1) for x in top["Score (0–100)"]]
    assert texts(prs.slides[i])[0] == "In-demand occupations, Michigan: the first 15 by score (2022–32)"
    # the top 15 as a table, split over slides rather than shrunk
    parts = [sl for sl in prs.slides if any(s.has_table for s in sl.shapes) and texts(sl)[0].startswith("In-demand")]
    assert len(parts) >= 2 and "(1 of " in texts(parts[0])[0]
    sizes = [len(_table_cells(sl)) - 1 for sl in parts]  # the rows shared out evenly, no slide of one row
    assert max(sizes) - min(sizes) <= 1 and sum(sizes) == 15, sizes
    names = [
        next(s.table for s in sl.shapes if s.has_table).cell(r, 0).text  # no rank column: the names first
        for sl in parts
        for r in range(1, len(next(s.table for s in sl.shapes if s.has_table).rows))
    ]
    assert names == list(top["Occupation"])
    assert "2022–32" in prs.slides[i].notes_slide.notes_text_frame.text


def test_map_deck_draws_every_state_as_a_shape_filled_by_class(ds):
    prs = read(build(ds, "/geography?role=11-3051"))
    slide = prs.slides[1]
    shapes = {s.name.split()[0]: s for s in slide.shapes if s.shape_type == 5}  # freeform
    outlines = charts.state_shapes()
    assert set(shapes) == set(outlines)
    rank = areas.area_ranking(ds, "11-3051", "annual_median", ("state",))
    low = set(rank.loc[rank["reliability"] == "low reliability", "state"])
    known, capped, start, step, n, colours, groups = charts.map_classes(rank, low)
    for (k, _, lo), codes in groups.items():
        if k >= 0 and not lo:
            for c in codes:
                assert str(shapes[c].fill.fore_color.rgb) == colours[k].lstrip("#").upper(), c
    legend = " ".join(texts(slide))
    assert "not released" in legend and "$" in legend
    assert not any(s.shape_type == 13 for s in slide.shapes)  # no picture of a map
    ranked = charts_of(prs)[0][1]
    d = rank.dropna(subset=["value"]).head(15)
    assert list(ranked.plots[0].series[0].values)[::-1] == list(d["value"])


def test_bubbles_are_named_on_the_chart(ds):
    prs = read(build(ds, "/programs?cip=52.0205&area=MI"))
    (i, chart), *_ = charts_of(prs)
    series = chart.plots[0].series[0]
    names = [series.points[k].data_label.text_frame.text for k in range(len(series.values))]
    assert "Industrial Production Managers" in names and all(names)


def test_wage_ranges_float_from_the_10th_to_the_90th(ds):
    prs = read(build(ds, "/compare?role=11-3051,11-1021,51-1011"))
    (i, chart), *_ = charts_of(prs)
    pieces = [list(s.values)[::-1] for s in chart.plots[0].series]
    table = occupations.compare_table(ds, ["11-3051", "11-1021", "51-1011"], NATIONAL)
    for k, (_, row) in enumerate(table.iterrows()):
        edges = [pieces[0][k]]
        for p in pieces[1:]:
            edges.append(edges[-1] + p[k])
        want = [row[f"annual_{p}"] for p in ("p10", "p25", "median", "p75", "p90")]
        assert edges == pytest.approx(want), row["soc_code"]
    assert chart.plots[0].series[0].format.fill.type == 5  # the first piece is not drawn (background)
    # each median by its bar's whole name (a white label inside the bar was unreadable over a short piece)
    names = [seen(c) for c in chart.plots[0].categories][::-1]
    assert names == [
        f"{t} ({c}) · median ${m:,.0f}"
        for t, c, m in zip(table["title"], table["soc_code"], table["annual_median"], strict=True)
    ]
    assert not any(p.has_text_frame for s in chart.plots[0].series for p in [s.points[0].data_label])


# --- what every slide carries ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lesson(ds) -> bytes:
    return build(ds, *LESSON)


def test_every_slide_has_title_source_link_and_readable_sizes(lesson):
    prs = read(lesson)
    assert prs.slide_width * 9 == prs.slide_height * 16
    for n, slide in enumerate(prs.slides, start=1):
        t = texts(slide)
        assert t and t[0], n
        foot = " ".join(t)
        assert "Source: " in foot, n
        assert re.search(r"/(occupation|trends|programs|geography)\?", foot), n
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    assert r.font.size is None or r.font.size >= Pt(14), (n, r.text)
        first = slide.shapes[0].text_frame.paragraphs[0].runs[0].font.size
        assert first >= Pt(28), n
        for s in slide.shapes:
            if s.has_chart:
                assert s.chart.font.size >= Pt(14)
            if s.has_table:
                assert len(s.table.rows) <= slides.TABLE_ROWS + 1


def test_lesson_link_builds_one_deck_in_order(ds, lesson):
    prs = read(lesson)
    titles = [texts(s)[0] for s in prs.slides]
    starts = [titles.index(t) for t in ("Industrial Production Managers (11-3051)",)]
    assert starts == [0]
    order = [
        t for t in titles if t.startswith(("Industrial Production Managers (", "Median annual wage of", "52.0205"))
    ]
    assert order[0].startswith("Industrial Production Managers (")
    assert any(t.startswith("52.0205 Operations Management") for t in titles)
    assert any("by state" in t for t in titles)


# --- links and bad input ----------------------------------------------------------------------------------------


def test_read_link_uses_each_pages_parameters(ds):
    name, view, problems = deck.read_link(ds, "/occupation?role=11-3051&area=MI")
    assert (name, view.roles, view.area, problems) == ("occupation", ["11-3051"], "2600000", [])
    assert deck.read_link(ds, "/nowhere?role=11-3051")[0] is None
    name, _, problems = deck.read_link(ds, "/trends?role=11-3051&measure=employment")
    assert name is None and "reads no parameter measure" in problems[0]
    assert deck.read_link(ds, "javascript:/trends?role=11-3051")[0] is None
    name, view, problems = deck.read_link(ds, "/trends?role=99-9999")
    assert name == "trends" and problems and "99-9999" in problems[0]


def test_slides_link_round_trips(ds):
    link = params.slides_link(["/trends?role=11-3051", "/occupation?role=11-3051&area=MI"])
    assert link == "/slides?view=%2Ftrends%3Frole%3D11-3051&view=%2Foccupation%3Frole%3D11-3051%26area%3DMI"
    assert "view" in page("slides").params and params.PARAMS["view"].doc


def test_slides_page_builds_the_lesson(run):
    at = run("slides", view=LESSON)
    assert not at.warning
    assert at.subheader[0].value == "4 views"
    buttons = [b for b in at.get("download_button")]
    assert buttons and "4 views" in buttons[0].proto.label


def test_slides_page_cuts_a_long_link_and_refuses_strangers(run):
    at = run("slides", view=["/trends?role=11-3051"] * 50)
    assert any(f"up to {params.MAX_VIEWS} views" in w.value and "50" in w.value for w in at.warning)
    at = run("slides", view=["/evil?x=1", "/trends?role=11-3051&bogus=1", "/trends?role=11-3051"])
    said = " ".join(w.value for w in at.warning)
    assert "not a link to a page of this app" in said and "bogus" in said
    assert at.subheader[0].value == "1 view"


def test_slides_page_without_views_says_how(run):
    at = run("slides")
    assert "Add to slides" in at.info[0].value


def test_add_to_slides_collects_reorders_and_removes(run, plain, ds):
    from dashboard.web import slides_panel

    at = run("trends", role="11-3051")
    at.button(key="add-slides").click().run()
    at.switch_page(page("occupation").script)
    at.query_params["role"] = "11-3051"
    at.run()
    at.button(key="add-slides").click().run()
    assert at.session_state["_slides"] == ["/trends?role=11-3051", "/occupation?role=11-3051"]
    at.sidebar.button(key="slide-up-1").click().run()
    assert at.session_state["_slides"] == ["/occupation?role=11-3051", "/trends?role=11-3051"]
    # each view by its name (the raw links were listed), its buttons named by what they do
    names = [plain(c.value) for c in at.sidebar.caption if plain(c.value)[:3] in ("1. ", "2. ")]
    assert names == [
        "1. Occupation profile: Industrial Production Managers",
        "2. Trends: Industrial Production Managers",
    ]
    assert [b.label for b in at.sidebar.button if b.key.startswith("slide-")] == ["Earlier", "Later", "Remove"] * 2
    # the Slides page writes the collected views into its address: "Bookmark this page's link" now keeps them
    at.switch_page(page("slides").script)
    at.run()
    assert at.query_params["view"] == ["/occupation?role=11-3051", "/trends?role=11-3051"]
    at.switch_page(page("trends").script)
    at.query_params.pop("view")
    at.query_params["role"] = "11-3051"
    at.run()
    at.sidebar.button(key="slide-remove-0").click().run()
    assert at.session_state["_slides"] == ["/trends?role=11-3051"]
    at = run("slides", view=["/occupation?role=29-1141&area=OH", "/programs?cip=48.0508&area=3900000"])
    listed = [plain(m.value) for m in at.markdown if m.value.startswith("1. [")][0]
    assert "1. [Occupation profile: Registered Nurses, Ohio](/occupation?role=29-1141&area=3900000)" in listed
    assert "2. [Programs: 48.0508 Welding Technology/Welder, Ohio](/programs?cip=48.0508&area=3900000)" in listed
    assert slides_panel.link_name(ds, "/industry?industry=31--34") == "Industry: Manufacturing"  # as the app names it
    six = "/app/compare?role=11-3051,51-1011,11-1021,47-2111,29-1141,53-3032&area=2600000"  # served under /app
    assert (
        slides_panel.link_name(ds, six)
        == (
            "Compare: Industrial Production Managers, First-Line Supervisors of Production and Operating Workers, "
            "General and Operations Managers and 3 more, Michigan"
        )[:119]
        + "…"
    )


def test_hostile_text_lands_as_plain_text(hostile_data):
    hostile = load(hostile_data)
    prs = read(build(hostile, "/occupation?role=11-3051&area=MI", "/compare?role=11-3051,51-1011,11-1021"))
    every = [t for s in prs.slides for t in texts(s)]
    assert any('<img src="http://127.0.0.2:9/i.png">' in t for t in every)  # the very characters, not markup
    assert not any("\u202e" in t for t in every)  # bidi controls dropped
    for s in prs.slides:
        assert len(texts(s)[0]) <= TITLE_MAX
    long = read(build(hostile, "/occupation?role=11-1021"))
    assert texts(long.slides[0])[0].endswith("…")
    assert slides.text("a\x00b\u202ec\nd", 10) == "abc d"


def test_a_view_with_nothing_to_show_is_a_title_slide(ds):
    prs = read(build(ds, "/compare?role=11-3051"))
    assert len(prs.slides) == 1 and "choose" in prs.slides[0].notes_slide.notes_text_frame.text


def test_a_ten_view_deck_has_every_view_in_order(ds):
    """The ten views benchmarks/slides.py times (speed is measured there, not here): each view's title slide,
    in the order of the link."""
    from benchmarks.slides import TEN

    prs = read(build(ds, *TEN))
    titles = [texts(s)[0] for s in prs.slides]
    firsts = [deck.deck_of(ds, p, v).title for p, v, _ in (deck.read_link(ds, x) for x in TEN)]
    at = [titles.index(t) for t in firsts]
    assert at == sorted(at) and len(set(at)) == 10, (firsts, titles)


# --- opened by a real presentation program ------------------------------------------------------------------------


def _pdf(data: bytes, folder: Path) -> Path:
    """The deck converted by LibreOffice Impress (headless), with a profile of its own so runs do not collide."""
    src = folder / "deck.pptx"
    src.write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / "deck.pdf"


def _words(s: str) -> str:
    """Text without its spaces and line breaks: LibreOffice may break a line inside "11-3051"."""
    return re.sub(r"\s+", "", seen(s))


@pytest.mark.parametrize(
    "links",
    [
        ["/occupation?role=11-3051&area=MI"],
        ["/trends?role=11-3051&dollars=real"],
        ["/geography?role=11-3051"],
        ["/demand?area=MI"],
        ["/occupation?role=11-3051&area=MI", "/trends?role=11-3051", "/programs?cip=52.0205&area=MI"],
    ],
    ids=["profile", "trends", "map", "in-demand", "three-views"],
)
def test_libreoffice_opens_every_slide(ds, tmp_path, links):
    from PIL import Image

    data = build(ds, *links)
    prs = read(data)
    pdf = _pdf(data, tmp_path)
    pages = int(
        re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout)[1]
    )
    assert pages == len(prs.slides)
    for n, slide in enumerate(prs.slides, start=1):
        got = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        want = _words(texts(slide)[0])
        assert _words(want[:40]) in _words(got), (n, want)
        png = tmp_path / f"p{n}"
        subprocess.run(["pdftoppm", "-f", str(n), "-l", str(n), "-r", "20", "-gray", "-png", str(pdf), str(png)],
                       check=True)  # fmt: skip
        image = Image.open(next(tmp_path.glob(f"p{n}*.png"))).convert("L")
        dark = image.point(lambda px: 255 if px < 200 else 0).histogram()[255]
        assert dark > 0.01 * image.width * image.height, (n, "the page is blank")
    assert projections.available(ds)


def test_libreoffice_breaks_no_table_heading_inside_a_word(ds, tmp_path):
    """A narrow column's heading wrapped inside its word in LibreOffice ("Complete" over "rs", the institutions
    that award a program): every heading word of a table slide is drawn whole, as one word of the page's text."""
    data = build(ds, *LESSON, "/demand?area=MI")
    prs = read(data)
    pdf = _pdf(data, tmp_path)
    checked = 0
    for n, slide in enumerate(prs.slides, start=1):
        if not any(s.has_table for s in slide.shapes):
            continue
        got = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout.split()
        got = [seen(t) for t in got]
        for heading in _table_cells(slide)[0]:
            for word in re.split(r"\s+|(?<=[–-])", heading):  # a line may end after a space or a dash
                if 0 < len(word) <= slides.HEAD_WORD_MAX:
                    assert any(word in token for token in got), (n, heading, word)
                    checked += 1
    assert checked > 20
    # a range of years in a title or a heading stays on one line ("IPEDS 2023–" over "24" before)
    ranges = 0
    for n, slide in enumerate(prs.slides, start=1):
        page = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        for r in re.findall(r"\d+–\d+", " ".join(texts(slide)[:1] + sum(_tables(slide), []))):
            assert r in page, (n, r)
            ranges += 1
    assert ranges > 20
    # a table's note (the caveat beside completers per opening) ends above the slide's source line, not over it
    for n, slide in enumerate(prs.slides, start=1):
        note = next((t for t in texts(slide) if t.startswith("Read this as a rough signal")), None)
        if note is None:
            continue
        bbox = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-bbox", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        words = [
            (w, float(y0), float(y1)) for y0, y1, w in re.findall(r'yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)<', bbox)
        ]
        last = max(y1 for w, _, y1 in words if w == "elsewhere.")
        foot = min(y0 for w, y0, _ in words if w == "Source:")
        assert last < foot, (n, last, foot)
        checked += 1
    assert any(w == "Completers" for s in prs.slides if any(x.has_table for x in s.shapes) for w in _table_cells(s)[0])


# --- who is trained for it (IPEDS): the profile's and the program's figures -------------------------------


def _tables(slide) -> list[list[str]]:
    """The headings of the slide's table, if it has one."""
    return [_table_cells(slide)[0]] if any(s.has_table for s in slide.shapes) else []


def _table_cells(slide) -> list[list[str]]:
    table = next(s.table for s in slide.shapes if s.has_table)
    return [[seen(c.text) for c in row.cells] for row in table.rows]


def test_profile_deck_sets_completers_beside_openings_with_the_caveat_on_the_slide(ds):
    from dashboard.domain import supply
    from dashboard.words import supply as words

    prs = read(build(ds, "/occupation?role=51-4121&area=MI"))
    slide = next(s for s in prs.slides if "where people train for it, Michigan" in texts(s)[0])
    levels = supply.default_levels(ds, "51-4121")
    completers = supply.related_completers(ds, "51-4121", "2600000", levels)
    openings = projections.state_row(ds, "2600000", "51-4121")["openings_annual"]
    other = supply.related_completers(ds, "51-4121", "2600000", supply.ALL_LEVELS) - completers  # a bachelor's
    assert _table_cells(slide)[1:] == [
        ["Completers of related programs, IPEDS 2023–24 awards", f"{completers:,}"],
        ["Openings a year, Projections Central 2022–32", f"{int(openings):,}"],
        ["Completers per annual opening", f"{completers / openings:,.2f}"],
        ["Completers at other award levels, not counted, IPEDS 2023–24 awards", f"{other:,}"],
    ]
    assert (completers, int(openings), other) == (687, 1350, 5)
    said = slide.notes_slide.notes_text_frame.text  # which levels, by name; no control to choose in a deck
    assert "Not counted, at other award levels in Michigan: Bachelor's degree 5." in said and "Choose them" not in said
    assert words.comparison_caveat() in texts(slide)  # on the slide, not only in the notes
    foot = " ".join(texts(slide))
    assert "IPEDS Completions" in foot and "Projections Central" in foot
    assert words.where_counted() in slide.notes_slide.notes_text_frame.text


def test_program_deck_has_completers_by_level_and_the_institutions(ds):
    prs = read(build(ds, "/programs?cip=52.0205&area=MI"))
    (_, chart), *_ = [(i, c) for i, c in charts_of(prs) if "by award level" in texts(prs.slides[i])[0]]
    got = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True))
    got = {seen(k): v for k, v in got.items()}  # a few bars: each name whole (it was cut "…to under 1…")
    assert got == {"Certificate, 12 weeks to under 1 year": 14, "Bachelor's degree": 64, "Master's degree": 8}
    inst = next(s for s in prs.slides if texts(s)[0].startswith("Institutions in Michigan that award 52.0205"))
    rows = _table_cells(inst)
    assert rows[1] == ["Ferris State University", "Big Rapids", "Public, 4-year or above", "42"]
    assert sum(int(r[3]) for r in rows[1:]) == 86


def test_compare_deck_has_the_pages_employment_index(ds):
    at, made = downloads("compare", role="11-3051,11-1021,51-1011")
    page_csv = csv_frame(made["compare-trend.csv"]().decode("utf-8-sig"))
    prs = read(made["slides-compare.pptx"]())
    (i, chart), *_ = [(i, c) for i, c in charts_of(prs) if texts(prs.slides[i])[0].startswith("Employment as an index")]
    heading = next(c for c in page_csv.columns if c.startswith("Employment index, May"))
    assert heading.endswith("2015 = 100") and "May 2015 = 100" in texts(prs.slides[i])[0]
    years = [int(y) for y in chart.plots[0].categories]
    for s in chart.plots[0].series:
        soc = s.name[-8:-1]
        want = page_csv[page_csv["SOC code"] == soc].set_index("May")[heading]
        got = dict(zip(years, s.values, strict=True))
        assert {y: v for y, v in got.items() if v is not None} == pytest.approx(want.dropna().to_dict()), soc


def test_pathway_deck_has_what_to_learn_at_each_step(ds):
    at, made = downloads("pathways", pathway="supply-chain")
    page_csv = csv_frame(made["pathway-skills.csv"]().decode("utf-8-sig"))
    prs = read(made["slides-pathways.pptx"]())
    slides_ = [s for s in prs.slides if "what to learn at each step" in texts(s)[0]]
    rows = [r for s in slides_ for r in _table_cells(s)[1:]]
    assert [r[1] for r in rows] == list(page_csv["Skill or knowledge"])
    assert [float(r[5]) for r in rows] == pytest.approx(list(page_csv["Rise (levels)"]), abs=0.005)
    assert "O*NET" in " ".join(texts(slides_[0]))


def test_demand_deck_keeps_the_shortfall_filter_the_sort_and_the_caveat(ds):
    from dashboard.words import supply as words

    at, made = downloads("demand", area="MI", shortfall="2", sort="per_opening")
    page_csv = csv_frame(made["in-demand-MI-growth-above-0-short-2.csv"]().decode("utf-8-sig"))  # the filters
    assert set(page_csv["Training may fall short"]) == {"yes"}
    prs = read(made["slides-demand.pptx"]())
    table_slides = [s for s in prs.slides if "by fewest completers per opening" in texts(s)[0]]
    # the filter is named on every slide of the list (a board read a filtered list as the state's overall list)
    title = "In-demand occupations, Michigan (2022–32): 15 by fewest completers per opening (training may fall short)"
    assert all(texts(s)[0].startswith(title) for s in table_slides), [texts(s)[0] for s in table_slides]
    assert "Filters: training may fall short (openings at least 2 × related completers)." in (
        table_slides[0].notes_slide.notes_text_frame.text
    )
    assert texts(prs.slides[0])[1].startswith("Michigan · filters: training may fall short")
    # fifteen rows on at most five slides (they took eleven of one or two rows), each titled whole
    assert 2 <= len(table_slides) <= 5 and texts(table_slides[0])[0].endswith(f"(1 of {len(table_slides)})")
    rows = [r for s in table_slides for r in _table_cells(s)[1:]]
    heads = _table_cells(table_slides[0])[0]
    assert heads[-1].startswith("Completers per opening") and heads[-2].startswith("Completers of related programs")
    cut = slides.CELL_MAX - 1  # a cell longer than the layout holds ends in "…"
    assert [r[0][:cut].rstrip("…") for r in rows] == [t[:cut].rstrip() for t in page_csv["Occupation"].head(len(rows))]
    assert words.comparison_caveat() in texts(table_slides[0])
    # each heading once (the completers' columns were listed twice and the wage ratio dropped), the wage's there
    assert len(set(heads)) == len(heads), heads
    assert heads[4] == "Median annual wage, Michigan, May 2025" and len(rows) == 15


def test_demand_deck_has_the_ranks_higher_than_the_nation(ds):
    from dashboard.domain import demand

    prs = read(build(ds, "/demand?area=MI"))
    slide = next(s for s in prs.slides if texts(s)[0].startswith("Ranks much higher in Michigan than in the nation"))
    rows = _table_cells(slide)[1:]
    want = demand.versus_nation(ds, "2600000", demand.DEFAULT_WEIGHTS)
    assert [r[4] for r in rows] == list(want["soc_code"]) and len(rows) > 0
    assert [int(r[3].replace(",", "")) for r in rows] == [int(x) for x in want["places_higher"]]


def test_skills_slide_keeps_the_two_scales_apart(ds):
    """Importance (1–5) and the level required (0–7) were bars on one axis, so a level of 4.38 of 7 looked larger
    than an importance of 4.12 of 5; the slide is now a table of both, as the page's data behind its two panels."""
    from dashboard.domain import onet

    prs = read(build(ds, "/occupation?role=29-1141&area=OH"))
    slide = next(s for s in prs.slides if "most important skills" in texts(s)[0])
    assert not any(s.has_chart for s in slide.shapes)
    rows = _table_cells(slide)
    assert rows[0] == ["Skill", "Importance (1–5)", "Level required (0–7)"]
    skills = onet.content(ds, "29-1141").skills
    assert [r[0] for r in rows[1:]] == list(skills["element"])
    assert [float(r[1]) for r in rows[1:]] == pytest.approx(list(skills["importance"]), abs=0.005)
    levels = [None if r[2] == "not shown" else float(r[2]) for r in rows[1:]]
    assert levels == [None if pd.isna(x) else pytest.approx(x, abs=0.005) for x in skills["level"]]


def test_a_long_title_keeps_its_release_and_a_split_table_its_count(ds):
    """ "…the first 15 states ranked, OEWS May 2…" lost the release, and a split table's title "(1 o…" its count:
    the occupation's name is cut instead."""
    prs = read(build(ds, "/geography?role=49-9021&area=TX"))
    titles = [texts(s)[0] for s in list(prs.slides)[1:]]
    ranked = next(t for t in titles if "states ranked" in t)
    assert ranked.startswith("Heating, Air Conditioning, and Refrigeration Mechanics") and "…: median" in ranked
    assert ranked.endswith(", OEWS May 2025") and len(ranked) <= slides.TITLE_MAX
    assert slides._numbered("x" * 200, 1, 11).endswith("… (1 of 11)")


def test_every_table_is_drawn_at_the_size_it_was_fitted_at(ds):
    """A table that fits one slide only at 14 pt came back unsized and was drawn at 16 over its slide's foot
    (Michigan's projections beside the nation's, eight rows)."""
    for link in ("/occupation?role=29-1141&area=MI", "/programs?cip=52.0205&area=MI"):
        page_, view, _ = deck.read_link(ds, link)
        made = {"occupation": deck.occupation, "programs": deck.programs}[page_](ds, view)
        for s in made.slides:
            if isinstance(s.body, slides.Table):
                parts = slides._pages(s)
                assert all(p.body.pt in (slides.TABLE_PT, slides.LABEL_PT) for p in parts), s.title


def test_two_lines_ending_at_one_value_label_it_above_and_below(ds):
    """The profile deck's wage trend: as published and in May 2025 dollars end at the same value in May 2025,
    and their two "$98,100" labels printed on top of each other."""
    from pptx.enum.chart import XL_LABEL_POSITION

    prs = read(build(ds, "/occupation?role=29-1292&area=CA"))
    chart = next(c for i, c in charts_of(prs) if texts(prs.slides[i])[0].startswith("Median annual wage of"))
    ends = []
    for series in chart.plots[0].series:
        last = len(list(series.values)) - 1
        label = series.points[last].data_label
        if label.has_text_frame and label.text_frame.text:
            ends.append((seen(label.text_frame.text), label.position))
    assert len(ends) == 2 and ends[0][0] == ends[1][0], ends  # the same figure, May 2025
    assert {p for _, p in ends} == {XL_LABEL_POSITION.ABOVE, XL_LABEL_POSITION.BELOW}, ends
