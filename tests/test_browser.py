"""Playwright driving Debian's Chromium against `workforce-outlook serve` on a free local port."""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from playwright.sync_api import expect, sync_playwright

from benchmarks.browser_trace import COUNT_COMMITS
from benchmarks.common import free_port, is_running, pick, run_over, stop, wait_ready
from dashboard.present.brief import INDUSTRIES_SHOWN as BRIEF_INDUSTRIES
from dashboard.web.pages import ICON, ICON_FILE

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"  # npm ci --prefix tests
REPO = Path(__file__).resolve().parent.parent
PAGES = [
    "/",
    "/occupation?role=11-3051&area=MI",
    "/industry?industry=31--34",
    "/geography?role=11-3051&measure=annual_median&area=MI",
    "/compare?role=11-3051,11-1021,51-1011",
    "/pathways?pathway=manufacturing-management",
    "/demand?area=MI",
    "/trends?role=11-3051,15-1252",
    "/programs?cip=52.0205&area=MI",
]


SERVER_LOGS: dict[str, Path] = {}  # each server's log (serve): what it wrote during a failed test is in its report


def serve(command: list[str], flag: str = "--", env: dict[str, str] | None = None):
    """Start a server on a free local port from the repository root; yield its address.
    flag: "--" for `workforce-outlook serve`, "--server." for `streamlit run`. Its output goes to a log
    file in tests/artifacts (a pipe nobody reads would stall a talkative server)."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"server-{port}.log", "w+b")  # closed below, after the server stops
    proc = subprocess.Popen(
        [*command, f"{flag}port", str(port), f"{flag}address", "127.0.0.1"],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    SERVER_LOGS[url] = Path(log.name)
    try:
        try:
            wait_ready([url], proc, 60, Path(log.name))
        except RuntimeError as e:
            pytest.fail(f"server did not start: {e}")
        yield url
    finally:
        stop(proc, 10)
        log.close()


@pytest.fixture(scope="module")
def server():
    yield from serve([sys.executable, "-m", "dashboard.serving.cli", "serve"])


@pytest.fixture(scope="module")
def export_server():
    """tests/apps/chart_export.py: one chart given a title and a source through ui.chart_with_table."""
    app = REPO / "tests" / "apps" / "chart_export.py"
    yield from serve([sys.executable, "-m", "streamlit", "run", str(app)], "--server.")


@pytest.fixture(scope="module")
def twins_server(tmp_path_factory):
    """tests/apps/theme_twins.py, each chart with Streamlit's theme applied by Streamlit, then written in; beside
    a copy of the app's settings, whose theme Streamlit's chart theme reads (from the script's folder)."""
    folder = tmp_path_factory.mktemp("twins")
    shutil.copy(REPO / "tests" / "apps" / "theme_twins.py", folder)
    shutil.copytree(REPO / "dashboard" / ".streamlit", folder / ".streamlit")
    yield from serve([sys.executable, "-m", "streamlit", "run", str(folder / "theme_twins.py")], "--server.")


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, server, request):
    log = SERVER_LOGS[server]
    request.node.server_log = (log, log.stat().st_size)  # conftest: its lines from here go in a failure's report
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    # nothing may leave this machine: every request outside localhost is refused
    ctx.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*"), lambda route: route.abort())
    pg = ctx.new_page()
    pg.base = server
    yield pg
    ctx.close()


def main_text(pg) -> str:
    return pg.locator("section.stMain, [data-testid='stMain']").first.inner_text()


def shot(pg, name: str, height: int = 1100) -> None:
    """A screenshot for review only, in tests/artifacts (README images: readme_shot)."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = pg.viewport_size
    pg.set_viewport_size({"width": size["width"], "height": height})
    drawn(pg)  # charts re-lay out to the new size
    pg.screenshot(path=ARTIFACTS / f"{name}.png")
    pg.set_viewport_size(size)


# Every page has fully drawn: fonts loaded, its run over (the app's script state: the "Running…" icon shows only
# after half a second of a run), no stale or placeholder element, every chart element's box built (its code runs
# after the element arrives, even after the run is over), and every chart in view painted by plotly (a chart is drawn
# when it comes into view: dashboard/assets/chart.js; show_charts scrolls to each).
DRAWN = """() => document.fonts.status === 'loaded'
  && document.querySelector("[data-testid='stApp']")?.dataset.testScriptState === 'notRunning'
  && !document.querySelector("[data-testid='stStatusWidgetRunningIcon'], [data-stale='true'], [data-testid='stSkeleton']")
  && [...document.querySelectorAll(".stBidiComponentRegular")].every(c => c.querySelector(":scope > .wo-chart"))
  && [...document.querySelectorAll(".wo-chart")].filter(c => {
       const r = c.getBoundingClientRect();
       return c.offsetParent && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
     }).every(c => c.querySelector('.js-plotly-plot .main-svg .trace'))
  && [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stDataFrame']")].filter(d => d.offsetParent)
       .every(d => d.querySelector(".dvn-scroller, [style*='--gdg-base-font-style']"))"""

# Plotly's last layout has happened: every chart's size and the page's height are the same at three
# checks in a row (100 ms apart). Plotly re-lays out a chart after a resize without any event to wait
# for, so a steady layout is the condition (the page drawn first: DRAWN).
STEADY = """() => {
  const now = JSON.stringify([document.body.scrollHeight, ...[...document.querySelectorAll('.js-plotly-plot .main-svg')]
    .map(s => [s.getAttribute('width'), s.getAttribute('height'), s.querySelectorAll('.trace').length])]);
  window.__steady = window.__layout === now ? (window.__steady || 0) + 1 : 0;
  window.__layout = now;
  return window.__steady >= 3;
}"""


def show_charts(pg, timeout: float = 30_000) -> None:
    """Scroll to each chart on the page in turn, as a reader does, and wait until plotly has drawn it (a chart is
    drawn when it comes into view), then back to the top."""
    charts = pg.locator(".wo-chart")
    expect(charts.first).to_be_attached(timeout=timeout)
    pg.wait_for_function(DRAWN, timeout=timeout)  # the run has ended: each chart has its latest figure
    for i in range(charts.count()):
        chart = charts.nth(i)
        if not chart.evaluate("b => !!b.offsetParent"):  # in a closed expander or tab
            continue
        chart.scroll_into_view_if_needed()
        # its latest figure drawn (the element keeps what it was given and what it drew)
        pg.wait_for_function(
            "b => b.drawn !== undefined && b.drawn === b.next && b.querySelector('.main-svg .trace')",
            arg=chart.element_handle(),
            timeout=timeout,
        )
    pg.evaluate("() => document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")


def drawn(pg) -> None:
    """Wait until the page has fully drawn (DRAWN), then for plotly to finish its last layout (STEADY)."""
    pg.wait_for_function(DRAWN, timeout=30_000)
    pg.evaluate("() => { window.__layout = null; window.__steady = 0; }")
    pg.wait_for_function(STEADY, polling=100, timeout=30_000)
    pg.wait_for_function(DRAWN, timeout=30_000)


@pytest.fixture(scope="module", autouse=True)
def readme_images(pytestconfig):
    """Where readme_shot writes: tests/screenshots only when asked (pytest --update-screenshots, or
    UPDATE_SCREENSHOTS=1), so that a test run leaves a clean clone clean; tests/artifacts/readme otherwise."""
    global README_IMAGES
    asked = pytestconfig.getoption("update_screenshots") or os.environ.get("UPDATE_SCREENSHOTS") == "1"
    README_IMAGES = SHOTS if asked else ARTIFACTS / "readme"
    README_IMAGES.mkdir(parents=True, exist_ok=True)


README_IMAGES = ARTIFACTS / "readme"


def readme_shot(pg, name: str, size: dict | None = None) -> None:
    """Take a README image, <name> in README_IMAGES, from the app as it is now: with --update-screenshots
    it rewrites tests/screenshots/<name>, so the checked-in picture need never go stale
    (tests/test_readme_images.py: every README image has a writer here). 1280x900 at device scale 1
    unless size is given; the top of the page, with no pointer hover and no focus ring."""
    old = pg.viewport_size
    if size is None:
        size = {"width": 1280, "height": 900}
        assert pg.evaluate("devicePixelRatio") == 1
    pg.set_viewport_size(size)
    pg.mouse.move(0, 0)
    pg.evaluate(
        "() => { document.activeElement?.blur(); document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; }); }"
    )
    drawn(pg)
    pg.screenshot(path=README_IMAGES / name, full_page=False)
    pg.set_viewport_size(old)


def open_brief(pg):
    """Download the page's printable brief and open it in a new tab: (tab, its HTML, every URL it requested)."""
    with pg.expect_download(timeout=20_000) as dl:
        pg.get_by_role("button", name="Printable brief (HTML)").click()
    html = open(dl.value.path(), encoding="utf-8").read()
    requests: list[str] = []
    brief = pg.context.new_page()
    brief.on("request", lambda r: requests.append(r.url))
    brief.set_content(html)
    return brief, html, requests


def test_profile_numbers_match_data(page, ds):
    page.goto(f"{page.base}/occupation?role=11-3051")
    expect(page.get_by_role("heading", name="Industrial Production Managers")).to_be_visible(timeout=30_000)
    w = ds.wages.loc[("11-3051", "0000000")]
    p = ds.projections.loc["11-3051"]
    metrics = page.locator("[data-testid='stMetricValue']")
    expect(metrics.first).to_have_text(f"{w['employment']:,}", timeout=20_000)
    expect(metrics.nth(1)).to_have_text(f"${w['annual_median']:,.0f}")
    expect(metrics.nth(3)).to_have_text(f"{p['openings_annual']:,}")
    show_charts(page)
    assert page.locator(".js-plotly-plot .bars path").count() >= 5  # the percentile bars are drawn
    readme_shot(page, "profile.png")


def test_profile_state_link(page, ds):
    page.goto(f"{page.base}/occupation?role=11-3051&area=CA")
    metrics = page.locator("[data-testid='stMetricValue']")
    expect(metrics.first).to_have_text(f"{ds.wages.loc[('11-3051', '0600000'), 'employment']:,}", timeout=30_000)
    assert "area=0600000" in page.url


def test_bad_link_is_friendly(page):
    page.goto(f"{page.base}/occupation?role=%3Cimg%20src=x%20onerror=alert(1)%3E&area=Narnia")
    expect(page.get_by_text("No occupation has the code").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("No area has the code “Narnia”")).to_be_visible()
    assert page.locator("img[src='x']").count() == 0
    assert "Traceback" not in main_text(page)


def test_explore_answers_at_its_own_name_too(page):
    """Explore is the page at "/"; "/explore" (typed, or a link that names it) once opened a "Page not found"
    dialog and dropped the link's view."""
    page.goto(f"{page.base}/explore?role=11-3051")
    expect(page.get_by_text("1 occupation in the United States")).to_be_visible(timeout=30_000)
    assert "/explore?role=11-3051" in page.url
    assert page.get_by_text("Page not found").count() == 0
    page.get_by_role("link", name="Occupation profile").click()  # the sidebar's links go on from here
    page.wait_for_url(re.compile(r"/occupation\?.*role=11-3051"), timeout=20_000)
    expect(page.get_by_role("heading", name="Industrial Production Managers")).to_be_visible(timeout=20_000)


def test_search_and_industry_filter_change_url_and_numbers(page, ds):
    page.goto(f"{page.base}/")
    expect(page.get_by_text("occupations in the United States")).to_be_visible(timeout=30_000)
    box = page.get_by_label("Job title search")
    box.fill("production supervisor")
    box.press("Enter")
    page.wait_for_url(re.compile(r"role=[^&]*51-1011"), timeout=20_000)
    box.fill("")
    box.press("Enter")
    page.wait_for_url(lambda u: "role=" not in u, timeout=20_000)
    page.get_by_label("Industry (type to search name or code)").click()
    page.keyboard.type("Transportation Equipment Manufacturing (336000)")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"industry=336000"), timeout=20_000)
    n = int(
        ds.hiring.xs("336000", level="industry_code")["soc_code"]
        .isin(ds.occupations.index[ds.occupations["level"] == "detailed"])
        .sum()
    )
    expect(page.get_by_text(f"{n:,} occupations in Transportation Equipment Manufacturing (national)")).to_be_visible(
        timeout=20_000
    )
    readme_shot(page, "explore-industry.png")


