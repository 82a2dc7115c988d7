"""The app benchmarks/chart_element.py times: one filter, one metric, one 770-bubble chart drawn either by
Streamlit's chart element or by a chart element of our own (a Streamlit custom component that keeps its
chart and hands plotly.js each new figure in place). A measurement, not part of the dashboard: the own
element has no toolbar, full-screen view or accessible name.

Run from a folder holding it as app.py and plotly.js as static/plotly.min.js (`--server.enableStaticServing`).
"""

import os

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

DATA = os.environ["CHART_ELEMENT_DATA"]  # data/growth_projections.csv
df = pd.read_csv(DATA, dtype={"soc_code": str})
df = df[df["occupation_type"] == "line item"].dropna(subset=["change_pct", "median_wage_base_year"])
group = st.selectbox("Major group", sorted(df["soc_code"].str[:2].unique()))
st.metric("Occupations in group", f"{(df['soc_code'].str[:2] == group).sum():,}")
fig = go.Figure()
mine = df["soc_code"].str[:2] == group
biggest = df["openings_annual"].max()
for rows, colour, name in ((~mine, "#767676", "other groups"), (mine, "#0b5cad", f"group {group}")):
    d = df[rows]
    fig.add_scatter(
        x=d["change_pct"],
        y=d["median_wage_base_year"],
        mode="markers",
        name=name,
        marker=dict(
            size=d["openings_annual"].clip(lower=100),
            sizemode="area",
            sizeref=2.0 * biggest / 42**2,
            sizemin=3,
            color=colour,
            line=dict(width=0.5, color="white"),
            opacity=0.85,
        ),
    )
fig.update_layout(
    height=520,
    title=f"Group {group}",
    template="plotly_white",
    margin=dict(l=80, r=10, t=40, b=60),
    xaxis=dict(automargin=False),
    yaxis=dict(automargin=False),
    datarevision=group,
)
if os.environ.get("CHART_ELEMENT", "streamlit") == "streamlit":
    st.plotly_chart(fig, theme=None)
else:
    JS = """
export default function (component) {
  const { data, parentElement } = component;
  let el = parentElement.querySelector('div.own-plot');
  if (!el) {
    el = document.createElement('div');
    el.className = 'own-plot';
    parentElement.appendChild(el);
  }
  const fig = JSON.parse(data);
  const draw = () => window.Plotly.react(el, fig.data, fig.layout, { displaylogo: false, responsive: true });
  if (window.Plotly) return draw();
  window.__plotly = window.__plotly || new Promise((ok) => {
    const s = document.createElement('script');
    s.src = './app/static/plotly.min.js';
    s.onload = ok;
    document.head.appendChild(s);
  });
  window.__plotly.then(draw);
}
"""
    st.components.v2.component("own_chart", js=JS, isolate_styles=False)(data=fig.to_json(), key="chart")
