"""Entry point: page config, navigation, and the frame around every page (web/frame.py)."""

import streamlit as st

from dashboard.web import frame, store, ui
from dashboard.web.pages import ICON, PAGES
from dashboard.web.profiling import measured

with store.admitted():  # runs take turns (one at a time unless set otherwise): store.admitted
    st.set_page_config(page_title="Workforce Outlook", page_icon=ICON, layout="wide")
    # the default page is served at the root ("/"); url_path "" leaves its name free for the same page at
    # /explore too, which a person types or a link names (Streamlit answered it with "Page not found")
    pages = {
        st.Page(p.file, title=p.title, icon=p.icon, url_path="" if p.default else p.name, default=p.default): p
        for p in PAGES
    }
    # the sidebar's links are the frame's (ui.page_links): each carries the occupation and area open here
    ui.register_pages({spec.name: p for p, spec in pages.items()})
    by_name = {st.Page(p.file, title=p.title, icon=p.icon, url_path=p.name): p for p in PAGES if p.default}
    page = st.navigation([*pages, *by_name], position="hidden")
    pages |= by_name
    with measured(pages[page].name):
        frame.before(pages[page])  # stylesheet, data guard, the link's view and its problems
        page.run()
        frame.after()  # the source footer (a page that ends early draws it in frame.stop)
    store.page_drawn()  # serve's background warm-up waits for the first page, so it never slows that one
