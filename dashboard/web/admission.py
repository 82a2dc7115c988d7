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
# second run keeps the other core busy; more only interleave on the GIL again.
SLOTS = max(1, min(2, os.cpu_count() or 1))
POLL_S = 0.05  # how often a waiting run looks whether its session has moved on


class Admission:
    """First come, first served: at most `slots` holders at once, the rest waiting in arrival order."""

    def __init__(self, slots: int = SLOTS) -> None:
        self.slots = slots
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self._running = 0

    @contextmanager
    def turn(self, moved_on: Callable[[], bool] = lambda: False) -> Iterator[bool]:
        """Wait for a turn; yields True when admitted, False when `moved_on()` became true while waiting
        (the holder should then do no work: its result is no longer wanted)."""
        ticket = object()
        admitted = False
        with self._cond:
            self._queue.append(ticket)
            while True:
                if self._queue[0] is ticket and self._running < self.slots:
                    self._queue.popleft()
                    self._running += 1
                    admitted = True
                    break
                if moved_on():
                    self._queue.remove(ticket)
                    break
                self._cond.wait(POLL_S)
            self._cond.notify_all()  # the next in line may be at the front now
        try:
            yield admitted
        finally:
            if admitted:
                with self._cond:
                    self._running -= 1
                    self._cond.notify_all()

    def waiting(self) -> int:
        """How many runs are waiting for a turn."""
        with self._cond:
            return len(self._queue)


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
