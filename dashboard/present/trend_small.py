"""Small national trend drawings for the pages beside /trends: the profile's employment-and-wage chart
(dashboard/figure.py) with the table behind it, and the printable brief's employment SVG.

The figures are dashboard.trends' own (`trends.frame`: only years in which the code is the same
occupation, the wage restated with CPI-U by `trends.deflator`). A year with no figure is a gap, never 0
and never joined across; a top-coded median is a ▲ bound, not part of the line.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboard.core.formatting import count, money
from dashboard.data.dataset import Dataset
from dashboard.data.release import MONTH
from dashboard.data.schema import SOURCES
from dashboard.domain import soc as soc_
from dashboard.domain import trends
from dashboard.domain.derived import per_argument
from dashboard.present.charts import _layout
from dashboard.present.figure import Figure
from dashboard.present.theme import MUTED, PALETTE


def span(ds: Dataset) -> str:
    """'May 2013–May 2025'"""
    ys = soc_.years(ds)
    return f"{MONTH} {ys[0]}–{MONTH} {ys[-1]}"


@per_argument(256)
def profile_table(ds: Dataset, soc: str, hourly: bool) -> pd.DataFrame:
    """One row per year May 2013 … 2025: the code as published, employment, the median wage as published
    and in the latest May's dollars, and whether the median is a top-coded bound. Years that cannot be
    followed (not released, or another occupation's code) have empty cells."""
    ys = soc_.years(ds)
    emp = trends.frame(ds, [soc], "employment", False, False).set_index("year")
    nominal = trends.frame(ds, [soc], "wage", hourly, False).set_index("year")
    d = trends.deflator(ds)
    real = trends.frame(ds, [soc], "wage", hourly, True).set_index("year") if d is not None else None
    basis = "hourly" if hourly else "annual"
    digits = 2 if hourly else 0
    out = pd.DataFrame({"May": ys})
    out["Code as published"] = [emp["code"].get(y) for y in ys]
    out["Employment"] = pd.array([emp["value"].get(y) if y in emp.index else None for y in ys], dtype="Int64")
    out[f"Median {basis} wage, as published"] = [nominal["median"].get(y) if y in nominal.index else None for y in ys]
    if real is not None:
        out[f"Median {basis} wage, {d.basis} (CPI-U)"] = [
            round(real["median"].get(y), digits) if y in real.index and pd.notna(real["median"].get(y)) else None
            for y in ys
        ]
    flags = nominal["median_top_coded"] if len(nominal) else pd.Series(dtype=bool)
    out["Median top-coded (≥ bound)"] = [bool(flags.get(y, False)) for y in ys]
    return out


@per_argument(256)
def _profile_figure(ds: Dataset, soc: str, hourly: bool) -> Figure:
    t = profile_table(ds, soc, hourly)
    ys = list(t["May"])
    basis = "hourly" if hourly else "annual"
    wage_cols = [c for c in t.columns if c.startswith(f"Median {basis} wage")]
    top = t["Median top-coded (≥ bound)"].astype(bool)
    fig = Figure()
    emp = [None if pd.isna(v) else float(v) for v in t["Employment"]]
    fig.add_scatter(
        x=ys, y=emp, mode="lines+markers", name="Employment", connectgaps=False, yaxis="y",
        line=dict(color=PALETTE[0], width=3), marker=dict(size=6, color=PALETTE[0]),
        customdata=[count(v) for v in emp], hovertemplate="May %{x}: %{customdata} jobs<extra></extra>",
    )  # fmt: skip
    for i, col in enumerate(wage_cols):
        values = [None if (pd.isna(v) or capped) else float(v) for v, capped in zip(t[col], top, strict=True)]
        label = "as published" if i == 0 else col.split(", ", 1)[1]
        colour = PALETTE[1] if i == 0 else PALETTE[2]
        fig.add_scatter(
            x=ys, y=values, mode="lines+markers", name=f"Median {basis} wage, {label}", connectgaps=False, yaxis="y2",
            line=dict(color=colour, width=3 if i == 0 else 2, dash="solid" if i == 0 else "dot"),
            marker=dict(size=6, color=colour), customdata=[money(v, hourly=hourly) for v in values],
            meta=[label], hovertemplate="May %{x}: %{customdata} (%{meta[0]})<extra></extra>",
        )  # fmt: skip
    if top.any():
        col = wage_cols[0]
        fig.add_scatter(
            x=[y for y, c in zip(ys, top, strict=True) if c], y=list(t.loc[top, col].astype(float)), mode="markers",
            yaxis="y2", name="Median top-coded (≥, a lower bound)",
            marker=dict(symbol="triangle-up", size=11, color=MUTED),
            hovertemplate="May %{x}: ≥ %{y:,.0f} (BLS top code, a lower bound)<extra></extra>",
        )  # fmt: skip
    fig.update_layout(
        yaxis=dict(domain=[0.56, 1], title="Employment", rangemode="tozero", tickformat=","),
        yaxis2=dict(domain=[0, 0.44], title=f"Median {basis} wage", tickprefix="$", tickformat=",.2f" if hourly else ",.0f"),
        xaxis=dict(anchor="y2", dtick=2, range=[ys[0] - 0.5, ys[-1] + 0.5], title="May of each year"),
    )  # fmt: skip
    return _layout(fig, 380, name="National employment and median wage by year")


def profile_figure(ds: Dataset, soc: str, hourly: bool) -> Figure:
    """The two small panels (employment above, the median wage below), a fresh copy for the page to title."""
    return _profile_figure(ds, soc, hourly).copy()


# --- the printable brief ---------------------------------------------------------------------------------

SVG_W, SVG_H = 700, 85
LEFT, RIGHT, TOP, BOTTOM = 70, 90, 16, 28


def employment_svg(ds: Dataset, soc: str) -> str:
    """National employment by year as inline SVG: one path per unbroken run (a gap is never joined), the
    first and last figures labelled, every year on the axis."""
    t = profile_table(ds, soc, False)
    ys = list(t["May"])
    vals = [None if pd.isna(v) else float(v) for v in t["Employment"]]
    known = [v for v in vals if v is not None]
    title = f"National employment, OEWS {span(ds)}"
    if not known:
        return ""
    hi = max(known) * 1.1 or 1.0
    plot_w, plot_h = SVG_W - LEFT - RIGHT, SVG_H - TOP - BOTTOM

    def x(y: int) -> float:
        return LEFT + (y - ys[0]) / max(ys[-1] - ys[0], 1) * plot_w

    def yv(v: float) -> float:
        return TOP + plot_h - v / hi * plot_h

    parts = [
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#999"/>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" font-size="9" fill="#555" text-anchor="end">0</text>',
        f'<text x="{LEFT - 6}" y="{yv(max(known)) + 3:.1f}" font-size="9" fill="#555" text-anchor="end">'
        f"{escape(count(max(known)))}</text>",
    ]
    run: list[str] = []
    for y, v in [*zip(ys, vals, strict=True), (None, None)]:
        if v is None:
            if len(run) > 1:
                parts.append(
                    f'<path class="trend" d="M{" L".join(run)}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
                )
            run = []
        else:
            run.append(f"{x(y):.1f},{yv(v):.1f}")
    for y, v in zip(ys, vals, strict=True):
        parts.append(f'<text x="{x(y):.1f}" y="{SVG_H - 10}" font-size="9" fill="#555" text-anchor="middle">{y}</text>')
        if v is None:
            parts.append(
                f'<text x="{x(y):.1f}" y="{TOP + plot_h - 4}" font-size="8" fill="#555" text-anchor="middle">n/r</text>'
            )
        else:
            parts.append(f'<circle cx="{x(y):.1f}" cy="{yv(v):.1f}" r="2.5" fill="{PALETTE[0]}"/>')
    first = next(i for i, v in enumerate(vals) if v is not None)
    last = max(i for i, v in enumerate(vals) if v is not None)
    for i, anchor, dx in ((first, "start", 4), (last, "end", -4)):
        parts.append(
            f'<text x="{x(ys[i]) + dx:.1f}" y="{yv(vals[i]) - 7:.1f}" font-size="11" font-weight="bold" '
            f'text-anchor="{anchor}">{escape(count(vals[i]))}</text>'
        )
    return (
        f'<svg class="chart trend" role="img" aria-label="{escape(title)}" width="{SVG_W}" height="{SVG_H}" '
        f'viewBox="0 0 {SVG_W} {SVG_H}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )


def brief_html(ds: Dataset, soc: str) -> str:
    """The brief's trend section: the SVG, the read-aloud sentences (trends.paragraph), whose figures they are."""
    if not trends.available(ds):
        return ""
    svg = employment_svg(ds, soc)
    lin = soc_.lineage(ds, soc)
    name = ds.occupations.loc[soc, "title"] if soc in ds.occupations.index else soc
    breaks = " ".join(b.sentence(name) for b in lin.breaks) if lin.breaks else ""
    d = trends.deflator(ds)
    return (
        f"<section><h2>Trend: United States, OEWS {escape(span(ds))}</h2>"
        + svg
        + f'<p>{escape(trends.paragraph(ds, soc))}</p><p class="note">National OEWS estimates (wage and salary jobs), '
        "whatever area the brief is for; not Employment Projections figures. n/r: not released, or another code "
        "then (the line breaks there)."
        + (f" {escape(breaks)}" if breaks else "")
        + (f" {escape(d.note)}" if d is not None else "")
        + "</p></section>"
    )


def brief_sources(ds: Dataset) -> list[str]:
    """The trend's sources, for the brief's Sources section (plain text; the brief escapes it)."""
    if not trends.available(ds):
        return []
    cpi = trends.deflator(ds) is not None
    return [
        SOURCES[k]["title"] for k in ("oews_history", "soc_crosswalk", "cpi") if k in SOURCES and (k != "cpi" or cpi)
    ]
