"""The one place that reads data/: a validated, indexed Dataset, with no Streamlit in sight.

The server keeps one Dataset per process (dashboard/store.py); tests and benchmarks call `load`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.core.codes import ALL_OCCUPATIONS, NATIONAL, WAGE_COLUMNS, top_coded_flag
from dashboard.core.safe import BIDI
from dashboard.data import schema, validation
from dashboard.data.locations import bundled_data
from dashboard.data.release import Release
from dashboard.data.schema import TABLES, Table
from dashboard.data.validation import PANDAS_DTYPES, SWAP_MARKER, Problem, find_file, load_dir

DEFAULT_DATA_DIR = bundled_data()  # data/ in a source checkout, dashboard/_bundled in an installed wheel


# Arrow's buffers (the loaded frames' text columns) from the C library's allocator, not Arrow's own pool
# (mimalloc), which kept what reading the files had freed: 422 MB resident after loading, 292 MB with this
# (benchmarks/memory.py). store._release_freed_memory hands the freed pages back with malloc_trim.
pa.set_memory_pool(pa.system_memory_pool())


def data_dir() -> Path:
    """--data-dir (via serve), else $WORKFORCE_DATA_DIR, else the bundled data/."""
    return Path(os.environ.get("WORKFORCE_DATA_DIR") or DEFAULT_DATA_DIR)


@dataclass(eq=False)  # compared and hashed by identity: two loads are two datasets, each with its own derived
class Dataset:
    """Typed, indexed frames of one data folder, or the problems that stopped it loading."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a usable folder lacks, said on every page
    occupations: pd.DataFrame | None = None  # index soc_code
    areas: pd.DataFrame | None = None  # index area_code
    industries: pd.DataFrame | None = None  # index industry_code
    wages: pd.DataFrame | None = None  # salary_percentiles, index (soc_code, area_code); <col>_top_coded flags
    hiring: pd.DataFrame | None = None  # hiring_industries, index (soc_code, industry_code); same flags
    projections: pd.DataFrame | None = None  # growth_projections joined with annual_openings, index soc_code
    aliases: pd.DataFrame | None = None
    pathways: pd.DataFrame | None = None  # curated ladders, ordered by (pathway, step)
    state_projections: pd.DataFrame | None = None  # Projections Central, index (area_code, soc_code); None if absent
    # states whose file gives only the openings from growth (their openings are left out: _openings_withheld)
    openings_withheld: tuple[str, ...] = ()
    # history (issue 13), each None if absent: OEWS national May 2013–2025 (index year, soc_code), the SOC
    # crosswalks, EP vintages (index vintage, soc_code) and CPI-U, as the files hold them
    oews_history: pd.DataFrame | None = None
    soc_crosswalk: pd.DataFrame | None = None
    projection_vintages: pd.DataFrame | None = None
    cpi_u: pd.DataFrame | None = None
    # occupation content and programs (issue 12): the onet_* and program tables by name, as the files hold
    # them; a table the folder lacks is absent here
    content: dict[str, pd.DataFrame] = field(default_factory=dict)
    # who is trained for it (issue 26), each None if absent: IPEDS award levels (index award_level), the
    # institutions (index unitid) and the completions, compactly typed (a million rows: _compact_completions)
    award_levels: pd.DataFrame | None = None
    institutions: pd.DataFrame | None = None
    completions: pd.DataFrame | None = None
    # what the domain derives from these tables (dashboard/domain/derived.py), made on first use and freed
    # with the dataset; a slot, not an import, since data/ may not import the domain
    derived: Any = field(default=None, init=False, repr=False)

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


def _present(folder: Path) -> dict[str, Path]:
    """The file of every table that is in folder, by table name."""
    return {t.name: p for t in TABLES.values() if (p := find_file(folder, t)) is not None}


def fingerprint(folder: Path) -> str:
    """A hash of every table file's bytes and of the rules they were checked against (the source of the
    schema and of the validator): equal fingerprints, equal validated frames."""
    h = hashlib.blake2b(digest_size=16)
    for rules in (schema.__file__, validation.__file__):
        h.update(Path(rules).read_bytes())
    for path in _present(folder).values():
        h.update(path.name.encode())
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


