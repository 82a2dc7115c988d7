"""Shared by the serving benchmarks: start a server (the dashboard or the bare app), drive Chromium, read RSS."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BARE = ROOT / "benchmarks" / "bare_app.py"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_cmd(kind: str, port: int) -> list[str]:
    if kind == "dashboard":
        return [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port), "--address", "127.0.0.1"]
    if kind == "streamlit-run":  # the dashboard without serve: the data is loaded by the first visitor
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard" / "app.py"),
            "--server.port",
            str(port),
        ]
    return [
        sys.executable, "-m", "streamlit", "run", str(BARE), "--server.port", str(port), "--server.address",
        "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


@contextmanager
def server(kind: str, timings: Path | None = None, env: dict | None = None):
    """A running server; yields (url, process, start time). The start time is taken just before Popen."""
    port = free_port()
    e = {**os.environ, **(env or {})}
    if timings:
        e["WORKFORCE_TIMINGS"] = str(timings)
    t0 = time.perf_counter()
    proc = subprocess.Popen(server_cmd(kind, port), cwd=ROOT, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield f"http://127.0.0.1:{port}", proc, t0
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"{url} did not become healthy")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values: list[float]) -> str:
    return f"p50 {pct(values, 50):7.1f}  p95 {pct(values, 95):7.1f}  n={len(values)}"


def read_timings(path: Path, prefix: str | None = None) -> list[float]:
    if not path.exists():
        return []
    rows = [line.split("\t") for line in path.read_text().splitlines() if "\t" in line]
    return [float(ms) for page, ms in rows if prefix is None or page == prefix]


def machine() -> str:
    mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    gib = int(mem.split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores, {gib:.0f} GiB, Python {sys.version.split()[0]}"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def launch(p, cpus: set[int] | None = None):
    """Chromium, headless; `cpus` confines it (every process it starts) to those cores, so that a server's
    timings measure the server and not the browser painting on the same core."""
    if not cpus:
        return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    wrapper = Path(tempfile.mkdtemp()) / "chromium"
    wrapper.write_text(f'#!/bin/sh\nexec taskset -c {",".join(map(str, sorted(cpus)))} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    return p.chromium.launch(executable_path=str(wrapper), args=CHROMIUM_ARGS)


def browser_cpus(choice: str) -> set[int] | None:
    """The cores the browser may use: "last" (one core of its own, when there are two or more) or "all"."""
    cores = sorted(os.sched_getaffinity(0))
    return {cores[-1]} if choice == "last" and len(cores) > 1 else None


def pick(page, label: str, text: str) -> None:
    """Choose an option in a Streamlit selectbox by typing, as a user would; Enter is left to the caller."""
    box = page.get_by_label(label)
    box.click()
    box.fill(text)  # replaces what the box shows
