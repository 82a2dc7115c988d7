"""The files a page's download buttons would hand over, read in AppTest (no browser).

Download buttons here make their file when clicked (a deferred callable); AppTest keeps no runtime after a
run, so `downloads` records each callable as the page registers it and returns them by file name.
"""

from __future__ import annotations

from collections.abc import Callable
from unittest.mock import patch

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.web.pages import VIEWS, page

APP = str(VIEWS.parents[1] / "app.py")


def downloads(name: str, **query: str) -> tuple[AppTest, dict[str, Callable[[], bytes]]]:
    """Run page `name` with the link's query; (the AppTest, {file name: the callable that makes the file})."""
    made: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(page(name).script)
    with patch.object(MediaFileManager, "add_deferred", record):
        at.run()
        assert not at.exception, at.exception
        open_expanders(at, required=False)  # the files behind the charts: a user opens the expander first
    return at, made


def text(made: dict[str, Callable[[], bytes]], file_name: str) -> str:
    data = made[file_name]()
    return data.decode("utf-8") if isinstance(data, bytes) else data


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
