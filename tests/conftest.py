"""Shared fixtures: the bundled data folder, loaded once per test session."""

from pathlib import Path

import pytest

from dashboard.data import DEFAULT_DATA_DIR, load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def ds():
    d = load(DEFAULT_DATA_DIR)
    assert d.ok, d.problems
    return d
