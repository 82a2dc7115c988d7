"""Slides on every page: "Download slides (.pptx)" and "Add to slides" under the page, the Slides panel in the sidebar."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl, urlsplit

import streamlit as st

from dashboard.core.codes import NATIONAL
from dashboard.core.safe import cut, md
from dashboard.data.dataset import Dataset
from dashboard.domain import programs as pg
from dashboard.domain.industries import industry_title
from dashboard.domain.onet import cip_title
from dashboard.web import params, ui
from dashboard.web.pages import BY_NAME, PageSpec

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


def view_name(ds: Dataset, page: str, query: Mapping[str, str]) -> str:
    """A view as a person names it, from its page and its link's parameters: "Occupation profile: Registered
    Nurses, Ohio"; a code the data does not know is shown as it is (the deck says what is wrong with it)."""
    spec = BY_NAME.get(page)
    what: list[str] = []
    roles = [r for r in str(query.get("role", "")).split(",") if r]
    titles = ds.occupations["title"]
    what += [str(titles[r]) if r in titles.index else r for r in roles[:3]]
    if len(roles) > 3:
        what[-1] += f" and {len(roles) - 3} more"
    cip = str(query.get("cip", ""))
    if cip:
        what.append(f"{cip} {cip_title(pg.program(ds, cip)['title'])}" if pg.exists(ds, cip) else cip)
    industry = str(query.get("industry", ""))
    if industry:
        what.append(industry_title(ds, industry) if industry in ds.industries.index else industry)
    area = str(query.get("area", ""))
    if area and area != NATIONAL:
        what.append(str(ds.areas["area_name"].get(area, area)))
    head = spec.title if spec else page
    return cut(f"{head}: {', '.join(what)}" if what else head, 120)


def link_name(ds: Dataset, link: str) -> str:
    """view_name of a link ("/occupation?role=29-1141&area=3900000")."""
    parts = urlsplit(link)
    return view_name(ds, parts.path.strip("/").split("/")[-1] or "explore", dict(parse_qsl(parts.query)))


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
        # each view by its name, with its three buttons under it (beside it, in four narrow columns, their
        # arrows were cut to empty boxes), each named for a screen reader by its own words
        box.caption(md(f"{i + 1}. {link_name(ds, x)}"), help=md(x))
        row = box.container(horizontal=True, gap="small")
        row.button("Earlier", key=f"slide-up-{i}", on_click=_move, args=(i, -1), disabled=i == 0, type="tertiary",
                   icon=":material/arrow_upward:", help=f"Move view {i + 1} earlier in the deck")  # fmt: skip
        row.button("Later", key=f"slide-down-{i}", on_click=_move, args=(i, 1), disabled=i == len(links) - 1,
                   type="tertiary", icon=":material/arrow_downward:", help=f"Move view {i + 1} later in the deck")  # fmt: skip
        row.button("Remove", key=f"slide-remove-{i}", on_click=_remove, args=(i,), type="tertiary",
                   icon=":material/close:", help=f"Remove view {i + 1} from the deck")  # fmt: skip
    snapshot = list(links)
    box.download_button(
        f"Download the deck ({len(links)} view{'' if len(links) == 1 else 's'})",
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
