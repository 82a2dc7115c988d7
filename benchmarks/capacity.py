"""Capacity: how many concurrent sessions a server holds, measured without browsers.

    python -m benchmarks.capacity [--sessions 25,50,100,150] [--seconds 40] [--configs bare,one,two]

Each simulated session speaks Streamlit's own websocket protocol (the BackMsg and ForwardMsg protobuf
classes that ship in the streamlit package), as the browser does: it opens /_stcore/stream, sends a
`rerun_script` BackMsg whose ClientState carries the page and its query string, and reads ForwardMsgs
until `script_finished`. Nothing is rendered, so the two cores go to the server.

A session opens one page of a mix (profile, geography, explore, industry, compare, pathways), then every
10 s (the first at a random moment) changes a filter: a rerun with a new query string, as Back/Forward
or a shared link does (the app rebuilds its controls from the address and redraws everything that
depends on the filter). The response time is from sending the BackMsg to the ForwardMsg that says the
script finished. An error is a script that raised (an exception element), a rerun not finished within
30 s, or a closed connection.

Configurations, each at every session count (ramped up over 5 s, then measured for --seconds):
  bare  the bare app (benchmarks/bare_app.py: one CSV, one chart) in one process, the floor
  one   `workforce-outlook serve`, one process
  two   `workforce-outlook serve --workers 2` behind Debian's nginx with dashboard/deploy/nginx.conf

Modes (--modes, default ramp):
  ramp   one server per configuration, the counts one after the other: each step's sessions arrive over
         5 s, settle for a period and are measured for --seconds (the server is warm after the first step)
  burst  a class opening one link at once: a fresh server per configuration and count, every session
         arriving within 5 s of the first (its first page view included in what is measured), then
         changing a filter every 10 s. Reported per 5-s window of when a request was sent, and the time
         from the burst's start after which every window's p95 is under 1 s ("recovered at")
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.common import BARE, ROOT, free_ports, machine, nginx, pct, stat_fields, stop, wait_ready

PUBLIC = "dashboard.example.org"
PERIOD = 10.0  # seconds between a session's filter changes
TIMEOUT = 30.0
STATES = ["MI", "OH", "TX", "CA", "NY", "PA", "IL", "GA", "NC", "WA", "IN", "WI"]
INDUSTRIES = ["31--34", "336000", "621000", "541000", "44--45", "230000", "325000", "333000", "622000", "484000"]
MEASURES = ["annual_median", "employment", "location_quotient", "hourly_mean", "annual_p90", "jobs_per_1000"]
ROLES = ["11-3051", "51-1011", "11-1021", "13-1081", "17-2112", "29-1141", "15-1252", "43-5061"]


def _views(page: str, rnd: random.Random) -> str:
    """A query string for `page` with a filter value drawn at random (the filter change)."""
    if page == "occupation":
        return f"role={rnd.choice(ROLES)}&area={rnd.choice(STATES)}"
    if page == "geography":
        return f"role={rnd.choice(ROLES)}&measure={rnd.choice(MEASURES)}"
    if page == "explore":
        return f"industry={rnd.choice(INDUSTRIES)}"
    if page == "industry":
        return f"industry={rnd.choice(INDUSTRIES)}"
    if page == "compare":
        return f"role=11-3051,11-1021,51-1011&area={rnd.choice(STATES)}"
    if page == "pathways":
        return f"pathway=manufacturing-management&area={rnd.choice(STATES)}"
    return ""


MIX = ["occupation", "occupation", "geography", "explore", "industry", "compare", "pathways"]


class Results:
    def __init__(self) -> None:
        self.times: list[float] = []  # seconds, filter changes inside the measured window
        self.errors: list[str] = []
        self.opened = 0
        self.sent: list[tuple[float, float, bool]] = []  # every request: (sent, seconds it took, first view?)


async def _rerun(ws, page: str, query: str, page_hash: str) -> tuple[float, str]:
    """Send one rerun_script and wait for its end: (seconds, the page's script hash)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = "" if page == "explore" else page
    msg.rerun_script.page_script_hash = page_hash
    t0 = time.perf_counter()
    await ws.send(msg.SerializeToString())
    while True:
        raw = await asyncio.wait_for(ws.recv(), TIMEOUT)
        fwd = ForwardMsg.FromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "new_session":
            page_hash = fwd.new_session.page_script_hash or page_hash
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            if fwd.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(f"exception on {page}?{query}: {fwd.delta.new_element.exception.message[:200]}")
        elif kind == "script_finished":
            status = fwd.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the app asked for a rerun (st.rerun): the change is done when that one finishes
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise RuntimeError(f"compile error on {page}")
            return time.perf_counter() - t0, page_hash


async def _session(
    url: str, host: str, page: str, seed: int, start: float, measure_from: float, end: float, out: Results
):
    rnd = random.Random(seed)
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    headers = {"Origin": f"http://{host}", "Cookie": f"workforce_affinity={seed:016x}"}  # the proxy's affinity key
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    pending = (time.monotonic(), True)  # the request under way: (sent, first view?), from the connection on
    try:
        async with websockets.connect(
            f"ws://{host}/_stcore/stream",  # Host: the name the browser uses; the socket goes to 127.0.0.1
            host="127.0.0.1",
            port=port,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=TIMEOUT,
        ) as ws:
            took, page_hash = await _rerun(ws, page, _views(page, rnd), "")
            out.sent.append((pending[0], took, True))
            out.opened += 1
            await asyncio.sleep(rnd.uniform(0, PERIOD))
            while time.monotonic() < end:
                began = time.monotonic()
                pending = (began, False)
                took, page_hash = await _rerun(ws, page, _views(page, rnd), page_hash)
                out.sent.append((began, took, False))
                if began >= measure_from:
                    out.times.append(took)
                await asyncio.sleep(max(0.0, began + PERIOD - time.monotonic()))
    except Exception as e:  # noqa: BLE001 - every failure is an error of the run, counted and shown
        # a request that failed counts in its window as the time it was left waiting
        out.sent.append((pending[0], time.monotonic() - pending[0], pending[1]))
        if time.monotonic() < end + TIMEOUT:
            out.errors.append(f"{page}: {type(e).__name__}: {str(e)[:200]}")


async def _load(url: str, host: str, sessions: int, seconds: float, burst: bool = False) -> Results:
    """Sessions arriving over 5 s; measured after a period of settling (ramp) or from the first (burst)."""
    out = Results()
    now = out.began = time.monotonic()
    ramp = 5.0
    measure_from = now if burst else now + ramp + PERIOD  # every session open and into its rhythm
    end = now + ramp + seconds if burst else measure_from + seconds
    tasks = [
        _session(url, host, MIX[i % len(MIX)], 1000 * sessions + i, now + ramp * i / sessions, measure_from, end, out)
        for i in range(sessions)
    ]
    await asyncio.gather(*tasks)
    return out


# --- servers ----------------------------------------------------------------------------------------


def _wait(ports: list[int], proc: subprocess.Popen) -> None:
    wait_ready([f"http://127.0.0.1:{p}" for p in ports], proc)


@contextmanager
def started(config: str):
    """Yields (websocket url, Host header, [server pids]) of a running configuration."""
    if config == "bare":
        port = free_ports(1)
        cmd = [sys.executable, "-m", "streamlit", "run", str(BARE), "--server.port", str(port)]
        cmd += ["--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait([port], proc)
            yield f"ws://127.0.0.1:{port}/_stcore/stream", f"localhost:{port}", [proc.pid]
        finally:
            stop(proc, 30)
        return
    workers = 2 if config == "two" else 1
    first = free_ports(workers)
    cmd = [sys.executable, "-m", "dashboard.serving.cli", "serve", "--port", str(first), "--workers", str(workers)]
    proc = subprocess.Popen(
        cmd + ["--allowed-host", PUBLIC], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        ports = list(range(first, first + workers))
        _wait(ports, proc)
        if workers == 1:
            yield f"ws://127.0.0.1:{first}/_stcore/stream", f"localhost:{first}", [proc.pid]
            return
        with _nginx(ports) as port:
            yield f"ws://127.0.0.1:{port}/_stcore/stream", f"{PUBLIC}:{port}", [proc.pid]
    finally:
        stop(proc, 30)


@contextmanager
def _nginx(upstream: list[int]):
    """Debian's nginx with dashboard/deploy/nginx.conf, its upstream pointed at `upstream`: yields its port."""
    port = free_ports(1)
    conf = (ROOT / "dashboard" / "deploy" / "nginx.conf").read_text()
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+;.*\n", conf, re.M)
    conf = conf.replace("".join(servers), "".join(f"    server 127.0.0.1:{p};\n" for p in upstream))
    conf = re.sub(r"listen 80\b", f"listen 127.0.0.1:{port}", conf)
    conf = conf.replace(
        "limit_conn workforce_per_client 40;", "limit_conn workforce_per_client 1000;"
    )  # one client here
    with tempfile.TemporaryDirectory() as tmp, nginx(Path(tmp), port, conf, connections=4096):
        yield port


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes and their children (the workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    todo = list(pids)
    while todo:
        pid = todo.pop()
        try:
            fields = stat_fields(pid)
            total += (int(fields[11]) + int(fields[12])) / tick
            todo += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            pass
    return total


WINDOW = 5.0  # seconds: the burst's report groups requests by when they were sent
GOAL = 1000.0  # ms: the p95 a recovered server answers within


def windows(res: Results) -> list[tuple[float, list[float]]]:
    """Each 5-s window from the burst's start (by when a request was sent) with its response times (ms)."""
    out: dict[int, list[float]] = {}
    for sent, took, _ in res.sent:
        out.setdefault(int((sent - res.began) // WINDOW), []).append(took * 1000)
    return [(k * WINDOW, out[k]) for k in sorted(out)]


def recovered_at(res: Results) -> float | None:
    """Seconds from the burst's start after which every window's p95 is under GOAL (None: never)."""
    ws = windows(res)
    for i, (start, _) in enumerate(ws):
        if all(pct(v, 95) < GOAL for _, v in ws[i:]):
            return start
    return None


def burst(config: str, n: int, seconds: float) -> None:
    """A fresh server of `config`, n sessions arriving within 5 s, measured from the first."""
    with started(config) as (url, host, pids):
        cpu0, t0 = _cpu_seconds(pids), time.monotonic()
        res = asyncio.run(_load(url, host, n, seconds, burst=True))
        cpu = (_cpu_seconds(pids) - cpu0) / (time.monotonic() - t0)
    first = [t * 1000 for _, t, f in res.sent if f]
    rest = [t * 1000 for _, t, f in res.sent if not f]
    at = recovered_at(res)
    print(
        f"{config:13} {n:4d} first views p50 {pct(first, 50):6.0f} p95 {pct(first, 95):6.0f} max {max(first, default=0):6.0f} ms; "
        f"changes {len(rest)} p50 {pct(rest, 50):5.0f} p95 {pct(rest, 95):6.0f} ms; errors {len(res.errors)}; "
        f"server CPU {cpu:4.2f} cores; load avg {os.getloadavg()[0]:.1f}; "
        f"recovered (p95 < {GOAL:.0f} ms) at {'never' if at is None else f'{at:.0f} s'}",
        flush=True,
    )
    print("       p95 by window: " + ", ".join(f"{s:.0f}s {pct(v, 95):.0f} (n={len(v)})" for s, v in windows(res)))
    for e in res.errors[:3]:
        print(f"       error: {e}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--sessions", default="25,50,100,150", help="session counts, comma-separated (default: %(default)s)"
    )
    ap.add_argument("--seconds", type=float, default=40, help="measured seconds per count (default: %(default)s)")
    ap.add_argument("--configs", default="bare,one,two", help="which configurations (default: %(default)s)")
    ap.add_argument("--modes", default="ramp", help="ramp, burst or both, comma-separated (default: %(default)s)")
    args = ap.parse_args()
    counts = [int(x) for x in args.sessions.split(",")]
    modes = ["burst", "ramp"] if args.modes == "both" else args.modes.split(",")
    if "burst" in modes:
        print(f"machine: {machine()}; cold burst: a fresh server, the sessions arriving within 5 s, measured "
              f"{args.seconds:.0f} s after; a filter change every {PERIOD:.0f} s per session")  # fmt: skip
        for config in args.configs.split(","):
            for n in counts:
                burst(config, n, args.seconds)
    if "ramp" not in modes:
        return
    print(
        f"machine: {machine()}; a filter change every {PERIOD:.0f} s per session; measured {args.seconds:.0f} s a step"
    )
    print(
        f"{'config':6} {'sessions':>8} {'changes':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6} "
        f"{'server CPU':>11} {'generator CPU':>13} {'load avg':>8}"
    )
    for config in args.configs.split(","):
        with started(config) as (url, host, pids):
            for n in counts:
                cpu0, own0, t0 = _cpu_seconds(pids), time.process_time(), time.monotonic()
                res = asyncio.run(_load(url, host, n, args.seconds))
                wall = time.monotonic() - t0
                cpu, own = (_cpu_seconds(pids) - cpu0) / wall, (time.process_time() - own0) / wall
                ms = [t * 1000 for t in res.times]
                print(
                    f"{config:6} {n:8d} {len(ms):8d} {pct(ms, 50):8.0f} {pct(ms, 95):8.0f} {max(ms, default=0):8.0f} "
                    f"{len(res.errors):6d} {cpu:5.2f} cores {own:7.2f} cores {os.getloadavg()[0]:8.1f}",
                    flush=True,
                )
                for e in res.errors[:3]:
                    print(f"       error: {e}")
                if pct(ms, 95) > 3000 or len(res.errors) > n // 2:
                    break  # far past capacity: the larger counts only take longer to say so


if __name__ == "__main__":
    main()
