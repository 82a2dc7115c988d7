"""Workbook sheets for the ingest, parsed by a helper process while the main one reads the OEWS flat file.

python-calamine parses a sheet in Rust but holds the GIL while it does, so threads cannot run the
O*NET and OEWS-history workbooks beside the rest of the build: a helper process parses them instead.
`prefetch(jobs)` starts it (`python -c "…sheets import serve"`, which imports only this module, the
standard library and python-calamine: it is up in a tenth of a second and small), sends it the list
of sheets the build will ask for and takes each result back as soon as it is parsed. `rows` and
`text_columns` then return the helper's result, or, for a sheet it was not asked for or could not
read, parse the sheet here: the same function runs in both places, so a result and every error
(raised here, never in the helper) are the same either way.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

Job = tuple  # (function name, *arguments): a call of rows() or text_columns()

_pending: dict[Job, Future] = {}

# What a workbook may hold before it is parsed. calamine allocates a sheet's whole range at once (one cell at
# XFD1048576 asked for 512 GB and aborted the build) and inflates every part in memory (a 3.3 MB file whose
# sheet inflated to 753 MB peaked at 3.6 GB). The largest raw workbook, O*NET's Skills, inflates to 36 MB and
# spans 61,531 rows x 15 columns (0.9 million cells): these limits are about four and five times that.
MAX_INFLATED = 150_000_000  # bytes, all of a workbook's parts inflated
MAX_CELLS = 5_000_000  # rows x columns of any one sheet, as declared (<dimension>) or as used (cell references)
_DIMENSION = re.compile(rb'<dimension ref="\$?[A-Z]{1,3}\$?\d+(?::\$?([A-Z]{1,3})\$?(\d+))?"')
_FAR = re.compile(rb'<c r="(?:[A-Z]{2}|[A-Z]\d{6})')  # a 27th column, or row 100,000: worth counting exactly
_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
_ROW = re.compile(rb'<row r="(\d+)"')


class WorkbookTooLarge(ValueError):
    """A workbook beyond MAX_INFLATED or MAX_CELLS: refused before calamine reads it."""


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_size(path: str | Path) -> None:
    """WorkbookTooLarge, naming the file and the limit, when an .xlsx inflates beyond MAX_INFLATED or a sheet
    spans more than MAX_CELLS; checked while inflating, a megabyte at a time (a zip may understate sizes).
    An .xls (not a zip) is left to calamine."""
    name = Path(path).name
    if not zipfile.is_zipfile(path):
        return
    with zipfile.ZipFile(path) as z:
        declared = sum(i.file_size for i in z.infolist())
        if declared > MAX_INFLATED:
            raise WorkbookTooLarge(
                f"{name}: its parts inflate to {declared:,} bytes, more than the {MAX_INFLATED:,} bytes allowed"
            )
        total = 0
        for info in z.infolist():
            sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            rows = cols = cells = listed_rows = 0  # a cell or row may leave out its reference: count them too
            far, tail = False, b""
            with z.open(info) as f:
                while chunk := f.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_INFLATED:
                        raise WorkbookTooLarge(
                            f"{name}: inflates to more than the {MAX_INFLATED:,} bytes allowed ({info.filename})"
                        )
                    if not sheet:
                        continue
                    text = tail + chunk
                    dim = _DIMENSION.search(text)
                    if dim and dim.group(1):
                        cols, rows = max(cols, _column(dim.group(1))), max(rows, int(dim.group(2)))
                    rows = max([rows, *map(int, _ROW.findall(text))])
                    far = far or bool(_FAR.search(text))
                    if far:  # only an unusual sheet pays for reading every cell reference
                        for c, r in set(_CELL.findall(text)):
                            cols, rows = max(cols, _column(c)), max(rows, int(r))
                    else:
                        cols = max(cols, 26 if _CELL.search(text) else 0)
                    tail = text[-32:]
                    cells += chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/")
                    listed_rows += chunk.count(b"<row ") + chunk.count(b"<row>")
                    rows = max(rows, listed_rows)
                    if max(rows * cols, cells) > MAX_CELLS:
                        raise WorkbookTooLarge(
                            f"{name}: a sheet spans {rows:,} rows x {cols:,} columns, more than the "
                            f"{MAX_CELLS:,} cells allowed ({info.filename})"
                        )


def _rows(path: str, sheet: str | int = 0, skip_empty_area: bool = True) -> list[list]:
    from python_calamine import CalamineWorkbook

    check_size(path)
    wb = CalamineWorkbook.from_path(path)
    ws = wb.get_sheet_by_index(sheet) if isinstance(sheet, int) else wb.get_sheet_by_name(sheet)
    return ws.to_python(skip_empty_area=skip_empty_area)


def text(v) -> str:
    """A workbook cell as text: numbers as written (4.12; 39 for the whole number 39.0), empty as ''."""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return "" if v is None else str(v)


def _text_columns(path: str, sheet: str, names: tuple[str, ...]) -> tuple[list[str], dict[str, list[str]]] | None:
    rows = _rows(path, sheet, skip_empty_area=False)
    if not rows:
        return None
    header = [text(c) for c in rows[0]]
    body = rows[1:]
    columns = {}
    for name in names:
        if name in header:
            i = header.index(name)
            columns[name] = [text(r[i]) if len(r) > i else "" for r in body]
    return header, columns


_CALLS = {"rows": _rows, "text_columns": _text_columns}


def _call(job: Job):
    slot = _pending.pop(job, None)
    if slot is not None:
        done = slot.result()
        if done is not None:
            return done[0]
    return _CALLS[job[0]](*job[1:])


def rows(path: Path | str, sheet: str | int = 0, skip_empty_area: bool = True) -> list[list]:
    """Every row of a sheet (by index or exact name) as Python values."""
    return _call(rows_job(path, sheet, skip_empty_area))


def text_columns(path: Path | str, sheet: str, names) -> tuple[list[str], dict[str, list[str]]] | None:
    """(the header row as text, {column name: its cells below the header as text}) for the `names`
    found in the first row of `sheet`; None when the sheet is empty."""
    return _call(text_columns_job(path, sheet, names))


def rows_job(path: Path | str, sheet: str | int = 0, skip_empty_area: bool = True) -> Job:
    """The job for prefetch() that a later rows(path, sheet, skip_empty_area) takes."""
    return ("rows", str(path), sheet, skip_empty_area)


def text_columns_job(path: Path | str, sheet: str, names) -> Job:
    """The job for prefetch() that a later text_columns(path, sheet, names) takes."""
    return ("text_columns", str(path), sheet, tuple(names))


def names(path: Path | str) -> list[str]:
    """The workbook's sheet names (read from its index, not parsed)."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).sheet_names


