"""Load: concurrent browser sessions on localhost, each making filter changes, against one server.

    python benchmarks/load.py [--sessions 25] [--changes 20] [--deadline 900]

Every session is its own browser context on the occupation profile and changes the area (as a user
does: open the select box, type, Enter) `--changes` times, waiting each time for the employment figure
that data/ says the new area should show. Sessions arrive one a second (RAMP). A change that does not show the right figure within 60 s,
or any error on the page, counts as an error. The run is bounded by --deadline seconds. The same
load is put on the bare app first (its own select box), as the floor for this machine. The browser
runs on the same two cores as the server, so these times include Chromium's own rendering load.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright, expect

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, machine, read_timings, server, summary, wait_healthy
from dashboard.data.dataset import DEFAULT_DATA_DIR, load

RAMP = 1.0  # seconds between two sessions' arrivals
STATES = ["Michigan", "Ohio", "Texas", "California", "Indiana", "Georgia", "Illinois", "Oregon", "Alabama", "Utah"]


async def session(
    browser, url: str, kind: str, changes: int, expected: dict, times: list, errors: list, delay: float
) -> None:
    await asyncio.sleep(delay)  # visitors arrive over a few seconds, not in the same millisecond
    ctx = await browser.new_context(viewport={"width": 1280, "height": 800})
    ctx.set_default_timeout(120_000)  # clicks and typing wait for a starved browser rather than fail
    page = await ctx.new_page()
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    metric = page.locator("[data-testid='stMetricValue']").first
    try:
        if kind == "dashboard":
            await page.goto(f"{url}/occupation?role=11-3051", timeout=180_000, wait_until="domcontentloaded")
            await expect(metric).to_have_text("246,250", timeout=120_000)
            label, options = "Area", STATES
        else:
            await page.goto(url, timeout=180_000, wait_until="domcontentloaded")
            await expect(metric).to_be_visible(timeout=120_000)
            label, options = "Major group", list(expected)
        for i in range(changes):
            choice = options[(i + 1) % len(options)]
            box = page.get_by_label(label)
            await box.click()
            await box.fill(choice)
            t = time.perf_counter()
            await page.keyboard.press("Enter")
            try:
                await expect(metric).to_have_text(expected[choice], timeout=60_000)
                times.append((time.perf_counter() - t) * 1000)
            except AssertionError as e:
                errors.append(f"{choice}: {str(e).splitlines()[0]}")
        if await page.locator("[data-testid='stException']").count():
            errors.append("exception shown on the page")
    except Exception as e:  # counted and reported, the run goes on
        errors.append(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    finally:
        await ctx.close()


async def run(kind: str, sessions: int, changes: int, deadline: float, expected: dict, timings: Path):
    times: list[float] = []
    errors: list[str] = []
    with server(kind, timings=timings) as (url, _, _t):
        wait_healthy(url)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            t = time.perf_counter()
            tasks = [
                session(browser, url, kind, changes, expected, times, errors, delay=i * RAMP) for i in range(sessions)
            ]
            try:
                await asyncio.wait_for(asyncio.gather(*tasks), timeout=deadline)
            except TimeoutError:
                errors.append(f"deadline of {deadline:.0f} s reached")
            wall = time.perf_counter() - t
            await browser.close()
    return times, errors, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=25)
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--deadline", type=float, default=900)
    args = ap.parse_args()
    ds = load(DEFAULT_DATA_DIR)
    states = ds.areas[ds.areas["area_type"] == "state"]
    dash = {}
    for name in STATES:
        code = states.index[states["area_name"] == name][0]
        dash[name] = f"{int(ds.wages.loc[('11-3051', code), 'employment']):,}"
    gp = ds.projections[ds.projections["occupation_type"] == "line item"]
    counts = gp["soc_code"].str[:2].value_counts()
    bare = {g: f"{int(counts[g]):,}" for g in sorted(counts.index) if g != "00"}
    tmp = Path(tempfile.mkdtemp())
    out = {}
    for kind, expected in (("bare", bare), ("dashboard", dash)):
        out[kind] = asyncio.run(run(kind, args.sessions, args.changes, args.deadline, expected, tmp / f"{kind}.tsv"))
    print(f"machine: {machine()}; {args.sessions} concurrent sessions x {args.changes} changes each")
    for kind, (times, errors, wall) in out.items():
        print(f"{kind:<10} browser update (ms) {summary(times)}   errors {len(errors)}   wall {wall:.0f} s")
        print(f"{'':<10} server script time (ms) {summary(read_timings(tmp / f'{kind}.tsv'))}")
        for e in errors[:5]:
            print(f"{'':<10} error: {e}")


if __name__ == "__main__":
    main()
