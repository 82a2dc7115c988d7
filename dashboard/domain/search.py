"""Role search: job titles as people say them (official, curated aliases, O*NET's and EP's) -> SOC occupations."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from dashboard.core.codes import (
    SOC_RE,
)
from dashboard.data.dataset import Dataset
from dashboard.domain.derived import per_dataset
from dashboard.domain.fuzzy import MARGIN, TokenIndex
from dashboard.domain.occupations import detailed_codes


def closest(choices: dict[str, str], query: str, limit: int = 5) -> list[tuple[str, str]]:
    """The choices (code -> label) nearest to a query, by code or label, for 'did you mean'."""
    q = (query or "")[:100]
    if not q or not choices:
        return []
    labels = {code: f"{code} {label}" for code, label in choices.items()}
    found = process.extract(q, labels, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
    return [(code, choices[code]) for _, _, code in found]


# --- role search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    soc_code: str
    title: str
    via: str  # the alias or title that matched
    score: float
    source: str = ""  # where the title that matched comes from (O*NET alternate title, curated alias, …)

    @property
    def label(self) -> str:
        """'plant superintendent → Industrial Production Managers (11-3051), O*NET alternate title'."""
        name = f"{self.title} ({self.soc_code})"
        if not self.source or self.via.casefold() == self.title.casefold():
            return name
        return f"{self.via} → {name}, {self.source}"


def search_roles(ds: Dataset, query: str, limit: int = 8) -> list[Match]:
    """Job titles as people say them -> SOC occupations: curated aliases plus fuzzy official titles."""
    q = (query or "").strip()[:100]
    if not q:
        return []
    if SOC_RE.match(q) and q in ds.occupations.index:
        return [Match(q, ds.occupations.loc[q, "title"], q, 100.0)]
    if "onet_titles" in ds.content:  # O*NET's and EP's titles beside the curated aliases (dashboard/titles.py)
        return search(ds, q, limit)
    detailed = ds.occupations.loc[detailed_codes(ds)]
    names: list[tuple[str, str]] = [(t, c) for c, t in zip(detailed["soc_code"], detailed["title"], strict=True)]
    names += [(a, c) for a, c in zip(ds.aliases["alias"], ds.aliases["soc_code"], strict=True)]
    found = process.extract(
        q, [n for n, _ in names], scorer=fuzz.WRatio, processor=utils.default_process, limit=limit * 4, score_cutoff=70
    )
    best: dict[str, Match] = {}
    for text, score, i in found:
        code = names[i][1]
        if i >= len(detailed):  # names past the official titles are curated aliases
            score += 2  # a curated alias says what people mean: prefer it on a tie
        if code not in best or score > best[code].score:
            title = ds.occupations.loc[code, "title"] if code in ds.occupations.index else code
            best[code] = Match(code, title, text, score)
    return sorted(best.values(), key=lambda m: (-m.score, m.soc_code))[:limit]


# where a title comes from, in the order that breaks a tie (a curated alias says most surely what people mean)
SOURCES = {
    "alias": "curated alias",
    "official": "official title",
    "onet_occupation": "O*NET occupation title",
    "reported": "O*NET reported title",
    "alternate": "O*NET alternate title",
    "ep_sample": "EP sample title",
}


SOURCE_BONUS = {
    "alias": 3.0,
    "official": 2.0,
    "onet_occupation": 1.5,
    "reported": 1.0,
    "alternate": 0.5,
    "ep_sample": 0.5,
}


CANDIDATES = 300


CORROBORATES = 95  # a title this close to the query counts as that source naming the occupation


@per_dataset
def title_list(ds: Dataset) -> tuple[TokenIndex, pd.Categorical, pd.Categorical, np.ndarray]:
    """Every title once per occupation: the index, each title's SOC code, its source key and the occupation's
    national employment (log10, 0 when not published: a tie goes to the job more people hold)."""

    detailed = ds.occupations.loc[detailed_codes(ds)]
    parts = [
        pd.DataFrame({"title": detailed["title"], "soc_code": detailed["soc_code"], "source": "official"}),
        pd.DataFrame({"title": ds.aliases["alias"], "soc_code": ds.aliases["soc_code"], "source": "alias"}),
    ]
    if "onet_occupations" in ds.content:
        o = ds.content["onet_occupations"]
        parts.append(pd.DataFrame({"title": o["title"], "soc_code": o["soc_code"], "source": "onet_occupation"}))
    if "onet_titles" in ds.content:
        t = ds.content["onet_titles"]
        parts.append(pd.DataFrame({"title": t["title"], "soc_code": t["onetsoc_code"].str[:7], "source": t["source"]}))
    pv = getattr(ds, "projection_vintages", None)
    if pv is not None and "sample_titles" in pv:
        latest = pv[pv["vintage"] == pv["vintage"].max()].dropna(subset=["sample_titles"])
        ep = latest.assign(title=latest["sample_titles"].str.split("; ")).explode("title")
        parts.append(pd.DataFrame({"title": ep["title"], "soc_code": ep["soc_code"], "source": "ep_sample"}))
    df = pd.concat(parts, ignore_index=True).dropna(subset=["title"])
    # "Automotive Mechanic (Auto Mechanic)": each form is a title people type
    split = df["title"].str.extract(r"^(?P<outer>.+?)\s*\((?P<inner>[^()]+)\)\s*$")
    has = split["outer"].notna()
    df = pd.concat(
        [df, df[has].assign(title=split.loc[has, "outer"]), df[has].assign(title=split.loc[has, "inner"])],
        ignore_index=True,
    )
    df = df[df["soc_code"].isin(detailed.index)]
    order = {k: i for i, k in enumerate(SOURCES)}
    df = df.assign(key=df["title"].map(utils.default_process), rank=df["source"].map(order))
    df = df.sort_values(["rank", "soc_code", "title"], kind="stable").drop_duplicates(["key", "soc_code", "source"])
    nat = ds.national["employment"] if "employment" in ds.national else pd.Series(dtype=float)
    emp = df["soc_code"].map(nat).astype(float).fillna(0)
    weight = np.array([math.log10(e) if e > 0 else 0.0 for e in emp], dtype=np.float32)
    # codes and sources as categories: two small arrays of numbers, not 2 × 68,000 Python strings
    socs = pd.Categorical(df["soc_code"].astype(str))
    sources = pd.Categorical(df["source"].astype(str))
    return TokenIndex(df["title"]), socs, sources, weight


# SOC coding rule: "apprentices and trainees are classified with the occupation for which they are being trained"
# (SOC 2018 User Guide), so "electrician apprentice" is also searched as "electrician"
IN_TRAINING = re.compile(r"\b(apprentice|apprentices|apprenticeship|trainee|trainees)\b", re.IGNORECASE)
OWN_TITLE = 0.1  # how far the occupation's own title agrees with the query (rapidfuzz partial_ratio 0–100 -> 0–10)
TRAINED_FOR = 3.0  # the occupation trained for, found without "apprentice": a little behind a title that says it


def search(ds: Dataset, query: str, limit: int = 8) -> list:
    """The occupations whose titles best match the query, each with the title that matched and its source: the
    best first, and only those within MARGIN of the first (fewer, better answers rather than a full list)."""

    best = _scored(ds, query)
    trained_for = " ".join(IN_TRAINING.sub(" ", query).split())
    if trained_for and trained_for != " ".join(query.split()):
        for code, m in _scored(ds, trained_for).items():
            if code not in best or m.score - TRAINED_FOR > best[code].score:
                best[code] = Match(m.soc_code, m.title, m.via, m.score - TRAINED_FOR, m.source)
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.soc_code))
    return [m for m in ranked if m.score >= ranked[0].score - MARGIN][:limit]


def _scored(ds: Dataset, query: str) -> dict[str, Match]:
    """Each occupation a title of which matches the query, with its best title and score."""
    index, socs, sources, weight = title_list(ds)
    titles_of = ds.occupations["title"]
    found = index.search(query, limit=CANDIDATES, cutoff=70.0)
    q = utils.default_process(query)
    codes = sorted({socs[i] for i, _ in found})
    # the whole phrase in the occupation's own title: "nurse" in Registered Nurses, not in Computer Systems Analysts
    # (whose O*NET alternate titles include "QC Nurse")
    # (below 60 a partial match is chance letters, as "forklift" in Industrial Truck and Tractor Operators: 0)
    # (a query of four letters or fewer agrees only where it is a whole word of the title: "cna" is two letters of
    # "Surgical Assistants", 67, which put that above Nursing Assistants, whose CNA it is; "art" is in
    # "Kindergarten" but is no word of it)
    if len(q) <= 4:
        word = re.compile(rf"\b{re.escape(q)}\b")
        own = {c: 100.0 if word.search(utils.default_process(titles_of[c])) else 0.0 for c in codes}
    else:
        own = {c: fuzz.partial_ratio(q, utils.default_process(titles_of[c]), score_cutoff=60) for c in codes}
    best: dict[str, Match] = {}
    exact_sources: dict[str, set[str]] = {}
    for i, score in found:
        text = index.texts[i]
        # exact words first, then the title's source, then how many people hold the job (log10 employment)
        exact = fuzz.ratio(q, index.processed[i])
        code = socs[i]
        total = score + 0.05 * exact + SOURCE_BONUS[sources[i]] + 0.3 * weight[i] + OWN_TITLE * own[code]
        if exact >= CORROBORATES:
            exact_sources.setdefault(code, set()).add(sources[i])
        if code not in best or total > best[code].score:
            best[code] = Match(code, titles_of[code], text, float(total), SOURCES[sources[i]])
    # the same title from more than one source (a curated alias and O*NET's reported titles) is stronger evidence
    for code, seen in exact_sources.items():
        m = best[code]
        best[code] = Match(m.soc_code, m.title, m.via, m.score + (len(seen) - 1), m.source)
    return best
