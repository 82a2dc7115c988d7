"""Pure plotly: frames in, figures out; one colour-blind-safe palette, one number format."""

from __future__ import annotations

import json
import math
import textwrap
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from plotly.colors import sample_colorscale

from dashboard.core.formatting import at_least, money
from dashboard.core.safe import cut
from dashboard.data.dataset import Dataset
from dashboard.domain import industries as industries_
from dashboard.domain.derived import per_argument
from dashboard.present.figure import Figure, trace
from dashboard.present.margins import text_width
from dashboard.present.theme import FAINT_FILL, FONT, GROUP_STYLES, INK, MUTED, PALETTE, ink_on


@lru_cache(maxsize=8192)
def wrap(label: str, width: int = 26) -> str:
    """A long label on several lines ("\\n", drawn as a line break when the figure is escaped), so a 390 px
    phone screen does not cut it off (cached: the same group and axis labels come back on every rerun).
    Plain text in, plain text out: wrapping before escaping never cuts an "&lt;" in half."""
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def _wrap_categories(fig: Figure, labels, axis: str = "y") -> None:
    """Wrapped tick text for a category axis; the categories (and so clicks and hovers) stay as they are."""
    labels = list(labels)
    fig.update_layout({f"{axis}axis": dict(tickmode="array", tickvals=labels, ticktext=[wrap(v) for v in labels])})


EDGE = 0.15  # a bubble this near either end of the growth axis (a share of the points' spread) is at its edge


def _side(v: float, lo: float, hi: float) -> str:
    """Where a bubble's name goes beside it: centred, or inwards (right of it at the left edge, left at the right)."""
    if hi <= lo:
        return "center"
    at = (v - lo) / (hi - lo)
    return "right" if at < EDGE else "left" if at > 1 - EDGE else "center"


def _label_room(texts) -> int:
    """Right margin (px) for value labels drawn past the end of the longest bar, at the charts' 14 px type."""
    return 12 + math.ceil(max((text_width(str(t), FONT["size"]) for t in texts), default=0))


def _layout(fig: Figure, height: int = 420, name: str | None = None) -> Figure:
    """Type, colours and margins every chart shares; `name` is the chart's accessible name (layout.meta)."""
    # no template: Streamlit draws with its own theme, and naming one costs ~15 ms a figure in validation.
    # Streamlit's theme greys ticks, axis titles and outside labels (rgb(128,132,149), 3.7:1 on white):
    # each is set here, because a theme's per-axis colour outranks layout.font.
    fig.update_layout(
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font_color=INK, title_font_color=INK),
        hoverlabel=dict(font_size=13),
    )
    if name:
        fig.update_layout(meta={"name": name})
    axis = dict(tickfont_color=MUTED, title_font_color=INK, automargin=True)
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    fig.update_annotations(font_color=INK)
    # value labels may reach past the plot area into the margin instead of being cut off
    fig.update_traces(cliponaxis=False, outsidetextfont_color=INK, selector=dict(type="bar"))
    fig.update_traces(cliponaxis=False, selector=dict(type="scatter", mode="markers+text"))
    return fig


# Presenter view (a 1920x1080 projector): the whole chart (title, source, legend, plot) fits one screen
# under the page's own top padding, so the presenter never scrolls inside a chart
PROJECTOR_HEIGHT = 960
PROJECTOR_TYPE = 20  # ticks, axis titles, legend, labels and source line (px); the title 28
PROJECTOR_LINE = 3  # the width of the trend lines: every line drawn thinner (projections) is raised to it


def for_projector(fig: Figure) -> Figure:
    """The figure made for presenter view, in place: type at PROJECTOR_TYPE px or more, thin or dotted lines as
    heavy as the rest (dotted becomes dashed: still told apart, but visible from the back of a room), and no
    taller than PROJECTOR_HEIGHT, but for a legend under the plot, which goes below it."""
    big = dict(size=PROJECTOR_TYPE)  # Streamlit's chart theme sets tick and legend sizes itself: override each
    height = min(int((fig.layout.height or 420) * 1.35), PROJECTOR_HEIGHT)
    fig.update_layout(font_size=22, height=height, hoverlabel_font_size=PROJECTOR_TYPE, legend_font=big)
    fig.update_xaxes(tickfont=big, title_font=big)
    fig.update_yaxes(tickfont=big, title_font=big)
    fig.update_annotations(font=big)
    fig.update_layout(title_font_size=28, title_subtitle_font_size=PROJECTOR_TYPE)
    fig.update_traces(textfont_size=16, selector=dict(mode="markers+text"))  # a median's label
    fig.update_traces(textfont_size=16, selector=dict(name=BUBBLE_NAMES))

    def heavier(t: dict) -> None:
        line = t.get("line") or {}
        drawn = "lines" in str(t.get("mode", "")) and not t.get("fill")  # a map's outlines stay thin
        if drawn and 0 < line.get("width", 2) < PROJECTOR_LINE:
            t["line"] = {**line, "width": PROJECTOR_LINE, **({"dash": "dash"} if line.get("dash") == "dot" else {})}

    fig.for_each_trace(heavier, selector=dict(type="scatter"))
    return _room_for_the_legend_below(_room_for_the_names(fig, height))


