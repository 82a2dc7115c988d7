"""Shared by the serving benchmarks: start a server (the dashboard or the bare app), drive Chromium, read RSS."""

from __future__ import annotations

import os
import random
import shutil
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
    return free_ports(1)


def free_ports(n: int) -> int:
    """The first of `n` consecutive ports free on 127.0.0.1 (serve --workers N takes consecutive ports)."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            first = s.getsockname()[1]
        if first + n > 65536:
            continue
        try:
            for p in range(first + 1, first + n):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", p))
        except OSError:
            continue
        return first
    raise RuntimeError(f"no {n} consecutive free ports")


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate a process and wait for it; kill it if it has not ended within `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def nginx_binary() -> str | None:
    """Debian's nginx, on the PATH or where the package puts it (None when it is not installed)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


@contextmanager
def nginx(folder: Path, port: int, conf: str, log_format: str = "", connections: int = 512):
    """Debian's nginx, unprivileged and in the foreground, with `conf` (server and upstream blocks) inside an
    http block, listening on 127.0.0.1:port; stopped after. With log_format, requests are logged with it to
    folder/access.log. Raises RuntimeError when nginx is not installed or does not start."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    log = f"log_format wo '{log_format}';\naccess_log {folder}/access.log wo;\n" if log_format else "access_log off;\n"
    temp = "".join(
        f"{kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        f"events {{ worker_connections {connections}; }}\nhttp {{\n{log}{temp}{conf}\n}}\n"
    )
    proc = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf")], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    stop(proc)
                    raise RuntimeError(f"nginx did not start: {proc.stderr.read().decode()}") from None
                time.sleep(0.2)
        yield
    finally:
        stop(proc)
        proc.stderr.close()


def server_cmd(kind: str, port: int, script: Path = BARE) -> list[str]:
    if kind == "dashboard":
        return [sys.executable, "-m", "dashboard.serving.cli", "serve", "--port", str(port), "--address", "127.0.0.1"]
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
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address",
        "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


@contextmanager
def server(
    kind: str, timings: Path | None = None, env: dict | None = None, script: Path = BARE, flags=(), cwd: Path = ROOT
):
    """A running server; yields (url, process, start time). The start time is taken just before Popen. A bare
    server runs `script` (the bare app unless given), with Streamlit's `flags` added; a dashboard runs the code in
    `cwd` (a worktree of another commit: benchmarks.ab), this checkout's unless given."""
    port = free_port()
    e = {**os.environ, **(env or {})}
    if timings:
        e["WORKFORCE_TIMINGS"] = str(timings)
    if cwd != ROOT:
        e["PYTHONPATH"] = str(cwd)  # its own `dashboard` before this checkout's (installed as editable)
    cpus = SERVER_CPUS
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*server_cmd(kind, port, script), *flags],
        cwd=cwd,
        env=e,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )
    try:
        yield f"http://127.0.0.1:{port}", proc, t0
    finally:
        stop(proc, 10)


def healthy(url: str) -> bool:
    """Whether the Streamlit server at `url` (http://host:port) answers ok on /_stcore/health."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while not healthy(url):
        if time.time() > deadline:
            raise RuntimeError(f"{url} did not become healthy")
        time.sleep(0.02)


def wait_ready(urls: list[str], proc: subprocess.Popen, seconds: float = 120, log: Path | None = None) -> None:
    """Until every server in `urls` is healthy; RuntimeError, with the end of `log`, when the process that
    serves them exits or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while not all(healthy(u) for u in urls):
        if proc.poll() is not None or time.monotonic() > deadline:
            said = log.read_text(errors="replace")[-2000:] if log is not None and log.exists() else ""
            why = f"exited with {proc.returncode}" if proc.poll() is not None else f"not healthy after {seconds:.0f} s"
            raise RuntimeError(f"{' '.join(urls)}: {why}: {said}")
        time.sleep(0.3)


