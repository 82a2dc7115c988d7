"""Interaction: the time from a filter change to the updated view in Chromium, and the server's script
time per rerun, against the bare app's rerun (benchmarks/bare_app.py), measured in the same run.

    python -m benchmarks.interaction [--rounds 1] [--pages occupation,explore] [--browser-cores last|all] [--trace]
                                     [--poll] [--from-busy] [--floors] [--pin-servers]

Each change is made as a user makes it (open the select box, type, press Enter), on a page at rest (its load or
the previous change's charts done: page_clock.rest; --from-busy makes it as soon as the page is ready for it, as
before the twenty-third session); the clock starts at
Enter and stops when the figure that depends on the new filter is on screen (its expected value is
computed from data/ beforehand), both read from the page's own clock (page_clock.py: Playwright's check
decides the figure is right; the page says when it was painted). The page is left alone while it updates
(page_clock.settle: Playwright's tries run on its main thread); --poll lets the check poll it instead.
Script time comes from the app's own timing hook (WORKFORCE_TIMINGS). The report also gives, for the changes
that drew a chart, Enter → the end of the last chart draw (plotly's plotly_afterplot) on the same clock, and
the full draws a change: the dashboard's charts draw after the text they sit among (dashboard/web/chart.py),
so the figure's clock alone would not show when the charts had caught up. Only the charts in or near the view
are drawn (a chart further down is drawn when scrolled to): at 1280x800, those at the top of each page.
Chromium runs on one core of its own (the last) unless --browser-cores all: on two cores shared with the
server, its painting of a run's elements while that run is still going stretched the server's script time,
most on the pages with the most elements (RESULTS.md has both). The servers may use every core, as in the issue's
figures; --pin-servers keeps them off Chromium's core (a server's idle-time work, Programs' views of an area made
ahead, can otherwise share it while Chromium updates: RESULTS.md §6, thirty-fourth session).
The report gives each page's script runs per change (it should be 1: a second run means a widget was
written back or the app called st.rerun). It also sets each page's first change after a page load apart from
its later ones: a loaded page runs its first update with code the browser has not yet optimised, and on the pages
with the most elements that change is often their slowest (the figures of record count every change).
The report also gives Chromium's CPU over each change from the kernel's counts (threads.py): what the page's
main thread ran and how long it waited for a core, beside what the renderer's pool of workers (V8's compiles and
garbage collection among Chromium's own tasks) and the rest of Chromium ran, from Enter until the page has been
still for page_clock.QUIET_MS and checked: a window past the figure's paint.
--trace adds where Chromium spent each change (browser_trace.py). --floors adds, for each page, the bare app given
that page's shape in elements no change touches (bare_app.py, "shape"), timed in the same rounds: what Streamlit
costs a page of that size each update, against which the page's own cost can be read (RESULTS.md §6, thirty-third
session); the issue's target stays the bare app's.
The bare app is timed at the start of each round and again at its end, the round's pages between (from the
thirty-fourth session; before, at the start only): a machine that slows or speeds up over a round then weighs on
the baseline as on the pages, and the baseline's p95 rests on twice the changes. The report gives both halves.
Targets (same run): every page's rerun p95 within 2× the bare app's; its browser update p95 within 2× the bare
app's and p50 within 3×. Beside each p95 ratio, in brackets, the range it could take in another run of the same
changes (common.ratio_interval): a page whose range straddles 2× can land either side of it from run to run.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from pathlib import Path
from typing import TypeVar

from playwright.sync_api import expect, sync_playwright

from benchmarks import common, page_clock, threads
from benchmarks.browser_trace import COUNT_DRAWS, Trace, draws_since_enter, reset_draws
from benchmarks.common import (
    browser_cpus,
    cpu_ms,
    launch,
    machine,
    median,
    pct,
    pick,
    ratio_interval,
    read_timings,
    server,
    server_cpus,
    summary,
    wait_healthy,
)
from dashboard.data.dataset import DEFAULT_DATA_DIR, load

STATES = ["Michigan", "Ohio", "Texas", "California", "Indiana", "Georgia", "Illinois", "Wisconsin",
          "Oregon", "Alabama", "Kentucky", "Iowa", "Arizona", "Colorado", "Utah"]  # fmt: skip
ROLES = ["11-3051", "51-1011", "43-5061", "11-1021", "17-2112", "13-1081", "11-3071", "51-2090",
         "17-3026", "51-4041", "49-9041", "51-9061", "29-1141", "15-1252", "47-2111"]  # fmt: skip
PAGES = ("occupation", "geography", "industry", "explore", "trends", "demand", "programs", "compare", "pathways")
WELDING_METROS = ["Detroit-Warren-Dearborn, MI", "Houston-Pasadena-The Woodlands, TX", "Grand Rapids-Wyoming-Kentwood, MI",
                  "Columbus, OH"]  # fmt: skip
INDUSTRIES = ["336000", "334000", "325000", "311000", "332000", "336400", "325400", "333000", "31--34", "336100"]


RERUNS: dict[str, list[float]] = {}  # page -> script times of the reruns its changes caused (not first loads)
TIMINGS: Path | None = None
PAGE = "bare"  # the page whose changes are being timed


RUNS: dict[str, list[int]] = {}  # page -> script runs each change caused (1 unless something reruns)
CPU: dict[str, list[float]] = {}  # page -> the server process's CPU time over each change (ms, every thread)
SERVER_PID: int | None = None
WALL: dict[str, list[float]] = {}  # page -> Playwright's time to the check passing (its polling steps in)
UNCHANGED: dict[str, int] = {}  # page -> changes whose figure no mutation touched (Playwright's time used)
TRACE: Trace | None = None  # --trace: where the browser spends each change (CDP), by page
POLL = False  # --poll: Playwright's check polls the page while it updates (as runs before the twelfth session)
UNRESTED: dict[str, int] = {}  # page -> changes made on a page that never came to rest (page_clock.rest)
FROM_BUSY = False  # --from-busy: each change made as soon as the page is ready for it, at rest or not
UNSETTLED: dict[str, int] = {}  # page -> changes after which the page did not go still (page_clock.settle)
DRAWN: dict[str, list[float]] = {}  # page -> Enter → the end of the change's last chart draw (ms), if it drew one
DRAWS: dict[str, list[int]] = {}  # page -> full chart draws each change caused (plotly_afterplot)
FIRST: dict[str, list[tuple[bool, float]]] = {}  # page -> (first change after a page load?, browser update ms)
CHROMIUM: dict[str, list[tuple[bool, dict[str, float]]]] = {}  # page -> (first after a load?, threads.change(...))
SHAPES: dict[str, str] = {}  # page -> its shape after its changes (census), for --floors: "E-R-C-X-S"
CENSUS = """() => {
  const main = document.querySelector('[data-testid="stMain"]'), side = document.querySelector('[data-testid="stSidebar"]');
  const n = (root, id) => root ? root.querySelectorAll(`[data-testid="${id}"]`).length : 0;
  return [n(main, "stElementContainer"), n(main, "stHorizontalBlock"), n(main, "stColumn"), n(main, "stExpander"),
          n(side, "stElementContainer")].join("-");
}"""  # element containers, rows of columns, columns and expanders in the main column; the sidebar's containers


def timed(page, act, target, text: str | None = None) -> float:
    """Make a change (`act`, then Enter) on a page at rest (page_clock.rest; not with --from-busy) and return the
    browser update on the page's clock: Enter → the frame after the one that painted `target` visible (or with
    `text`). Playwright's check decides that
    the figure is right; its own wall-clock time is kept in WALL (page_clock.py says why it is not the
    figure of record)."""
    first = page_clock.changes_before(page) == 0
    if not FROM_BUSY and not page_clock.rest(page):
        UNRESTED[PAGE] = UNRESTED.get(PAGE, 0) + 1
    act()
    reset_draws(page)
    before = len(read_timings(TIMINGS)) if TIMINGS else 0
    if TRACE:
        TRACE.start(page)
    cpu = cpu_ms(SERVER_PID) if SERVER_PID else 0.0
    chromium = threads.snapshot()
    t = time.perf_counter()
    page.keyboard.press("Enter")
    if not POLL and not page_clock.settle(page):
        UNSETTLED[PAGE] = UNSETTLED.get(PAGE, 0) + 1
    if text is None:
        expect(target).to_be_visible(timeout=30_000)
    else:
        expect(target).to_have_text(text, timeout=30_000)
    took = (time.perf_counter() - t) * 1000
    CHROMIUM.setdefault(PAGE, []).append((first, threads.change(chromium, threads.snapshot())))
    painted = page_clock.painted_ms(target)
    if TRACE:
        TRACE.stop(PAGE, took, painted)
    WALL.setdefault(PAGE, []).append(took)
    draws, drawn = draws_since_enter(page)
    DRAWS.setdefault(PAGE, []).append(draws)
    if drawn is not None and drawn > 0:
        DRAWN.setdefault(PAGE, []).append(drawn)
    if painted is None:  # nothing on the figure changed after Enter: the whole view's update, or Playwright's
        UNCHANGED[PAGE] = UNCHANGED.get(PAGE, 0) + 1
        painted = took if POLL else (page_clock.whole_ms(page) or took)
    if TIMINGS:
        page.wait_for_timeout(150)  # the run that drew the check may still be writing its line
        runs = read_timings(TIMINGS)[before:]
        RERUNS.setdefault(PAGE, []).extend(runs)
        RUNS.setdefault(PAGE, []).append(len(runs))
    if SERVER_PID:  # the run and the sending of what it drew (the wait above lets the sending finish)
        CPU.setdefault(PAGE, []).append(cpu_ms(SERVER_PID) - cpu)
    FIRST.setdefault(PAGE, []).append((first, painted))
    return painted


T = TypeVar("T")


def first_and_later(changes: list[tuple[bool, T]]) -> tuple[list[T], list[T]]:
    """A page's changes (browser updates, Chromium's counts) split into the first after a page load and the later."""
    return [t for f, t in changes if f], [t for f, t in changes if not f]


def _ms(values: list[float]) -> str:
    return f"{median(values):.0f}" if values else "-"


def first_and_later_report(pages: tuple[str, ...]) -> list[str]:
    """The lines that set each page's first change after a load apart from its later ones: the later ones' p95
    against the bare app's later ones'. The figures of record stay the ones above, every change counted."""
    bare_later = first_and_later(FIRST.get("bare", []))[1]
    b95 = pct(bare_later, 95) if bare_later else float("nan")
    out = [
        "the first change after each page load (run with code the browser has not yet optimised) apart from",
        "the later ones, page's clock (ms); the later changes' p95 against the bare app's later changes' p95"
        + ("; with --from-busy a first change also overlaps the rest of the page's load" if FROM_BUSY else ""),
    ]
    for k in ("bare", *pages):
        first, later = first_and_later(FIRST.get(k, []))
        ratio = f"   {pct(later, 95) / b95:.2f}×" if later and k != "bare" else ""
        out.append(
            f"  {'bare app' if k == 'bare' else k:<22}  first after a load: n={len(first)} median {_ms(first)}"
            f"   later: {summary(later) if later else '-'}{ratio}"
        )
    return out


def chromium_report(pages: tuple[str, ...]) -> list[str]:
    """Chromium's CPU a change (threads.py), each page's first change after a load apart from its later ones:
    what the page's main thread ran and waited for its core, what V8's and Chromium's workers ran beside it."""
    out = [
        "Chromium's CPU a change, Enter -> the page still and checked, past the figure's paint (ms, medians; the",
        "kernel's counts: threads.py): the page's main thread ran / waited for a core, the renderer's pool of workers",
        "(V8's compiles and collections among Chromium's tasks) and the rest of Chromium ran; first change after each",
        "load / the later ones",
        f"  {'':<22}  " + "   ".join(threads.COLUMNS),
    ]
    for k in ("bare", *pages):
        first, later = first_and_later(CHROMIUM.get(k, []))
        cols = "   ".join(f"{_ms([c[col] for c in first])} / {_ms([c[col] for c in later])}" for col in threads.COLUMNS)
        out.append(f"  {'bare app' if k == 'bare' else k:<22}  {cols}")
    return out


