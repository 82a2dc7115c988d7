"""`workforce-outlook validate` on a valid folder and on one broken in each way the schema knows."""

import gzip
import io
import shutil

import pandas as pd
import pytest
from apptest import app_test

from dashboard.data.dataset import DEFAULT_DATA_DIR, load
from dashboard.data.schema import TABLES
from dashboard.data.validation import validate_dir
from dashboard.serving.cli import main


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
    from dashboard.data import dataset

    monkeypatch.setenv("WORKFORCE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    shutil.copytree(mini, folder)
    first = load(folder)
    assert first.ok and len(list((tmp_path / "cache").iterdir())) == 1
    calls = []
    monkeypatch.setattr(dataset, "load_dir", lambda f: calls.append(f) or ({}, []))
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
    from dashboard.web.pages import PAGES

    edit(broken, "areas", lambda d: d.drop(columns=["state"]))
    (broken / "annual_openings.csv").write_bytes(b"\xff\xfe not utf-8")
    monkeypatch.setenv("WORKFORCE_DATA_DIR", str(broken))
    for page in PAGES:
        at = app_test(page.name)
        at.run()
        assert not at.exception
        assert at.error[0].value == "The data folder cannot be used: 2 problem(s) found."
        listed = at.dataframe[0].value["problem"].tolist()
        assert "areas.csv, column state: missing column state" in listed
        assert any(p.startswith("annual_openings.csv: not UTF-8") for p in listed)
        shown = _everything_shown(at)
        assert str(broken) not in shown and str(broken.parent) not in shown  # no server path for visitors


def _everything_shown(at) -> str:
    parts = [str(e.value) for kind in ("error", "warning", "info", "markdown", "caption") for e in getattr(at, kind)]
    parts += [" ".join(map(str, d.value.to_numpy().ravel())) for d in at.dataframe]
    return "\n".join(parts)


def test_a_folder_that_is_not_there_is_named_without_its_path(tmp_path):
    assert messages(tmp_path / "nowhere") == [
        "nowhere: not a folder; expected a data folder as described in docs/DATA_CONTRACT.md"
    ]


def test_an_unreadable_file_is_named_without_its_path(broken, monkeypatch):
    real_open = open

    def denied(path, *a, **k):
        if str(path).endswith("areas.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", denied)
    msgs = messages(broken)
    assert "areas.csv: cannot be read: PermissionError: Permission denied (a truncated or corrupt gzip?)" in msgs
    assert not any(str(broken) in m for m in msgs)


# --- limits: a small file cannot take the server's memory or time ------------------------------------

PEAK = """
import json, resource, sys
import pandera.pandas  # imported before the measurement, as a server has it loaded
from dashboard.data.validation import validate_dir
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
problems = validate_dir(sys.argv[1])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"problems": [str(p) for p in problems], "peak_mb": (after - before) / 1024}))
"""


def validate_in_fresh_process(folder) -> tuple[list[str], float]:
    """validate_dir's problems, and how far it raised the peak resident size of a fresh process (MB)."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", PEAK, str(folder)], capture_output=True, text=True, check=True)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return found["problems"], found["peak_mb"]


def test_a_60_mb_title_in_a_small_gzip_is_refused_early(broken):
    text = (broken / "occupations.csv").read_text().splitlines(keepends=True)
    soc, _title, rest = text[5].split(",", 2)
    text[5] = f"{soc},{'x' * 60_000_000},{rest}"
    (broken / "occupations.csv").unlink()
    (broken / "occupations.csv.gz").write_bytes(gzip.compress("".join(text).encode(), compresslevel=9))
    assert (broken / "occupations.csv.gz").stat().st_size < 200_000
    msgs, peak_mb = validate_in_fresh_process(broken)
    assert msgs[0] == "occupations.csv.gz: too large: more than the 2,000,000 bytes allowed (decompressed)"
    assert peak_mb < 200, peak_mb


def test_a_gzip_that_inflates_to_millions_of_rows_is_refused_early(broken):
    body = (broken / "salary_percentiles.csv").read_bytes().splitlines(keepends=True)
    block = body[1] * (1_000_000 // len(body[1]))  # one row, repeated
    member = gzip.compress(block, compresslevel=9)  # a gzip file may be many members end to end
    (broken / "salary_percentiles.csv").unlink()
    with open(broken / "salary_percentiles.csv.gz", "wb") as fh:
        fh.write(gzip.compress(body[0]))
        for _ in range(300):
            fh.write(member)
    assert (broken / "salary_percentiles.csv.gz").stat().st_size < 2_000_000
    msgs, peak_mb = validate_in_fresh_process(broken)
    assert msgs == ["salary_percentiles.csv.gz: too many rows: more than the 2,400,000 allowed"]
    assert peak_mb < 200, peak_mb


def test_too_many_rows(broken):
    path = broken / "occupations.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    big = pd.concat([df] * 11, ignore_index=True)
    assert 12_000 < len(big) and len(big.to_csv(index=False)) < 2_000_000
    path.unlink()
    big.to_csv(broken / "occupations.csv.gz", index=False)
    msgs, peak_mb = validate_in_fresh_process(broken)
    assert msgs[0] == "occupations.csv.gz: too many rows: more than the 12,000 allowed"
    assert peak_mb < 200, peak_mb


def test_too_many_rows_in_memory():
    from dashboard.data.validation import validate_frame

    frame = pd.DataFrame({c: ["x"] * 10_001 for c in TABLES["pathways"].columns})
    typed, found = validate_frame(frame, TABLES["pathways"], {})
    assert typed is None
    assert [str(p) for p in found] == ["pathways.csv: too many rows: 10,001, more than the 10,000 allowed"]


def test_a_long_title_is_refused_with_its_length_and_the_limit(broken):
    def long(d):
        d.loc[4, "title"] = "Plant manager " * 500  # 7,000 characters
        d.loc[7, "education"] = "=" * 301
        return d

    edit(broken, "occupations", long)
    msgs = messages(broken)
    assert "occupations.csv, column title, row 5: 7,000 characters, more than the 300 allowed" in msgs
    assert "occupations.csv, column education, row 8: 301 characters, more than the 300 allowed" in msgs


def test_long_values_are_listed_by_rows_and_never_echoed_whole(broken):
    def long(d):
        d.loc[[1, 2], "level"] = "q" * 5_000  # also not one of the levels
        return d

    edit(broken, "occupations", long)
    msgs = messages(broken)
    assert "occupations.csv, column level, rows 2, 3: up to 5,000 characters, more than the 300 allowed" in msgs
    enum = next(m for m in msgs if "must be one of" in m)
    assert enum.startswith("occupations.csv, column level, rows 2, 3:") and len(enum) < 300, enum


def test_a_note_may_be_longer_than_a_title(broken):
    def long(d):
        d.loc[0, "note"] = "a reason " * 100  # 900 characters: within the 1,000 allowed for notes
        d.loc[1, "note"] = "a reason " * 120
        return d

    edit(broken, "pathways", long)
    assert messages(broken) == ["pathways.csv, column note, row 2: 1,080 characters, more than the 1,000 allowed"]


def test_the_bundled_data_is_well_within_its_limits():
    from dashboard.data.validation import find_file, over_limits, read_text

    for table in TABLES.values():
        path = find_file(DEFAULT_DATA_DIR, table)
        assert over_limits(path, table) is None
        df = read_text(path)
        assert len(df) * 5 <= table.max_rows, table.name
        for f in table.fields:
            assert df[f.name].str.len().fillna(0).max() * 2 <= f.max_length, (table.name, f.name)


@pytest.mark.parametrize(
    "cell", [" =1", "\t=1", "＝1", "＋1", "－1", "＠1", "  +SUM(A1)", "\u3000@x", "\n-1", "=1", "-b"]
)
def test_csv_neutralises_formulas_behind_spaces_and_full_width(cell):
    from dashboard.present.export import safe_csv

    back = pd.read_csv(io.BytesIO(safe_csv(pd.DataFrame({"title": [cell], "growth": [-1.5]}))), dtype=str)
    assert back.loc[0, "title"] == "'" + cell
    assert back.loc[0, "growth"] == "-1.5"  # numbers stay numbers


@pytest.mark.parametrize("cell, written", [("\r=1", "'\n=1"), ("Manager\r=HYPERLINK(1)", "Manager\n=HYPERLINK(1)")])
def test_csv_carriage_return_cannot_start_a_row(cell, written):
    from dashboard.present.export import safe_csv

    text = safe_csv(pd.DataFrame({"title": [cell, "ok"], "growth": [-1.5, 2.0]})).decode()
    assert "\r" not in text
    back = pd.read_csv(io.StringIO(text), dtype=str)
    assert back["title"].tolist() == [written, "ok"] and back["growth"].tolist() == ["-1.5", "2.0"]


@pytest.mark.parametrize("cell", ["ok", " ok", "a=b", "a-b", "11-3051", "O'Brien"])
def test_csv_leaves_plain_text_alone(cell):
    from dashboard.present.export import safe_csv

    back = pd.read_csv(io.BytesIO(safe_csv(pd.DataFrame({"title": [cell]}))), dtype=str, keep_default_na=False)
    assert back.loc[0, "title"] == cell
