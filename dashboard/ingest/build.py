"""Build data/ from the raw BLS files: extract, transform, validate, then swap into place."""

from __future__ import annotations

import gzip
import importlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from dashboard.data.schema import TABLES, datapackage_json
from dashboard.data.validation import SWAP_MARKER, validate_tables
from dashboard.ingest import completions, extract, onet, sheets, timeseries, transform
from dashboard.ingest import state_projections as state_proj
from dashboard.ingest.extract import IngestError

UNQUOTED = pa_csv.WriteOptions(quoting_style="none", quoting_header="none")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The frame as CSV text, quoted only where needed (pandas' minimal quoting).

    Arrow writes the frame unquoted, the same bytes as pandas over ten times faster, unless a
    cell holds a comma, quote or line break: Arrow then refuses and pandas writes it.
    """
    if not df.empty:
        table = pa.Table.from_pandas(df.astype("str"), preserve_index=False)
        sink = pa.BufferOutputStream()
        try:
            pa_csv.write_csv(table, sink, UNQUOTED)
        except pa.ArrowInvalid:
            pass
        else:
            return sink.getvalue().to_pybytes()
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


def file_bytes(df: pd.DataFrame, name: str) -> bytes:
    """The bytes of file `name` holding the frame: gzip (no name or timestamp) for .gz, reproducibly."""
    data = csv_bytes(df)
    if name.endswith(".gz"):
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=6) as gz:
            gz.write(data)
        data = buf.getvalue()
    return data


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write text cells byte-for-byte reproducibly (gzip with no name or timestamp)."""
    path.write_bytes(file_bytes(df, path.name))


def curated(name: str) -> pd.DataFrame:
    """A curated list kept with the code (dashboard/ingest/NAME.csv)."""
    with resources.files("dashboard.ingest").joinpath(f"{name}.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    return df[TABLES[name].columns].sort_values(list(TABLES[name].primary_key), kind="stable")


def build_tables(
    oews_dir: Path,
    ep_path: Path,
    state_projections: Path | None = None,
    raw: Path | None = None,
    ready: Callable[[str, pd.DataFrame], None] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of the contract, as text frames in contract column order. `state_projections` is the
    Projections Central export (default: the one in `raw`, else beside `oews_dir`; left out if absent). `raw` is the
    folder of the history sources (OEWS 2013–2024, EP vintages, SOC crosswalks, CPI-U; default: beside
    `oews_dir`, left out if absent). `ready(name, frame)` is called for the flat file's two large tables as
    soon as they are built (build() starts compressing them then)."""
    oews_dir = Path(oews_dir)
    ep_path = Path(ep_path)
    if not oews_dir.is_dir():
        raise IngestError(f"{oews_dir}: not a folder; expected the OEWS flat files (oe.data.0.Current.gz, oe.area, …)")
    occ = extract.read_mapping(oews_dir / "oe.occupation")
    area = extract.read_mapping(oews_dir / "oe.area")
    ind = extract.read_mapping(oews_dir / "oe.industry")
    # A helper process parses the workbooks (EP, OEWS history, SOC crosswalks, NCES, O*NET: calamine holds
    # the GIL while it parses) while Arrow reads and pivots the flat file here and threads read the CSVs.
    jobs = extract.ep_sheet_jobs(ep_path) + timeseries.sheet_jobs(raw, oews_dir) + onet.sheet_jobs(raw, oews_dir)
    areas = transform.areas(area, extract.state_postal())
    ipeds = (Path(raw) if raw else oews_dir.parent) / completions.FOLDER
    with sheets.prefetch(jobs), ThreadPoolExecutor(max_workers=2) as pool:
        content = pool.submit(onet.tables, raw, oews_dir)
        # IPEDS completions and institutions: left out with their folder, as the history is
        trained = pool.submit(completions.tables, ipeds, areas) if ipeds.is_dir() else None
        ep = pool.submit(lambda: [extract.read_ep_table(ep_path, s) for s in extract.EP_TABLES])
        past = pool.submit(timeseries.read, raw, oews_dir)  # OEWS 2013–2024, EP vintages, crosswalks, CPI-U
        by_area, by_industry = transform.measures(extract.read_oews_data(oews_dir / "oe.data.0.Current.gz"))
        pa.default_memory_pool().release_unused()  # the flat file's memory back to the system
        if ready:
            ready("salary_percentiles", by_area)
            ready("hiring_industries", by_industry)
        ep12, ep110, ep112 = ep.result()
    tables = {
        "occupations": transform.occupations(occ, ep12),
        "areas": areas,
        "industries": transform.industries(ind),
        "salary_percentiles": by_area,
        "hiring_industries": by_industry,
        "growth_projections": transform.growth_projections(ep12),
        "annual_openings": transform.annual_openings(ep110),
        "utilization_factors": transform.utilization_factors(ep112),
    }
    sp = Path(state_projections or (Path(raw) if raw else oews_dir.parent) / state_proj.FOLDER / state_proj.FILE)
    if state_projections or sp.is_file():
        tables["state_projections"] = state_proj.table(sp)
    tables.update(timeseries.finish(past.result(), oews_dir, by_area, tables["occupations"]))
    tables.update(content.result())
    if trained is not None:
        tables.update(trained.result())
    for name in TABLES:
        if name not in tables and TABLES[name].sources == ("project",):
            tables[name] = curated(name)
    return tables


def build(
    oews_dir: Path, ep_path: Path, out: Path, state_projections: Path | None = None, raw: Path | None = None
) -> list[Path]:
    """Build every file into a temporary folder beside `out`, validate it, then swap it in.

    On any error `out` is left exactly as it was.
    """
    out = Path(out)
    # Files are encoded while the rest is still being built and validated: gzip releases the GIL, and the
    # large flat-file tables start compressing as soon as they exist. Nothing is written before validation.
    encoded: dict[str, Future[bytes]] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        pool.submit(importlib.import_module, "pandera.pandas")  # validation's import, done while Arrow reads

        def encode(name: str, df: pd.DataFrame) -> None:
            encoded[name] = pool.submit(file_bytes, df, TABLES[name].path)

        try:
            tables = build_tables(oews_dir, ep_path, state_projections, raw, ready=encode)
            for name, df in tables.items():
                if name not in encoded:
                    encode(name, df)
            problems = validate_tables(tables)
            del tables
            if problems:
                listing = "\n".join(str(p) for p in problems[:20])
                raise IngestError(f"the built tables do not pass validation:\n{listing}")
            files = {TABLES[name].path: f.result() for name, f in encoded.items()}
        finally:
            for f in encoded.values():
                f.cancel()
    out.parent.mkdir(parents=True, exist_ok=True)
    for left in out.parent.glob(f".{out.name}-build-*"):  # the folder of a build that was killed
        shutil.rmtree(left, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        for path, data in files.items():
            (tmp / path).write_bytes(data)
        (tmp / "datapackage.json").write_text(datapackage_json(), encoding="utf-8")
        _swap(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return sorted(out.iterdir())


def _swap(tmp: Path, out: Path) -> None:
    """Replace out's data files by tmp's; files of out that are not ours (README, .gitkeep) stay.

    Each file moves in with one rename, but not the folder as a whole (data/ is a folder of the repository,
    with files of its own): the swap marker is in place from before the first file moves until after the
    last, so a swap stopped half way (the process killed) leaves a folder that validation refuses, never
    a mix of two builds that passes."""
    out.mkdir(exist_ok=True)
    marker = out / SWAP_MARKER
    with open(marker, "w", encoding="utf-8") as f:
        f.write(f"build-data is moving in the build from {tmp.name}\n")
        f.flush()
        os.fsync(f.fileno())
    ours = {t.path for t in TABLES.values()} | {f"{t.name}.csv" for t in TABLES.values()}
    ours |= {f"{t.name}.csv.gz" for t in TABLES.values()} | {"datapackage.json"}
    for f in out.iterdir():
        if f.name in ours and not (tmp / f.name).exists():
            f.unlink()
    for f in sorted(tmp.iterdir()):
        os.replace(f, out / f.name)
    _sync(out)  # every rename on disk before the marker goes
    marker.unlink()
    _sync(out)


def _sync(folder: Path) -> None:
    """The folder's entries (renames, removals) written to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