def timed_on(name: str, page, act, target, text: str | None = None) -> float:
    global PAGE
    PAGE = name
    return timed(page, act, target, text)


def area_changes(page, url: str, ds, name: str, path: str, heading: str) -> list[float]:
    """A page whose subheading names the chosen area: each change picks another state and waits for it."""
    page.goto(f"{url}{path}")
    expect(page.get_by_role("heading", name=heading.format(place="United States"))).to_be_visible(timeout=60_000)
    return [
        timed_on(
            name,
            page,
            lambda nm=nm: pick(page, "Area", nm),
            page.get_by_role("heading", name=heading.format(place=nm)),
        )
        for nm in STATES
    ]


def dashboard_changes(page, url: str, ds, pages: tuple[str, ...] = PAGES) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in PAGES}
    for k in pages:
        out[k] += PAGE_CHANGES[k](page, url, ds)
        SHAPES.setdefault(k, page.evaluate(CENSUS))  # the page as its last change left it (the first round's)
    return out


def occupation_changes(page, url: str, ds) -> list[float]:
    out = []
    metric = page.locator("[data-testid='stMetricValue']").first
    page.goto(f"{url}/occupation?role=11-3051")
    expect(metric).to_have_text("246,250", timeout=60_000)
    states = ds.areas[ds.areas["area_type"] == "state"]
    for name in STATES:
        code = states.index[states["area_name"] == name][0]
        w = ds.wages.loc[("11-3051", code)] if ("11-3051", code) in ds.wages.index else None
        want = "not released" if w is None else f"{int(w['employment']):,}"
        out.append(
            timed_on(
                "occupation",
                page,
                lambda n=name: pick(page, "Area", n),
                metric,
                want,
            )
        )
    return out + training_changes(page, url, ds)


