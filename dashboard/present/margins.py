"""The left and bottom margins plotly's automargin would push a chart to, worked out before it is drawn.

Every axis here has `automargin`: plotly draws the chart at the margins it is given, measures the tick labels
and axis titles, and when they need more room it draws the whole chart again (inside the same draw), often
twice. Given margins at least as wide as the labels need, it draws once: 1.5–3× less of plotly's time per
chart (benchmarks/RESULTS.md §6). `fit` works those margins out from the figure: the labels' widths from
the widths of the characters as Chromium draws chart text (assets/text_widths.json; Arial's metrics, which
the chart font falls back to), and plotly's placement of labels and titles as measured in Chromium
(tests/test_margins_browser.py checks both on every page's charts). It only ever widens a margin, and automargin
stays on: where a label's room was not foreseen (labels angled on a narrow screen, a legend below the plot,
plotly's own number format, presenter view's type, a stacked bar) plotly still pushes the margin as before,
so nothing is ever cut off. Where it was foreseen the margin is plotly's own, or 2 px wider where widening
the margins raised plotly's padding from 10 to 12 px.
"""

from __future__ import annotations

import functools
import html
import json
import math
import numbers
import re
from pathlib import Path

WIDTHS_FILE = Path(__file__).resolve().parents[1] / "assets" / "text_widths.json"
_BREAK = re.compile(r"<br\s*/?>|\n", re.IGNORECASE)  # a plain "\n" (wrap) is drawn as <br>
_TAG = re.compile(r"<[^>]*>")

# plotly's placement, measured in Chromium (12 px ticks, 14 px titles, margin.pad 8, as on every page)
LABEL_GAP = 1.0  # from the axis line (margin.pad from the plot) to the near edge of a y tick label
TITLE_GAP = 6.6  # a y title's near edge is the labels' far edge + its standoff − this
LINE = 1.3  # plotly's line spacing, in font sizes
TEXT_HEIGHT = 1.15  # a line of text's box, in font sizes
X_LABEL_GAP = 2.0  # from the axis line to the top of an x tick label
X_TITLE_FIRST = 0.715  # what an x title's first line adds below the standoff, in font sizes
PHONE_PLOT = 280  # px: the narrowest plot area a chart gets (a 390 px phone)
MEASURED_SIZE = 14  # px: the largest tick type the placement above was measured with (a page's, not presenter view's)
AUTORANGE_PAD = 0.06  # of the data's span: plotly pads 5 % of the axis's length each side (a marker's radius more)
SLACK = 0  # px beyond what plotly would push: the margin never falls short by a rounding


@functools.cache
def _widths() -> tuple[dict[str, float], float]:
    table = json.loads(WIDTHS_FILE.read_text(encoding="utf-8"))["widths"]
    return table, max(table.values())


def lines(text: str) -> list[str]:
    """The lines of a figure string as drawn: split at <br> (or the "\n" that becomes one), tags dropped,
    entities read."""
    return [html.unescape(_TAG.sub("", part)) for part in _BREAK.split(str(text))]


def text_width(text: str, size: float) -> float:
    """The width (px) of the widest line of `text` at `size` px; a character not in the table counts as the
    widest there is, so the estimate errs wide."""
    table, widest = _widths()
    return max((sum(table.get(ch, widest) for ch in line) for line in lines(text)), default=0.0) * size / 1000


def _size(font: dict | None, default: float) -> float:
    return float((font or {}).get("size") or default)


def _numbers(values) -> list[float]:
    """The finite numbers among an axis's values, numpy's included (not True or False)."""
    out = []
    for v in values if values is not None else []:
        if isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(v):
            out.append(float(v))
    return out