def _room_for_the_names(fig: Figure, height: int) -> Figure:
    """A horizontal bar chart's names at projector type: wrapped wider (the chart is the screen's width there),
    and the chart as tall as its rows need (the in-demand list's 15 names, at 14 px type's row height, lay
    over each other: "Physical Therapist Assistants" over "Computer User Support Specialists")."""
    axis = fig.layout.yaxis
    bars = [t for t in fig.data if t.type == "bar" and t.orientation == "h"]
    if not bars or axis.ticktext is None or len(fig.layout.to_plotly_json().get("annotations") or []) > 1:
        return fig  # not one list of named bars (Compare's panels name theirs once)
    names = [wrap(str(t).replace("\n", " "), 40) for t in axis.ticktext]
    lines = max((n.count("\n") + 1 for n in names), default=1)
    top = (fig.layout.margin.t if fig.layout.margin else None) or 40
    need = int(top + len(names) * (lines * PROJECTOR_TYPE * 1.3 + 14) + 4 * PROJECTOR_TYPE + 40)
    # at most six numbers along its value axis: at projector type plotly's own count ran them into each other
    # ("1,000,000 2,000,000…" under a sub-industries chart)
    fig.update_xaxes(nticks=6)
    return fig.update_yaxes(ticktext=names).update_layout(height=max(height, need))


# px: a legend under the plot is never cut to a scrolling box (plotly's default, half the plot's height, hid
# the rows after the first few behind a scroll bar: a program's award levels, Explore's groups at 1024 px)
LEGEND_MAX_HEIGHT = 2000
PROJECTOR_PLOT = 480  # px: the least plot a chart with its legend under it keeps in presenter view
PROJECTOR_X_ROOM = 4 * PROJECTOR_TYPE + 36  # px under the plot for the x ticks and a two-line axis title
LEGEND_PER_ROW = 2  # entries a row of a legend under the plot, at presenter view's type on a 1024 px projector


