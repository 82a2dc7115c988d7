"""Where Chromium spends a change: CPU time by kind and by script, and what the server sent for it.

Used by `python -m benchmarks.interaction --trace`. Wall-clock times on a shared machine move with the
other work on it; these do much less: Chromium's own counters (Performance.getMetrics: script, layout and
style time, layouts, DOM nodes), its sampling profiler's self time per script file (Streamlit ships each
element kind in a chunk of its own: PlotlyChart, DataFrame, index for React and the app), and the
full plotly draws of a change (its
plotly_afterplot events), the websocket messages of the change (ForwardMsgs, their deltas by element kind, the
elements among them not sent before as they are, bytes; BackMsgs sent),
and React's commits before the checked figure was painted (COUNT_COMMITS): how many, and how many of the page's
element containers each rendered again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.common import pct

METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
COUNTS = ("LayoutCount", "RecalcStyleCount")
# plotly's own event after each full draw of a chart, counted per change (a chart drawn twice costs twice);
# window.__drawn: when the last one ended (performance.now())
COUNT_DRAWS = """
window.__draws = 0;
const hooked = new WeakSet();
new MutationObserver(() => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (!hooked.has(gd) && gd.on) { hooked.add(gd); gd.on('plotly_afterplot', () => { window.__draws += 1; window.__drawn = performance.now(); }); }
  }
}).observe(document, {subtree: true, childList: true});
"""
# React's commits, read as React DevTools reads them: React calls the hook's onCommitFiberRoot after each commit.
# A host node (a DOM element) whose props object is new was rendered again by its component in that commit; the
# ones counted carry a test id (stElementContainer: one per element of the page, stVerticalBlock, stColumn…).
# Walking the tree costs the page time after each commit: a --trace run's wall-clock figures are not comparable.
COUNT_COMMITS = """
(() => {
  const seen = new WeakMap();
  window.__commits = [];
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject() { return 1; }, checkDCE() {},
    onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot(id, root) {
      let containers = 0, nodes = 0;
      const stack = [root.current];
      while (stack.length) {
        const f = stack.pop();
        if (typeof f.type === 'string' && f.stateNode && f.memoizedProps && f.memoizedProps['data-testid']) {
          if (seen.get(f.stateNode) !== f.memoizedProps) {
            nodes += 1;
            if (f.memoizedProps['data-testid'] === 'stElementContainer') containers += 1;
          }
          seen.set(f.stateNode, f.memoizedProps);
        }
        if (f.sibling) stack.push(f.sibling);
        if (f.child) stack.push(f.child);
      }
      window.__commits.push([performance.now(), containers, nodes]);
    },
  };
})();
"""
# the DOM elements built anew by a change (React mounting, not updating): each element on the page is marked
# before Enter, and those without the mark counted after (a view whose structure changes mounts what follows)
MARK_DOM = "() => { for (const n of document.querySelectorAll('*')) n.__wo_old = 1; }"
NEW_DOM = "() => { let n = 0; for (const e of document.querySelectorAll('*')) if (!e.__wo_old) n++; return n; }"
SETTLE_MS = 600  # after the check passes, how long a change's remaining work (a chart still drawing) may take


def reset_draws(page) -> None:
    """Count the chart draws (COUNT_DRAWS) from now: before a change's Enter."""
    page.evaluate("window.__draws = 0; window.__drawn = undefined")


def draws_since_enter(page) -> tuple[int, float | None]:
    """The full chart draws since `reset_draws`, and Enter (page_clock's) → the end of the last one (ms; None
    without a draw)."""
    return tuple(
        page.evaluate("[window.__draws, window.__drawn === undefined ? null : window.__drawn - window.__clock.t0]")
    )


def _chunk(url: str, fn: str) -> str:
    """The script file a sample ran in, without its content hash (PlotlyChart.D9Z0_fxz.js -> PlotlyChart)."""
    if not url:
        return fn if fn.startswith("(") else "(native)"
    name = url.rsplit("/", 1)[-1].split("?")[0]
    return re.sub(r"\.[\w-]{6,10}\.js$", "", name) or name


