"""The validated copy fails safe, and the loaded data stays loaded: every way the Parquet copy under
cache_root() can be damaged ends in a correct load (and a repaired copy), a folder that failed to load
is tried again, and no visitor can make the server drop the data."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
import streamlit as st
from apptest import app_test

from dashboard.data import dataset
from dashboard.data.dataset import load
from dashboard.data.schema import TABLES
from dashboard.web import store

IPM, NATION = "11-3051", "0000000"
PUBLISHED_MEDIAN = 126_060  # industrial production managers, national annual median, May 2025


@pytest.fixture
def cache(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setenv("WORKFORCE_CACHE_DIR", str(root))
    return root


@pytest.fixture
def folder(mini, tmp_path):
    out = tmp_path / "data"
    shutil.copytree(mini, out)
    return out


@pytest.fixture
def validations(monkeypatch):
    """The folders validated in full from now on (load_dir calls)."""
    calls = []
    real = dataset.load_dir
    monkeypatch.setattr(dataset, "load_dir", lambda f: calls.append(f) or real(f))
    return calls


def copies(root):
    return sorted(p for p in root.iterdir() if not p.name.startswith("."))


def the_copy(root):
    (only,) = copies(root)
    return only


def assert_published(ds):
    assert ds.ok, ds.problems
    assert ds.wages.loc[(IPM, NATION), "annual_median"] == PUBLISHED_MEDIAN
    assert ds.wages.loc[(IPM, NATION), "employment"] == 246_250
    assert ds.occupations.loc[IPM, "title"] == "Industrial Production Managers"
    assert len(ds.pathways) == 13


def assert_repaired(folder, root, validations):
    """The damaged copy was replaced by a sound one: the next load reads it and validates nothing."""
    before = len(validations)
    assert_published(load(folder))
    assert len(validations) == before
    assert len(copies(root)) == 1


@pytest.fixture
def cached(folder, cache):
    """A data folder with its validated copy written."""
    assert_published(load(folder))
    copy = the_copy(cache)
    assert {p.name for p in copy.iterdir()} == {"complete"} | {f"{t}.parquet" for t in TABLES}
    return folder


def test_a_sound_copy_is_read_without_validation(cached, cache, validations):
    assert_published(load(cached))
    assert validations == []


@pytest.mark.parametrize("table", ["salary_percentiles", "pathways"])
def test_a_table_missing_from_the_copy(cached, cache, validations, table):
    (the_copy(cache) / f"{table}.parquet").unlink()  # the marker is still there
    assert_published(load(cached))  # was KeyError: 'salary_percentiles'; pathways silently empty
    assert validations == [cached]
    assert_repaired(cached, cache, validations)


def test_a_copy_with_the_wrong_schema(cached, cache, validations):
    path = the_copy(cache) / "occupations.parquet"
    pd.read_parquet(path).drop(columns=["title"]).to_parquet(path, index=False)
    assert_published(load(cached))
    assert validations == [cached]
    assert_repaired(cached, cache, validations)


def test_a_copy_with_the_wrong_types_even_when_its_marker_agrees(cached, cache, validations):
    copy = the_copy(cache)
    path = copy / "salary_percentiles.parquet"
    pd.read_parquet(path).astype({"annual_median": str}).to_parquet(path, index=False)
    marker = json.loads((copy / "complete").read_text())
    marker["tables"]["salary_percentiles"] = dataset._digest(path.read_bytes())
    (copy / "complete").write_text(json.dumps(marker))
    ds = load(cached)
    assert_published(ds)
    assert ds.wages["annual_median"].dtype == "float64" and validations == [cached]


def test_a_copy_with_edited_contents(cached, cache, validations):
    copy = the_copy(cache)
    occ = pd.read_parquet(copy / "occupations.parquet")
    occ.loc[occ["soc_code"] == IPM, "title"] = "<b>anything at all</b>"
    occ.to_parquet(copy / "occupations.parquet", index=False)
    wages = pd.read_parquet(copy / "salary_percentiles.parquet")
    wages.loc[(wages["soc_code"] == IPM) & (wages["area_code"] == NATION), "employment"] = -999
    wages.to_parquet(copy / "salary_percentiles.parquet", index=False)
    assert_published(load(cached))  # the title and employment BLS published, not the edits
    assert validations == [cached]
    assert_repaired(cached, cache, validations)


def test_a_truncated_copy(cached, cache, validations):
    path = the_copy(cache) / "salary_percentiles.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert_published(load(cached))
    assert validations == [cached]
    assert_repaired(cached, cache, validations)


@pytest.mark.parametrize("marker", [None, "validated\n", "{}", '{"tables": {"areas": "0"}}'])
def test_a_copy_without_a_sound_marker(cached, cache, validations, marker):
    path = the_copy(cache) / "complete"
    path.unlink() if marker is None else path.write_text(marker)
    assert_published(load(cached))
    assert validations == [cached]
    assert_repaired(cached, cache, validations)


KILLED_WRITER = """
import sys, time
from pathlib import Path
import pandas as pd
from dashboard.data import dataset as data