def test_click_bubble_opens_profile(page):
    page.goto(f"{page.base}/?role=11-3051")
    expect(page.get_by_text("1 occupation in the United States")).to_be_visible(timeout=30_000)
    point = page.locator(".js-plotly-plot .scatterlayer .point").first
    expect(point).to_be_visible(timeout=20_000)
    point.click(force=True)
    page.wait_for_url(re.compile(r"/occupation\?.*role=11-3051"), timeout=20_000)
    expect(page.get_by_role("heading", name="Industrial Production Managers")).to_be_visible(timeout=20_000)


# each chart counts its full draws (plotly_afterplot) and is marked, so that a change shows whether the same plot
# was drawn again in place or a new one was made
MARK_CHARTS = """() => document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
  gd.__mark = i; gd.__draws = 0; if (!gd.__counted) { gd.__counted = true; gd.on('plotly_afterplot', () => gd.__draws++); }
})"""
CHARTS_AFTER = "() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => [gd.__mark, gd.__draws])"


def test_a_changed_chart_is_drawn_once_in_place_and_an_unchanged_one_not_at_all(page, ds):
    """The dashboard's chart element (dashboard/web/chart.py): Streamlit's drew a changed figure twice, as a new plot."""
    page.goto(f"{page.base}/occupation?role=51-4121&area=MI")
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("13,330", timeout=30_000)
    show_charts(page)
    page.evaluate(MARK_CHARTS)
    before = page.evaluate(CHARTS_AFTER)
    assert len(before) >= 5, before  # the profile's charts, every one drawn
    pick(page, "Area", "Ohio")
    page.keyboard.press("Enter")
    want = f"{int(ds.wages.loc[('51-4121', '3900000'), 'employment']):,}"
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(want, timeout=30_000)
    show_charts(page)
    after = page.evaluate(CHARTS_AFTER)
    assert [m for m, _ in after] == [m for m, _ in before], after  # the same plots, none made anew
    assert max(d for _, d in after) == 1, after  # a changed chart is drawn once
    assert 0 in [d for _, d in after], after  # the national charts (industries, skills) are not drawn again
    wages = page.locator(".wo-chart", has_text="percentile").first
    expect(wages).to_contain_text("Ohio")  # the chart drawn in place is Ohio's


IN_VIEW = """() => [...document.querySelectorAll('.wo-chart')].map(b => {
  const r = b.getBoundingClientRect();
  return {name: b.getAttribute('aria-label'), top: Math.round(r.top), height: Math.round(r.height),
          drawn: !!b.querySelector('.main-svg .trace'), near: !!window.__near?.has(b)};
})"""
# Which charts have ever been within half a screen of the view (the chart element's own rule, watched the same way:
# the main column's margin). While a page loads, a chart can be near the view for a moment before the elements
# above it arrive (a slow first run), and is then rightly drawn; one never near must wait.
NEAR = """(() => {
  const near = new WeakSet(), watched = new WeakSet();
  window.__near = near;
  let seen = null;
  new MutationObserver(() => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return;
    seen = seen || new IntersectionObserver((es) => es.forEach((e) => e.isIntersecting && near.add(e.target)),
                                            {root: main, rootMargin: '50% 0px'});
    document.querySelectorAll('.wo-chart').forEach((b) => { if (!watched.has(b)) { watched.add(b); seen.observe(b); } });
  }).observe(document, {subtree: true, childList: true});
})();"""


def test_a_chart_is_drawn_when_it_comes_into_view_and_for_print(page, tmp_path):
    """The chart element draws a chart when it comes within half a screen of the view, not before: at 1280x800
    the profile's seven charts are all below the fold. Each is named and holds its height before it is drawn, so
    nothing moves when it draws; printing draws every chart first."""
    page.add_init_script(NEAR)
    page.goto(f"{page.base}/occupation?role=51-4121&area=MI")
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("13,330", timeout=30_000)
    page.wait_for_function(DRAWN, timeout=30_000)
    page.wait_for_timeout(1000)  # time enough to draw, were they drawn
    before = page.evaluate(IN_VIEW)
    assert len(before) == 7 and all(c["top"] > 1.5 * 800 for c in before), before
    assert not any(c["drawn"] and not c["near"] for c in before), before  # none drawn before it came near
    assert sum(not c["drawn"] for c in before) >= 5, before  # and most never came near: they wait
    assert all(c["name"].startswith("Welders, Cutters, Solderers, and Brazers: ") for c in before), before
    last = page.locator(".wo-chart").last
    last.scroll_into_view_if_needed()
    expect(last.locator(".main-svg .trace").first).to_be_attached(timeout=20_000)
    after = page.evaluate(IN_VIEW)
    assert after[-1]["height"] == before[-1]["height"], (before[-1], after[-1])  # its room was held
    waiting = [i for i, c in enumerate(after[:-1]) if not c["near"]]  # far above the view and never near it
    assert waiting and not any(after[i]["drawn"] for i in waiting), after  # they still wait
    # a chart a quarter of a screen below the view is drawn before it comes into it (the margin is the scrolling
    # column's, Streamlit's main, not the window's)
    second = page.locator(".wo-chart").nth(1 if 1 in waiting else waiting[0])
    page.locator("[data-testid='stMain']").evaluate(
        "(main, b) => { main.scrollTop += b.getBoundingClientRect().top - innerHeight - innerHeight / 4; }",
        second.element_handle(),
    )
    expect(second.locator(".main-svg .trace").first).to_be_attached(timeout=20_000)
    top = second.evaluate("b => b.getBoundingClientRect().top")
    assert top > 800, top  # still below the view
    # printing: every chart drawn before the page is laid out for paper
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { e.scrollTop = 0; })")
    page.pdf(path=tmp_path / "profile.pdf")
    assert all(c["drawn"] for c in page.evaluate(IN_VIEW)), page.evaluate(IN_VIEW)


def test_chart_full_screen_from_the_keyboard(page):
    """Streamlit's chart element had a full-screen view; the dashboard's has it in plotly's toolbar, by the PNG."""
    page.goto(f"{page.base}/geography?role=51-4121")
    chart = page.locator(".wo-chart").first
    expect(chart.locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=30_000)
    button = chart.get_by_role("button", name="Full screen (Esc leaves it)")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.fullscreenElement && document.fullscreenElement.matches('.wo-chart')")
    height = page.evaluate("() => window.innerHeight")
    page.wait_for_function(
        f"() => +document.querySelector('.wo-chart .main-svg').getAttribute('height') === {height}", timeout=10_000
    )
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.fullscreenElement")
    page.wait_for_function(
        f"() => +document.querySelector('.wo-chart .main-svg').getAttribute('height') < {height}", timeout=10_000
    )
    # a browser without full screen for an element (iPhone Safari) gets no button that would do nothing
    page.add_init_script("Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false })")
    page.reload()
    expect(chart.locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=30_000)
    expect(chart.get_by_role("button", name="Download plot as a PNG")).to_have_count(1)
    expect(chart.get_by_role("button", name="Full screen (Esc leaves it)")).to_have_count(0)


def test_industry_page(page, ds):
    page.goto(f"{page.base}/industry?industry=31--34")
    expect(page.get_by_role("heading", name="Manufacturing", exact=True)).to_be_visible(timeout=30_000)
    total = ds.hiring.loc[("00-0000", "31--34"), "employment"]
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(f"{total:,}", timeout=20_000)
    show_charts(page)
    # chart labels wrap onto two lines (<tspan>s) so that phones show them whole
    expect(page.get_by_text(re.compile(r"Transportation Equipment\s*Manufacturing")).first).to_be_visible(
        timeout=20_000
    )
    assert page.locator(".js-plotly-plot .bars path").count() >= 20  # staffing and sub-industry bars drawn
    readme_shot(page, "industry.png")


def test_map_draws_offline_and_state_choice_updates_metros(page, ds):
    blocked: list[str] = []
    page.on("requestfailed", lambda r: blocked.append(r.url))
    page.goto(f"{page.base}/geography?role=11-3051&measure=annual_median")
    plot = page.locator(".js-plotly-plot").first
    shapes = plot.locator(".scatterlayer path.js-fill")
    expect(shapes.first).to_be_attached(timeout=30_000)
    n = shapes.count()
    assert n >= 5, n  # one filled shape per class of states, drawn from the bundled outlines
    fills = {shapes.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(n)}
    assert len(fills) >= 5, fills  # classes in different colours, not one flat colour
    rings = sum(shapes.nth(i).evaluate("e => (e.getAttribute('d').match(/M/g) || []).length") for i in range(n))
    assert rings >= 51, rings  # every state (and DC) outlined: at least one ring each
    boxes = [shapes.nth(i).bounding_box() for i in range(n)]
    assert all(b and b["width"] > 20 and b["height"] > 20 for b in boxes)  # real shapes with area
    labels = plot.locator(".scatterlayer .textpoint")
    expect(labels).to_have_count(51)
    expect(plot.locator(".legend").get_by_text("$150,000 – $160,000")).to_be_visible()
    expect(page.get_by_text("Metro areas ranked", exact=True)).to_be_visible()
    page.get_by_label("State (shows its metro areas)").click()
    page.keyboard.type("Michigan")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"area=2600000"), timeout=20_000)
    expect(page.get_by_role("heading", name="Metro areas ranked in Michigan")).to_be_visible(timeout=20_000)
    median = ds.wages.loc[("11-3051", "2600000"), "annual_median"]
    expect(page.get_by_text(f"${median:,.0f}").first).to_be_visible()
    show_charts(page)
    expect(
        page.locator(".js-plotly-plot").nth(2).get_by_text(re.compile(r"Detroit-Warren-Dearborn,\s*MI"))
    ).to_be_visible()
    assert not [u for u in blocked if "127.0.0.1" not in u], blocked  # nothing was even attempted off the machine
    readme_shot(page, "geography-michigan.png")


def test_compare_page(page, ds):
    page.goto(f"{page.base}/compare?role=11-3051,11-1021,51-1011")
    expect(page.get_by_role("heading", name="Annual wage range, United States")).to_be_visible(timeout=30_000)
    plot = page.locator(".js-plotly-plot").first
    expect(plot.get_by_text("$126,060")).to_be_visible(timeout=20_000)
    assert plot.locator(".bars path").count() == 6  # two bars (10–90, 25–75) for each of three roles
    readme_shot(page, "compare.png")


def test_compare_adds_the_one_occupation_typed(page):
    """On Compare, "Electricians" then Enter took Streamlit's first row, "Select 12 matches": Electricians and
    eleven more electrical occupations, up to the limit of six. Enter adds the best match alone."""
    page.goto(f"{page.base}/compare?role=11-3051,51-1011")
    expect(page.get_by_role("heading", name="Annual wage range, United States")).to_be_visible(timeout=30_000)
    page.get_by_label("Occupations (2 to 6; type to search)").click()
    page.keyboard.type("Electricians")
    expect(page.get_by_role("option", name=re.compile(r"^Electricians \(47-2111\)"))).to_be_visible(timeout=10_000)
    assert page.get_by_role("option", name=re.compile("^Select")).count() == 0
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"role=11-3051(,|%2C)51-1011(,|%2C)47-2111(&|$)"), timeout=20_000)


