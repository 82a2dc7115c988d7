"""The raw-data manifest: every raw file the build reads, where it is published, its licence and checksum.

Two small tables kept with the code: raw_sources.csv (one row per source folder: publisher, page, release,
licence, the attribution it requires) and raw_files.csv (one row per file: its place in the raw folder, the
address `fetch-raw` downloads it from, how the file is made from that download, the sha256 and size of the
version the bundled data was built from, and the tables it feeds). The checksum is of the content the
build reads: for a file kept gzipped, the file as served; for a zip member or a series, the member or the
series as written.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

# how a file is made from its download: as served, gzipped, one member of a zip, one series of a BLS
# time-series flat file written as series_id,year,period,value
HOWS = ("", "gzip", "zip", "series")
BLS_HOSTS = ("bls.gov",)


@dataclass(frozen=True)
class Source:
    """One source folder of the raw folder: who publishes it, where, under which licence."""

    folder: str
    title: str
    publisher: str
    page: str
    release: str
    licence: str  # Frictionless licence name: other-pd, CC-BY-4.0, other-at
    licence_title: str
    licence_path: str
    attribution: str
    retrieved: str
    note: str


@dataclass(frozen=True)
class RawFile:
    """One raw file: `folder/name` in the raw folder, fetched from `url` (`official` says whether that is
    the publisher's own address), made from the download as `how` says, with the checksum and size of
    the version the bundled data was built from, feeding `feeds` (table names of the schema)."""

    folder: str
    name: str
    url: str
    official: bool
    how: str
    member: str
    sha256: str
    size: int
    feeds: tuple[str, ...]

    @property
    def path(self) -> str:
        """The file's place in the raw folder, as `build-data --raw` reads it."""
        return f"{self.folder}/{self.name}"

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def at_bls(self) -> bool:
        """True when the address is a BLS server (BLS refuses clients that do not say who they are)."""
        return any(self.host == h or self.host.endswith("." + h) for h in BLS_HOSTS)


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("dashboard.data").joinpath(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def sources() -> dict[str, Source]:
    """Every source folder by name, in manifest order."""
    out = {}
    for r in _rows("raw_sources.csv"):
        folder = r.pop("source")
        out[folder] = Source(folder=folder, **r)
    return out


@cache
def files() -> tuple[RawFile, ...]:
    """Every raw file the build reads, in manifest order."""
    out = []
    for r in _rows("raw_files.csv"):
        f = RawFile(
            folder=r["source"],
            name=r["file"],
            url=r["url"],
            official=r["official"] == "yes",
            how=r["how"],
            member=r["member"],
            sha256=r["sha256"],
            size=int(r["bytes"]),
            feeds=tuple(r["feeds"].split()),
        )
        if f.how not in HOWS or f.folder not in sources():
            raise ValueError(f"raw_files.csv: {f.path}: unknown how {f.how!r} or source {f.folder!r}")
        out.append(f)
    return tuple(out)


def files_of(folder: str) -> list[RawFile]:
    return [f for f in files() if f.folder == folder]


def sources_of(table: str) -> list[Source]:
    """The sources whose files feed `table`, in manifest order."""
    folders = dict.fromkeys(f.folder for f in files() if table in f.feeds)
    return [sources()[s] for s in folders]


def _file_list(folder: str) -> str:
    names = [f.name for f in files_of(folder)]
    return ", ".join(names) if len(names) <= 8 else f"{names[0]}, {names[1]} … {names[-1]} ({len(names)} files)"


def datapackage_source(folder: str) -> dict[str, str]:
    """A source as datapackage.json describes it (title, path, publisher, release, files, retrieved)."""
    s = sources()[folder]
    return {
        "title": s.title,
        "path": s.page,
        "publisher": s.publisher,
        "release": s.release,
        "files": _file_list(folder),
        "retrieved": s.retrieved,
    }


def licence(folder: str) -> dict[str, str]:
    """A source's licence as datapackage.json describes it (name, title, path)."""
    s = sources()[folder]
    return {"name": s.licence, "title": s.licence_title, "path": s.licence_path}


def datapackage_provenance(table: str) -> dict[str, list[dict[str, str]]]:
    """`sources` and `licenses` of one table's resource in datapackage.json, from the files that feed it."""
    feeding = [s.folder for s in sources_of(table)]
    licences = list({licence(f)["name"]: licence(f) for f in feeding}.values())
    return {"sources": [datapackage_source(f) for f in feeding], "licenses": licences}


def help_text() -> str:
    """One line per source, for `build-data --help`: the folder, what it holds, and where it is published."""
    return "\n".join(f"  {s.folder}/  {s.title}\n      {s.page}" for s in sources().values())


def sources_table() -> str:
    """The sources as a Markdown table for docs/data.md: each source, its release, licence and the attribution
    it asks for, the tables it feeds (tests/test_fetch.py checks the page carries exactly this)."""
    lines = [
        "| source (folder of the raw folder) | publisher | release | licence | attribution to give | feeds |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for s in sources().values():
        feeds = sorted({t for f in files_of(s.folder) for t in f.feeds})
        cells = [
            f"[{s.title}]({s.page}) (`{s.folder}/`)",
            s.publisher,
            s.release,
            f"[{s.licence_title}]({s.licence_path})",
            s.attribution,
            ", ".join(f"`{t}`" for t in feeds) or "not read by the build yet",
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(sources_table())
