"""One declaration per concept: the release follows the data, links parse through params.py, pages come
from pages.py, and imports run one way (views -> ui/store -> everything else, which has no Streamlit)."""

import ast
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.codes import NATIONAL, WAGE_COLUMNS
from dashboard.data.schema import TABLES
from dashboard.web import params
from dashboard.web.pages import PAGES, VIEWS, page
from tests.apptest import charts_on

PACKAGE = VIEWS.parents[1]
# with web/views/: the only ones importing streamlit (sessions.py: the server's store of closed tabs' sessions)
STREAMLIT_SIDE = {"app.py", "ui.py", "store.py", "frame.py", "slides_panel.py", "sessions.py", "chart.py"}


# --- a new release is a data rebuild ----------------------------------------------------------------


def _rewrite(folder: Path, name: str, fn) -> None:
    path = folder / TABLES[name].path
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    fn(df).to_csv(path, index=False, lineterminator="\n")


@pytest.fixture(scope="module")
def next_release(tmp_path_factory):
    """The bundled data as if BLS had published May 2026 and 2025–35, top-coded at $120.19 / $250,000."""
    folder = tmp_path_factory.mktemp("release") / "data"
    shutil.copytree(PACKAGE.parent / "data", folder)

    def oews(df):
        listed = ";" + df["top_coded"] + ";"
        for col in WAGE_COLUMNS:
            bound = "120.19" if col.startswith("hourly") else "250000"
            df[col] = df[col].mask(listed.str.contains(f";{col};", regex=False), bound)
        return df.assign(year="2026")

    def ep(df):
        return df.assign(base_year="2025", target_year="2035")

    for name in ("salary_percentiles", "hiring_industries"):
        _rewrite(folder, name, oews)
    # a rebuild adds the new May to the national history too (the trend beside /trends ends there)
    _rewrite(folder, "oews_national_history", lambda df: pd.concat([df, oews(df[df["year"] == "2025"].copy())]))
    for name in ("growth_projections", "annual_openings"):
        _rewrite(folder, name, ep)
    return folder


def _everything_shown(at) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.help or ''}" for m in at.metric]
    parts += [" ".join(map(str, d.value.columns)) for d in at.dataframe]
    parts += [str(s.label) for s in at.slider]
    parts += [str(c.spec) for c in charts_on(at)]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "name, query",
    [
        ("explore", {}),
        ("occupation", {"role": "29-1022", "area": "AL"}),  # oral surgeons in Alabama: top-coded
        ("industry", {"industry": "31--34"}),
        ("geography", {"role": "29-1022"}),
        ("compare", {"role": "11-3051,29-1022", "area": "AL"}),
        ("pathways", {}),
    ],
)
def test_pages_follow_a_changed_release(run, next_release, monkeypatch, tmp_path, name, query):
    monkeypatch.setenv("WORKFORCE_DATA_DIR", str(next_release))
    monkeypatch.setenv("WORKFORCE_CACHE_DIR", str(tmp_path / "cache"))
    text = _everything_shown(run(name, opened=name != "explore", **query))  # the tables behind the charts too
    assert "May 2026" in text
    assert "May 2025" not in text and "2024–34" not in text and "2024 to 2034" not in text
    if name in ("explore", "compare", "pathways", "occupation"):
        assert "2025–35" in text
    if name in ("occupation", "geography", "compare"):
        assert "$250,000" in text and "239,200" not in text and "115.00" not in text


def test_release_is_read_from_the_data(ds):
    rel = ds.release
    assert (rel.oews, rel.ep, rel.cap) == ("May 2025", "2024–34", "≥ $239,200")
    assert rel.top_code_note.endswith("$115.00 per hour or $239,200 per year.")


# --- links -------------------------------------------------------------------------------------------


def test_no_filter_is_not_nothing_matched(ds):
    explore = page("explore")
    assert params.parse(ds, {}, explore).roles is None
    v = params.parse(ds, {"role": "11-3051,99-9999", "area": "MI"}, explore)
    assert v.roles == ["11-3051"] and v.area == "2600000"
    assert v.problems == [p for p in v.problems if "99-9999" in p] and len(v.problems) == 1
    bad = params.parse(ds, {"growth": "x,y", "min_openings": "many", "color": "pink"}, explore)
    assert (bad.growth, bad.min_openings, bad.color) == (params.GROWTH_RANGE, 0, "major_title")
    assert len(bad.problems) == 3
    assert params.parse(ds, {"area": "nowhere"}, explore).area == NATIONAL


def test_explore_search_that_matches_nothing_shows_no_rows(run):
    at = run("explore")
    assert len(at.dataframe[-1].value) == 832
    at.sidebar.text_input(key="q").set_value("zzqxv qqzx").run()
    assert any("No occupation matches" in c.value for c in at.sidebar.caption)
    assert at.subheader[0].value.startswith("0 occupations")
    assert not at.dataframe and not charts_on(at)  # no rows, and no empty chart with $-1 axes
    assert "clear the job title search" in at.info[0].value


# --- pages and imports ---------------------------------------------------------------------------


def test_every_view_is_declared_once():
    assert sorted(p.file.name for p in PAGES) == sorted(f.name for f in VIEWS.glob("*.py"))
    assert sum(p.default for p in PAGES) == 1
    for p in PAGES:
        assert set(p.params) <= set(params.PARAMS), p.name


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def test_imports_run_one_way():
    views = {f"dashboard.web.views.{p.stem}" for p in VIEWS.glob("*.py")}
    upper = {
        "dashboard.web.ui",
        "dashboard.web.store",
        "dashboard.web.frame",
        "dashboard.app",
        "dashboard.serving.cli",
        *views,
    }
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[:2] == ("web", "views") or rel.name in STREAMLIT_SIDE or rel.name == "cli.py":
            continue
        found = _imports(path)
        assert not any(m == "streamlit" or m.startswith("streamlit.") for m in found), f"{rel} imports streamlit"
        assert not found & upper, f"{rel} imports {found & upper}"
