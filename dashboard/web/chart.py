"""The dashboard's chart element: a plotly figure drawn by a Streamlit custom component of our own
(dashboard/assets/chart.js) instead of `st.plotly_chart`.

Why: Streamlit's chart element mounts a changed figure as a new element and draws it twice, and its draws
ran in the same tasks as the page's text, so a page with charts painted its figures later (without charts,
the profile, Geography and Programs updated in 2.0–2.6× the bare app's p95 instead of 3.1–4.1×:
benchmarks/RESULTS.md §6, twenty-first session). This element stays on the page across reruns (its key is
its identity), draws each new figure once, in place (`Plotly.react`), after the frame that paints the run's
text, and does not draw a figure equal to the one on screen. A chart is drawn when it comes within half a screen
of the view (its name and height are there before), and every chart is drawn before the page is printed.

What Streamlit's element gave is kept: the figure as the server made it (theme written in, present/figure.py),
the accessible name (a "figure" with `alt` as its label), the PNG button and full-screen view, and a click on a
point as a one-run event with the point's customdata (`selection.points`, as Streamlit's on_select="rerun").
plotly.js is the plotly package's own copy, served by the app (no network): the same version that
writes the figures.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson
import plotly
import plotly.io as pio
import streamlit as st
import streamlit.components.v1 as components_v1
from streamlit import runtime

JS = (
    (Path(__file__).resolve().parents[1] / "assets" / "chart.js")
    .read_text(encoding="utf-8")
    .replace("__PLOTLY_VERSION__", plotly.__version__)
)
CSS = ".wo-chart:fullscreen { background: #ffffff; }"

PLOTLY_JS = "dashboard.web.chart.plotlyjs"  # served at component/dashboard.web.chart.plotlyjs/plotly.min.js
PLOTLY_JS_FILE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
LIFETIME = "public, max-age=31536000, immutable"  # the address carries plotly's version (chart.js)
PLOTLY_HEIGHT = 450  # plotly's height for a figure that sets none
NAME = "workforce_chart"  # the component's name, as tests find the element
_ELEMENT = st.components.v2.component(NAME, js=JS, css=CSS, isolate_styles=False)


def payload(figure: Any, alt: str, config: dict, selectable: bool) -> bytes:
    """What the element is given: the figure as plotly's JSON, its accessible name and plotly's config.
    Bytes: Streamlit hashes what an element is given even when its key is its identity, bytes as they are and
    anything else through a sorted JSON copy."""
    fig = pio.to_json(figure, validate=False, engine="orjson").encode()
    head = orjson.dumps({"alt": alt, "config": config, "selectable": selectable})
    return head[:-1] + b',"fig":' + fig + b"}"


def chart(figure: Any, key: str, alt: str, config: dict, selectable: bool = False) -> SimpleNamespace | None:
    """Draw `figure` (what st.plotly_chart took) under the widget key `key`. With `selectable`, returns the
    click of this run as Streamlit's on_select="rerun" did (`.selection.points`, empty without one)."""
    _serve_plotly_js()
    kwargs = {"on_select_change": _nothing} if selectable else {}
    # the figure's height held from the start, so that nothing under a chart moves when it is drawn
    height = int((figure.to_dict().get("layout") or {}).get("height") or PLOTLY_HEIGHT)
    result = _ELEMENT(data=payload(figure, alt, config, selectable), key=key, width="stretch", height=height, **kwargs)
    if not selectable:
        return None
    event = result.get("select") if hasattr(result, "get") else getattr(result, "select", None)
    points = event.get("points") if isinstance(event, dict) else None
    return SimpleNamespace(selection=SimpleNamespace(points=[p for p in points or [] if isinstance(p, dict)]))


def _serve_plotly_js() -> None:
    """Have the server serve the plotly package's folder of plotly.js (only plotly.min.js is asked for). Streamlit
    registers such a folder only from inside a script run, with the runtime that runs it, so it is done here
    (serve imports this module before the runtime starts)."""
    if runtime.get_instance().component_registry.get_component_path(PLOTLY_JS) is None:
        components_v1.declare_component("plotlyjs", path=str(PLOTLY_JS_FILE.parent))


def _nothing() -> None:
    """A click is read from the element's result in the run it causes; nothing to do before it."""


def install_route() -> None:
    """`workforce-outlook serve`: plotly.js from memory, compressed once, with a year's lifetime.

    Streamlit's component route (what `_serve_plotly_js` registers) reads the 4.8 MB file and gzips it anew on every
    request (about 100 ms of the server's event loop: a class of 80 opening a link at once held it for 8 s), and
    gives it no lifetime, so a browser fetched it again for every new tab. The address the element asks for
    carries plotly's version, so a browser may keep the file for good. Call before Streamlit makes its server."""
    from starlette.responses import Response
    from starlette.routing import Route
    from streamlit import config
    from streamlit.url_util import make_url_path
    from streamlit.web.server.starlette import starlette_app

    raw = PLOTLY_JS_FILE.read_bytes()
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    streamlits = starlette_app.create_streamlit_routes

    async def plotly_js(request) -> Response:
        zipped = "gzip" in request.headers.get("accept-encoding", "").lower()
        headers = {"Cache-Control": LIFETIME}
        if zipped:  # Streamlit's compression passes over a response that has an encoding (and adds Vary otherwise)
            headers |= {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(packed if zipped else raw, media_type="text/javascript", headers=headers)

    def routes(runtime) -> list:
        # under the base path as Streamlit's own routes are
        path = make_url_path(
            config.get_option("server.baseUrlPath") or "", f"component/{PLOTLY_JS}/{PLOTLY_JS_FILE.name}"
        )
        return [Route(path, plotly_js, methods=["GET", "HEAD"]), *streamlits(runtime)]

    starlette_app.create_streamlit_routes = routes
