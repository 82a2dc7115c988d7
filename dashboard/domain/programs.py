"""Education programs (NCES CIP 2020) and the occupations they prepare for: lookups, search, tables (pure pandas)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard.core.codes import NATIONAL
from dashboard.data.dataset import Dataset
from dashboard.domain import occupations as occupations_
from dashboard.domain import supply
from dashboard.domain.derived import per_argument, per_dataset
from dashboard.domain.fuzzy import MARGIN, TokenIndex
from dashboard.domain.onet import cip_title, has_programs

CIP_RE = re.compile(r"^\d{2}(\.\d{2}(\d{2})?)?$")  # 52, 52.02, 52.0205
SOURCE_LINE = "NCES Classification of Instructional Programs 2020 and CIP 2020 ↔ SOC 2018 crosswalk"


@dataclass(frozen=True)
class ProgramMatch:
    cip_code: str
    title: str
    matched: str  # the text that matched (a title or the code)
    score: float


@per_dataset
def _programs(ds: Dataset) -> pd.DataFrame:
    return ds.content["programs"].set_index("cip_code", drop=False)


def normalise(raw: str) -> str:
    """'52.205' stays as typed; '520205' (no dot, as some systems write it) -> '52.0205'; spaces dropped."""
    v = raw.strip().replace(" ", "")
    if re.fullmatch(r"\d{6}", v):
        return f"{v[:2]}.{v[2:]}"
    if re.fullmatch(r"\d{4}", v):
        return f"{v[:2]}.{v[2:]}"
    return v


def exists(ds: Dataset, cip: str) -> bool:
    return has_programs(ds) and cip in _programs(ds).index


def program(ds: Dataset, cip: str) -> pd.Series:
    """The CIP row: cip_code, title, definition, family, series, level."""
    return _programs(ds).loc[cip]


def families(ds: Dataset) -> pd.DataFrame:
    """Every two-digit CIP family: cip_code, title (in NCES's capitals, as published), programs (count)."""
    p = ds.content["programs"]
    fam = p[p["level"] == "family"][["cip_code", "title"]].copy()
    counts = p[p["level"] == "program"].groupby("family").size()
    fam["programs"] = fam["cip_code"].map(counts).fillna(0).astype(int)
    return fam.reset_index(drop=True)


def in_family(ds: Dataset, family: str) -> pd.DataFrame:
    """The six-digit programs of a family (or of a series, given 52.02), with the occupations each leads to."""
    p = ds.content["programs"]
    key = "series" if len(family) == 5 else "family"
    rows = p[(p[key] == family) & (p["level"] == "program")][["cip_code", "title"]].copy()
    po = ds.content["program_occupations"]
    rows["occupations"] = rows["cip_code"].map(po.groupby("cip_code").size()).fillna(0).astype(int)
    rows["title"] = rows["title"].map(cip_title)
    return rows.reset_index(drop=True)


def nearest(ds: Dataset, cip: str, limit: int = 3) -> list[str]:
    """Programs whose codes sit nearest an unknown code: in its series, else its family."""
    p = ds.content["programs"]
    codes = list(p.loc[p["level"] == "program", "cip_code"])
    for prefix in (cip[:5], cip[:2]):
        near = [c for c in codes if c.startswith(prefix)]
        if near:
            digits = re.sub(r"\D", "", cip).ljust(6, "0")[:6]
            return sorted(near, key=lambda c: (abs(int(c.replace(".", "")) - int(digits)), c))[:limit]
    return []


@per_dataset
def _names(ds: Dataset) -> tuple[TokenIndex, list[str]]:
    p = ds.content["programs"]
    p = p[p["level"] == "program"]
    return TokenIndex([cip_title(t) for t in p["title"]]), list(p["cip_code"])


def search(ds: Dataset, query: str, limit: int = 8) -> list[ProgramMatch]:
    """Programs by name (typos forgiven, as role search) or by code (52.0205, 52.02, 520205). By name, only those
    within MARGIN of the best are listed, as in role search: "welding" finds the two welding programs, not
    "Reading" and "Casino Dealing" (one letter off a word of theirs)."""
    text = (query or "").strip()[:100]
    if not text or not has_programs(ds):
        return []
    code = normalise(text)
    progs = _programs(ds)
    if CIP_RE.match(code):
        hits = progs[(progs["cip_code"].str.startswith(code)) & (progs["level"] == "program")]
        return [ProgramMatch(c, cip_title(t), c, 100.0) for c, t in zip(hits["cip_code"], hits["title"], strict=True)][
            :limit
        ]
    index, codes = _names(ds)
    found = index.search(text, max(limit * 8, 60))
    found = [(i, s) for i, s in found if s >= found[0][1] - MARGIN]
    # among equally good names, the programs more people complete first: "nursing" matches 40 titles alike, and
    # Registered Nursing (the nation's most completed of them) was cut off the list by the shorter titles
    sizes = supply.national_totals(ds) if supply.available(ds) else {}
    found.sort(key=lambda f: (-round(f[1], 1), -sizes.get(codes[f[0]], 0)))
    return [ProgramMatch(codes[i], index.texts[i], index.texts[i], s) for i, s in found[:limit]]


@per_argument(256)  # a page's other reruns (an expander opened, a chart clicked) ask again
def occupations(ds: Dataset, cip: str, area: str = NATIONAL) -> pd.DataFrame:
    """Every occupation the program prepares for (crosswalk), with the median wage and employment in the area,
    national projected growth and openings, and typical education. Occupations BLS does not publish keep
    their row with empty figures (not released)."""
    po = ds.content["program_occupations"]
    socs = list(po.loc[po["cip_code"] == cip, "soc_code"])
    if not socs:
        return pd.DataFrame(columns=["soc_code", "title"])
    table = occupations_.explorer_table(ds, area, socs=socs).set_index("soc_code", drop=False)
    known = [s for s in socs if s in table.index]
    out = table.loc[known].reset_index(drop=True)
    missing = [s for s in socs if s not in table.index]
    if missing:
        onet = ds.content.get("onet_occupations")
        names = dict(zip(onet["onetsoc_code"].str[:7], onet["title"], strict=False)) if onet is not None else {}
        extra = pd.DataFrame(
            {
                "soc_code": missing,
                "title": [
                    ds.occupations.loc[s, "title"] if s in ds.occupations.index else names.get(s, f"SOC {s}")
                    for s in missing
                ],
            }
        )
        out = pd.concat([out, extra], ignore_index=True)
    out = out.sort_values(["openings_annual", "soc_code"], ascending=[False, True], na_position="last", kind="stable")
    return out.reset_index(drop=True)
