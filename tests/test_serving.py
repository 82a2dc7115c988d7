"""Serving defaults: `serve` binds 127.0.0.1 and answers only known hosts, a malformed websocket message
leaves one log line, the nginx block of docs/serving.md (run in Debian's nginx) adds what Streamlit cannot, and the
presenter link carries only declared parameters."""

import base64
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks.common import first_run, free_port, stop, wait_ready
from dashboard.data import locations
from dashboard.serving import cli, serve

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "dashboard.example.org"


def _wait_healthy(port: int, proc: subprocess.Popen, log: Path) -> None:
    try:
        wait_ready([f"http://127.0.0.1:{port}"], proc, 90, log)
    except RuntimeError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`workforce-outlook serve` with its defaults and docs/serving.md's --allowed-host: (port, stderr log)."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "stderr.log"
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard.serving.cli", "serve", "--port", str(port), "--allowed-host", PUBLIC],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        _wait_healthy(port, proc, log)
        yield port, log
    finally:
        stop(proc)


def _handshake(port: int, host: str, origin: str | None = None) -> tuple[str, socket.socket]:
    """Open a websocket by hand (any Host and Origin): (status line or "" if closed unanswered, socket)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        *([f"Origin: {origin}"] if origin else []),
    ]
    s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        try:
            chunk = s.recv(4096)
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            break
        head += chunk
    return head.split(b"\r\n", 1)[0].decode(), s


def _status(port: int, host: str, origin: str | None = None) -> str:
    status, s = _handshake(port, host, origin)
    s.close()
    return status


# --- serve's command line ----------------------------------------------------------------------------


def _flag(command: list[str], name: str) -> list[str]:
    return [command[i + 1] for i, a in enumerate(command) if a == name]


def test_serve_binds_this_machine_only_unless_told():
    command = cli.serve_command(cli.parser().parse_args(["serve"]))
    assert command[:2] == ["run", str(ROOT / "dashboard" / "app.py")]
    assert command[2:] == [  # only what serve's own flags set: every other setting is in the one config file
        "--server.address", "127.0.0.1", "--server.port", "8501",
        "--server.allowedHosts", "localhost", "--server.allowedHosts", "127.0.0.1",
    ]  # fmt: skip
    assert _flag(command, "--server.address") == ["127.0.0.1"]
    assert _flag(command, "--server.port") == ["8501"]
    assert _flag(command, "--server.allowedHosts") == ["localhost", "127.0.0.1"]

    exposed = cli.serve_command(cli.parser().parse_args(["serve", "--address", "0.0.0.0", "--allowed-host", PUBLIC]))
    assert _flag(exposed, "--server.address") == ["0.0.0.0"]
    assert _flag(exposed, "--server.allowedHosts") == ["localhost", "127.0.0.1", PUBLIC]


def test_serve_help_shows_the_defaults():
    text = cli.parser()._subparsers._group_actions[0].choices["serve"].format_help()
    assert "default: 127.0.0.1" in text and "default: 8501" in text


def test_help_prints_installed_paths_whole(monkeypatch):
    """An installed package lives under site-packages: each path in --help is on one line, as a person copies it
    (argparse's default wrapping broke it at the hyphen, "site-" on one line and "packages/..." on the next)."""
    site = Path("/home/planner/.local/lib/python3.11/site-packages/dashboard")
    paths = {
        "SETTINGS": site / ".streamlit" / "config.toml",
        "NGINX": site / "deploy" / "nginx.conf",
    }
    for name, path in paths.items():
        monkeypatch.setattr(locations, name, path)
    monkeypatch.setattr(locations, "bundled_data", lambda: site / "_bundled")
    monkeypatch.setenv("COLUMNS", "80")
    commands = cli.parser()._subparsers._group_actions[0].choices
    texts = {name: sub.format_help() for name, sub in commands.items()}
    assert str(paths["SETTINGS"]) in texts["serve"]
    assert str(paths["NGINX"]) in texts["serve"]
    assert str(site / "_bundled") in texts["serve"] and str(site / "_bundled") in texts["validate"]
    for name, text in texts.items():
        assert "site-\n" not in text and "-\n" not in text, name


# --- a real server -----------------------------------------------------------------------------------


def _listening(port: int) -> set[str]:
    """The local addresses a socket listens on at `port` (Linux /proc/net/tcp and tcp6, hex)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.serving
@pytest.mark.slow
def test_serve_gives_plotly_js_compressed_once_with_a_years_lifetime(server):
    """The charts' plotly.js (dashboard/web/chart.py): Streamlit's component route read and gzipped its 4.8 MB anew on
    every request and gave it no lifetime. `serve` answers from memory, the same bytes as the plotly package's."""
    import gzip

    import plotly

    from dashboard.web import chart

    port, _ = server
    url = f"http://127.0.0.1:{port}/component/{chart.PLOTLY_JS}/plotly.min.js?v={plotly.__version__}"
    want = chart.PLOTLY_JS_FILE.read_bytes()
    for encoding in ("gzip, deflate, br", "identity"):
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": encoding})) as r:
            body, headers = r.read(), r.headers
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", headers
        assert headers["Content-Type"].startswith("text/javascript"), headers
        if encoding == "identity":
            assert headers["Content-Encoding"] is None and body == want
        else:
            assert headers["Content-Encoding"] == "gzip" and len(body) < len(want) / 3
            assert gzip.decompress(body) == want
            assert headers.get_all("Vary") == ["Accept-Encoding"], headers


@pytest.mark.serving
@pytest.mark.slow
def test_server_answers_on_loopback_only(server):
    port, _ = server
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
        assert r.read() == b"ok"
    assert _listening(port) == {"0100007F"}  # 127.0.0.1, and no wildcard or IPv6 socket


@pytest.mark.serving
@pytest.mark.slow
def test_websocket_refuses_unknown_host_and_foreign_origin(server):
    port, _ = server
    assert _status(port, f"localhost:{port}").startswith("HTTP/1.1 101")
    assert _status(port, f"{PUBLIC}:{port}", f"http://{PUBLIC}:{port}").startswith("HTTP/1.1 101")
    assert _status(port, f"rebound.attacker.example:{port}").startswith("HTTP/1.1 403")
    assert _status(port, f"localhost:{port}", "http://attacker.example").startswith("HTTP/1.1 403")


@pytest.mark.serving
@pytest.mark.slow
def test_malformed_websocket_messages_leave_one_line_each(server):
    port, log = server
    for frame in (b"\x81\x85" + b"\x00" * 4 + b"hello", b"\x82\x84" + b"\x00" * 4 + b"\xff\xff\xff\xff"):
        status, s = _handshake(port, f"127.0.0.1:{port}")
        assert status.startswith("HTTP/1.1 101")
        s.sendall(frame)  # a masked text frame "hello"; a masked binary frame that is no protobuf
        s.settimeout(10)
        try:
            while s.recv(4096):  # the server closes the connection
                pass
        except (ConnectionResetError, TimeoutError):
            pass
        s.close()
    deadline = time.monotonic() + 10
    while "bytes that are not a Streamlit message" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    text = log.read_text()
    assert "Closed a websocket connection that sent a text frame." in text
    assert "Closed a websocket connection that sent bytes that are not a Streamlit message." in text
    assert "Traceback" not in text and "Exception in ASGI application" not in text


def test_the_log_filter_keeps_other_errors():
    import logging

    try:
        raise KeyError("bytes")
    except KeyError:
        record = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    assert serve.QuietMalformedClients().filter(record) and record.exc_info is not None  # not in the stream


# --- the nginx block of docs/serving.md ------------------------------------------------------------------------


def _readme_nginx() -> str:
    """The nginx config kept in the package (dashboard/deploy/nginx.conf), which docs/serving.md quotes."""
    return locations.NGINX.read_text()


def test_the_serving_guide_quotes_the_nginx_config_kept_in_the_package():
    section = (ROOT / "docs" / "serving.md").read_text()
    assert re.search(r"```nginx\n(.*?)```", section, re.S).group(1) == locations.NGINX.read_text()


@pytest.fixture(scope="module")
def proxy(server, tmp_path_factory, run_nginx):
    """Debian's nginx running docs/serving.md's block in front of `server`: (port, the block)."""
    upstream, _ = server
    port = free_port()
    block = _readme_nginx()
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+;.*\n", block, re.M)
    assert servers, "the nginx block's upstream lists no server"
    conf = block.replace(servers[0], f"    server 127.0.0.1:{upstream};\n")
    for extra in servers[1:]:
        conf = conf.replace(extra, "")
    conf = re.sub(r"listen 80\b", f"listen 127.0.0.1:{port}", conf)
    tmp = tmp_path_factory.mktemp("nginx")
    # the connections the block's opening comment asks for in nginx.conf (outside the block: events { })
    connections = int(re.search(r"events \{ worker_connections (\d+); \}", block).group(1))
    _raise_open_files(4_096)  # 1,700 held sockets here, as many in nginx, which inherits the limit
    with run_nginx(tmp, port, conf, connections=connections):
        yield port, block


def _raise_open_files(wanted: int) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] >= wanted, "raise the hard limit of open files (ulimit -Hn)"