def test_present_mode_hides_controls(page):
    page.goto(f"{page.base}/compare?role=11-3051,11-1021,51-1011&present=1")
    expect(page.get_by_role("heading", name="Compare occupations")).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert not page.locator("[data-testid='stSidebarCollapsedControl']").is_visible()
    assert not page.locator("[data-testid='stExpander']").first.is_visible()
    size = page.locator("h1").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 48, size
    page.goto(f"{page.base}/compare?role=11-3051,11-1021,51-1011")
    expect(page.locator("[data-testid='stSidebar']")).to_be_visible(timeout=30_000)
    shot(page, "compare-plain")


def test_chart_exports_png_offline(page, tmp_path):
    page.goto(f"{page.base}/geography?role=11-3051")
    plot = page.locator(".js-plotly-plot").first
    expect(plot.locator("path.js-fill").first).to_be_attached(timeout=30_000)
    plot.hover()
    button = plot.locator(".modebar-btn[data-title*='png' i]")
    with page.expect_download(timeout=20_000) as dl:
        button.click()
    path = tmp_path / "map.png"
    dl.value.save_as(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
    assert dl.value.suggested_filename.startswith("map-11-3051")


def test_pathway_and_its_brief_offline(page, ds):
    page.goto(f"{page.base}/pathways?role=51-2090,51-1011,43-5061,11-3051,11-1021")
    expect(page.get_by_role("heading", name="Manufacturing management ladder")).to_be_visible(timeout=30_000)
    nat = ds.wages.xs("0000000", level="area_code")["annual_median"]
    metrics = page.locator("[data-testid='stMetricValue']")
    expect(metrics.nth(3)).to_have_text(f"${nat['11-3051']:,.0f}", timeout=20_000)
    expect(page.locator(".js-plotly-plot").first.get_by_text(f"${nat['11-1021']:,.0f}")).to_be_visible()
    assert "pathway=manufacturing-management" in page.url
    readme_shot(page, "pathway.png")
    brief, html, requests = open_brief(page)
    expect(brief.get_by_role("heading", name="Manufacturing management ladder")).to_be_visible()
    expect(brief.get_by_text(f"+${nat['11-3051'] - nat['43-5061']:,.0f}")).to_be_visible()
    bars = brief.locator("svg.chart rect.bar")
    assert bars.count() == 10  # a 10th–90th and a 25th–75th bar for each of five steps
    box = bars.first.bounding_box()
    assert box and box["width"] > 5 and box["height"] > 5  # drawn, with size
    assert brief.get_by_role("link").first.get_attribute("href").startswith(page.base + "/pathways?")
    assert requests == [], requests  # the brief fetches nothing
    brief.set_viewport_size({"width": 900, "height": 1200})
    brief.screenshot(path=ARTIFACTS / "brief-pathway.png", full_page=True)
    pdf = brief.pdf(format="Letter")
    assert 1 <= pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 2  # prints on one or two pages
    brief.close()


def test_profile_brief_and_similar_roles(page, ds):
    page.goto(f"{page.base}/occupation?role=11-3051&area=MI")
    expect(page.get_by_role("heading", name="Similar roles")).to_be_visible(timeout=30_000)
    link = page.get_by_role("button", name=re.compile(r"First-Line Supervisors of Production"))
    expect(link).to_be_visible()
    with page.expect_download(timeout=20_000) as dl:
        page.get_by_role("button", name="Printable brief (HTML)").click()
    html = open(dl.value.path(), encoding="utf-8").read()
    brief = page.context.new_page()
    brief.set_content(html)
    w = ds.wages.loc[("11-3051", "2600000")]
    expect(brief.get_by_text(f"${w['annual_median']:,.0f}").first).to_be_visible()
    assert brief.locator("svg.chart rect.bar").count() >= 10 + BRIEF_INDUSTRIES  # percentiles ×2, industries
    # a state's brief carries the state's projection beside the nation's, and says the openings split in a line
    expect(brief.get_by_text("Michigan, 2022–32 · Projections Central (state LMI agencies)")).to_be_visible()
    expect(
        brief.get_by_text(
            "Where the nation's openings come from, a year (2024–34): 500 from growth, 5,800 from labor-force exits "
            "and 10,800 from occupational transfers."
        )
    ).to_be_visible()
    pdf = brief.pdf(format="Letter")
    assert 1 <= pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 2
    brief.close()
    link.click()
    page.wait_for_url(re.compile(r"role=51-1011"), timeout=20_000)
    expect(
        page.get_by_role("heading", name="First-Line Supervisors of Production and Operating Workers")
    ).to_be_visible(timeout=20_000)


def test_consecutive_changes_each_take_effect(page, ds):
    """Regression: unkeyed select boxes whose default followed the URL lost every second change."""
    page.goto(f"{page.base}/occupation?role=11-3051")
    metric = page.locator("[data-testid='stMetricValue']").first
    expect(metric).to_have_text("246,250", timeout=30_000)
    for name, code in [("Michigan", "2600000"), ("Ohio", "3900000"), ("Texas", "4800000")]:
        box = page.get_by_label("Area")
        box.click()
        box.fill(name)
        page.keyboard.press("Enter")
        expect(metric).to_have_text(f"{ds.wages.loc[('11-3051', code), 'employment']:,}", timeout=20_000)
        expect(page).to_have_url(re.compile(f"area={code}"), timeout=10_000)


def test_the_benchmark_counts_reacts_commits_of_a_change(page, ds):
    """benchmarks.browser_trace reads React's commits through the hook React DevTools uses. A change of area on the
    profile sends every element again, so the commits after Enter render each of the page's element containers
    at least once; a Streamlit whose React stopped calling the hook would count none."""
    page.add_init_script(COUNT_COMMITS)
    page.goto(f"{page.base}/occupation?role=11-3051")
    metric = page.locator("[data-testid='stMetricValue']").first
    expect(metric).to_have_text("246,250", timeout=30_000)
    assert page.evaluate("window.__commits.length") > 0  # the first view's commits were counted
    box = page.get_by_label("Area")
    box.click()
    box.fill("Michigan")
    page.evaluate("window.__commits = []")
    page.keyboard.press("Enter")
    expect(metric).to_have_text(f"{ds.wages.loc[('11-3051', '2600000'), 'employment']:,}", timeout=20_000)
    run_over(page)
    containers = page.locator("[data-testid='stElementContainer']").count()
    rendered = page.evaluate("window.__commits.map(([, c]) => c)")
    assert containers > 100
    assert len(rendered) >= 2  # the elements marked as updating, then the run's new ones
    assert sum(rendered) >= containers


def test_data_behind_a_chart_opens_from_the_keyboard_and_follows_the_area(page, ds):
    """The table behind a chart is drawn when its expander is opened (not on every rerun), and stays open."""
    page.goto(f"{page.base}/occupation?role=11-3051")
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("246,250", timeout=30_000)
    box = page.locator("[data-testid='stExpander']").first  # the wage percentiles' data
    expect(box).to_contain_text("Data behind this chart")
    assert box.locator("[data-testid='stDataFrame']").count() == 0  # closed: not drawn
    box.locator("summary").focus()
    page.keyboard.press("Enter")
    cells = box.locator("[data-testid='stDataFrame'] td")
    national = f"${ds.wages.loc[('11-3051', '0000000'), 'annual_median']:,.0f}"
    expect(cells.filter(has_text=national).first).to_be_attached(timeout=20_000)
    expect(box.get_by_role("button", name="Download CSV (5 rows)")).to_be_visible()
    area = page.get_by_label("Area")
    area.click()
    area.fill("Michigan")
    page.keyboard.press("Enter")
    michigan = f"${ds.wages.loc[('11-3051', '2600000'), 'annual_median']:,.0f}"  # $120,660
    expect(cells.filter(has_text=michigan).first).to_be_attached(timeout=20_000)
    expect(box.get_by_role("button", name="Download CSV (10 rows)")).to_be_visible()


def test_industry_detail_reruns_its_section_with_the_open_table_in_it(page, ds):
    """The profile's industry detail is a section (ui.section) with each chart's data a section inside it: a
    change of the level goes into the link and the open table follows it (regression: the inner section waited
    for the outer one's turn, 20 s)."""
    from dashboard.domain import industries

    page.goto(f"{page.base}/occupation?role=51-4121")
    hiring = page.get_by_test_id("stColumn").filter(has_text="Top hiring industries")
    box = hiring.get_by_test_id("stExpander")
    expect(box).to_contain_text("Data behind this chart", timeout=30_000)
    # the page's first run over: an expander opened while it was still going stayed closed on a loaded machine
    run_over(page)
    box.locator("summary").click()
    cells = box.locator("[data-testid='stDataFrame'] td")
    for level in (3, 2, 4):  # the link's default, then a sector, then an industry group
        if level != 3:
            page.get_by_test_id("stRadio").filter(has_text="Industry detail").get_by_text(
                {2: "Sector", 4: "Industry group"}[level], exact=True
            ).click()
            expect(page).to_have_url(re.compile(f"level={level}"), timeout=10_000)
        top = industries.hiring_industries(ds, "51-4121", level=level, by="employment")["industry"]
        for name in top.iloc[:2]:
            expect(cells.filter(has_text=name).first).to_be_attached(timeout=10_000)


# --- presenting, exports, contrast, phones, axe -----------------------------------------------------

SIZES = """() => {
  const px = e => e ? parseFloat(getComputedStyle(e).fontSize) : null;
  const smallest = sel => {  // the smallest type inside any match: an inner override cannot hide
    const sizes = [...document.querySelectorAll(sel)].flatMap(e => [e, ...e.querySelectorAll('*')])
      .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())).map(px);
    return sizes.length ? Math.min(...sizes) : null;
  };
  const grid = document.querySelector("[data-testid='stMain'] [data-testid='stDataFrame'] .dvn-scroller")
    || document.querySelector("[data-testid='stMain'] [data-testid='stDataFrame'] [style*='--gdg-base-font-style']");
  const gridFont = grid ? getComputedStyle(grid).getPropertyValue('--gdg-base-font-style') : '';
  return {
    metricValue: smallest("[data-testid='stMetricValue']"),
    metricLabel: smallest("[data-testid='stMetricLabel']"),
    body: smallest("[data-testid='stMain'] [data-testid='stMarkdownContainer'] p"),
    caption: smallest("[data-testid='stMain'] [data-testid='stCaptionContainer']"),
    similar: smallest("[data-testid='stBaseButton-tertiary']"),
    tick: smallest(".js-plotly-plot .xtick text"),
    table: gridFont ? parseFloat(gridFont.match(/([0-9.]+)px/)[1]) : null,
  };
}"""


def sizes_at(pg, url: str) -> dict:
    pg.goto(url)
    expect(pg.locator(".js-plotly-plot .xtick text").first).to_be_attached(timeout=30_000)
    drawn(pg)  # fonts loaded, charts and tables drawn: the sizes read are the final ones
    return pg.evaluate(SIZES)


def test_presenter_view_enlarges_numbers_names_text_and_tables(browser, server):
    """At 1920x1080 every number, name and table is larger in presenter view than in the normal view."""
    ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    pg = ctx.new_page()
    profile = f"{server}/occupation?role=11-3051"
    normal, present = sizes_at(pg, profile), sizes_at(pg, profile + "&present=1")
    # the similar roles' names stay on screen in presenter view (they are tertiary buttons)
    expect(pg.get_by_role("button", name=re.compile("First-Line Supervisors of Production"))).to_be_visible()
    readme_shot(pg, "present-profile.png", {"width": 1920, "height": 1080})  # README: presenter view
    explore = f"{server}/?industry=336000"
    normal["table"], present["table"] = sizes_at(pg, explore)["table"], sizes_at(pg, explore + "&present=1")["table"]
    readme_shot(pg, "present-explore.png", {"width": 1920, "height": 1080})
    ctx.close()
    print("normal", normal, "present", present)
    for what in ("metricValue", "metricLabel", "body", "caption", "similar", "tick", "table"):
        assert normal[what] and present[what], (what, normal, present)
        assert present[what] >= 1.3 * normal[what], (what, normal[what], present[what])
    assert present["metricValue"] >= 48 and present["table"] >= 18, present


def test_exported_png_carries_title_and_source(browser, export_server, tmp_path):
    """A chart given a title and a source (ui.chart_with_table) draws both into its own PNG."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    pg = ctx.new_page()
    pg.goto(export_server)
    plot = pg.locator(".js-plotly-plot").first
    expect(plot.locator(".bars path").first).to_be_attached(timeout=30_000)
    title = "Where the openings come from: Industrial Production Managers, United States"
    source = "Source: BLS Employment Projections 2024–34, Table 1.10"

    # the lines are wrapped (<br>) to fit a phone: compare the words
    def spaced(text: str):  # any run of spaces in the text may be a line break in the figure
        return re.compile(r"\s*".join(re.escape(w) for w in text.split()))

    expect(plot.locator(".gtitle")).to_have_text(spaced(title))
    expect(plot.locator(".gtitle-subtitle")).to_have_text(spaced(source))
    # what the PNG is drawn from: the figure's own layout (toImage re-renders it off screen)
    layout = plot.evaluate("gd => [gd._fullLayout.title.text, gd._fullLayout.title.subtitle.text]")
    layout = [x.replace("<br>", " ") for x in layout]
    assert title in layout[0] and layout[1] == source, layout  # Streamlit's theme wraps the title in <b>
    box = plot.bounding_box()
    title_box, source_box = plot.locator(".gtitle").bounding_box(), plot.locator(".gtitle-subtitle").bounding_box()
    assert box["x"] <= title_box["x"] and title_box["x"] + title_box["width"] <= box["x"] + box["width"]
    assert source_box["y"] + source_box["height"] <= box["y"] + box["height"]
    expect(pg.locator(".wo-chart").first).to_have_accessible_name(title)
    plot.hover()
    with pg.expect_download(timeout=20_000) as dl:
        plot.locator(".modebar-btn[data-title*='png' i]").click()
    path = tmp_path / "chart.png"
    dl.value.save_as(path)
    png = path.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 2 * box["width"] - 4 and height >= 2 * 240, (width, height)  # scale 2, the whole figure
    assert dl.value.suggested_filename == "openings-11-3051.png"
    ctx.close()


# each chart's afterplot: whether plotly computed it again (a new calcdata) or only drew it
COUNT_COMPUTES = """
window.__computes = {};
const watched = new WeakSet();
new MutationObserver(() => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (watched.has(gd) || !gd.on) continue;
    watched.add(gd);
    let last = null;
    const key = gd.closest('[class*="st-key-"]').className.match(/st-key-([\\w-]+)/)[1];
    gd.on('plotly_afterplot', () => {
      if (gd.calcdata !== last) window.__computes[key] = (window.__computes[key] || 0) + 1;
      last = gd.calcdata;
    });
  }
}).observe(document, {subtree: true, childList: true});
"""


@pytest.mark.parametrize("present", ["0", "1"])
def test_charts_look_as_streamlits_theme_draws_them_and_are_computed_once(browser, twins_server, tmp_path, present):
    """Streamlit's chart theme is written into each figure (theme=None) instead of applied by Streamlit, which
    made plotly compute every chart twice: each chart looks as Streamlit's theme draws it (pixel for pixel but
    for anti-aliasing), on a page and in presenter view, and the theme file is the one Streamlit applies."""
    from PIL import Image, ImageChops

    from dashboard.present.figure import _theme

    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.add_init_script(COUNT_COMPUTES)
    pg = ctx.new_page()
    pg.goto(f"{twins_server}/?present={present}")
    charts = pg.locator(".js-plotly-plot")
    expect(charts).to_have_count(12, timeout=60_000)
    expect(charts.last.locator(".scatterlayer .trace").first).to_be_attached(timeout=30_000)
    pg.wait_for_timeout(1500)  # Streamlit's second pass over its themed twins
    computes = pg.evaluate("window.__computes")
    names = ["bars", "percentiles", "openings", "map", "subplots", "trend"]
    assert all(computes[f"ours-{n}"] == 1 for n in names), computes  # computed once
    assert all(computes[f"stock-{n}"] == 2 for n in names), computes  # what Streamlit's theme costs
    applied = pg.locator(".st-key-stock-bars .js-plotly-plot").evaluate("gd => JSON.stringify(gd.layout.template)")

    def families_once(node):  # each of Streamlit's passes appends its font family again: the same fonts
        if isinstance(node, dict):
            return {
                k: ", ".join(dict.fromkeys(v.split(", "))) if k == "family" else families_once(v)
                for k, v in node.items()
            }
        return [families_once(v) for v in node] if isinstance(node, list) else node

    assert families_once(json.loads(applied)) == families_once(_theme()["presenter" if present == "1" else "page"])
    for name in names:
        shots = []
        for kind in ("stock", "ours"):
            chart = pg.locator(f".st-key-{kind}-{name} .js-plotly-plot")
            chart.scroll_into_view_if_needed()
            pg.mouse.move(0, 0)
            path = tmp_path / f"{kind}-{name}.png"
            chart.screenshot(path=str(path), animations="disabled")
            shots.append(Image.open(path).convert("L"))
        assert shots[0].size == shots[1].size, name
        diff = ImageChops.difference(*shots)
        apart = sum(diff.histogram()[97:])  # pixels > 96 apart: a line, a label, a bar moved, not anti-aliasing
        assert apart <= 0.001 * diff.width * diff.height, (name, apart, diff.getbbox())
    ctx.close()


def contrast(fg: tuple[float, ...], bg: tuple[float, ...] = (255, 255, 255)) -> float:
    def lum(c):
        r, g, b = ((v / 255 / 12.92) if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


CHART_TEXT = """() => {
  const rgb = c => (c.match(/[0-9.]+/g) || []).map(Number);
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (!plot.offsetParent) continue;  // a chart inside a closed expander
    for (const t of plot.querySelectorAll('.main-svg text, .infolayer text')) {
      if (!t.textContent.trim() || t.closest('.textpoint') || t.closest('.hoverlayer')) continue;
      const cs = getComputedStyle(t);
      let bg = [255, 255, 255];
      const bar = t.closest('.point') && t.closest('.point').querySelector('path');
      if (bar) {  // a label inside its bar reads against the bar
        const a = t.getBoundingClientRect(), b = bar.getBoundingClientRect();
        if (a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1) {
          const f = rgb(getComputedStyle(bar).fill), o = parseFloat(getComputedStyle(bar).fillOpacity || 1)
            * parseFloat(getComputedStyle(bar).opacity || 1);
          bg = f.slice(0, 3).map(v => o * v + (1 - o) * 255);
        }
      }
      out.push({text: t.textContent.slice(0, 40), fill: rgb(cs.fill), opacity: parseFloat(cs.fillOpacity || 1),
                size: parseFloat(cs.fontSize), bold: parseInt(cs.fontWeight) >= 700, bg});
    }
  }
  return out;
}"""

MARKS = """() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .point, .js-plotly-plot .bars .point path')]
  .filter(e => e.getBoundingClientRect().width > 0).map(e => {
    const cs = getComputedStyle(e);
    const o = parseFloat(cs.fillOpacity || 1) * parseFloat(cs.opacity || 1);
    return [(cs.fill.match(/[0-9.]+/g) || []).map(Number), o, parseFloat(cs.strokeWidth || 0)];
  })"""


@pytest.mark.parametrize("url", PAGES)
def test_chart_text_and_marks_contrast(page, url):
    """Chart text reaches WCAG AA on its background; every bubble and bar is 3:1 on white (or outlined)."""
    page.goto(page.base + url)
    show_charts(page)
    drawn(page)
    texts = page.evaluate(CHART_TEXT)
    assert len(texts) > 10
    bad = []
    for t in texts:
        need = 3.0 if t["size"] >= 24 or (t["bold"] and t["size"] >= 18.66) else 4.5
        if t["fill"] and contrast(t["fill"], t["bg"]) < need:
            bad.append((t["text"], t["fill"], t["bg"], round(contrast(t["fill"], t["bg"]), 2)))
    assert not bad, bad
    weak = set()
    for fill, opacity, stroke in page.evaluate(MARKS):
        if opacity < 0.05:  # an invisible click target (the map's state centres), not a mark
            continue
        if len(fill) >= 3 and stroke < 1:  # an outlined mark is judged by its outline (drawn in the full colour)
            shown = tuple(opacity * v + (1 - opacity) * 255 for v in fill[:3])
            if contrast(shown) < 3:
                weak.add((tuple(fill[:3]), round(opacity, 2), round(contrast(shown), 2)))
    assert not weak, weak


def test_bubble_names_stay_inside_the_plot(page, ds):
    """/programs?cip=48.0508&area=OH: two occupations, at the two ends of the growth axis. A name centred on its
    bubble ran half outside the plot, where plotly cut it ("Velding, Soldering…"); each now runs inwards."""
    page.goto(f"{page.base}/programs?cip=48.0508&area=OH")
    expect(page.get_by_text("Welding, Soldering,").first).to_be_attached(timeout=30_000)
    drawn(page)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.textpoint')).map(p => {
            const plot = p.querySelector('.draglayer .nsewdrag').getBoundingClientRect();
            return [plot.left, plot.right, [...p.querySelectorAll('.textpoint text')].map(t => {
                const r = t.getBoundingClientRect();
                return [t.textContent, r.left, r.right];
            })];
        })"""
    )
    assert len(boxes) == 1, boxes
    left, right, names = boxes[0]
    assert len(names) == 2 and any(n.startswith("Welding, Soldering") for n, *_ in names), names
    for name, a, b in names:
        assert left - 0.5 <= a and b <= right + 0.5, (name, a, b, left, right)


