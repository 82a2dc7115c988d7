"""At laptop widths (1280 and 1440 px) in Chromium: tables show the columns a user came for whole, labels are not cut.

st.dataframe draws on a canvas (glide-data-grid): its accessible table lists the columns on screen, and the widths
the app sets come with the page (AppTest reads them). A column is whole when its width holds its heading and its
widest cell as Chromium measures them in the grid's font, and the columns before it fit the grid's visible width.
"""

import itertools
import json

import pytest
from apptest import app_test

from tests.test_browser import browser, drawn, server  # noqa: F401 (fixtures: one server for this module)

pytestmark = pytest.mark.browser

CELL_PADDING = 16  # glide-data-grid's padding, 8 px either side of a cell's text

# (link, the columns a user came for at 1280 px, those also whole at 1440 px)
TABLES = [
    (
        "/",
        ["Occupation", "National openings a year", "National growth 2024–34 (%)", "Median annual wage, United States"],
        [],
    ),
    (
        "/compare?role=11-3051,11-1021,51-1011",
        ["Occupation", "SOC code", "Employment, United States", "Median annual wage, United States"],
        ["National growth 2024–34 (%)"],
    ),
    (
        "/industry?industry=31--34",
        ["Occupation", "SOC code", "Employment in the industry", "Share of the industry's jobs (%)"],
        ["Median annual wage in the industry"],
    ),
    ("/pathways?pathway=manufacturing-management", ["Step", "From", "Skill or knowledge"], []),
    (
        "/demand?area=MI",
        ["Occupation", "In-demand rank, Michigan", "Score (0–100)", "Michigan openings a year 2022–32"],
        [],
    ),
    (
        "/programs?cip=52.0205&area=MI",
        ["Occupation", "SOC code", "Median annual wage, Michigan", "Employment, Michigan"],
        [],
    ),
]

GRIDS = """() => [...document.querySelectorAll("[data-testid='stMain'] [data-testid='stDataFrame']")]
  .filter(d => d.offsetParent && d.querySelector('table')).map(d => {
    const s = d.querySelector('.dvn-scroller');
    const style = getComputedStyle(d.querySelector("[style*='--gdg-header-font-style']") || d);
    return {visible: s.clientWidth, columns: +d.querySelector('table').getAttribute('aria-colcount'),
            headers: [...d.querySelectorAll('table thead th')].map(t => t.textContent),
            font: style.getPropertyValue('--gdg-header-font-style') + ' ' + style.getPropertyValue('--gdg-font-family')};
  })"""

MEASURE = """([texts, font]) => { const c = document.createElement('canvas').getContext('2d'); c.font = font;
  return texts.map(t => c.measureText(t).width); }"""


def _shown(value, config: dict) -> str:
    """A cell as the grid shows it: 'not released' for a gap, a figure with its format, text as it is."""
    if value is None or value != value:
        return "not released"
    fmt = config.get("type_config", {}).get("format")
    if isinstance(value, (int, float)) and fmt == "dollar":
        return f"${value:,.2f}" if abs(value) < 1000 and value != int(value) else f"${value:,.0f}"
    if isinstance(value, (int, float)) and fmt == "localized":
        return f"{value:,.0f}"
    if isinstance(value, (int, float)) and fmt and "%" in fmt:
        return fmt % value
    return str(value)


def _configured(link: str, came_for: list[str]):
    """The table (its frame and each column's settings) of the page that holds the columns a user came for."""
    path, _, query = link.partition("?")
    name = path.strip("/") or "explore"
    at = app_test(name, dict(p.split("=", 1) for p in query.split("&")) if query else {})
    at.run()
    assert not at.exception, at.exception
    for d in at.dataframe:
        if set(came_for) <= set(d.value.columns):
            return d.value, json.loads(d.proto.columns)
    raise AssertionError(f"no table on {link} has {came_for}")


@pytest.mark.parametrize(("link", "at_1280", "more_at_1440"), TABLES, ids=[t[0] for t in TABLES])
def test_tables_show_the_columns_a_user_came_for(browser, server, link, at_1280, more_at_1440):  # noqa: F811
    """At 1440 px Explore's wage read "$31,20", the Pathways skills table "4." and Industry's wage column was off
    screen; Compare, Programs and Demand cut their headings (issue 29, 6). Now the key column is pinned, every
    column has its width, and the columns a user came for are whole without sideways scrolling."""
    table, config = _configured(link, at_1280 + more_at_1440)
    pinned = [c for c in table.columns if config.get(c, {}).get("pinned")]
    assert pinned == [at_1280[0]]
    order = pinned + [c for c in table.columns if c not in pinned]  # the grid draws pinned columns first
    for width, came_for in ((1280, at_1280), (1440, at_1280 + more_at_1440)):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        pg = ctx.new_page()
        pg.goto(server + link)
        drawn(pg)
        tables = pg.locator("[data-testid='stMain'] [data-testid='stDataFrame'] table")
        tables.first.wait_for(state="attached", timeout=30_000)  # the grid's accessible table, once drawn
        # the page's other grids may be drawn first: wait for the one that holds these columns
        first_two = json.dumps(order[:2], separators=(",", ":"), ensure_ascii=False)  # as JSON.stringify writes it
        pg.wait_for_function(
            f"() => ({GRIDS})().some(g => JSON.stringify(g.headers.slice(0, 2)) === {json.dumps(first_two)})",
            timeout=30_000,
        )
        grid = next(g for g in pg.evaluate(GRIDS) if g["headers"][:2] == order[:2])
        assert grid["columns"] == len(table.columns)
        assert order[: len(came_for)] == came_for
        assert set(came_for) <= set(grid["headers"]), (width, grid["headers"])  # on screen
        used = 0
        for column in came_for:
            c = config[column]
            cells = [column] + ([] if column == at_1280[0] and c.get("type_config", {}).get("type") == "text" else
                                sorted({_shown(v, c) for v in table[column]}, key=len)[-3:])  # fmt: skip
            widest = max(pg.evaluate(MEASURE, [cells, grid["font"]]))
            assert c["width"] >= widest + CELL_PADDING, (width, column, widest)  # nothing cut to "$31,20" or "…"
            used += c["width"]
        assert used <= grid["visible"], (width, used, grid["visible"])  # no sideways scrolling to reach them
        ctx.close()


