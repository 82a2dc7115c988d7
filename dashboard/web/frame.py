"""The frame app.py runs around every page: data guard, the link's view and problems before; source footer after.

A view starts with `ds, v = frame.current()`, registers its footnotes with `frame.note(...)` and, to end early,
calls `frame.stop()` (the footer is still drawn). It never draws the guard, the problems or the footer itself.
A page hands the part of it that its controls change to `frame.view`, which draws it last and redraws it alone when
one of them changes: on the profile the area's part (its national sections stay); on a page whose controls change
everything under its title (Industry, Explore, Programs, …) the controls and all they change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

import streamlit as st

from dashboard.core.safe import md
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
    part: tuple | None = None  # (where, draw, args): the part of the page its main control redraws (`view`)
    full: bool = True  # in the page's full run (False once its part has been drawn: the part's own reruns follow)


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
    """The dataset and the view the link asks this page for (checked by params.py). In a rerun of the page's part
    alone (`view`) it is the view the address holds then, as the part's last run wrote it: a part reads it there,
    not from the page's full run."""
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


def view(where: Any, draw: Callable[..., list[str]], *args: Any) -> None:
    """The part of the page that its main control changes, drawn in the container `where` (made by the page where
    the part belongs, the control's place in it) once the rest of the page and its footer are drawn, as a section
    of its own (ui.section): a change of that control reruns and redraws this part alone, with the sidebar's page
    links and the footer's notes, which carry what it shows; the page's other sections stay as they are. `draw(*args)`
    draws it and returns the footer's notes (after the page's own, `note`). What it writes outside `where` goes into
    containers the page made for it before, which Streamlit (1.67) redraws in place on the part's reruns (a section
    drawn in one must sit in its own `.container()` there, or each rerun adds it again); what a click handled by a
    later run of the page reads of the part goes through ui.live."""
    _frame().part = (where, draw, args)


def after() -> None:
    """The source footer, with the notes the page registered (and those of its `view` part, drawn here)."""
    f = _frame()
    slides_panel.draw(f.page, f.ds)  # this view as slides, and the deck collected across pages
    ui.source_footer(f.ds)
    if f.part is None:
        _links_and_notes(f.ds, f.page, f.nav, st, f.notes)
        return
    notes = st.container()  # the part's run writes them: what it shows changes them
    where, draw, args = f.part
    with where:
        ui.section(_part)(f.ds, f.page, f.nav, notes, f.notes, draw, args)
    f.full = False


def _part(ds: Dataset, here: PageSpec, nav: Any, box: Any, notes: list[str], draw: Callable, args: tuple) -> None:
    """A `view` part's run, the page's or its own: the part, then the sidebar's page links and the footer's notes.
    On its own reruns the view is read again from the address, which its last run wrote (a control changed there)."""
    f = _frame()
    if not f.full:
        f.view = ui.view_of(ds, here.name, st.query_params.to_dict())
    # the notes in a container written on every run, notes or none: Streamlit (1.67) lets a section's rerun write
    # only into outside containers (here `box`) that the page's last full run wrote into
    _links_and_notes(ds, here, nav, box.container(), [*notes, *draw(*args)])


def _links_and_notes(ds: Dataset, here: PageSpec, nav: Any, box: Any, notes: list[str]) -> None:
    """The sidebar's page links (after the page or its part wrote the address: they carry what it shows now) and
    the footer's notes under the source line, in `box`."""
    if nav is not None:
        ui.page_links(nav, ds, here)
    for n in notes:
        box.caption(md(n))


def stop() -> NoReturn:
    """End the page here: the source footer, then nothing more (st.stop)."""
    after()
    st.stop()


def _frame() -> Frame:
    return st.session_state[KEY]
