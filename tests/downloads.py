"""The files a page's download buttons would hand over, read in AppTest (no browser).

Download buttons here make their file when clicked (a deferred callable); AppTest keeps no runtime after a
run, so `downloads` records each callable as the page registers it and returns them by file name.
"""

from __future__ import annotations

from collections.abc import Callable
from unittest.mock import patch

from apptest import app_test, open_expanders
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

BOM = "\ufeff".encode()


def downloads(name: str, **query: str) -> tuple[AppTest, dict[str, Callable[[], bytes]]]:
    """Run page `name` with the link's query; (the AppTest, {file name: the callable that makes the file})."""
    made: dict[str, Callable[[], bytes]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    at = app_test(name, query)
    with patch.object(MediaFileManager, "add_deferred", record):
        at.run()
        assert not at.exception, at.exception
        open_expanders(at, required=False)  # the files behind the charts: a user opens the expander first
    return at, made


def text(made: dict[str, Callable[[], bytes]], file_name: str) -> str:
    """The file as text; a CSV must open with UTF-8's byte-order mark (Excel on Windows needs it to read "–")."""
    data = made[file_name]()
    if isinstance(data, bytes) and file_name.endswith(".csv"):
        assert data.startswith(BOM), f"{file_name} has no byte-order mark"
        return data.decode("utf-8-sig")
    return data.decode("utf-8") if isinstance(data, bytes) else data