CLIPPED = """(selector) => [...document.querySelectorAll(selector)].filter(e => e.offsetParent)
  .flatMap(e => [e, ...e.querySelectorAll('*')])
  .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
               && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent)"""


def test_no_cut_labels_at_1440(browser, server):  # noqa: F811
    """Pathways' step labels ("4. Operations or plant m…"), the Industry sidebar's select ("· Sectors 31, 32, and
    33 - Manufac…") and an 80 px blank band under a program's title (issue 29, 7)."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = ctx.new_page()
    pg.goto(f"{server}/pathways?pathway=manufacturing-management")
    pg.locator("[data-testid='stMetricLabel']").nth(4).wait_for(timeout=30_000)  # the ladder's five steps
    drawn(pg)
    labels = pg.locator("[data-testid='stMetricLabel']").all_inner_texts()
    assert "4. Operations or plant manager" in labels
    assert pg.evaluate(CLIPPED, "[data-testid='stMetricLabel']") == []

    pg.goto(f"{server}/industry?industry=31--34")
    drawn(pg)
    box = pg.locator("[data-testid='stSidebar'] [data-testid='stSelectbox'] input").first
    assert box.input_value() == "· Manufacturing (31--34)"
    assert box.evaluate("(e) => e.scrollWidth <= e.clientWidth")  # the whole name in the box, no "Manufac"

    pg.goto(f"{server}/programs?cip=52.0205&area=MI")
    drawn(pg)
    title = pg.locator("[data-testid='stMain'] h1").first
    lines = title.evaluate(
        "(h) => { const s = getComputedStyle(h); return (h.clientHeight - parseFloat(s.paddingTop)"
        " - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight); }"
    )
    assert lines < 1.5  # one line: nothing (the anchor icon) wraps onto an invisible second one
    ctx.close()


BOXES = """c => [...c.querySelectorAll('.scatterlayer .trace')]
  .filter(t => t.querySelector('.textpoint') && !t.querySelector('.point'))
  .flatMap(t => [...t.querySelectorAll('.textpoint text')]).concat([...c.querySelectorAll('.annotation-text-g')])
  .map(e => { const b = e.getBoundingClientRect();
    return {text: e.textContent, l: b.left, r: b.right, t: b.top, b: b.bottom}; })"""


@pytest.mark.parametrize("width", [1024, 1366])
@pytest.mark.parametrize(
    "link",
    [
        "/?area=CA",
        "/",
        "/programs?cip=48.0501",
        "/programs?cip=12.0506",
        "/?area=TX&group=37-0000",
        "/programs?cip=15.0406",
    ],
)
def test_names_and_line_labels_on_the_bubble_chart_do_not_cover_each_other(browser, server, link, width):  # noqa: F811
    """Explore's names ran into each other ("General and Operations Managers" over "Business Operations
    Specialists"; eight pairs at 1024 px), a program's 13 names lay on top of one another, and the average
    growth's label sat on the median's (/programs?cip=12.0506). Each name and each line's label now has its
    own room."""
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    pg = ctx.new_page()
    pg.goto(server + link)
    drawn(pg)
    boxes = pg.locator(".js-plotly-plot").first.evaluate(BOXES)
    texts = [b["text"] for b in boxes]
    assert sum(t.startswith(("Average growth", "All occupations median")) for t in texts) == 2, texts
    assert len(boxes) >= 4, texts
    covered = [
        (a["text"], b["text"])
        for a, b in itertools.combinations(boxes, 2)
        if not (a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"])
    ]
    assert covered == []
    # and each line's label inside the chart (a label fitted for, then re-centred away from, ran 69 px past it)
    box = pg.locator(".js-plotly-plot").first.bounding_box()
    labels = [b for b in boxes if b["text"].startswith(("Average growth", "All occupations median"))]
    assert all(box["x"] - 1 <= b["l"] and b["r"] <= box["x"] + box["width"] + 1 for b in labels), (box, labels)
    ctx.close()


def _contrast(rgb) -> float:
    def channel(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_a_table_s_pinned_names_reach_wcag_aa(browser, server, tmp_path):  # noqa: F811
    """The grid draws its pinned first columns "faded", at 60% of the text colour: from Streamlit's #2F2D2B
    that was #828180 on white (3.8:1). The theme's darker text brings them to 4.5:1 or more."""
    from PIL import Image

    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = ctx.new_page()
    pg.goto(f"{server}/pathways?area=CA")
    drawn(pg)
    grid = pg.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    pg.wait_for_timeout(500)
    shot = tmp_path / "grid.png"
    grid.screenshot(path=str(shot))
    im = Image.open(shot).convert("RGB")
    w, h = im.size
    # the step and occupation columns (pinned), under the heading row: their darkest pixel is the glyphs' colour
    names = [im.getpixel((x, y)) for x in range(40, int(w * 0.4)) for y in range(40, h - 4)]
    darkest = min(names, key=sum)
    assert sum(darkest) < 3 * 200, darkest  # text was found
    assert _contrast(darkest) >= 4.5, darkest
    ctx.close()
