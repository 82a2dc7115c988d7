"""Cold start: from server process start to the occupation profile fully drawn in headless Chromium,
against the bare app (one CSV, one plotly chart) started the same way: the floor on this machine.

    python benchmarks/cold_start.py [--runs 5]

Runs alternate dashboard and bare app, so drift in the machine's load hits both. "Drawn" means the
profile's figures are on screen and the percentile bars are painted; for the bare app, its bars.
The dashboard is measured with its validated data copy in place (every start after the first) and,
once, without it (the very first start on a machine, which validates every file).

Ready when healthy: for each start it also times the first page from the moment /_stcore/health first
answers ok (what a proxy's health check or a load balancer sees) to the page drawn, and then the same
page again in a new tab (a later visitor). `serve` prepares the data before it listens, so the first
page after health should draw about as fast as the later one.
"""

import argparse
import time

from playwright.sync_api import sync_playwright

from benchmarks.common import launch, machine, median, server, wait_healthy


def draw(browser, url: str, kind: str) -> None:
    """Open the measured page in a new tab and wait until it is drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    if kind == "dashboard":
        page.goto(f"{url}/occupation?role=11-3051")
        page.locator("[data-testid='stMetricValue']").first.filter(has_text="246,250").wait_for(timeout=60_000)
        page.locator(".js-plotly-plot .bars path").nth(4).wait_for(timeout=60_000)
    else:
        page.goto(url)
        page.locator(".js-plotly-plot .bars path").first.wait_for(timeout=60_000)
    page.close()


def first_paint(browser, url: str, kind: str, t0: float, after: dict | None = None) -> float:
    """Seconds from process start to the page drawn. `after` gets the seconds from health ok to the first
    page drawn ("first") and the same page drawn again in a new tab ("later")."""
    wait_healthy(url)
    healthy = time.perf_counter()
    draw(browser, url, kind)
    took = time.perf_counter() - t0
    if after is not None:
        after.setdefault("first", []).append(time.perf_counter() - healthy)
        t1 = time.perf_counter()
        draw(browser, url, kind)
        after.setdefault("later", []).append(time.perf_counter() - t1)
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    results: dict[str, list[float]] = {"bare": [], "dashboard": []}
    after: dict[str, dict[str, list[float]]] = {"bare": {}, "dashboard": {}}
    with sync_playwright() as p:
        browser = launch(p)
        with server("dashboard", env={"WORKFORCE_CACHE_DIR": "/tmp/wo-cold-cache-warmup"}) as (url, _, t0):
            first_paint(browser, url, "dashboard", t0)  # makes sure a validated copy exists for the runs below
        for _ in range(args.runs):
            for kind in ("bare", "dashboard"):
                env = {"WORKFORCE_CACHE_DIR": "/tmp/wo-cold-cache-warmup"} if kind == "dashboard" else None
                with server(kind, env=env) as (url, _, t0):
                    results[kind].append(first_paint(browser, url, kind, t0, after[kind]))
        with server("dashboard", env={"WORKFORCE_CACHE_DIR": "off"}) as (url, _, t0):
            no_cache = first_paint(browser, url, "dashboard", t0)
        unprepared: dict[str, list[float]] = {}  # `streamlit run dashboard/app.py`: health ok before the data is loaded
        for _ in range(max(1, args.runs // 2)):
            with server("streamlit-run", env={"WORKFORCE_CACHE_DIR": "/tmp/wo-cold-cache-warmup"}) as (url, _, t0):
                first_paint(browser, url, "dashboard", t0, unprepared)
        browser.close()
    b, d = median(results["bare"]), median(results["dashboard"])
    print(f"machine: {machine()}")
    print(f"bare app (floor)            median {b:5.2f} s   runs {', '.join(f'{x:.2f}' for x in results['bare'])}")
    print(f"dashboard, profile drawn    median {d:5.2f} s   runs {', '.join(f'{x:.2f}' for x in results['dashboard'])}")
    print(f"ratio dashboard / floor     {d / b:5.2f}x   (target within 1.5x)")
    print(
        f"dashboard, first start ever (validates every file, no copy yet): {no_cache:.2f} s = {no_cache / b:.2f}x floor"
    )
    print("after /_stcore/health answers ok:")
    for kind, times in (("bare", after["bare"]), ("serve", after["dashboard"]), ("streamlit run", unprepared)):
        first, later = times["first"], times["later"]
        print(
            f"  {kind:13} first page median {median(first):5.2f} s, the same page again {median(later):5.2f} s, "
            f"ratio {median(first) / median(later):4.2f}x   runs {', '.join(f'{x:.2f}' for x in first)}"
        )


if __name__ == "__main__":
    main()