def training_changes(page, url: str, ds, name: str = "occupation") -> list[float]:
    """The profile's "where people train for it": each change adds an award level and waits for the count (the
    section reruns alone: ui.section). `name`: the row its times go to."""
    from dashboard.domain import supply

    page.goto(f"{url}/occupation?role=51-4121&area=MI")
    figure = page.locator("[data-testid='stMetric']", has_text="Completers, IPEDS").locator(
        "[data-testid='stMetricValue']"
    )
    levels = list(supply.default_levels(ds, "51-4121"))
    expect(figure).to_have_text(
        f"{supply.related_completers(ds, '51-4121', '2600000', tuple(levels)):,}", timeout=60_000
    )
    out = []
    names = supply.level_names(ds)
    for lv in (5, 6, 7, 8):
        levels.append(lv)
        want = f"{supply.related_completers(ds, '51-4121', '2600000', tuple(levels)):,}"
        out.append(
            timed_on(
                name,
                page,
                lambda n=names[lv]: (
                    page.get_by_role("combobox", name="Award levels counted").click(),
                    page.keyboard.type(n),
                ),
                figure,
                want,
            )
        )
    return out


def geography_changes(page, url: str, ds) -> list[float]:
    out = []
    page.goto(f"{url}/geography?role=11-3051")
    expect(page.get_by_role("heading", name=re.compile("^Industrial Production Managers:"))).to_be_visible(
        timeout=60_000
    )
    for soc in ROLES[1:] + ROLES[:1]:
        title = ds.occupations.loc[soc, "title"]
        heading = page.get_by_role("heading", name=f"{title}: median annual wage by state")
        out.append(
            timed_on(
                "geography",
                page,
                lambda s=soc: pick(page, "Occupation (type to search)", f"({s})"),
                heading,
            )
        )
    return out