def _room_for_the_legend_below(fig: Figure) -> Figure:
    """A legend under the plot (the opportunity chart's 22 major groups) at presenter view's type takes rows
    the height cap has no room for: the plot was squeezed to 85 px, and the legend ran over the x axis's
    title. Such a chart keeps a plot PROJECTOR_PLOT px tall with the axis under it on one screen, and the
    legend goes below, clear of the axis."""
    legend = fig.layout.legend
    if legend is None or legend.yanchor != "top" or (legend.y if legend.y is not None else 1) >= 0:
        return fig
    names = {t.legendgroup or t.name: t.name for t in fig.data if t.showlegend is not False and t.name}
    if not names:
        return fig
    lines = max(str(n).count("\n") + 1 for n in names.values())
    rows = -(-len(names) // LEGEND_PER_ROW)
    below = PROJECTOR_X_ROOM + int(rows * (lines * PROJECTOR_TYPE * 1.3 + 12)) + 2 * PROJECTOR_TYPE
    top = (fig.layout.margin.t if fig.layout.margin else None) or 40
    return fig.update_layout(
        height=max(fig.layout.height or 0, top + PROJECTOR_PLOT + below),
        margin_b=below,
        legend_y=-PROJECTOR_X_ROOM / PROJECTOR_PLOT,
        legend_maxheight=LEGEND_MAX_HEIGHT,
    )


BUBBLES_NAMED = 15  # bubbles named on the opportunity chart: all when there are no more than this
BUBBLES_NAMED_MANY = 8  # else only the ones with most openings: more names would cover one another
BUBBLE_NAMES = "Names of the bubbles"  # the text trace that names them
BUBBLE_NAME_MAX = 34  # characters of a bubble's name (the hover has the whole title)
BUBBLE_MIN = 10  # px: the smallest bubble's diameter (2 px made 13 openings a year a dot no one saw)


# px: the plot area names are placed for, about the least a chart gets beside the sidebar at 1024 px
NAME_PLOT = (540, 320)
NAME_SIZE = 12  # px: a bubble name's type
NAME_GAP = 3  # px between a bubble's edge and its name, and between two names


def _names(
    d: pd.DataFrame,
    n: int,
    xr: tuple[float, float],
    yr: tuple[float, float],
    biggest: float,
    plot: tuple[int, int],
    taken: list[tuple[float, float, float, float]] = (),
) -> tuple[pd.DataFrame, list[float], list[str]]:
    """The bubbles to name, the most openings first, up to n; each name above its bubble, or below it where
    that is taken or off the plot, and left out where neither is free: two names never cover each other on a
    plot `plot` px or larger. Returns the rows, the y each name is drawn at (clear of its bubble) and its
    textposition."""
    (w, h), (x0, x1), (y0, y1) = plot, xr, yr
    sx, sy = w / ((x1 - x0) or 1.0), h / ((y1 - y0) or 1.0)
    placed = list(taken)  # boxes (left, bottom, right, top; px from the plot's bottom left) already taken
    rows, at, where = [], [], []
    order = d.sort_values(["openings_annual", "soc_code"], ascending=[False, True], na_position="last")
    for i, x, y, size, title in zip(
        order.index, order["change_pct"], order["annual_median"], order["openings_size"], order["title"], strict=True
    ):
        text = wrap(cut(title, BUBBLE_NAME_MAX), 20)
        tw, th = text_width(text, NAME_SIZE), (text.count("\n") + 1) * NAME_SIZE * 1.3
        r = float(_diameters(size, biggest)) / 2 + NAME_GAP
        px, py = (x - x0) * sx, (y - y0) * sy
        side = _side(x, x0, x1)
        left = {"center": px - tw / 2, "right": px, "left": px - tw}[side]
        for vert, bottom in (("top", py + r), ("bottom", py - r - th)):
            box = (left, bottom, left + tw, bottom + th)
            inside = 0 <= box[1] and box[3] <= h
            if inside and all(_apart(box, other) for other in placed):
                placed.append(box)
                rows.append(i)
                at.append(y + (r if vert == "top" else -r) / sy)
                where.append(f"{vert} {side}")
                break
        if len(rows) == n:
            break
    return d.loc[rows], at, where


def _label_size(text: str) -> tuple[float, float]:
    """The width and height (px) of a line's label at 14 px, its backing's padding left out."""
    return text_width(text, 14), (text.count("\n") + 1) * 14 * 1.3


def _label_box(text: str, x: float, y: float, anchor: str, grows: str) -> tuple[float, float, float, float]:
    """The box (px) a line's label takes, its padding included: from x, its right end ("right") or its left;
    from y, up ("above") or down."""
    tw, th = (n + pad for n, pad in zip(_label_size(text), (6, 4), strict=True))
    left = x - tw if anchor == "right" else x
    bottom = y if grows == "above" else y - th
    return left, bottom, left + tw, bottom + th


def _apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two boxes (left, bottom, right, top) are at least NAME_GAP apart."""
    g = NAME_GAP
    return a[2] + g <= b[0] or b[2] + g <= a[0] or a[3] + g <= b[1] or b[3] + g <= a[1]


GROWTH_SPAN = 5.0  # percentage points: the least the growth axis spans
WAGE_SHARE = 0.5  # the least the wage axis spans, as a share of the highest wage on it
EDGE_ROOM = 0.05  # of the plot's length, beyond the outermost bubble's edge (as plotly's own range leaves)


def _diameters(size, biggest: float) -> np.ndarray:
    """Each bubble's drawn diameter (px): area in proportion to openings, 42 px the biggest, BUBBLE_MIN the least."""
    return np.maximum(BUBBLE_MIN, 42 * np.sqrt(np.asarray(size, dtype=float) / (biggest or 1.0)))


def _fit(items, length: float, least: float = 0.0, floor: float | None = None) -> tuple[float, float]:
    """The axis range that holds every item (a value and the px it needs below and above it) on an axis
    `length` px long, at least `least` wide (centred on the items: a few bubbles close together do not fill
    the chart, so a $500 gap does not look like a chasm), not starting below `floor`."""
    values = [v for v, _, _ in items]
    lo, hi = min(values), max(values)
    a, b = (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)
    for _ in range(8):  # the px → units scale depends on the range: a few rounds settle it
        k = (b - a) / length
        a, b = min(v - below * k for v, below, _ in items), max(v + above * k for v, _, above in items)
    if b - a < least:  # widened evenly: the room fitted for radii and labels is kept
        pad = (least - (b - a)) / 2
        a, b = a - pad, b + pad
    if floor is not None and a < floor <= lo:
        a, b = floor, max(b, floor + least)
    return a, b


def _where(v: float, rng: tuple[float, float]) -> float:
    """Where `v` is along a range, from 0 (its start) to 1 (its end)."""
    lo, hi = rng
    return (v - lo) / (hi - lo) if hi > lo else 0.5


def opportunity(
    df: pd.DataFrame,
    color: str,
    median_wage: float,
    avg_growth: float,
    ep: str,
    categories: list[str] | None = None,
    place: str = "United States",
    growth_of: str = "national",
) -> Figure:
    """Median annual wage (in `place`) against projected growth (national, or `growth_of`); bubble = annual openings.

    categories fixes each group's colour, so a group keeps its colour whatever the filters leave.
    """
    d = df.dropna(subset=["annual_median", "change_pct"]).copy()
    d["title"] = d["title"].map(cut)  # hover text from the data (escaped with the whole figure)
    d["openings_size"] = d["openings_annual"].fillna(0).clip(lower=100)
    d["wage_label"] = [money(w, t) for w, t in zip(d["annual_median"], d["annual_median_top_coded"], strict=True)]
    d["openings_label"] = d["openings_annual"].map(lambda v: "not released" if pd.isna(v) else f"{int(v):,}")
    label = {"major_title": "Major group", "education": "Typical education"}[color]
    order = categories or sorted(d[color].dropna().unique())
    # colour and shape: eight colour-blind-safe hues cannot tell 22 groups apart on their own (theme.py)
    styles = dict(zip(order, GROUP_STYLES * 2, strict=False))
    biggest = float(d["openings_size"].max()) if len(d) else 1.0
    # one array per column, then each group's rows by position (a frame per group cost ~15 ms a rerun)
    codes, groups = pd.factorize(d[color], sort=False)
    x, y = d["change_pct"].to_numpy(), d["annual_median"].to_numpy()
    size = d["openings_size"].to_numpy()
    custom = d[["soc_code", "title", "wage_label", "openings_label"]].to_numpy()
    fig = Figure()
    for i, group in enumerate(groups):
        idx = np.flatnonzero(codes == i)
        fig.add_scatter(
            x=x[idx],
            y=y[idx],
            mode="markers",
            name=wrap(cut(group), 32),
            legendgroup=group,
            legendrank=order.index(group) if group in order else len(order),
            customdata=custom[idx],
            marker=dict(
                size=size[idx],
                sizemode="area",
                sizeref=2.0 * biggest / 42**2,
                sizemin=BUBBLE_MIN,  # the smallest bubble stays a visible disc, not a speck
                color=styles.get(group, (MUTED, "circle"))[0],
                symbol=styles.get(group, (MUTED, "circle"))[1],
                line=dict(width=0.5, color="white"),
                opacity=0.85,  # every colour stays at least 3.5:1 on white at this opacity
            ),
            hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]})<br>Median wage: %{customdata[2]}"
            f"<br>Growth {ep}: %{{x:+.1f}}%<br>Openings a year: %{{customdata[3]}}<extra></extra>",
        )
    # the axes' ranges worked out here: every bubble whole with room at the edges, the average line's label
    # beside it, the median's above it, and a few bubbles close together not zoomed into, so the names below
    # can be placed where they will be drawn
    w, h = NAME_PLOT
    room = (EDGE_ROOM * w, EDGE_ROOM * h)
    radius = _diameters(size, biggest) / 2
    growth_label = wrap(f"Average growth {avg_growth:.1f}% ({cut(growth_of)})", 34)
    median_label = wrap(f"All occupations median, {cut(place)}: ${median_wage:,.0f}", 34)
    xr = _fit(
        [
            *((v, r + room[0], r + room[0]) for v, r in zip(x, radius, strict=True)),
            (avg_growth, 0, 8 + _label_size(growth_label)[0]),
        ],
        w,
        GROWTH_SPAN,
    )
    yr = _fit(
        [
            *((v, r + room[1], r + room[1]) for v, r in zip(y, radius, strict=True)),
            (median_wage, 0, 8 + _label_size(median_label)[1]),
        ],
        h,
        WAGE_SHARE * max([*y, median_wage]),
        floor=0.0,
    )
    # plotly's own range, made to hold these: on a narrower plot than foreseen (a phone) it still widens the
    # axis for the average line's label, which a fixed range cut off
    fig.update_xaxes(autorangeoptions=dict(include=list(xr)))
    fig.update_yaxes(autorangeoptions=dict(include=list(yr)))
    # the names in one trace drawn last, over every bubble, with a white halo: a program's occupations each
    # (up to BUBBLES_NAMED), Explore's biggest; above or below the bubble, clear of it and of each other, and
    # left out where there is no room; near the left or right edge a name runs inwards from its bubble, not
    # half outside the plot, where it was cut ("Velding, Soldering…")
    many = len(d) > BUBBLES_NAMED
    # the two lines' labels: the median's above its line at the right end, the average's beside its line at
    # the top, or at its foot where it would meet the median's
    at_x, at_y = _where(avg_growth, xr), _where(median_wage, yr)
    median_box = _label_box(median_label, w - 4, at_y * h, "right", "above")
    growth_box = _label_box(growth_label, at_x * w + 4, h, "left", "below")
    growth_at = "top right"
    if not _apart(median_box, growth_box):
        growth_at, growth_box = "bottom right", _label_box(growth_label, at_x * w + 4, 0, "left", "above")
    taken = [median_box, growth_box]
    named, name_y, name_at = _names(d, BUBBLES_NAMED_MANY if many else BUBBLES_NAMED, xr, yr, biggest, (w, h), taken)
    fig.add_scatter(
        x=named["change_pct"].to_numpy(),
        y=name_y,
        mode="text",
        text=[wrap(cut(t, BUBBLE_NAME_MAX), 20) for t in named["title"]],
        customdata=named["soc_code"].to_numpy(),
        textposition=name_at,
        textfont=dict(size=12, color=INK, shadow="1px 1px 2px white, -1px -1px 2px white"),
        name=BUBBLE_NAMES,
        showlegend=False,
        hoverinfo="skip",
    )
    fig.update_layout(legend_title_text=label)
    # each line's label says whose figure it is, on a light backing so the bubbles under it do not hide it
    fig.add_hline(
        y=median_wage,
        line_dash="dot",
        line_color="#555",
        annotation_text=median_label,
        annotation_position="top right",
    )
    fig.add_vline(
        x=avg_growth,
        line_dash="dot",
        line_color="#555",
        annotation_text=growth_label,
        annotation_position=growth_at,
    )
    fig.update_annotations(bgcolor="rgba(255,255,255,0.85)")
    # national: "… 2024–34, national"; a state's: ep is then its name and vintage ("Michigan 2022–32")
    growth_title = (
        f"Projected employment change {ep}, national"
        if growth_of == "national"
        else f"Projected employment change, {cut(ep)}"
    )
    fig.update_xaxes(title=wrap(growth_title, 30), ticksuffix="%", zeroline=False)
    fig.update_yaxes(title=wrap(f"Median annual wage, {cut(place)}", 40), tickprefix="$", tickformat=",.0f")
    name = f"Bubble chart: median annual wage in {place} against projected employment change {ep}"
    fig = _layout(fig, 520, name + "; bubble size is annual openings")
    # 22 groups: the legend goes under the plot (above it, its rows ran into the chart's title)
    # room for its rows at two entries a row (two lines each), as many as a 1024 px screen beside the sidebar
    # takes: counted at three, the legend pushed the plot down to 240 px there and ran over the axis's title;
    # the groups drawn, not every group there is (a program's one group left 280 px blank under its legend)
    rows = -(-len(groups) // 2)
    fig.update_layout(
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0, xanchor="left", maxheight=LEGEND_MAX_HEIGHT)
    )
    return fig.update_layout(height=520 + 40 * rows, margin=dict(b=10 + 40 * rows, l=20))


