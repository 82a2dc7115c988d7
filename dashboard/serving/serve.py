"""How `workforce-outlook serve` starts Streamlit: the address, the hosts it answers, a quiet log, a
clear message for a port in use, several processes on consecutive ports (--workers), and sockets that
let go (the descriptor limit raised, unfinished requests dropped, a flood logged once a second).

No Streamlit here: cli.py builds the command line with `streamlit_args`, installs the log filter and
then runs Streamlit in the same process, so the filter is in place before the first connection. Every
other setting is in dashboard/.streamlit/config.toml, which Streamlit reads itself.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import signal
import socket
import subprocess
import sys
import time
import traceback
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path

from dashboard.data.locations import settings

DEFAULT_ADDRESS = settings()["server"][
    "address"
]  # this machine only; a deployment puts a proxy in front (docs/serving.md)
DEFAULT_PORT = 8501
LOCAL_NAMES = ("localhost", "127.0.0.1")
_EVERY_INTERFACE = {"", "0.0.0.0", "::"}  # bind addresses, never a Host header

# The loggers that print a malformed client message: uvicorn logs the exception that ends a websocket
# after a text frame ("Exception in ASGI application", 47 lines); Streamlit logs a binary frame that
# is not a protobuf ("Error deserializing back message") with its traceback.
MALFORMED_LOGGERS = ("uvicorn.error", "streamlit.web.server.starlette.starlette_websocket")


def allowed_hosts(address: str, named: Iterable[str] | None = None) -> list[str]:
    """The Host names the websocket accepts (Streamlit's server.allowedHosts): localhost, 127.0.0.1,
    the bound address and those named (a proxy's public name). Any other Host, such as a DNS name
    rebound to this machine, is refused; "*" accepts every Host."""
    local = [*LOCAL_NAMES, *([] if address in _EVERY_INTERFACE else [address])]
    return list(dict.fromkeys(h.strip().lower() for h in [*local, *(named or [])] if h.strip()))


def streamlit_args(app: Path | str, port: int, address: str, hosts: Iterable[str]) -> list[str]:
    """The arguments of `streamlit` (after the program name) that serve the dashboard: only what serve's
    own flags set; the rest of the settings are in dashboard/.streamlit/config.toml."""
    args = ["run", str(app), "--server.address", address, "--server.port", str(port)]
    for host in hosts:
        args += ["--server.allowedHosts", host]
    return args


def port_in_use(address: str, port: int) -> bool:
    """True if another process listens on (address, port): the server could not bind it."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: TIME_WAIT is no conflict
        try:
            s.bind((address, port))
        except OSError as e:
            return e.errno == errno.EADDRINUSE
    return False


def worker_ports(port: int, workers: int) -> list[int]:
    """The consecutive ports of `workers` processes, the first on `port`."""
    return list(range(port, port + workers))


def healthy(address: str, port: int) -> bool:
    """/_stcore/health of a server on this machine answers ok."""
    host = "127.0.0.1" if address in _EVERY_INTERFACE else address
    host = f"[{host}]" if ":" in host else host
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def run_workers(commands: Sequence[Sequence[str]], address: str, ports: Sequence[int]) -> int:
    """Start one process per command and wait. The first is started alone until it is healthy: it
    validates the data and leaves the validated copy that the others then read (no process holds the
    data for nothing). SIGTERM or Ctrl-C stops them all; if one exits, the others are stopped too (a
    process manager restarts the group) and its exit code is returned."""
    procs: list[subprocess.Popen] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True
        for p in procs:
            if p.poll() is None:
                p.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        procs.append(subprocess.Popen(list(commands[0])))
        while not stopping and procs[0].poll() is None and not healthy(address, ports[0]):
            time.sleep(0.2)
        if not stopping and procs[0].poll() is None:
            procs += [subprocess.Popen(list(c)) for c in commands[1:]]
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.5)
        stop()
        deadline = time.monotonic() + 15
        for p in procs:
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        return next((p.returncode for p in procs if p.returncode not in (0, -signal.SIGTERM)), 0)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def worker_command(argv: Sequence[str], port: int) -> list[str]:
    """This program's command line for one worker: the same serve flags, one port, one process."""
    return [sys.executable, "-m", "dashboard.serving.cli", "serve", *argv, "--port", str(port), "--workers", "1"]


def malformed_client_message(record: logging.LogRecord) -> str | None:
    """What a client sent, when `record` is the traceback of a websocket message that Streamlit could
    not read (a text frame, or bytes that are not a Streamlit message); None for anything else."""
    if record.getMessage().startswith("Error deserializing back message"):
        return "bytes that are not a Streamlit message"
    if not record.exc_info or record.exc_info[1] is None:
        return None
    exc, tb = record.exc_info[1], record.exc_info[2]
    frames = traceback.extract_tb(tb) if tb is not None else []
    if not any(f.name == "_websocket_endpoint" for f in frames):
        return None
    # Starlette's receive_bytes reads message["bytes"], which a text frame does not have; a Starlette
    # that raises RuntimeError instead makes Streamlit raise its own TypeError.
    text_frame = (isinstance(exc, KeyError) and exc.args == ("bytes",) and frames[-1].name == "receive_bytes") or (
        isinstance(exc, TypeError) and "text frames" in str(exc)
    )
    return "a text frame" if text_frame else None


class QuietMalformedClients(logging.Filter):
    """Turns the traceback of a malformed websocket message into one warning line. The connection is
    closed either way; any other error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        what = malformed_client_message(record)
        if what is not None:
            record.msg, record.args = f"Closed a websocket connection that sent {what}.", ()
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


# --- sockets: descriptors, unfinished requests, a flood ------------------------------------------------

REQUEST_TIMEOUT = 10.0  # seconds a connection has to send a whole request's headers (nginx: client_header_timeout)


def raise_open_files_limit() -> int:
    """The process's limit of open descriptors raised to the hard limit (each socket, each session's event
    loop takes some); returns the limit it now has."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):  # a hard limit the kernel will not grant (RLIM_INFINITY): keep ours
            pass
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