def industry_changes(page, url: str, ds) -> list[float]:
    out = []
    page.goto(f"{url}/industry?industry=31--34")
    expect(page.get_by_role("heading", name="Manufacturing", exact=True)).to_be_visible(timeout=60_000)
    for code in INDUSTRIES:
        title = re.sub(r"^Sectors? [\d, and]+ - ", "", ds.industries.loc[code, "title"])
        heading = page.get_by_role("heading", name=title, exact=True)
        out.append(
            timed_on(
                "industry",
                page,
                lambda c=code: pick(page, "Industry (type to search name or code)", f"({c})"),
                heading,
            )
        )
    return out


def explore_changes(page, url: str, ds) -> list[float]:
    out = []
    page.goto(f"{url}/")
    expect(page.get_by_text("occupations in the United States")).to_be_visible(timeout=60_000)
    detailed = set(ds.occupations.index[ds.occupations["level"] == "detailed"])
    for code in INDUSTRIES:
        n = int(ds.hiring.xs(code, level="industry_code")["soc_code"].isin(detailed).sum())
        title = ds.industries.loc[code, "title"]
        text = page.get_by_text(f"{n:,} occupation{'' if n == 1 else 's'} in {title} (national)")
        out.append(
            timed_on(
                "explore",
                page,
                lambda c=code: pick(page, "Industry (type to search name or code)", f"({c})"),
                text,
            )
        )
    return out


