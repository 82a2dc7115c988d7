"""Measurement hooks for benchmarks/ (off unless their variables are set).

WORKFORCE_TIMINGS=file appends "page<TAB>milliseconds" per run; WORKFORCE_PROFILE=file appends a
pyinstrument report per run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def measured(page: str) -> Iterator[None]:
    timings, profile = os.environ.get("WORKFORCE_TIMINGS"), os.environ.get("WORKFORCE_PROFILE")
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    started = time.perf_counter()
    try:
        yield
    finally:
        ms = (time.perf_counter() - started) * 1000
        if timings:
            with open(timings, "a") as fh:
                fh.write(f"{page}\t{ms:.1f}\n")
        if profiler is not None:
            profiler.stop()
            with open(profile, "a") as fh:
                fh.write(f"=== {page} {ms:.0f} ms\n{profiler.output_text(color=False, show_all=False)}\n")
