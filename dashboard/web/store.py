"""The Streamlit side of loading: one Dataset per server process, shared by every session.

The dataset is held in a plain module-level dict, not in `st.cache_resource`: any browser can send
Streamlit's `clear_cache` message, which empties st.cache_resource and st.cache_data for every
session, and the data must not be dropped (and reloaded, seconds of CPU) on a visitor's say-so. The
frames are read-only, so every session shares one copy. A lock makes concurrent first sessions load
once. A folder that failed to load is not kept: the next page view tries again, so a repaired data
folder is picked up without a restart. A folder that loaded is kept until the process restarts:
reloading changed data is the operator's act (restart the server). This is the only module below
the views that imports Streamlit.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from dashboard.data.dataset import Dataset, data_dir, load

_LOADED: dict[str, Dataset] = {}  # resolved data folder -> its dataset (loaded ones only)
_LOCK = threading.Lock()
_LOG = logging.getLogger(__name__)


def _release_freed_memory() -> None:
    """Give the parser's freed buffers back to the system, so the resident size is what the data needs; then
    freeze what is left (the dataset, the imported modules) out of the garbage collector's sight. A full
    collection walks every live object: ~45 ms with the data loaded, paid by whichever rerun triggers it
    (benchmarks/interaction.py's p95). Frozen objects are still freed by reference counting."""
    gc.collect()
    gc.freeze()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


def _load_once(key: str) -> Dataset:
    """The dataset of the resolved folder `key`, loaded under the lock unless it already is; kept if it loaded."""
    with _LOCK:
        ds = _LOADED.get(key)  # loaded by another session while this one waited
        if ds is None:
            ds = load(Path(key))
            _release_freed_memory()
            if ds.ok:
                _LOADED[key] = ds
    return ds


def prepare(folder: Path) -> Dataset:
    """Load `folder` into this process before the server listens (`serve` calls it), so the first page
    after /_stcore/health answers ok draws as fast as later ones. A folder with problems is not kept:
    every page then lists them, as when it is loaded on first use. It also builds what a first page or keystroke
    would otherwise build: the similar-roles frames (about 0.2 s). What only some pages or a first keystroke
    use (the role search's title index, 0.2 s; Explore's trend column, 1.3 s; every state's in-demand list,
    0.7 s) is built on a
    background thread once the first page is drawn, so neither health nor that page waits for it (a page
    that needs one before then builds it itself, as without `serve`)."""
    ds = _load_once(str(Path(folder).resolve()))
    if ds.ok:
        from dashboard.domain import warm

        warm.warm(ds)
        _release_freed_memory()  # and freeze what the warm-up built
        global _WARMING
        _WARMING = threading.Thread(target=_prepare_more, args=(ds,), name="workforce-warm-up", daemon=True)
        _WARMING.start()
    return ds


_WARMING: threading.Thread | None = None
_FIRST_PAGE = threading.Event()


def page_drawn() -> None:
    """A page has been drawn: the background warm-up may start (app.py calls it after every run)."""
    _FIRST_PAGE.set()


def warmed(timeout: float | None = None) -> bool:
    """Whether prepare's background warm-up has finished (waiting up to `timeout` seconds for it)."""
    if _WARMING is not None:
        _WARMING.join(timeout)
    return _WARMING is None or not _WARMING.is_alive()


def _prepare_more(ds: Dataset, wait: float = 30.0) -> None:
    """What prepare leaves for later, built once the first page is drawn (or `wait` seconds have passed):
    built before it, it took the interpreter from under that page (1.3× slower) and delayed health (2 s).
    Each step waits for a quiet moment (`when_quiet`); a page that needs one first builds it itself."""
    from dashboard.domain import demand, search, trend_summary

    _FIRST_PAGE.wait(wait)
    when_quiet()  # each step once no visitor's run is working or waiting (a class arriving is served first)
    if "onet_titles" in ds.content:  # the index role search uses (dashboard/titles.py), 0.2 s
        search.title_list(ds)
    when_quiet()
    trend_summary.employment_trends(ds)  # Explore's change-since column and small lines
    demand.precompute(ds, pause=when_quiet)  # the in-demand lists of every state, default weights
    _release_freed_memory()  # what they built, out of the collector's sight too; freed pages handed back


# --- admission: how many page runs the process works on at once ----------------------------------------


def _runs_at_once(value: str | None) -> int:
    """WORKFORCE_RUNS_AT_ONCE as a count of at least 1; unset or not a whole number: 1 (RESULTS.md §6)."""
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


RUNS_AT_ONCE = _runs_at_once(os.environ.get("WORKFORCE_RUNS_AT_ONCE"))  # one: a class arriving at once
ADMIT_WAIT_S = 20.0  # a run waits at most this long for its turn, then goes ahead (nothing waits forever)
_TURNS = threading.BoundedSemaphore(RUNS_AT_ONCE)


@contextmanager
def admitted() -> Iterator[None]:
    """A page run's turn: the process works on RUNS_AT_ONCE runs at a time and the others wait.

    Every session's run is a thread on one interpreter. A class of 80 opening one link at once started 80
    runs together: each got 1/80 of the interpreter, so none finished for seconds, and the server's own loop,
    which sends what the runs drew, got 1/80 too. Waiting runs hold no interpreter time (the wait is the
    lock's), so runs in turn finish about in the order they came (a lock is not strictly first come, first
    served), each as fast as one alone. A run superseded while it waits (its session asked for another) is
    stopped by Streamlit at its first element, before any work."""
    global _BUSY, _LAST_BUSY
    got = False
    with _BUSY_LOCK:
        _BUSY += 1
    try:
        got = _TURNS.acquire(timeout=ADMIT_WAIT_S)
        yield
    finally:
        if got:
            _TURNS.release()
        with _BUSY_LOCK:
            _BUSY -= 1
            _LAST_BUSY = time.monotonic()


_BUSY = 0  # page runs working or waiting for their turn
_LAST_BUSY = 0.0  # when the last one ended (time.monotonic)
_BUSY_LOCK = threading.Lock()
QUIET_S = 0.5  # the background warm-up goes on once no page run has worked or waited for this long


def when_quiet() -> None:
    """Return once no page run has been working or waiting for QUIET_S (at once if none has): the background
    warm-up's steps wait for it, so a class arriving at once is served before what only later pages need."""
    while _BUSY or time.monotonic() - _LAST_BUSY < QUIET_S:
        time.sleep(0.05)


# --- idle time: what a page's next change will likely ask for, worked out while no visitor waits -----------------

_IDLE = threading.Condition()
_IDLE_NEXT: tuple[Hashable, Iterable[Callable[[], object]]] | None = None  # the job asked for last, not started
_IDLE_KEY: Hashable = None  # the job under way, or the last one done
_IDLE_THREAD: threading.Thread | None = None


def in_idle_time(key: Hashable, steps: Iterable[Callable[[], object]]) -> None:
    """Have a background thread call `steps` one after the other, each once no page run has worked or waited for
    QUIET_S (when_quiet), so a visitor's run never waits for them and only shares the interpreter with the step
    under way. One job at a time: a newer one replaces one not yet started and stops one under way at its next
    step; a job asked for again while it is under way (or done last, with none after it) is not started again. A
    step that fails is logged and the next goes on. Only in a process `serve` prepared (prepare): a page run in a
    test or a script builds what it needs itself, as before."""
    global _IDLE_NEXT, _IDLE_THREAD
    if _WARMING is None:
        return
    with _IDLE:
        if (key == _IDLE_KEY and _IDLE_NEXT is None) or (_IDLE_NEXT is not None and _IDLE_NEXT[0] == key):
            return
        _IDLE_NEXT = (key, steps)
        if _IDLE_THREAD is None or not _IDLE_THREAD.is_alive():
            _IDLE_THREAD = threading.Thread(target=_idle_work, name="workforce-idle-time", daemon=True)
            _IDLE_THREAD.start()
        _IDLE.notify()


def _idle_work() -> None:
    global _IDLE_NEXT, _IDLE_KEY
    while True:
        with _IDLE:
            while _IDLE_NEXT is None:
                _IDLE.wait()
            (_IDLE_KEY, steps), _IDLE_NEXT = _IDLE_NEXT, None
        try:
            for step in steps:
                when_quiet()
                if _IDLE_NEXT is not None:  # a newer job: this one's remaining steps are left
                    break
                try:
                    step()
                except Exception:  # noqa: BLE001 - a step that fails leaves its page to build it (and show why)
                    _LOG.warning("A step worked out in idle time failed; its page builds it when asked.", exc_info=True)
        except Exception:  # noqa: BLE001 - the job's list itself failed: the next job still runs
            _LOG.warning("A job of idle-time steps failed; its pages build what they need when asked.", exc_info=True)


@functools.lru_cache(maxsize=16)
def _resolved(folder: str) -> str:
    """The folder's resolved path, once per setting (pages ask for the dataset a dozen times a run)."""
    return str(Path(folder).resolve())


def dataset() -> Dataset:
    """The dataset of this server process's data folder (loaded on first use), or its problems."""
    folder = _resolved(str(data_dir()))
    ds = _LOADED.get(folder)
    if ds is not None:
        return ds
    with st.spinner("Loading BLS data…"):
        return _load_once(folder)
