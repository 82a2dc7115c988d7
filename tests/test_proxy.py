"""Many users: `workforce-outlook serve --workers 2` behind Debian's nginx running the config kept in the
package (dashboard/deploy/nginx.conf), driven by Chromium through the proxy's public name.

Each browser session gets the proxy's affinity cookie on its first answer; the cookie picks the process, so
the page, its websocket and a reload reach the same process. The test reads nginx's access log (the
affinity key and the upstream of every request) and each process's own session count."""

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from benchmarks.common import free_ports, healthy, stop, wait_ready
from dashboard.data import locations

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "dashboard.example.org"
CHROMIUM = "/usr/bin/chromium"
STATES = [("Michigan", "2600000"), ("Ohio", "3900000"), ("Texas", "4800000"), ("California", "0600000")]


def _health(port: int) -> bool:
    return healthy(f"http://127.0.0.1:{port}")


def _metric(port: int, name: str) -> float:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=5).read().decode()
    return float(re.search(rf"^{re.escape(name)} (\S+)$", text, re.M).group(1))


@pytest.fixture(scope="module")
def workers(tmp_path_factory):
    """`workforce-outlook serve --workers 2` on two consecutive ports: the list of ports."""
    first = free_ports(2)
    log = tmp_path_factory.mktemp("workers") / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard.serving.cli", "serve", "--workers", "2", "--port", str(first)]
            + ["--allowed-host", PUBLIC],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    ports = [first, first + 1]
    try:
        try:
            wait_ready([f"http://127.0.0.1:{p}" for p in ports], proc, 120, log)
        except RuntimeError as e:
            pytest.fail(f"serve --workers 2 did not start: {e}")
        yield ports
    finally:
        stop(proc, 30)  # the parent stops both processes
    assert not any(_health(p) for p in ports), "a worker outlived serve"
    assert "Traceback" not in log.read_text()


@pytest.fixture(scope="module")
def proxy(workers, tmp_path_factory, run_nginx):
    """Debian's nginx with dashboard/deploy/nginx.conf, its upstream pointed at the workers: (port, access log)."""
    port = free_ports(1)
    conf = locations.NGINX.read_text()
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+;.*\n", conf, re.M)
    assert len(servers) >= 2, "the upstream lists fewer than two processes"
    conf = conf.replace("".join(servers), "".join(f"    server 127.0.0.1:{p};\n" for p in workers))
    conf = re.sub(r"listen 80\b", f"listen 127.0.0.1:{port}", conf)
    tmp = tmp_path_factory.mktemp("nginx")
    with run_nginx(tmp, port, conf, "$workforce_affinity $upstream_addr $status $request_uri"):
        yield port, tmp / "access.log"


def _eventually(check, seconds: float = 10):
    """Poll check() until it returns a true value (the metrics and nginx's log follow a moment behind)."""
    deadline = time.monotonic() + seconds
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return result


def _upstreams_by_key(access: Path) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for line in access.read_text().splitlines():
        key, upstream, *_ = line.split(" ")
        if upstream != "-":
            seen.setdefault(key, set()).add(upstream)
    return seen


def test_sessions_through_the_proxy_stay_on_their_process(proxy, workers, ds):
    port, access = proxy
    base = f"http://{PUBLIC}:{port}"
    with sync_playwright() as p:
        # the proxy's public name resolves to this machine; nothing else is reachable
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", f"--host-resolver-rules=MAP {PUBLIC} 127.0.0.1"],
        )
        sessions = []
        try:
            # open sessions (each its own browser, as different visitors) until both processes have some
            while len(sessions) < 4 or len({k for k, _ in sessions}) < 2:
                assert len(sessions) < 16, "every session went to one process: the proxy does not spread them"
                ctx = browser.new_context(viewport={"width": 1280, "height": 800})
                ctx.route(re.compile(rf"^(?!http://{re.escape(PUBLIC)}:{port}/).*"), lambda route: route.abort())
                page = ctx.new_page()
                page.goto(f"{base}/occupation?role=11-3051")
                expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("246,250", timeout=30_000)
                key = next(c["value"] for c in ctx.cookies() if c["name"] == "workforce_affinity")
                upstreams = _upstreams_by_key(access).get(key, set())
                assert len(upstreams) == 1, upstreams
                sessions.append((upstreams.pop(), page))

            def held() -> list[tuple[float, int]]:  # (sessions a process holds, sessions the proxy sent it)
                return [
                    (_metric(w, "active_sessions"), sum(u == f"127.0.0.1:{w}" for u, _ in sessions)) for w in workers
                ]

            assert _eventually(lambda: all(a == b for a, b in held())), held()  # each process: its sessions, no others

            # a filter change in every session works, answered by the session's own process
            for i, (_, page) in enumerate(sessions):
                name, code = STATES[i % len(STATES)]
                box = page.get_by_label("Area")
                box.click()
                box.fill(name)
                page.keyboard.press("Enter")
                metric = page.locator("[data-testid='stMetricValue']").first
                expect(metric).to_have_text(f"{ds.wages.loc[('11-3051', code), 'employment']:,}", timeout=20_000)
                expect(page).to_have_url(re.compile(f"area={code}"), timeout=10_000)
            # the charts' plotly.js came through the proxy with a lifetime a browser keeps (serve's own route for it,
            # chart.install_route): not Streamlit's bare "public", which made every reload download 4.8 MB that the
            # worker compressed anew
            page = sessions[0][1]
            page.locator(".wo-chart").first.scroll_into_view_if_needed()  # a chart is drawn when it comes into view
            expect(page.locator(".wo-chart .js-plotly-plot .main-svg").first).to_be_attached(timeout=30_000)
            script = page.evaluate("() => [...document.scripts].map(s => s.src).find(s => s.includes('plotly.min.js'))")
            assert script and "?v=" in script, script
            ok, cache, frames = page.evaluate(
                "async (u) => { const r = await fetch(u, {cache: 'no-store'}); "
                "return [r.ok, r.headers.get('cache-control'), r.headers.get('x-frame-options')]; }",
                script,
            )
            assert ok and cache == "public, max-age=31536000, immutable", cache
            assert frames == "SAMEORIGIN"  # the server's headers are kept there too
            # a reload opens a new websocket: the cookie sends it to the same process
            upstream, page = sessions[0]
            page.reload()
            expect(page.locator("[data-testid='stMetricValue']").first).not_to_have_text("246,250", timeout=30_000)
            assert _eventually(lambda: all(a == b for a, b in held())), held()
        finally:
            browser.close()
    # nginx logs a websocket when it closes: now every request of every session is in the log
    logged = _eventually(lambda: access.read_text().count("/_stcore/stream") >= len(sessions) + 1)
    assert logged, access.read_text()[-2000:]
    for key, upstreams in _upstreams_by_key(access).items():
        assert len(upstreams) == 1, (key, upstreams)  # every request with one key, websockets included: one process
