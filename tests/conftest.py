"""Shared fixtures: the bundled data folder loaded once, the raw excerpts, and a page runner (AppTest)."""

import os
import re
import shutil
from pathlib import Path

import pytest
from apptest import app_test, open_expanders
from streamlit.testing.v1 import AppTest

from dashboard.data.dataset import DEFAULT_DATA_DIR, load

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        help="rewrite the README images in tests/screenshots (also UPDATE_SCREENSHOTS=1); "
        "without it the browser tests write them to tests/artifacts/readme",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test's report carries what its server logged during the test (a warning from Streamlit,
    a traceback): what the browser saw alone cannot tell a lost request from a slow one."""
    report = yield
    if report.failed and (log := getattr(item, "server_log", None)):
        path, start = log
        with open(path, "rb") as f:
            f.seek(start)
            written = f.read()
        report.sections.append(("server log during the test", written[-6000:].decode(errors="replace") or "(nothing)"))
    return report


@pytest.fixture(scope="session")
def ds():
    d = load(DEFAULT_DATA_DIR)
    assert d.ok, d.problems
    return d


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    """A valid small data folder: data/ with the two large tables cut to industrial production managers
    and first-line supervisors of production workers (copy it before changing it)."""
    import pandas as pd

    from dashboard.data.schema import TABLES
    from dashboard.data.validation import validate_dir

    folder = tmp_path_factory.mktemp("mini")
    for f in DEFAULT_DATA_DIR.iterdir():
        shutil.copy(f, folder / f.name)
    for name in ("salary_percentiles", "hiring_industries"):
        path = folder / TABLES[name].path
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        path.unlink()
        df[df["soc_code"].isin(["11-3051", "51-1011"])].to_csv(folder / f"{name}.csv", index=False)
    # the completions cut to the latest year in Michigan (a million rows would slow every test that validates)
    path = folder / TABLES["completions"].path
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    inst = pd.read_csv(folder / "institutions.csv", dtype=str, keep_default_na=False)
    path.unlink()
    michigan = set(inst.loc[inst["state"] == "2600000", "unitid"])
    df[(df["year"] == df["year"].max()) & df["unitid"].isin(michigan)].to_csv(folder / "completions.csv", index=False)
    assert validate_dir(folder) == []
    return folder


@pytest.fixture(scope="session")
def raw_excerpts() -> tuple[Path, Path]:
    """The OEWS flat-file and EP workbook excerpts in tests/fixtures: (OEWS folder, EP workbook)."""
    fixtures = Path(__file__).resolve().parent / "fixtures"
    return fixtures / "oews", fixtures / "occupation.xlsx"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The raw folder, laid out as `workforce-outlook fetch-raw DIR` fills it: $WORKFORCE_RAW_DIR, else
    ../shared/data beside the checkout (CI sets the variable to it)."""
    shared = Path(os.environ.get("WORKFORCE_RAW_DIR") or ROOT.parent / "shared" / "data")
    if not shared.is_dir():
        pytest.skip(
            f"no raw files in {shared}: run `workforce-outlook fetch-raw DIR --contact you@example.org` "
            "and set WORKFORCE_RAW_DIR=DIR"
        )
    return shared


def _run(name: str, *, opened: bool = False, **params) -> AppTest:
    at = app_test(name, params)
    at.run()
    assert not at.exception, at.exception
    return open_expanders(at) if opened else at


@pytest.fixture(scope="session")
def run():
    """run(page, opened=False, **query) -> the page run once in AppTest with that link, checked for
    exceptions; opened=True then opens every lazy expander (the tables behind the charts) and reruns."""
    return _run


def _plain(markdown: str) -> str:
    """The text a Markdown element shows: backslash escapes undone (the app escapes data and links)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


@pytest.fixture(scope="session")
def plain():
    """plain(markdown) -> the text it shows (escapes undone)."""
    return _plain


@pytest.fixture(scope="session")
def metrics():
    """metrics(at) -> {label: value} of every st.metric on the page, labels as shown."""
    return lambda at: {_plain(m.label): m.value for m in at.metric}


# --- a data folder whose text is hostile (issue "Hardening"): every kind of markup, a far host, bidi --------

FAR = "http://127.0.0.2:9"  # another host: nothing may ever be fetched from it
HOSTILE_TEXT = {
    "html": f'<img src="{FAR}/i.png"><a href="{FAR}/a">a</a><span style="color:red">s</span>',
    "markdown": f"**bold** __under__ [click]({FAR}/m) ![pic]({FAR}/p.png) www.far.example",
    "latex": "$x^2$ and $$y$$",
    "bidi": "\u202egnp.exe",
    "icon": ":material/warning: :smile:",
}


def write_hostile_data(folder: Path) -> dict[str, str]:
    """The bundled data with hostile text in titles, area and industry names and pathway notes; returns
    the occupation, area and industry codes that carry it."""
    import pandas as pd

    from dashboard.data.schema import TABLES

    shutil.copytree(DEFAULT_DATA_DIR, folder)

    def rewrite(name, fn):
        path = folder / TABLES[name].path
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        fn(df).to_csv(path, index=False, lineterminator="\n")

    def occupations(df):
        df.loc[df["soc_code"] == "11-3051", "title"] = "Plant boss " + HOSTILE_TEXT["html"] + HOSTILE_TEXT["markdown"]
        df.loc[df["soc_code"] == "51-1011", "title"] = "Lead " + HOSTILE_TEXT["latex"] + HOSTILE_TEXT["bidi"]
        df.loc[df["soc_code"] == "11-1021", "title"] = "Long " + "x" * 290  # the longest title the schema allows (300)
        return df

    def areas(df):
        # a link and tags in a place name reach chart titles and labels; a shortcode, Streamlit's icons
        df.loc[df["area_code"] == "2600000", "area_name"] = (
            "Michigan " + HOSTILE_TEXT["markdown"] + " " + HOSTILE_TEXT["html"] + " " + HOSTILE_TEXT["icon"]
        )
        return df

    def industries(df):
        df.loc[df["industry_code"] == "31--34", "title"] = "Making " + HOSTILE_TEXT["html"]
        return df

    def pathways(df):
        df["note"] = df["note"] + " " + HOSTILE_TEXT["markdown"]
        df["stage"] = df["stage"] + " " + HOSTILE_TEXT["html"]
        return df

    def institutions(df):
        df.loc[df["unitid"] == "169910", "name"] = "Ferris " + HOSTILE_TEXT["html"] + HOSTILE_TEXT["markdown"]
        return df

    rewrite("occupations", occupations)
    rewrite("institutions", institutions)
    rewrite("areas", areas)
    rewrite("industries", industries)
    rewrite("pathways", pathways)
    return {"role": "11-3051", "area": "2600000", "industry": "31--34"}


@pytest.fixture(scope="session")
def hostile_data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    write_hostile_data(folder)
    return folder


# --- Debian's nginx, started by the tests that put it in front of the app -------------------------------


@pytest.fixture(scope="session")
def run_nginx():
    """run_nginx(folder, port, conf, log_format="") -> a context manager that starts Debian's nginx on
    127.0.0.1:port with `conf` (server and upstream blocks) inside an http block, and stops it after:
    benchmarks.common.nginx, which benchmarks/capacity.py runs too. With log_format, requests are logged
    with it to folder/access.log. Fails without nginx, never skips; errors when it does not start."""
    from benchmarks import common

    if common.nginx_binary() is None:
        pytest.fail("nginx is not installed (apt-get install -y nginx): the proxy tests run it")
    return common.nginx  # raises, and so fails the test, when nginx does not start
