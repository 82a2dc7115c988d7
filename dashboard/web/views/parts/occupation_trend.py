"""The occupation profile's national trend: employment and the median wage May 2013–2025, a sentence to
read aloud, why a line starts late, and a link to /trends. National OEWS whatever area is chosen."""

from __future__ import annotations

import streamlit as st

from dashboard.core.safe import md
from dashboard.data.dataset import Dataset
from dashboard.domain import soc as soc_
from dashboard.domain import trends
from dashboard.present import trend_small
from dashboard.web import params, ui


def draw(ds: Dataset, soc: str, hourly: bool) -> None:
    if not trends.available(ds):
        st.subheader("Trend, United States")
        st.caption("Trends are not in this data folder (no oews_national_history or soc_crosswalk).")
        return
    span = trend_small.span(ds)
    st.subheader(f"Trend, United States, OEWS {span}")
    title = ds.occupations.loc[soc, "title"]
    st.caption(
        md(
            "National figures whatever area is chosen above: wage and salary jobs in all industries (not the "
            "Employment Projections figures above, which count the self-employed too)."
        )
    )
    st.markdown(md(trends.paragraph(ds, soc, hourly)))
    lin = soc_.lineage(ds, soc)
    if lin.codes:  # some year can be followed (trends.series would have rows)
        basis = "hourly" if hourly else "annual"
        d = trends.deflator(ds)
        table = trend_small.profile_table(ds, soc, hourly)
        ui.chart_with_table(
            trend_small.profile_figure(ds, soc, hourly),
            table,
            f"trend-{soc}",
            "profile-trend",
            title=f"{title}: employment and median {basis} wage, United States, OEWS {span}",
            source=f"Source: BLS OEWS national estimates, {span}"
            + (f"; CPI-U ({trends.CPI_SERIES}), May of each year" if d else ""),
            place="United States",
            caption="A year with empty cells was not released, or BLS published the occupation under a code that "
            "is not the same occupation then. “Median top-coded” marks a wage BLS publishes only as a lower bound.",
        )
        notes = []
        if table.iloc[:, 2:4].isna().any().any():
            notes.append("A gap in a line is a year BLS did not publish, or a year the occupation had another code.")
        if table["Median top-coded (≥ bound)"].any():
            notes.append("▲ marks a median BLS publishes only as a lower bound (top-coded): not joined to the line.")
        if d is not None:
            notes.append(f"Dotted line: the median in {d.basis}. {d.note}")
    else:
        notes = []
    notes += [b.sentence(title) for b in lin.breaks]
    if notes:  # one caption, a line each
        st.caption("  \n".join(md(n) for n in notes))
    st.page_link(
        ui.target("trends"),
        label="Compare this trend with other occupations, wage bands and past projections",
        query_params=params.query("trends", role=[soc], wage="hourly" if hourly else "annual"),
        icon=":material/timeline:",
    )