def wage_percentiles(df: pd.DataFrame, hourly: bool) -> Figure:
    """Grouped bars of the five percentiles, area beside the nation; top-coded bars hatched."""
    fig = Figure()
    for i, (name, d) in enumerate(df.groupby("place", sort=False)):
        place = cut(name)
        fig.add_bar(
            x=d["percentile"],
            y=d["wage"],
            name=place,
            marker_color=PALETTE[i],
            marker_pattern_shape=["/" if t else "" for t in d["top_coded"]],
            text=d["label"],
            textposition="outside",
            customdata=d["label"],
            meta=[place],
            hovertemplate="%{meta[0]}<br>%{x} percentile: %{customdata}<extra></extra>",
        )
    fig.update_yaxes(
        title="Hourly wage" if hourly else "Annual wage", tickprefix="$", tickformat=",.2f" if hourly else ",.0f"
    )
    # a gap between the area's bar and the nation's: each label is shrunk to its bar's width (plotly's
    # constraintext), and side by side without one they read as one figure ("$79,200$80,330") on a projector
    fig.update_layout(barmode="group", bargroupgap=0.1)
    basis = "hourly" if hourly else "annual"
    return _layout(fig, 380, f"Bar chart: {basis} wage at the 10th, 25th, 50th, 75th and 90th percentiles")


