"""Projections Central's state long-term projections (2022–32): the bulk TSV as published -> state_projections."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.core.codes import NATIONAL, SOC_RE
from dashboard.ingest.extract import IngestError, read_text, state_postal

# where the export sits in the raw folder (build-data --raw, fetch-raw)
FOLDER = "projections-central-2022-32"
FILE = "longterm_2022-32_all_states.tsv"

# the export's header -> the contract's column (the export also has two unnamed, empty trailing columns)
COLUMNS = {
    "STFIPS": "area_code",
    "OccCode": "soc_code",
    "Base": "employment_base",
    "Projected": "employment_target",
    "PercentChange": "change_pct",
    "AvgAnnualOpenings": "openings_annual",
    "Title": "title",
}
ORDER = [
    "base_year",
    "target_year",
    "area_code",
    "soc_code",
    "employment_base",
    "employment_target",
    "change_pct",
    "openings_annual",
    "title",
]
_YEARS = re.compile(r"(?<!\d)(20\d\d)-(\d\d)(?!\d)")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def vintage(path: Path) -> tuple[int, int]:
    """(base year, target year) from the export's name ('longterm_2022-32_…') or its folder's
    ('projections-central-2022-32'): the file itself carries no year."""
    for name in (path.name, path.parent.name):
        m = _YEARS.search(name)
        if m:
            base = int(m.group(1))
            target = base - base % 100 + int(m.group(2))
            return base, target if target > base else target + 100
    raise IngestError(
        f"{path}: cannot tell the projection years; expected them in the file or folder name "
        "(longterm_2022-32_all_states.tsv, projections-central-2022-32/)"
    )


def read(path: Path) -> pd.DataFrame:
    """The export as stripped text, columns by header name, blank lines dropped."""
    df = read_text(Path(path), COLUMNS, "the Projections Central long-term export", sep="\t", quoting=3)
    return df[(df != "").any(axis=1)].reset_index(drop=True)  # the export ends with empty lines


def transform(df: pd.DataFrame, years: tuple[int, int], postal: dict[str, str], name: str = "export") -> pd.DataFrame:
    """Contract rows: OEWS area codes (STFIPS 0 -> 0000000, 26 -> 2600000), persons as published; an
    occupation a state does not publish has no row."""
    fips = df["STFIPS"]
    known = fips.isin(["0", *(str(int(f)) for f in postal)])
    if not known.all():
        raise IngestError(
            f"{name}: unknown STFIPS {sorted(set(fips[~known]))[:5]}; expected 0 (US) or a state FIPS code"
        )
    bad_soc = ~df["OccCode"].str.match(SOC_RE.pattern)
    if bad_soc.any():
        raise IngestError(f"{name}: OccCode {sorted(set(df['OccCode'][bad_soc]))[:5]} is not an SOC code like 11-3051")
    for col in ("Base", "Projected", "PercentChange", "AvgAnnualOpenings"):
        bad = ~df[col].str.match(_NUMBER) & (df[col] != "")
        if bad.any():
            raise IngestError(f"{name}: column {col} holds {sorted(set(df[col][bad]))[:5]}; expected plain numbers")
    out = df.rename(columns=COLUMNS)
    out["area_code"] = [NATIONAL if f == "0" else f"{int(f):02d}00000" for f in fips]
    out["base_year"], out["target_year"] = str(years[0]), str(years[1])
    return out[ORDER].sort_values(["area_code", "soc_code"], kind="stable").reset_index(drop=True)


def table(path: Path) -> pd.DataFrame:
    """state_projections from the export at `path`."""
    path = Path(path)
    return transform(read(path), vintage(path), state_postal(), path.name)