def test_opportunity_groups_are_told_apart(page):
    """22 major groups: no two share colour and shape, all from the colour-blind-safe hues."""
    page.goto(page.base + "/")
    legend = page.locator(".js-plotly-plot .legend .traces")
    expect(legend.first).to_be_attached(timeout=30_000)
    styles = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot .legend .traces')].map(t => {
            const p = t.querySelector('.legendpoints path');
            return [t.querySelector('.legendtext').textContent, getComputedStyle(p).fill, p.getAttribute('d')];
        })"""
    )
    assert len(styles) == 22, styles
    assert len({(fill, d) for _, fill, d in styles}) == 22, styles  # each group its own colour and shape
    assert len({fill for _, fill, _ in styles}) == 8, styles


def test_tab_order_reaches_the_table_without_chart_toolbars(page):
    """From the top of Explore, the keyboard reaches the table without passing each chart's whole toolbar."""
    page.goto(page.base + "/")
    table = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']:visible").first
    expect(table).to_be_visible(timeout=30_000)
    drawn(page)  # every chart and its toolbar in place: the tab order is final
    stops, in_chart = 0, 0
    for _ in range(80):
        page.keyboard.press("Tab")
        stops += 1
        where = page.evaluate(
            """() => { const a = document.activeElement;
                return [!!a.closest("[data-testid='stMain'] [data-testid='stDataFrame']"),
                        !!a.closest('.modebar')]; }"""
        )
        in_chart += where[1]
        if where[0]:
            break
    else:
        pytest.fail("the table was never reached with Tab")
    print(f"{stops} Tab presses to the table, {in_chart} of them on the chart's toolbar")
    assert in_chart <= 2, in_chart  # the PNG and full-screen buttons only (the full plotly toolbar was 8 stops)
    # 38 before the toolbar was cut to its PNG button, 31 after; 32 since full screen is a button of its own that
    # Tab reaches (Streamlit's element showed its full-screen button to the mouse only)
    assert stops <= 32, stops


