"""Slides on every page: "Download slides (.pptx)" and "Add to slides" under the page, the Slides panel in the sidebar."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from dashboard.core.safe import md
from dashboard.data.dataset import Dataset
from dashboard.web import params, ui
from dashboard.web.pages import PageSpec

KEY = "_slides"  # the links of the views this visitor collected, in the deck's order
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def this_link(name: str) -> str:
    """The open view's link, as the address bar has it (the parameters the page reads, without present=1)."""
    return params.link(name, ui.address(), present=None)


def collected() -> list[str]:
    return st.session_state.setdefault(KEY, [])


def _move(i: int, step: int) -> None:
    links = collected()
    j = i + step
    if 0 <= j < len(links):
        links[i], links[j] = links[j], links[i]


def _remove(i: int) -> None:
    collected().pop(i)


def server() -> str:
    """The address the app is served at ("https://host"), so a slide's link back opens; "" outside a browser."""
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:  # no browser context (AppTest, bare mode)
        return ""
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def build(ds: Dataset, links: list[str], base: str = "") -> bytes:
    """The deck of `links` (views a link cannot make are left out: /slides says why). python-pptx is imported
    here, when a deck is asked for, not with every page: it costs a server 13 MB (benchmarks/memory.py)."""
    from dashboard.web import deck

    views = [(p, v) for p, v, _ in (deck.read_link(ds, x) for x in links[: params.MAX_VIEWS]) if p]
    return deck.build(ds, views, base=base)


def draw(page: PageSpec, ds: Dataset) -> None:
    """Under the page (the frame draws it): this view as a deck and "Add to slides"; the collected views in the
    sidebar once there are any. The buttons sit under the page, not in the sidebar, so the keyboard reaches the
    page's own controls and tables first."""
    if ui.presenting() or page.name == "slides":
        return
    link = this_link(page.name)
    base = server()
    now = ui.live("address")  # a section that reruns alone (ui.section) moves the address after this run
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download slides (.pptx)",
        lambda: build(ds, [params.link(page.name, now.query, present=None)], base),  # made when clicked
        file_name=f"slides-{page.name}.pptx",
        mime=PPTX,
        key="dl-slides",
        icon=":material/slideshow:",
        help="This view as a PowerPoint deck: native charts you can restyle, sources on every slide, the words "
        "to say in the notes.",
        on_click="ignore",
    )
    links = collected()
    if c2.button(
        "Add to slides",
        key="add-slides",
        icon=":material/add:",
        disabled=len(links) >= params.MAX_VIEWS,
        help="Collect this view for a deck of several views: the Slides panel in the sidebar lists them.",
    ):
        if link not in links:
            links.append(link)
    if not links:
        return
    box = st.sidebar.container(border=True)
    box.markdown("**Slides**")
    box.caption(f"{len(links)} view{'' if len(links) == 1 else 's'} in the deck:")
    for i, x in enumerate(links):
        c1, c2, c3, c4 = box.columns([6, 1, 1, 1], vertical_alignment="center")
        c1.caption(md(f"{i + 1}. {x}"))
        c2.button("↑", key=f"slide-up-{i}", on_click=_move, args=(i, -1), disabled=i == 0, help="Earlier")
        c3.button("↓", key=f"slide-down-{i}", on_click=_move, args=(i, 1), disabled=i == len(links) - 1, help="Later")
        c4.button("✕", key=f"slide-remove-{i}", on_click=_remove, args=(i,), help="Remove from the deck")
    snapshot = list(links)
    box.download_button(
        f"Download the deck ({len(links)} views)",
        lambda: build(ds, snapshot, base),
        file_name="slides.pptx",
        mime=PPTX,
        key="dl-deck",
        icon=":material/download:",
        on_click="ignore",
    )
    box.markdown(
        f"[The deck as a link]({params.slides_link(snapshot)})",
        help="Bookmark it: the same views, downloaded again with the data of the day.",
    )
