"""Each chart twice, for tests/test_browser.py: with Streamlit's chart theme applied by Streamlit (the figure
with a template, theme="streamlit"), then with the theme written into the figure (`Figure.drawn`, theme=None),
as the app draws every chart. The two must look the same; `present=1` does it in presenter view's sizes."""

import pandas as pd
import streamlit as st

from dashboard.present import charts
from dashboard.present.figure import Figure
from dashboard.web import ui

ui.apply_present_mode()  # the app's stylesheets: presenter view's larger root size is what Streamlit's theme reads
presenter = ui.presenting()
percentiles = pd.DataFrame(
    {
        "place": ["Michigan"] * 5 + ["United States"] * 5,
        "percentile": ["10th", "25th", "50th", "75th", "90th"] * 2,
        "wage": [52_000, 71_000, 98_000, 131_000, 239_200, 50_000, 69_000, 95_000, 128_000, 239_200],
        "label": ["$52,000", "$71,000", "$98,000", "$131,000", "≥ $239,200"] * 2,
        "top_coded": [False, False, False, False, True] * 2,
    }
)
states = pd.DataFrame(
    {
        "state": ["MI", "OH", "TX", "CA", "WY"],
        "value": [98_000.0, 91_000.0, 104_000.0, 131_000.0, None],
        "label": ["$98,000", "$91,000", "$104,000", "$131,000", "not released"],
        "reliability": ["", "", "", "", ""],
    }
)
split = pd.DataFrame(
    {"component": ["Growth", "Labor force exits", "Occupational transfers"], "openings": [800, 6000, 9000]}
)
years = ["2019–20", "2020–21", "2021–22", "2022–23", "2023–24"]
two = Figure()
for i, (name, ys) in enumerate(
    {"Certificate": [170, 224, 246, 268, 220], "Associate's": [135, 134, 160, 181, 180]}.items()
):
    two.add_scatter(x=years, y=ys, name=name, mode="lines+markers", line_color=charts.PALETTE[i])
    two.add_scatter(x=years, y=[v * 90 for v in ys], name=name, mode="lines+markers", xaxis="x2", yaxis="y2",
                    line_color=charts.PALETTE[i], showlegend=False)  # fmt: skip
two.update_layout(xaxis_domain=[0, 0.45], xaxis2=dict(domain=[0.55, 1], anchor="y2"), yaxis2=dict(anchor="x2"))
trend = Figure().add_scatter(x=list(range(2013, 2026)), y=[165 + 7 * i for i in range(13)], mode="lines")
trend.update_layout(title=dict(text="Employment, thousands"), yaxis_title="Jobs (thousands)")

figures = {
    "bars": charts.hbars([3, 1, 2], ["Welders", "Machinists", "Assemblers"], "Employment"),
    "percentiles": charts.wage_percentiles(percentiles, hourly=False),
    "openings": charts.openings_split(split, "2024–34"),
    "map": charts.us_map(states, "Median annual wage", chosen="MI"),
    "subplots": two,
    "trend": trend,
}
for name, fig in figures.items():
    if presenter:
        charts.for_projector(fig)
    ours = fig.drawn(presenter)
    fig.update_layout(margin=ours.to_dict()["layout"]["margin"])  # the margins both ways: what differs is the theme
    st.plotly_chart(fig.plotly(), key=f"stock-{name}")
    st.plotly_chart(ours, key=f"ours-{name}", theme=None)