def test_a_focused_link_is_ringed_apart_from_the_page_open(page):
    """A sidebar link with the keyboard's focus was drawn in the same light grey as the page open, lost on a
    projector: it has a ring of its own now, at least 3:1 against the sidebar (WCAG 1.4.11)."""
    page.goto(f"{page.base}/occupation?role=29-1141&area=OH")
    expect(page.get_by_role("heading", name="Registered Nurses")).to_be_visible(timeout=30_000)
    link = page.locator("[data-testid='stSidebar'] a", has_text="Industry").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused from the keyboard: :focus-visible
    ring = page.evaluate(
        """() => { const a = document.activeElement, cs = getComputedStyle(a);
            let e = a, bg = 'rgba(0, 0, 0, 0)';
            while (e && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(e).backgroundColor;
                                                                              e = e.parentElement; }
            return [a.textContent, cs.outlineStyle, parseFloat(cs.outlineWidth), cs.outlineColor, bg]; }"""
    )
    assert ring[0].endswith("Industry") and ring[1] == "solid" and ring[2] >= 2, ring

    def luminance(css: str) -> float:
        r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
        return sum(
            w * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
            for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True)
        )

    hi, lo = sorted((luminance(ring[3]), luminance(ring[4])), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 3, ring


def test_tables_offer_only_the_guarded_download(page):
    """Streamlit's own table toolbar wrote =HYPERLINK(…) and @SUM as they are: it offers no download (nor copy);
    the app's download, which neutralises formulas, sits under the table."""
    page.goto(page.base + "/")
    table = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']:visible").first
    expect(table).to_be_visible(timeout=30_000)
    drawn(page)
    table.hover()
    toolbar = page.locator("[data-testid='stElementToolbar']:visible")
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible(timeout=10_000)  # the toolbar is open
    assert toolbar.get_by_role("button", name=re.compile("download", re.I)).count() == 0
    expect(page.get_by_role("button", name=re.compile(r"^Download CSV \(\d[\d,]* rows\)")).first).to_be_visible()


CLIPPED = """() => {
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (!plot.offsetParent) continue;
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    for (const t of plot.querySelectorAll('.main-svg text, .infolayer text')) {
      if (!t.textContent.trim() || t.closest('.hoverlayer') || t.closest('.textpoint')) continue;
      // a legend taller than its space scrolls (plotly's scrollbar): its entries are reached, not cut
      const legend = t.closest('.legend');
      const bar = legend && legend.querySelector('.scrollbar');
      const scrolls = bar && bar.getBoundingClientRect().height > 0;
      const b = (scrolls ? legend.querySelector('.bg') : t).getBoundingClientRect();
      if (b.width === 0) continue;
      if (b.left < svg.left - 1 || b.right > svg.right + 1 || b.top < svg.top - 1 || b.bottom > svg.bottom + 1)
        out.push([t.textContent.slice(0, 40), Math.round(b.left - svg.left), Math.round(svg.right - b.right)]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("url", PAGES)
def test_phone_view_clips_no_chart_text(browser, server, url):
    """At 390x844 every tick, title, legend entry and value label lies inside its chart."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2)
    pg = ctx.new_page()
    pg.goto(server + url)
    show_charts(pg)
    drawn(pg)
    assert pg.locator(".js-plotly-plot").first.bounding_box()["width"] <= 390
    clipped = pg.evaluate(CLIPPED)
    if url.startswith("/occupation"):
        readme_shot(pg, "phone-profile.png", {"width": 390, "height": 844})  # README: the profile on a phone
    ctx.close()
    assert not clipped, clipped


# Rules axe reports on markup that Streamlit itself writes and the app cannot change (see the README's
# accessibility notes); each is excluded by exact ID and nothing else is.
AXE_EXCLUDED: dict[str, str] = {}


@pytest.mark.parametrize("url", [*PAGES, "/occupation?role=11-3051&present=1", "/?present=1"])
def test_axe_finds_no_serious_violations(page, url):
    assert AXE.exists(), f"axe-core missing: npm ci --prefix tests --no-audit --no-fund ({AXE})"
    page.goto(page.base + url)
    show_charts(page)
    drawn(page)
    page.add_script_tag(path=str(AXE))
    rules = {rule: {"enabled": False} for rule in AXE_EXCLUDED}
    result = page.evaluate("rules => axe.run(document, {resultTypes: ['violations'], rules})", rules)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


# --- history and hostile data ----------------------------------------------------------------------------


def test_back_and_forward_return_to_the_previous_view(page, ds):
    page.goto(f"{page.base}/occupation?role=11-3051&area=CA")
    metric = page.locator("[data-testid='stMetricValue']").first
    ca = f"{ds.wages.loc[('11-3051', '0600000'), 'employment']:,}"
    expect(metric).to_have_text(ca, timeout=30_000)
    page.get_by_text("See it on a career ladder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Branch into continuous improvement", timeout=20_000)
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Industrial Production Managers", timeout=20_000)
    expect(metric).to_have_text(ca, timeout=20_000)
    assert "/occupation?" in page.url and "role=11-3051" in page.url and "area=0600000" in page.url
    page.go_forward()
    expect(page.get_by_role("heading", level=1)).to_have_text("Branch into continuous improvement", timeout=20_000)
    # a profile opened from a table: Back shows the whole table again, not the one row st.switch_page left behind
    page.goto(f"{page.base}/?area=MI")
    count = page.get_by_role("heading", level=3).first
    expect(count).to_have_text(re.compile(r"^\d{3} occupations in Michigan"), timeout=30_000)
    before = count.inner_text()
    picker = page.get_by_label("Open a profile from this table")
    expect(picker).to_be_visible(timeout=20_000)
    drawn(page)  # the page settles (charts drawn) before the picker is used
    picker.click()
    picker.fill("Welders")
    expect(page.get_by_role("option", name=re.compile("^Welders, Cutters"))).to_be_visible(timeout=10_000)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Welders, Cutters, Solderers, and Brazers", timeout=20_000
    )
    page.go_back()
    expect(count).to_have_text(before, timeout=20_000)
    # a filter change is one step back
    page.goto(f"{page.base}/compare?role=11-3051,51-1011")
    expect(page.get_by_role("heading", name="Annual wage range, United States")).to_be_visible(timeout=30_000)
    page.get_by_text("Hourly", exact=True).click()
    expect(page.get_by_role("heading", name="Hourly wage range, United States")).to_be_visible(timeout=20_000)
    page.go_back()
    expect(page.get_by_role("heading", name="Annual wage range, United States")).to_be_visible(timeout=20_000)
    assert "wage=" not in page.url


@pytest.fixture(scope="module")
def hostile_server(hostile_data, tmp_path_factory):
    cache = tmp_path_factory.mktemp("hostile-cache")
    env = {"WORKFORCE_DATA_DIR": str(hostile_data), "WORKFORCE_CACHE_DIR": str(cache)}
    yield from serve([sys.executable, "-m", "dashboard.serving.cli", "serve"], env=env)


MARKUP_FROM_DATA = """() => ({
  links: [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
    .filter(h => h.includes('127.0.0.2') || h.includes('far.example')),
  images: [...document.querySelectorAll('img, image')].map(i => i.getAttribute('src') || i.getAttribute('href') || '')
    .filter(s => s.includes('127.0.0.2')),
  bold: [...document.querySelectorAll('strong, b, em, u')].map(e => e.textContent).filter(t => /^(bold|under|s|a)$/.test(t)),
  math: document.querySelectorAll('.katex').length,
  styled: [...document.querySelectorAll('span[style*="color:red"], span[style*="color: red"]')].length,
  icons: [...document.querySelectorAll("[data-testid='stMarkdownContainer'] [data-testid='stIconMaterial'], "
    + "[data-testid='stMarkdownContainer'] .material-symbols-rounded")].length,
})"""


@pytest.mark.parametrize(
    "path, shown",
    [
        ("/occupation?role=11-3051&area=2600000", "Plant boss <img src="),
        ("/?area=2600000&role=11-3051,51-1011", "**bold** __under__ [click](http"),
        ("/industry?industry=31--34", "Making <img src="),
        ("/geography?role=11-3051&area=2600000", "Plant boss"),
        ("/compare?role=11-3051,51-1011,11-1021&area=2600000", "Lead $x^2$ and $$y$$gnp.exe"),
        ("/pathways?pathway=manufacturing-management&area=2600000", "**bold** __under__"),
    ],
)
def test_hostile_data_is_shown_as_text_and_fetches_nothing(browser, hostile_server, path, shown):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    elsewhere: list[str] = []

    def guard(route):
        elsewhere.append(route.request.url)
        route.abort()

    ctx.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*"), guard)
    pg = ctx.new_page()
    pg.goto(hostile_server + path)
    expect(pg.locator("[data-testid='stMain']")).to_contain_text(shown, timeout=45_000)
    # Nothing fetched is proved by waiting: first until every chart is drawn (the markup from the data is on
    # the page), then a bounded second more for an image or link in it to ask before the guard is read.
    drawn(pg)
    pg.wait_for_timeout(1000)
    text = main_text(pg)
    assert "\u202e" not in text
    found = pg.evaluate(MARKUP_FROM_DATA)
    ctx.close()
    assert elsewhere == [], elsewhere
    assert found == {"links": [], "images": [], "bold": [], "math": 0, "styled": 0, "icons": 0}, found


def test_trends_page_draws_the_lines_and_reads_aloud_the_figures(page, ds):
    from dashboard.domain import trends as trends_

    page.goto(f"{page.base}/trends?role=11-3051,15-1252&series=employment")
    said = page.get_by_text(
        "Employment of industrial production managers rose from 165,340 in May 2013 to 246,250 in May 2025 (+49%)."
    )
    expect(said).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Why the line for Software Developers (15-1252) starts in May 2021")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    # the software developers' line has points for May 2021–2025 only: no line is drawn through the break
    assert trends_.series(ds, "15-1252")["year"].min() == 2021
    assert "Traceback" not in main_text(page)
    page.get_by_text("Employment", exact=True).first.wait_for(timeout=10_000)
    readme_shot(page, "trends.png")


def test_profile_trend_links_to_trends_and_its_brief_draws_it(page):
    """Issue 13 item 7: the profile's national trend is drawn, its link opens /trends for the same role, and
    the printable brief carries the employment SVG (nothing fetched)."""
    page.goto(f"{page.base}/occupation?role=11-3051&area=MI")
    expect(page.get_by_text("Trend, United States, OEWS May 2013–May 2025")).to_be_visible(timeout=30_000)
    show_charts(page)
    chart = page.locator(".wo-chart", has_text="employment and median annual wage")
    expect(chart.locator(".js-plotly-plot .trace").first).to_be_attached(timeout=20_000)
    brief, html, requests = open_brief(page)
    assert brief.locator("svg.trend path.trend").count() == 1 and requests == []
    brief.close()
    page.get_by_role("link", name=re.compile("^Compare this trend with other occupations")).click()
    page.wait_for_url(re.compile(r"/trends\?role=11-3051$"), timeout=20_000)
    expect(page.get_by_text("Employment of industrial production managers rose from 165,340")).to_be_visible(
        timeout=30_000
    )


