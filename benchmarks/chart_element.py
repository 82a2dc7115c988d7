"""Streamlit's chart element against a chart element of our own, on the same 770-bubble chart and the same
changes (benchmarks/chart_element_app.py), alternating, in the same run.

    python -m benchmarks.chart_element [--rounds 2]

Streamlit's element gives a changed figure a new element and draws it twice (RESULTS.md §6, fourteenth
session); the own element keeps its chart and draws each new figure once, in place. For each change: the
metric above the chart painted (the interaction benchmark's clock, page_clock.py), the chart's last full
draw after Enter (plotly's `plotly_afterplot`), and the full draws a change. Chromium on the last core.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import plotly
from playwright.sync_api import sync_playwright

from benchmarks import interaction
from benchmarks.browser_trace import COUNT_DRAWS, draws_since_enter
from benchmarks.common import ROOT, browser_cpus, launch, machine, pct, server, wait_healthy
from dashboard.data.dataset import DEFAULT_DATA_DIR, load

KINDS = ("streamlit", "own")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=2, help="each element once a round, in turn")
    args = ap.parse_args()
    ds = load(DEFAULT_DATA_DIR)
    gp = ds.projections[(ds.projections["occupation_type"] == "line item")].dropna(
        subset=["change_pct", "median_wage_base_year"]
    )
    counts = gp["soc_code"].str[:2].value_counts().to_dict()
    groups = sorted(counts)
    folder = Path(tempfile.mkdtemp())
    metric: dict[str, list[float]] = {k: [] for k in KINDS}
    drawn: dict[str, list[float]] = {k: [] for k in KINDS}
    draws: dict[str, list[int]] = {k: [] for k in KINDS}
    plain = interaction.timed

    def timed(page, act, target, text=None):
        ms = plain(page, act, target, text)  # it counts the draws from just before Enter
        page.wait_for_timeout(600)  # the chart's draws after the metric
        n, at = draws_since_enter(page)
        draws[kind].append(n)
        if n:  # a change whose chart was not drawn within the wait has no draw time (counted in draws)
            drawn[kind].append(at)
        return ms

    interaction.timed = timed
    try:
        shutil.copy(ROOT / "benchmarks" / "chart_element_app.py", folder / "app.py")
        (folder / "static").mkdir()
        shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder / "static")
        with sync_playwright() as p:
            browser = launch(p, browser_cpus("last"))
            for _ in range(args.rounds):
                for kind in KINDS:
                    env = {
                        "CHART_ELEMENT": kind,
                        "CHART_ELEMENT_DATA": str(DEFAULT_DATA_DIR / "growth_projections.csv"),
                    }
                    flags = ["--server.enableStaticServing", "true"]  # plotly.js from the folder's static/
                    with server("bare", env=env, script=folder / "app.py", flags=flags) as (url, _proc, _t):
                        wait_healthy(url)
                        page = interaction.new_page(browser)
                        page.add_init_script(COUNT_DRAWS)
                        metric[kind] += interaction.bare_changes(page, url, groups[1:] + groups[:1], counts)
                        page.close()
            browser.close()
    finally:
        interaction.timed = plain
        shutil.rmtree(folder, ignore_errors=True)
    print(f"machine: {machine()}; browser on its own core")
    print("per change (ms): the metric above the chart painted; the chart's last full draw after Enter; full draws")
    for kind in KINDS:
        m, d = metric[kind], drawn[kind]
        print(
            f"  {kind:9s} metric p50 {pct(m, 50):5.0f} p95 {pct(m, 95):5.0f} | chart drawn p50 {pct(d, 50):5.0f}"
            f" p95 {pct(d, 95):5.0f} | draws a change {sum(draws[kind]) / len(draws[kind]):.2f}  n={len(m)}"
            f"  (no draw within the wait: {draws[kind].count(0)})"
        )


if __name__ == "__main__":
    main()
