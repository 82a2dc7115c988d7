"""dashboard/figure.py must give the JSON plotly.graph_objects gives for the same calls (it skips only validation)."""

from __future__ import annotations

import base64
import importlib.util
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.present import charts, figure
from dashboard.present.figure import Figure


def _calls(fig) -> None:
    """The calls the charts make, with magic underscores, titles given as text, selectors and lines."""
    fig.add_bar(x=pd.Series([3.0, np.nan]), y=["a", "b"], orientation="h", marker_color="#0072B2", error_x_array=[1, 2])
    fig.add_scatter(x=[1, 2], y=[5, 6], mode="markers+text", marker=dict(size=[3, 4], line=dict(width=0.5)))
    fig.update_layout(font=dict(size=14, color="#111"), margin=dict(l=10, r=10, t=40), legend_title_text="Group")
    fig.update_layout(margin_r=55, title_font_size=28, title_subtitle_text="Source", meta={"name": "Bar chart"})
    fig.update_xaxes(title="Employment", tickformat=",")
    fig.update_xaxes(title_font_color="#222", automargin=True)
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=20))
    fig.update_traces(cliponaxis=False, outsidetextfont_color="#111", selector=dict(type="bar"))
    fig.update_traces(textposition="top center", selector=dict(type="scatter", mode="markers+text"))
    fig.add_hline(y=5, line_dash="dot", line_color="#555", annotation_text="median", annotation_position="top left")
    fig.add_hline(y=6, line_color="#555", annotation_text="top", annotation_position="bottom right")
    fig.add_vline(x=1.5, line_dash="dot", line_color="#555", annotation_text="average")
    fig.add_vline(x=1.7, annotation_text="left", annotation_position="bottom left")
    fig.update_annotations(font_color="#111")


def _json(fig) -> dict:
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["layout"].pop("template", None)
    for trace in spec["data"]:  # arrays: plotly encodes numpy ones as base64, lists as lists
        for k, v in list(trace.items()):
            if isinstance(v, dict) and "bdata" in v:
                values = np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
                trace[k] = [None if x != x else x for x in values]  # NaN (a gap) compares as None
    return spec


def test_figure_gives_plotlys_json():
    ours, theirs = Figure(), go.Figure()
    _calls(ours)
    _calls(theirs)
    assert _json(ours.plotly()) == _json(theirs)


def test_reading_works_as_on_a_plotly_figure():
    fig = charts.hbars([1, 2], ["a", "b"], "Employment", text=["1", "2"])
    assert fig.layout.height == 60 + 30 * 2
    assert fig.layout.meta.name == "Bar chart: Employment"
    assert fig.layout.xaxis.title.text == "Employment"  # a title given as text is its text, as in plotly
    assert fig.data[0].type == "bar" and fig.data[0].showlegend is None
    assert fig.layout.legend.orientation == "h"


def test_copy_is_independent():
    fig = charts.hbars([1], ["a"], "Employment")
    other = fig.copy()
    other.update_layout(height=999)
    assert fig.layout.height != 999


def test_none_unsets():
    fig = Figure(layout=dict(title="T", height=300))
    fig.update_layout(height=None)
    assert fig.layout.height is None and fig.layout.title.text == "T"


def test_figures_are_written_with_orjson_and_read_the_same(ds):
    """plotly writes a figure's JSON with orjson when it is installed (a dependency: the state map cost 13 ms a
    run with the json module, 0.5 ms with orjson); what the browser reads is the same either way."""
    from dashboard.domain import areas

    assert pio.json.config.default_engine == "auto" and importlib.util.find_spec("orjson") is not None
    rank = areas.area_ranking(ds, "11-3051", "annual_median", ("state",))
    spec = charts.us_map(rank, "Median annual wage", "money").plotly()
    fast, plain = pio.to_json(spec, validate=False), pio.to_json(spec, validate=False, engine="json")
    assert json.loads(fast) == json.loads(plain)
    states = next(t for t in json.loads(fast)["data"] if t.get("name") == "states")
    assert len(states["customdata"]) == len(charts.state_shapes()) and "MI" in states["text"]


