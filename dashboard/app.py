"""Entry point: page config and navigation, nothing else."""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="Workforce Outlook", page_icon=":material/trending_up:", layout="wide")
page = st.navigation(
    [
        st.Page(
            PAGES / "explore.py", title="Explore", icon=":material/travel_explore:", url_path="explore", default=True
        ),
        st.Page(PAGES / "occupation.py", title="Occupation profile", icon=":material/badge:", url_path="occupation"),
    ]
)
page.run()
