"""Shared fixtures: the bundled data folder loaded once, the raw excerpts, and a page runner (AppTest)."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import DEFAULT_DATA_DIR, load
from dashboard.pages import VIEWS, page

ROOT = Path(__file__).resolve().parent.parent
APP = str(VIEWS.parent / "app.py")


@pytest.fixture(scope="session")
def ds():
    d = load(DEFAULT_DATA_DIR)
    assert d.ok, d.problems
    return d


@pytest.fixture(scope="session")
def raw_excerpts() -> tuple[Path, Path]:
    """The OEWS flat-file and EP workbook excerpts in tests/fixtures: (OEWS folder, EP workbook)."""
    fixtures = Path(__file__).resolve().parent / "fixtures"
    return fixtures / "oews", fixtures / "occupation.xlsx"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, where the raw BLS files are kept (CI has it)."""
    shared = ROOT.parent / "shared" / "data"
    if not shared.is_dir():
        pytest.skip("../shared/data holds the raw BLS files")
    return shared


def _run(name: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(page(name).script)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="session")
def run():
    """run(page, **query) -> the page run once in AppTest with that link, checked for exceptions."""
    return _run


def _plain(markdown: str) -> str:
    """The text a Markdown element shows: backslash escapes undone (the app escapes data and links)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


@pytest.fixture(scope="session")
def plain():
    """plain(markdown) -> the text it shows (escapes undone)."""
    return _plain


@pytest.fixture(scope="session")
def metrics():
    """metrics(at) -> {label: value} of every st.metric on the page, labels as shown."""
    return lambda at: {_plain(m.label): m.value for m in at.metric}
