"""What the benchmarks compute from what they record: a burst's windows and recovery, the browser trace's
attribution of profiler samples to Streamlit's script files."""

from benchmarks.browser_trace import Trace, _chunk
from benchmarks.capacity import Results, recovered_at, windows


def _burst(sent: list[tuple[float, float, bool]]) -> Results:
    res = Results()
    res.began = 100.0
    res.sent = [(100.0 + s, took, first) for s, took, first in sent]
    return res


def test_a_burst_recovers_at_the_first_window_after_which_every_p95_is_under_a_second():
    res = _burst(
        [(0.1, 12.0, True), (1.0, 9.0, True), (4.9, 7.5, True)]  # the class's first views, 0-5 s
        + [(5.5, 2.0, False), (7.0, 0.3, False)]  # 5-10 s: still slow at p95
        + [(11.0, 0.4, False), (14.0, 0.6, False), (16.0, 0.5, False), (22.0, 0.2, False)]
    )
    assert [start for start, _ in windows(res)] == [0.0, 5.0, 10.0, 15.0, 20.0]
    assert windows(res)[0][1] == [12000.0, 9000.0, 7500.0]
    assert recovered_at(res) == 10.0


def test_a_slow_window_late_in_the_run_means_it_has_not_recovered():
    res = _burst([(0.5, 6.0, True), (12.0, 0.3, False), (31.0, 30.0, False)])  # a change left waiting 30 s
    assert recovered_at(res) is None


def test_profiler_samples_are_counted_against_the_script_file_without_its_hash():
    assert _chunk("http://127.0.0.1:8501/static/js/PlotlyChart.D9Z0_fxz.js", "r") == "PlotlyChart"
    assert _chunk("http://127.0.0.1:8501/static/js/index.DormvYxC.js", "") == "index"
    assert _chunk("", "(garbage collector)") == "(garbage collector)"
    assert _chunk("", "getBBox") == "(native)"
    profile = {
        "nodes": [
            {"id": 1, "callFrame": {"url": "", "functionName": "(idle)"}},
            {"id": 2, "callFrame": {"url": "http://h/static/js/PlotlyChart.D9Z0_fxz.js", "functionName": "a"}},
            {"id": 3, "callFrame": {"url": "http://h/static/js/DataFrame.-f9-1zS0.js", "functionName": "b"}},
        ],
        "samples": [2, 2, 3, 1],
        "timeDeltas": [0, 1000, 3000, 2000],  # µs since the previous sample: a sample lasts until the next
    }
    assert Trace._self_time(profile) == {"PlotlyChart": 4.0, "DataFrame": 2.0}


def test_the_bare_app_is_the_floor_unless_the_element_floor_benchmark_adds_to_it(monkeypatch):
    """benchmarks/bare_app.py draws its select box, metric and chart and nothing more; BARE_EXTRA (set only by
    benchmarks/element_floor.py) adds n elements that no change touches, or the same text as one element."""
    from streamlit.testing.v1 import AppTest

    from benchmarks.common import BARE

    def drawn(extra: str) -> AppTest:
        monkeypatch.setenv("BARE_EXTRA", extra)
        at = AppTest.from_file(str(BARE), default_timeout=60).run()
        assert not at.exception
        return at

    bare = drawn("")
    assert (len(bare.selectbox), len(bare.metric), len(bare.get("plotly_chart")), len(bare.caption)) == (1, 1, 1, 0)
    assert bare.metric[0].value == f"{int(bare.metric[0].value.replace(',', '')):,}"  # a count, as the page shows it
    assert len(drawn("captions:7").caption) == 7
    one = drawn("one_caption:7").caption
    assert len(one) == 1 and one[0].value.count("\n\n") == 6
    metrics = drawn("metrics:8")
    assert len(metrics.metric) == 1 + 8 and len(metrics.columns) == 8
    assert len(drawn("page_links:5").get("page_link")) == 5


def test_the_chart_element_benchmark_draws_the_same_figure_either_way(monkeypatch):
    """benchmarks/chart_element_app.py hands the same figure to Streamlit's chart element or to the own
    element (a custom component), so the benchmark compares the elements, not the charts."""
    import json

    from streamlit.testing.v1 import AppTest

    from benchmarks.common import ROOT
    from dashboard.data.dataset import DEFAULT_DATA_DIR

    monkeypatch.setenv("CHART_ELEMENT_DATA", str(DEFAULT_DATA_DIR / "growth_projections.csv"))
    figures = {}
    for kind in ("streamlit", "own"):
        monkeypatch.setenv("CHART_ELEMENT", kind)
        at = AppTest.from_file(str(ROOT / "benchmarks" / "chart_element_app.py"), default_timeout=60).run()
        assert not at.exception
        if kind == "streamlit":
            figures[kind] = json.loads(at.get("plotly_chart")[0].proto.spec)
        else:
            assert not at.get("plotly_chart")
            figures[kind] = json.loads(json.loads(at.get("bidi_component")[0].proto.json))  # the data: the JSON sent
    assert figures["own"]["data"] == figures["streamlit"]["data"]
    import base64

    import numpy as np

    def points(x) -> int:  # plotly sends numbers as typed arrays (dtype, base64 bytes)
        return len(x) if isinstance(x, list) else len(np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]))

    assert sum(points(t["x"]) for t in figures["own"]["data"]) > 700  # the chart of many bubbles it is about
