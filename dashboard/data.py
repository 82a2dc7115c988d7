"""The one place that reads data/: validated once per server process, shared by every session.

`st.cache_resource` (not `cache_data`) holds the frames: cache_data would pickle and copy
them on every rerun, and these frames are read-only, so every session can share one copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.schema import TABLES
from dashboard.validation import Problem, load_dir

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """--data-dir (via serve), else $WORKFORCE_DATA_DIR, else the bundled data/."""
    return Path(os.environ.get("WORKFORCE_DATA_DIR") or DEFAULT_DATA_DIR)


@dataclass
class Dataset:
    """Typed, indexed frames of one data folder, or the problems that stopped it loading."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)
    occupations: pd.DataFrame | None = None  # index soc_code
    areas: pd.DataFrame | None = None  # index area_code
    industries: pd.DataFrame | None = None  # index industry_code
    wages: pd.DataFrame | None = None  # salary_percentiles, index (soc_code, area_code)
    hiring: pd.DataFrame | None = None  # hiring_industries, index (soc_code, industry_code)
    projections: pd.DataFrame | None = None  # growth_projections joined with annual_openings, index soc_code
    aliases: pd.DataFrame | None = None
    pathways: pd.DataFrame | None = None  # curated ladders, ordered by (pathway, step)
    year: int | None = None
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # derived frames, built once

    @property
    def ok(self) -> bool:
        return not self.problems


def load(folder: Path) -> Dataset:
    """Read, validate and index a data folder (no Streamlit; tests and benchmarks call it)."""
    frames, problems = load_dir(folder)
    if problems:
        return Dataset(Path(folder), problems)
    wages = frames["salary_percentiles"]
    proj = frames["growth_projections"].merge(
        frames["annual_openings"].drop(columns=["base_year", "target_year"]), on="soc_code", how="left"
    )
    empty_aliases = pd.DataFrame(columns=TABLES["aliases"].columns)
    empty_pathways = pd.DataFrame(columns=TABLES["pathways"].columns)
    return Dataset(
        folder=Path(folder),
        occupations=frames["occupations"].set_index("soc_code", drop=False).sort_index(),
        areas=frames["areas"].set_index("area_code", drop=False).sort_index(),
        industries=frames["industries"].set_index("industry_code", drop=False).sort_index(),
        wages=wages.set_index(["soc_code", "area_code"], drop=False).sort_index(),
        hiring=frames["hiring_industries"].set_index(["soc_code", "industry_code"], drop=False).sort_index(),
        projections=proj.set_index("soc_code", drop=False).sort_index(),
        aliases=frames.get("aliases", empty_aliases),
        pathways=frames.get("pathways", empty_pathways).sort_values(["pathway", "step"], kind="stable"),
        year=int(wages["year"].iloc[0]) if len(wages) else None,
    )


@st.cache_resource(show_spinner="Loading BLS data…")
def _cached(folder: str) -> Dataset:
    return load(Path(folder))


def dataset() -> Dataset:
    """The dataset of this server process's data folder (loaded on first use)."""
    return _cached(str(data_dir().resolve()))