def _get(port: int, path: str, host: str) -> tuple[int, dict[str, str]]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


@pytest.mark.serving
@pytest.mark.slow
def test_proxy_serves_the_app_with_frame_headers(proxy):
    port, _ = proxy
    status, headers = _get(port, "/", f"{PUBLIC}:{port}")
    assert status == 200
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert _status(port, f"{PUBLIC}:{port}", f"http://{PUBLIC}:{port}").startswith("HTTP/1.1 101")


@pytest.mark.serving
@pytest.mark.slow
def test_proxy_refuses_other_hosts_origins_and_the_metrics(proxy, server):
    port, _ = proxy
    with pytest.raises(OSError):  # 444: the connection is closed with no answer
        _get(port, "/", f"rebound.attacker.example:{port}")
    assert _status(port, f"rebound.attacker.example:{port}") == ""
    assert _status(port, f"{PUBLIC}:{port}", "http://attacker.example").startswith("HTTP/1.1 403")
    for path in ("/_stcore/metrics", "/_stcore/%6Detrics", "//_stcore/metrics"):
        assert _get(port, path, f"{PUBLIC}:{port}")[0] == 404, path
    assert _get(server[0], "/_stcore/metrics", f"localhost:{server[0]}")[0] == 200  # there, unproxied


@pytest.mark.serving
@pytest.mark.slow
def test_proxy_caps_connections_per_client(proxy):
    port, block = proxy
    limit = int(re.search(r"limit_conn \w+ (\d+);", block).group(1))
    held = []
    try:
        for _ in range(limit):
            status, s = _handshake(port, f"{PUBLIC}:{port}", f"http://{PUBLIC}:{port}")
            held.append(s)
            assert status.startswith("HTTP/1.1 101")
        assert _status(port, f"{PUBLIC}:{port}", f"http://{PUBLIC}:{port}").startswith("HTTP/1.1 429")
    finally:
        for s in held:
            s.close()


