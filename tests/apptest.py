"""One page of the app in AppTest, reached as a link would reach it: the page and its query."""

from __future__ import annotations

import json
from collections.abc import Mapping

from streamlit.testing.v1 import AppTest

from dashboard.web.chart import NAME
from dashboard.web.pages import VIEWS, page

APP = str(VIEWS.parents[1] / "app.py")


def app_test(name: str, query: Mapping[str, str | list[str]] | None = None) -> AppTest:
    """Page `name` with the link's query (a list repeats the key), built and not yet run: each caller runs
    it and checks what it needs (conftest's run asserts no exception; the hostile links examine it)."""
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page(page(name).script)
    return at


def open_expanders(at: AppTest, required: bool = True) -> AppTest:
    """Open every expander that draws its content only when open (ui.lazy_expander: the data behind each
    chart, all tasks…), as a user clicking each one would, and rerun; checks that the rerun draws them."""
    keys = [e.proto.id.split("-", 2)[2] for e in at.expander if e.proto.id.startswith("$$ID-")]
    assert keys or not required, "no expander on the page draws its content lazily"
    if not keys:
        return at
    for k in keys:
        at.session_state[k] = True
    at.run()
    assert not at.exception, at.exception
    assert all(e.proto.expanded for e in at.expander if e.proto.id.split("-", 2)[-1] in keys)
    return at


class Chart:
    """A chart on the page as the dashboard's chart element (dashboard/web/chart.py) was given it."""

    def __init__(self, element) -> None:
        given = json.loads(element.proto.bytes)
        self.figure: dict = given["fig"]  # plotly's JSON, as the browser draws it
        self.spec: str = json.dumps(given["fig"])
        self.alt: str = given["alt"]  # the chart's accessible name
        self.config: dict = given["config"]
        self.selectable: bool = given["selectable"]


def charts_on(at: AppTest) -> list[Chart]:
    """The page's charts, in the order drawn."""
    return [Chart(e) for e in at.get("bidi_component") if e.proto.component_name.endswith(NAME)]
