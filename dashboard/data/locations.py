"""Where the package finds what ships with it, installed or in a source checkout.

In a source checkout (and an editable install) the bundled data is the top-level data/ folder. A wheel
carries the same files as dashboard/_bundled (pyproject.toml maps data/ there), so an installed
package finds its data in any working folder. The Streamlit settings are dashboard/.streamlit/config.toml
in both cases: Streamlit reads the .streamlit folder beside the main script, so `streamlit run
dashboard/app.py` and `workforce-outlook serve` read the same file from any working folder.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
APP = PACKAGE / "app.py"
SETTINGS = PACKAGE / ".streamlit" / "config.toml"
NGINX = PACKAGE / "deploy" / "nginx.conf"
_INSTALLED_DATA = PACKAGE / "_bundled"
_SOURCE_TREE = PACKAGE.parent


def source_checkout() -> bool:
    """True when running from the repository (editable or not installed), False from a wheel."""
    return not _INSTALLED_DATA.is_dir() and (_SOURCE_TREE / "pyproject.toml").is_file()


def bundled_data() -> Path:
    """The data folder that ships with the package."""
    return _SOURCE_TREE / "data" if source_checkout() else _INSTALLED_DATA


@cache
def settings() -> dict:
    """dashboard/.streamlit/config.toml, parsed: the one place the serving settings are written."""
    with open(SETTINGS, "rb") as fh:
        return tomllib.load(fh)
