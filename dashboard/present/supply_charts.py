"""Who graduates in a program, drawn: completers by award level and by year (the area beside the nation), and
the institutions on the offline state map (positions projected here, so nothing is fetched)."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.present.charts import LEGEND_MAX_HEIGHT, _label_room, _layout, _wrap_categories, state_shapes, wrap
from dashboard.present.figure import Figure
from dashboard.present.theme import INK, MUTED, PALETTE

# d3's geoAlbersUsa as us-atlas drew the bundled outlines (scale 1300, translate 487.5, 305 in a 975 × 610
# frame): each part is (rotation, centre, standard parallels, scale factor, offset of its translate / scale).
ALBERS_SCALE, ALBERS_X, ALBERS_Y = 1300.0, 487.5, 305.0
ALBERS_PARTS = {
    "lower48": (96.0, (-0.6, 38.7), (29.5, 45.5), 1.0, (0.0, 0.0)),
    "AK": (154.0, (-2.0, 58.5), (55.0, 65.0), 0.35, (-0.307, 0.201)),
    "HI": (157.0, (-3.0, 19.9), (8.0, 18.0), 1.0, (-0.205, 0.212)),
}
GAP = 0.08  # the space between the area's panel and the nation's, as a share of the width


def _conic(lam: np.ndarray, phi: np.ndarray, parallels: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Albers conic equal-area (d3's conicEqualAreaRaw), radians in, unit-sphere plane out."""
    sy0 = math.sin(math.radians(parallels[0]))
    n = (sy0 + math.sin(math.radians(parallels[1]))) / 2
    c = 1 + sy0 * (2 * n - sy0)
    r0 = math.sqrt(c) / n
    r = np.sqrt(np.maximum(c - 2 * n * np.sin(phi), 0)) / n
    return r * np.sin(lam * n), r0 - r * np.cos(lam * n)


def albers_usa(lon, lat, postal) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude to the bundled map's frame (pixels, y down): Alaska and Hawaii to their insets.
    A place outside the 50 states and DC (Puerto Rico, Guam…) is not on that map: NaN."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    postal = np.asarray(postal, dtype=object)
    x, y = np.full(len(lon), np.nan), np.full(len(lon), np.nan)
    on_map = np.isin(postal, list(state_shapes()))
    for part, (rotate, centre, parallels, factor, (ox, oy)) in ALBERS_PARTS.items():
        mask = on_map & (postal == part if part != "lower48" else ~np.isin(postal, ["AK", "HI"]))
        if not mask.any():
            continue
        k = ALBERS_SCALE * factor
        tx, ty = ALBERS_X + ox * ALBERS_SCALE, ALBERS_Y + oy * ALBERS_SCALE
        lam = np.radians((lon[mask] + rotate + 180) % 360 - 180)
        px, py = _conic(lam, np.radians(lat[mask]), parallels)
        cx, cy = _conic(np.radians(np.array([centre[0]])), np.radians(np.array([centre[1]])), parallels)
        x[mask], y[mask] = tx + k * (px - cx[0]), ty - k * (py - cy[0])
    return x, y


@lru_cache(maxsize=1)
def _boxes() -> dict[str, tuple[float, float, float, float]]:
    """Each state's bounding box in the map's frame: x0, x1, y0, y1."""
    return {
        c: (float(np.nanmin(s["x"])), float(np.nanmax(s["x"])), float(np.nanmin(s["y"])), float(np.nanmax(s["y"])))
        for c, s in state_shapes().items()
    }


