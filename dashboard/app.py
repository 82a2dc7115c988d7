"""Entry point: page config and navigation, nothing else."""

import os
import time
from pathlib import Path

import streamlit as st

from dashboard import ui

PAGES = Path(__file__).resolve().parent / "views"
ICON = PAGES.parent / "assets" / "icon.png"  # a local file: a Material icon favicon is fetched from Google

st.set_page_config(page_title="Workforce Outlook", page_icon=str(ICON), layout="wide")
page = st.navigation(
    [
        st.Page(
            PAGES / "explore.py", title="Explore", icon=":material/travel_explore:", url_path="explore", default=True
        ),
        st.Page(PAGES / "occupation.py", title="Occupation profile", icon=":material/badge:", url_path="occupation"),
        st.Page(PAGES / "industry.py", title="Industry", icon=":material/factory:", url_path="industry"),
        st.Page(PAGES / "geography.py", title="Geography", icon=":material/map:", url_path="geography"),
        st.Page(PAGES / "compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
        st.Page(PAGES / "pathways.py", title="Career pathways", icon=":material/stairs:", url_path="pathways"),
    ],
    position="hidden" if ui.presenting() else "sidebar",
)
ui.apply_present_mode()
# Measurement hooks for benchmarks/ (off unless their variables are set):
# WORKFORCE_TIMINGS=file appends "page<TAB>milliseconds" per run; WORKFORCE_PROFILE=file appends a pyinstrument report.
profiler = None
if os.environ.get("WORKFORCE_PROFILE"):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
started = time.perf_counter()
try:
    page.run()
finally:
    ms = (time.perf_counter() - started) * 1000
    if os.environ.get("WORKFORCE_TIMINGS"):
        with open(os.environ["WORKFORCE_TIMINGS"], "a") as fh:
            fh.write(f"{page.url_path or 'explore'}\t{ms:.1f}\n")
    if profiler is not None:
        profiler.stop()
        with open(os.environ["WORKFORCE_PROFILE"], "a") as fh:
            fh.write(f"=== {page.url_path} {ms:.0f} ms\n{profiler.output_text(color=False, show_all=False)}\n")
