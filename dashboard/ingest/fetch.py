"""fetch-raw: download every raw file of the manifest into a raw folder, resuming, retrying, checking checksums.

Each download streams into NAME.part beside its file and resumes with an HTTP Range request when that part
is there. A file whose checksum is the manifest's is moved into place; one that differs is never used
silently: it is kept as NAME.newer-DATE and reported (a newer release, most likely), and the exit status
says so. A file already in place with the manifest's checksum is left alone.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import http.client
import os
import re
import socket
import ssl
import sys
import time
import zipfile
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import IO
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from dashboard.data import manifest
from dashboard.data.manifest import RawFile

CONTACT_ENV = "WORKFORCE_CONTACT"
BASE_URL_ENV = "WORKFORCE_FETCH_BASE_URL"
CHUNK = 1 << 16
HELP = "download every raw file the build reads from its published address into DIR, checking each checksum"
DESCRIPTION = (
    "Download every raw file the build reads into DIR, one folder per source, from the address the manifest "
    "gives, and check each against the checksum of the version the bundled data was built from. A partial "
    "download resumes; a dropped connection, a timeout or a server error is retried with a growing wait. A file "
    "that differs (a newer release, most likely) is kept as NAME.newer-DATE, reported, and not used. "
    "Exit 0 when every file is verified, 1 when any failed or differs, 2 when nothing could be fetched."
)
_EMAIL = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+$")


class FetchStop(Exception):
    """Nothing can be fetched (no contact address for BLS, no network): a one-line reason for the user."""


class _Failed(Exception):
    """One download failed for good."""


class _Unreachable(_Failed):
    """The host cannot be reached at all (its name does not resolve, or it refuses the connection)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one raw file: `status` is verified, present, newer or failed."""

    file: RawFile
    status: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("verified", "present")


def user_agent(contact: str) -> str:
    """The User-Agent every request sends: the program, its version and who to contact about it."""
    try:
        version = metadata.version("workforce-outlook")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"workforce-outlook/{version} (contact: {contact})"


def _address(url: str, base_url: str | None) -> str:
    """`url`, or the same path under `base_url` (a mirror, or a test server)."""
    if not base_url:
        return url
    b, u = urlsplit(base_url), urlsplit(url)
    return urlunsplit((b.scheme, b.netloc, b.path.rstrip("/") + u.path, u.query, ""))


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.0f} kB"


class _Progress:
    """A progress line on a terminal (rewritten in place, at most five times a second); elsewhere one
    line per finished download, so logs stay readable."""

    def __init__(self, stream: IO[str] | None, label: str, total: int | None, done: int) -> None:
        self.stream, self.label, self.total, self.done = stream, label, total, done
        self.tty = bool(stream and getattr(stream, "isatty", lambda: False)())
        self.start, self.shown = time.monotonic(), 0.0

    def _line(self) -> str:
        if self.total:
            return f"  {self.label}  {_size(self.done)} of {_size(self.total)}  {100 * self.done / self.total:3.0f}%"
        return f"  {self.label}  {_size(self.done)}"

    def add(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.tty and now - self.shown > 0.2:
            self.shown = now
            self.stream.write("\r" + self._line())
            self.stream.flush()

    def close(self) -> None:
        if self.stream:
            self.stream.write(("\r" if self.tty else "") + self._line() + "\n")
            self.stream.flush()


def _retryable(e: BaseException) -> bool:
    if isinstance(e, HTTPError):
        return e.code == 429 or e.code >= 500
    if isinstance(e, URLError):
        e = e.reason if isinstance(e.reason, BaseException) else e
    if isinstance(e, ssl.SSLCertVerificationError):  # trying again will not make the certificate good
        return False
    return isinstance(e, (http.client.HTTPException, ConnectionError, TimeoutError, URLError, ssl.SSLError))


def _unreachable(e: BaseException) -> bool:
    reason = e.reason if isinstance(e, URLError) and not isinstance(e, HTTPError) else e
    return isinstance(reason, (socket.gaierror, ConnectionRefusedError))


def _refused(url: str, e: HTTPError) -> str:
    why = {
        403: "the server refused the request; BLS answers 403 to clients without a contact address in their "
        "User-Agent, or that download too fast",
        404: "not found: the publisher may have moved the file (check its page in the manifest)",
    }.get(e.code, e.reason)
    return f"{url}: HTTP {e.code}: {why}"


def download(
    url: str,
    part: Path,
    agent: str,
    *,
    retries: int = 5,
    backoff: float = 1.0,
    timeout: float = 30.0,
    progress: IO[str] | None = None,
) -> None:
    """Download `url` into `part`, resuming from what `part` already holds; retries a dropped connection,
    a timeout or a 5xx answer `retries` times, waiting backoff, 2×backoff, 4×backoff … seconds."""
    tries = 0
    while True:
        have = part.stat().st_size if part.exists() else 0
        headers = {"User-Agent": agent, "Accept-Encoding": "identity"}
        if have:
            headers["Range"] = f"bytes={have}-"
        try:
            with urlopen(Request(url, headers=headers), timeout=timeout) as resp:
                if have and resp.status != 206:
                    have = 0  # the server ignored the range and sends the whole file: start again
                length = resp.headers.get("Content-Length")
                total = have + int(length) if length and length.isdigit() else None
                bar = _Progress(progress, part.name.removesuffix(".part"), total, have)
                with open(part, "ab" if have else "wb") as out:
                    while chunk := resp.read(CHUNK):
                        out.write(chunk)
                        bar.add(len(chunk))
                bar.close()
            if total is not None and bar.done < total:  # read(n) returns b"" when the peer hangs up early
                raise http.client.IncompleteRead(b"", total - bar.done)
            return
        except HTTPError as e:
            if e.code == 416 and have:  # nothing after `have`: complete already, or the file changed
                whole = re.search(r"/(\d+)$", e.headers.get("Content-Range", ""))
                if whole and int(whole.group(1)) == have:
                    return
                part.unlink()
                continue
            if not _retryable(e):
                raise _Failed(_refused(url, e)) from None
            error: BaseException = e
        except (OSError, http.client.HTTPException) as e:
            if _unreachable(e):
                reason = e.reason if isinstance(e, URLError) else e
                raise _Unreachable(f"{urlsplit(url).hostname}: {reason}") from None
            if not _retryable(e):
                raise _Failed(f"{url}: {e}") from None
            error = e
        tries += 1
        if tries > retries:
            raise _Failed(f"{url}: gave up after {tries} tries: {error}") from None
        wait = backoff * 2 ** (tries - 1)
        if progress:
            progress.write(
                f"  {part.name.removesuffix('.part')}: {error or type(error).__name__}; again in {wait:g} s\n"
            )
        time.sleep(wait)


def content_sha256(f: RawFile, path: Path) -> str:
    """The checksum the manifest keeps for `path`: of the file, or of what it holds when kept gzipped."""
    h = hashlib.sha256()
    with gzip.open(path, "rb") if f.how == "gzip" else open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _make(f: RawFile, download: Path, out: Path) -> str:
    """Write `f` from its download into `out`; the sha256 of its content."""
    h = hashlib.sha256()
    if f.how == "gzip":
        with open(download, "rb") as src, open(out, "wb") as raw:
            # mtime 0: the same download always gives the same bytes
            with gzip.GzipFile(download.name.removesuffix(".part"), "wb", fileobj=raw, mtime=0) as dst:
                while block := src.read(1 << 20):
                    h.update(block)
                    dst.write(block)
    elif f.how == "zip":
        with zipfile.ZipFile(download) as z:
            found = [n for n in z.namelist() if n.rsplit("/", 1)[-1].lower() == f.member.lower()]
            if not found:
                raise _Failed(f"{f.url}: no {f.member} in the zip (it holds {', '.join(z.namelist()[:6])} …)")
            with z.open(found[0]) as src, open(out, "wb") as dst:
                while block := src.read(1 << 20):
                    h.update(block)
                    dst.write(block)
    elif f.how == "series":
        # a BLS time-series flat file: tab-separated, padded cells, series_id year period value footnote_codes
        lines = ["series_id,year,period,value\n"]
        with open(download, encoding="utf-8", errors="replace") as src:
            for line in src:
                cells = [c.strip() for c in line.split("\t")]
                if len(cells) >= 4 and cells[0] == f.member:
                    lines.append(",".join(cells[:4]) + "\n")
        data = "".join(lines).encode()
        out.write_bytes(data)
        h.update(data)
    else:
        raise ValueError(f.how)
    return h.hexdigest()


def _place(f: RawFile, made: Path, digest: str, today: str) -> Outcome:
    target = made.parent / f.name
    if digest == f.sha256:
        made.replace(target)
        return Outcome(f, "verified")
    newer = target.with_name(f"{f.name}.newer-{today}")
    made.replace(newer)
    return Outcome(
        f,
        "newer",
        f"kept as {newer.name}: it differs from the version the bundled data was built from: a newer release? "
        f"(sha256 {digest[:12]}…, the manifest's {f.sha256[:12]}…). Check the publisher's notes, then rename it "
        f"to {f.name} to build from it.",
    )


def fetch(
    dest: Path,
    files: tuple[RawFile, ...] | list[RawFile] | None = None,
    *,
    contact: str | None = None,
    base_url: str | None = None,
    retries: int = 5,
    backoff: float = 1.0,
    timeout: float = 30.0,
    progress: IO[str] | None = None,
    today: str | None = None,
) -> list[Outcome]:
    """Fetch `files` (default: the whole manifest) into `dest`, laid out as `build-data --raw` reads it.

    Raises FetchStop, before any download, when a BLS address is to be contacted without a contact
    address, and when no host could be reached at all."""
    dest = Path(dest)
    files = list(manifest.files() if files is None else files)
    today = today or date.today().isoformat()
    outcomes: dict[RawFile, Outcome] = {}
    todo: list[RawFile] = []
    for f in files:
        target = dest / f.folder / f.name
        if not target.exists():
            todo.append(f)
        elif content_sha256(f, target) == f.sha256:
            outcomes[f] = Outcome(f, "present")
        else:
            outcomes[f] = Outcome(
                f,
                "failed",
                "is there but differs from the manifest's checksum: left as it is (remove it to fetch again)",
            )
    if contact and not _EMAIL.match(contact):
        raise FetchStop(f"--contact {contact!r} is not an e-mail address like you@example.org")
    if not contact and not base_url and any(f.at_bls for f in todo):
        raise FetchStop(
            "BLS refuses downloads from clients that do not say who they are: pass --contact you@example.org "
            f"or set {CONTACT_ENV} (it goes in the User-Agent header, so BLS can reach you instead of blocking)"
        )
    agent = user_agent(contact or "none given")
    by_url: dict[str, list[RawFile]] = {}
    for f in todo:
        by_url.setdefault(f.url, []).append(f)
    unreachable: dict[str, str] = {}
    reached: set[str] = set()
    for url, group in by_url.items():
        first = group[0]
        folder = dest / first.folder
        folder.mkdir(parents=True, exist_ok=True)
        address = _address(url, base_url)
        host = urlsplit(address).hostname or ""
        kept_as_served = len(group) == 1 and first.how == ""
        part = folder / ((first.name if kept_as_served else unquote(url.rsplit("/", 1)[-1])) + ".part")
        if host in unreachable:
            outcomes.update({f: Outcome(f, "failed", f"not tried: {unreachable[host]}") for f in group})
            continue
        try:
            download(address, part, agent, retries=retries, backoff=backoff, timeout=timeout, progress=progress)
            reached.add(host)
            if kept_as_served:
                outcomes[first] = _place(first, part, content_sha256(first, part), today)
                continue
            for f in group:
                made = folder / f"{f.name}.tmp"
                try:
                    outcomes[f] = _place(f, made, _make(f, part, made), today)
                except (_Failed, zipfile.BadZipFile, OSError) as e:
                    made.unlink(missing_ok=True)
                    outcomes[f] = Outcome(f, "failed", str(e))
            part.unlink()
        except _Unreachable as e:
            unreachable[host] = str(e)
            outcomes.update({f: Outcome(f, "failed", f"cannot reach {e}") for f in group})
        except _Failed as e:
            reached.add(host)  # it answered, if only to refuse
            outcomes.update({f: Outcome(f, "failed", str(e)) for f in group})
    if unreachable and not reached:
        hosts = "; ".join(unreachable.values())
        raise FetchStop(f"no network: cannot reach any download address ({hosts}); connect and run it again")
    return [outcomes[f] for f in files]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add DIR, --contact, --only and --base-url to `parser`."""
    parser.add_argument("dir", metavar="DIR", help="raw folder to fill, one folder per source (build-data --raw DIR)")
    parser.add_argument(
        "--contact",
        metavar="EMAIL",
        default=None,
        help=f"your e-mail address, sent in the User-Agent header (default: ${CONTACT_ENV}); BLS refuses "
        "anonymous clients, so it is required for BLS addresses",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="SOURCE",
        choices=list(manifest.sources()),
        help=f"fetch only these source folders ({', '.join(manifest.sources())})",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        default=None,
        help=f"fetch every file from this server instead, same paths (a mirror, or a test server; default: "
        f"${BASE_URL_ENV} if set)",
    )


