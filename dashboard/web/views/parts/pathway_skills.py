"""The career ladder's "What to learn at each step": the skills and knowledge whose required level rises most
from the step before (O*NET), in words and as a table."""

from __future__ import annotations

import streamlit as st

from dashboard.core.safe import md
from dashboard.data.dataset import Dataset
from dashboard.domain import onet as onet_
from dashboard.domain import skills
from dashboard.web import ui

LEVEL = st.column_config.NumberColumn(format="%.2f")


def draw(ds: Dataset, socs: list[str], stages: list[str]) -> list[str]:
    """Draw the section for the ladder's steps (SOC codes and their stages, in step order); returns the footer notes
    it needs (O*NET's attribution)."""
    st.subheader("What to learn at each step")
    lad = skills.ladder(ds, socs, stages)
    if lad is None:
        st.caption(
            "This data folder has no O*NET skills table (onet_skills.csv): what each step requires is not known here."
        )
        return []
    st.caption(
        f"For each step, the skills and knowledge areas whose required level rises most from the step before "
        f"(O*NET's level scale, 0 to 7): the {skills.RISES_WORDS} that rise most in words, up to "
        f"{skills.RISES_TABLE} in the table."
    )
    st.markdown("\n".join(f"- {md(line)}" for line in lad.sentences))
    table = lad.table
    if len(table):
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                **ui.column_config({}, table),
                **{
                    c: {**LEVEL, "width": ui.column_width(c)}
                    for c in ("Level before (0–7)", "Level at this step (0–7)", "Rise (levels)")
                },
            },
            key="pathway-skills",
        )
        ui.download(table, "pathway-skills", key="dl-pathway-skills", source=onet_.SOURCE_LINE)
    st.caption(md(f"{skills.LADDER_NOTE} Source: {onet_.SOURCE_LINE}."))
    return [onet_.ATTRIBUTION]