def hbars(x, y, title: str, tickformat: str = ",", row_height: int = 30, height: int | None = None, **bar) -> Figure:
    """The bar list every page uses: one horizontal bar per row, the first row on top.

    bar: the rest of the bar trace's properties (colour, text, customdata, hovertemplate…).
    """
    y = [cut(v) for v in y]  # names from the data, cut (the figure is escaped as a whole when it is drawn)
    n = max(len(y), 1)
    fills = bar.setdefault("marker_color", PALETTE[0])  # the palette's blue, which ink_on below assumes
    fills = list(fills) if isinstance(fills, (list, tuple)) else [fills] * n
    opacity = bar.get("marker_opacity", 1.0)
    opacity = list(opacity) if isinstance(opacity, (list, tuple)) else [opacity] * n
    # a label drawn inside a bar is white or black, whichever reads better on that bar's colour
    bar.setdefault("insidetextfont", dict(color=[ink_on(f, o) for f, o in zip(fills, opacity, strict=False)]))
    if any(o < 1 for o in opacity):  # a lighter (low-reliability) bar keeps a full-strength outline
        bar.setdefault("marker_line", dict(color=fills, width=1.5))
    fig = Figure(trace("bar", x=x, y=y, orientation="h", textposition="auto", **bar))
    fig.update_xaxes(title=wrap(title, 30), tickformat=tickformat)
    fig.update_yaxes(autorange="reversed")
    _wrap_categories(fig, y)
    # a row is as tall as its label's lines (14 px type, ~17 px a line), so wrapped names never overlap
    lines = max((wrap(v).count("\n") + 1 for v in y), default=1)
    row_height = max(row_height, 17 * lines + 6)
    fig = _layout(fig, height or 60 + row_height * n, f"Bar chart: {title}")
    fig.update_layout(margin_r=_label_room(bar.get("text") or []))  # labels outside short bars stay on screen
    return fig


def openings_split(df: pd.DataFrame, ep: str) -> Figure:
    return hbars(
        df["openings"],
        df["component"],
        f"Openings a year ({ep} average)",
        height=240,
        marker_color=PALETTE[:3],
        text=[f"{v:,}" for v in df["openings"]],
        hovertemplate="%{y}: %{x:,} openings a year<extra></extra>",
    )


def industries(df: pd.DataFrame, value: str) -> Figure:
    d = df.dropna(subset=[value])
    money_axis = value == "annual_median"
    text = (
        [money(v, t) for v, t in zip(d[value], d["annual_median_top_coded"], strict=True)]
        if money_axis
        else [f"{int(v):,}" for v in d[value]]
    )
    if money_axis and "reliability" in d:  # the reliability cue, as on the geography page
        text = [t if r == "reliable" else f"{t} ({r})" for t, r in zip(text, d["reliability"], strict=True)]
    return hbars(
        d[value],
        d["industry"],
        "Median annual wage in the industry" if money_axis else "Employment",
        tickformat="$,.0f" if money_axis else ",",
        row_height=32,
        marker_color=PALETTE[0] if not money_axis else PALETTE[2],
        text=text,
        customdata=text,
        hovertemplate="%{y}: %{customdata}<extra></extra>",
    )


@per_argument(256)
def _hiring(ds: Dataset, soc: str, level: int, by: str) -> Figure:
    value = "employment" if by == "employment" else "annual_median"
    return industries(industries_.hiring_industries(ds, soc, level=level, by=by), value)


def hiring(ds: Dataset, soc: str, level: int, by: str) -> Figure:
    """The profile's top hiring (by="employment") or top-paying (by="wage") industries: national, so the same
    whatever the area; built once per question, and a fresh copy for the page to title."""
    return _hiring(ds, soc, level, by).copy()


# --- map ----------------------------------------------------------------------------------------

