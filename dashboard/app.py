"""Entry point: page config and navigation, nothing else."""

from pathlib import Path

import streamlit as st

from dashboard.web import store, ui
from dashboard.web.pages import PAGES
from dashboard.web.profiling import measured

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"  # a local file: a Material icon favicon is fetched

st.set_page_config(page_title="Workforce Outlook", page_icon=str(ICON), layout="wide")
page = st.navigation(
    [st.Page(p.file, title=p.title, icon=p.icon, url_path=p.name, default=p.default) for p in PAGES],
    position="hidden" if ui.presenting() else "sidebar",
)
ui.apply_present_mode()
with measured(page.url_path or "explore"):
    page.run()
store.page_drawn()  # serve's background warm-up waits for the first page, so it never slows that one