def demand_changes(page, url: str, ds) -> list[float]:
    out = []
    page.goto(f"{url}/demand?area=MI")
    expect(page.get_by_text(re.compile(r"of the 711 occupations Michigan projects"))).to_be_visible(timeout=60_000)
    sp = ds.state_projections
    for name in STATES[1:] + STATES[:1]:  # each change picks another state: its count of occupations appears
        code = ds.areas.index[(ds.areas["area_type"] == "state") & (ds.areas["area_name"] == name)][0]
        n = int((sp["area_code"] == code).sum()) - 1  # the all-occupations row is not on the list
        out.append(
            timed_on(
                "demand",
                page,
                lambda nm=name: pick(page, "Choose the state", nm),
                page.get_by_text(re.compile(rf"of the {n:,} occupations {re.escape(name)} projects")),
            )
        )
    return out + shortfall_changes(page, url, ds)


def shortfall_changes(page, url: str, ds) -> list[float]:
    """The in-demand list's "training may fall short": each change sets another ratio and waits for the count."""
    from dashboard.domain import demand

    page.goto(f"{url}/demand?area=MI&shortfall=2")
    n_all = len(demand.scored(ds, "2600000", demand.DEFAULT_WEIGHTS))

    def line(ratio: float):  # the count line names the ratio: it is the updated one
        return page.get_by_text(
            re.compile(rf"of the {n_all:,} occupations Michigan projects .*at least {ratio:g} × related completers")
        )

    expect(line(2.0)).to_be_visible(timeout=60_000)
    box = page.get_by_label("Openings at least this many times the related completers")
    return [
        timed_on(
            "demand",
            page,
            lambda r=r: box.fill(f"{r:g}"),
            line(r),
        )
        for r in (1.5, 3.0, 4.0, 2.5, 1.0)
    ]


def programs_changes(page, url: str, ds) -> list[float]:
    out = []
    page.goto(f"{url}/programs?cip=52.0205&area=MI")
    expect(page.get_by_text("What it leads to: 8 occupations, wages in Michigan")).to_be_visible(timeout=60_000)
    for name in STATES[1:] + STATES[:1]:  # each change picks another area: the program's table follows it
        out.append(
            timed_on(
                "programs",
                page,
                lambda nm=name: pick(page, "Area", nm),
                page.get_by_text(f"What it leads to: 8 occupations, wages in {name}"),
            )
        )
    # who graduates in it (issue 26): welding's completers, institutions and map in states and metro areas,
    # each change waiting for the area's count of completers and institutions computed from the data
    from dashboard.domain import supply
    from dashboard.words.supply import completers_line

    if not supply.available(ds):
        return out
    page.goto(f"{url}/programs?cip=48.0508&area=MI")
    expect(page.get_by_text("Who graduates in it: Michigan")).to_be_visible(timeout=60_000)
    year = supply.latest(ds)
    areas = ds.areas
    for name in STATES[1:8] + WELDING_METROS + STATES[:1]:
        code = areas.index[areas["area_name"] == name][0]
        line = completers_line(
            supply.program_total(ds, "48.0508", code, year),
            len(supply.program_institutions(ds, "48.0508", code, year)),
            name,
            year,
        )
        out.append(
            timed_on(
                "programs",
                page,
                lambda nm=name: pick(page, "Area", nm),
                page.get_by_text(line),
            )
        )
    return out


def compare_changes(page, url: str, ds) -> list[float]:
    return area_changes(page, url, ds, "compare", "/compare?role=11-3051,51-1011,11-1021", "Annual wage range, {place}")


def pathways_changes(page, url: str, ds) -> list[float]:
    return area_changes(page, url, ds, "pathways", "/pathways", "Wage band at each step, {place}")


def trends_changes(page, url: str, ds) -> list[float]:
    """/trends: each change adds an occupation (up to six) and waits for its read-aloud sentence."""
    from dashboard.domain import trends as trends_

    page.goto(f"{url}/trends?role=11-3051")
    expect(page.get_by_text("Employment of industrial production managers rose")).to_be_visible(timeout=60_000)
    times = []
    for soc in ROLES[1:6]:
        words = trends_.paragraph(ds, soc).split(" from ")[0]
        times.append(
            timed_on(
                "trends",
                page,
                lambda s=soc: pick(page, "Occupations (up to 6; type to search)", f"({s})"),
                page.get_by_text(words),
            )
        )
    return times


