"""A plotly figure kept as plain dicts: plotly's method names, without its validation.

Building a figure through plotly.graph_objects validates every property as it is set: about 10 ms for
a small bar chart, 30 ms for a grid of them, paid again on every rerun. The charts here are written
by us, not typed by users, so there is nothing to validate: `Figure` keeps `data` and `layout` as
dicts, accepts the same calls (`add_trace`, `update_layout`, `update_xaxes`, `update_traces`… with
plotly's "magic underscores": `margin_r=10` is `margin={"r": 10}`) and hands Streamlit a
`plotly.graph_objects.Figure` built without validation (`plotly()`), whose JSON is the same.
Reading works as on a plotly figure: `fig.layout.margin.t`, `fig.data[0].name` (None when unset).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pandas as pd
import plotly.io as pio
from plotly.basedatatypes import BaseFigure

from dashboard.core.safe import plot_figure
from dashboard.domain.derived import Memo
from dashboard.present.margins import fit as fit_margins

# Figure.drawn's specs, by content, the 128 used last (never changed once made: Streamlit only reads them)
_DRAWN = Memo(128)
_DRAWN_KEPT_BYTES = 64_000  # a bar chart of ten industries is ~3 KB; Explore's 800 bubbles ~150 KB

# plotly property names that contain an underscore (everything else with one is a path: a_b = a.b)
_WHOLE = {"error_x", "error_y", "error_z"}
_AXIS = {"x": re.compile(r"^xaxis\d*$"), "y": re.compile(r"^yaxis\d*$")}


def _path(key: str) -> list[str]:
    for whole in _WHOLE:
        if key == whole or key.startswith(whole + "_"):
            return [whole, *_path(key[len(whole) + 1 :])] if key != whole else [whole]
    return key.split("_")


def _plain(value: Any) -> Any:
    """Columns and arrays as plotly's validation leaves them (arrays); anything else as given."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy()
    if isinstance(value, tuple):
        return list(value)
    return value


def _frozen(value: Any) -> Any:
    """`value` with every array in it copied and made read-only (a spec kept for other visitors)."""
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_frozen(v) for v in value]
    if isinstance(value, np.ndarray):
        value = value.copy()
        value.setflags(write=False)
    return value


def merge(into: dict, patch: dict | None = None, **props) -> dict:
    """Deep-merge `patch` and `props` (magic underscores expanded) into `into`; returns it."""
    for source in (patch or {}, props):
        for key, value in source.items():
            *parents, leaf = _path(key)
            node = into
            for p in parents:
                node = node.setdefault(p, {})
            if leaf == "title" and isinstance(value, str):  # as in plotly: a title given as text is its text
                value = {"text": value}
            if value is None:  # as in plotly: None unsets
                node.pop(leaf, None)
            elif isinstance(value, dict) and isinstance(node.get(leaf), dict):
                merge(node[leaf], value)
            elif isinstance(value, dict):
                node[leaf] = merge({}, value)
            else:
                node[leaf] = _plain(value)
    return into


@functools.cache
def _default_template() -> dict:
    return pio.templates[pio.templates.default].to_plotly_json()


# Streamlit's chart theme as its browser code leaves a figure's template (Streamlit 1.67, this app's theme), on
# a page and in presenter view (whose larger type makes Streamlit's sizes 1.5×): read from charts drawn with
# theme="streamlit" (tests/test_browser.py checks that it still is).
THEME_FILE = Path(__file__).resolve().parents[1] / "assets" / "plotly_theme.json"
_SUBPLOT = re.compile(r"^(xaxis|yaxis|coloraxis|ternary)\d*$")


@functools.cache
def _theme() -> dict:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


