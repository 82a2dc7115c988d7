"""The one place that reads data/: a validated, indexed Dataset, with no Streamlit in sight.

The server keeps one Dataset per process (dashboard/store.py); tests and benchmarks call `load`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard import schema, validation
from dashboard.codes import ALL_OCCUPATIONS, NATIONAL, WAGE_COLUMNS, top_coded_flag
from dashboard.release import Release
from dashboard.schema import TABLES
from dashboard.validation import Problem, find_file, load_dir

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """--data-dir (via serve), else $WORKFORCE_DATA_DIR, else the bundled data/."""
    return Path(os.environ.get("WORKFORCE_DATA_DIR") or DEFAULT_DATA_DIR)


@dataclass(eq=False)  # compared and hashed by identity: memoised queries key on the dataset itself
class Dataset:
    """Typed, indexed frames of one data folder, or the problems that stopped it loading."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)
    occupations: pd.DataFrame | None = None  # index soc_code
    areas: pd.DataFrame | None = None  # index area_code
    industries: pd.DataFrame | None = None  # index industry_code
    wages: pd.DataFrame | None = None  # salary_percentiles, index (soc_code, area_code); <col>_top_coded flags
    hiring: pd.DataFrame | None = None  # hiring_industries, index (soc_code, industry_code); same flags
    projections: pd.DataFrame | None = None  # growth_projections joined with annual_openings, index soc_code
    aliases: pd.DataFrame | None = None
    pathways: pd.DataFrame | None = None  # curated ladders, ordered by (pathway, step)

    @property
    def ok(self) -> bool:
        return not self.problems

    @cached_property
    def release(self) -> Release:
        """The OEWS year, projection years and top-code bounds of these tables."""
        w = self.wages
        capped_a = w.loc[w[top_coded_flag("annual_median")], "annual_median"]
        capped_h = w.loc[w[top_coded_flag("hourly_median")], "hourly_median"]
        p = self.projections.loc[ALL_OCCUPATIONS] if ALL_OCCUPATIONS in self.projections.index else None
        if p is None and len(self.projections):
            p = self.projections.iloc[0]
        return Release(
            oews_year=int(w["year"].iloc[0]) if len(w) else 0,
            ep_base=int(p["base_year"]) if p is not None else 0,
            ep_target=int(p["target_year"]) if p is not None else 0,
            top_annual=float(capped_a.max()) if len(capped_a) else float(schema.TOP_CODE_ANNUAL),
            top_hourly=float(capped_h.max()) if len(capped_h) else float(schema.TOP_CODE_HOURLY),
        )

    @cached_property
    def national(self) -> pd.DataFrame:
        """The national row of every occupation, indexed by SOC code."""
        return self.wages.xs(NATIONAL, level="area_code")


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
    except Exception:  # a damaged cache is ignored and rebuilt from the CSV files
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


def _flag_top_coded(df: pd.DataFrame) -> pd.DataFrame:
    """Split the published `top_coded` list ("annual_p90;annual_median") into one boolean per wage column."""
    listed = ";" + df["top_coded"].fillna("").astype(str) + ";"
    flags = {top_coded_flag(c): listed.str.contains(f";{c};", regex=False).to_numpy() for c in WAGE_COLUMNS}
    return df.assign(**flags)


def load(folder: Path) -> Dataset:
    """Read, validate and index a data folder (no Streamlit; tests and benchmarks call it)."""
    frames, problems = load_frames(folder)
    if problems:
        return Dataset(Path(folder), problems)
    wages = _flag_top_coded(frames["salary_percentiles"])
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
        hiring=_flag_top_coded(frames["hiring_industries"])
        .set_index(["soc_code", "industry_code"], drop=False)
        .sort_index(),
        projections=proj.set_index("soc_code", drop=False).sort_index(),
        aliases=frames.get("aliases", empty_aliases),
        pathways=frames.get("pathways", empty_pathways).sort_values(["pathway", "step"], kind="stable"),
    )