# --- the validated copy -----------------------------------------------------------------------------
# root/<fingerprint>-<random>/ holds one <table>.parquet per table and a MARKER listing each file's
# hash, written last. A copy is written in root/.tmp-<pid>@<host>-<random>/ and renamed into place
# under a name no other copy has, so a reader never sees half a copy and no writer replaces another's.
# A copy is used only if every table of the folder is listed, every file has its listed hash, and every
# column has its schema type; anything else (a file missing, truncated, edited, of another schema) is
# discarded and the folder validated again. Nothing here trusts the copy more than the CSV files.

MARKER = "complete"
STALE_AFTER = 300  # seconds: a temporary folder this old, or whose writer has gone, was abandoned


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _typed_as_validated(df: pd.DataFrame, table: Table) -> bool:
    """The frame has the table's columns, in order, each of the type validation gives it."""
    if list(df.columns) != table.columns:
        return False
    return all(df[f.name].dtype == pd.api.types.pandas_dtype(PANDAS_DTYPES[f.type]) for f in table.fields)


def _within_value_rules(data: pa.Table, table: Table) -> bool:
    """The rules on single values that cost little to check again (in Arrow, about 20 ms for every table):
    required cells filled, no number under its minimum, no text longer than allowed, only listed values. A
    copy edited consistently (its marker's hash recomputed) that breaks one is not used; keys and references
    are what the validation of the CSV files checked."""
    for f in table.fields:
        if f.name not in data.column_names:
            return False
        col = data.column(f.name)
        if f.required and col.null_count:
            return False
        if f.type == "string":
            if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
                longest = pc.max(pc.utf8_length(col)).as_py()
                if longest is not None and longest > f.max_length:
                    return False
                if f.enum and pc.all(pc.is_in(col.drop_null(), value_set=pa.array(f.enum))).as_py() not in (True, None):
                    return False
        elif f.minimum is not None:
            least = pc.min(col).as_py()
            if least is not None and (least != least or least < f.minimum):  # NaN is no number: refused too
                return False
    return True


def _owned_and_private(root: Path) -> bool:
    """The cache folder is this user's and no one else can write it: made 0700 whatever the umask (and a folder
    of ours with looser rights is tightened). A folder another user owns or can write is not used: whoever can
    write the copy could serve any value."""
    try:
        if not root.is_dir():
            root.mkdir(mode=0o700, parents=True)
            os.chmod(root, 0o700)  # mkdir's mode is narrowed by the umask, never widened: made exact
        st = root.stat()
        if st.st_uid != os.getuid():
            return False
        if st.st_mode & 0o077:
            os.chmod(root, 0o700)
        return True
    except FileExistsError:  # a file, not a folder: no copy
        return False
    except OSError:  # cannot be made or tightened (a read-only disk): a folder of ours is still read
        return root.is_dir() and root.stat().st_uid == os.getuid() and not root.stat().st_mode & 0o022


def _read_copy(where: Path, tables: set[str]) -> dict[str, pd.DataFrame] | None:
    """The frames of one validated copy, or None if it is not exactly what was validated."""
    try:
        listed = json.loads((where / MARKER).read_text())["tables"]
        if not isinstance(listed, dict) or set(listed) != tables:
            return None
        frames = {}
        for name, digest in listed.items():
            data = (where / f"{name}.parquet").read_bytes()
            if _digest(data) != digest:
                return None
            arrow = pq.read_table(io.BytesIO(data))
            if not _within_value_rules(arrow, TABLES[name]):
                return None
            df = arrow.to_pandas()
            if not _typed_as_validated(df, TABLES[name]):
                return None
            frames[name] = df
        return frames
    except Exception:  # missing, unreadable, not JSON, not Parquet: not a copy to trust
        return None


def _discard(path: Path) -> None:
    """Move path out of the way (one atomic rename), then delete it; a read-only cache keeps it."""
    try:
        trash = path.with_name(f".trash-{os.getpid()}-{path.name}")
        path.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)
    except OSError:
        pass


def _abandoned(path: Path, now: float) -> bool:
    """A temporary folder whose writer was killed: too old, or its process is gone (on this host)."""
    if path.name.startswith(".trash-"):
        return True
    try:
        if now - path.stat().st_mtime > STALE_AFTER:
            return True
        pid, rest = path.name.removeprefix(".tmp-").split("@", 1)
        if rest.rsplit("-", 1)[0] != socket.gethostname():
            return False
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError):  # gone already, another user's process, a name we did not write
        return False
    return False


