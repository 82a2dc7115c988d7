"""The Trends, Compare and Programs briefs printed by Chromium (page.pdf) on Letter and A4: every page has text
(no blank page), a table row is never split across two pages, and poppler's pdfinfo reads the page size asked for."""

import html as html_
import re
import subprocess

import pytest
from test_browser import browser  # noqa: F401 (fixture)

from dashboard.present.brief_program import program_brief
from dashboard.present.brief_views import compare_brief, trends_brief

pytestmark = pytest.mark.browser
SIX = ["11-3051", "15-1252", "29-1141", "47-2111", "51-4121", "53-3032"]
BRIEFS = {
    "compare": lambda ds: compare_brief(ds, ["11-3051", "11-1021", "51-1011"], "2600000"),
    "trends-employment": lambda ds: trends_brief(ds, SIX, "employment", False, False, False),
    "trends-wage": lambda ds: trends_brief(ds, ["11-3051", "15-1252"], "wage", False, True, False),
    "programs": lambda ds: program_brief(ds, "48.0501", "2600000", None),
}
SIZES = {"Letter": (612, 792), "A4": (595, 842)}  # points, as pdfinfo reports them


def _pages(pdf) -> list[str]:
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout)[1])
    return [
        subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True, text=True).stdout
        for i in range(1, n + 1)
    ]


def _row_figures(html: str) -> list[list[str]]:
    """Each table row's right-aligned figures (class n), as the page shows them."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    out = []
    for r in rows:
        cells = [html_.unescape(c) for c in re.findall(r'<td class="?n"?>(.*?)</td>', r)]
        cells = [c for c in cells if re.search(r"\d", c)]
        if len(cells) >= 2:
            out.append(cells)
    return out


@pytest.mark.parametrize("fmt", SIZES)
@pytest.mark.parametrize("name", BRIEFS)
def test_brief_prints_cleanly(browser, ds, tmp_path, name, fmt):  # noqa: F811
    html = BRIEFS[name](ds)
    requests: list[str] = []
    page = browser.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.set_content(html)
    pdf = tmp_path / f"{name}-{fmt}.pdf"
    pdf.write_bytes(page.pdf(format=fmt))
    page.close()
    assert [r for r in requests if not r.startswith(("data:", "about:"))] == []  # nothing fetched
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    w, h = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert abs(w - SIZES[fmt][0]) < 2 and abs(h - SIZES[fmt][1]) < 2, info
    pages = _pages(pdf)
    assert 1 <= len(pages) <= 4, len(pages)
    assert all(len(p.split()) >= 10 for p in pages), [len(p.split()) for p in pages]  # no blank page
    assert "Sources" in "".join(pages[-2:]) and "Compiled by Workforce Outlook" in pages[-1]  # the citation last
    rows = _row_figures(html)
    assert rows
    for cells in rows:
        first = {i for i, p in enumerate(pages) if cells[0] in p}
        last = {i for i, p in enumerate(pages) if cells[-1] in p}
        assert first & last, (cells, first, last)  # the row's first and last figure on one page
