"""Similar roles for the profile: the dataset's industry mix and O*NET's signals, fed to domain.similar."""

from __future__ import annotations

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.domain import similar as sim
from dashboard.domain import skills
from dashboard.domain.derived import per_argument, per_dataset

# --- similar roles and pathways ---------------------------------------------------------------------

SIMILAR_LEVEL = 4  # industry groups (4-digit NAICS): fine enough to tell a hospital from a clinic


@per_dataset
def industry_mix(ds: Dataset) -> pd.DataFrame:
    """Each occupation's spread across industry groups, built once per dataset (see dashboard/similar.py)."""
    h = ds.hiring[["soc_code", "industry_code", "employment"]].reset_index(drop=True)
    h = h[h["industry_code"].map(ds.industries["level"]) == SIMILAR_LEVEL]
    return sim.industry_mix(h)


@per_argument(2048)
def similar(ds: Dataset, soc: str, n: int = 6) -> list[sim.Similar]:
    """Similar roles for the profile (see dashboard/similar.py; O*NET's signals from dashboard/skills.py)."""

    medians = pd.to_numeric(ds.national["annual_median"])
    occ = ds.occupations.reset_index(drop=True)
    return sim.similar_roles(soc, occ, industry_mix(ds), medians, n=n, signals=skills.signals(ds, soc))