def first_run(port: int, page: str, query: str) -> tuple[float, list[str]]:
    """One new session's page over Streamlit's websocket, as a browser's first message asks for it:
    (seconds to script_finished, the text of every spinner the page showed)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    msg = BackMsg()
    msg.rerun_script.query_string, msg.rerun_script.page_name = query, page
    spinners = []
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None) as ws:
        t0 = time.perf_counter()
        ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg.FromString(ws.recv(timeout=60))
            if fwd.WhichOneof("type") == "delta" and fwd.delta.new_element.WhichOneof("type") == "spinner":
                spinners.append(fwd.delta.new_element.spinner.text)
            if (
                fwd.WhichOneof("type") == "script_finished"
                and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                return time.perf_counter() - t0, spinners


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


PROC = Path("/proc")


def stat_fields(pid: int, proc: Path = PROC) -> list[str]:
    """The fields of /proc/<pid>/stat after the process's name (which is in brackets and may hold spaces or
    brackets): its state first, then its parent's pid, ... its user and system CPU ticks at 11 and 12."""
    return (proc / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()


def cpu_ms(pid: int) -> float:
    """CPU time (user + system, every thread) the process has used so far, in ms: the work a run cost, which
    other load on the machine stretches far less than the wall clock."""
    fields = stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def ratio_interval(
    values: list[float], baseline: list[float], p: float = 95, level: float = 90, draws: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """How far `pct(values, p) / pct(baseline, p)` could move in another run of the same changes: the central `level`%
    of the ratio over `draws` resamplings of both samples (each drawn again with replacement, apart; a percentile
    bootstrap, seeded so a report is reproducible). A page's p95 over 10-50 changes rests on its slowest one or two,
    so two runs of the same code can fall either side of a target that this interval straddles."""
    if not values or not baseline:
        return float("nan"), float("nan")
    rng = random.Random(seed)
    ratios = sorted(
        pct(rng.choices(values, k=len(values)), p) / pct(rng.choices(baseline, k=len(baseline)), p)
        for _ in range(draws)
    )
    tail = (100 - level) / 2
    return pct(ratios, tail), pct(ratios, 100 - tail)


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


SERVER_CPUS: set[int] | None = None  # the cores servers started by `server` may use (None: every core)


def server_cpus(browser: set[int] | None) -> set[int] | None:
    """The cores left to the servers when the browser has one of its own (`browser_cpus`), so that nothing a server
    does, its idle-time work included, runs on the browser's core; None when the browser shares every core."""
    rest = set(os.sched_getaffinity(0)) - (browser or set())
    return rest if browser and rest else None


def browser_cpus(choice: str) -> set[int] | None:
    """The cores the browser may use: "last" (one core of its own, when there are two or more) or "all"."""
    cores = sorted(os.sched_getaffinity(0))
    return {cores[-1]} if choice == "last" and len(cores) > 1 else None


def run_over(page, timeout: float = 30_000) -> None:
    """Until the page's script run is over, by the app's own script state (`stApp`'s data-test-script-state): the
    "Running…" icon shows only after half a second of a run, so that it is not there does not say the run is over."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)


def is_running(page) -> bool:
    """Whether the page's script run is under way now (run_over)."""
    return page.get_by_test_id("stApp").get_attribute("data-test-script-state") != "notRunning"


def pick(page, label: str, text: str) -> None:
    """Choose an option in a Streamlit selectbox by typing, as a user would; Enter is left to the caller."""
    from playwright.sync_api import expect

    # a run still going (a page's first, after goto) redraws the box and can drop what was typed in it; the
    # list then never opens on the text, so the pick is made again (Enter would keep the old choice)
    for attempt in range(3):
        run_over(page, 60_000)
        box = page.get_by_label(label)
        box.click()
        box.fill(text)  # replaces what the box shows
        try:
            expect(page.get_by_role("option", name=text).first).to_be_visible(timeout=3_000)
            return
        except AssertionError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            page.wait_for_timeout(500)
