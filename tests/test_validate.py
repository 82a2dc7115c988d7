"""`workforce-outlook validate` on a valid folder and on one broken in each way the schema knows."""

import gzip
import shutil

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.data import DEFAULT_DATA_DIR, load
from dashboard.schema import TABLES
from dashboard.validation import validate_dir


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    """A valid small folder: data/ with the two large tables cut to industrial production managers."""
    folder = tmp_path_factory.mktemp("mini")
    for f in DEFAULT_DATA_DIR.iterdir():
        shutil.copy(f, folder / f.name)
    for name in ("salary_percentiles", "hiring_industries"):
        path = folder / TABLES[name].path
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        df = df[df["soc_code"].isin(["11-3051", "51-1011"])]
        path.unlink()
        df.to_csv(folder / f"{name}.csv", index=False)
    assert validate_dir(folder) == []
    return folder


@pytest.fixture
def broken(mini, tmp_path):
    folder = tmp_path / "broken"
    shutil.copytree(mini, folder)
    return folder


def edit(folder, name, fn):
    path = folder / (f"{name}.csv" if (folder / f"{name}.csv").exists() else TABLES[name].path)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = fn(df)
    path.unlink()
    df.to_csv(folder / f"{name}.csv", index=False)


def messages(folder):
    return [str(p) for p in validate_dir(folder)]


def test_valid_folder_exits_0(mini, capsys):
    assert main(["validate", str(mini)]) == 0
    assert "valid" in capsys.readouterr().out


def test_missing_file(broken):
    (broken / "annual_openings.csv").unlink()
    assert messages(broken) == [
        "annual_openings.csv: missing file; expected annual_openings.csv or annual_openings.csv.gz"
    ]


def test_missing_column(broken):
    edit(broken, "areas", lambda d: d.drop(columns=["state"]))
    assert "areas.csv, column state: missing column state" in messages(broken)


def test_unknown_column(broken):
    edit(broken, "areas", lambda d: d.assign(population="1"))
    assert "areas.csv, column population: unknown column population" in messages(broken)


def test_wrong_type_names_row(broken):
    def bad(d):
        d.loc[3, "employment"] = "many"
        return d

    edit(broken, "salary_percentiles", bad)
    msgs = messages(broken)
    assert any(
        m.startswith("salary_percentiles.csv, column employment, row 4: wrong type") and "'many'" in m for m in msgs
    ), msgs


def test_duplicate_key(broken):
    edit(broken, "growth_projections", lambda d: pd.concat([d, d.iloc[[10]]], ignore_index=True))
    msgs = messages(broken)
    assert any(
        m.startswith("growth_projections.csv, column soc_code, rows 11, ") and "duplicate key (soc_code)" in m
        for m in msgs
    ), msgs


def test_code_that_refers_to_nothing(broken):
    def bad(d):
        d.loc[0, "soc_code"] = "99-9999"
        return d

    edit(broken, "salary_percentiles", bad)
    msgs = messages(broken)
    assert "salary_percentiles.csv, column soc_code, row 1: refers to no soc_code in occupations: '99-9999'" in msgs


def test_negative_count(broken):
    def bad(d):
        d.loc[2, "openings"] = "-5"
        return d

    edit(broken, "annual_openings", bad)
    msgs = messages(broken)
    assert any(m.startswith("annual_openings.csv, column openings, row 3: must be ≥ 0") for m in msgs), msgs


