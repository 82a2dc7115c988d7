"""Cold start: from server process start to the occupation profile fully drawn in headless Chromium,
against the bare app (one CSV, one plotly chart) started the same way: the floor on this machine.

    python benchmarks/cold_start.py [--runs 5]

Runs alternate dashboard and bare app, so drift in the machine's load hits both. "Drawn" means the
profile's figures are on screen and the percentile bars are painted; for the bare app, its bars.
The dashboard is measured with its validated data copy in place (every start after the first) and,
once, without it (the very first start on a machine, which validates every file).
"""

import argparse
import time

from playwright.sync_api import sync_playwright

from benchmarks.common import launch, machine, median, server, wait_healthy


def first_paint(browser, url: str, kind: str, t0: float) -> float:
    wait_healthy(url)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    if kind == "dashboard":
        page.goto(f"{url}/occupation?role=11-3051")
        page.locator("[data-testid='stMetricValue']").first.filter(has_text="246,250").wait_for(timeout=60_000)
        page.locator(".js-plotly-plot .bars path").nth(4).wait_for(timeout=60_000)
    else:
        page.goto(url)
        page.locator(".js-plotly-plot .bars path").first.wait_for(timeout=60_000)
    took = time.perf_counter() - t0
    page.close()
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    results: dict[str, list[float]] = {"bare": [], "dashboard": []}
    with sync_playwright() as p:
        browser = launch(p)
        with server("dashboard", env={"WORKFORCE_CACHE_DIR": "/tmp/wo-cold-cache-warmup"}) as (url, _, t0):
            first_paint(browser, url, "dashboard", t0)  # makes sure a validated copy exists for the runs below
        for _ in range(args.runs):
            for kind in ("bare", "dashboard"):
                env = {"WORKFORCE_CACHE_DIR": "/tmp/wo-cold-cache-warmup"} if kind == "dashboard" else None
                with server(kind, env=env) as (url, _, t0):
                    results[kind].append(first_paint(browser, url, kind, t0))
        with server("dashboard", env={"WORKFORCE_CACHE_DIR": "off"}) as (url, _, t0):
            no_cache = first_paint(browser, url, "dashboard", t0)
        browser.close()
    b, d = median(results["bare"]), median(results["dashboard"])
    print(f"machine: {machine()}")
    print(f"bare app (floor)            median {b:5.2f} s   runs {', '.join(f'{x:.2f}' for x in results['bare'])}")
    print(f"dashboard, profile drawn    median {d:5.2f} s   runs {', '.join(f'{x:.2f}' for x in results['dashboard'])}")
    print(f"ratio dashboard / floor     {d / b:5.2f}x   (target within 1.5x)")
    print(
        f"dashboard, first start ever (validates every file, no copy yet): {no_cache:.2f} s = {no_cache / b:.2f}x floor"
    )


if __name__ == "__main__":
    main()
