"""Every column a table on screen or in a CSV can show: its heading and the kind of number it holds.

Views name the columns they show (with a heading of their own where the page needs one, such as
"Employment, Michigan"); `shape` renames and orders the frame, and ui.column_config turns the kinds
into Streamlit's number formats. Headings may name {ep} (the projection years), {oews} and {place}.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.data.release import Release


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text | count | money | hourly | change | share | ratio


COLUMNS = {
    "soc_code": Column("SOC code"),
    "title": Column("Occupation"),
    "major_title": Column("Major group"),
    "employment": Column("Employment", "count"),
    "annual_median": Column("Median annual wage", "money"),
    "hourly_median": Column("Median hourly wage", "hourly"),
    "change_pct": Column("Growth {ep} (%)", "change"),
    "openings_annual": Column("Openings a year", "count"),
    "education": Column("Typical education"),
    "experience": Column("Work experience"),
    "note": Column("Note"),
    "share": Column("Share of the industry's jobs (%)", "share"),
    "median_in_industry": Column("Median annual wage in the industry", "money"),
    "median_all_industries": Column("Median annual wage, all industries", "money"),
    "top_industries": Column("Top industries (national)"),
    "step": Column("Step"),
    "stage": Column("Stage"),
    "gain_label": Column("Gain from previous step"),
}

Spec = Sequence[str | tuple[str, str]]  # a column key, or (key, heading for this page)


def shape(df: pd.DataFrame, spec: Spec, release: Release, place: str = "") -> tuple[pd.DataFrame, dict[str, str]]:
    """The frame with the spec's columns in order under their headings, and each heading's kind."""
    keys, labels, kinds = [], [], {}
    for item in spec:
        key, label = item if isinstance(item, tuple) else (item, COLUMNS[item].label)
        # plain replacement, not str.format: a heading may already hold a name from the data, braces and all
        label = label.replace("{ep}", release.ep).replace("{oews}", release.oews).replace("{place}", place)
        keys.append(key)
        labels.append(label)
        kinds[label] = COLUMNS[key].kind
    out = df[keys].copy()
    out.columns = labels
    return out, kinds