MALLOC_ARENAS = 2  # glibc's default is 8 a core: every session's script thread could start one of its own
# Blocks from this size up get their own mapping, given back to the system when freed (glibc's starting value,
# fixed: glibc otherwise raises it to the largest block freed so far, up to 32 MB)
MMAP_THRESHOLD = 128 * 1024
_M_ARENA_MAX, _M_MMAP_THRESHOLD = -8, -3  # mallopt's parameters (malloc.h)


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS, mmap_threshold: int = MMAP_THRESHOLD) -> None:
    """Cap glibc's malloc arenas and fix its mmap threshold before the server starts its threads.

    Each session runs its script on a new thread, and each thread could take (and keep, fragmented) an arena
    of its own: after 300 sessions had come and gone, 54 MB stayed with the default, 41 MB with two.
    A page's run makes and frees buffers of a few hundred KB to a few MB (messages, arrays); once one of them
    was freed, glibc's moving threshold put the next ones inside the arenas' heaps, where a small block kept
    alive beside them held the pages: after 1,000 sessions the heaps had grown 27 MB (all of it free space
    malloc_trim could not give back). With the threshold fixed they are mapped and unmapped on their own: the
    heaps grew 5 MB, and they were 30 MB smaller already after the warm-up (benchmarks/sockets.py). Reruns
    took as long (0.94–1.04× by page)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(_M_ARENA_MAX, arenas)
        libc.mallopt(_M_MMAP_THRESHOLD, mmap_threshold)
    except (OSError, AttributeError):  # not glibc
        pass


def drop_unfinished_requests(timeout: float = REQUEST_TIMEOUT) -> None:
    """Close a connection that has not sent a whole request's headers within `timeout` seconds of connecting
    (or of its previous response). Uvicorn waits for them forever: a silent socket was still open after 200 s,
    and a thousand of them took every descriptor. Installed on uvicorn's h11 protocol, which serves the
    HTTP side of Streamlit (the websocket, once upgraded, is not timed: it stays for the whole visit)."""
    import h11
    from uvicorn.protocols.http import h11_impl

    cls = h11_impl.H11Protocol
    if getattr(cls, "_workforce_deadline", False):
        return
    made, received, lost = cls.connection_made, cls.data_received, cls.connection_lost

    def expire(self) -> None:
        self._request_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def arm(self) -> None:
        if getattr(self, "_request_deadline", None) is None and self.conn.their_state is h11.IDLE:
            self._request_deadline = self.loop.call_later(timeout, expire, self)

    def disarm(self) -> None:
        deadline = getattr(self, "_request_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._request_deadline = None

    def connection_made(self, transport) -> None:
        made(self, transport)
        arm(self)

    def data_received(self, data: bytes) -> None:
        received(self, data)
        # still waiting for the headers (of the first request, or of the next on a kept-alive connection)
        arm(self) if self.conn.their_state is h11.IDLE else disarm(self)

    def connection_lost(self, exc) -> None:
        disarm(self)
        lost(self, exc)

    cls.connection_made, cls.data_received, cls.connection_lost = connection_made, data_received, connection_lost
    cls._workforce_deadline = True


def out_of_descriptors(record: logging.LogRecord) -> bool:
    """The record is asyncio's report of an accept (or the retry after it) that failed for want of
    descriptors: logged with a traceback for every attempt, 1.66 million in 2.5 min under a flood."""
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, OSError) and exc.errno in (errno.EMFILE, errno.ENFILE):
        return True
    message = record.getMessage()
    return message.startswith("socket.accept() out of system resource") or (
        "_start_serving" in message and isinstance(exc, ValueError)  # the retry, once the socket was given up
    )


class OnceASecond(logging.Filter):
    """Out of descriptors, one line a second (with how many attempts it stands for), never a traceback each."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit, self.last, self.held = limit, -1.0, 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not out_of_descriptors(record):
            return True
        now = time.monotonic()
        self.held += 1
        if now - self.last < 1.0:
            return False
        record.msg = (
            f"Out of file descriptors (limit {self.limit:,}): new connections wait; "
            f"{self.held:,} refused accept(s) since the last line. Idle and unfinished requests are closed "
            f"after {REQUEST_TIMEOUT:g} s; behind a proxy, cap connections per client (docs/serving.md)."
        )
        record.args, record.exc_info, record.exc_text, record.stack_info = (), None, None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        self.last, self.held = now, 0
        return True


def quiet_descriptor_floods(limit: int) -> None:
    """Install OnceASecond on asyncio's logger (once; safe to call again)."""
    logger = logging.getLogger("asyncio")
    if not any(isinstance(f, OnceASecond) for f in logger.filters):
        logger.addFilter(OnceASecond(limit))


def quiet_malformed_clients() -> None:
    """Install the filter on the loggers that print those tracebacks (once; safe to call again)."""
    for name in MALFORMED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, QuietMalformedClients) for f in logger.filters):
            logger.addFilter(QuietMalformedClients())
