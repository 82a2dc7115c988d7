"""What every session shares, built once per process before the first visitor needs it."""

from __future__ import annotations

from dashboard.data.dataset import Dataset
from dashboard.domain import demand, skills
from dashboard.domain.derived import per_dataset
from dashboard.domain.similar_roles import industry_mix


def warm(ds: Dataset) -> None:
    """Build the derived frames every session shares, once per process (the first page load pays, not a
    later click). Every run asks (ui.require_data); after the first it is one look-up, not the frames' copies."""
    _warmed(ds)


@per_dataset
def _warmed(ds: Dataset) -> bool:
    industry_mix(ds)
    skills.dataset_profiles(ds)
    demand.warm(ds)  # the in-demand list's industry filter: the states' old SOC codes and what they became
    skills.dataset_related(ds)
    return True
