"""Sockets and descriptors: what a server keeps after sessions close, and what idle or half-open sockets cost.

    python -m benchmarks.sockets [--sessions 1000] [--flood 1100]

Against `workforce-outlook serve` (one process, its own port), without a proxy:
  sessions  RSS and open descriptors after warm-up, then after --sessions sessions each opened (one page run
            over Streamlit's websocket, as capacity.py speaks it), closed, and forgotten by the server
            (`active_sessions` back to 0); event-loop descriptors (eventpoll) counted on their own
  silent    how long a socket that sends nothing stays open (the cap is 60 s)
  flood     under a descriptor limit of 1,024 (the process's soft and hard limit, set before it starts):
            --flood half-open requests (headers never finished) from one client; the seconds until
            /_stcore/health answers again, the log's growth during the first 20 s, and its tracebacks
The baseline of each figure is the same server before the load, in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets

from benchmarks.capacity import _rerun
from benchmarks.common import ROOT, free_port, healthy, machine, rss_mb, stop, wait_ready
from dashboard.data.locations import settings

PAGES = [("occupation", "role=11-3051&area=MI"), ("explore", "area=MI"), ("geography", "role=51-1011")]


def start(log: Path, limit: int | None = None) -> tuple[str, subprocess.Popen]:
    """`serve` on a free port, its output in `log`; with `limit`, its descriptor limit (soft and hard)."""
    port = free_port()

    def cap() -> None:
        if limit:
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    cmd = [sys.executable, "-m", "dashboard.serving.cli", "serve", "--port", str(port)]
    out = open(log, "wb")  # noqa: SIM115 - the server writes to it until it stops
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, preexec_fn=cap)
    url = f"http://127.0.0.1:{port}"
    wait_ready([url], proc, 180, log)
    return url, proc


def descriptors(pid: int) -> tuple[int, int]:
    """(open descriptors, of which event loops' epoll instances) of a process."""
    fd = Path(f"/proc/{pid}/fd")
    links = []
    for p in fd.iterdir():
        try:
            links.append(os.readlink(p))
        except OSError:
            pass
    return len(links), sum("eventpoll" in x for x in links)


def active_sessions(url: str) -> int:
    """Streamlit's own count of open sessions (/_stcore/metrics, the "active_sessions" gauge)."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as r:
        text = r.read().decode()
    found = re.search(r"^active_sessions (\S+)$", text, re.M)
    return int(float(found.group(1))) if found else -1


async def one_session(port: int, i: int) -> bool:
    page, query = PAGES[i % len(PAGES)]
    try:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=60
        ) as ws:
            await _rerun(ws, page, query, "")
        return True
    except Exception:  # noqa: BLE001 - counted
        return False


async def sessions(port: int, n: int, at_once: int = 25) -> int:
    ok = 0
    for first in range(0, n, at_once):
        done = await asyncio.gather(*(one_session(port, i) for i in range(first, min(n, first + at_once))))
        ok += sum(done)
    return ok


def settle(url: str, seconds: float = 60) -> None:
    """Until the server has no session left, then the time a closed tab's session is kept for it to resume
    (server.disconnectedSessionTTL in config.toml) and 10 s more."""
    deadline = time.monotonic() + seconds
    while active_sessions(url) != 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(settings()["server"].get("disconnectedSessionTTL", 120) + 10)


def silent_socket(url: str, cap: float = 60) -> float:
    host, port = url.removeprefix("http://").split(":")
    s = socket.create_connection((host, int(port)))
    s.settimeout(cap)
    t0 = time.monotonic()
    try:
        s.recv(1)  # b"" when the server closes it
    except (TimeoutError, OSError):
        pass
    took = time.monotonic() - t0
    s.close()
    return took


def flood(url: str, log: Path, n: int) -> tuple[float, int, int, int]:
    """(seconds until health answers, log bytes in the first 20 s, tracebacks, sockets opened)."""
    host, port = url.removeprefix("http://").split(":")
    before = log.stat().st_size
    held = []
    for _ in range(n):
        try:
            s = socket.create_connection((host, int(port)), timeout=2)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # never finished
            held.append(s)
        except OSError:
            break
    t0 = time.monotonic()
    back = float("nan")
    while time.monotonic() - t0 < 20:
        if healthy(url):
            back = time.monotonic() - t0
            break
        time.sleep(0.5)
    time.sleep(max(0.0, 20 - (time.monotonic() - t0)))
    grown = log.stat().st_size - before
    tracebacks = log.read_bytes()[before:].count(b"Traceback")
    for s in held:
        s.close()
    return back, grown, tracebacks, len(held)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=1000)
    ap.add_argument("--flood", type=int, default=1100)
    args = ap.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "serve.log"
        url, proc = start(log)
        port = int(url.rsplit(":", 1)[1])
        try:
            asyncio.run(sessions(port, 30))  # warm-up: every page's first run, the background warm-up
            settle(url)
            fds0, loops0 = descriptors(proc.pid)
            rss0 = rss_mb(proc.pid)
            t0 = time.monotonic()
            ok = asyncio.run(sessions(port, args.sessions))
            took = time.monotonic() - t0
            settle(url)
            fds1, loops1 = descriptors(proc.pid)
            rss1 = rss_mb(proc.pid)
            print(f"sessions: {ok} of {args.sessions} opened and closed in {took:.0f} s")
            print(f"  descriptors {fds0} -> {fds1} ({fds1 - fds0:+d}); event loops {loops0} -> {loops1}")
            print(f"  RSS {rss0:.0f} -> {rss1:.0f} MB ({rss1 - rss0:+.0f} MB)")
            print(f"silent socket: closed after {silent_socket(url):.1f} s (cap 60 s)")
            files = next(x for x in Path(f"/proc/{proc.pid}/limits").read_text().splitlines() if "open files" in x)
            print(f"open files limit (soft, hard): {' '.join(files.split()[3:5])}")
        finally:
            stop(proc)
        log2 = Path(tmp) / "flood.log"
        url, proc = start(log2, limit=1024)
        try:
            back, grown, tracebacks, opened = flood(url, log2, args.flood)
            print(
                f"flood: {opened} half-open requests under a limit of 1,024 descriptors: health answered after "
                f"{back:.1f} s; the log grew {grown:,} bytes in 20 s, {tracebacks} tracebacks"
            )
        finally:
            stop(proc)


if __name__ == "__main__":
    main()
