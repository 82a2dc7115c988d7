"""Presenter view on a 1920x1080 projector (issue 29): every section, charts that fit one screen, named bubbles."""

import itertools
import re

import pytest
from playwright.sync_api import expect
from test_browser import browser, drawn, server, show_charts  # noqa: F401 (fixtures)

from dashboard.domain import onet as onet_

pytestmark = pytest.mark.browser
SCREEN = {"width": 1920, "height": 1080}

# every chart on the page: its box, the smallest axis and legend type, each drawn line's width and dashes
CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(c => c.offsetParent).map(c => {
  const box = c.getBoundingClientRect();
  const px = sel => [...c.querySelectorAll(sel)].map(t => parseFloat(getComputedStyle(t).fontSize));
  return {
    height: box.height,
    title: c.querySelector('.gtitle')?.textContent || '',
    ticks: Math.min(...px('.xtick text, .ytick text')),
    axisTitles: Math.min(...px('.xtitle, .ytitle')),
    legend: Math.min(...px('.legendtext')),
    lines: [...c.querySelectorAll('.scatterlayer .trace .js-line')]
      .map(l => ({width: parseFloat(l.style.strokeWidth), dash: l.style.strokeDasharray || ''})),
  };
})"""


@pytest.fixture(scope="module")
def screen(browser):  # noqa: F811
    ctx = browser.new_context(viewport=SCREEN)
    ctx.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*"), lambda route: route.abort())
    pg = ctx.new_page()
    yield pg
    ctx.close()


def _open(pg, url: str) -> None:
    """Open the page and scroll through its charts (each is drawn when it comes into view)."""
    pg.goto(url)
    expect(pg.locator("h1").first).to_be_visible(timeout=30_000)
    drawn(pg)
    if pg.locator(".wo-chart").count():
        show_charts(pg)
        drawn(pg)


def _section_text(pg, heading: str) -> str:
    """The visible text between a subheading and the next one (an element hidden by presenter view's CSS is
    not in innerText)."""
    return pg.evaluate(
        """h => {
        const all = [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stVerticalBlock'] > *")];
        // the heading's own element (the last match: a section that reruns alone, ui.section, wraps the heading
        // and its content in a container that comes first)
        const start = all.findLastIndex(e => e.querySelector('h2, h3')?.textContent.trim() === h);
        if (start < 0) return null;
        let text = '';
        for (const e of all.slice(start + 1)) {
          if (e.querySelector('h2, h3')) break;
          text += e.innerText + '\\n';
        }
        return text;
      }""",
        heading,
    )


@pytest.mark.parametrize("soc", ["51-4041", "49-1011"])
def test_presenter_view_lists_every_program(screen, server, ds, soc):  # noqa: F811
    """The profile's "Programs that lead here" lists every program in presenter view (only its caption
    showed: links and expanders are hidden there), as the normal view does."""
    programs = onet_.content(ds, soc).programs
    assert len(programs) >= 2
    _open(screen, f"{server}/occupation?role={soc}&present=1")
    text = _section_text(screen, "Programs that lead here")
    assert text is not None
    for cip, title in zip(programs["cip_code"], programs["title"], strict=True):
        assert f"{cip} {title}" in text, (cip, text)
        expect(screen.get_by_text(f"{cip} {title}", exact=True)).to_be_visible()


def test_presenter_view_keeps_every_section_of_the_profile(screen, server):  # noqa: F811
    """Every subheading of the normal profile is in the presenter view, each with visible content under it."""
    url = f"{server}/occupation?role=49-1011"
    _open(screen, url)
    headings = screen.locator("[data-testid='stMain'] h2, [data-testid='stMain'] h3").all_inner_texts()
    assert "Programs that lead here" in headings
    _open(screen, url + "&present=1")
    shown = screen.locator("[data-testid='stMain'] h2, [data-testid='stMain'] h3").all_inner_texts()
    assert [h for h in headings if h not in shown] == []
    empty = [h for h in shown if (_section_text(screen, h) or "").strip() == ""]
    assert empty == [], empty


@pytest.mark.parametrize(
    "url",
    [
        "/trends?role=11-3051,15-1252&present=1",
        "/compare?role=11-3051,11-1021,51-1011&present=1",
        "/occupation?role=11-3051&present=1",
        "/programs?cip=48.0501&present=1",
    ],
)
def test_presenter_charts_fit_one_screen_with_large_type(screen, server, url):  # noqa: F811
    """Each chart (title, source, legend and plot) fits a 1080 px screen; ticks, axis titles and legend are
    at least 18 px; a projection line is as heavy as the observed ones."""
    _open(screen, server + url)
    charts = screen.evaluate(CHARTS)
    assert charts
    for c in charts:
        assert c["height"] <= SCREEN["height"] - 60, c  # with the page's padding above it, on one screen
        assert c["ticks"] >= 18, c
        assert c["axisTitles"] is None or c["axisTitles"] >= 18, c
        if c["legend"] is not None:
            assert c["legend"] >= 18, c
        heaviest = max((line["width"] for line in c["lines"]), default=0)
        assert all(line["width"] >= heaviest for line in c["lines"] if line["width"] > 0), c


def test_projected_lines_are_as_heavy_as_the_rest_on_trends(screen, server):  # noqa: F811
    """The EP vintages chart: the projected segments (dashed) are as wide as the base-year line."""
    _open(screen, f"{server}/trends?role=11-3051&present=1")
    charts = screen.evaluate(CHARTS)
    vintages = [c for c in charts if any(line["dash"] for line in c["lines"])]
    assert vintages, charts
    for c in vintages:
        widths = {line["width"] for line in c["lines"]}
        assert min(widths) >= 3, c


def test_a_small_bubble_is_a_visible_named_disc(screen, server):  # noqa: F811
    """/programs?cip=01.8110: Animal Scientists (few openings beside Health Specialties Teachers) is drawn at
    least 10 px across, with its name on screen (it was a 2 px dot, unnamed)."""
    _open(screen, f"{server}/programs?cip=01.8110")
    chart = screen.locator(".js-plotly-plot").first
    expect(chart.locator(".textpoint", has_text="Animal Scientists")).to_be_visible()
    widths = chart.evaluate(
        "c => [...c.querySelectorAll('.scatterlayer .point')].map(p => p.getBoundingClientRect().width)"
    )
    assert len(widths) == 3 and min(widths) >= 10, widths


CUT = """() => [...document.querySelectorAll("[data-testid='stMetricValue'], [data-testid='stMetricDelta']")]
  .flatMap(e => [e, ...e.querySelectorAll('*')]).filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent)"""


@pytest.mark.parametrize("url", ["/pathways?area=OH&present=1", "/occupation?role=29-1141&area=OH&present=1"])
def test_figures_are_whole_in_presenter_view_on_an_old_projector(browser, server, url):  # noqa: F811
    """At 1024x768 the ladder's wages read "$45,…" and "$10…" ($109,340), its changes "+$26,440 (…", the profile's
    "+2.4 pts vs 1.0% …": each figure is now set as large as its column allows, and its change wraps."""
    ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    pg = ctx.new_page()
    _open(pg, server + url)
    values = pg.locator("[data-testid='stMetricValue']")
    assert values.count() >= 4
    assert pg.evaluate(CUT) == []
    sizes = [float(pg.evaluate("e => parseFloat(getComputedStyle(e).fontSize)", v)) for v in values.element_handles()]
    assert min(sizes) >= 24, sizes  # larger than the body type of the normal view, for the back row
    ctx.close()


LABELS = """c => [...c.querySelectorAll('.bartext')].map(t => {
  const b = t.getBoundingClientRect(); return {left: b.left, right: b.right, text: t.textContent};
}).sort((a, b) => a.left - b.left)"""


def test_the_area_and_the_nation_read_as_two_wages_on_an_old_projector(browser, server):  # noqa: F811
    """At 1024x768 each percentile's two labels, shrunk to their bars' width, touched and read as one figure
    ("$79,200$80,330"); a gap between the area's bar and the nation's keeps them apart."""
    ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    pg = ctx.new_page()
    _open(pg, f"{server}/occupation?role=29-1141&area=OH&present=1")
    chart = pg.locator(".js-plotly-plot").filter(has_text="percentile").first
    labels = chart.evaluate(LABELS)
    assert [x["text"] for x in labels][:4] == ["$66,980", "$68,940", "$79,200", "$80,330"], labels
    gaps = [b["left"] - a["right"] for a, b in itertools.pairwise(labels)]
    assert len(gaps) == 9 and min(gaps) >= 3, gaps
    ctx.close()


PLOT = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(c => c.offsetParent).map(c => {
  const plot = c.querySelector('.nsewdrag').getBoundingClientRect();
  const title = c.querySelector('.xtitle')?.getBoundingClientRect();
  const legend = c.querySelector('.legend')?.getBoundingClientRect();
  return {plot: plot.height, titleBottom: title ? title.bottom : null, legendTop: legend ? legend.top : null};
})"""


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_explore_s_bubbles_keep_their_plot_in_presenter_view(browser, server, size):  # noqa: F811
    """/?area=CA&present=1: the 22 groups' legend at projector type squeezed the plot to 85 px and lay over
    the x axis's title. The plot keeps 480 px, and the legend starts below the axis's title."""
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = ctx.new_page()
    _open(pg, f"{server}/?area=CA&present=1")
    chart = pg.evaluate(PLOT)[0]
    assert chart["plot"] >= 440, chart
    assert chart["legendTop"] >= chart["titleBottom"], chart
    ctx.close()


