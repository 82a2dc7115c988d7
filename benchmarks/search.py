"""Role search: time per keystroke query over the full title list (official titles, curated aliases, O*NET's
alternate and reported titles, EP's sample titles), against rapidfuzz's WRatio over the same list in the same run.

    python -m benchmarks.search [--rounds 5]

Each query is typed one letter at a time ("p", "pl", "pla", …), as the search box sees it; every prefix is
timed. Target: p95 under 50 ms per query.
"""

from __future__ import annotations

import argparse
import statistics
import time

from rapidfuzz import fuzz, process, utils

from dashboard.data.dataset import DEFAULT_DATA_DIR, load
from dashboard.domain import search

QUERIES = ["teacher", "HR manager", "forklift", "LPN", "nurse", "auto mechanic", "CNC machinist", "welder",
           "plant manager", "plant superintendent", "production planner", "supply chain manager",
           "registered nurse", "software developer", "truck driver", "electrician", "accountant",
           "quality engineer", "maintenance technician", "warehouse associate"]  # fmt: skip


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    ds = load(DEFAULT_DATA_DIR)
    t = time.perf_counter()
    index = search.title_list(ds)[0]
    build_ms = (time.perf_counter() - t) * 1000
    prefixes = [word[:n] for word in QUERIES for n in range(1, len(word) + 1)]
    ours, baseline = [], []
    for _ in range(args.rounds):
        for text in prefixes:
            t = time.perf_counter()
            search.search_roles(ds, text)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            process.extract(text, index.texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=32)
            baseline.append((time.perf_counter() - t) * 1000)
    print(f"titles searched: {len(index.texts):,} (index built once per data folder in {build_ms:.0f} ms)")
    print(f"queries: {len(prefixes)} keystroke prefixes of {len(QUERIES)} titles x {args.rounds} rounds")
    for name, v in (("role search", ours), ("WRatio, same list", baseline)):
        print(f"  {name:18} p50 {statistics.median(v):6.1f} ms   p95 {pct(v, 95):6.1f} ms   max {max(v):6.1f} ms")
    print(f"  ratio p95 {pct(ours, 95) / pct(baseline, 95):.2f}x of WRatio;  target p95 < 50 ms")


if __name__ == "__main__":
    main()
