"""fetch-raw against a local HTTP server serving real raw excerpts (slow, dropping, refusing, changed), and the
manifest it reads: every table's sources and licences, and the checksums of the raw folder."""

import gzip
import hashlib
import io
import socket
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dashboard.data import manifest
from dashboard.data.manifest import RawFile
from dashboard.data.schema import TABLES, datapackage
from dashboard.ingest import command, fetch
from dashboard.serving import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HISTORY = FIXTURES / "history"
CONTACT = "planner@example.org"
TODAY = "2026-12-02"


def _raw(folder, name, url, data, how="", member="", feeds=("areas",)) -> RawFile:
    return RawFile(folder, name, url, True, how, member, hashlib.sha256(data).hexdigest(), len(data), feeds)


def _flat_file(csv_text: str) -> bytes:
    """A BLS time-series flat file holding the excerpt's series padded as BLS pads it, between two others."""
    rows = ["series_id                     \tyear\tperiod\t       value\tfootnote_codes"]
    rows.append("CUUR0000AA0                   \t1913\tM01\t       1.0\t")
    for line in csv_text.splitlines()[1:]:
        sid, year, period, value = line.split(",")
        rows.append(f"{sid:30}\t{year}\t{period}\t{value:>12}\t")
    rows.append("CUUR0000SA0L1E                \t2025\tM05\t     326.9\t")
    return ("\n".join(rows) + "\n").encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


AREA = (FIXTURES / "oews" / "oe.area").read_bytes()
FOOTNOTE = (FIXTURES / "oews" / "oe.footnote").read_bytes()
CURRENT = gzip.decompress((FIXTURES / "oews" / "oe.data.0.Current.gz").read_bytes())
NATIONAL = (HISTORY / "bls-oews-national-history" / "national_M2024_dl.xlsx").read_bytes()
CPI = (HISTORY / "bls-cpi-u" / "cu.data.CUUR0000SA0.csv").read_bytes()
OE = "https://download.bls.gov/pub/time.series/oe/"
FILES = [
    _raw("bls-oews-may2025", "oe.area", OE + "oe.area", AREA),
    _raw("bls-oews-may2025", "oe.footnote", OE + "oe.footnote", FOOTNOTE),
    _raw("bls-oews-may2025", "oe.data.0.Current.gz", OE + "oe.data.0.Current", CURRENT, how="gzip"),
    _raw(
        "bls-oews-national-history",
        "national_M2024_dl.xlsx",
        "https://www.bls.gov/oes/special-requests/oesm24nat.zip",
        NATIONAL,
        how="zip",
        member="national_M2024_dl.xlsx",
    ),
    _raw("bls-cpi-u", "cu.data.CUUR0000SA0.csv", "https://download.bls.gov/pub/time.series/cu/cu.data.1.AllItems", CPI,
         how="series", member="CUUR0000SA0"),
]  # fmt: skip
SERVED = {
    "/pub/time.series/oe/oe.area": AREA,
    "/pub/time.series/oe/oe.footnote": FOOTNOTE,
    "/pub/time.series/oe/oe.data.0.Current": CURRENT,
    "/oes/special-requests/oesm24nat.zip": _zip({"oesm24nat/national_M2024_dl.xlsx": NATIONAL, "oesm24nat/x.txt": b""}),
    "/pub/time.series/cu/cu.data.1.AllItems": _flat_file(CPI.decode()),
}


