"""Time the full build-data and its peak memory against a plain pandas pivot of the OEWS flat file.

    python benchmarks/ingest.py [--runs 3]

The baseline is the obvious newcomer's code: read oe.data.0.Current.gz with pandas, split the series
id, pivot the datatypes to columns, write the wide table as .csv.gz. The build is the whole of
build-data, every source (OEWS May 2025, EP 2024–34, Projections Central, OEWS 2013–2024, EP vintages,
SOC crosswalks, CPI-U, O*NET 29.3, NCES CIP–SOC), validated and written to a temporary folder.

Runs alternate (baseline, build, baseline, build, …) so both see the same machine; each is a fresh
process timed from launch to exit (interpreter start and imports included). Memory is that of the
whole process tree (the build starts a helper process that parses workbooks): sampled every 10 ms from
/proc, it is reported two ways — the largest sum of the tree's resident sets seen at one instant, and
a bound that cannot be exceeded: the sum of each process's own peak (VmHWM, and ru_maxrss of the
build's process at exit), as if every process peaked at the same moment. The bar (issue 13) is judged
on the bound: at most 1 GB (10^9 bytes) and at least 1.5× faster than the baseline. Machines here are
shared and noisy, so the figures are medians and the comparison is a ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT.parent / "shared" / "data"
LIMIT_BYTES = 10**9
MIN_SPEEDUP = 1.5
SAMPLE_S = 0.01

PROJECT = """
import sys
from pathlib import Path
from dashboard.ingest.build import build
raw = Path(sys.argv[1])  # every source, the history and content ones included
build(raw / "bls-oews-may2025", raw / "bls-ep-2024-34/occupation.xlsx", Path(sys.argv[2]) / "data", raw=raw)
"""

# The obvious way: read the flat file with pandas, split the series id, pivot datatypes to columns.
BASELINE = """
import sys
import pandas as pd
df = pd.read_csv(sys.argv[1] + "/bls-oews-may2025/oe.data.0.Current.gz", sep="\\t", dtype=str)
df.columns = [c.strip() for c in df.columns]
s = df["series_id"].str.strip()
df = pd.DataFrame({"key": s.str[4:23], "datatype": s.str[23:25], "value": df["value"].str.strip()})
wide = df.pivot(index="key", columns="datatype", values="value")
wide.to_csv(sys.argv[2] + "/wide.csv.gz")
"""


def _status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """pid and all its descendants (from /proc/PID/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return out


def run(code: str, out: str) -> dict:
    """Run `code` in a fresh process; wall seconds, tree RSS peak at one instant, and the bound."""
    hwm: dict[int, int] = {}
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(RAW), out], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            total = 0
            for p in _tree(proc.pid):
                total += _status_kb(p, "VmRSS")
                hwm[p] = max(hwm.get(p, 0), _status_kb(p, "VmHWM"))
            peak[0] = max(peak[0], total)
            time.sleep(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if status != 0:
        sys.exit(f"run failed:\n{err}")
    # ru_maxrss at exit: the larger of its own peak and its helper's (exact, never below its own)
    hwm[proc.pid] = max(hwm.get(proc.pid, 0), usage.ru_maxrss)
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,  # the process and the helper it waited for
        "tree_kb": max(peak[0], usage.ru_maxrss),
        "bound_kb": sum(hwm.values()),
        "procs": len(hwm),
    }


def mb(kb: float) -> str:
    return f"{kb * 1024 / 1e6:,.0f} MB"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3, help="runs of each, alternating (default 3)")
    args = p.parse_args()
    if not RAW.is_dir():
        sys.exit(f"{RAW} not found: the raw BLS files are needed")
    results: dict[str, list[dict]] = {"baseline": [], "build": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(max(args.runs, 1)):
            results["baseline"].append(run(BASELINE, tmp))
            results["build"].append(run(PROJECT, tmp))
    med = {
        k: {m: statistics.median(r[m] for r in v) for m in ("seconds", "cpu", "tree_kb", "bound_kb")}
        for k, v in results.items()
    }
    for k, v in results.items():
        runs = ", ".join(f"{r['seconds']:.2f} s" for r in v)
        print(
            f"{k:8} median {med[k]['seconds']:5.2f} s (CPU {med[k]['cpu']:4.1f} s)   peak RSS {mb(med[k]['tree_kb'])} "
            f"(bound {mb(max(r['bound_kb'] for r in v))}, {max(r['procs'] for r in v)} process(es))   runs: {runs}"
        )
    speedup = med["baseline"]["seconds"] / med["build"]["seconds"]
    bound = max(r["bound_kb"] for r in results["build"]) * 1024
    print(
        f"ratio    the build is {speedup:.2f}x faster than the baseline (median over median); CPU time "
        f"{med['baseline']['cpu'] / med['build']['cpu']:.2f}x less (what is left of the gain on a saturated machine)"
    )
    print(
        f"bar      >= {MIN_SPEEDUP}x faster: {'met' if speedup >= MIN_SPEEDUP else 'NOT met'}; "
        f"<= 1 GB (10^9 bytes) for the whole build, largest bound of any run {bound / 1e6:,.0f} MB: "
        f"{'met' if bound <= LIMIT_BYTES else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