def test_in_demand_list_weights_in_the_link_and_its_brief(page, ds):
    page.goto(f"{page.base}/demand?area=MI")
    mi = ds.state_projections.xs("2600000", level="area_code")
    growing = int((mi.loc[mi["soc_code"] != "00-0000", "change_pct"] > 0).sum())  # in demand by the default rule
    lede = f"{growing} of the 711 occupations Michigan projects are in demand by the rule"
    expect(page.get_by_text(lede)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Score = the weighted average of three percentile ranks").first).to_be_visible()
    assert "area=2600000" in page.url
    readme_shot(page, "demand.png")
    # a weight changed in the sidebar goes into the link, and the list follows it
    box = page.get_by_label("Weight: growth")
    box.fill("0")
    box.press("Enter")
    expect(page).to_have_url(
        re.compile(r"weights=openings(%3A|:)1(%2C|,)growth(%3A|:)0(%2C|,)wage(%3A|:)1"), timeout=20_000
    )
    # the address changes as the rerun starts: the brief follows the list once the rerun has drawn it
    expect(page.get_by_text("weights openings × 1, growth × 0, wage × 1").first).to_be_visible(timeout=20_000)
    drawn(page)
    brief, html, requests = open_brief(page)
    expect(brief.get_by_role("heading", name="In-demand occupations: Michigan")).to_be_visible()
    expect(brief.get_by_text("weights openings × 1, growth × 0, wage × 1")).to_be_visible()
    expect(
        brief.get_by_text("Projections Central, State Occupational Projections, Long Term 2022–32").first
    ).to_be_visible()
    assert requests == [], requests
    brief.close()
    # the rule in the sidebar goes into the link, and the list follows it
    box = page.get_by_role("spinbutton", name="Projected growth above (%, 2022–32)")
    box.fill("2.5")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"growth_above=2.5"), timeout=20_000)
    n = int((mi.loc[mi["soc_code"] != "00-0000", "change_pct"] > 2.5).sum())
    expect(page.get_by_text(f"{n} of the 711 occupations Michigan projects are in demand")).to_be_visible(
        timeout=20_000
    )
    expect(page.get_by_text("growth above 2.5% in Michigan's projections (2022–32)")).to_be_visible()
    # the profile's state section beside the nation's
    page.goto(f"{page.base}/occupation?role=11-3051&area=0019820")
    label = page.locator("[data-testid='stMetric']", has_text="Michigan openings a year (2022–32)")
    expect(label.locator("[data-testid='stMetricValue']")).to_have_text("980", timeout=30_000)
    expect(page.get_by_text("Detroit-Warren-Dearborn, MI is a metro area")).to_be_visible()
    shot(page, "profile-state")


def test_programs_page_and_profile_onet_sections(page, ds):
    # the profile: what they do, what it takes, and a program link that opens /programs with the area kept
    page.goto(f"{page.base}/occupation?role=11-3051&area=MI")
    expect(page.get_by_role("heading", name="What they do")).to_be_visible(timeout=30_000)
    first = page.locator("[data-testid='stMarkdownContainer'] ol li").first
    expect(first).to_have_text(re.compile(r"^Set and monitor product standards"), timeout=20_000)
    expect(page.get_by_text("Considerable Preparation Needed (Job Zone 4 of 5)", exact=False)).to_be_visible()
    expect(page.get_by_text("O*NET 29.3 Database by the U.S. Department of Labor", exact=False)).to_be_visible()
    page.get_by_role("link", name=re.compile(r"52\.0205 Operations Management and Supervision")).click()
    page.wait_for_url(re.compile(r"/programs\?.*cip=52\.0205"), timeout=20_000)
    assert "area=2600000" in page.url
    expect(page.get_by_role("heading", name="52.0205 Operations Management and Supervision")).to_be_visible(
        timeout=20_000
    )
    expect(page.get_by_text("What it leads to: 8 occupations, wages in Michigan")).to_be_visible()
    expect(page.locator(".js-plotly-plot .scatterlayer .point").first).to_be_visible(timeout=20_000)
    readme_shot(page, "programs.png")
    # a bad code: a message and the field browser, no markup
    page.goto(f"{page.base}/programs?cip=%3Cb%3E52%3C/b%3E")
    expect(page.get_by_text("is not a CIP code such as 52.0205").first).to_be_visible(timeout=30_000)
    assert page.locator("main b").count() == 0


def test_slides_link_downloads_the_lesson_and_libreoffice_draws_it(page, tmp_path):
    """The manufacturing lesson of issue 27 as a teacher opens it: /slides with four views, one download, every
    slide drawn by LibreOffice Impress with its title. The trend slide as LibreOffice drew it is the README's
    picture of a slide (SHOTS / "slide-trend.png" with --update-screenshots)."""
    from pptx import Presentation

    lesson = [
        "/occupation?role=11-3051&area=MI",
        "/trends?role=11-3051&dollars=real",
        "/programs?cip=52.0205&area=MI",
        "/geography?role=11-3051",
    ]
    query = "&".join(f"view={quote(x, safe='')}" for x in lesson)
    page.goto(f"{page.base}/slides?{query}")
    button = page.get_by_role("button", name="Download slides (.pptx, 4 views)")
    expect(button).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=60_000) as dl:
        button.click()
    deck = tmp_path / "lesson.pptx"
    dl.value.save_as(deck)
    prs = Presentation(deck)
    # as read: a number range's word joiner (slides.WORD_JOINER, drawn as nothing) left out
    titles = [next(s.text_frame.text for s in sl.shapes if s.has_text_frame).replace("\u2060", "") for sl in prs.slides]
    assert titles[0] == "Industrial Production Managers (11-3051)"
    assert page.base in " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "lesson.pdf"
    for n, title in enumerate(titles, start=1):
        got = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True)
        assert re.sub(r"\s+", "", title[:30]) in re.sub(r"\s+", "", got.stdout), (n, title)
    head = "Median annual wage of Industrial Production Managers, May 2013–2025, in May 2025 dollars"
    trend = [n for n, t in enumerate(titles, start=1) if t == head][1]  # the trends view's title slide, then its chart
    out = README_IMAGES / "slide-trend.png"
    subprocess.run(
        ["pdftoppm", "-f", str(trend), "-l", str(trend), "-scale-to", "1280", "-png", "-singlefile", str(pdf),
         str(out.with_suffix(""))],
        check=True,
    )  # fmt: skip
    assert out.stat().st_size < 300_000


def _completers(cip: str, column: str | None = None, code: str | None = None) -> tuple[int, int]:
    """(completers, institutions) of a program in IPEDS 2024 from data/*.csv: the expected figures."""
    import pandas as pd

    c = pd.read_csv(REPO / "data" / "completions.csv.gz", dtype={"unitid": str, "cip_code": str})
    c = c[(c["cip_code"] == cip) & (c["year"] == 2024)]
    if column:
        inst = pd.read_csv(REPO / "data" / "institutions.csv", dtype=str)
        c = c[c["unitid"].isin(inst.loc[inst[column] == code, "unitid"])]
    return int(c["completers"].sum()), c["unitid"].nunique()


def test_programs_who_graduates_in_it_state_metro_and_nearest(page):
    # Michigan's welders: the area's figures beside the nation's, the institutions, the map
    mi, mi_inst = _completers("48.0508", "state", "2600000")
    us, _ = _completers("48.0508")
    page.goto(f"{page.base}/programs?cip=48.0508&area=MI")
    expect(page.get_by_role("heading", name="Who graduates in it: Michigan, IPEDS 2023–24 awards")).to_be_visible(
        timeout=30_000
    )
    metrics = page.locator("[data-testid='stMetric']")
    expect(
        metrics.filter(has_text="Completers, Michigan, 2023–24").locator("[data-testid='stMetricValue']")
    ).to_have_text(f"{mi:,}", timeout=20_000)
    expect(
        metrics.filter(has_text="Completers, United States, 2023–24").locator("[data-testid='stMetricValue']")
    ).to_have_text("57,762" if us == 57_762 else f"{us:,}")
    expect(
        page.get_by_text(f"{mi:,} completers from {mi_inst} institutions in Michigan, IPEDS 2023–24 awards")
    ).to_be_visible()
    expect(page.get_by_text("Completers are counted where the institution is").first).to_be_visible()
    expect(page.get_by_text("Institutions in Michigan that award it, 2023–24")).to_be_visible()
    expect(page.get_by_role("button", name=f"Download CSV ({mi_inst} rows)")).to_be_visible()
    show_charts(page)
    mapped = page.locator(".js-plotly-plot").filter(has_text="Where 48.0508")
    expect(mapped.locator(".scatterlayer .trace").last.locator(".point")).to_have_count(mi_inst, timeout=20_000)
    drawn(page)
    shot(page, "programs-training", height=4600)
    # a metro area works as a state does
    metro, metro_inst = _completers("52.0205", "metro", "0019820")
    page.goto(f"{page.base}/programs?cip=52.0205&area=0019820")
    expect(page.get_by_text(f"{metro:,} completers from {metro_inst} institution")).to_be_visible(timeout=30_000)
    # a program nobody in Michigan awards: said, with the nearest states that do as links
    assert _completers("30.1801", "state", "2600000") == (0, 0)
    ohio, _ = _completers("30.1801", "state", "3900000")
    page.goto(f"{page.base}/programs?cip=30.1801&area=MI")
    expect(page.get_by_text("No institution in Michigan reported completers of 30.1801")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name=f"Ohio: {ohio:,} completers in 2023–24").click()
    page.wait_for_url(re.compile(r"/programs\?cip=30\.1801&area=3900000"), timeout=20_000)
    expect(page.get_by_role("heading", name="Who graduates in it: Ohio, IPEDS 2023–24 awards")).to_be_visible(
        timeout=20_000
    )
    # a nonmetropolitan area: said, and its state shown
    page.goto(f"{page.base}/programs?cip=52.0205&area=0100001")
    expect(page.get_by_text("Completions are counted for states and metro areas")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Who graduates in it: Alabama, IPEDS 2023–24 awards")).to_be_visible()


def _related_rows(ds, soc: str, area: str, levels):
    """An occupation's rows of related programs in a state, latest year, from the dataset's own frames."""
    c = ds.completions
    cips = set(ds.content["program_occupations"].loc[lambda d: d["soc_code"] == soc, "cip_code"])
    state = ds.institutions["state"]
    c = c[(c["year"] == c["year"].max()) & c["cip_code"].astype(str).isin(cips) & c["award_level"].isin(levels)]
    return c[c["unitid"].astype(str).map(state).eq(area).to_numpy()]


def _related(ds, soc: str, area: str, levels) -> int:
    return int(_related_rows(ds, soc, area, levels)["completers"].sum())


def test_a_role_found_from_a_profile_opens_with_its_own_award_levels(page, ds):
    """From the registered nurses' profile, "welder" in Find a role opened the welders' profile counting the
    nurses' award levels (bachelor's; levels=5,6 in its link) as if chosen: 0 completers in Ohio. It opens as its
    link does, with the welders' own levels, and the address names the welders."""
    page.goto(f"{page.base}/occupation?role=29-1141&area=OH")
    expect(page.get_by_role("heading", name="Where people train for it: Ohio")).to_be_visible(timeout=30_000)
    box = page.get_by_label("Find a role")
    box.fill("welder")
    box.press("Enter")
    page.get_by_role("button", name=re.compile(r"Welders, Cutters, Solderers, and Brazers \(51-4121\)")).click()
    expect(page.get_by_role("heading", name="Welders, Cutters, Solderers, and Brazers")).to_be_visible(timeout=20_000)
    page.wait_for_url(re.compile(r"role=51-4121"), timeout=20_000)
    completers = page.locator("[data-testid='stMetric']", has_text="Completers, IPEDS 2023–24 awards")
    want = _related(ds, "51-4121", "3900000", (20, 21, 2, 3, 4))
    assert want > 1000
    expect(completers.locator("[data-testid='stMetricValue']")).to_have_text(f"{want:,}", timeout=20_000)
    expect(page.get_by_text("Counted by default:")).to_be_visible()
    assert "levels=" not in page.url and "role=51-4121" in page.url


def test_profile_training_section_levels_and_institutions(page, ds):
    page.goto(f"{page.base}/occupation?role=51-4121&area=MI")
    section = page.get_by_role("heading", name="Where people train for it: Michigan")
    expect(section).to_be_visible(timeout=30_000)
    ratio = page.locator("[data-testid='stMetric']", has_text="Completers per annual opening")
    completers = page.locator("[data-testid='stMetric']", has_text="Completers, IPEDS 2023–24 awards")
    expect(ratio.locator("[data-testid='stMetricValue']")).to_have_text("0.51", timeout=20_000)
    expect(page.get_by_text("IPEDS 2023–24 awards ÷ Projections Central 2022–32 openings")).to_be_visible()
    want = _related(ds, "51-4121", "2600000", (20, 21, 2, 3, 4))
    expect(completers.locator("[data-testid='stMetricValue']")).to_have_text(f"{want:,}")
    expect(page.get_by_text("Read this as a rough signal, not a count of people to hire")).to_be_visible()
    section.scroll_into_view_if_needed()
    shot(page, "profile-training")
    # the institutions behind the figure, one click away
    page.get_by_text("The institutions behind the figure (Michigan, IPEDS 2023–24 awards)").click()
    n = _related_rows(ds, "51-4121", "2600000", (20, 21, 2, 3, 4))["unitid"].nunique()
    expect(page.get_by_role("button", name=f"Download CSV ({n} rows)")).to_be_visible(timeout=20_000)
    # another award level chosen: into the link, and the figure follows it (the section reruns alone: ui.section)
    page.get_by_role("combobox", name="Award levels counted").click()
    page.keyboard.type("Bachelor")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # the list of levels closes, as a click elsewhere would
    levels = re.compile(r"levels=20(%2C|,)21(%2C|,)2(%2C|,)3(%2C|,)4(%2C|,)5")
    expect(page).to_have_url(levels, timeout=20_000)
    more = _related(ds, "51-4121", "2600000", (20, 21, 2, 3, 4, 5))
    expect(completers.locator("[data-testid='stMetricValue']")).to_have_text(f"{more:,}", timeout=20_000)
    expect(page.get_by_text("(your choice; the link keeps it)")).to_be_visible()
    # the brief and the slides, made when clicked, carry the levels chosen after the page's run drew their buttons
    drawn(page)
    brief, html, requests = open_brief(page)
    expect(brief.get_by_text("Where people train for it: Michigan.")).to_be_visible()
    assert "Read this as a rough signal" in html
    assert f"<b>{more:,}</b> completers of related programs" in html and requests == []
    assert levels.search(html), "the brief's link back keeps the levels"
    brief.close()
    from pptx import Presentation

    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="Download slides (.pptx)").click()
    shapes = [s for sl in Presentation(dl.value.path()).slides for s in sl.shapes]
    deck = " ".join(s.text_frame.text for s in shapes if s.has_text_frame) + " ".join(
        c.text for s in shapes if s.has_table for r in s.table.rows for c in r.cells
    )
    assert f"{more:,}" in deck and levels.search(deck), "the deck counts the levels chosen, and links to them"
    # Back undoes the change: the link without the level, and the figure as it was
    page.go_back()
    expect(page).not_to_have_url(levels, timeout=20_000)
    expect(completers.locator("[data-testid='stMetricValue']")).to_have_text(f"{want:,}", timeout=20_000)
    # an award level that does not exist: a message, and the default
    page.goto(f"{page.base}/occupation?role=51-4121&area=MI&levels=99")
    expect(page.get_by_text("“99”: not an IPEDS award level")).to_be_visible(timeout=30_000)
    expect(ratio.locator("[data-testid='stMetricValue']")).to_have_text("0.51", timeout=20_000)


