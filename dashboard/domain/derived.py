"""What a Dataset derives from its tables (lookups, indexes, rankings), built on first use and kept with it.

Every derived result lives in one `Derived` object per Dataset (`derived(ds)`), so a second Dataset (tests
load several) has its own and they are freed together. A table built once per dataset is marked
`@per_dataset`; a result per argument (a role, an area) is marked `@per_argument(maxsize)` and kept in a
bounded least-recently-used memo, so memory stays what the busiest pages need. A frame or series comes back
as a lazy copy of the cached one (pandas copy-on-write: nothing is copied until a caller writes to it), so
a caller's change never reaches the next caller.

The object lives here and not in data/: the Dataset only keeps a slot for it (`Dataset.derived`), since
data/ may not import the domain.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from dashboard.data.dataset import Dataset

R = TypeVar("R")
MISSING = object()  # what a memo holds for a key it has no result for


class Memo:
    """A bounded memo: the `maxsize` results used most recently (None: unbounded, for per-dataset tables).

    A result is built once however many sessions ask for it at the same moment (`result`): the first builds
    it and the others wait for it. A class opening one link at once asked for the same frames dozens of
    times over, each session building its own copy on one interpreter (benchmarks/RESULTS.md §6)."""

    def __init__(self, maxsize: int | None) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()  # guards the items and the builds under way, never a build itself
        self._building: dict[Hashable, threading.Event] = {}  # key -> set when its build ends (or fails)

    def hit(self, key: Hashable) -> Any:
        """The kept result of `key`, now the most recently used, or MISSING."""
        value = self._items.get(key, MISSING)
        if value is not MISSING and self.maxsize is not None:
            try:
                self._items.move_to_end(key)
            except KeyError:  # another thread let it go just now: the value is still good
                pass
        return value

    def put(self, key: Hashable, value: Any) -> Any:
        """Keep `value` as the result of `key`, letting the least recently used go beyond maxsize."""
        value = _read_only(value)
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            if self.maxsize is not None and len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return value

    def result(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The kept result of `key`, or `build()` kept: built by one thread while the others asking wait. A
        build that fails leaves the next asker to build (its error is the builder's); a wait is bounded, so a
        build that never ends cannot hold the others."""
        value = self.hit(key)
        while value is MISSING:
            with self._lock:
                value = self._items.get(key, MISSING)
                if value is not MISSING:
                    break
                pending = self._building.get(key)
                if pending is None:
                    done = self._building[key] = threading.Event()
            if pending is not None:
                pending.wait(BUILD_WAIT_S)
                value = self.hit(key)
                if value is MISSING and not pending.is_set():  # still building after the wait: build too
                    return self.put(key, build())
                continue
            try:
                value = self.put(key, build())
            finally:
                with self._lock:
                    self._building.pop(key, None)
                done.set()
        return value

    def __len__(self) -> int:
        return len(self._items)


BUILD_WAIT_S = 60.0  # the longest a session waits for another's build of the same result


class Derived:
    """The derived tables and memoised results of one Dataset, by function."""

    def __init__(self) -> None:
        self._memos: dict[str, Memo] = {}
        self._lock = threading.Lock()

    def memo(self, name: str, maxsize: int | None) -> Memo:
        """The memo of the function `name` (module.qualname), made on first use."""
        m = self._memos.get(name)
        if m is None:
            with self._lock:
                m = self._memos.setdefault(name, Memo(maxsize))
        return m

    def size(self, fn: Callable) -> int:
        """How many results of `fn` are kept (0 before its first call)."""
        m = self._memos.get(_name(fn))
        return 0 if m is None else len(m)

    def forget(self, fn: Callable) -> None:
        """Forget the results of `fn` (a test or benchmark that times or checks a cold build)."""
        with self._lock:
            self._memos.pop(_name(fn), None)

    def clear(self) -> None:
        """Forget everything derived."""
        with self._lock:
            self._memos = {}


def derived(ds: Dataset) -> Derived:
    """The Derived object of `ds`, made on first use."""
    d = ds.derived
    if d is None:
        with _LOCK:
            if ds.derived is None:
                ds.derived = Derived()
            d = ds.derived
    return d


_LOCK = threading.Lock()
_KEYWORDS = object()  # keeps f(ds, a, b=1) apart from any positional call


def _name(fn: Callable) -> str:
    fn = getattr(fn, "__wrapped__", fn)
    return f"{fn.__module__}.{fn.__qualname__}"


def _read_only(value: Any) -> Any:
    """Arrays in what is kept can no longer be written to (a frame is guarded by `_handed_out` instead)."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, tuple):
        for v in value:
            _read_only(v)
    return value


def _handed_out(value: Any) -> Any:
    """What a caller gets: a frame or series as a lazy copy (copy-on-write), so writing to it copies first."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if type(value) is tuple and any(isinstance(v, pd.DataFrame | pd.Series) for v in value):
        return tuple(_handed_out(v) for v in value)
    return value


def per_dataset(build: Callable[[Dataset], R]) -> Callable[[Dataset], R]:
    """Build `build(ds)` once per dataset."""
    name = _name(build)

    @functools.wraps(build)
    def once(ds: Dataset) -> R:
        memo = derived(ds).memo(name, None)
        return _handed_out(memo.result(None, lambda: build(ds)))

    return once


def per_argument(maxsize: int) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Keep the `maxsize` results of `fn(ds, *args)` used last, per dataset (arguments must be hashable)."""

    def wrap(fn: Callable[..., R]) -> Callable[..., R]:
        name = _name(fn)

        @functools.wraps(fn)
        def memoised(ds: Dataset, *args: Hashable, **kwargs: Hashable) -> R:
            key = (args, _KEYWORDS, tuple(sorted(kwargs.items()))) if kwargs else args
            memo = derived(ds).memo(name, maxsize)
            return _handed_out(memo.result(key, lambda: fn(ds, *args, **kwargs)))

        return memoised

    return wrap