class Trace:
    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.cdp = None
        self._recv = Counter()
        self._kinds = Counter()
        self._sent = Counter()
        self._shown: dict[tuple[int, ...], bytes] = {}  # delta path -> the element last sent there (this load)

    def attach(self, page) -> None:
        """Watch `page`: its CDP session and its websocket (call before page.goto)."""
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        self.cdp.send("Profiler.enable")
        self.cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        page.add_init_script(COUNT_DRAWS)
        page.add_init_script(COUNT_COMMITS)
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        self._shown = {}  # a page load: a new session, nothing on the page yet
        ws.on("framereceived", self._received)
        ws.on("framesent", self._sent_frame)

    def _received(self, payload) -> None:
        if isinstance(payload, str):
            return
        self._recv["messages"] += 1
        self._recv["bytes"] += len(payload)
        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:  # noqa: BLE001 - a message this proto does not read is still counted above
            return
        kind = msg.WhichOneof("type")
        if kind == "delta":
            d = msg.delta.WhichOneof("type")
            if d == "new_element":
                self._recv["elements"] += 1
                self._kinds[msg.delta.new_element.WhichOneof("type")] += 1
                # an element sent as it already was, where it was, leaves its content as it is in the browser
                # (Streamlit compares the two); one sent changed is rendered anew
                path, element = tuple(msg.metadata.delta_path), msg.delta.new_element.SerializeToString()
                if self._shown.get(path) != element:
                    self._recv["changed"] += 1
                    self._shown[path] = element
            elif d == "add_block":
                self._recv["blocks"] += 1
            else:
                self._recv[d or "delta"] += 1
        elif kind == "script_finished":
            self._recv["finished"] += 1

    def _sent_frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        try:
            kind = BackMsg.FromString(payload).WhichOneof("type")
        except Exception:  # noqa: BLE001
            kind = "?"
        self._sent[kind] += 1

    def _metrics(self) -> dict[str, float]:
        return {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}

    def start(self, page) -> None:
        self._m0 = self._metrics()
        self._recv.clear()
        self._kinds.clear()
        self._sent.clear()
        self.cdp.send("Profiler.start")
        self._page = page
        page.evaluate("window.__draws = 0; window.__commits = []")
        page.evaluate(MARK_DOM)

    def stop(self, name: str, took: float, painted: float | None) -> None:
        """After the check: `painted` is the page clock's Enter → the frame that painted the figure (ms)."""
        at_check = self._metrics()
        self._page.wait_for_timeout(SETTLE_MS)
        settled = self._metrics()
        profile = self.cdp.send("Profiler.stop")["profile"]
        row = {"ms": took, "draws": self._page.evaluate("window.__draws || 0")}
        for m in METRICS:
            row[m] = (at_check[m] - self._m0[m]) * 1000
            row[m + "+"] = (settled[m] - self._m0[m]) * 1000
        for m in COUNTS:
            row[m] = settled[m] - self._m0[m]
        row.update({f"ws_{k}": v for k, v in self._recv.items()})
        row["kinds"] = dict(self._kinds)
        row["reruns_sent"] = self._sent.get("rerun_script", 0)
        row["by_script"] = self._self_time(profile)
        # React's commits between Enter and the frame that painted the figure, and the element containers each
        # rendered again; "whole" counts those that rendered nine in ten of the page's containers or more
        commits = self._page.evaluate(
            "(p) => { const t0 = window.__clock.t0; const end = p === null ? Infinity : t0 + p;"
            " return window.__commits.filter(([t]) => t >= t0 && t <= end).map(([, c]) => c); }",
            painted,
        )
        page_containers = self._page.evaluate("document.querySelectorAll('[data-testid=stElementContainer]').length")
        row["commits"] = len(commits)
        row["rerendered"] = sum(commits)
        row["whole"] = sum(1 for c in commits if page_containers and c >= 0.9 * page_containers)
        row["containers"] = page_containers
        row["new_dom"] = self._page.evaluate(NEW_DOM)
        self.rows[name].append(row)

    @staticmethod
    def _self_time(profile: dict) -> dict[str, float]:
        """Milliseconds of samples per script file (self time), idle left out."""
        where = {
            n["id"]: _chunk(n["callFrame"].get("url", ""), n["callFrame"]["functionName"]) for n in profile["nodes"]
        }
        out: Counter = Counter()
        samples, deltas = profile.get("samples", []), profile.get("timeDeltas", [])
        for i, node in enumerate(samples):
            dt = deltas[i + 1] if i + 1 < len(deltas) else 0
            out[where.get(node, "?")] += dt / 1000
        out.pop("(idle)", None)
        return dict(out)

    def report(self, pages) -> str:
        """One block per page: medians per change (p95 of the browser's CPU), messages and the top scripts."""
        lines = [
            "browser CPU per change (Chromium's counters; ms, median [p95]; '+' adds the work finished within "
            f"{SETTLE_MS} ms after the check)",
            f"  {'page':<11} {'n':>3} {'wall':>5} {'task':>11} {'script':>11} {'layout':>7} {'style':>6} "
            f"{'task+':>11} {'layouts':>7} {'draws':>6} {'msgs':>5} {'elems':>5} {'new':>4} {'blocks':>6} {'KB':>5} {'reruns':>6} "
            f"{'commits':>7} {'whole':>5} {'rendered':>8} {'new DOM':>13}",
        ]
        for k in pages:
            rows = self.rows.get(k)
            if not rows:
                continue

            def col(key, rows=rows):
                return [r.get(key, 0) for r in rows]

            def mp(key):
                return f"{pct(col(key), 50):5.0f} [{pct(col(key), 95):3.0f}]"

            lines.append(
                f"  {k:<11} {len(rows):3d} {pct(col('ms'), 50):5.0f} {mp('TaskDuration')} {mp('ScriptDuration')} "
                f"{pct(col('LayoutDuration'), 50):7.0f} {pct(col('RecalcStyleDuration'), 50):6.0f} "
                f"{mp('TaskDuration+')} {pct(col('LayoutCount'), 50):7.0f} {pct(col('draws'), 50):6.0f} "
                f"{pct(col('ws_messages'), 50):5.0f} {pct(col('ws_elements'), 50):5.0f} {pct(col('ws_changed'), 50):4.0f} "
                f"{pct(col('ws_blocks'), 50):6.0f} {pct(col('ws_bytes'), 50) / 1024:5.0f} "
                f"{pct(col('reruns_sent'), 50):6.0f} {pct(col('commits'), 50):7.0f} {pct(col('whole'), 50):5.0f} "
                f"{pct(col('rerendered'), 50):4.0f}/{pct(col('containers'), 50):<3.0f} "
                f"{pct(col('new_dom'), 50):5.0f} [{max(col('new_dom')):5.0f}]"
            )
        lines.append(
            "  elems: the elements the change sent; new: those of them not sent as they already were, in the same "
            "place (since the page's load); the others' content the browser keeps\n"
            "  commits: React's commits from Enter to the frame that painted the figure; whole: those that rendered "
            "again nine in ten of the page's element containers or more; rendered: the containers rendered again "
            "in them, summed, / the page's; new DOM: elements built anew by the change, median [most]"
        )
        lines.append("profiler self time per change by script (ms, mean; (program) is Chromium's own work: "
                     "layout, paint, parsing)")  # fmt: skip
        for k in pages:
            rows = self.rows.get(k)
            if not rows:
                continue
            total: Counter = Counter()
            kinds: Counter = Counter()
            for r in rows:
                total.update(r["by_script"])
                kinds.update(r["kinds"])
            top = ", ".join(f"{s} {v / len(rows):.0f}" for s, v in total.most_common(7))
            lines.append(f"  {k:<11} {top}")
            elems = ", ".join(f"{s} {v / len(rows):.1f}" for s, v in kinds.most_common(8))
            lines.append(f"  {'':<11} elements sent per change: {elems}")
        return "\n".join(lines)
