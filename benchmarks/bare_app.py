"""The floor: a bare Streamlit app that reads one CSV and draws one plotly chart, with one filter.

Started by the benchmarks beside the dashboard, with the same Streamlit and the same machine, so
the dashboard's figures can be read as ratios of what Streamlit itself costs here.
"""

import os
import time
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

started = time.perf_counter()
DATA = Path(__file__).resolve().parent.parent / "data" / "growth_projections.csv"
df = pd.read_csv(DATA, dtype={"soc_code": str})
df = df[df["occupation_type"] == "line item"]
group = st.selectbox("Major group", sorted(df["soc_code"].str[:2].unique()))
d = df[df["soc_code"].str[:2] == group].nlargest(15, "employment_target")
st.metric("Occupations in group", f"{(df['soc_code'].str[:2] == group).sum():,}")
st.plotly_chart(px.bar(d, x="employment_target", y="soc_code", orientation="h", title=f"Group {group}"))
if os.environ.get("WORKFORCE_TIMINGS"):
    with open(os.environ["WORKFORCE_TIMINGS"], "a") as fh:
        fh.write(f"bare\t{(time.perf_counter() - started) * 1000:.1f}\n")