def _under(defaults: dict, ours: dict) -> dict:
    """`ours` over a copy of `defaults`, nested dicts merged: a template's values where ours are unset."""
    out = copy.deepcopy(defaults)
    for k, v in ours.items():
        out[k] = _under(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


# plotly turns an axis's grid, zero line, line or ticks on when the figure sets their colour or width, but not
# when a template does: written in, each feature is stated as the template left it (a category axis draws no
# grid or zero line by default, any other axis both)
_IMPLIES = {
    "showgrid": ("gridcolor", "gridwidth", "griddash"),
    "zeroline": ("zerolinecolor", "zerolinewidth"),
    "showline": ("linecolor", "linewidth"),
}
_TICKS = ("tickcolor", "ticklen", "tickwidth")


def _categorical(values: list) -> bool:
    """As plotly types an axis from its values: text that is not a number makes it a category axis."""
    for v in values:
        if isinstance(v, str):
            try:
                float(v.replace(",", ""))
            except ValueError:
                return True
    return False


def _axis(template: dict, ours: dict, category: bool) -> dict:
    out = _under({k: v for k, v in template.items() if k != "minor" or "minor" in ours}, ours)
    for flag, by in _IMPLIES.items():
        if flag not in ours and flag not in template:
            out[flag] = any(k in ours for k in by) or (flag != "showline" and not category)
    if "ticks" not in ours and "ticks" not in template:
        out["ticks"] = "outside" if any(k in ours for k in _TICKS) else ""
    return out


def themed(data: list[dict], layout: dict, presenter: bool = False) -> tuple[list[dict], dict]:
    """Streamlit's chart theme written into the figure itself, for st.plotly_chart(theme=None).

    With theme="streamlit", Streamlit's chart element applies its theme as a template, and applies it
    again after the first draw to a copy of the figure. A template that is a new object makes plotly
    compute and draw the whole chart again (Plotly.react compares it by identity), so every chart was drawn
    twice on every change. Written in as plotly applies a template (a value where the figure sets none; the
    axis template on every x or y axis, features it does not turn on stated; trace templates cycling over
    the traces of their type), and with the title in bold as Streamlit draws it, the chart looks the same
    and (with `Figure.drawn`'s data revision) is computed once."""
    theme = _theme()["presenter" if presenter else "page"]
    base = {k: v for k, v in theme["layout"].items() if not _SUBPLOT.match(k)}
    out = _under(base, layout)
    on: dict[str, list] = {}  # axis -> the values plotly types it from
    for t in data:
        for a in ("x", "y"):
            ref = t.get(a + "axis")
            name = f"{a}axis{ref[1:]}" if isinstance(ref, str) else f"{a}axis"
            on.setdefault(name, []).extend(t[a][:1000] if t.get(a) is not None else [])  # what plotly reads
    for k in {k for k in layout if _SUBPLOT.match(k)} | set(on) | {"xaxis", "yaxis"}:
        kind = re.sub(r"\d+$", "", k)
        if kind in ("xaxis", "yaxis"):
            ours = layout.get(k, {})
            category = ours.get("type") == "category" or ("type" not in ours and _categorical(on.get(k, [])))
            out[k] = _axis(theme["layout"][kind], ours, category)
        elif kind in theme["layout"]:
            out[k] = _under(theme["layout"][kind], layout.get(k, {}))
    if isinstance(layout.get("title"), dict):
        out["title"]["text"] = f"<b>{layout['title'].get('text', '')}</b>"
    seen: Counter = Counter()
    traces = []
    for t in data:
        kind = t.get("type", "scatter")
        items = theme["data"].get(kind) or [{}]
        item = {k: v for k, v in items[seen[kind] % len(items)].items() if k != "type"}
        seen[kind] += 1
        traces.append(_under(item, t))
    return traces, out


class _Spec(BaseFigure):
    """A finished figure as plotly's functions take it (an instance of BaseFigure), never changed after."""

    def __init__(self, spec: dict) -> None:  # deliberately not BaseFigure's: nothing to build or check
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec

    to_plotly_json = to_dict


class View:
    """Read access to a dict the way plotly's objects give it: attributes, None when not set."""

    __slots__ = ("_d",)

    def __init__(self, d: dict) -> None:
        object.__setattr__(self, "_d", d)

    def __getattr__(self, name: str) -> Any:
        value = self._d.get(name)
        return View(value) if isinstance(value, dict) else value

    def __getitem__(self, name: str) -> Any:
        return self.__getattr__(name)

    def __contains__(self, name: str) -> bool:
        return name in self._d

    def to_plotly_json(self) -> dict:
        return self._d


def _matches(trace: dict, selector: dict | None) -> bool:
    if not selector:
        return True
    return all((trace.get(k, "scatter") if k == "type" else trace.get(k)) == v for k, v in selector.items())


class Figure:
    """data (a list of trace dicts) and layout (a dict), changed with plotly's method names."""

    def __init__(self, data: list | dict | None = None, layout: dict | None = None) -> None:
        self._data: list[dict] = []
        self._layout: dict = {}
        for trace in [data] if isinstance(data, dict) else data or []:
            self.add_trace(trace)
        if layout:
            self.update_layout(layout)

    # --- reading -------------------------------------------------------------------------------------
    @property
    def data(self) -> tuple[View, ...]:
        return tuple(View(t) for t in self._data)

    @property
    def layout(self) -> View:
        return View(self._layout)

    def to_dict(self) -> dict:
        return {"data": copy.deepcopy(self._data), "layout": copy.deepcopy(self._layout)}

    to_plotly_json = to_dict

    def copy(self) -> Figure:
        """An independent copy (a memoised figure is copied before a page adds its title to it)."""
        fig = Figure()
        fig._data, fig._layout = copy.deepcopy(self._data), copy.deepcopy(self._layout)
        return fig

    def plotly(self):
        """What st.plotly_chart takes, without plotly's object tree: a plotly figure whose `to_dict` is our
        dicts plus plotly's default template (Streamlit applies its theme through it; with an empty one, bars
        without a colour of their own draw in plotly.js's blue). Streamlit only reads it: ~1 ms → 0.03 ms.

        The last step before the browser: every string in it is escaped here, once (`safe.plot_figure`), so
        text from the data is drawn as text wherever a chart puts it; charts are built from plain text."""
        data, layout = plot_figure(self._data), plot_figure(self._layout)
        return _Spec({"data": data, "layout": {"template": _default_template(), **layout}})

    def drawn(self, presenter: bool = False):
        """What the browser draws (the dashboard's chart element, web/chart.py, hands it to Plotly.react as it is):
        `plotly()` with Streamlit's chart theme written in (`themed`) instead of given as a template, so that each
        change computes the chart once, and with the left and bottom margins its labels will push to
        (`margins.fit`), so that plotly draws it once.

        Kept by content for small figures: most of a page's charts are the same on its next rerun (a national
        chart when the area changes), and a visitor's figure is the same as the last visitor's."""
        try:  # dates are left to `default` (none here): a date and its ISO text draw differently
            content = orjson.dumps(
                [self._data, self._layout, presenter],
                option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_PASSTHROUGH_DATETIME,
            )
        except TypeError:  # something orjson does not write as it is (an object array, a date): made each time
            return self._drawn(presenter)
        # JSON writes a missing value and NaN alike (null), and a theme tells them apart: such a figure, or a
        # large one (Explore's bubbles, a map, which change with the view), is made each time
        if len(content) > _DRAWN_KEPT_BYTES or b"null" in content:
            return self._drawn(presenter)
        key = hashlib.blake2b(content, digest_size=16).digest()
        # its arrays its own: the caller's may change after
        return _DRAWN.result(key, lambda: _Spec(_frozen(self._drawn(presenter).to_dict())))

    def _drawn(self, presenter: bool):
        data, layout = themed(plot_figure(self._data), plot_figure(self._layout), presenter)
        # The browser hands plotly each figure as a new JSON copy, and plotly compares by identity what it is not
        # told is unchanged. With `datarevision` set it compares the data by it and does not compute the copy
        # again; layout.meta (the accessible name, given to the chart element as `alt`) stays on the server.
        layout.pop("meta", None)
        fit_margins(data, layout)
        digest = hashlib.blake2b(orjson.dumps(data, default=str, option=orjson.OPT_SERIALIZE_NUMPY), digest_size=8)
        layout["datarevision"] = digest.hexdigest()
        return _Spec({"data": data, "layout": layout})

    # --- changing ------------------------------------------------------------------------------------
    def add_trace(self, trace: dict | None = None, **props) -> Figure:
        """A trace from a dict (type defaults to scatter, as in plotly) and/or keyword properties."""
        if trace is not None and not isinstance(trace, dict):
            trace = trace.to_plotly_json()  # a plotly trace object, already validated
        t = merge({}, trace or {}, **props)
        t.setdefault("type", "scatter")
        self._data.append(t)
        return self

    def add_scatter(self, **props) -> Figure:
        return self.add_trace(type="scatter", **props)

    def add_bar(self, **props) -> Figure:
        return self.add_trace(type="bar", **props)

    def add_traces(self, traces: list) -> Figure:
        for t in traces:
            self.add_trace(t)
        return self

    def update_layout(self, patch: dict | None = None, **props) -> Figure:
        merge(self._layout, patch, **props)
        return self

    def _update_axes(self, letter: str, patch: dict | None, props: dict) -> Figure:
        names = [k for k in self._layout if _AXIS[letter].match(k)] or [f"{letter}axis"]
        for name in names:
            merge(self._layout.setdefault(name, {}), patch, **props)
        return self

    def update_xaxes(self, patch: dict | None = None, **props) -> Figure:
        return self._update_axes("x", patch, props)

    def update_yaxes(self, patch: dict | None = None, **props) -> Figure:
        return self._update_axes("y", patch, props)

    def update_traces(self, patch: dict | None = None, selector: dict | None = None, **props) -> Figure:
        for t in self._data:
            if _matches(t, selector):
                merge(t, patch, **props)
        return self

    def for_each_trace(self, fn, selector: dict | None = None) -> Figure:
        """fn(trace) on each trace matching `selector`; the trace is the figure's own dict, changed in place."""
        for t in self._data:
            if _matches(t, selector):
                fn(t)
        return self

    def update_annotations(self, patch: dict | None = None, **props) -> Figure:
        for a in self._layout.get("annotations", []):
            merge(a, patch, **props)
        return self

    def add_annotation(self, annotation: dict | None = None, **props) -> Figure:
        self._layout.setdefault("annotations", []).append(merge({}, annotation, **props))
        return self

    def add_shape(self, shape: dict | None = None, **props) -> Figure:
        self._layout.setdefault("shapes", []).append(merge({}, shape, **props))
        return self

    def add_hline(
        self, y: float, annotation_text: str | None = None, annotation_position: str = "top right", **line
    ) -> Figure:
        """A line across the plot at y, labelled as plotly labels it ("top left", "bottom right"…)."""
        self.add_shape(
            merge({"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y"}, **line)
        )
        if annotation_text is not None:
            up, side = annotation_position.split()
            self.add_annotation(text=annotation_text, showarrow=False, x=0 if side == "left" else 1, xanchor=side,
                                xref="x domain", y=y, yanchor="bottom" if up == "top" else "top", yref="y")  # fmt: skip
        return self

    def add_vline(
        self, x: float, annotation_text: str | None = None, annotation_position: str = "top right", **line
    ) -> Figure:
        """A line up the plot at x, labelled as plotly labels it ("top right", "bottom left"…)."""
        self.add_shape(
            merge({"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}, **line)
        )
        if annotation_text is not None:
            up, side = annotation_position.split()
            self.add_annotation(text=annotation_text, showarrow=False, x=x, xanchor="right" if side == "left" else "left",
                                xref="x", y=1 if up == "top" else 0, yanchor=up, yref="y domain")  # fmt: skip
        return self


def trace(kind: str, **props) -> dict:
    """One trace as a dict: trace("bar", x=…, marker_color=…)."""
    return merge({"type": kind}, **props)
