"""A/B: two commits of the dashboard timed change by change in the same run, page by page in turn.

python -m benchmarks.ab BEFORE AFTER [--pages occupation,industry] [--rounds 3]

`benchmarks.interaction` runs one server at a time, so two versions measured in two runs also differ by what the
machine did in between: two runs of the same code have put every change at 1.99× and 2.56× the bare app's p95 (RESULTS.md
§6, thirty-third session), wider than most single changes could move it. Here each commit is checked out in a
worktree of its own and served from it, both servers up together; each page's changes (interaction.PAGE_CHANGES,
the same changes on both, from this checkout) run on one commit and then on the other, the order swapped every
round, in one Chromium on a core of its own. Each page's run on one commit is paired with its run on the other in the
same round, so the report gives, besides each side's p50 and p95, the difference of their medians pair by pair: what
the change did, with the machine's drift taken out of it. The bare app is timed once a round, for scale.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import interaction
from benchmarks.common import ROOT, browser_cpus, launch, machine, median, pct, server, summary, wait_healthy
from dashboard.data.dataset import DEFAULT_DATA_DIR, load


@contextmanager
def worktree(rev: str, folder: Path):
    """Commit `rev` checked out (detached) in `folder`, removed afterwards: the clone is left as it was."""
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(folder), rev], cwd=ROOT, check=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False)


def paired(a: list[list[float]], b: list[list[float]]) -> tuple[float, int, int]:
    """The runs of one page on A and on B, pair by pair (the same round): the median of B's median minus A's, over
    the pairs, and in how many pairs B's median was the lower, of how many."""
    diffs = [median(y) - median(x) for x, y in zip(a, b, strict=True) if x and y]
    return (median(diffs) if diffs else float("nan")), sum(d < 0 for d in diffs), len(diffs)


def report(names: tuple[str, str], pages: tuple[str, ...], runs: dict, bare: list[float]) -> list[str]:
    """The lines of the report: each page's p50 and p95 on each commit (× the bare app's p95), then the pairs."""
    b95 = pct(bare, 95)
    out = [f"  bare app                {summary(bare)}"]
    for k in pages:
        for n in names:
            v = [x for run in runs[n, k] for x in run]
            out.append(f"  {k:<12} {n[:10]:<10} {summary(v)}   {pct(v, 95) / b95:.2f}× the bare app's p95")
        d, fewer, of = paired(runs[names[0], k], runs[names[1], k])
        out.append(f"  {k:<12} {names[1][:10]} − {names[0][:10]}: {d:+.1f} ms at the median, lower in {fewer} of {of}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", help="a commit (HEAD~1, a hash, a branch)")
    ap.add_argument("after", help="another commit")
    ap.add_argument("--pages", default="occupation,industry,explore,programs", help="comma-separated")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    pages = tuple(k for k in interaction.PAGES if k in args.pages.split(","))
    names = (args.before, args.after)
    ds = load(DEFAULT_DATA_DIR)
    groups, counts = interaction.bare_groups(ds)
    tmp = Path(tempfile.mkdtemp())
    runs: dict[tuple[str, str], list[list[float]]] = {(n, k): [] for n in names for k in pages}
    bare: list[float] = []
    with ExitStack() as stack, sync_playwright() as p:
        servers = {}
        for i, n in enumerate(names):
            folder = stack.enter_context(worktree(n, tmp / f"tree{i}"))
            timings = tmp / f"{i}.tsv"
            url, proc, _ = stack.enter_context(server("dashboard", timings=timings, cwd=folder))
            servers[n] = (url, proc, timings)
        browser = launch(p, browser_cpus("last"))
        for url, _proc, _t in servers.values():
            wait_healthy(url)
            page = interaction.new_page(browser)
            interaction.warm_up(page, url)
            page.close()
        for r in range(args.rounds):
            bare += interaction.bare_run(browser, tmp / "bare.tsv", groups, counts)
            for k in pages:
                for n in names if r % 2 == 0 else names[::-1]:
                    url, proc, timings = servers[n]
                    interaction.TIMINGS, interaction.SERVER_PID = timings, proc.pid
                    page = interaction.new_page(browser)
                    runs[n, k].append(interaction.PAGE_CHANGES[k](page, url, ds))
                    page.close()
            print(f"round {r + 1} of {args.rounds} done {time.strftime('%H:%M:%S')}", flush=True)
        browser.close()
    print(f"machine: {machine()}; browser on cores {sorted(browser_cpus('last') or [])}")
    print("browser update, Enter -> the frame after the one that painted the figure (ms), as benchmarks.interaction")
    print("\n".join(report(names, pages, runs, bare)))


if __name__ == "__main__":
    main()
