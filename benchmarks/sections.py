"""A section's own change: opening "Data behind this chart" under each of the profile's charts, and adding an award
level in its "Where people train for it" (interaction.training_changes), against the bare app's filter change, in
the same run.

    python -m benchmarks.sections [--rounds 2]

Each change is made from the keyboard as a user would (the expander's heading focused, Enter); the clock is the
interaction benchmark's (page_clock.py): Enter → the frame after the one that painted the table's CSV button. The
expander is closed again between changes (not timed). A section that reruns alone (ui.section) redraws the
expander; before, opening it reran the whole page (benchmarks/RESULTS.md §6, seventeenth and eighteenth
sessions).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from benchmarks import interaction
from benchmarks.common import browser_cpus, launch, machine, pct, read_timings, server, summary, wait_healthy
from dashboard.data.dataset import DEFAULT_DATA_DIR, load

PROFILE = "/occupation?role=51-4121&area=MI"  # welders: seven charts, each with its data behind it

# resolves once the page has not changed for `quiet` ms (or after 20 × quiet): the page's load drawn. Its charts
# are still being drawn a second after the last element arrives; a first open timed then waits for them too.
STILL = """
(quiet) => new Promise((resolve) => {
  const start = performance.now();
  let last = start;
  const seen = new MutationObserver(() => { last = performance.now(); });
  seen.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const check = () => {
    const now = performance.now();
    if (now - last >= quiet || now - start > 20 * quiet) { seen.disconnect(); resolve(now - last >= quiet); }
    else setTimeout(check, quiet / 4);
  };
  setTimeout(check, quiet / 4);
})
"""
LOADED_QUIET_MS = 1000


def data_changes(page, url: str) -> list[float]:
    page.goto(f"{url}{PROFILE}")
    boxes = page.get_by_test_id("stExpander").filter(has_text="Data behind this chart")
    expect(page.get_by_role("heading", name="Similar roles")).to_be_visible(timeout=60_000)  # every element sent
    page.evaluate(STILL, LOADED_QUIET_MS)  # and drawn: the first open is not timed against the page's own load
    out = []
    for i in range(boxes.count()):
        box = boxes.nth(i)
        heading = box.locator("summary")
        heading.scroll_into_view_if_needed()
        out.append(
            interaction.timed_on(
                "data", page, heading.focus, box.get_by_role("button", name=re.compile(r"^Download CSV"))
            )
        )
        heading.click()  # closed again, not timed: the next change opens the next one
        expect(box.get_by_role("button", name=re.compile(r"^Download CSV"))).to_have_count(0, timeout=30_000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=2, help="the bare app's changes and the profile's, in turn")
    args = ap.parse_args()
    ds = load(DEFAULT_DATA_DIR)
    groups, counts = interaction.bare_groups(ds)
    tmp = Path(tempfile.mkdtemp())
    ms: dict[str, list[float]] = {"bare": [], "data": [], "levels": []}
    with sync_playwright() as p:
        browser = launch(p, browser_cpus("last"))
        for _ in range(args.rounds):
            interaction.TIMINGS = tmp / "bare.tsv"
            with server("bare", timings=interaction.TIMINGS) as (url, _proc, _t):
                wait_healthy(url)
                page = interaction.new_page(browser)
                ms["bare"] += interaction.bare_changes(page, url, groups, counts)
                page.close()
            interaction.TIMINGS = tmp / "dashboard.tsv"
            with server("dashboard", timings=interaction.TIMINGS) as (url, _proc, _t):
                wait_healthy(url)
                page = interaction.new_page(browser)
                interaction.warm_up(page, url)
                ms["data"] += [round(x) for x in data_changes(page, url)]
                ms["levels"] += [round(x) for x in interaction.training_changes(page, url, ds, "levels")]
                page.close()
        browser.close()
    b95 = pct(ms["bare"], 95)
    print(f"machine: {machine()}; browser on its own core")
    print("browser update, Enter -> the frame after the one that painted the figure, page's clock (ms)")
    print(f"  bare app, a filter               {summary(ms['bare'])}")
    print(f"  profile, a chart's data opened   {summary(ms['data'])}   {pct(ms['data'], 95) / b95:.2f}×")
    print(f"    each, in the order opened (the page's charts top to bottom, round after round): {ms['data']}")
    print(f"  profile, an award level added    {summary(ms['levels'])}   {pct(ms['levels'], 95) / b95:.2f}×")
    print("server script time per change (ms): the page's run, or the section's own")
    print(f"  bare app                         {summary(interaction.RERUNS['bare'])}")
    print(
        f"  profile, a chart's data opened   {summary(interaction.RERUNS.get('data', []))}   "
        f"{interaction.runs_per_change('data')}"
    )
    print(
        f"  profile, an award level added    {summary(interaction.RERUNS.get('levels', []))}   "
        f"{interaction.runs_per_change('levels')}"
    )
    print(f"  every run of the profile, first loads included: {summary(read_timings(tmp / 'dashboard.tsv'))}")


if __name__ == "__main__":
    main()
