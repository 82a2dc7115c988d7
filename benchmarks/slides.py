"""Slide decks: server time to build a one-view and a ten-view .pptx, against the CSV of the same view in the
same run (what a download cost before decks).

    python -m benchmarks.slides [--runs 15]

Each deck is built as the "Download slides" button and /slides build it (web/deck.py: the views' domain queries,
then python-pptx); the data is loaded once before, as a server holds it. Targets: one view under 2 s and ten
views under 10 s of server time.
"""

from __future__ import annotations

import argparse
import statistics
import time

from dashboard.data.dataset import DEFAULT_DATA_DIR, load
from dashboard.domain import wages
from dashboard.present.export import safe_csv
from dashboard.web import deck

ONE = ["/occupation?role=11-3051&area=MI"]
TEN = [
    "/occupation?role=11-3051&area=MI",
    "/trends?role=11-3051&dollars=real",
    "/programs?cip=52.0205&area=MI",
    "/geography?role=11-3051",
    "/demand?area=MI",
    "/?area=MI",
    "/compare?role=11-3051,11-1021,51-1011",
    "/industry?industry=31--34",
    "/pathways?pathway=supply-chain",
    "/trends?role=11-3051,51-1011&series=employment",
]


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    ds = load(DEFAULT_DATA_DIR)
    times: dict[str, list[float]] = {"one view": [], "ten views": [], "CSV of the profile's wages (baseline)": []}
    sizes = {}
    for _ in range(args.runs):  # alternating, so a noisy moment falls on each alike
        for name, links in (("one view", ONE), ("ten views", TEN)):
            t = time.perf_counter()
            views = [(p, v) for p, v, _ in (deck.read_link(ds, x) for x in links)]
            data = deck.build(ds, views)
            times[name].append(time.perf_counter() - t)
            sizes[name] = len(data)
        t = time.perf_counter()
        safe_csv(wages.wage_percentiles(ds, "11-3051", "2600000", False), ds.release.source_line, "Michigan")
        times["CSV of the profile's wages (baseline)"].append(time.perf_counter() - t)
    print(f"runs: {args.runs} each, alternating; data loaded once before (as a server holds it)")
    for name, v in times.items():
        size = f"   {sizes[name] / 1024:,.0f} KiB" if name in sizes else ""
        print(f"  {name:38} median {statistics.median(v) * 1000:7.0f} ms   p95 {pct(v, 95) * 1000:7.0f} ms{size}")
    print("  targets: one view < 2 s, ten views < 10 s of server time")


if __name__ == "__main__":
    main()