def _sweep(root: Path) -> None:
    """Delete what killed writers left behind (a kill -9 mid-write, or mid-delete)."""
    now = time.time()
    try:
        leftovers = [p for p in root.iterdir() if p.name.startswith((".tmp-", ".trash-"))]
    except OSError:
        return
    for p in leftovers:
        if _abandoned(p, now):
            shutil.rmtree(p, ignore_errors=True)


def _read_cache(root: Path, key: str, tables: set[str]) -> dict[str, pd.DataFrame] | None:
    """The frames of the first sound copy named by key; every unsound one found is discarded."""
    try:
        copies = sorted(p for p in root.iterdir() if p.name == key or p.name.startswith(f"{key}-"))
    except OSError:
        return None
    for where in copies:
        frames = _read_copy(where, tables)
        if frames is not None:
            return frames
        _discard(where)
    return None


def _write_cache(root: Path, key: str, frames: dict[str, pd.DataFrame]) -> None:
    """Write beside, then rename into place under a new name: a reader never sees half a copy."""
    tmp = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{os.getpid()}@{socket.gethostname()}-", dir=root))
        listed = {}
        for name, df in frames.items():
            buf = io.BytesIO()
            df.to_parquet(buf, index=False)
            (tmp / f"{name}.parquet").write_bytes(buf.getvalue())
            listed[name] = _digest(buf.getvalue())
        (tmp / MARKER).write_text(json.dumps({"tables": listed}, indent=1, sort_keys=True) + "\n")
        tmp.rename(root / f"{key}-{tmp.name.rsplit('-', 1)[1]}")
    except OSError:  # a read-only or full disk: carry on without a copy
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def load_frames(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Validated, typed frames of a data folder.

    The first load validates every file (pandera) and keeps the typed frames as Parquet under
    cache_root(), named by the fingerprint of the files' bytes and the schema. Later processes read
    that copy (about ten times faster) as long as not one byte of the data or the schema has changed
    and the copy is exactly what was written; a damaged copy is replaced. A folder with problems
    leaves no copy.
    """
    folder = Path(folder)
    root = cache_root()
    if root is None or not folder.is_dir() or (folder / SWAP_MARKER).exists():  # load_dir says what is wrong
        return load_dir(folder)
    if not _owned_and_private(root):
        return load_dir(folder)
    tables = set(_present(folder))
    try:
        key = fingerprint(folder)
    except OSError:  # a file that cannot be read: validation says which
        return load_dir(folder)
    if root.is_dir():
        _sweep(root)
        frames = _read_cache(root, key, tables)
        if frames is not None:
            return frames, []
    frames, problems = load_dir(folder)
    if not problems:
        _write_cache(root, key, frames)
    return frames, problems


def _flag_top_coded(df: pd.DataFrame) -> pd.DataFrame:
    """Split the published `top_coded` list ("annual_p90;annual_median") into one boolean per wage column."""
    listed = ";" + df["top_coded"].fillna("").astype(str) + ";"
    flags = {top_coded_flag(c): listed.str.contains(f";{c};", regex=False).to_numpy() for c in WAGE_COLUMNS}
    return df.assign(**flags)


MISSING_NOTES = {
    "pathways": "No preset career pathways: the data folder has no pathways.csv. "
    "A ladder can still be built in the sidebar of the Career pathways page.",
    "aliases": "Role search knows the official titles only: the data folder has no aliases.csv.",
}


# Text shown as names, titles and notes: Unicode bidirectional controls are removed at load, so no table,
# chart or brief can show "gnp.exe" as "exe.png" (nothing else in a value changes).
DISPLAYED_TEXT = {
    "occupations": ("title", "education", "experience", "training"),
    "areas": ("area_name",),
    "industries": ("title",),
    "pathways": ("pathway_title", "stage", "note"),
    "aliases": ("alias", "note"),
    "state_projections": ("title",),
    "oews_national_history": ("title",),
    "soc_crosswalk": ("from_title", "title"),
    "projection_vintages": ("title", "sample_titles", "education", "experience", "training"),
    "onet_occupations": ("title", "description", "job_zone_name", "job_zone_education"),
    "onet_tasks": ("task",),
    "onet_skills": ("element",),
    "onet_technology": ("example", "commodity_title"),
    "onet_titles": ("title", "short_title"),
    "programs": ("title", "definition"),
    "institutions": ("name", "city"),
}


def _without_bidi(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    out = dict(frames)
    for name, cols in DISPLAYED_TEXT.items():
        if name in out:
            df = out[name]
            out[name] = df.assign(**{c: df[c].str.replace(BIDI, "", regex=True) for c in cols if c in df})
    return out


def _history(df: pd.DataFrame | None) -> pd.DataFrame | None:
    return None if df is None else _flag_top_coded(df).set_index(["soc_code", "year"], drop=False).sort_index()


GROWTH_ONLY_SHARE = 0.95  # of a state's larger rows (≥ 1,000 jobs) whose openings are growth ÷ 10, no more


def _openings_withheld(sp: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The state projections with the openings of states whose published openings are only the openings from
    growth left out (not released), and those states' codes.

    Annual openings are growth plus the workers who leave the occupation (exits and transfers), so a declining
    occupation still has openings. In the Projections Central export, New York's openings equal
    max(0, target − base) ÷ 10 on every row (0 for every declining occupation; 119,000 a year for 10.2 million
    jobs, where other states publish 9–13 %). Shown as openings, they would rank New York last on every
    comparison; shown as "not released", nothing is claimed that the file does not support. The rule is
    the data's, not a list of states: a state is withheld when 95 % of its rows of 1,000 jobs or more match."""
    base, target = sp["employment_base"].astype("Float64"), sp["employment_target"].astype("Float64")
    growth = ((target - base) / 10).clip(lower=0)
    open_ = sp["openings_annual"].astype("Float64")
    big = (base >= 1000).fillna(False) & open_.notna() & growth.notna()
    match = ((open_ - growth).abs() <= (0.02 * growth).clip(lower=10)).fillna(False)
    by_state = pd.DataFrame({"area": sp["area_code"], "big": big, "match": match & big}).groupby("area")
    share = by_state["match"].sum() / by_state["big"].sum().replace(0, pd.NA)
    withheld = tuple(sorted(share.index[(share >= GROWTH_ONLY_SHARE).fillna(False) & (by_state["big"].sum() >= 50)]))
    if not withheld:
        return sp, ()
    out = sp.copy()
    out.loc[out["area_code"].isin(withheld), "openings_annual"] = pd.NA
    return out, withheld


def _compact_completions(df: pd.DataFrame | None) -> pd.DataFrame | None:
    """The completions in 11 bytes a row instead of about 90: codes as categories, counts as 32-bit integers.

    Men and women stay in the file, not in memory: no page shows them, and the million rows would cost
    8 MB more in every server process (benchmarks/memory.py)."""
    if df is None:
        return None
    return pd.DataFrame(
        {
            "year": df["year"].astype("int16"),
            "unitid": df["unitid"].astype("category"),
            "cip_code": df["cip_code"].astype("category"),
            "award_level": df["award_level"].astype("int8"),
            "completers": df["completers"].astype("int32"),
        }
    )


def load(folder: Path) -> Dataset:
    """Read, validate and index a data folder (no Streamlit; tests and benchmarks call it)."""
    frames, problems = load_frames(folder)
    if problems:
        return Dataset(Path(folder), problems)
    frames = _without_bidi(frames)
    notes = [note for name, note in MISSING_NOTES.items() if name not in frames]
    wages = _flag_top_coded(frames["salary_percentiles"])
    proj = frames["growth_projections"].merge(
        frames["annual_openings"].drop(columns=["base_year", "target_year"]), on="soc_code", how="left"
    )
    withheld: tuple[str, ...] = ()
    if "state_projections" in frames:
        frames["state_projections"], withheld = _openings_withheld(frames["state_projections"])
    empty_aliases = pd.DataFrame(columns=TABLES["aliases"].columns)
    empty_pathways = pd.DataFrame(columns=TABLES["pathways"].columns)
    return Dataset(
        folder=Path(folder),
        notes=notes,
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
        state_projections=frames["state_projections"].set_index(["area_code", "soc_code"], drop=False).sort_index()
        if "state_projections" in frames
        else None,
        openings_withheld=withheld,
        oews_history=_history(frames.get("oews_national_history")),
        soc_crosswalk=frames.get("soc_crosswalk"),
        projection_vintages=frames.get("projection_vintages"),
        cpi_u=frames.get("cpi_u"),
        content={t.name: frames[t.name] for t in schema.CONTENT_TABLES if t.name in frames},
        award_levels=frames["award_levels"].set_index("award_level", drop=False).sort_values("award_order")
        if "award_levels" in frames
        else None,
        institutions=frames["institutions"].set_index("unitid", drop=False) if "institutions" in frames else None,
        completions=_compact_completions(frames.get("completions")),
    )