STATES_ASSET = Path(__file__).resolve().parents[1] / "assets" / "us-states.geojson"
MAP_SCALE = "Blues"
MAP_SCALE_BELOW = "Oranges"  # a diverging map's classes below its centre (Oranges at 0.65 is 3.3:1 on white)
MAP_SCALE_FROM = 0.65  # the lightest class still 3:1 on white (Blues at 0.2 was 1.2:1)
LOW_RELIABILITY_OPACITY = 0.4


@lru_cache(maxsize=1)
def state_shapes() -> dict[str, dict]:
    """Postal code -> {name, x, y (rings separated by None), label point} in the Albers frame."""
    geo = json.loads(STATES_ASSET.read_text())
    shapes = {}
    for f in geo["features"]:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
        pr = f["properties"]
        # numpy arrays (NaN breaks a ring): plotly passes arrays through, but validates lists item by item
        x = np.array([np.nan if v is None else v for v in xs], dtype=float)
        y = np.array([np.nan if v is None else v for v in ys], dtype=float)
        shapes[pr["state"]] = {"name": pr["name"], "x": x, "y": y, "label": pr["label"]}
    return shapes


def nice_step(span: float, classes: int = 6) -> float:
    """A round class width (1, 2, 2.5 or 5 times a power of ten) giving about `classes` classes."""
    raw = span / classes or 1.0
    power = 10 ** np.floor(np.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def _edge(kind: str, v: float) -> str:
    if kind == "money":
        return f"${v:,.0f}"
    if kind == "hourly":
        return f"${v:,.2f}"
    if kind == "count":
        return f"{v:,.0f}"
    if kind == "change":
        return f"{v:+g}%"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _hex(colours: list[str]) -> list[str]:
    """plotly's "rgb(r, g, b)" strings as #RRGGBB."""
    return ["#" + "".join(f"{round(float(v)):02X}" for v in c[4:-1].split(",")) for c in colours]


def _shades(scale: str, n: int) -> list[str]:
    """n classes of a sequential scale, lightest first, the lightest still 3:1 on white (MAP_SCALE_FROM)."""
    spread = 1.0 - MAP_SCALE_FROM
    return _hex(sample_colorscale(scale, [min(1.0, MAP_SCALE_FROM + spread * i / max(n - 1, 1)) for i in range(n)]))


def map_classes(df: pd.DataFrame, low_reliability: set[str] | None = None, centre: float | None = None):
    """The map's classes, for the screen and the slides alike: (values by state, top-coded states, first class
    edge, class width, number of classes, class colours, {(class or -1, top-coded, low reliability): states}).

    With a `centre` (a location quotient reads against 1) the scale diverges: `centre` is a class edge, the
    classes below it are orange and those above it blue (a pair every colour-vision deficiency tells apart),
    each darker the farther it is from the centre; otherwise one sequential blue."""
    shapes = state_shapes()
    low_reliability = low_reliability or set()
    values = dict(zip(df["state"], df["value"], strict=True))  # one lookup a state, not a .loc each (9 ms a map)
    known = {c: float(values[c]) for c in shapes if c in values and pd.notna(values[c])}
    # a top-coded state is at least its bound: it goes in the top class, hatched, never in a low class
    tops = dict(zip(df["state"], df["top_coded"], strict=True)) if "top_coded" in df else {}
    capped = {c for c in known if bool(tops.get(c, False))}
    exact = [v for c, v in known.items() if c not in capped] or list(known.values())
    lo, hi = (min(exact), max(exact)) if known else (0.0, 1.0)
    step = nice_step(hi - lo)
    origin = centre or 0.0
    start = origin + np.floor((lo - origin) / step) * step
    n = max(1, int(np.floor((hi - start) / step)) + 1)
    if centre is None:
        colours = _shades(MAP_SCALE, n)
    else:
        below = sum(start + (k + 1) * step <= centre + 1e-9 for k in range(n))
        colours = _shades(MAP_SCALE_BELOW, below)[::-1] + _shades(MAP_SCALE, n - below)
    groups: dict[tuple[int, bool, bool], list[str]] = {}
    for c in shapes:
        k = max(0, min(int((known[c] - start) // step), n - 1)) if c in known else -1
        k = n - 1 if c in capped else k
        groups.setdefault((k, c in capped, c in low_reliability and k >= 0), []).append(c)
    return known, capped, start, step, n, colours, groups


def us_map(
    df: pd.DataFrame,
    title: str,
    kind: str = "money",
    low_reliability: set[str] | None = None,
    chosen: str | None = None,
    centre: float | None = None,
):
    """A classed state map drawn as filled shapes on plain axes: no geo layer, so nothing is fetched.
    `centre`: the value the figure reads against (1 for a location quotient): a diverging scale (map_classes).

    df: state (postal), value, label, reliability. Values fall into round-numbered classes (legend);
    states with no value are grey ("not released"); low-reliability states are lighter; the chosen
    state gets a heavy outline. One trace per class (not per state) keeps the figure cheap to build.
    """
    shapes = state_shapes()
    labels = dict(zip(df["state"], df["label"], strict=True))
    reliability = dict(zip(df["state"], df["reliability"], strict=True))
    low_reliability = low_reliability or set()
    known, capped, start, step, n, colours, groups = map_classes(df, low_reliability, centre)
    fig = Figure()
    for (k, top, low), codes in sorted(groups.items(), reverse=True):
        xs = np.concatenate([np.append(shapes[c]["x"], np.nan) for c in codes])
        ys = np.concatenate([np.append(shapes[c]["y"], np.nan) for c in codes])
        if k < 0:
            name = "not released"
        else:
            name = f"{_edge(kind, start + k * step)} – {_edge(kind, start + (k + 1) * step)}"
            if top:
                name = f"{at_least(_edge(kind, min(known[c] for c in codes)))} (top-coded bound)"
            name += " (low reliability)" if low else ""
        fig.add_scatter(
            x=xs,
            y=ys,
            fill="toself",
            fillcolor="#d9d9d9" if k < 0 else colours[k],
            opacity=LOW_RELIABILITY_OPACITY if low else 1.0,
            fillpattern=dict(shape="/", fgcolor="white", size=6) if top else None,
            mode="lines",
            line=dict(color="white", width=0.7),
            hoverinfo="skip",
            name=name,
            legendrank=1000 - k - (0.5 if top else 0),
        )
    # a class no state falls in keeps its legend entry: a gap in the scale read as a missing range
    for k in sorted(set(range(n)) - {k for k, _, _ in groups}, reverse=True):
        fig.add_scatter(
            x=[None],
            y=[None],
            fill="toself",
            fillcolor=colours[k],
            mode="lines",
            line=dict(color="white", width=0.7),
            hoverinfo="skip",
            name=f"{_edge(kind, start + k * step)} – {_edge(kind, start + (k + 1) * step)} (no state)",
            legendrank=1000 - k,
        )
    if chosen in shapes:
        fig.add_scatter(
            x=shapes[chosen]["x"],
            y=shapes[chosen]["y"],
            mode="lines",
            line=dict(color="#222", width=3),
            hoverinfo="skip",
            showlegend=False,
        )
    # one clickable, labelled point per state, with the state's own figure on hover
    codes = list(shapes)
    fill_of = {c: colours[max(0, min(int((known[c] - start) // step), n - 1))] for c in known}
    fill_of.update({c: colours[n - 1] for c in capped})
    fig.add_scatter(
        x=[shapes[c]["label"][0] for c in codes],
        y=[shapes[c]["label"][1] for c in codes],
        mode="text+markers",
        text=codes,
        textfont=dict(
            size=10,
            # white or black, whichever reads better on the state's fill (black on "not released" grey)
            color=[
                ink_on(fill_of[c], LOW_RELIABILITY_OPACITY if c in low_reliability else 1.0)
                if c in fill_of
                else "#000000"
                for c in codes
            ],
        ),
        marker=dict(size=22, opacity=0.01, color="#000"),  # a generous click target at each state's centre
        # the state's code first (a click reads it), then what its hover shows ("\n": a line break)
        customdata=[
            [c, shapes[c]["name"], labels[c] if c in labels else "not released"]
            + ["\n" + str(reliability[c]) if c in reliability else ""]
            for c in codes
        ],
        meta=[cut(title)],
        hovertemplate="<b>%{customdata[1]}</b><br>%{meta[0]}: %{customdata[2]}%{customdata[3]}<extra></extra>",
        showlegend=False,
        name="states",
    )
    fig.update_xaxes(visible=False, range=[-10, 985], fixedrange=True)
    fig.update_yaxes(visible=False, range=[615, -5], scaleanchor="x", fixedrange=True)
    fig = _layout(fig, 520, f"Map of the United States: {title} by state")
    fig.update_layout(
        margin=dict(l=0, r=0, t=10, b=0),
        dragmode=False,
        hovermode="closest",
        legend=dict(orientation="v", x=1.0, xanchor="left", y=0.5, yanchor="middle", title_text=title),
    )
    return fig


def ranking(df: pd.DataFrame, title: str, n: int = 15) -> Figure:
    """Horizontal bars of the top areas; low-reliability bars lighter, top-coded bars hatched."""
    d = df.dropna(subset=["value"]).head(n)
    low = d["reliability"] == "low reliability"
    rse = d["rse"].map(lambda v: "n/a" if pd.isna(v) else f"{v:.1f}%")
    return hbars(
        d["value"],
        d["area_name"],
        title,
        row_height=26,
        marker_color=PALETTE[0],
        marker_opacity=[LOW_RELIABILITY_OPACITY if x else 1.0 for x in low],
        marker_pattern_shape=["/" if t else "" for t in d["top_coded"]],
        text=[f"{lab}{' ⚠' if x else ''}" for lab, x in zip(d["label"], low, strict=True)],
        customdata=list(zip(d["label"], d["reliability"], rse, strict=True)),
        hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]} (RSE %{customdata[2]})<extra></extra>",
    )


# --- compare ------------------------------------------------------------------------------------


def wage_ranges(df: pd.DataFrame, hourly: bool = False) -> Figure:
    """10th–90th percentile bars (25th–75th darker) with the median marked, one row per occupation."""
    d = df.iloc[::-1]
    names = [cut(f"{t} ({c})") for t, c in zip(d["title"], d["soc_code"], strict=True)]

    def lab(col):
        return [money(v, t, hourly) for v, t in zip(d[col], d[f"{col}_top_coded"], strict=True)]

    b = "hourly" if hourly else "annual"
    p10, p25, med, p75, p90 = (lab(f"{b}_{p}") for p in ("p10", "p25", "median", "p75", "p90"))
    fig = Figure()
    fig.add_bar(
        y=names,
        x=d[f"{b}_p90"] - d[f"{b}_p10"],
        base=d[f"{b}_p10"],
        orientation="h",
        marker_color=FAINT_FILL,
        marker_line=dict(color=PALETTE[0], width=1.5),  # the light band's edge at 5:1 on white
        width=0.42,
        name="10th–90th percentile",
        customdata=list(zip(p10, p90, strict=True)),
        hovertemplate="%{y}<br>10th: %{customdata[0]} · 90th: %{customdata[1]}<extra></extra>",
    )
    fig.add_bar(
        y=names,
        x=d[f"{b}_p75"] - d[f"{b}_p25"],
        base=d[f"{b}_p25"],
        orientation="h",
        marker_color=PALETTE[0],
        marker_pattern_shape=["/" if t else "" for t in d[f"{b}_p75_top_coded"]],
        name="25th–75th percentile",
        width=0.22,
        customdata=list(zip(p25, p75, strict=True)),
        hovertemplate="%{y}<br>25th: %{customdata[0]} · 75th: %{customdata[1]}<extra></extra>",
    )
    fig.add_scatter(
        y=names,
        x=d[f"{b}_median"],
        mode="markers+text",
        marker=dict(symbol="line-ns-open", size=22, color=PALETTE[5], line=dict(width=4, color=PALETTE[5])),
        text=med,
        textposition="top center",
        textfont=dict(color="#222", weight="bold"),
        name="Median",
        customdata=med,
        hovertemplate="%{y}<br>Median: %{customdata}<extra></extra>",
    )
    fig.update_layout(barmode="overlay")
    _wrap_categories(fig, names)
    fig.update_xaxes(
        title="Hourly wage" if hourly else "Annual wage", tickprefix="$", tickformat=",.2f" if hourly else ",.0f"
    )
    return _layout(fig, 120 + 70 * len(d), "Bar chart: wage range of each occupation, median marked")


def outlook(df: pd.DataFrame, ep: str) -> Figure:
    """Employment, projected growth and annual openings side by side, one bar per occupation.

    Three x axes laid out by hand on one shared y axis: make_subplots took ~100 ms for this.
    """
    d = df.iloc[::-1]
    names = [cut(f"{t} ({c})") for t, c in zip(d["title"], d["soc_code"], strict=True)]
    panels = [
        ("employment", "{:,.0f}", PALETTE[0], "Employment"),
        ("change_pct", "{:+.1f}%", PALETTE[2], f"Growth {ep}"),
        ("openings_annual", "{:,.0f}", PALETTE[1], "Openings a year"),
    ]
    fig = Figure()
    gap = 0.04
    width = (1 - 2 * gap) / 3
    layout: dict = {}
    for i, (col, fmt_, colour, title) in enumerate(panels):
        axis = "x" if i == 0 else f"x{i + 1}"
        text = ["not released" if pd.isna(v) else fmt_.format(v) for v in d[col]]
        fig.add_bar(
            y=names,
            x=d[col],
            xaxis=axis,
            orientation="h",
            marker_color=colour,
            text=text,
            textposition="outside",
            textangle=0,
            cliponaxis=False,
            customdata=text,
            hovertemplate="%{y}: %{customdata}<extra></extra>",
            showlegend=False,
        )
        lo = min(0.0, float(d[col].min())) if d[col].notna().any() else 0.0
        hi = float(d[col].max()) if d[col].notna().any() else 1.0
        start = i * (width + gap)
        layout["xaxis" if i == 0 else f"xaxis{i + 1}"] = dict(
            domain=[start, start + width],
            range=[lo * 1.6, hi * 1.6 if hi > 0 else 1],
            showticklabels=False,
            showgrid=False,
            zeroline=True,
            zerolinecolor="#999",
            anchor="y",
        )
        fig.add_annotation(
            text=title, x=0.5, y=1.0, xref=f"{axis} domain", yref="paper", yanchor="bottom", showarrow=False
        )
    fig.update_layout(**layout)
    _wrap_categories(fig, names)
    fig = _layout(fig, 120 + 60 * len(d), f"Bar charts: employment, projected growth {ep} and annual openings")
    return fig.update_layout(margin_r=_label_room(["not released"]))


# --- industry -----------------------------------------------------------------------------------


def staffing(df: pd.DataFrame) -> Figure:
    """The occupations an industry employs most; click a bar for the profile."""
    d = df.dropna(subset=["employment"])
    text = [
        f"{int(e):,} ({s:.1f}%)" if pd.notna(s) else f"{int(e):,}"
        for e, s in zip(d["employment"], d["share"], strict=True)
    ]
    return hbars(
        d["employment"],
        d["title"],
        "Employment in the industry",
        marker_color=PALETTE[0],
        text=text,
        customdata=list(zip(d["soc_code"], text, strict=True)),
        hovertemplate="%{y} (%{customdata[0]})<br>%{customdata[1]} of the industry's jobs<extra></extra>",
    )


def sub_industries(df: pd.DataFrame) -> Figure:
    d = df.dropna(subset=["employment"])
    text = [f"{int(e):,}" for e in d["employment"]]
    wages = [money(v, t) for v, t in zip(d["annual_median"], d["annual_median_top_coded"], strict=True)]
    return hbars(
        d["employment"],
        d["industry"],
        "Employment, all occupations",
        marker_color=PALETTE[2],
        text=text,
        customdata=list(zip(d["industry_code"], text, wages, strict=True)),
        hovertemplate="%{y} (%{customdata[0]})<br>Employment %{customdata[1]}, median wage %{customdata[2]}"
        "<extra></extra>",
    )
