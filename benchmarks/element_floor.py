"""What a page's size alone costs each update: the bare app (benchmarks/bare_app.py) with n more elements that
no change touches, against the bare app itself, in the same run.

    python -m benchmarks.element_floor [--n 60,180] [--kinds captions,one_caption,page_links,metrics] [--rounds 2]
    python -m benchmarks.element_floor --n 180 --kinds metrics,section_metrics,captions,section_captions
    python -m benchmarks.element_floor --n 180 --kinds metrics,metrics_row,metrics_flat,captions
    python -m benchmarks.element_floor --n 20 --kinds section_new_captions,section_new_links,section_new_subheaders

The clock and the changes are the interaction benchmark's (a filter picked, Enter → the frame after the one that
painted the metric, page_clock.py); the added elements come after the chart (so after the metric the clock
watches), so what they cost the figure is the browser's work on them, not a later figure. Chromium runs on
the last core, as in the interaction benchmark.
It says how much room "within 2× the bare app's p95" leaves a page of Streamlit elements on this machine
(RESULTS.md §6, fifteenth session), and what is left of their cost when a change reruns only a section of the
page (section_kind: the seventeenth session).
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright

from benchmarks import interaction
from benchmarks.common import browser_cpus, launch, machine, pct, server, wait_healthy
from dashboard.data.dataset import DEFAULT_DATA_DIR, load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", default="60,180", help="how many elements to add, comma-separated")
    ap.add_argument("--kinds", default="captions,one_caption,page_links,metrics", help="what to add")
    ap.add_argument("--rounds", type=int, default=2, help="every configuration once a round, in turn")
    args = ap.parse_args()
    ds = load(DEFAULT_DATA_DIR)
    groups, counts = interaction.bare_groups(ds)
    configs = [""] + [f"{k}:{n}" for n in args.n.split(",") for k in args.kinds.split(",")]
    ms: dict[str, list[float]] = {c: [] for c in configs}
    with sync_playwright() as p:
        browser = launch(p, browser_cpus("last"))
        for _ in range(args.rounds):
            for c in configs:
                with server("bare", env={"BARE_EXTRA": c}) as (url, _proc, _t):
                    wait_healthy(url)
                    page = interaction.new_page(browser)
                    ms[c] += interaction.bare_changes(page, url, groups, counts)
                    page.close()
        browser.close()
    base50, base95 = pct(ms[""], 50), pct(ms[""], 95)
    print(f"machine: {machine()}; browser on its own core")
    print("browser update of the bare app's metric with n elements added after it (ms), against the bare app's")
    for c in configs:
        v = ms[c]
        print(
            f"  {c or 'bare app':18s} p50 {pct(v, 50):6.0f}  p95 {pct(v, 95):6.0f}  n={len(v):3d}"
            f"   p50 {pct(v, 50) / base50:4.2f}×  p95 {pct(v, 95) / base95:4.2f}×"
        )


if __name__ == "__main__":
    main()