CROWDED = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(c => c.offsetParent).map(c => {
  const box = c.getBoundingClientRect();
  const shown = sel => [...c.querySelectorAll(sel)].filter(t => t.textContent.trim())
    .map(t => ({t: t.textContent, b: t.getBoundingClientRect()})).filter(x => x.b.width > 0);
  const past = shown('text').filter(x => x.b.right > box.right + 1 || x.b.left < box.left - 1).map(x => x.t);
  const names = shown('.ytick text');
  const over = [];
  names.forEach((a, i) => names.slice(i + 1).forEach(d => {
    if (!(a.b.right <= d.b.left || d.b.right <= a.b.left || a.b.bottom <= d.b.top || d.b.bottom <= a.b.top))
      over.push(a.t + ' / ' + d.t);
  }));
  const legend = c._fullLayout.legend;  // a legend taller than its box scrolls: its last rows are hidden
  const hidden = legend && legend._effHeight < legend._height - 1;
  return {title: c.querySelector('.gtitle')?.textContent || '', past, over, hidden};
}).filter(c => c.past.length || c.over.length || c.hidden)"""


@pytest.mark.parametrize(
    "url",
    [
        "/occupation?role=29-1292&area=CA&present=1",
        "/demand?area=TX&education=middle-skill&present=1",
        "/industry?industry=23--24&present=1",
        "/programs?cip=12.0503&area=AZ&present=1",
    ],
)
def test_nothing_is_cut_or_crowded_on_an_old_projector(browser, server, url):  # noqa: F811
    """At 1024x768: the profile's industry charts in half the screen cut "$102,34" and their source line; the
    in-demand list's names lay over each other; a legend under the plot hid its rows behind a scroll bar."""
    ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    pg = ctx.new_page()
    _open(pg, server + url)
    assert pg.locator(".js-plotly-plot").count() >= 1
    assert pg.evaluate(CROWDED) == []
    ctx.close()
