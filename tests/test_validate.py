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
