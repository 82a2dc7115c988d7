"""Check a data folder against the schema with pandera; every problem names file, column and row."""

from __future__ import annotations

import gzip
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.data.schema import TABLES, Table

if TYPE_CHECKING:  # pandera is imported when a folder is validated, not when a validated copy is read
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

PANDAS_DTYPES = {"string": str, "integer": "Int64", "number": "float64"}
ROWS_LISTED = 10
SHOWN_CHARS = 60  # a failing value is echoed at most this long
CHUNK = 1 << 20
# build-data writes this file into the data folder before it moves the new build's files in, and removes
# it after the last one: a folder that has it holds files of two builds (the swap was stopped half way).
SWAP_MARKER = ".build-data-swapping"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data folder."""

    file: str
    message: str
    column: str | None = None
    rows: tuple[int, ...] = ()
    more: int = 0

    def __str__(self) -> str:
        where = [self.file]
        if self.column:
            where.append(f"column {self.column}")
        if self.rows:
            listed = ", ".join(str(r) for r in self.rows)
            extra = f" and {self.more} more" if self.more else ""
            where.append(f"row{'s' if len(self.rows) + self.more > 1 else ''} {listed}{extra}")
        return f"{', '.join(where)}: {self.message}"


def find_file(folder: Path, table: Table) -> Path | None:
    """The table's file in folder, plain or gzip-compressed, whichever is there."""
    for name in (f"{table.name}.csv.gz", f"{table.name}.csv"):
        if (folder / name).is_file():
            return folder / name
    return None


def over_limits(path: Path, table: Table) -> Problem | None:
    """The file's size or row count past its table's limits, found while decompressing in 1 MB
    chunks (at most max_bytes + 1 bytes are read, none kept), so a small file that inflates to
    gigabytes is refused before pandas sees it. None when it is within them."""
    opener = gzip.open if path.name.endswith(".gz") else open
    size = newlines = 0
    last = b"\n"
    with opener(path, "rb") as fh:
        while chunk := fh.read(min(CHUNK, table.max_bytes + 1 - size)):
            size += len(chunk)
            if size > table.max_bytes:
                return Problem(path.name, f"too large: more than the {table.max_bytes:,} bytes allowed (decompressed)")
            newlines += chunk.count(b"\n")
            last = chunk[-1:]
            if newlines - 1 > table.max_rows:  # the first line is the header
                break
    rows = newlines - (last == b"\n")  # the header, or the header and a last line without \n
    if rows > table.max_rows:
        return Problem(path.name, f"too many rows: more than the {table.max_rows:,} allowed")
    return None


def read_text(path: Path) -> pd.DataFrame:
    """Read a CSV (or .csv.gz) with every cell as text and empty cells as missing."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8", compression="infer")


def pandera_schema(table: Table, refs: dict[str, set[str]]) -> pa.DataFrameSchema:
    """The pandera schema of one table; refs holds the key values of the tables it refers to."""
    import pandera.pandas as pa

    columns = {}
    fks = {fk.fields: fk for fk in table.foreign_keys}
    for f in table.fields:
        checks = []
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum, error=f"must be ≥ {f.minimum:g} (a count or wage cannot be negative)"))
        if f.type == "number":  # "1e400" parses, as infinity
            checks.append(pa.Check(lambda v: ~v.isin([float("inf"), float("-inf")]), error="must be a finite number"))
        if f.enum:
            checks.append(pa.Check.isin(list(f.enum), error=f"must be one of {', '.join(f.enum)}"))
        if f.name in fks and fks[f.name].table in refs:
            fk = fks[f.name]
            checks.append(pa.Check.isin(refs[fk.table], error=f"refers to no {fk.ref} in {fk.table}"))
        columns[f.name] = pa.Column(
            PANDAS_DTYPES[f.type], checks=checks, nullable=not f.required, coerce=True, required=True
        )
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        unique=list(table.primary_key),
        report_duplicates="all",
        name=table.name,
    )


def _shown(value: str) -> str:
    return repr(value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…")


def _problems(file: str, err: SchemaErrors, pk: tuple[str, ...]) -> list[Problem]:
    fc = err.failure_cases
    out: list[Problem] = []
    for (column, check), group in fc.groupby(["column", "check"], dropna=False, sort=False):
        column = None if pd.isna(column) else str(column)
        check = str(check)
        rows = sorted({int(i) + 1 for i in group["index"].dropna()})
        values = [v for v in group["failure_case"].dropna().astype(str).unique()[:3]]
        if check == "column_in_dataframe":
            msg = f"missing column {', '.join(values)}"
            column = values[0] if values else column
        elif check == "column_in_schema":
            msg = f"unknown column {', '.join(values)}"
            column = values[0] if values else column
        elif check == "column_ordered":
            msg = "columns are not in the contract's order"
        elif check.startswith("coerce_dtype") or check.startswith("dtype"):
            msg = f"wrong type: expected {check.split('(')[-1].rstrip(')').strip(chr(39))}, found {', '.join(_shown(v) for v in values)}"
        elif check in ("multiple_fields_uniqueness", "field_uniqueness"):
            column = ", ".join(pk)
            msg = f"duplicate key ({', '.join(pk)})"
        elif check == "not_nullable":
            msg = "empty, but this column is required"
        else:
            shown = ", ".join(_shown(v) for v in values)
            msg = f"{check}: {shown}"
        listed = tuple(rows[:ROWS_LISTED])
        out.append(Problem(file, msg, column, listed, max(0, len(rows) - len(listed))))
    return out


def load_table(path: Path, table: Table, refs: dict[str, set[str]]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read and validate one file; return the typed frame (None if unreadable) and its problems."""
    name = path.name
    try:
        if too_much := over_limits(path, table):
            return None, [too_much]
        raw = read_text(path)
    except pd.errors.EmptyDataError:
        return None, [Problem(name, "the file is empty; expected a header row and data")]
    except UnicodeDecodeError as e:
        return None, [Problem(name, f"not UTF-8 text (byte {e.start}: {e.reason})")]
    except (EOFError, zlib.error, OSError) as e:
        detail = e.strerror if isinstance(e, OSError) and e.strerror else str(e)  # never the server's path
        return None, [Problem(name, f"cannot be read: {type(e).__name__}: {detail} (a truncated or corrupt gzip?)")]
    except pd.errors.ParserError as e:
        return None, [Problem(name, f"not valid CSV: {e}")]
    return validate_frame(raw, table, refs, name)


