"""A class arriving at once is served in order: a few script runs at a time, first come first served.

Streamlit starts every session's run on a thread of its own at once. Eighty first views arriving within
five seconds then share one interpreter (the GIL) eighty ways: each takes as long as all of them, and a
session's next change queues behind the whole crowd again (benchmarks/capacity.py --modes burst). Here a
run waits for its turn before the page's work: at most SLOTS at once, in the order they asked, so the first
arrivals are drawn in a fraction of a second and the rest follow one after the other.

A run that waits is not wasted on a view nobody wants any more: when its session asks for another run
(the next change) or closes, it stops waiting and Streamlit ends it at its first element.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Two runs at once on a machine of two cores or more: pandas lets go of the interpreter in its loops, so a
# second run keeps the other core busy; more only interleave on the GIL again. WORKFORCE_SLOTS=0 turns the
# admission off (benchmarks/capacity.py compares the two in one run).
SLOTS = max(1, min(2, os.cpu_count() or 1))
# How often a waiting run looks whether its session has moved on. Not more often: eighty waiting threads
# each waking twenty times a second took the interpreter from the runs they waited for (a first version
# polled every 50 ms and woke every waiter at each release: a burst's p50 went from 0.5 s to 12 s).
POLL_S = 1.0


def _slots() -> int:
    value = os.environ.get("WORKFORCE_SLOTS", "")
    return int(value) if value.isdigit() else SLOTS


class Admission:
    """First come, first served: at most `slots` holders at once (0: no limit), the rest waiting in arrival
    order. A release hands the turn to the next in line only: the others sleep on."""

    def __init__(self, slots: int | None = None) -> None:
        self.slots = _slots() if slots is None else slots
        self._lock = threading.Lock()
        self._queue: deque[threading.Event] = deque()
        self._running = 0

    @contextmanager
    def turn(self, moved_on: Callable[[], bool] = lambda: False) -> Iterator[bool]:
        """Wait for a turn; yields True when admitted, False when `moved_on()` became true while waiting
        (the holder should then do no work: its result is no longer wanted)."""
        if self.slots <= 0:
            yield True
            return
        mine = threading.Event()
        with self._lock:
            if self._running < self.slots and not self._queue:
                self._running += 1
                mine.set()
            else:
                self._queue.append(mine)
        admitted = True
        while not mine.wait(POLL_S):
            if moved_on():
                with self._lock:
                    if not mine.is_set():  # not handed a turn meanwhile: leave the line
                        self._queue.remove(mine)
                        admitted = False
                break
        try:
            yield admitted
        finally:
            if admitted:
                self._release()

    def _release(self) -> None:
        with self._lock:
            if self._queue:
                self._queue.popleft().set()  # the slot passes straight to the next in line
            else:
                self._running -= 1

    def waiting(self) -> int:
        """How many runs are waiting for a turn."""
        with self._lock:
            return len(self._queue)

    def running(self) -> int:
        """How many runs hold a turn."""
        with self._lock:
            return self._running


ADMISSION = Admission()  # one per server process: every session's runs take their turn here


def _moved_on() -> bool:
    """Whether this run's session asked for another run or closed while the run waited (Streamlit then
    ends the run at its first element: nothing of it is drawn)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    requests = getattr(get_script_run_ctx(suppress_warning=True), "script_requests", None)
    state = getattr(requests, "_state", None)  # Streamlit's pending request: CONTINUE unless rerun or stop
    return state is not None and getattr(state, "name", "CONTINUE") != "CONTINUE"


@contextmanager
def turn() -> Iterator[None]:
    """This run's turn: wait (in arrival order) until fewer than SLOTS runs are drawing a page."""
    with ADMISSION.turn(_moved_on):
        yield
