"""A class opening one link at once fetches the charts' plotly.js: what that costs `serve`.

    python -m benchmarks.plotly_js [--clients 80] [--rounds 3]

A browser loads plotly.min.js (4.8 MB, 1.5 MB gzipped) once per tab, from the address the chart element asks for
(dashboard/web/chart.py). `--clients` fetch it at the same moment, with gzip as browsers ask, from a fresh
`workforce-outlook serve`; meanwhile a probe asks the server's health every 20 ms. Reported: the time each fetch
took (p50, p95), the bytes it carried, the header it came with, and the probe's slowest answer (how long the server's
event loop was held from everything else, websockets included). The baseline, in the same run and server: the same
burst for Streamlit's own largest file (its frontend bundle with plotly in it, served as it is, with a year's
lifetime).
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import urllib.request
from pathlib import Path

import plotly

from benchmarks.common import first_run, machine, pct, server, wait_healthy
from dashboard.web.chart import PLOTLY_JS, PLOTLY_JS_FILE

PATH = f"/component/{PLOTLY_JS}/{PLOTLY_JS_FILE.name}"  # the address the chart element asks for


def fetch(url: str) -> tuple[float, int, str]:
    t = time.perf_counter()
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            body = r.read()
            cache = r.headers.get("Cache-Control", "")
    except OSError as e:  # counted as a failed fetch
        return (time.perf_counter() - t) * 1000, -1, str(e)
    return (time.perf_counter() - t) * 1000, len(body), cache


def streamlits_largest() -> str:
    """The address of the largest script of Streamlit's frontend (its plotly chunk)."""
    import streamlit

    js = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "/static/js/" + max(js.glob("*.js"), key=lambda f: f.stat().st_size).name


def burst(base: str, url: str, clients: int) -> dict:
    results: list[tuple[float, int, str]] = []
    probes: list[float] = []
    done = threading.Event()

    def probe() -> None:
        while not done.is_set():
            t = time.perf_counter()
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=60).read()
            probes.append((time.perf_counter() - t) * 1000)
            time.sleep(0.02)

    prober = threading.Thread(target=probe)
    prober.start()
    time.sleep(0.2)
    threads = [threading.Thread(target=lambda: results.append(fetch(url))) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = (time.perf_counter() - t0) * 1000
    done.set()
    prober.join()
    failed = sum(1 for r in results if r[1] < 0)
    results = [r for r in results if r[1] >= 0] or [(0.0, 0, "")]
    times = sorted(r[0] for r in results)
    return {
        "wall": wall,
        "failed": failed,
        "p50": statistics.median(times),
        "p95": pct(times, 95),
        "bytes": statistics.median(r[1] for r in results),
        "cache": results[0][2],
        "probe_max": max(probes),
        "probe_p50": statistics.median(probes),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clients", type=int, default=80)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    print(machine())
    with server("dashboard") as (url, _proc, _t0):
        wait_healthy(url)
        first_run(int(url.rsplit(":", 1)[1]), "occupation", "role=11-3051")  # a page with a chart, as a visitor's
        for i in range(args.rounds):
            for name, path in (
                ("Streamlit's own", streamlits_largest()),
                ("plotly.js", f"{PATH}?v={plotly.__version__}"),
            ):
                r = burst(url, f"{url}{path}", args.clients)
                print(
                    f"round {i + 1}, {name}: {args.clients} fetches at once ({r['failed']} failed), all done in "
                    f"{r['wall']:,.0f} ms; each p50 {r['p50']:,.0f} ms, p95 {r['p95']:,.0f} ms; "
                    f"{r['bytes'] / 1e6:.2f} MB each, Cache-Control "
                    f'"{r["cache"]}"; the health probe meanwhile p50 {r["probe_p50"]:.0f} ms, '
                    f"slowest {r['probe_max']:,.0f} ms"
                )


if __name__ == "__main__":
    main()
