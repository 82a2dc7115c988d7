"""The browser update read from the page's own clock: Enter pressed → the first frame painted with the figure.

The benchmark leaves the page alone while it updates (`settle`), then checks the figure once.

Playwright's `expect` does not watch the page: after a first try it polls again 0, 20, 50, 100, 100 and
then every 500 ms, so a figure drawn 280 ms after Enter was reported at about 770 ms, and a page's p95
was mostly the step it fell into (benchmarks/RESULTS.md §6 has both clocks on the same changes). The
check itself stays Playwright's (it decides that the right figure is on screen); this module only
reads when that happened, from inside the page:

- `INIT` (an init script) notes `performance.now()` when Enter goes down, every DOM mutation after it
  (a MutationObserver: its callback runs right after the DOM changed), and the start of every frame
  (requestAnimationFrame) for ten seconds after it.
- `rest(page)`, called before a change is made, waits until the page has done nothing for QUIET_MS: no DOM
  change and no long animation frame (plotly.js compiling, a chart drawing). Every change then starts from a
  page at rest, the first after a page load as much as the others (which start after the previous change
  settled): without it, a page's first change was made while its load was still rendering the rest of the page
  and drawing its charts (250–360 ms after the checked heading appeared), and timed that too.
- `changes_before(page)`, called as each change is made, says how many this document was timed for before it:
  0 for the first change after a page load, which runs the page's update with code the browser has not yet
  optimised (benchmarks/RESULTS.md §6, twenty-fourth session: the profile's took 393–548 ms where the others'
  median was 220–290).
- `painted_ms(locator)`, called once the check has passed, finds the last mutation that made the checked
  element what it is now (its text changed, a node in it was added or removed, or it or an ancestor was
  inserted), and returns the start of the second frame after it minus Enter: the first frame after the
  mutation is the one that paints it, and the next starts only once that one is done.
"""

from __future__ import annotations

INIT = """
(() => {
  const s = { t0: -1, log: [], frames: [], until: 0, busy: performance.now(), changes: 0 };
  window.__clock = s;
  // the end of the page's last long animation frame (script, style, layout or paint of 50 ms or more), for rest()
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) s.busy = Math.max(s.busy, e.startTime + e.duration);
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) {}  // a browser without the entry type: DOM changes alone say when the page is at rest
  const frame = () => {
    const t = performance.now();
    s.frames.push(t);
    if (t < s.until) requestAnimationFrame(frame);
  };
  // Enter -> the start of the second frame after time t: the first paints what changed at t
  s.paintedAfter = (t) => {
    const after = s.frames.filter((f) => f > t);
    return after.length < 2 ? null : after[1] - s.t0;
  };
  addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    s.t0 = performance.now();
    s.log = [];
    s.frames = [];
    const running = s.until > s.t0;
    s.until = s.t0 + 10000;
    if (!running) requestAnimationFrame(frame);
  }, true);
  new MutationObserver((records) => {
    const t = performance.now();
    s.busy = Math.max(s.busy, t);
    if (s.t0 < 0) return;
    for (const r of records) s.log.push([t, r]);
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();
"""

READ = """
async (el) => {
  const s = window.__clock;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  let last = -1;
  for (const [t, r] of s.log) {
    const inside = r.target === el || el.contains(r.target);
    const inserted = [...r.addedNodes].some((n) => n === el || n.contains(el));
    if (inside || inserted) last = t;
  }
  return last < 0 ? null : s.paintedAfter(last);
}
"""


QUIET = """
async ([quiet, limit, sinceEnter]) => {
  // resolves once the page has been quiet for `quiet` ms (or after `limit`): since Enter, its last DOM change
  // (and there was one: settle); else its last DOM change or long animation frame, whenever it was (rest)
  const s = window.__clock;
  const start = performance.now();
  return await new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      const last = sinceEnter ? (s.log.length ? s.log[s.log.length - 1][0] : -1) : s.busy;
      if (last >= 0 && now - last >= quiet) return resolve(true);
      if (now - start > limit) return resolve(false);
      setTimeout(check, quiet / 4);
    };
    check();
  });
}
"""
QUIET_MS = 500  # a Streamlit run sends its next element well within this (its whole run takes 50–200 ms here)
SETTLE_LIMIT_MS = 10_000  # a change that has not finished by then is reported, not waited for


def settle(page, limit_ms: float = SETTLE_LIMIT_MS) -> bool:
    """Wait, without querying the page, until it has changed since Enter and then been still for QUIET_MS.

    Playwright's `expect` queries the page while it waits: each try looks the locator up (by role and
    accessible name, over the whole page), and each failed one takes an aria snapshot for the failure
    message (Playwright 1.65: of the whole body while the element is not there yet). That work runs on the
    page's main thread, between the app's own tasks, and costs in proportion to the page: 100–175 ms in a
    frame on Geography, almost nothing on the bare app. Settling first leaves the page to itself while it
    updates; the check that follows then passes on its first try.
    Returns False when the page never went still within the limit."""
    return bool(page.evaluate(QUIET, [QUIET_MS, limit_ms, True]))


def rest(page, limit_ms: float = SETTLE_LIMIT_MS) -> bool:
    """Wait, without querying the page, until it has been at rest for QUIET_MS (no DOM change, no long frame):
    before a change is made. Returns False when it was never at rest within the limit."""
    return bool(page.evaluate(QUIET, [QUIET_MS, limit_ms, False]))


LAST = """
() => {
  const s = window.__clock;
  return s.log.length ? s.paintedAfter(s.log[s.log.length - 1][0]) : null;
}
"""


def whole_ms(page) -> float | None:
    """Enter → the frame after the one that painted the page's last change (after `settle`): the whole
    view updated. Used where the checked figure was already right before Enter."""
    return page.evaluate(LAST)


def changes_before(page) -> int:
    """How many changes this document was timed for before this one, which it counts (0: the first since the page
    was loaded; a move inside the app that does not load a document keeps counting)."""
    return int(page.evaluate("() => window.__clock.changes++"))


def install(page) -> None:
    """Call before page.goto: the clock is set up in every document the page loads."""
    page.add_init_script(INIT)


def painted_ms(locator) -> float | None:
    """Enter → the frame after the one that painted the checked element (ms), or None when no mutation
    changed it after Enter (the figure was already right) or the frames were not recorded."""
    handle = locator.element_handle(timeout=5_000)
    try:
        return handle.evaluate(READ)
    finally:
        handle.dispose()
