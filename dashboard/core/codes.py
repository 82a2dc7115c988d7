"""The codes and measures every layer shares: OEWS's special codes, the wage columns, the map measures.

Plain constants with no imports from the rest of the package, so the ingest, the schema, the queries
and the views all read the same declaration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

NATIONAL = "0000000"  # OEWS area code of the United States
ALL_INDUSTRIES = "000000"  # OEWS cross-industry total
FIRST_INDUSTRY = "31--34"  # manufacturing, where this project started: the Industry page's default
ALL_OCCUPATIONS = "00-0000"  # SOC code of the all-occupations row
# OEWS industry codes that are totals or ownership groupings, not industries of their own
INDUSTRY_TOTALS = (ALL_INDUSTRIES, "000001", "999001")
SOC_RE = re.compile(r"^\d{2}-\d{4}$")
CPI_SERIES = "CUUR0000SA0"  # BLS CPI-U, U.S. city average, all items, not seasonally adjusted

PERCENTILES = ("p10", "p25", "median", "p75", "p90")
PERCENTILE_LABELS = {"p10": "10th", "p25": "25th", "median": "Median", "p75": "75th", "p90": "90th"}
HOURLY_WAGES = ("hourly_mean",) + tuple(f"hourly_{p}" for p in PERCENTILES)
ANNUAL_WAGES = ("annual_mean",) + tuple(f"annual_{p}" for p in PERCENTILES)
WAGE_COLUMNS = ANNUAL_WAGES + HOURLY_WAGES

INDUSTRY_LEVELS = {2: "sector", 3: "subsector", 4: "industry group"}
WAGE_BASES = ("annual", "hourly")

# Relative standard error thresholds (percent): ours, stated on screen; BLS sets none for OEWS.
RSE_CAUTION, RSE_LOW = 10.0, 25.0


def top_coded_flag(column: str) -> str:
    """The boolean column (added at load time) that says a wage column holds the top-code bound."""
    return f"{column}_top_coded"


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    kind: str  # count | ratio | money | hourly | change
    rse: str  # the relative standard error column that qualifies it ("" for projections: none)
    centre: float | None = None  # the value it reads against, if any: its map diverges from there

    @property
    def is_wage(self) -> bool:
        return self.kind in ("money", "hourly")

    @property
    def is_state_projection(self) -> bool:
        """A state measure from the states' own projections (Projections Central), not OEWS."""
        return self.key in STATE_PROJECTION_MEASURES


def _measures() -> dict[str, Measure]:
    m = [
        Measure("employment", "Employment", "count", "employment_rse"),
        Measure("jobs_per_1000", "Jobs per 1,000 jobs", "ratio", "employment_rse"),
        Measure("location_quotient", "Location quotient", "ratio", "employment_rse", centre=1.0),
        Measure("annual_mean", "Mean annual wage", "money", "wage_rse"),
    ]
    for basis, kind in (("annual", "money"), ("hourly", "hourly")):
        if basis == "hourly":
            m.append(Measure("hourly_mean", "Mean hourly wage", "hourly", "wage_rse"))
        for p in PERCENTILES:
            name = "Median" if p == "median" else f"{PERCENTILE_LABELS[p]} percentile"
            m.append(Measure(f"{basis}_{p}", f"{name} {basis} wage", kind, "wage_rse"))
    m += [
        Measure("state_change_pct", "Projected change (state projections, %)", "change", ""),
        Measure("state_openings", "Projected openings a year (state projections)", "count", ""),
    ]
    return {x.key: x for x in m}


STATE_PROJECTION_MEASURES = ("state_change_pct", "state_openings")
MEASURES = _measures()


# An OEWS sector code: the range of its two-digit NAICS codes, the end excluded ("31--34": 31, 32 and 33), or
# government's "99-100".
SECTOR_RE = re.compile(r"^(\d\d)-{1,2}(\d{2,3})$")


def sector_holding(two: int, codes: Iterable[str]) -> str | None:
    """The OEWS sector among `codes` whose range holds the two-digit NAICS code `two` (32 → "31--34")."""
    for code in codes:
        m = SECTOR_RE.match(code)
        if m and int(m.group(1)) <= two < int(m.group(2)):
            return code
    return None
