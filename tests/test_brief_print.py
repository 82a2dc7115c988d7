"""Briefs printed to PDF by Chromium, Letter and A4, and read back with poppler (pdfinfo, pdftotext): the
in-demand brief lists every row, none cut across pages, no blank first page; a state's profile brief stays a
two-page handout (issue 28 items 4 and 11)."""

import re
import subprocess

import pytest
from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium)

from dashboard.domain import demand, supply
from dashboard.present.brief import occupation_brief
from dashboard.present.brief_demand import demand_brief

pytestmark = pytest.mark.browser
MI = "2600000"
SIZES = ["Letter", "A4"]


def printed(browser, html: str, size: str, tmp_path) -> list[str]:  # noqa: F811
    """The text of each printed page (pdftotext, whitespace and hyphens removed: a cell may wrap anywhere, and
    pdftotext drops the hyphen a line broke at, "(29-" "1292)" read as "(291292)")."""
    tab = browser.new_page()
    tab.set_content(html)
    pdf = tmp_path / f"brief-{size}.pdf"
    pdf.write_bytes(tab.pdf(format=size))
    tab.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    return [
        re.sub(
            r"[\s-]+",
            "",
            subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout,
        )
        for n in range(1, pages + 1)
    ]


def code(soc: str) -> str:
    return f"({soc.replace('-', '')})"


def board_list(ds, **query):
    """The rows /demand lists for a board's choices, as the page hands them to the brief."""
    rule = demand.Rule(query.get("growth_above", 0.0), query.get("min_openings", 0))
    floor = demand.wage_floor(ds, MI, query.get("min_wage"))
    shown, apart = demand.split(demand.judged(ds, MI, demand.DEFAULT_WEIGHTS, rule), query.get("education"), floor)
    shown, apart = demand.with_training(ds, shown, MI), demand.with_training(ds, apart, MI)
    html = demand_brief(ds, MI, demand.DEFAULT_WEIGHTS, shown, [], "http://x/demand", None, 2.0, rule, apart)
    return html, shown, apart


@pytest.mark.parametrize("size", SIZES)
def test_in_demand_brief_prints_every_row_whole(ds, browser, tmp_path, size):  # noqa: F811
    """It printed 6 Letter pages, page 1 two-thirds blank, rows split across pages, 'first 40 of 61'."""
    html, shown, apart = board_list(ds, education=("middle-skill",), min_wage="median")
    rows = [*shown.itertuples(), *apart.itertuples()]
    assert len(rows) > 40 and len(apart) > 0  # more than the 40 it listed
    pages = printed(browser, html, size, tmp_path)
    assert code(shown.iloc[0]["soc_code"]) in pages[0]  # the list starts on page one: no blank first page
    headings = ("Rank(in", "Notin")  # the first heading of each list's header row
    for n, text in enumerate(pages):
        assert len(text) > 1500 or n == len(pages) - 1, (n, "a page left mostly blank")
        if n and any(code(r.soc_code) in text for r in rows):
            assert any(h in text for h in headings), (n, "the headings repeat on every page")
    for r in rows:
        on = [n for n, text in enumerate(pages) if code(r.soc_code) in text]
        assert len(on) == 1, (r.soc_code, on)  # listed, once
        # the whole row on that page: its score's arithmetic, every rank it shows, ends beside its title
        for part in re.findall(r"P\d+\.\d", r.how_short) + [f"{r.score:.1f}"]:
            assert part in pages[on[0]], (r.soc_code, part, "a row cut across pages")
    assert len(pages) <= len(rows) // 12 + 2  # as few pages as the list needs: a dozen rows a page or more


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("soc", "area"), [("15-1252", "0600000"), ("11-1021", "4800000"), ("11-3051", MI)])
def test_state_profile_brief_is_two_pages(ds, browser, tmp_path, size, soc, area):  # noqa: F811
    """15-1252 in California and 11-1021 in Texas printed on three Letter pages; the handout is two."""
    pages = printed(browser, occupation_brief(ds, soc, area), size, tmp_path)
    assert len(pages) == 2, [len(p) for p in pages]
    assert "Sources" in pages[1] and ds.occupations.loc[soc, "title"].replace(" ", "") in pages[0]
    assert supply.available(ds) and "Wherepeopletrainforit" in "".join(pages)
