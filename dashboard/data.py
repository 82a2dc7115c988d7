"""The one place that reads data/: validated once per server process, shared by every session.

`st.cache_resource` (not `cache_data`) holds the frames: cache_data would pickle and copy
them on every rerun, and these frames are read-only, so every session can share one copy.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import schema, validation
from dashboard.schema import TABLES
from dashboard.validation import Problem, find_file, load_dir

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """--data-dir (via serve), else $WORKFORCE_DATA_DIR, else the bundled data/."""
    return Path(os.environ.get("WORKFORCE_DATA_DIR") or DEFAULT_DATA_DIR)


@dataclass
class Dataset:
    """Typed, indexed frames of one data folder, or the problems that stopped it loading."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)
    occupations: pd.DataFrame | None = None  # index soc_code
    areas: pd.DataFrame | None = None  # index area_code
    industries: pd.DataFrame | None = None  # index industry_code
    wages: pd.DataFrame | None = None  # salary_percentiles, index (soc_code, area_code)
    hiring: pd.DataFrame | None = None  # hiring_industries, index (soc_code, industry_code)
    projections: pd.DataFrame | None = None  # growth_projections joined with annual_openings, index soc_code
    aliases: pd.DataFrame | None = None
    pathways: pd.DataFrame | None = None  # curated ladders, ordered by (pathway, step)
    year: int | None = None
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # derived frames, built once

    @property
    def ok(self) -> bool:
        return not self.problems


def cache_root() -> Path | None:
    """Where validated copies are kept: $WORKFORCE_CACHE_DIR, else ~/.cache/workforce-outlook; "off" disables."""
    v = os.environ.get("WORKFORCE_CACHE_DIR")
    if v == "off":
        return None
    return Path(v) if v else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "workforce-outlook"


def fingerprint(folder: Path) -> str:
    """A hash of every table file's bytes and of the rules they were checked against (the source of the
    schema and of the validator): equal fingerprints, equal validated frames."""
    h = hashlib.blake2b(digest_size=16)
    for rules in (schema.__file__, validation.__file__):
        h.update(Path(rules).read_bytes())
    for table in TABLES.values():
        path = find_file(folder, table)
        if path is None:
            continue
        h.update(path.name.encode())
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def _read_cache(where: Path) -> dict[str, pd.DataFrame] | None:
    if not (where / "complete").is_file():
        return None
    try:
        return {p.stem: pd.read_parquet(p) for p in where.glob("*.parquet")}
    except Exception:  # noqa: BLE001 - a damaged cache is ignored and rebuilt from the CSV files
        return None


def _write_cache(where: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Write beside, then rename into place: a reader never sees half a cache."""
    tmp = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=where.parent))
        for name, df in frames.items():
            df.to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "complete").write_text("validated\n")
        tmp.rename(where)
    except OSError:  # a read-only home, or another process got there first: carry on without
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def load_frames(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Validated, typed frames of a data folder.

    The first load validates every file (pandera) and keeps the typed frames as Parquet under
    cache_root(), named by the fingerprint of the files' bytes and the schema. Later processes read
    that copy (about ten times faster) as long as not one byte of the data or the schema has changed.
    """
    folder = Path(folder)
    root = cache_root()
    key = fingerprint(folder) if root is not None and folder.is_dir() else None
    if root is not None and key:
        frames = _read_cache(root / key)
        if frames is not None:
            return frames, []
    frames, problems = load_dir(folder)
    if root is not None and key and not problems:
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return frames, problems
        _write_cache(root / key, frames)
    return frames, problems


def load(folder: Path) -> Dataset:
    """Read, validate and index a data folder (no Streamlit; tests and benchmarks call it)."""
    frames, problems = load_frames(folder)
    if problems:
        return Dataset(Path(folder), problems)
    wages = frames["salary_percentiles"]
    proj = frames["growth_projections"].merge(
        frames["annual_openings"].drop(columns=["base_year", "target_year"]), on="soc_code", how="left"
    )
    empty_aliases = pd.DataFrame(columns=TABLES["aliases"].columns)
    empty_pathways = pd.DataFrame(columns=TABLES["pathways"].columns)
    return Dataset(
        folder=Path(folder),
        occupations=frames["occupations"].set_index("soc_code", drop=False).sort_index(),
        areas=frames["areas"].set_index("area_code", drop=False).sort_index(),
        industries=frames["industries"].set_index("industry_code", drop=False).sort_index(),
        wages=wages.set_index(["soc_code", "area_code"], drop=False).sort_index(),
        hiring=frames["hiring_industries"].set_index(["soc_code", "industry_code"], drop=False).sort_index(),
        projections=proj.set_index("soc_code", drop=False).sort_index(),
        aliases=frames.get("aliases", empty_aliases),
        pathways=frames.get("pathways", empty_pathways).sort_values(["pathway", "step"], kind="stable"),
        year=int(wages["year"].iloc[0]) if len(wages) else None,
    )


def _release_freed_memory() -> None:
    """Give the parser's freed buffers back to the system, so the resident size is what the data needs."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


@st.cache_resource(show_spinner="Loading BLS data…")
def _cached(folder: str) -> Dataset:
    ds = load(Path(folder))
    _release_freed_memory()
    return ds


def dataset() -> Dataset:
    """The dataset of this server process's data folder (loaded on first use)."""
    return _cached(str(data_dir().resolve()))
