"""Chromium's CPU over a change, by process and thread, from the kernel's own counts.

Used by `python -m benchmarks.interaction` (the report's "Chromium's CPU a change"). With Chromium on one core,
its page's main thread shares that core with everything else Chromium runs: V8 compiling hot code on worker threads
(Maglev, TurboFan) and marking the heap for a major garbage collection, the compositor, the GPU and browser
processes. Each thread's `/proc/<pid>/task/<tid>/schedstat` gives the time it ran and the time it waited, runnable,
for a core: read before Enter and after the page went still, the difference is what each did over the change, and
the main thread's wait is how long the rest held it back. Reading it costs no work inside Chromium, so every run
of the benchmark reports it (the trace's CDP profiling does not: `--trace`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from benchmarks.common import PROC, stat_fields

# columns of the report: the renderer's (the page's) main thread and its workers, and every other Chromium process
COLUMNS = ("renderer main", "main waited", "renderer workers", "rest of Chromium")

Counts = dict[tuple[int, int], tuple[str, str, float, float]]  # (pid, tid) -> process type, group, ran ms, waited ms


def process_type(cmdline: bytes) -> str | None:
    """A Chromium process's type from its command line (its `--type=`; the browser process has none), None for any
    other program. Chromium's child processes rewrite their command line as one string, hence the search."""
    args = cmdline.split(b"\0")
    if not args or not re.search(rb"(^|/)chrom(e|ium)( |$)", args[0]):
        return None
    m = re.search(rb"--type=([\w-]+)", cmdline)
    return m.group(1).decode() if m else "browser"


NAMED = (("ThreadPool", "workers"), ("Compositor", "compositor"))  # how a thread's name begins -> its group


def thread_group(pid: int, tid: int, name: str) -> str:
    """A thread's group: the process's main thread, V8's and Chromium's worker pool, the compositor, or other."""
    if tid == pid:
        return "main"
    return next((group for start, group in NAMED if name.startswith(start)), "other")


def descendants(root: int, proc: Path = PROC) -> set[int]:
    """The processes started, directly or not, by process `root` (its own Chromium, not another program's)."""
    children: dict[int, list[int]] = {}
    for d in proc.iterdir():
        if not d.name.isdigit():
            continue
        try:
            ppid = int(stat_fields(int(d.name), proc)[1])
        except (OSError, ValueError, IndexError):  # not a process, or one that ended while read
            continue
        children.setdefault(ppid, []).append(int(d.name))
    out, todo = set(), [root]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def snapshot(proc: Path = PROC, root: int | None = None) -> Counts:
    """The run and wait time so far (ms) of every thread of the Chromium started by process `root` (this one
    unless given: Playwright's driver is its child, the browser the driver's), each with its process's type and its
    group. A thread or process that ends while it is read is left out of this reading."""
    out: Counts = {}
    for pid in descendants(os.getpid() if root is None else root, proc):
        d = proc / str(pid)
        try:
            kind = process_type((d / "cmdline").read_bytes())
            tasks = list((d / "task").iterdir()) if kind else []
        except OSError:
            continue
        for t in tasks:
            try:
                name = (t / "comm").read_text().strip()
                ran, waited = (int(x) / 1e6 for x in (t / "schedstat").read_text().split()[:2])
            except (OSError, ValueError):
                continue
            tid = int(t.name)
            out[(pid, tid)] = (kind, thread_group(pid, tid, name), ran, waited)
    return out


def totals(counts: Counts) -> dict[tuple[str, str], tuple[float, float]]:
    """Run and wait time summed by process type and thread group."""
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for kind, group, ran, waited in counts.values():
        r, w = out.get((kind, group), (0.0, 0.0))
        out[(kind, group)] = (r + ran, w + waited)
    return out


def change(before: Counts, after: Counts) -> dict[str, float]:
    """The report's columns over one change (ms): what the renderers' main threads ran and waited for a core (the
    page's; a spare renderer Chromium keeps ready does next to nothing), what the renderers' pools of workers ran
    (V8's compiles and collections among Chromium's own tasks), and what every other Chromium thread ran (the
    compositor, the GPU and browser processes). Thread by thread, each in the group of its second reading: one
    that ended between the readings is left out (Chromium's pool lets idle workers go), one that started (or was
    not read the first time) counts from zero."""
    moved: Counts = {}
    for key, (kind, group, ran, waited) in after.items():
        _k, _g, ran0, waited0 = before.get(key, (kind, group, 0.0, 0.0))
        moved[key] = (kind, group, ran - ran0, waited - waited0)
    by = totals(moved)
    main, workers = ("renderer", "main"), ("renderer", "workers")
    return {
        "renderer main": by.get(main, (0.0, 0.0))[0],
        "main waited": by.get(main, (0.0, 0.0))[1],
        "renderer workers": by.get(workers, (0.0, 0.0))[0],
        "rest of Chromium": sum(r for k, (r, _w) in by.items() if k not in (main, workers)),
    }
