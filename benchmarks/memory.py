"""Memory: the server's resident memory once the data is loaded, and what each further browser session
adds, against the bare app (benchmarks/bare_app.py) measured the same way in the same run.

    python benchmarks/memory.py [--sessions 12]

Each session is its own browser context (as separate visitors are) that opens a different view and
stays open. RSS is read from /proc after the session's page is drawn and the server has settled.
Targets: under 400 MB after loading, under 15 MB a session.
"""

from __future__ import annotations

import argparse

from playwright.sync_api import expect, sync_playwright

from benchmarks.common import launch, machine, rss_mb, server, wait_healthy

VIEWS = [
    "/occupation?role=11-3051",
    "/?industry=336000",
    "/geography?role=11-3051&area=MI",
    "/industry?industry=31--34",
    "/compare?role=11-3051,11-1021,51-1011",
    "/pathways",
    "/occupation?role=51-1011&area=CA",
    "/geography?role=17-2112&measure=employment",
]


def settle(pid: int, page) -> float:
    page.wait_for_timeout(1500)
    return rss_mb(pid)


def measure(browser, kind: str, sessions: int) -> tuple[float, float, list[float]]:
    with server(kind) as (url, proc, _):
        wait_healthy(url)
        idle = rss_mb(proc.pid)
        readings = []
        contexts = []
        for i in range(sessions):
            ctx = browser.new_context(viewport={"width": 1280, "height": 800})
            page = ctx.new_page()
            page.goto(url + (VIEWS[i % len(VIEWS)] if kind == "dashboard" else ""))
            expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=60_000)
            readings.append(settle(proc.pid, page))
            contexts.append(ctx)
        for ctx in contexts:
            ctx.close()
    return idle, readings[0], readings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=12)
    args = ap.parse_args()
    with sync_playwright() as p:
        browser = launch(p)
        results = {kind: measure(browser, kind, args.sessions) for kind in ("bare", "dashboard")}
        browser.close()
    print(f"machine: {machine()}")
    for kind, (idle, first, readings) in results.items():
        later = readings[1:]  # the first session also pays for loading; the slope after it is the cost of one more
        per = (later[-1] - later[0]) / max(len(later) - 1, 1) if len(later) > 1 else float("nan")
        print(
            f"{kind:<10} idle {idle:6.1f} MB   after loading (1 session) {first:6.1f} MB   "
            f"{len(readings)} sessions {readings[-1]:6.1f} MB   per further session {per:5.2f} MB"
        )
        print(f"{'':<10} readings: {', '.join(f'{r:.0f}' for r in readings)}")
    print("targets: dashboard under 400 MB after loading, under 15 MB a session")


if __name__ == "__main__":
    main()
