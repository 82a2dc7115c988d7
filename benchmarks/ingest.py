"""Time the full ingest and its peak memory against a plain pandas pivot of the same flat file.

    python benchmarks/ingest.py [--runs 3]

Each measurement runs in a fresh process (peak RSS is per process). Machines here are shared
and noisy, so the figures are medians and the comparison is a ratio measured in the same run.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT.parent / "shared" / "data"

PROJECT = """
import json, resource, sys, time
from pathlib import Path
from dashboard.ingest.build import build
t = time.perf_counter()
raw = Path(sys.argv[1])  # every source, the history ones (OEWS 2013-2024, EP vintages, crosswalks, CPI-U) included
build(raw / "bls-oews-may2025", raw / "bls-ep-2024-34/occupation.xlsx", Path(sys.argv[2]), raw=raw)
print(json.dumps({"seconds": time.perf_counter() - t, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# The obvious way: read the flat file with pandas, split the series id, pivot datatypes to columns.
BASELINE = """
import json, resource, sys, time
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1] + "/bls-oews-may2025/oe.data.0.Current.gz", sep="\\t", dtype=str)
df.columns = [c.strip() for c in df.columns]
s = df["series_id"].str.strip()
df = pd.DataFrame({"key": s.str[4:23], "datatype": s.str[23:25], "value": df["value"].str.strip()})
wide = df.pivot(index="key", columns="datatype", values="value")
wide.to_csv(sys.argv[2] + "/wide.csv.gz")
print(json.dumps({"seconds": time.perf_counter() - t, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, out: str) -> dict:
    res = subprocess.run(
        [sys.executable, "-c", code, str(RAW), out], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--baseline-runs", type=int, default=1)
    args = p.parse_args()
    if not RAW.is_dir():
        sys.exit(f"{RAW} not found: the raw BLS files are needed")
    results = {"project": [], "baseline": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(max(args.runs, args.baseline_runs)):
            if i < args.runs:
                results["project"].append(run(PROJECT, f"{tmp}/data"))
            if i < args.baseline_runs:
                results["baseline"].append(run(BASELINE, tmp))
    med = {k: {m: statistics.median(r[m] for r in v) for m in ("seconds", "peak_mb")} for k, v in results.items()}
    for k, v in results.items():
        runs = ", ".join(f"{r['seconds']:.1f} s / {r['peak_mb']:.0f} MB" for r in v)
        print(f"{k:9} median {med[k]['seconds']:5.1f} s, peak {med[k]['peak_mb']:6.0f} MB   (runs: {runs})")
    print(
        f"ratio     time {med['project']['seconds'] / med['baseline']['seconds']:.2f}x, "
        f"memory {med['project']['peak_mb'] / med['baseline']['peak_mb']:.2f}x of the plain pandas pivot"
    )
    print("target    under 8 s and under 1,000 MB for the full build")


if __name__ == "__main__":
    main()