def serve() -> None:
    """The helper: read the pickled job list on stdin, write (job, (result,) or None) per job on stdout."""
    jobs = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    for job in jobs:
        try:
            done = (_CALLS[job[0]](*job[1:]),)
        except Exception:  # noqa: BLE001 - the caller parses it again and raises the real error
            done = None
        pickle.dump((job, done), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


def _collect(proc: subprocess.Popen, slots: dict[Job, Future]) -> None:
    try:
        while any(not s.done() for s in slots.values()):
            job, done = pickle.load(proc.stdout)
            if job in slots and not slots[job].done():
                slots[job].set_result(done)
    except Exception:  # noqa: BLE001 - the helper died or was stopped: the rest is parsed here
        pass
    finally:
        for s in slots.values():
            if not s.done():
                s.set_result(None)


@contextmanager
def prefetch(jobs: list[Job]) -> Iterator[None]:
    """Parse `jobs` in a helper process for the duration of the block (in this order)."""
    jobs = list(dict.fromkeys(jobs))
    if not jobs:
        yield
        return
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from dashboard.ingest.sheets import serve; serve()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    slots = {job: Future() for job in jobs}
    _pending.update(slots)
    reader = threading.Thread(target=_collect, args=(proc, slots), daemon=True)
    reader.start()
    try:
        pickle.dump(jobs, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        proc.stdin.close()
    except OSError:  # the helper could not start its work: everything is parsed here
        proc.kill()
    try:
        yield
    finally:
        for job, slot in slots.items():
            if _pending.get(job) is slot:
                del _pending[job]
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        reader.join()
        for pipe in (proc.stdin, proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