def test_in_demand_training_column_filter_and_sort(page, ds):
    page.goto(f"{page.base}/demand?area=MI")
    expect(page.get_by_text("of the 711 occupations Michigan projects are in demand")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Read this as a rough signal, not a count of people to hire")).to_be_visible()
    expect(page.get_by_text("openings ÷ completers ≥ 2,").first).to_be_visible()
    page.get_by_text("Only where training may fall short").click()
    expect(page).to_have_url(re.compile(r"shortfall=2(&|$)"), timeout=20_000)
    from dashboard.domain import demand

    rows = demand.with_training(ds, demand.scored(ds, "2600000", demand.DEFAULT_WEIGHTS), "2600000", 2.0)
    growing = rows["change_pct"] > 0  # in demand by the default rule; the rest are listed apart
    n = int((rows["falls_short"].eq(True) & growing).sum())
    expect(page.get_by_text(f"{n} of the 711 occupations Michigan projects")).to_be_visible(timeout=20_000)
    box = page.get_by_label("Openings at least this many times the related completers")
    box.fill("1.5")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"shortfall=1.5"), timeout=20_000)
    n15 = int((demand.with_training(ds, rows, "2600000", 1.5)["falls_short"].eq(True) & growing).sum())
    expect(page.get_by_text(f"{n15} of the 711 occupations Michigan projects")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("openings ÷ completers ≥ 1.5,").first).to_be_visible()
    page.get_by_text("Completers per opening (fewest first)").click()
    expect(page).to_have_url(re.compile(r"sort=per_opening"), timeout=20_000)
    expect(page.get_by_text("Sorted by completers per opening, fewest first.", exact=False)).to_be_visible(
        timeout=20_000
    )
    drawn(page)
    brief, html, requests = open_brief(page)
    expect(brief.get_by_text("Completers of related programs (IPEDS 2023–24 awards)").first).to_be_visible()
    assert "openings ÷ completers ≥ 1.5" in html and requests == []
    brief.close()


# --- the benchmark's clock (benchmarks/page_clock.py) ----------------------------------------------------------

CLOCK_PAGE = """<!doctype html><input id="box"><p id="figure">old</p><script>
document.getElementById('box').addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  if (!window.changed) setTimeout(() => { document.getElementById('figure').textContent = 'new'; }, 150);
  window.changed = true;
  for (const t of [250, 350]) setTimeout(() => document.body.append(document.createElement('div')), t);
});
</script>"""


def test_the_benchmark_clock_waits_for_a_still_page_and_reads_when_the_figure_was_painted(browser):
    """settle() returns once the page has changed and then been still; the figure's paint is read after its own
    change (150 ms after Enter), the whole view's after the last one (350 ms), each at a frame after it."""
    from benchmarks import page_clock

    pg = browser.new_page()
    try:
        page_clock.install(pg)
        pg.goto("data:text/html," + quote(CLOCK_PAGE))
        pg.locator("#box").click()
        pg.keyboard.press("Enter")
        assert page_clock.settle(pg, 10_000) is True
        expect(pg.locator("#figure")).to_have_text("new")
        figure, whole = page_clock.painted_ms(pg.locator("#figure")), page_clock.whole_ms(pg)
        assert 150 <= figure < 350 <= whole < 1_000, (figure, whole)
        pg.keyboard.press("Enter")  # a second time only the rest of the page changes
        assert page_clock.settle(pg, 10_000) is True
        assert page_clock.painted_ms(pg.locator("#figure")) is None and 350 <= page_clock.whole_ms(pg) < 1_000
        pg.evaluate("window.__clock.log = []")  # nothing changes after this: it is never still "since a change"
        assert page_clock.settle(pg, 1_500) is False
    finally:
        pg.close()


REST_PAGE = """<p>loading</p><script>
// the rest of a page's load: DOM changes until 600 ms, then a long frame with none (plotly.js compiling)
for (const t of [100, 300, 600]) setTimeout(() => document.body.append(document.createElement('div')), t);
setTimeout(() => { const end = performance.now() + 150; while (performance.now() < end); }, 800);
if (document.title === 'busy') setInterval(() => document.body.append(document.createElement('div')), 100);
</script>"""


def test_the_benchmark_makes_a_change_only_on_a_page_at_rest(browser):
    """rest() returns once the page has changed nothing and run no long frame for QUIET_MS: after the load's last
    DOM change (600 ms) and its long frame without one (800–950 ms), not before; a page that never stops changing
    is reported (False) when the limit is reached."""
    from benchmarks import page_clock

    pg = browser.new_page()
    try:
        page_clock.install(pg)
        pg.goto("data:text/html," + quote(REST_PAGE))
        assert page_clock.rest(pg, 10_000) is True
        assert pg.evaluate("performance.now()") >= 950 + page_clock.QUIET_MS
        assert page_clock.rest(pg, 10_000) is True  # at once when nothing has happened since
        pg.goto("data:text/html," + quote("<title>busy</title>" + REST_PAGE))
        assert page_clock.rest(pg, 1_500) is False
    finally:
        pg.close()


def test_the_benchmark_counts_a_documents_changes_from_its_load(browser):
    """changes_before() is 0 for the first change a loaded document is timed for, then counts; a new document
    (a page load) starts again at 0."""
    from benchmarks import page_clock

    pg = browser.new_page()
    try:
        page_clock.install(pg)
        pg.goto("data:text/html," + quote(CLOCK_PAGE))
        assert [page_clock.changes_before(pg) for _ in range(3)] == [0, 1, 2]
        pg.goto("data:text/html," + quote(REST_PAGE))
        assert page_clock.changes_before(pg) == 0
    finally:
        pg.close()


def test_the_interaction_benchmark_marks_each_change_first_after_a_load_or_not(browser, monkeypatch):
    """timed() records with each change whether it was the first since the document was loaded: the report's
    split (first_and_later) rests on it."""
    from benchmarks import interaction, page_clock

    for name in ("FIRST", "WALL", "DRAWS", "DRAWN", "UNCHANGED", "UNRESTED", "UNSETTLED"):
        monkeypatch.setattr(interaction, name, {})
    pg = browser.new_page()
    try:
        page_clock.install(pg)
        for _ in range(2):  # two loads, two changes each
            pg.goto("data:text/html," + quote(CLOCK_PAGE))
            for _ in range(2):
                interaction.timed_on("clock", pg, lambda: pg.locator("#box").click(), pg.locator("#figure"), "new")
        assert [first for first, _ in interaction.FIRST["clock"]] == [True, False, True, False]
        assert all(ms is not None and ms > 0 for _, ms in interaction.FIRST["clock"])
    finally:
        pg.close()


def test_no_parent_frame_may_control_the_page(page):
    """client.allowedOrigins is empty (config.toml): Streamlit's page then keeps no listener for a host's
    messages (stop or rerun the script, set an auth token), which with its default list of its own hosting
    domains checked every message the page posts about itself against sixteen origin patterns (12 ms a change
    of the profile with Chromium on one core: benchmarks/RESULTS.md §6, twenty-fifth session)."""
    page.goto(f"{page.base}/occupation?role=11-3051")
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("246,250", timeout=30_000)
    cdp = page.context.new_cdp_session(page)
    window = cdp.send("Runtime.evaluate", {"expression": "window", "objectGroup": "t"})["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": window})["listeners"]
    handlers = [
        cdp.send("Runtime.callFunctionOn", {"functionDeclaration": "function () { return String(this) }",
                                            "objectId": x["handler"]["objectId"], "returnByValue": True})["result"]["value"]
        for x in listeners
        if x["type"] == "message"
    ]  # fmt: skip
    assert handlers, "the page has none of its own message listeners: the check below would see nothing"
    assert not [h for h in handlers if "stCommVersion" in h], handlers


def test_a_change_asks_the_server_for_nothing_but_its_run(page):
    """The tab's icon is written into the page (a data URL of dashboard/assets/icon.png): the page sets it again
    on every run, and as a file's address it was fetched from the server on every change (a request per
    visitor per change). A change of area now makes no request at all; its run comes over the websocket."""
    page.goto(f"{page.base}/occupation?role=11-3051")
    metric = page.locator("[data-testid='stMetricValue']").first
    expect(metric).to_have_text("246,250", timeout=30_000)
    assert page.evaluate("document.querySelector(\"link[rel='shortcut icon']\").href") == ICON
    assert base64.b64decode(ICON.split(",", 1)[1]) == ICON_FILE.read_bytes()
    run_over(page)
    page.wait_for_load_state("networkidle")  # what the load itself fetches (plotly.js for the first chart) is done
    pick(page, "Area", "Michigan")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Figures for Michigan", exact=True)).to_be_visible(timeout=30_000)
    run_over(page)
    page.wait_for_timeout(1_000)  # the icon was asked for after the run's elements
    assert asked == []


def received(page) -> list[bytes]:
    """The messages the page's websocket receives from now on (each a ForwardMsg: what a run sends)."""
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda p: frames.append(p if isinstance(p, bytes) else p.encode())),
    )
    return frames


