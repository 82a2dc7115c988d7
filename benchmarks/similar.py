"""Similar roles: time of `queries.similar` as the profile calls it, first for an occupation (nothing memoised
but the per-dataset frames and matrices) and again on a rerun (memoised), median of 20 each, plus the one-off
cost of building the per-dataset frames.

    python -m benchmarks.similar [--rounds 20]

Target: the rerun call (what a profile rerun pays) no slower than before the skills similarity was added; the
first call for an occupation well under the profile's own rerun time.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import machine, median
from dashboard.data.dataset import DEFAULT_DATA_DIR, load
from dashboard.domain import similar_roles, warm
from dashboard.domain.derived import derived

ROLES = ["11-3051", "51-1011", "11-1021", "29-1141", "15-1252", "53-3032", "47-2111", "43-5061", "13-1081", "51-2090",
         "25-2021", "35-2014", "49-9071", "41-2031", "17-2112", "11-3071", "31-1131", "51-4121", "13-2011", "33-3051"]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    ds = load(DEFAULT_DATA_DIR)
    t0 = time.perf_counter()
    warm.warm(ds)
    build = time.perf_counter() - t0
    first, again = [], []
    for i in range(args.rounds):
        soc = ROLES[i % len(ROLES)]
        derived(ds).forget(similar_roles.similar)
        t = time.perf_counter()
        similar_roles.similar(ds, soc)
        first.append(time.perf_counter() - t)
        t = time.perf_counter()
        similar_roles.similar(ds, soc)
        again.append(time.perf_counter() - t)
    print(f"machine: {machine()}")
    print(f"per-dataset frames (queries.warm): {build * 1000:.0f} ms once")
    print(f"similar(), first call for an occupation: median {median(first) * 1000:.2f} ms of {len(first)}")
    print(f"similar(), again (profile rerun): median {median(again) * 1e6:.1f} µs of {len(again)}")


if __name__ == "__main__":
    main()
