"""The derived tables of a Dataset: kept with it, bounded, and safe to change in a caller's hands."""

import dataclasses
import gc
import threading
import time
import weakref
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.data.dataset import Dataset
from dashboard.domain import areas, industries, search
from dashboard.domain.derived import derived, per_argument, per_dataset

MANAGER = "11-3051"


def test_a_callers_change_to_a_ranking_does_not_reach_the_next_caller(ds):
    first = areas.area_ranking(ds, MANAGER, "annual_median", ("state",))
    before = first.copy(deep=True)
    first.iloc[0, first.columns.get_loc("value")] = -1  # a cell written,
    first["label"] = "changed"  # a column replaced,
    first.index.name = "changed"  # the index renamed,
    del first[first.columns[-1]]  # a column dropped
    again = areas.area_ranking(ds, MANAGER, "annual_median", ("state",))
    pd.testing.assert_frame_equal(again, before)


def test_a_callers_change_to_a_per_dataset_table_does_not_reach_the_next_caller(ds):
    options = industries.industry_options(ds)
    before = options.copy(deep=True)
    options.loc[options.index[0], options.columns[0]] = "changed"
    options["extra"] = 1
    pd.testing.assert_frame_equal(industries.industry_options(ds), before)


def test_kept_arrays_cannot_be_written():
    @per_dataset
    def codes(ds):
        return (np.arange(3), np.zeros(3))

    a, b = codes(Dataset(Path("nowhere")))
    with pytest.raises(ValueError, match="read-only"):
        a[0] = 7
    assert not b.flags.writeable


def test_each_dataset_has_its_own_derived_tables(ds):
    calls = []

    @per_dataset
    def built(d):
        calls.append(d)
        return len(calls)

    other = dataclasses.replace(ds)  # the same frames, another dataset
    assert (built(ds), built(ds), built(other), built(other)) == (1, 1, 2, 2)
    assert derived(ds) is not derived(other)


def test_a_per_argument_memo_keeps_only_the_latest():
    calls = []

    @per_argument(2)
    def doubled(d, x):
        calls.append(x)
        return 2 * x

    d = Dataset(Path("nowhere"))
    assert [doubled(d, x) for x in (1, 2, 1, 3, 1, 2)] == [2, 4, 2, 6, 2, 4]
    assert calls == [1, 2, 3, 2]  # 1 used again before 3 came, so 2 was the one let go
    assert derived(d).size(doubled) == 2


def test_derived_tables_are_freed_with_their_dataset():
    @per_dataset
    def big(d):
        return pd.DataFrame({"x": np.arange(1000)})

    d = Dataset(Path("nowhere"))
    big(d)
    gone = weakref.ref(derived(d))
    del d
    gc.collect()
    assert gone() is None


def test_forget_builds_again(ds):
    if "onet_titles" not in ds.content:
        pytest.skip("no O*NET titles in the data folder")
    first = search.title_list(ds)
    derived(ds).forget(search.title_list)
    assert derived(ds).size(search.title_list) == 0
    again = search.title_list(ds)
    assert again is not first and derived(ds).size(search.title_list) == 1


def test_sessions_asking_at_once_share_one_build():
    """A class opening one link at once: eight sessions ask for the same table while it is being built, and it is
    built once; a build that fails leaves the next asker to build it."""
    calls, started, release = [], threading.Event(), threading.Event()

    @per_argument(4)
    def slow(d, x):
        calls.append(x)
        started.set()
        release.wait(5)
        return pd.DataFrame({"x": [x]})

    d = Dataset(Path("nowhere"))
    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(slow, d, 7)
        started.wait(5)
        rest = [pool.submit(slow, d, 7) for _ in range(7)]
        time.sleep(0.2)  # the seven are waiting on the first build
        release.set()
        frames = [first.result(5)] + [f.result(5) for f in rest]
    assert calls == [7]
    assert [f["x"].tolist() for f in frames] == [[7]] * 8

    tries = []

    @per_dataset
    def flaky(d):
        tries.append(1)
        if len(tries) == 1:
            raise ValueError("the first build fails")
        return 1

    with pytest.raises(ValueError, match="first build"):
        flaky(d)
    assert (flaky(d), len(tries)) == (1, 2)
