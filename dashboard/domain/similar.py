"""Similar roles, computed from the data: shared hiring industries, the same SOC minor group, wages close by, and
any further measures passed in as signals (dashboard/skills.py: O*NET's skills similarity and related occupations).

Pure pandas/numpy on plain frames, so the measure can be tested on small inline frames.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

WEIGHT_MINOR = 0.25  # same minor group adds this much to the score
WEIGHT_WAGE = 0.25  # a median within WAGE_CLOSE adds up to this much (more the closer)
WAGE_CLOSE = 0.15  # relative difference of median annual wages counted as "close"
MIN_OVERLAP = 0.30  # below this the industry overlap is not given as a reason


@dataclass(frozen=True)
class Similar:
    soc_code: str
    title: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Signal:
    """A further measure of likeness: a score added per candidate (by soc_code; missing counts 0) and the reason
    in words for a candidate, given from a score of `shown_from` (or when nothing else explains the choice)."""

    name: str
    score: pd.Series
    reason: Callable[[str], str]
    shown_from: float = 0.0


def industry_mix(hiring: pd.DataFrame) -> pd.DataFrame:
    """Each occupation's employment spread across industries, as shares summing to 1 per row.

    hiring: soc_code, industry_code, employment (one industry level, so industries do not nest).
    """
    d = hiring.dropna(subset=["employment"])
    d = d[d["employment"] > 0]
    m = d.pivot_table(index="soc_code", columns="industry_code", values="employment", aggfunc="sum", fill_value=0)
    return m.div(m.sum(axis=1), axis=0).astype(float)  # plain floats: overlap() reads them as one array


def overlap(mix: pd.DataFrame, soc: str) -> pd.Series:
    """Share of employment two occupations have in the same industries: sum of the smaller shares (0–1).

    1 means identical industry mixes; 0 means no industry in common, or no industry detail.
    """
    if soc not in mix.index:
        return pd.Series(0.0, index=mix.index)
    a = mix.loc[soc].to_numpy()
    return pd.Series(np.minimum(mix.to_numpy(), a).sum(axis=1), index=mix.index)


def minor_group(soc: str) -> str:
    """11-3051 -> 11-3000."""
    return soc[:4] + "000"


def similar_roles(
    soc: str,
    occupations: pd.DataFrame,
    mix: pd.DataFrame,
    medians: pd.Series,
    n: int = 6,
    signals: Sequence[Signal] = (),
) -> list[Similar]:
    """The n occupations most like `soc`, each with its reasons in words (the signals' reasons first).

    occupations: soc_code, title, level (detailed rows are candidates); minor-group titles are looked up
    in it too. medians: median annual wage by soc_code (NaN when not released). signals: further scores.
    """
    occ = occupations.set_index("soc_code", drop=False) if "soc_code" in occupations else occupations
    cand = occ[(occ["level"] == "detailed") & (occ["soc_code"] != soc)]
    ov = overlap(mix, soc).reindex(cand.index).fillna(0.0)
    same_minor = cand["soc_code"].map(minor_group) == minor_group(soc)
    mine = medians.get(soc, np.nan)
    theirs = medians.reindex(cand.index)
    rel = (theirs - mine).abs() / mine if pd.notna(mine) and mine else pd.Series(np.nan, index=cand.index)
    wage_score = (1 - rel / WAGE_CLOSE).clip(lower=0).fillna(0)
    score = ov + WEIGHT_MINOR * same_minor + WEIGHT_WAGE * wage_score
    extra = [sig.score.reindex(cand.index).fillna(0.0) for sig in signals]
    for e in extra:
        score = score + e
    score = score[score > 0]
    minor_title = occ["title"].get(minor_group(soc), minor_group(soc))
    out = []
    for code in score.sort_values(ascending=False, kind="stable").index[:n]:
        reasons = [
            sig.reason(code) for sig, e in zip(signals, extra, strict=True) if e[code] > 0 and e[code] >= sig.shown_from
        ]
        if ov[code] >= MIN_OVERLAP:
            reasons.append(f"hired by the same industries: {ov[code] * 100:.0f}% overlap")
        if same_minor[code]:
            reasons.append(f"same occupational group: {minor_title}")
        if wage_score[code] > 0:
            diff = theirs[code] - mine
            reasons.append(
                f"national median wage close by: ${theirs[code]:,.0f} ({'+' if diff >= 0 else '−'}${abs(diff):,.0f})"
            )
        if not reasons:  # only weak signals: name the strongest
            weak = [(e[code], sig.reason) for sig, e in zip(signals, extra, strict=True) if e[code] > 0]
            if not weak or ov[code] >= max(w for w, _ in weak):
                reasons.append(f"hired by some of the same industries: {ov[code] * 100:.0f}% overlap")
            else:
                reasons.append(max(weak, key=lambda w: w[0])[1](code))
        out.append(Similar(code, occ.loc[code, "title"], float(score[code]), tuple(reasons)))
    return out