@lru_cache(maxsize=256)
def _outlines(box: tuple[int, int, int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The outlines of the states reaching into `box` (x0, x1, y0, y1; every state without one) in one line,
    NaN between rings: a state's map sends its neighbours, not the country (the figure's JSON is most of
    the map's cost on a rerun)."""
    shapes = state_shapes()
    codes = list(shapes)
    if box is not None:
        x0, x1, y0, y1 = box
        codes = [c for c, (a, b, lo, hi) in _boxes().items() if a <= x1 and b >= x0 and lo <= y1 and hi >= y0]
    xs = np.concatenate([np.append(shapes[c]["x"], np.nan) for c in codes])
    ys = np.concatenate([np.append(shapes[c]["y"], np.nan) for c in codes])
    return xs, ys


WHOLE = ((-10.0, 985.0), (615.0, -5.0))  # the whole frame's x and y ranges (y down)


def _frame(d: pd.DataFrame, states: list[str], focus: str) -> tuple[tuple[float, float], tuple[float, float]]:
    """The map's x and y ranges: the whole country, the chosen states, or the dots, with a margin."""
    shapes = state_shapes()
    chosen = [s for s in states if s in shapes]
    if focus == "nation" or (focus == "states" and not chosen) or (focus == "points" and d.empty):
        return WHOLE
    if focus == "states":
        bx = np.concatenate([shapes[s]["x"] for s in chosen])
        by = np.concatenate([shapes[s]["y"] for s in chosen])
    else:
        bx, by = d["x"].to_numpy(), d["y"].to_numpy()
    x0, x1, y0, y1 = np.nanmin(bx), np.nanmax(bx), np.nanmin(by), np.nanmax(by)
    pad = max(15.0, 0.08 * max(x1 - x0, y1 - y0), (60 - max(x1 - x0, y1 - y0)) / 2)
    return (float(x0 - pad), float(x1 + pad)), (float(y1 + pad), float(y0 - pad))


def institutions_map(df: pd.DataFrame, title: str, states: list[str], focus: str = "states") -> Figure:
    """The institutions as dots on the bundled state outlines, sized by completers (area ∝ completers).

    df: unitid, name, city, postal, latitude, longitude, total. `states` (postal codes) are shaded and, with
    focus="states", framed; focus="points" frames the dots (a metro area); "nation" shows the whole map.
    Names from the data are escaped for plotly's hover text."""
    shapes = state_shapes()
    x, y = albers_usa(df["longitude"], df["latitude"], df["postal"])
    d = df.assign(x=x, y=y).dropna(subset=["x", "y"])
    xr, yr = _frame(d, states, focus)
    # the states in view, with a margin so a wider browser window than the frame still shows land
    spare = (xr[1] - xr[0]) * 0.6
    box = (
        None if (xr, yr) == WHOLE else (int(xr[0] - spare), int(xr[1] + spare), int(yr[1] - spare), int(yr[0] + spare))
    )
    xs, ys = _outlines(box)
    fig = Figure()
    fig.add_scatter(
        x=xs, y=ys, fill="toself", fillcolor="#F2F2F2", mode="lines", line=dict(color="#BBBBBB", width=0.7),
        hoverinfo="skip", showlegend=False, name="states",
    )  # fmt: skip
    for code in [s for s in states if s in shapes]:
        fig.add_scatter(
            x=shapes[code]["x"], y=shapes[code]["y"], fill="toself", fillcolor="#DDE8F2", mode="lines",
            line=dict(color="#555555", width=1.5), hoverinfo="skip", showlegend=False, name=shapes[code]["name"],
        )  # fmt: skip
    total = d["total"].astype(float)
    size = 8 + 30 * np.sqrt(total / total.max()) if len(d) else total
    fig.add_scatter(
        x=d["x"],
        y=d["y"],
        mode="markers",
        marker=dict(size=size, color=PALETTE[0], opacity=0.75, line=dict(color="white", width=1)),
        # data reaches the hover only through customdata, which the figure escapes at the last step
        customdata=np.column_stack(
            [d["unitid"].astype(str), d["name"].astype(str), d["city"].astype(str), d["postal"].astype(str)]
        ).tolist(),
        hovertemplate=[
            f"<b>%{{customdata[1]}}</b><br>%{{customdata[2]}}, %{{customdata[3]}}<br>{int(t):,} completers<extra></extra>"
            for t in d["total"]
        ],
        name="Institutions (dot size: completers)",
        showlegend=False,  # the chart's title says what a dot is: a legend here ran into the source line
    )
    fig.update_xaxes(visible=False, range=list(xr), fixedrange=True)
    fig.update_yaxes(visible=False, range=list(yr), scaleanchor="x", fixedrange=True)
    fig = _layout(fig, 480, f"Map: {title}")
    fig.update_layout(margin=dict(l=0, r=0, t=10, b=0), dragmode=False, hovermode="closest")
    return fig


def _panels(fig: Figure, titles: list[str], shared_y: bool) -> None:
    """Side-by-side panels, one per place, each on its own scale (a state's counts beside the nation's)."""
    n = len(titles)
    width = (1 - GAP * (n - 1)) / n
    for i, t in enumerate(titles):
        x0 = i * (width + GAP)
        suffix = "" if i == 0 else str(i + 1)
        fig.update_layout({f"xaxis{suffix}": dict(domain=[x0, x0 + width], anchor="y" if shared_y else f"y{suffix}")})
        if not shared_y:
            fig.update_layout({f"yaxis{suffix}": dict(domain=[0, 1], anchor=f"x{suffix}")})
        fig.add_annotation(
            text=t, x=x0, xref="paper", xanchor="left", y=1.0, yref="paper", yanchor="bottom",
            showarrow=False, font=dict(size=13, color=INK, weight="bold"),
        )  # fmt: skip


def by_level(table: pd.DataFrame, places: list[str], year_text: str) -> Figure:
    """Completers by award level in one year: one horizontal-bar panel per place (own scale), levels in order.

    table: award_name, then one column per place (its completers)."""
    levels = [str(v) for v in table["award_name"]]
    fig = Figure()
    for i, place in enumerate(places):
        values = table[place].astype(int)
        suffix = "" if i == 0 else str(i + 1)
        fig.add_bar(
            x=values, y=levels, orientation="h", xaxis=f"x{suffix}", yaxis="y", marker_color=PALETTE[i],
            name=place, text=[f"{v:,}" for v in values], textposition="outside", showlegend=False,
            hovertemplate="%{fullData.name}<br>%{y}: %{x:,} completers<extra></extra>",
        )  # fmt: skip
        fig.update_layout({f"xaxis{suffix}": dict(tickformat=",", title=wrap(f"Completers, {year_text}", 30))})
    _panels(fig, places, shared_y=True)
    fig.update_yaxes(autorange="reversed")
    _wrap_categories(fig, levels)
    height = 90 + 40 * max(len(levels), 1)
    fig = _layout(fig, height, f"Bar chart: completers by award level, {year_text}, {' and '.join(places)}")
    # the last panel's value labels reach past its axis into the margin: room for the longest
    fig.update_layout(margin_r=_label_room([f"{v:,}" for v in table[places[-1]]]), margin_t=56, bargap=0.3)
    return fig


def by_year(table: pd.DataFrame, places: list[str], years: list[int], year_texts: list[str]) -> Figure:
    """Completers a year by award level: one line per level, one panel per place (own scale).

    table: place, award_name, then one column per year."""
    names = list(dict.fromkeys(table["award_name"]))
    colour = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(names)}
    fig = Figure()
    shown: set[str] = set()  # each level once in the legend, whichever panel draws it first
    for i, place in enumerate(places):
        suffix = "" if i == 0 else str(i + 1)
        rows = table[table["place"] == place]  # each level's counts as one array, not row by row (iterrows)
        for name, values in zip(rows["award_name"], rows[list(years)].to_numpy(dtype="int64").tolist(), strict=True):
            fig.add_scatter(
                x=year_texts, y=values, mode="lines+markers", xaxis=f"x{suffix}", yaxis=f"y{suffix}",
                line=dict(color=colour[name], width=2), marker=dict(color=colour[name], size=6),
                name=name, legendgroup=name, showlegend=name not in shown, meta=[place],
                hovertemplate="%{meta[0]}<br>%{fullData.name}<br>%{x}: %{y:,} completers<extra></extra>",
            )  # fmt: skip
            shown.add(name)
        fig.update_layout({f"yaxis{suffix}": dict(tickformat=",", rangemode="tozero", title="Completers")})
        fig.update_layout({f"xaxis{suffix}": dict(type="category", tickfont_color=MUTED)})
    _panels(fig, places, shared_y=False)
    fig = _layout(fig, 420, f"Line chart: completers a year by award level, {' and '.join(places)}")
    fig.update_layout(
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, maxheight=LEGEND_MAX_HEIGHT), margin_t=56, margin_b=10
    )
    return fig
