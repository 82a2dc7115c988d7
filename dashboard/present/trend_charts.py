"""Pure plotly for the trends page: lines with gaps where BLS published nothing or the occupation changed,
top-coded years as bounds (▲ "≥"), percentile bands, and EP vintages (EP's own counts only)."""

from __future__ import annotations

import pandas as pd

from dashboard.core.formatting import at_least, count, money
from dashboard.core.safe import cut
from dashboard.domain import soc as soc_
from dashboard.domain import trends as trends_
from dashboard.domain.derived import per_argument
from dashboard.present.charts import _layout
from dashboard.present.figure import Figure
from dashboard.present.theme import FAINT_FILL, LINES, MUTED, PALETTE

BAND_DARK = "#7FAFD4"


def _label(v, top: bool, what: str, hourly: bool, indexed: bool) -> str:
    if pd.isna(v):
        return "not released"
    if indexed:
        return at_least(f"{v:.1f}") if top else f"{v:.1f}"
    return count(v) if what == "employment" else money(v, top, hourly)


def _runs(ok: list[bool]) -> list[list[int]]:
    """The positions of each run of consecutive True values: [F, T, T, F, T] -> [[1, 2], [4]]."""
    runs: list[list[int]] = []
    for k, good in enumerate(ok):
        if good and runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        elif good:
            runs.append([k])
    return runs


def lines(
    df: pd.DataFrame, years: list[int], what: str, hourly: bool, indexed: bool, bands: bool, ytitle: str | None = None
) -> Figure:
    """One line per occupation over every year (a year with no value is a gap, never 0 or a joined line);
    top-coded values are triangles marked ≥ and are not joined; one occupation's wage shows its bands.
    `ytitle` names the figure on the axis (a wage says its dollars: "Median annual wage (May 2025 dollars)")."""
    fig = Figure()
    for i, (soc, grp) in enumerate(df.groupby("soc_code", sort=False)):
        colour = LINES[i % len(LINES)]
        g = grp.set_index("year").reindex(years)
        name = cut(f"{grp['title'].iloc[0]} ({soc})", 80)
        top = g["top_coded"].fillna(False).astype(bool)
        if bands and what == "wage":
            for lo, hi, fill, label in (
                ("p10", "p90", FAINT_FILL, "10th–90th percentile"),
                ("p25", "p75", BAND_DARK, "25th–75th percentile"),
            ):
                lo_v = g[lo].where(~g[f"{lo}_top_coded"].fillna(False).astype(bool))
                hi_v = g[hi].where(~g[f"{hi}_top_coded"].fillna(False).astype(bool))
                # one filled band per run of years with both edges released and exact: a fill drawn across a
                # gap or a top-coded year joined the years either side with a wedge (plotly fills past gaps)
                for j, run in enumerate(_runs(list(lo_v.notna() & hi_v.notna()))):
                    xs = [years[k] for k in run]
                    fig.add_scatter(
                        x=xs, y=lo_v.iloc[run], mode="lines", line=dict(width=0), showlegend=False, hoverinfo="skip"
                    )
                    fig.add_scatter(
                        x=xs,
                        y=hi_v.iloc[run],
                        mode="lines",
                        line=dict(width=0),
                        fill="tonexty",
                        fillcolor=fill,
                        name=label,
                        legendgroup=f"{soc}-{label}",
                        showlegend=j == 0,
                        hoverinfo="skip",
                    )
                capped = g[f"{hi}_top_coded"].fillna(False).astype(bool)
                if capped.any():
                    fig.add_scatter(
                        x=[y for y, c in zip(years, capped, strict=True) if c],
                        y=g.loc[capped, hi],
                        mode="markers",
                        marker=dict(symbol="triangle-up", size=10, color=MUTED),
                        name=f"{label[-15:]}: top-coded (≥)",
                        hovertemplate="%{x}: ≥ %{y:,.0f} (BLS top code, a lower bound)<extra></extra>",
                    )
        shown = g["value"].where(~top)
        text = [_label(v, t, what, hourly, indexed) for v, t in zip(g["value"], top, strict=True)]
        fig.add_scatter(
            x=years,
            y=shown,
            mode="lines+markers",
            name=name,
            connectgaps=False,
            line=dict(color=colour, width=3),
            marker=dict(color=colour, size=7),
            customdata=[[t, c if isinstance(c, str) else ""] for t, c in zip(text, g["code"], strict=True)],
            meta=[name],
            hovertemplate="%{meta[0]}<br>May %{x}: %{customdata[0]} (code %{customdata[1]})<extra></extra>",
        )
        if top.any():
            fig.add_scatter(
                x=[y for y, t in zip(years, top, strict=True) if t],
                y=g.loc[top, "value"],
                mode="markers",
                marker=dict(symbol="triangle-up", size=12, color=colour),
                name=cut(f"{grp['title'].iloc[0]}: ≥ top code", 80),
                hovertemplate="May %{x}: ≥ %{y:,.0f} (BLS top code, a lower bound)<extra></extra>",
            )
    ytitle = ytitle or (
        "Index, first common year = 100" if indexed else ("Employment" if what == "employment" else "Wage")
    )
    fig.update_xaxes(title="May of each year", dtick=1, range=[years[0] - 0.5, years[-1] + 0.5])
    fig.update_yaxes(title=ytitle, rangemode="tozero" if what == "employment" and not indexed else "normal")
    if not indexed and what == "wage":
        fig.update_yaxes(tickprefix="$", tickformat=",.2f" if hourly else ",.0f")
    return _layout(fig, 460, name="Trend lines by year")