def _closed_after(s: socket.socket, trickle: bytes | None, cap: float = 70) -> float:
    """Seconds until the peer closes `s`, sending `trickle` (one header line) every second meanwhile."""
    t0 = time.monotonic()
    s.settimeout(1)
    while time.monotonic() - t0 < cap:
        try:
            if trickle:
                s.sendall(trickle)
            if s.recv(4096) == b"":
                break
        except TimeoutError:
            continue
        except OSError:
            break
    return time.monotonic() - t0


@pytest.mark.serving
@pytest.mark.slow
def test_proxy_drops_a_trickled_header_and_a_flood_locks_nobody_out(proxy):
    """A header trickled a line a second is cut at the default server's 10 s (not nginx's 60 s); 1,700 half-open
    requests from one address leave room for another address's page (worker_connections as the block asks)."""
    port, _ = proxy
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET / HTTP/1.1\r\nHost: {PUBLIC}:{port}\r\n".encode())
    took = _closed_after(s, b"X-Slow: 1\r\n")
    s.close()
    assert 9 <= took < 15, took
    held = []
    try:
        for _ in range(1_700):
            c = socket.create_connection(("127.0.0.1", port), timeout=5)
            c.sendall(f"GET / HTTP/1.1\r\nHost: {PUBLIC}:{port}\r\nX-Slow: ".encode())  # never finished
            held.append(c)
        other = socket.socket()
        other.bind(("127.0.0.2", 0))  # another client address
        other.settimeout(10)
        other.connect(("127.0.0.1", port))
        other.sendall(f"GET / HTTP/1.1\r\nHost: {PUBLIC}:{port}\r\nConnection: close\r\n\r\n".encode())
        assert other.recv(64).startswith(b"HTTP/1.1 200"), "another address was locked out"
        other.close()
    finally:
        for c in held:
            c.close()


# --- sockets without a proxy (issue 30): unfinished requests, closed sessions, the descriptor limit ------------