def test_every_problem_reported_and_exit_1(broken, capsys):
    edit(broken, "areas", lambda d: d.drop(columns=["state"]))
    (broken / "annual_openings.csv").unlink()
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr()
    assert "missing column state" in out.out and "annual_openings.csv: missing file" in out.out
    assert "2 problem(s)" in out.err


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda p: p.write_bytes(p.read_bytes()[:200]), "cannot be read"),
        (lambda p: p.write_bytes(gzip.compress("soc_code,title\n11-3051,Caf\xe9\n".encode("latin-1"))), "not UTF-8"),
        (lambda p: p.write_bytes(gzip.compress(b"")), "the file is empty"),
    ],
    ids=["truncated-gzip", "not-utf8", "empty"],
)
def test_unreadable_files(mini, tmp_path, damage, expected):
    folder = tmp_path / "d"
    shutil.copytree(mini, folder)
    (folder / "occupations.csv").unlink()
    target = folder / "occupations.csv.gz"
    target.write_bytes(gzip.compress((mini / "occupations.csv").read_bytes()))
    damage(target)
    msgs = messages(folder)
    assert any(m.startswith("occupations.csv.gz: ") and expected in m for m in msgs), msgs


def test_loader_reports_problems_instead_of_raising(broken):
    (broken / "areas.csv").unlink()
    ds = load(broken)
    assert not ds.ok
    assert [str(p) for p in ds.problems] == ["areas.csv: missing file; expected areas.csv or areas.csv.gz"]


def test_every_row_repeated_ten_times(broken):
    edit(broken, "occupations", lambda d: pd.concat([d] * 10, ignore_index=True))
    msgs = messages(broken)
    assert any(
        m.startswith("occupations.csv, column soc_code, rows ") and "duplicate key (soc_code)" in m for m in msgs
    )
    assert any("and " in m and " more" in m for m in msgs)  # thousands of rows: the first ten, then a count


@pytest.mark.parametrize(
    "column, value, expected",
    [
        ("employment", "1" + "0" * 30, "wrong type"),  # too large for an integer count
        ("annual_median", "1e400", "must be a finite number"),  # overflows to infinity
        ("annual_median", "-5", "must be ≥ 0"),
    ],
)
def test_huge_and_negative_numbers(broken, column, value, expected):
    def bad(d):
        d.loc[1, column] = value
        return d

    edit(broken, "salary_percentiles", bad)
    msgs = messages(broken)
    assert any(m.startswith(f"salary_percentiles.csv, column {column}, row 2: ") and expected in m for m in msgs), msgs


def test_validated_copy_is_reused_and_invalidated_by_any_change(mini, tmp_path, monkeypatch):
    from dashboard import data

    monkeypatch.setenv("WORKFORCE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    shutil.copytree(mini, folder)
    first = load(folder)
    assert first.ok and len(list((tmp_path / "cache").iterdir())) == 1
    calls = []
    monkeypatch.setattr(data, "load_dir", lambda f: calls.append(f) or ({}, []))
    again = load(folder)  # read from the validated copy: no validation at all
    assert calls == [] and again.ok
    pd.testing.assert_frame_equal(again.wages, first.wages)
    pd.testing.assert_frame_equal(again.projections, first.projections)
    monkeypatch.undo()
    monkeypatch.setenv("WORKFORCE_CACHE_DIR", str(tmp_path / "cache"))
    edit(folder, "annual_openings", lambda d: d.assign(openings=d["openings"].where(d.index != 2, "-5")))
    changed = load(folder)  # one byte changed: validated again, and the problem is found
    assert not changed.ok and any("must be ≥ 0" in str(p) for p in changed.problems)


def test_app_shows_a_broken_folder_as_a_list_not_a_traceback(broken, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.pages import PAGES, VIEWS

    edit(broken, "areas", lambda d: d.drop(columns=["state"]))
    (broken / "annual_openings.csv").write_bytes(b"\xff\xfe not utf-8")
    monkeypatch.setenv("WORKFORCE_DATA_DIR", str(broken))
    for page in PAGES:
        at = AppTest.from_file(str(VIEWS.parent / "app.py"), default_timeout=60)
        at.switch_page(page.script)
        at.run()
        assert not at.exception
        assert at.error[0].value.startswith(f"The data folder {broken} cannot be used: 2 problem(s) found.")
        listed = at.dataframe[0].value["problem"].tolist()
        assert "areas.csv, column state: missing column state" in listed
        assert any(p.startswith("annual_openings.csv: not UTF-8") for p in listed)
