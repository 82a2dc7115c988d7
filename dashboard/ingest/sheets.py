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
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

Job = tuple  # (function name, *arguments): a call of rows() or text_columns()

_pending: dict[Job, Future] = {}


def _rows(path: str, sheet: str | int = 0, skip_empty_area: bool = True) -> list[list]:
    from python_calamine import CalamineWorkbook

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
