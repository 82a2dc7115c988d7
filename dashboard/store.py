"""The Streamlit side of loading: one Dataset per server process, shared by every session.

`st.cache_resource` (not `cache_data`) holds the frames: cache_data would pickle and copy them on
every rerun, and these frames are read-only, so every session can share one copy. This is the only
module below the views that imports Streamlit.
"""

from __future__ import annotations

import ctypes
import gc
from pathlib import Path

import streamlit as st

from dashboard.data import Dataset, data_dir, load


def _release_freed_memory() -> None:
    """Give the parser's freed buffers back to the system, so the resident size is what the data needs."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


@st.cache_resource(show_spinner="Loading BLS data…")
def _cached(folder: str) -> Dataset:
    ds = load(Path(folder))
    _release_freed_memory()
    return ds


def dataset() -> Dataset:
    """The dataset of this server process's data folder (loaded on first use)."""
    return _cached(str(data_dir().resolve()))