def test_a_change_of_area_sends_the_profiles_area_part_alone(page):
    """The profile's area changes its figures and wage percentiles, its program links, "Where people train for
    it", the sidebar's page links and the footer's notes, all drawn by one section (frame.view): a change of area
    reruns that part alone, and the national sections (the trend, what they do, similar roles) are not sent
    again. A change of the wage basis, which the national trend follows, still reruns the whole page."""
    frames = received(page)
    page.goto(f"{page.base}/occupation?role=11-3051")
    expect(page.get_by_text("Where people train for it: United States")).to_be_visible(timeout=30_000)
    run_over(page)
    assert b"What they do" in b"".join(frames)  # the page's load sent them: the check below can see them
    note = page.get_by_text(re.compile(r"^State projections: Projections Central"))
    expect(note).to_have_count(0)

    frames.clear()
    pick(page, "Area", "Michigan")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Where people train for it: Michigan")).to_be_visible(timeout=30_000)
    run_over(page)
    page.wait_for_timeout(500)
    sent = b"".join(frames)
    assert b"Figures for Michigan" in sent and b"area=2600000" in sent  # the figures, and links carrying the area
    for national in (b"What they do", b"Similar roles", b"Where the openings come from", b"Finer O*NET occupations"):
        assert national not in sent, national
    expect(note).to_have_count(1)  # the footer's note for the state's projections, written with the area's part
    program = page.get_by_test_id("stMain").locator("a[href*='cip=52.0205']")  # Operations Management, a link
    assert "area=2600000" in program.get_attribute("href")
    assert "area=2600000" in page.get_by_test_id("stSidebar").locator("a[href*='geography']").get_attribute("href")
    expect(page.get_by_text("Where the openings come from", exact=True)).to_have_count(1)  # drawn once, kept

    frames.clear()
    page.get_by_text("Hourly", exact=True).click()
    expect(page.get_by_text(re.compile(r"^Median hourly wage"))).to_be_visible(timeout=30_000)
    run_over(page)
    page.wait_for_timeout(500)
    assert b"What they do" in b"".join(frames)  # the trend follows the wage basis: the page reran
    expect(note).to_have_count(1)
    assert page.evaluate("location.search") == "?role=11-3051&area=2600000&wage=hourly"


@pytest.mark.parametrize(
    "path, heading, sent, national, place, code",
    [  # the career ladder: the wages at each step; what to learn at each step is national
        ("/pathways", "Wage band at each step, {}", "wages for {}", "What to learn at each step", "Ohio", "3900000"),
        # Compare: the wage ranges, jobs and outlook, the table; the employment trend is national
        ("/compare?role=11-3051,51-1011,11-1021", "Annual wage range, {}", "Employment in {}",
         "Employment trend, United States", "Texas", "4800000"),
    ],
)  # fmt: skip
def test_a_change_of_area_leaves_a_pages_national_sections(page, path, heading, sent, national, place, code):
    """On the career ladder and Compare the area changes the figures, charts, table and brief, and the presenter
    link (frame.view); the national section under them is not sent again on a change of area."""
    frames = received(page)
    page.goto(f"{page.base}{path}")
    expect(page.get_by_role("heading", name=heading.format("United States"))).to_be_visible(timeout=30_000)
    run_over(page)
    assert national.encode() in b"".join(frames)  # the load sent it: the check below can see it
    frames.clear()
    pick(page, "Area", place)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=heading.format(place))).to_be_visible(timeout=30_000)
    run_over(page)
    page.wait_for_timeout(500)
    got = b"".join(frames)
    assert sent.format(place).encode() in got and national.encode() not in got
    presenter = page.get_by_test_id("stSidebar").get_by_role("link", name=re.compile("Presenter view"))
    assert f"area={code}" in presenter.get_attribute("href") and "present=1" in presenter.get_attribute("href")
    expect(page.get_by_role("heading", name=national)).to_have_count(1)  # drawn once, kept


WHOLE_PAGE_PARTS = [  # (address, the control, two choices, what each shows, a parameter the address takes)
    ("/industry?industry=31--34", "Industry (type to search name or code)", ["(336000)", "(325000)"],
     ["Transportation Equipment Manufacturing", "Chemical Manufacturing"], "industry=325000"),
    ("/?industry=31--34", "Industry (type to search name or code)", ["(336000)", "(325000)"],
     ["in Transportation Equipment Manufacturing (national)", "in Chemical Manufacturing (national)"],
     "industry=325000"),
    ("/programs?cip=48.0508&area=2600000", "Area", ["Ohio", "Texas"],
     ["Who graduates in it: Ohio", "Who graduates in it: Texas"], "area=4800000"),
    ("/demand?area=2600000", "Choose the state", ["Ohio", "Texas"],
     ["occupations Ohio projects", "occupations Texas projects"], "area=4800000"),
    ("/geography?role=11-3051", "Occupation (type to search)", ["(29-1141)", "(51-1011)"],
     ["Registered Nurses: median annual wage by state", "First-Line Supervisors of Production and Operating "
      "Workers: median annual wage by state"], "role=51-1011"),
    ("/trends?role=11-3051", "Occupations (up to 6; type to search)", ["(29-1141)", "(51-1011)"],
     ["Registered Nurses", "First-Line Supervisors of Production and Operating Workers"], "role=11-3051,29-1141,51-1011"),
]  # fmt: skip


@pytest.mark.parametrize("path, control, choices, shows, param", WHOLE_PAGE_PARTS)
def test_a_pages_controls_rerun_its_part_alone(page, path, control, choices, shows, param):
    """On the pages whose controls change everything under their title (Industry, Explore, Programs, the
    in-demand list, Geography, Trends) the controls and what they change are the page's part (frame.view): a change
    reruns the part alone. What the frame draws around it (the slides row under the page) is not sent again, the
    address, the sidebar's links and the footer follow the change, and nothing the part writes outside its place
    (the controls in the sidebar, the presenter link, the footer's notes) is added twice."""
    frames = received(page)
    page.goto(f"{page.base}{path}")
    expect(page.get_by_role("button", name="Add to slides")).to_be_visible(timeout=30_000)
    run_over(page)
    assert b"Download slides (.pptx)" in b"".join(frames)  # the load sent it: the check below can see it
    sidebar = page.get_by_test_id("stSidebar")
    # the pages' links are drawn last, by the part: counted once they are there (on a busy machine the page's words
    # came to rest while only the presenter link was in the sidebar, twice in one CI run)
    expect(sidebar.get_by_role("link", name="Explore")).to_have_count(1, timeout=30_000)
    _words(page)
    links = sidebar.get_by_role("link").count()
    for choice, shown in zip(choices, shows, strict=True):
        frames.clear()
        pick(page, control, choice)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")  # a multiselect stays open after Enter (and hides the page's links meanwhile)
        expect(page.get_by_text(shown).first).to_be_visible(timeout=30_000)
        run_over(page)
        page.wait_for_timeout(500)
        got = b"".join(frames)
        assert shown.split(":")[0].encode() in got and b"Download slides (.pptx)" not in got
    assert param in unquote(page.evaluate("location.search"))
    expect(sidebar.get_by_label(control)).to_have_count(1)
    assert sidebar.get_by_role("link").count() == links  # the pages' links and the presenter link, once each
    for presenter in sidebar.get_by_role("link", name=re.compile("Presenter view")).all():  # Explore has none
        assert param in unquote(presenter.get_attribute("href"))
    expect(page.get_by_role("button", name="Add to slides")).to_have_count(1)
    after = _words(page)
    page.goto(page.url)  # the same view, opened from its address
    expect(page.get_by_text(shows[-1]).first).to_be_visible(timeout=30_000)
    # the pages' links come last (the part draws them): its words are read once they are there, not before
    expect(sidebar.get_by_role("link")).to_have_count(links, timeout=30_000)
    assert after == _words(page, like=after)


def test_a_note_that_only_a_parts_rerun_brings_is_shown(page):
    """Explore's footer has no note for a national industry view; a search that matches O*NET titles, rerun as the
    page's part alone, brings O*NET's attribution. Streamlit lets a section's rerun write only into outside containers
    the last full run wrote into: the notes' place is written on every run, notes or none."""
    from dashboard.domain.onet import ATTRIBUTION

    page.goto(f"{page.base}/?industry=336000")
    attribution = page.get_by_text(ATTRIBUTION[:60])
    _words(page)
    expect(attribution).to_have_count(0)
    page.get_by_label("Job title search").fill("nurse")
    page.keyboard.press("Enter")
    expect(attribution).to_have_count(1, timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("This app has encountered an error")).to_have_count(0)


def test_a_parts_rerun_reads_the_view_its_last_run_wrote(page):
    """A part's rerun reads the view from the address as its last run wrote it, not as the page's last full run read
    it: on Explore, roles from the link cleared by a search that is then emptied stay cleared when another filter
    changes; on Geography, a state picked again after "All states" is that state, not the metro area the page was
    opened with."""
    page.goto(f"{page.base}/?role=11-3051,51-1011")
    expect(page.get_by_text("Roles from the link:")).to_be_visible(timeout=30_000)
    search = page.get_by_label("Job title search")
    search.fill("weld")
    search.press("Enter")
    expect(page.get_by_text("Matches (the best")).to_be_visible(timeout=30_000)
    search.fill("")
    search.press("Enter")
    expect(page.get_by_text("Matches (the best")).to_have_count(0, timeout=30_000)
    _words(page)
    everything = page.url
    pick(page, "Typical education", "Bachelor")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"education="), timeout=30_000)
    _words(page)
    assert "role=" not in unquote(page.url) and "role=" not in unquote(everything)
    expect(page.get_by_text("Roles from the link:")).to_have_count(0)

    page.goto(f"{page.base}/geography?role=11-3051&area=0018140")  # Columbus, OH (a metro area)
    expect(page.get_by_text(re.compile(r"Columbus, OH$")).first).to_be_visible(timeout=30_000)
    pick(page, "State (shows its metro areas)", "All states")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: "area=" not in u, timeout=30_000)
    pick(page, "State (shows its metro areas)", "Ohio")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"area=3900000"), timeout=30_000)
    _words(page)
    assert "area=3900000" in page.url


def _words(page, like: list[str] | None = None) -> list[str]:
    """The page's words (headings, captions, notes, labels, links), once they stay the same for half a second; with
    `like`, once they are those words, or as they are after 30 s. Metrics and download buttons come from code
    Streamlit's frontend loads when they are first drawn: in one CI run a page reopened from its address rested half
    a second without them, its other words all there."""
    texts = page.locator("[data-testid='stMarkdownContainer'], [data-testid='stSidebar'] a")
    now = None
    for _ in range(40 if like is None else 60):
        page.wait_for_timeout(500)
        last, now = now, texts.all_inner_texts()
        if now == (last if like is None else like) and not is_running(page):
            return now
    if like is not None:
        return now
    raise AssertionError("the page did not come to rest")


def test_the_brief_and_a_similar_role_follow_an_area_changed_alone(page, ds):
    """A change of area reruns the profile's area part alone (frame.view): the brief button and the similar
    roles, drawn by the page's last full run, still follow it (the brief reads the area shown when it is asked
    for; a similar role's click reruns the page, which reads the address the part wrote)."""
    page.goto(f"{page.base}/occupation?role=11-3051")
    expect(page.get_by_role("heading", name="Similar roles")).to_be_visible(timeout=30_000)
    pick(page, "Area", "Ohio")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Where people train for it: Ohio")).to_be_visible(timeout=30_000)
    run_over(page)
    brief, html, _ = open_brief(page)
    w = ds.wages.loc[("11-3051", "3900000")]
    expect(brief.get_by_text(f"${w['annual_median']:,.0f}").first).to_be_visible()
    assert "Ohio" in html
    brief.close()
    page.get_by_role("button", name=re.compile(r"First-Line Supervisors of Production")).click()
    page.wait_for_url(re.compile(r"role=51-1011.*area=3900000"), timeout=20_000)
    expect(page.get_by_text("Where people train for it: Ohio")).to_be_visible(timeout=30_000)