@pytest.mark.serving
@pytest.mark.slow
def test_serve_drops_a_silent_or_unfinished_request(server):
    port, _ = server
    silent = socket.create_connection(("127.0.0.1", port))
    assert serve.REQUEST_TIMEOUT - 1 <= _closed_after(silent, None) < serve.REQUEST_TIMEOUT + 5  # was open at 200 s
    silent.close()
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
    assert _closed_after(slow, b"X-Slow: 1\r\n") < serve.REQUEST_TIMEOUT + 5
    slow.close()
    # a whole request is answered, and its websocket is not cut after the timeout
    status, ws = _handshake(port, f"localhost:{port}", f"http://localhost:{port}")
    assert status.startswith("HTTP/1.1 101")
    ws.settimeout(serve.REQUEST_TIMEOUT + 3)
    with pytest.raises(TimeoutError):  # nothing to read, and still open
        ws.recv(1)
    ws.close()


def _descriptors(pid: int) -> tuple[int, int]:
    links = []
    for p in Path(f"/proc/{pid}/fd").iterdir():
        try:
            links.append(os.readlink(p))
        except OSError:
            pass
    return len(links), sum("eventpoll" in x for x in links)


@pytest.mark.serving
@pytest.mark.slow
def test_closed_sessions_give_back_their_event_loops(tmp_path):
    """Each session has its own event loop (an epoll and a socket pair): closed and forgotten sessions close it.
    Before, a session kept for its tab to resume was dropped without being shut down, and kept its loop."""
    import asyncio

    from benchmarks import sockets

    log = tmp_path / "serve.log"
    url, proc = sockets.start(log)
    port = int(url.rsplit(":", 1)[1])
    try:
        asyncio.run(sockets.sessions(port, 10))
        sockets.settle(url)
        fds0, loops0 = _descriptors(proc.pid)
        assert asyncio.run(sockets.sessions(port, 60, at_once=20)) == 60
        during = _descriptors(proc.pid)[1]
        sockets.settle(url)  # no session left, and the time a closed tab's session is kept for it has passed
        fds1, loops1 = _descriptors(proc.pid)
        assert during > loops0  # the closed sessions held their loops for a while…
        assert loops1 == loops0 and fds1 <= fds0 + 2, (fds0, fds1, loops0, loops1)  # …then gave them back
        said = log.read_text()
        assert re.search(r"up to [\d,]+ open files", said), said[-2000:]
    finally:
        stop(proc)