def test_drawn_writes_streamlits_theme_into_the_figure():
    """What the browser is given (theme=None): Streamlit's chart theme written in as plotly applies a template,
    no template (a copy of one made plotly compute the chart again), a revision of the data instead."""
    page, presenter = figure._theme()["page"]["layout"], figure._theme()["presenter"]["layout"]
    fig = charts.hbars([3, 1], ["Welders", "Machinists"], "Employment")
    fig.update_layout(title=dict(text="Who works here"), font_color="#111111")
    spec = fig.drawn().to_dict()
    layout, bars = spec["layout"], spec["data"][0]
    # the accessible name is Streamlit's `alt`, not sent in the figure: plotly compared it by identity
    assert "template" not in layout and "meta" not in layout and fig.layout.meta.name == "Bar chart: Employment"
    assert layout["title"]["text"] == "<b>Who works here</b>"  # bold, as Streamlit's theme draws a title
    assert layout["font"]["color"] == "#111111" and layout["font"]["weight"] == page["font"]["weight"]
    assert (
        layout["paper_bgcolor"] == page["paper_bgcolor"]
        and layout["hoverlabel"]["bordercolor"] == page["hoverlabel"]["bordercolor"]
    )
    # the axis template on each axis; the category axis (names) has no grid or zero line, as plotly gives it
    assert layout["xaxis"]["gridcolor"] == page["xaxis"]["gridcolor"] and layout["xaxis"]["showgrid"] is False
    assert layout["yaxis"]["showgrid"] is False and layout["yaxis"]["zeroline"] is False
    assert layout["yaxis"]["ticks"] == "" and "minor" not in layout["yaxis"]
    assert bars["type"] == "bar" and bars["x"] == [3, 1]
    # numbers on an axis: its grid stays on, as without the template's colour
    line = Figure().add_scatter(x=[2013, 2014], y=[1.0, 2.0]).drawn().to_dict()["layout"]
    assert line["yaxis"]["showgrid"] is True and line["yaxis"]["zeroline"] is True
    assert figure._categorical(["2019–20", "2020–21"]) and not figure._categorical(["1,200", 3.0])
    # presenter view: the theme's sizes for its larger type
    big = fig.drawn(presenter=True).to_dict()["layout"]
    assert big["legend"]["font"]["size"] == presenter["legend"]["font"]["size"] > page["legend"]["font"]["size"]
    # the data revision follows the data, not the layout
    other = charts.hbars([3, 2], ["Welders", "Machinists"], "Employment")
    assert other.drawn().to_dict()["layout"]["datarevision"] != fig.drawn().to_dict()["layout"]["datarevision"]
    fig.update_layout(height=999)
    assert fig.drawn().to_dict()["layout"]["datarevision"] == spec["layout"]["datarevision"]


def test_drawn_is_kept_by_content_and_follows_every_change():
    """A small figure drawn again with the same content (a national chart when the area changes, the next
    visitor's) is not worked out again; any change of data, layout or presenter view gives its own spec."""
    fig = charts.hbars([3, 1], ["Welders", "Machinists"], "Employment")
    first = fig.drawn()
    assert charts.hbars([3, 1], ["Welders", "Machinists"], "Employment").drawn() is first
    assert fig.drawn(presenter=True) is not first
    assert fig.drawn(presenter=True).to_dict()["layout"] != first.to_dict()["layout"]
    fig.update_layout(height=999)
    assert fig.drawn() is not first and fig.drawn().to_dict()["layout"]["height"] == 999
    assert first.to_dict()["layout"].get("height") != 999  # what was handed out before is not changed
    other = charts.hbars([3, 2], ["Welders", "Machinists"], "Employment").drawn()
    assert other is not first and other.to_dict()["data"][0]["x"] == [3, 2]
    # hostile text is escaped in the kept spec as in a new one
    evil = charts.hbars([1], ["<script>x</script>"], "Employment")
    assert "<script>" not in json.dumps(evil.drawn().to_dict()) and evil.drawn() is evil.drawn()
    # a large figure (Explore's bubbles, a map), or one with a gap (None and NaN are both JSON's null), is
    # worked out each time, not kept
    big = Figure().add_scatter(x=list(range(20_000)), y=list(range(20_000)))
    assert big.drawn() is not big.drawn()
    gap = charts.hbars([3, None], ["Welders", "Machinists"], "Employment")
    assert gap.drawn() is not gap.drawn()


def test_a_kept_spec_owns_its_arrays_and_the_oldest_goes(monkeypatch):
    """What is kept for every visitor does not change when the frame a figure was built from does; only the
    figures used last are kept."""
    values = np.array([3.0, 1.0])
    kept = charts.hbars(values, ["Welders", "Machinists"], "Jobs kept").drawn()
    values[0] = 999.0
    assert list(kept.to_dict()["data"][0]["x"]) == [3.0, 1.0]
    assert charts.hbars(np.array([3.0, 1.0]), ["Welders", "Machinists"], "Jobs kept").drawn() is kept
    monkeypatch.setattr(figure._DRAWN, "maxsize", 2)
    monkeypatch.setattr(figure._DRAWN, "_items", type(figure._DRAWN._items)())  # a memo of its own for the test
    first, second, third = (charts.hbars([n], ["Welders"], f"Jobs {n}") for n in (1, 2, 3))
    a = first.drawn()
    second.drawn()
    third.drawn()
    assert len(figure._DRAWN) == 2 and first.drawn() is not a  # the oldest went
    assert third.drawn() is third.drawn()