real = pd.DataFrame.to_parquet

def slow(self, *a, **k):
    if "industry_code" in self.columns:  # areas.parquet is written: stop before the second file
        print("writing", flush=True)
        time.sleep(120)
    real(self, *a, **k)

pd.DataFrame.to_parquet = slow
frames = {"areas": pd.DataFrame({"area_code": ["0000000"]}), "industries": pd.DataFrame({"industry_code": ["000000"]})}
data._write_cache(Path(sys.argv[1]), "0" * 32, frames)
"""


def test_a_writer_killed_mid_write_leaves_nothing_behind(cached, cache, validations):
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(cache)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    os.kill(writer.pid, signal.SIGKILL)  # kill -9 while the copy is half written
    writer.wait()
    (left,) = [p for p in cache.iterdir() if p.name.startswith(".tmp-")]
    assert left.name.startswith(f".tmp-{writer.pid}@") and [p.name for p in left.iterdir()] == ["areas.parquet"]
    assert_published(load(cached))
    assert not left.exists() and validations == []  # swept away; the sound copy still used


def test_stale_temporary_folders_are_removed_and_a_live_writers_kept(cached, cache):
    host = socket.gethostname()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = cache / f".tmp-{int(gone.stdout)}@{host}-abc123"  # its writer has exited
    old = cache / ".tmp-1@another-host-def456"  # another machine's writer, an hour ago
    trash = cache / f".trash-1-{'0' * 32}-x"  # a discard interrupted half way
    live = cache / f".tmp-{os.getpid()}@{host}-ghi789"  # a writer at work right now
    for p in (dead, old, trash, live):
        p.mkdir()
        (p / "areas.parquet").write_bytes(b"PAR1")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert_published(load(cached))
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == [live.name]


def readonly(monkeypatch, root):
    """Every write under root fails, as on a read-only disk (modes alone do not stop root)."""
    root.chmod(0o555)
    for d in root.iterdir():
        d.chmod(0o555)

    def refuse(fn):
        def guarded(path, *a, **k):
            if str(path).startswith(str(root)):
                raise PermissionError(30, "Read-only file system", str(path))
            return fn(path, *a, **k)

        return guarded

    for name in ("mkdir", "rename", "replace", "unlink", "rmdir"):
        monkeypatch.setattr(os, name, refuse(getattr(os, name)))
    real_rmtree = shutil.rmtree
    monkeypatch.setattr(shutil, "rmtree", lambda p, *a, **k: None if str(p).startswith(str(root)) else real_rmtree(p))


@pytest.fixture
def restore_modes(cache):
    yield
    for p in (cache, *cache.iterdir()):
        p.chmod(0o755)


def test_a_read_only_cache_with_a_damaged_copy(cached, cache, validations, monkeypatch, restore_modes):
    copy = the_copy(cache)
    (copy / "salary_percentiles.parquet").unlink()
    readonly(monkeypatch, cache)
    for _ in range(2):  # validated each time (it cannot be repaired), never an error
        assert_published(load(cached))
    assert validations == [cached, cached]
    assert copies(cache) == [copy] and not (copy / "salary_percentiles.parquet").exists()


def test_a_read_only_cache_with_a_sound_copy(cached, cache, validations, monkeypatch, restore_modes):
    readonly(monkeypatch, cache)
    assert_published(load(cached))
    assert validations == []


def test_no_cache_directory_at_all(folder, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("WORKFORCE_CACHE_DIR", str(tmp_path / "file" / "cache"))  # cannot be created
    assert_published(load(folder))


def test_a_folder_with_problems_leaves_no_copy(folder, cache):
    (folder / "areas.csv").write_text("area_code\n")
    assert not load(folder).ok
    assert not cache.exists() or copies(cache) == []


def test_no_pathways_file_is_said_on_the_page(folder, cache, monkeypatch):
    (folder / "pathways.csv").unlink()
    ds = load(folder)
    assert ds.ok and ds.pathways.empty
    assert ds.notes == [dataset.MISSING_NOTES["pathways"]]
    assert load(folder).notes == ds.notes  # from the copy too
    monkeypatch.setenv("WORKFORCE_DATA_DIR", str(folder))
    at = app_test("pathways")
    at.run()
    assert not at.exception
    assert [i.value for i in at.info][0].startswith("No preset career pathways: the data folder has no pathways.csv.")


# --- the process holds the data, not a cache a visitor can clear ---------------------------------------


@pytest.fixture
def counted_loads(monkeypatch):
    calls = []
    monkeypatch.setattr(store, "load", lambda f: calls.append(f) or load(f))
    return calls


def test_a_failed_load_is_tried_again_and_a_restored_folder_works(folder, cache, monkeypatch, counted_loads):
    monkeypatch.setenv("WORKFORCE_DATA_DIR", str(folder))
    (folder / "areas.csv").rename(folder.parent / "areas.csv")
    for _ in range(2):
        assert [str(p) for p in store.dataset().problems] == [
            "areas.csv: missing file; expected areas.csv or areas.csv.gz"
        ]
    (folder.parent / "areas.csv").rename(folder / "areas.csv")  # the operator puts the file back
    ds = store.dataset()
    assert_published(ds)
    assert store.dataset() is ds and len(counted_loads) == 3  # loaded, kept: no fourth load


def test_concurrent_first_sessions_load_once(folder, cache, monkeypatch, counted_loads):
    monkeypatch.setenv("WORKFORCE_DATA_DIR", str(folder))
    got = []
    threads = [threading.Thread(target=lambda: got.append(store.dataset())) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(counted_loads) == 1 and len(got) == 6 and all(ds is got[0] for ds in got)
    assert_published(got[0])


def test_clear_cache_from_a_visitor_leaves_the_data_loaded(folder, cache, monkeypatch, counted_loads):
    monkeypatch.setenv("WORKFORCE_DATA_DIR", str(folder))

    def profile():
        at = app_test("occupation", {"role": IPM})
        at.run()
        assert not at.exception, at.exception
        return at

    first = profile()
    ds = store.dataset()
    assert counted_loads == [folder.resolve()]
    st.cache_resource.clear()  # what the clear_cache message from any browser does
    st.cache_data.clear()
    again = profile()
    assert store.dataset() is ds and counted_loads == [folder.resolve()]  # the same object, no reload
    assert [m.value for m in again.metric] == [m.value for m in first.metric]
    assert "$126,060" in [m.value for m in again.metric]


# --- issue 30: a copy edited consistently, and who may write the cache -----------------------------------


def test_a_consistently_edited_copy_is_not_served(cached, cache, validations):
    """Edits with the marker's hash recomputed: the copy's own check passes, the value rules do not."""
    copy = the_copy(cache)
    occ = pd.read_parquet(copy / "occupations.parquet")
    occ.loc[occ["soc_code"] == IPM, "title"] = "Industrial Production Managers " + "x" * 4_989  # 5,020 characters
    occ.to_parquet(copy / "occupations.parquet", index=False)
    wages = pd.read_parquet(copy / "salary_percentiles.parquet")
    wages.loc[(wages["soc_code"] == IPM) & (wages["area_code"] == NATION), "employment"] = -999
    wages.to_parquet(copy / "salary_percentiles.parquet", index=False)
    marker = json.loads((copy / "complete").read_text())
    for name in ("occupations", "salary_percentiles"):
        marker["tables"][name] = dataset._digest((copy / f"{name}.parquet").read_bytes())
    (copy / "complete").write_text(json.dumps(marker))
    ds = load(cached)
    assert_published(ds)  # employment 246,250 and the published title, not −999 and 5,020 characters
    assert validations == [cached]
    assert_repaired(cached, cache, validations)


def test_the_cache_folder_is_the_server_users_alone_whatever_the_umask(folder, cache):
    old = os.umask(0)
    try:
        assert_published(load(folder))
    finally:
        os.umask(old)
    assert cache.stat().st_mode & 0o777 == 0o700
    cache.chmod(0o777)  # loosened by hand: tightened at the next load, before the copy is read
    assert_published(load(folder))
    assert cache.stat().st_mode & 0o777 == 0o700


def test_a_cache_folder_of_another_user_is_not_used(folder, cache, validations, monkeypatch):
    assert_published(load(folder))
    monkeypatch.setattr(os, "getuid", lambda: cache.stat().st_uid + 1)  # as if another user's folder
    assert_published(load(folder))
    assert validations == [folder, folder]  # validated again from the CSV files: the copy is not read