def _number_labels(axis: dict, values: list[float], bars: bool) -> list[str] | None:
    """The widest tick labels a numeric axis can get: plotly's ticks are round numbers inside the range, and
    every digit is as wide as any other, so the widest label is one with as many digits as the range's end.
    None where the format is not one this knows (plotly's own "1.5k" or a percentage format)."""
    fmt = axis.get("tickformat", "")
    if fmt not in ("", ",", ",.0f", ",d", "$,.0f") or axis.get("type") in ("log", "date", "category"):
        return None
    rng = axis.get("range")
    values = [*values, *_numbers((axis.get("autorangeoptions") or {}).get("include"))]  # plotly's range holds them
    if isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, (int, float)) for v in rng):
        lo, hi = min(rng), max(rng)
    elif values:
        lo, hi = min(values), max(values)
        if bars or axis.get("rangemode") == "tozero":
            lo, hi = min(lo, 0.0), max(hi, 0.0)
        pad = (hi - lo) * AUTORANGE_PAD  # autorange pads the data (not a side that stops at zero)
        lo, hi = (lo - pad if lo < 0 else lo), hi + pad
    else:
        return None
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return None
    # the outermost ticks: multiples of plotly's smallest plausible step (a tenth of the range, rounded up
    # to 1, 2 or 5 times a power of ten) inside the range, so "$100,000" is not counted for data up to $92,000
    step = _nice((hi - lo) / 10)
    lo, hi = math.ceil(lo / step) * step, math.floor(hi / step) * step
    top = max(abs(lo), abs(hi))
    if fmt == "" and 10_000 <= top < 1_000_000 and hi - lo >= 20_000:  # plotly's own: "700k", whole thousands
        return [f"{'−' if v < 0 else ''}{int(abs(v) // 1000)}k" for v in (hi, lo) if v == hi or v < 0]
    if fmt == "" and not (hi - lo >= 20 and top < 10_000):
        return None  # plotly's own format: decimals on a short range, "1.2M" from a million
    prefix = axis.get("tickprefix", "") + ("$" if fmt.startswith("$") else "")
    suffix, sep = axis.get("ticksuffix", ""), "," if "," in fmt else ""
    out = [f"{prefix}{int(abs(hi)):{sep}}{suffix}"]
    if lo < 0:
        out.append(f"−{prefix}{int(abs(lo)):{sep}}{suffix}")
    return out


def _nice(step: float) -> float:
    """The least of 1, 2, 5 or 10 times a power of ten that is at least `step`: how plotly rounds its steps."""
    power = 10 ** math.floor(math.log10(step))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= step)


def _axis_traces(data: list[dict], name: str) -> list[tuple[dict, str]]:
    """The traces drawn on axis `name` ("xaxis2"), each with the key of its values on it ("x" or "y")."""
    letter, num = name[0], name[5:]
    out = []
    for t in data:
        if t.get("type", "scatter") not in ("scatter", "bar") or t.get("visible", True) is not True:
            continue  # another kind of trace, or one hidden (False, "legendonly"): plotly leaves it out
        ref = t.get(f"{letter}axis") or letter
        if ref == letter + num or (ref == letter and not num) or (ref == letter + "1" and not num):
            out.append((t, letter))
    return out


def _labels(axis: dict, data: list[dict], name: str) -> list[str] | None:
    """The texts an axis's tick labels can show; None where that cannot be known here."""
    if axis.get("showticklabels") is False:
        return []
    if axis.get("tickmode", "array") == "array" and axis.get("ticktext") is not None:
        return [str(v) for v in axis["ticktext"]]
    traces = _axis_traces(data, name)
    values = [v for t, key in traces for v in (t.get(key) if t.get(key) is not None else [])]
    if axis.get("type") == "category" or any(isinstance(v, str) for v in values):
        return [str(v) for v in values] + [str(v) for v in axis.get("categoryarray") or []]
    bars = any(t.get("type") == "bar" for t, _ in traces)
    return _number_labels(axis, _numbers(values), bars)


def _domain_start(layout: dict, name: str) -> float | None:
    return float((layout.get(name) or {}).get("domain", [0, 1])[0]) if name else None


def _counter(axis: dict, name: str) -> str:
    """The axis an axis is drawn along (its anchor): "yaxis2" for an x axis anchored to y2."""
    other = "y" if name[0] == "x" else "x"
    anchor = axis.get("anchor") or other  # plotly's default: the first axis of the other letter
    if anchor == "free":
        return ""
    return f"{other}axis{anchor[1:]}" if anchor[1:] not in ("", "1") else f"{other}axis"


def _title(axis: dict) -> tuple[list[str], float]:
    title = axis.get("title") or {}
    text = title.get("text") if isinstance(title, dict) else title
    found = lines(text) if text and _TAG.sub("", str(text)).strip() else []
    return found, _size((title or {}).get("font") if isinstance(title, dict) else None, 0)


def _depth(axis: dict, font: float, first: float) -> float:
    """What an axis's title adds beyond its labels (px): its standoff, `first` font sizes for its first line
    and plotly's line spacing for each further line; 0 without a title."""
    title, tsize = _title(axis)
    if not title:
        return 0.0
    tsize = tsize or font
    standoff = axis["title"].get("standoff", 0) if isinstance(axis.get("title"), dict) else 0
    return float(standoff) + first * tsize + LINE * tsize * (len(title) - 1)


def _ticklen(axis: dict) -> float:
    return axis.get("ticklen", 5) if axis.get("ticks") == "outside" else 0