def _report(o: Outcome) -> str:
    label = {"verified": "fetched", "present": "present", "newer": "NEWER", "failed": "FAILED"}[o.status]
    return f"  {label:8} {o.file.path}" + (f": {o.message}" if o.message else "")


def run(args: argparse.Namespace) -> int:
    """Fetch into args.dir and list every file; 0 if all are verified, 1 if any failed or differs, 2 if
    nothing could be fetched (no contact address for BLS, no network)."""
    files = [f for f in manifest.files() if not args.only or f.folder in args.only]
    try:
        outcomes = fetch(
            Path(args.dir),
            files,
            contact=args.contact or os.environ.get(CONTACT_ENV) or None,
            base_url=args.base_url or os.environ.get(BASE_URL_ENV) or None,
            progress=sys.stderr,
        )
    except FetchStop as e:
        print(f"fetch-raw: {e}", file=sys.stderr)
        return 2
    for o in outcomes:
        print(_report(o))
    bad = [o for o in outcomes if not o.ok]
    newer = sum(o.status == "newer" for o in bad)
    print(
        f"{len(outcomes) - len(bad)} of {len(outcomes)} files verified in {args.dir}"
        + (f"; {newer} differ from the manifest (kept beside, not used)" if newer else "")
        + (f"; {len(bad) - newer} failed" if len(bad) > newer else "")
    )
    if not bad:
        print(f"next: workforce-outlook build-data --raw {args.dir} --out data/")
    return 1 if bad else 0