PAGE_CHANGES = {
    "occupation": occupation_changes,
    "geography": geography_changes,
    "industry": industry_changes,
    "explore": explore_changes,
    "trends": trends_changes,
    "demand": demand_changes,
    "programs": programs_changes,
    "compare": compare_changes,
    "pathways": pathways_changes,
}


WARM_UP_S = 6


def warm_up(page, url: str) -> None:
    """Serve builds the title index, Explore's trend column and every state's in-demand list on a thread
    once the first page is drawn (store.prepare, ~3 s on this machine): a change made meanwhile shares the
    interpreter with it (the first change of a fresh server took 72–84 ms where later ones took 35).
    Draw a page and wait that out, so each page's figures are the server's steady state."""
    page.goto(url)
    expect(page.get_by_text("occupations in the United States")).to_be_visible(timeout=60_000)
    page.wait_for_timeout(WARM_UP_S * 1000)


def bare_groups(ds) -> tuple[list[str], dict[str, int]]:
    """The bare app's changes: 20 major groups to pick in turn (each after the one open, the first last) and
    each group's count of line items, the metric the bare app shows for it."""
    gp = ds.projections[ds.projections["occupation_type"] == "line item"]
    counts = gp["soc_code"].str[:2].value_counts().to_dict()
    groups = [g for g in sorted(counts) if g != "00"][:20]
    return groups[1:] + groups[:1], counts


def bare_changes(page, url: str, groups: list[str], counts: dict[str, int], name: str = "bare") -> list[float]:
    metric = page.locator("[data-testid='stMetricValue']").first
    page.goto(url)
    expect(metric).to_be_visible(timeout=60_000)
    times = []
    for g in groups:
        times.append(
            timed_on(
                name,
                page,
                lambda g=g: pick(page, "Major group", g),
                metric,
                f"{counts[g]:,}",
            )
        )
    return times


def bare_run(browser, timings: Path, groups, counts, name: str = "bare", env: dict | None = None) -> list[float]:
    """The bare app's changes on a server of its own (with `env`: a floor's BARE_EXTRA), its script times in
    `timings`; a floor's shape as Chromium counts it goes into SHAPES beside the page's."""
    global TIMINGS, SERVER_PID
    TIMINGS = timings
    with server("bare", timings=timings, env=env) as (url, proc, _t):
        SERVER_PID = proc.pid
        wait_healthy(url)
        page = new_page(browser)
        times = bare_changes(page, url, groups, counts, name)
        if name != "bare":
            SHAPES.setdefault(name, page.evaluate(CENSUS))
        page.close()
    return times


def new_page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page_clock.install(page)
    if TRACE:
        TRACE.attach(page)
    else:
        page.add_init_script(COUNT_DRAWS)
    return page