def vintages(v: pd.DataFrame) -> Figure:
    """Each EP vintage: base-year employment (a dot) and its projection (a dotted segment), EP's counts only."""
    fig = Figure()
    fig.add_scatter(
        x=v["base_year"],
        y=v["employment_base"],
        mode="lines+markers",
        name="EP base-year employment",
        line=dict(color=PALETTE[0], width=3),
        marker=dict(size=8),
        customdata=v["vintage"],
        hovertemplate="%{x} (EP %{customdata}): %{y:,.0f}<extra></extra>",
    )
    for i, (_, r) in enumerate(v.iterrows()):
        fig.add_scatter(
            x=[r["base_year"], r["target_year"]],
            y=[r["employment_base"], r["employment_target"]],
            mode="lines+markers",
            line=dict(color=PALETTE[1], width=1.5, dash="dot"),
            # sizes given as a list make a "bubble" trace, which plotly.js would draw at 0.7 opacity
            marker=dict(symbol=["circle", "diamond"], size=[1, 8], opacity=1),
            name="Projected (each vintage)",
            showlegend=i == 0,
            legendgroup="proj",
            meta=[r["vintage"], r["target_year"]],
            hovertemplate="EP %{meta[0]}: projected %{y:,.0f} in %{meta[1]}<extra></extra>",
        )
    fig.update_xaxes(title="Year", dtick=2)
    fig.update_yaxes(title="Employment (EP, self-employed included)", rangemode="tozero")
    return _layout(fig, 420, name="Employment Projections vintages")


# --- memoised per data set and choice: a rerun copies the built figure (about a third of the cost) -----------


def money_basis(ds, real: bool) -> str:
    """What a wage's dollars are: "in May 2025 dollars" (restated with CPI-U) or "as published"."""
    return f"in {trends_.deflator(ds).basis}" if real else "as published"


def axis_title(ds, what: str, hourly: bool, real: bool, index_year: int | None) -> str:
    """The y axis: the figure and, for a wage, its dollars ("Median annual wage (May 2025 dollars)")."""
    figure = "Employment" if what == "employment" else f"Median {'hourly' if hourly else 'annual'} wage"
    if index_year is not None:
        return f"{figure}, index May {index_year} = 100"
    return figure if what == "employment" else f"{figure} ({money_basis(ds, real).removeprefix('in ')})"


@per_argument(128)
def _trend_view(ds, roles: tuple[str, ...], what: str, hourly: bool, real: bool, index: bool, since: int | None):

    df = trends_.frame(ds, list(roles), what, hourly, real)
    years = list(soc_.years(ds))
    index_year = None
    shown = df
    if index and not df.empty:
        shown, index_year = trends_.indexed(df, [r for r in roles if r in set(df["soc_code"])], since)
        if index_year is None:
            shown = df
    ytitle = axis_title(ds, what, hourly, real, index_year)
    fig = (
        lines(shown, years, what, hourly, index_year is not None, bands=len(roles) == 1, ytitle=ytitle)
        if not shown.empty
        else None
    )
    return df, shown, index_year, fig


def trend_view(ds, roles: list[str], what: str, hourly: bool, real: bool, index: bool, since: int | None = None):
    """(frame, frame as shown, index base year or None, a fresh copy of the figure or None). An index is based
    on the first year every occupation has a released figure (`since` or later, when given)."""
    df, shown, index_year, fig = _trend_view(ds, tuple(roles), what, hourly, real, index, since)
    return df, shown, index_year, (fig.copy() if fig is not None else None)


@per_argument(128)
def _vintages_figure(ds, soc: str) -> Figure:

    return vintages(trends_.vintages(ds, soc))


def vintages_figure(ds, soc: str) -> Figure:
    return _vintages_figure(ds, soc).copy()
