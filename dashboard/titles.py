"""Role search over every title people use: official titles, curated aliases, O*NET's alternate and reported
titles and EP's sample titles (about 60,000), word by word and typo-tolerant (pure; no Streamlit)."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, utils

from dashboard.data import Dataset
from dashboard.fuzzy import TokenIndex

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


@lru_cache(maxsize=4)
def title_list(ds: Dataset) -> tuple[TokenIndex, np.ndarray, np.ndarray, np.ndarray]:
    """Every title once per occupation: the index, each title's SOC code, its source key and the occupation's
    national employment (log10, 0 when not published: a tie goes to the job more people hold)."""
    from dashboard.queries import detailed_codes

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
    return TokenIndex(list(df["title"])), df["soc_code"].to_numpy(), df["source"].to_numpy(), weight


def search(ds: Dataset, query: str, limit: int = 8) -> list:
    """The occupations whose titles best match the query, each with the title that matched and its source."""
    from dashboard.queries import Match

    index, socs, sources, weight = title_list(ds)
    titles_of = ds.occupations["title"]
    found = index.search(query, limit=CANDIDATES, cutoff=70.0)
    q = utils.default_process(query)
    best: dict[str, Match] = {}
    exact_sources: dict[str, set[str]] = {}
    for i, score in found:
        text = index.texts[i]
        # exact words first, then the title's source, then how many people hold the job (log10 employment)
        exact = fuzz.ratio(q, index.processed[i])
        total = score + 0.05 * exact + SOURCE_BONUS[sources[i]] + 0.3 * weight[i]
        code = socs[i]
        if exact >= CORROBORATES:
            exact_sources.setdefault(code, set()).add(sources[i])
        if code not in best or total > best[code].score:
            best[code] = Match(code, titles_of[code], text, float(total), SOURCES[sources[i]])
    # the same title from more than one source (a curated alias and O*NET's reported titles) is stronger evidence
    for code, seen in exact_sources.items():
        m = best[code]
        best[code] = Match(m.soc_code, m.title, m.via, m.score + (len(seen) - 1), m.source)
    return sorted(best.values(), key=lambda m: (-m.score, m.soc_code))[:limit]
