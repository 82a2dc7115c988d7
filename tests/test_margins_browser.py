"""Every chart is given the margins plotly's automargin would push it to (present/margins.py), so plotly draws
it once instead of two or three times: checked against plotly itself in Chromium, on the real charts of
every page that has them, and in the app."""

import json
import os
from pathlib import Path

import plotly
import pytest
from apptest import app_test
from test_browser import browser, drawn, server, show_charts  # noqa: F401 (fixtures)

from dashboard.present import margins
from tests.apptest import charts_on

pytestmark = pytest.mark.browser
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
VIEWS = {
    "occupation": {"role": "11-3051", "area": "MI"},
    "explore": {"industry": "31--34"},
    "industry": {"industry": "31--34"},
    "geography": {"role": "51-1011", "measure": "annual_median", "area": "MI"},
    "compare": {"role": "11-3051,11-1021,51-1011"},
    "demand": {"area": "MI"},
    "trends": {"role": "11-3051,15-1252"},
    "programs": {"cip": "48.0508", "area": "OH"},
}
WIDTH = 760  # the main column's width beside the sidebar at 1280 px

# draw a figure as given and with one margin narrowed: plotly's margins after each
DRAW = """async ([fig, side, less]) => {
  const gd = document.getElementById('g');
  const draw = async (layout) => {
    Plotly.purge(gd);
    await Plotly.newPlot(gd, JSON.parse(JSON.stringify(fig.data)), layout);
    const s = gd._fullLayout._size;
    return {l: s.l, r: s.r, t: s.t, b: s.b};
  };
  const given = await draw(JSON.parse(JSON.stringify(fig.layout)));
  const narrowed = JSON.parse(JSON.stringify(fig.layout));
  narrowed.margin[side] -= less;
  return [given, await draw(narrowed)];
}"""


def _figures(name: str) -> list[dict]:
    at = app_test(name, VIEWS[name]).run()
    assert not at.exception, at.exception
    return [json.loads(el.spec) for el in charts_on(at)]


@pytest.fixture(scope="module")
def plotly_page(browser):  # noqa: F811
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    pg.set_content(f"<div id=g style='width:{WIDTH}px'></div>")
    pg.add_script_tag(path=str(PLOTLY_JS))
    yield pg
    pg.close()


@pytest.mark.parametrize("name", list(VIEWS))
def test_each_chart_gets_the_margins_plotly_would_push_to(plotly_page, name):
    """Where `margins.needed` foresees a side, plotly keeps the margin given (no second draw), and where the
    side was widened for it plotly needs all of it (3 px less and plotly pushes it back out): as wide as
    automargin makes it, within its own padding."""
    foreseen = 0
    figures = _figures(name)
    assert figures, name
    for fig in figures:
        fig["layout"]["width"] = WIDTH
        title = (fig["layout"].get("title") or {}).get("text", "")[:60]
        for side, px in margins.needed(fig["data"], fig["layout"]).items():
            given = fig["layout"]["margin"][side]
            kept, narrowed = plotly_page.evaluate(DRAW, [fig, side, 3])
            assert kept[side] == given, (name, title, side, given, kept)  # drawn once: no margin pushed
            if px == given:  # widened to it, not wider than the chart asked for itself
                assert narrowed[side] > given - 3, (name, title, side, given, narrowed)  # no room to spare
            foreseen += 1
    assert foreseen >= len(figures), (name, foreseen, len(figures))  # most charts have both sides foreseen


def test_the_profiles_charts_are_drawn_once_in_the_app(browser, server):  # noqa: F811
    """In the app (Streamlit's own plotly), every chart of the profile keeps the left and bottom margins the
    server gave it: plotly had nothing to push, so it drew each chart once."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.goto(f"{server}/occupation?role=11-3051&area=MI")
    show_charts(pg)
    drawn(pg)
    sizes = pg.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
             title: (gd._fullLayout.title.text || '').slice(0, 50),
             given: gd.layout.margin, got: {l: gd._fullLayout._size.l, b: gd._fullLayout._size.b}}))"""
    )
    ctx.close()
    assert len(sizes) >= 5, sizes
    pushed = [s for s in sizes if s["got"]["l"] != s["given"]["l"] or s["got"]["b"] != s["given"]["b"]]
    assert not pushed, pushed


MEASURE = """([family, chars]) => {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
  t.setAttribute('style', `font-family: ${family}; font-size: 1000px`);
  svg.appendChild(t); document.body.appendChild(svg);
  const width = s => { t.textContent = s; return t.getComputedTextLength(); };
  const out = {};
  for (const ch of chars) out[ch] = width('x' + ch + 'x') - width('xx');  // the advance, spaces included
  svg.remove();
  return out;
}"""


def test_chart_text_widths_are_chromiums(plotly_page):
    """assets/text_widths.json is each character's advance as Chromium draws chart text, to 0.5/1000 em
    (WRITE_TEXT_WIDTHS=1 writes the file from this machine's Chromium instead)."""
    doc = json.loads(margins.WIDTHS_FILE.read_text(encoding="utf-8"))
    measured = plotly_page.evaluate(MEASURE, [doc["family"], list(doc["widths"])])
    if os.environ.get("WRITE_TEXT_WIDTHS") == "1":
        doc["widths"] = {ch: round(w, 1) for ch, w in measured.items()}
        margins.WIDTHS_FILE.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    off = {ch: (w, measured[ch]) for ch, w in doc["widths"].items() if abs(w - measured[ch]) > 0.5}
    assert not off, off
    assert len(doc["widths"]) > 190 and doc["widths"]["W"] > doc["widths"]["0"] > doc["widths"]["i"]