def _left(axis: dict, data: list[dict], name: str, layout: dict, pad: float) -> float | None:
    """How far left of the plot area a y axis's labels and title reach (px); None when not foreseeable."""
    font = _size(layout.get("font"), 12)
    labels = _labels(axis, data, name)
    if labels is None:
        return None
    if not labels and not _title(axis)[0]:
        return 0.0  # nothing drawn beside the axis: nothing pushed
    size = _size(axis.get("tickfont"), font)
    widest = max((text_width(s, size) for s in labels), default=0.0)
    title = _depth(axis, font, TEXT_HEIGHT)
    return pad + _ticklen(axis) + LABEL_GAP + widest + (title - TITLE_GAP if title else 0.0)


def _below(axis: dict, data: list[dict], name: str, layout: dict, pad: float) -> float | None:
    """How far below the plot area an x axis's labels and title reach (px); None when not foreseeable: dates
    (two lines), and text that plotly may angle (a category axis whose labels would not sit side by side on a
    phone's plot)."""
    font = _size(layout.get("font"), 12)
    size = _size(axis.get("tickfont"), font)
    shown = axis.get("showticklabels") is not False
    if shown and axis.get("type") == "date":
        return None
    if shown and (axis.get("type") == "category" or axis.get("tickmode") == "array"):
        labels = _labels(axis, data, name) or []
        if (
            any(len(lines(s)) > 1 for s in labels)
            or len(labels) * max((text_width(s, size) + size for s in labels), default=0.0) > PHONE_PLOT
        ):
            return None
    if not shown and not _title(axis)[0]:
        return 0.0
    labels_height = TEXT_HEIGHT * size if shown else 0.0
    return pad + _ticklen(axis) + X_LABEL_GAP + labels_height + _depth(axis, font, X_TITLE_FIRST)


def reach(data: list[dict], layout: dict) -> dict[str, float]:
    """How far beyond the plot area, left ("l") and below ("b"), the labels and titles reach that can be
    foreseen (px, before plotly's own padding); a side is missing when nothing there can be."""
    margin = layout.get("margin") or {}
    if margin.get("autoexpand") is False:
        return {}
    pad = float(margin.get("pad", 0))
    out: dict[str, float] = {}
    for name, axis in layout.items():
        if not re.fullmatch(r"[xy]axis\d*", name) or not isinstance(axis, dict):
            continue
        if not axis.get("automargin") or axis.get("visible") is False or axis.get("overlaying"):
            continue
        if _size(axis.get("tickfont"), _size(layout.get("font"), 12)) > MEASURED_SIZE:
            continue  # presenter view's larger type: plotly's placement of it was not measured
        if _domain_start(layout, _counter(axis, name)) != 0:
            continue  # drawn beside or above another plot, inside the figure
        if name[0] == "y" and axis.get("side", "left") == "left":
            if not axis.get("ticklabelposition", "outside").startswith("inside"):
                side, far = "l", _left(axis, data, name, layout, pad)
            else:
                continue
        elif name[0] == "x" and axis.get("side", "bottom") == "bottom":
            side, far = "b", _below(axis, data, name, layout, pad)
        else:
            continue
        if far:
            out[side] = max(out.get(side, 0.0), far)
    legend = layout.get("legend") or {}
    if layout.get("showlegend") is not False and float(legend.get("y", 1)) < 0:
        out.pop("b", None)  # a legend below the plot: how many rows it wraps to depends on the screen's width
    return out


def _pushed(far: dict[str, float], margin: dict) -> dict[str, int]:
    """The margins (px) plotly pushes to for labels reaching `far`: it adds to every push the least of 12 px
    and the margins as given."""
    auto_pad = min(12.0, *(float(margin.get(k, 80 if k in "lrb" else 100)) for k in "lrtb"))
    return {side: math.ceil(px + auto_pad - 0.5) + SLACK for side, px in far.items()}


def needed(data: list[dict], layout: dict) -> dict[str, int]:
    """The left and bottom margins (px) automargin would push the chart to, where they can be foreseen."""
    return _pushed(reach(data, layout), layout.get("margin") or {})


def fit(data: list[dict], layout: dict) -> dict:
    """`layout` with its left and bottom margins widened to what automargin would push them to (in place).
    A figure this does not understand keeps its margins: plotly pushes them as it always did."""
    margin = layout.setdefault("margin", {})
    try:
        far = reach(data, layout)
        for _ in range(2):  # widening a margin can raise plotly's padding, and so what it would push to
            for side, px in _pushed(far, margin).items():
                if px > float(margin.get(side, 80)):
                    margin[side] = px
    except (TypeError, ValueError, ArithmeticError, AttributeError, IndexError, KeyError):
        pass  # a speed-up only: never a reason for a chart not to be drawn
    return layout