def runs_per_change(k: str) -> str:
    """How many script runs each change caused: 1, unless a widget written back or st.rerun ran it again."""
    runs = RUNS.get(k, [])
    if not runs:
        return ""
    return f"runs/change mean {sum(runs) / len(runs):.2f}, max {max(runs)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=1, help="repeat the whole sequence")
    ap.add_argument(
        "--browser-cores",
        choices=("last", "all"),
        default="last",
        help="Chromium on the last core only (default: the servers' script times are then not the browser's "
        "painting of the same run on the same core), or on all of them",
    )
    ap.add_argument(
        "--poll",
        action="store_true",
        help="let Playwright's check poll the page while it updates, as runs before the twelfth session "
        "did (its queries run on the page's main thread; page_clock.settle says why the default waits instead)",
    )
    ap.add_argument(
        "--from-busy",
        action="store_true",
        help="make each change as soon as the page is ready for it, as runs before the twenty-third session did: "
        "a page's first change then came while its load was still drawing (page_clock.rest says why the default "
        "waits for the page to be at rest)",
    )
    ap.add_argument("--pages", default=",".join(PAGES), help="the pages to time, comma-separated (default: all)")
    ap.add_argument(
        "--floors",
        action="store_true",
        help="also time, each round, the bare app given each page's shape (its element containers, rows of columns, "
        "columns, expanders and sidebar, counted after its changes) in captions no change touches, its filter, metric "
        "and chart a section as each page's part is: what Streamlit costs a page of that size (not the issue's target)",
    )
    ap.add_argument(
        "--pin-servers",
        action="store_true",
        help="run the servers on the cores Chromium does not have (with --browser-cores last), so that none of their "
        "work, idle-time work included, shares Chromium's core; by default they may use every core, as in the issue",
    )
    ap.add_argument(
        "--trace",
        action="store_true",
        help="also record where Chromium spends each change (CPU by kind and by script, messages received); "
        "it waits for each change's remaining work, so the wall-clock figures of such a run are not comparable",
    )
    args = ap.parse_args()
    pages = tuple(k for k in PAGES if k in args.pages.split(","))
    ds = load(DEFAULT_DATA_DIR)
    groups, counts = bare_groups(ds)
    global TIMINGS, TRACE, SERVER_PID, POLL, FROM_BUSY
    POLL = args.poll
    FROM_BUSY = args.from_busy
    TRACE = Trace() if args.trace else None
    tmp = Path(tempfile.mkdtemp())
    browser_ms: dict[str, list[float]] = {}
    brackets: dict[str, list[float]] = {"before": [], "after": []}  # the bare app's changes before / after the pages
    cpus = browser_cpus(args.browser_cores)
    with sync_playwright() as p:
        browser = launch(p, cpus)
        common.SERVER_CPUS = server_cpus(cpus) if args.pin_servers else None
        for _ in range(args.rounds):
            before = bare_run(browser, tmp / "bare.tsv", groups, counts)
            brackets["before"] += before
            browser_ms.setdefault("bare", []).extend(before)
            TIMINGS = tmp / "dashboard.tsv"
            with server("dashboard", timings=TIMINGS) as (url, proc, _t):
                SERVER_PID = proc.pid
                wait_healthy(url)
                page = new_page(browser)
                warm_up(page, url)
                for k, v in dashboard_changes(page, url, ds, pages).items():
                    browser_ms.setdefault(k, []).extend(v)
                page.close()
            for k in pages if args.floors else ():
                extra = {"BARE_EXTRA": f"section_shape:{SHAPES[k]}"}
                times = bare_run(browser, tmp / f"floor-{k}.tsv", groups, counts, f"floor:{k}", extra)
                browser_ms.setdefault(f"floor:{k}", []).extend(times)
            after = bare_run(browser, tmp / "bare.tsv", groups, counts)  # the round's pages between two of its runs
            brackets["after"] += after
            browser_ms["bare"].extend(after)
        browser.close()
    everything = [x for k in pages for x in browser_ms[k]]
    print(
        f"machine: {machine()}; browser on cores {sorted(cpus or os.sched_getaffinity(0))}"
        f"; servers on cores {sorted(common.SERVER_CPUS or os.sched_getaffinity(0))}"
    )
    print("browser update, Enter -> the frame after the one that painted the figure, page's clock (ms);")
    print(
        "each change made as soon as the page was ready for it (--from-busy)"
        if FROM_BUSY
        else f"each change made on a page at rest for {page_clock.QUIET_MS} ms (page_clock.rest)"
        + (f"; never at rest within {page_clock.SETTLE_LIMIT_MS / 1000:g} s: {UNRESTED}" if UNRESTED else "")
    )
    print(
        "Playwright's check polled the page while it updated (--poll)"
        if POLL
        else "the page left alone while it updated, then checked once (page_clock.settle)"
        + (f"; did not go still within {page_clock.SETTLE_LIMIT_MS / 1000:g} s: {UNSETTLED}" if UNSETTLED else "")
    )
    print("p95 against the bare app's p95 (target ≤ 2×), p50 against its p50 (target ≤ 3×); in brackets, where")
    print("the p95's ratio could fall in another run of the same changes (90% of resamplings: ratio_interval)")
    b50, b95 = pct(browser_ms["bare"], 50), pct(browser_ms["bare"], 95)
    print(f"  bare app                {summary(browser_ms['bare'])}")
    print(f"    timed before the round's pages {summary(brackets['before'])}, after them {summary(brackets['after'])}")
    for k in pages:
        v = browser_ms[k]
        lo, hi = ratio_interval(v, browser_ms["bare"])
        print(
            f"  {k:<22}  {summary(v)}   {pct(v, 95) / b95:.2f}× [{lo:.2f}–{hi:.2f}]  p50 {pct(v, 50) / b50:.2f}×"
            + (f"   ({UNCHANGED[k]} unchanged: {'Playwright' if POLL else 'whole view'})" if UNCHANGED.get(k) else "")
        )
    lo, hi = ratio_interval(everything, browser_ms["bare"])
    print(f"  dashboard, all changes  {summary(everything)}   {pct(everything, 95) / b95:.2f}× [{lo:.2f}–{hi:.2f}]")
    if args.floors:
        print("each page against the bare app given its shape (--floors; not the issue's target): captions no change")
        print("touches in the page's element containers (E), rows (R) of columns (C), expanders (X) and sidebar (S),")
        print("the filter, metric and chart a section; its shape as counted in Chromium beside the page's, E-R-C-X-S")
        for k in pages:
            v, f = browser_ms[k], browser_ms[f"floor:{k}"]
            lo, hi = ratio_interval(v, f)
            print(
                f"  {k:<22}  floor {summary(f)}   page p95 {pct(v, 95) / pct(f, 95):.2f}× [{lo:.2f}–{hi:.2f}]"
                f"  p50 {pct(v, 50) / pct(f, 50):.2f}×   floor p95 {pct(f, 95) / b95:.2f}× the bare app's"
                f"   shape {SHAPES[k]} / {SHAPES[f'floor:{k}']}"
            )
    print("\n".join(first_and_later_report(pages)))
    print("\n".join(chromium_report(pages)))
    if POLL:  # settled, Playwright's time is the wait for stillness: nothing to read in it
        print("the same changes on Playwright's clock: Enter -> its check passed (it polls 0, 20, 50, 100, 100,")
        print("then every 500 ms, so these fall into its steps; kept to compare with runs before the page's clock)")
        for k in ("bare", *pages):
            print(f"  {k:<22}  {summary(WALL.get(k, []))}")
    print("the change's charts drawn: Enter -> the end of its last full chart draw (plotly_afterplot), page's")
    print("clock (ms), over the changes that drew one; p95 against the bare app's; full draws a change")
    d95 = pct(DRAWN.get("bare", [0.0]), 95) or 1.0
    for k in ("bare", *pages):
        v, n = DRAWN.get(k, []), DRAWS.get(k, [])
        ratio = f"   {pct(v, 95) / d95:.2f}×" if v and k != "bare" else ""
        per = f"   draws/change mean {sum(n) / len(n):.2f}, max {max(n)}" if n else ""
        print(f"  {k:<22}  {summary(v) if v else 'no change drew a chart':<40}{ratio}{per}")
    print("server script time per rerun caused by a change (ms), and p95 against the bare app's (target ≤ 2×)")
    bare95 = pct(RERUNS["bare"], 95)
    print(f"  bare app                {summary(RERUNS['bare'])}   {runs_per_change('bare')}")
    for k in pages:
        print(
            f"  {k:<22}  {summary(RERUNS.get(k, []))}   {pct(RERUNS.get(k, []), 95) / bare95:.2f}×   "
            f"{runs_per_change(k)}"
        )
    every = [x for k, v in RERUNS.items() if k != "bare" for x in v]
    print(f"  dashboard, changes only {summary(every)}   {pct(every, 95) / bare95:.2f}×")
    print("server CPU per change, every thread: the run and the sending of what it drew (ms; ticks of 10 ms)")
    cpu95 = pct(CPU.get("bare", [0.0]), 95) or 1.0

    def mean(v: list[float]) -> float:
        return sum(v) / len(v) if v else float("nan")

    print(f"  bare app                {summary(CPU.get('bare', []))}  mean {mean(CPU.get('bare', [])):.1f}")
    for k in pages:
        v = CPU.get(k, [])
        print(f"  {k:<22}  {summary(v)}  mean {mean(v):.1f}   p95 {pct(v or [0.0], 95) / cpu95:.2f}×")
    print("server script time of every run, first page loads included (ms)")
    print(f"  bare app                {summary(read_timings(tmp / 'bare.tsv'))}")
    for k in pages:
        print(f"  {k:<22}  {summary(read_timings(tmp / 'dashboard.tsv', k))}")
    print(f"  dashboard, all runs     {summary(read_timings(tmp / 'dashboard.tsv'))}")
    if TRACE:
        print(TRACE.report(("bare", *pages)))


if __name__ == "__main__":
    main()
