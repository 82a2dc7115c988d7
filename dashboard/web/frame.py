"""The frame app.py runs around every page: data guard, the link's view and problems before; source footer after.

A view starts with `ds, v = frame.current()`, registers its footnotes with `frame.note(...)` and, to end early,
calls `frame.stop()` (the footer is still drawn). It never draws the guard, the problems or the footer itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

import streamlit as st

from dashboard.data.dataset import Dataset
from dashboard.web import slides_panel, ui
from dashboard.web.pages import PageSpec
from dashboard.web.params import View

KEY = "_frame"  # in the session: each visitor's run has its own page, view and notes


@dataclass
class Frame:
    page: PageSpec
    ds: Dataset
    view: View
    notes: list[str] = field(default_factory=list)  # the footer's notes, below the source line
    nav: Any = None  # the sidebar's place for the pages' links, filled after the page (ui.page_links)


def before(page: PageSpec) -> None:
    """Everything a page shows above its own content: the stylesheet, the data guard (which stops with the
    list of problems when the data folder cannot be used), then the link's problems with the view it asks for."""
    ui.apply_present_mode()
    nav = None if ui.presenting() else st.sidebar.container()  # at the top of the sidebar
    ds = ui.require_data()
    st.session_state[KEY] = Frame(page, ds, ui.read_view(ds, page.name), nav=nav)
    if not page.problems_below_intro:
        show_problems()


def current() -> tuple[Dataset, View]:
    """The dataset and the view the link asks this page for (checked by params.py)."""
    f = _frame()
    return f.ds, f.view


def show_problems() -> None:
    """The link's problems, and buttons for the occupations they suggest. The frame shows them before the page,
    unless the page declares it shows its intro first (PageSpec.problems_below_intro) and calls this itself."""
    v = _frame().view
    ui.show_problems(v.problems, v.suggestions, v.area)  # suggestions only come on pages with a title search


def note(*lines: str) -> None:
    """Footnotes for the source footer (Markdown; data in them is escaped when drawn)."""
    _frame().notes.extend(lines)


def after() -> None:
    """The source footer, with the notes the page registered."""
    f = _frame()
    if f.nav is not None:  # after the page: its links carry what the page shows now
        ui.page_links(f.nav, f.ds, f.page)
    slides_panel.draw(f.page, f.ds)  # this view as slides, and the deck collected across pages
    ui.source_footer(f.ds, f.notes)


def stop() -> NoReturn:
    """End the page here: the source footer, then nothing more (st.stop)."""
    after()
    st.stop()


def _frame() -> Frame:
    return st.session_state[KEY]
