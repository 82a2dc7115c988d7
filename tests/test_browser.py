"""Playwright driving Debian's Chromium against `workforce-outlook serve` on a free local port."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port), "--address", "127.0.0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"server did not start: {proc.stdout.read().decode()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(10)


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
def page(browser, server):
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
    """A screenshot for the README and for review (tests/artifacts; copy chosen ones to tests/screenshots)."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = pg.viewport_size
    pg.set_viewport_size({"width": size["width"], "height": height})
    pg.wait_for_timeout(800)  # charts re-lay out to the new size
    pg.screenshot(path=ARTIFACTS / f"{name}.png")
    pg.set_viewport_size(size)


def test_profile_numbers_match_data(page, ds):
    page.goto(f"{page.base}/occupation?role=11-3051")
    expect(page.get_by_role("heading", name="Industrial Production Managers")).to_be_visible(timeout=30_000)
    w = ds.wages.loc[("11-3051", "0000000")]
    p = ds.projections.loc["11-3051"]
    metrics = page.locator("[data-testid='stMetricValue']")
    expect(metrics.first).to_have_text(f"{w['employment']:,}", timeout=20_000)
    expect(metrics.nth(1)).to_have_text(f"${w['annual_median']:,.0f}")
    expect(metrics.nth(3)).to_have_text(f"{p['openings_annual']:,}")
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=20_000)
    assert page.locator(".js-plotly-plot .bars path").count() >= 5  # the percentile bars are drawn
    shot(page, "profile")


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
    shot(page, "explore-industry")


def test_click_bubble_opens_profile(page):
    page.goto(f"{page.base}/?role=11-3051")
    expect(page.get_by_text("1 occupation in the United States")).to_be_visible(timeout=30_000)
    point = page.locator(".js-plotly-plot .scatterlayer .point").first
    expect(point).to_be_visible(timeout=20_000)
    point.click(force=True)
    page.wait_for_url(re.compile(r"/occupation\?.*role=11-3051"), timeout=20_000)
    expect(page.get_by_role("heading", name="Industrial Production Managers")).to_be_visible(timeout=20_000)


def test_industry_page(page, ds):
    page.goto(f"{page.base}/industry?industry=31--34")
    expect(page.get_by_role("heading", name="Manufacturing", exact=True)).to_be_visible(timeout=30_000)
    total = ds.hiring.loc[("00-0000", "31--34"), "employment"]
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(f"{total:,}", timeout=20_000)
    expect(page.get_by_text("Transportation Equipment Manufacturing").first).to_be_visible(timeout=20_000)
    assert page.locator(".js-plotly-plot .bars path").count() >= 20  # staffing and sub-industry bars drawn
    shot(page, "industry")


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
    expect(page.get_by_text("Metro areas ranked in Michigan")).to_be_visible(timeout=20_000)
    median = ds.wages.loc[("11-3051", "2600000"), "annual_median"]
    expect(page.get_by_text(f"${median:,.0f}").first).to_be_visible()
    expect(page.locator(".js-plotly-plot").nth(2).get_by_text("Detroit-Warren-Dearborn, MI")).to_be_visible()
    assert not [u for u in blocked if "127.0.0.1" not in u], blocked  # nothing was even attempted off the machine
    shot(page, "geography-michigan")


def test_compare_page(page, ds):
    page.goto(f"{page.base}/compare?role=11-3051,11-1021,51-1011")
    expect(page.get_by_role("heading", name="Annual wage range, United States")).to_be_visible(timeout=30_000)
    plot = page.locator(".js-plotly-plot").first
    expect(plot.get_by_text("$126,060")).to_be_visible(timeout=20_000)
    assert plot.locator(".bars path").count() == 6  # two bars (10–90, 25–75) for each of three roles
    shot(page, "compare")


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
    shot(page, "pathway")
    with page.expect_download(timeout=20_000) as dl:
        page.get_by_role("button", name="Printable brief (HTML)").click()
    html = open(dl.value.path(), encoding="utf-8").read()

    requests: list[str] = []
    brief = page.context.new_page()
    brief.on("request", lambda r: requests.append(r.url))
    brief.set_content(html)
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
    assert brief.locator("svg.chart rect.bar").count() >= 20
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
        assert f"area={code}" in page.url
