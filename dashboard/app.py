"""Entry point: page config and navigation, nothing else."""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="Workforce Outlook", page_icon="📈", layout="wide")
page = st.navigation(
    [
        st.Page(PAGES / "explore.py", title="Explore", icon="🔎", url_path="explore", default=True),
        st.Page(PAGES / "occupation.py", title="Occupation profile", icon="👷", url_path="occupation"),
    ]
)
page.run()