class Server:
    """A local server of SERVED; `behave[path]` is a list of what to do on each request in turn: "ok",
    "slow", "drop" (half the bytes, then hang up), "ignore-range" (200 and the whole file), "changed",
    or an HTTP status to answer; once the list runs out, "ok"."""

    def __init__(self):
        self.behave: dict[str, list] = {}
        self.requests: list[tuple[str, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_GET(self):
                outer.requests.append((self.path, dict(self.headers)))
                todo = outer.behave.get(self.path) or ["ok"]
                what = todo.pop(0) if todo else "ok"
                data = SERVED.get(self.path)
                if data is None or isinstance(what, int):
                    self.send_response(404 if data is None else what)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if what == "changed":
                    data = data.replace(b"Alabama", b"Alabamb", 1) if b"Alabama" in data else data + b"\n"
                start = 0
                rng = self.headers.get("Range")
                if rng and what != "ignore-range":
                    start = int(rng.removeprefix("bytes=").rstrip("-"))
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                body = data[start:]
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if what == "drop":
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if what == "slow":
                    step = max(1, len(body) // 8)
                    for i in range(0, len(body), step):
                        self.wfile.write(body[i : i + step])
                        self.wfile.flush()
                        time.sleep(0.05)
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


@pytest.fixture
def server():
    s = Server()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def _fetch(dest, server, files=FILES, **kw):
    kw = {"contact": CONTACT, "base_url": server.url, "backoff": 0.01, "timeout": 5, "today": TODAY, **kw}
    return fetch.fetch(dest, files, **kw)


def test_fetch_verifies_every_file_and_lays_them_out_for_build_data(tmp_path, server):
    out = _fetch(tmp_path, server)
    assert [o.status for o in out] == ["verified"] * len(FILES)
    assert (tmp_path / "bls-oews-may2025" / "oe.area").read_bytes() == AREA
    assert gzip.decompress((tmp_path / "bls-oews-may2025" / "oe.data.0.Current.gz").read_bytes()) == CURRENT
    assert (tmp_path / "bls-oews-national-history" / "national_M2024_dl.xlsx").read_bytes() == NATIONAL
    # the series written from BLS's flat file is the excerpt, byte for byte
    assert (tmp_path / "bls-cpi-u" / "cu.data.CUUR0000SA0.csv").read_bytes() == CPI
    left = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert left == sorted(f.name for f in FILES)  # no .part, .tmp or downloaded zip left behind
    agents = {h["User-Agent"] for _, h in server.requests}
    assert agents == {fetch.user_agent(CONTACT)} and f"(contact: {CONTACT})" in agents.pop()
    # a second run finds every file verified and asks nothing
    server.requests.clear()
    assert [o.status for o in _fetch(tmp_path, server)] == ["present"] * len(FILES)
    assert server.requests == []


def test_a_slow_server_still_completes(tmp_path, server):
    server.behave["/pub/time.series/oe/oe.area"] = ["slow"]
    (o,) = _fetch(tmp_path, server, FILES[:1])
    assert o.status == "verified" and (tmp_path / "bls-oews-may2025" / "oe.area").read_bytes() == AREA


def test_a_dropped_connection_resumes_with_a_range_request(tmp_path, server):
    server.behave["/pub/time.series/oe/oe.area"] = ["drop"]
    (o,) = _fetch(tmp_path, server, FILES[:1])
    assert o.status == "verified" and (tmp_path / "bls-oews-may2025" / "oe.area").read_bytes() == AREA
    (_, first), (_, second) = server.requests
    assert "Range" not in first and second["Range"] == f"bytes={len(AREA) // 2}-"


def test_a_server_that_ignores_the_range_is_read_from_the_start(tmp_path, server):
    server.behave["/pub/time.series/oe/oe.data.0.Current"] = ["drop", "ignore-range"]
    (o,) = _fetch(tmp_path, server, FILES[2:3])
    assert o.status == "verified" and len(server.requests) == 2
    assert gzip.decompress((tmp_path / "bls-oews-may2025" / "oe.data.0.Current.gz").read_bytes()) == CURRENT


def test_a_partial_download_left_by_an_earlier_run_is_resumed(tmp_path, server):
    part = tmp_path / "bls-oews-may2025" / "oe.area.part"
    part.parent.mkdir()
    part.write_bytes(AREA[:5000])
    (o,) = _fetch(tmp_path, server, FILES[:1])
    assert o.status == "verified" and server.requests[0][1]["Range"] == "bytes=5000-"


def test_server_errors_are_retried_with_backoff_but_403_is_not(tmp_path, server):
    server.behave["/pub/time.series/oe/oe.area"] = [503, 500]
    server.behave["/pub/time.series/oe/oe.footnote"] = [403, 403, 403]
    area, footnote = _fetch(tmp_path, server, FILES[:2])
    assert area.status == "verified" and server.paths().count("/pub/time.series/oe/oe.area") == 3
    assert footnote.status == "failed" and "HTTP 403" in footnote.message and "User-Agent" in footnote.message
    assert server.paths().count("/pub/time.series/oe/oe.footnote") == 1  # no retry storm
    assert not (tmp_path / "bls-oews-may2025" / "oe.footnote").exists()


def test_retries_stop_after_a_few_tries(tmp_path, server):
    server.behave["/pub/time.series/oe/oe.area"] = [503] * 10
    (o,) = _fetch(tmp_path, server, FILES[:1], retries=2)
    assert o.status == "failed" and "gave up after 3 tries" in o.message and len(server.requests) == 3


def test_a_changed_file_is_kept_beside_and_reported_never_used(tmp_path, server, monkeypatch, capsys):
    server.behave["/pub/time.series/oe/oe.area"] = ["changed"]
    (o,) = _fetch(tmp_path, server, FILES[:1])
    folder = tmp_path / "bls-oews-may2025"
    assert o.status == "newer" and "a newer release?" in o.message
    assert not (folder / "oe.area").exists()
    assert (folder / f"oe.area.newer-{TODAY}").read_bytes() == AREA.replace(b"Alabama", b"Alabamb", 1)
    # through the command: listed, and the exit status is not 0
    monkeypatch.setattr(fetch.manifest, "files", lambda: tuple(FILES[:1]))
    server.behave["/pub/time.series/oe/oe.area"] = ["changed"]
    code = cli.main(["fetch-raw", str(tmp_path / "again"), "--contact", CONTACT, "--base-url", server.url])
    out = capsys.readouterr().out
    assert code == 1 and "NEWER    bls-oews-may2025/oe.area: kept as oe.area.newer-" in out


def test_a_verified_file_is_never_overwritten(tmp_path, server):
    _fetch(tmp_path, server, FILES[:1])
    (tmp_path / "bls-oews-may2025" / "oe.area").write_bytes(b"edited by hand\n")
    (o,) = _fetch(tmp_path, server, FILES[:1])
    assert o.status == "failed" and "left as it is" in o.message
    assert (tmp_path / "bls-oews-may2025" / "oe.area").read_bytes() == b"edited by hand\n"


def test_a_zip_without_the_member_names_what_it_holds(tmp_path, server):
    bad = RawFile(*[getattr(FILES[3], k) for k in ("folder", "name", "url", "official", "how")], "absent.xlsx",
                  FILES[3].sha256, FILES[3].size, FILES[3].feeds)  # fmt: skip
    (o,) = _fetch(tmp_path, server, [bad])
    assert o.status == "failed" and "no absent.xlsx in the zip" in o.message and "national_M2024_dl.xlsx" in o.message


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("where", ["closed port", "unresolvable host"])
def test_no_network_stops_with_one_clear_line(tmp_path, capsys, monkeypatch, where):
    base = f"http://127.0.0.1:{_closed_port()}" if where == "closed port" else "http://no-such-host.invalid"
    with pytest.raises(fetch.FetchStop, match="no network"):
        fetch.fetch(tmp_path, FILES, contact=CONTACT, base_url=base, backoff=0.01, timeout=5)
    monkeypatch.setattr(fetch.manifest, "files", lambda: tuple(FILES))
    assert cli.main(["fetch-raw", str(tmp_path), "--contact", CONTACT, "--base-url", base]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fetch-raw: no network: cannot reach") and err.count("\n") == 1 and "Traceback" not in err


def test_bls_is_not_contacted_without_a_contact_address(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(fetch.CONTACT_ENV, raising=False)
    monkeypatch.delenv(fetch.BASE_URL_ENV, raising=False)
    monkeypatch.setattr(fetch, "urlopen", lambda *a, **k: pytest.fail("contacted BLS"))
    with pytest.raises(fetch.FetchStop, match="BLS refuses downloads from clients that do not say who they are"):
        fetch.fetch(tmp_path, FILES)
    assert cli.main(["fetch-raw", str(tmp_path), "--only", "bls-oews-may2025"]) == 2
    assert "pass --contact you@example.org or set WORKFORCE_CONTACT" in capsys.readouterr().err
    with pytest.raises(fetch.FetchStop, match="not an e-mail address"):
        fetch.fetch(tmp_path, FILES, contact="me\r\nX-Injected: 1")


def test_contact_comes_from_the_environment(tmp_path, server, monkeypatch):
    monkeypatch.setenv(fetch.CONTACT_ENV, CONTACT)
    monkeypatch.setenv(fetch.BASE_URL_ENV, server.url)
    monkeypatch.setattr(fetch.manifest, "files", lambda: tuple(FILES[:1]))
    assert cli.main(["fetch-raw", str(tmp_path)]) == 0
    assert server.requests[0][1]["User-Agent"] == fetch.user_agent(CONTACT)


# --- the manifest ------------------------------------------------------------------------------------------


def test_manifest_names_tables_of_the_schema_and_every_built_table_has_a_source():
    files = manifest.files()
    assert {t for f in files for t in f.feeds} <= set(TABLES)
    built = {name for name, t in TABLES.items() if t.sources != ("project",)}
    assert built == {t for f in files for t in f.feeds}
    assert all(f.url.startswith("https://") and len(f.sha256) == 64 and f.size > 0 for f in files)
    assert len({f.path for f in files}) == len(files)
    onet = manifest.sources()["onet-29.3"]
    assert onet.licence == "CC-BY-4.0" and "Used under the CC BY 4.0 license." in onet.attribution
    assert "O*NET® is a trademark of USDOL/ETA." in onet.attribution
    # the addresses that are copies, not the publisher's, are marked and explained
    copies = {f.folder for f in files if not f.official}
    assert copies == {"bls-ep-vintages", "projections-central-2022-32", "nces-ipeds-completions"}
    assert all("not an official address" in manifest.sources()[s].note for s in copies)


def test_manifest_gives_datapackage_the_sources_and_licences_it_declares_now():
    for r in datapackage()["resources"]:
        if TABLES[r["name"]].sources == ("project",):
            continue
        got = manifest.datapackage_provenance(r["name"])
        facts = lambda sources: sorted((s["title"], s["path"], s["publisher"], s["release"]) for s in sources)  # noqa: E731
        assert facts(got["sources"]) == facts(r["sources"]), r["name"]
        assert [lic["name"] for lic in got["licenses"]] == [lic["name"] for lic in r["licenses"]], r["name"]


def test_raw_folder_holds_the_versions_the_manifest_names(shared_data):
    for f in manifest.files():
        path = shared_data / f.path
        assert path.is_file(), path
        assert fetch.content_sha256(f, path) == f.sha256, path


def test_build_data_without_a_raw_folder_says_what_to_pass(capsys):
    assert cli.main(["build-data", "--out", "nowhere"]) == 2
    assert "pass --raw DIR, the folder `workforce-outlook fetch-raw DIR` fills" in capsys.readouterr().err
    assert not Path("nowhere").exists()


def test_build_data_help_lists_every_source_from_the_manifest():
    text = command.description()
    for s in manifest.sources().values():
        assert f"{s.folder}/" in text and s.page in text
