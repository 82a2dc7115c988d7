"""Compare's trend row: national employment of the compared occupations as an index (the first year since
2015 all have a figure = 100), each line only where its code is the same occupation, each one's change from
that same year in a sentence, and a link to /trends."""

from __future__ import annotations

import streamlit as st

from dashboard.core.formatting import pct
from dashboard.core.safe import md
from dashboard.data.dataset import Dataset
from dashboard.domain import trend_summary, trends
from dashboard.present import trend_charts, trend_small
from dashboard.present.charts import wrap
from dashboard.web import params, ui

LEGEND_WIDTH = 40  # characters: a legend entry fits a 390 px phone


def _legend_below(fig) -> None:
    """Up to six long occupation names: one to a row (wrapped) under the chart, where they cannot meet its
    title on a phone (a legend above the plot only gets room for four one-line entries)."""
    rows = 0
    for t in fig.data:
        if t.name and t.showlegend is not False:
            if len(t.name) > LEGEND_WIDTH:
                fig.update_traces(selector=dict(name=t.name), name=wrap(t.name, LEGEND_WIDTH))
            rows += 1 + (len(t.name) > LEGEND_WIDTH)
    fig.update_layout(
        legend=dict(orientation="v", yref="container", y=0, yanchor="bottom", x=0, xanchor="left"),
        margin_b=95 + 21 * rows,
        height=(fig.layout.height or 460) + 21 * rows,
    )


def draw(ds: Dataset, roles: list[str]) -> None:
    st.subheader("Employment trend, United States")
    if not trends.available(ds):
        st.caption("Trends are not in this data folder (no oews_national_history or soc_crosswalk).")
        return
    span = trend_small.span(ds)
    st.caption(
        md(
            f"United States, OEWS {span}, whatever area is chosen: wage and salary jobs in all industries; not the "
            "Employment Projections figures above."
        )
    )
    # the chart is based on the first year since 2015 all have a figure, and each sentence on that same year
    df, shown, index_year, fig = trend_charts.trend_view(
        ds, roles, "employment", False, False, True, since=trend_summary.SINCE
    )
    last = shown["year"].max() if index_year is not None else None
    lines = []
    for soc in roles:
        t = trend_summary.trend(ds, soc)
        name = ui.role_label(ds, soc)
        end = shown.loc[(shown["soc_code"] == soc) & (shown["year"] == last), "value"] if last else None
        if end is not None and len(end) and end.notna().all():
            lines.append(f"{name}: {pct(end.iloc[0] - 100)} from May {index_year} to May {int(last)}.")
        elif t is None or t.change_pct is None:
            lines.append(f"{name}: no change computed ({t.since if t else 'no national history'}).")
        else:
            lines.append(f"{name}: {pct(t.change_pct)} to May {t.end}, since {t.since}.")
    st.markdown("\n".join(f"- {md(line)}" for line in lines))
    if fig is not None and index_year is not None:
        _legend_below(fig)
        table = shown.rename(
            columns={
                "title": "Occupation",
                "soc_code": "SOC code",
                "year": "May",
                "code": "Code as published",
                "value": f"Employment index, May {index_year} = 100",
            }  # fmt: skip
        )[["Occupation", "SOC code", "May", "Code as published", f"Employment index, May {index_year} = 100"]]
        table[f"Employment index, May {index_year} = 100"] = table[f"Employment index, May {index_year} = 100"].round(1)
        table["Employment"] = df["value"].to_numpy()
        ui.chart_with_table(
            fig,
            table,
            "compare-trend",
            "compare-trend",
            title=f"Employment as an index, May {index_year} = 100 (the first year since May {trend_summary.SINCE} all "
            "have a figure), United States",
            source=f"Source: BLS OEWS national estimates, {span}",
            place="United States",
        )
        st.caption("A gap is a year BLS did not publish, or a year the occupation had another code (see /trends).")
    elif fig is not None:
        st.caption(
            md(f"These occupations have no year in common with a released figure, so no index is drawn ({span}).")
        )
    st.page_link(
        ui.target("trends"),
        label="See these trends on /trends: wages after inflation, breaks explained, past projections",
        query_params=params.query("trends", role=roles[: trends.MAX_TRENDS], series="employment", scale="index"),
        icon=":material/timeline:",
    )