def validate_frame(
    raw: pd.DataFrame, table: Table, refs: dict[str, set[str]], name: str | None = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Validate a text frame against its table's schema; return it typed, or its problems."""
    from pandera.errors import SchemaErrors

    name = name or table.path
    if len(raw) > table.max_rows:
        return None, [Problem(name, f"too many rows: {len(raw):,}, more than the {table.max_rows:,} allowed")]
    raw, problems = _cap_text(raw, table, name)
    schema = pandera_schema(table, refs)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            typed = schema.validate(raw, lazy=True)
    except SchemaErrors as err:
        return None, problems + _problems(name, err, table.primary_key)
    return (None, problems) if problems else (typed, [])


def _cap_text(raw: pd.DataFrame, table: Table, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Cells longer than their field allows (a number's text too), as problems; the frame with those
    cells cut to the limit, so the other checks still run and no message echoes a huge value."""
    problems = []
    for f in table.fields:
        if f.name not in raw.columns:
            continue
        try:
            lengths = raw[f.name].str.len()
        except AttributeError:  # not text (a frame from the ingest): nothing to measure
            continue
        over = lengths > f.max_length
        if not over.any():
            continue
        rows = [int(i) + 1 for i in raw.index[over.to_numpy()]]
        longest = int(lengths[over].max())
        shown = tuple(rows[:ROWS_LISTED])
        msg = f"{'up to ' if len(rows) > 1 else ''}{longest:,} characters, more than the {f.max_length:,} allowed"
        problems.append(Problem(name, msg, f.name, shown, len(rows) - len(shown)))
        raw = raw.assign(**{f.name: raw[f.name].where(~over, raw[f.name].str.slice(0, f.max_length))})
    return raw, problems


def validate_tables(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Validate text frames in memory (the ingest's last step before it writes)."""
    refs: dict[str, set[str]] = {}
    problems: list[Problem] = []
    for table in _reference_order():
        if table.name not in frames:
            continue
        df = frames[table.name].replace("", None) if len(frames[table.name]) else frames[table.name]
        if table.name == "industries":
            refs["industries"] = set(df["industry_code"])
        typed, found = validate_frame(df, table, refs)
        problems += found
        if typed is not None and len(table.primary_key) == 1:
            refs[table.name] = set(typed[table.primary_key[0]])
    return problems


def _reference_order() -> list[Table]:
    return sorted(TABLES.values(), key=lambda t: 0 if t.name in ("occupations", "areas", "industries") else 1)


def load_dir(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Read and validate every table in folder; referenced tables first so keys can be checked."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}, [
            Problem(
                folder.name or "data folder",
                "not a folder; expected a data folder as described in docs/DATA_CONTRACT.md",
            )
        ]
    if (folder / SWAP_MARKER).exists():
        return {}, [
            Problem(
                SWAP_MARKER,
                "build-data was stopped while it swapped a new build in: the folder holds files of two builds; "
                "run build-data again",
            )
        ]
    frames: dict[str, pd.DataFrame] = {}
    refs: dict[str, set[str]] = {}
    problems: list[Problem] = []
    for table in _reference_order():
        path = find_file(folder, table)
        if path is None:
            if not table.optional:
                problems.append(Problem(table.path, f"missing file; expected {table.name}.csv or {table.name}.csv.gz"))
            continue
        if table.name == "industries":
            # parent refers to the same table: collect its codes first
            try:
                within = over_limits(path, table) is None
                refs["industries"] = set(read_text(path)["industry_code"].dropna()) if within else set()
            except Exception:  # the full read below reports what is wrong
                refs["industries"] = set()
        df, found = load_table(path, table, refs)
        problems += found
        if df is not None:
            frames[table.name] = df
            if len(table.primary_key) == 1:
                refs[table.name] = set(df[table.primary_key[0]])
    return frames, problems


def validate_dir(folder: Path) -> list[Problem]:
    """Every problem in folder (empty when it is valid)."""
    return load_dir(folder)[1]
