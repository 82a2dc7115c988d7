"""Pure plotly: frames in, figures out; one colour-blind-safe palette, one number format."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

# Okabe–Ito: distinguishable with every common colour-vision deficiency
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PALETTE_LONG = PALETTE + [
    "#7F7F7F",
    "#8C564B",
    "#17BECF",
    "#9467BD",
    "#BCBD22",
    "#1F77B4",
    "#AEC7E8",
    "#FFBB78",
    "#98DF8A",
    "#FF9896",
    "#C5B0D5",
    "#C49C94",
    "#F7B6D2",
    "#DBDB8D",
    "#9EDAE5",
]
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)


def _layout(fig: go.Figure, height: int = 420) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        hoverlabel=dict(font_size=13),
    )
    return fig


def opportunity(
    df: pd.DataFrame, color: str, median_wage: float, avg_growth: float, categories: list[str] | None = None
) -> go.Figure:
    """Median annual wage against projected growth; bubble = annual openings.

    categories fixes each group's colour, so a group keeps its colour whatever the filters leave.
    """
    d = df.dropna(subset=["annual_median", "change_pct"]).copy()
    d["openings_size"] = d["openings_annual"].fillna(0).clip(lower=100)
    d["wage_label"] = [
        ("≥ " if t else "") + f"${w:,.0f}" for w, t in zip(d["annual_median"], d["median_top_coded"], strict=True)
    ]
    d["openings_label"] = d["openings_annual"].map(lambda v: "not released" if pd.isna(v) else f"{int(v):,}")
    label = {"major_title": "Major group", "education": "Typical education"}[color]
    fig = px.scatter(
        d,
        x="change_pct",
        y="annual_median",
        size="openings_size",
        color=color,
        size_max=42,
        custom_data=["soc_code", "title", "wage_label", "openings_label"],
        color_discrete_map=dict(zip(categories, PALETTE_LONG, strict=False)) if categories else None,
        category_orders={color: categories} if categories else None,
        color_discrete_sequence=PALETTE_LONG,
        labels={color: label},
    )
    fig.update_traces(
        hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]})<br>Median wage: %{customdata[2]}"
        "<br>Growth 2024–34: %{x:+.1f}%<br>Openings a year: %{customdata[3]}<extra></extra>",
        marker=dict(line=dict(width=0.5, color="white"), opacity=0.8),
    )
    fig.add_hline(
        y=median_wage,
        line_dash="dot",
        line_color="#555",
        annotation_text=f"All occupations median ${median_wage:,.0f}",
        annotation_position="top left",
    )
    fig.add_vline(
        x=avg_growth,
        line_dash="dot",
        line_color="#555",
        annotation_text=f"Average growth {avg_growth:.1f}%",
        annotation_position="top right",
    )
    fig.update_xaxes(title="Projected employment change 2024–34", ticksuffix="%", zeroline=False)
    fig.update_yaxes(title="Median annual wage", tickprefix="$", tickformat=",.0f")
    return _layout(fig, 520)


def wage_percentiles(df: pd.DataFrame, hourly: bool) -> go.Figure:
    """Grouped bars of the five percentiles, area beside the nation; top-coded bars hatched."""
    fig = go.Figure()
    for i, (place, d) in enumerate(df.groupby("place", sort=False)):
        fig.add_bar(
            x=d["percentile"],
            y=d["wage"],
            name=place,
            marker_color=PALETTE[i],
            marker_pattern_shape=["/" if t else "" for t in d["top_coded"]],
            text=d["label"],
            textposition="outside",
            customdata=d["label"],
            hovertemplate=f"{place}<br>%{{x}} percentile: %{{customdata}}<extra></extra>",
        )
    fig.update_yaxes(
        title="Hourly wage" if hourly else "Annual wage", tickprefix="$", tickformat=",.2f" if hourly else ",.0f"
    )
    fig.update_layout(barmode="group")
    return _layout(fig, 380)


def openings_split(df: pd.DataFrame) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=df["openings"],
            y=df["component"],
            orientation="h",
            marker_color=PALETTE[:3],
            text=[f"{v:,}" for v in df["openings"]],
            textposition="auto",
            hovertemplate="%{y}: %{x:,} openings a year<extra></extra>",
        )
    )
    fig.update_xaxes(title="Openings a year (2024–34 average)", tickformat=",")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, 240)


def industries(df: pd.DataFrame, value: str) -> go.Figure:
    d = df.dropna(subset=[value])
    money_axis = value == "annual_median"
    text = (
        [("≥ " if t else "") + f"${v:,.0f}" for v, t in zip(d[value], d["top_coded"], strict=True)]
        if money_axis
        else [f"{int(v):,}" for v in d[value]]
    )
    fig = go.Figure(
        go.Bar(
            x=d[value],
            y=d["industry"],
            orientation="h",
            marker_color=PALETTE[0] if not money_axis else PALETTE[2],
            text=text,
            textposition="auto",
            customdata=text,
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title="Median annual wage in the industry" if money_axis else "Employment",
        tickformat="$,.0f" if money_axis else ",",
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, 60 + 32 * max(len(d), 1))