_MAPPED_BLOCKS = """
import ctypes, sys
from dashboard.serving import serve

class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
libc.malloc.restype, libc.malloc.argtypes, libc.free.argtypes = ctypes.c_void_p, [ctypes.c_size_t], [ctypes.c_void_p]
if sys.argv[1] == "serve":
    serve.limit_malloc_arenas()
mapped = []
for _ in range(3):  # a page's buffer of 1 MB, made and freed run after run
    block = libc.malloc(1 << 20)
    mapped.append(libc.mallinfo2().hblks)
    libc.free(block)
print(mapped[0] - libc.mallinfo2().hblks, *(m - mapped[0] for m in mapped[1:]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_serve_keeps_large_buffers_out_of_mallocs_heaps():
    """glibc mapped a freed 1 MB buffer on its own once, then raised its threshold and put the next ones inside
    its heaps, where small blocks beside them held the pages: after 1,000 sessions the heaps had grown 27 MB.
    serve fixes the threshold: every such buffer is mapped, and given back when freed."""

    def run(mode: str) -> list[int]:
        done = subprocess.run([sys.executable, "-c", _MAPPED_BLOCKS, mode], capture_output=True, text=True, check=True)
        return [int(x) for x in done.stdout.split()]

    assert run("glibc") == [1, -1, -1]  # the default: mapped once, then inside the heap (the check itself holds)
    assert run("serve") == [1, 0, 0], "a 1 MB buffer should get its own mapping every time"


def test_a_descriptor_flood_is_logged_once_a_second():
    """asyncio logged a traceback for every accept it could not make (1.66 million in 2.5 min)."""
    import logging

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("asyncio")
    logger.addHandler(handler)
    serve.quiet_descriptor_floods(1024)
    try:
        for _ in range(5_000):
            try:
                raise OSError(24, "Too many open files")
            except OSError:
                logger.error("socket.accept() out of system resource", exc_info=True)
        logger.error("an error of another kind", exc_info=(ValueError, ValueError("x"), None))
    finally:
        logger.removeHandler(handler)
    shown = [r for r in records if "descriptors" in r.getMessage()]
    assert len(shown) == 1 and shown[0].exc_info is None and "limit 1,024" in shown[0].getMessage()
    assert records[-1].getMessage() == "an error of another kind" and records[-1].exc_info  # kept as it was


def test_serve_raises_its_descriptor_limit_to_the_hard_limit():
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
        assert serve.raise_open_files_limit() == hard == resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


# --- the presenter link ------------------------------------------------------------------------------


def test_presenter_link_leaves_out_unknown_parameters(run):
    at = run("compare", role="11-3051,51-1011", evil="x")
    links = [m.value for m in at.sidebar.markdown if "Presenter view" in m.value]
    assert links == ["[Presenter view ↗](?role=11-3051,51-1011&present=1)"]


# --- ready when healthy, a port in use, --workers ----------------------------------------------------


@pytest.mark.serving
@pytest.mark.slow
def test_serve_is_ready_when_healthy(tmp_path):
    """With no validated copy (every file validated, about 2 s), health answers ok only once the data is
    loaded: the first page after it shows no "Loading BLS data…". How fast it draws beside a later page
    is measured by benchmarks/first_page.py (a timing is no test on a shared machine)."""
    port = free_port()
    log = tmp_path / "stderr.log"
    env = {**os.environ, "WORKFORCE_CACHE_DIR": "off"}
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard.serving.cli", "serve", "--port", str(port)],
            cwd=tmp_path,
            stderr=err,
            env=env,
        )
    try:
        _wait_healthy(port, proc, log)
        _, spinners = first_run(port, "geography", "role=11-3051")
    finally:
        stop(proc)
    assert not spinners, spinners


@pytest.mark.serving
@pytest.mark.slow
def test_a_port_in_use_is_said_plainly():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "dashboard.serving.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr and "Traceback" not in done.stderr


def test_workers_run_the_same_serve_on_consecutive_ports():
    assert serve.worker_ports(8501, 3) == [8501, 8502, 8503]
    argv = ["--workers", "2", "--port", "9000", "--allowed-host", PUBLIC]
    command = serve.worker_command(argv, 9001)
    args = cli.parser().parse_args(command[3:])  # after python -m dashboard.cli
    assert (args.port, args.workers, args.allowed_host) == (9001, 1, [PUBLIC])


def test_settings_are_written_once():
    """serve passes only its own flags; the settings file both ways of starting read is the package's."""
    assert locations.SETTINGS == ROOT / "dashboard" / ".streamlit" / "config.toml"
    assert not (ROOT / ".streamlit").exists()  # one file: no second copy at the root to drift from it
    settings = locations.settings()
    assert serve.DEFAULT_ADDRESS == settings["server"]["address"] == "127.0.0.1"
    assert settings["client"]["toolbarMode"] == "viewer" and settings["theme"]["primaryColor"] == "#0072B2"


def test_serve_imports_what_streamlit_imports_on_a_first_alert():
    """The first alert a process draws (st.info on a state where a program has no institutions) checked its text
    for a leading emoji by importing streamlit.emojis, whose pattern compiles in 85–110 ms, inside that visitor's
    run. `serve` imports it before it listens: after its imports an alert imports nothing more."""
    probe = (
        "import sys\n"
        "from dashboard.serving import cli\n"
        "cli.import_ahead()  # what _prepare imports before the server listens\n"
        "before = set(sys.modules)\n"
        "from streamlit.elements.alert import _process_alert_body_and_icon\n"
        "_process_alert_body_and_icon('🎓 Welding is not awarded in Kentucky.', None)\n"
        "print(sorted(m for m in set(sys.modules) - before if not m.startswith('_')))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", out


def test_serve_leaves_python_pptx_to_the_first_deck():
    """`serve` imports what the pages import before it listens, but not the deck's python-pptx (14 MB held by every
    server from start, benchmarks/memory.py): every other module the page scripts name is imported."""
    probe = (
        "import importlib, sys\n"
        "from dashboard.serving import cli\n"
        "names = cli.page_imports()\n"
        "for n in names:\n"
        "    try: importlib.import_module(n)\n"
        "    except ImportError: pass\n"
        "print(len(names), 'dashboard.web.views.slides' in sys.modules or 'dashboard.web.frame' in sys.modules,"
        " any(m.split('.')[0] in ('pptx', 'xlsxwriter') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 20 and out[1:] == ["True", "False"]
    from dashboard.web import deck  # the first deck imports it, as the Slides page and the button do

    assert deck.build.__module__ == "dashboard.web.deck"
