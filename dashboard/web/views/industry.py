"""Industry: its staffing pattern (who it employs, what it pays them, their outlook) and its sub-industries."""

import streamlit as st

from dashboard.core.codes import ALL_OCCUPATIONS, FIRST_INDUSTRY, INDUSTRY_TOTALS
from dashboard.core.formatting import count, money
from dashboard.core.safe import md
from dashboard.data.release import EMPTY_CELLS
from dashboard.domain import industries, wages
from dashboard.present import charts, columns
from dashboard.web import frame, ui

DEFAULT = FIRST_INDUSTRY

ds, v = frame.current()
rel = ds.release
inds = ds.industries

sb = st.sidebar
picker = sb.container()  # the industry's picker, drawn with what it changes (_industry)
group = ui.group_picker(ds, v.group)
presenter = sb.container()  # the presenter link, which carries the industry (_industry)
content = st.container()  # the whole page changes with the industry: drawn last, here (frame.view)


def _industry() -> list[str]:
    """The industry's picker and everything it changes: the page's title, figures, charts and tables."""
    v = frame.current()[1]  # the view as the address holds it now (a control of the part may have changed)
    opts = list(industries.industry_options(ds, max_level=5).index)
    industry = picker.selectbox(
        "Industry (type to search name or code)",
        opts,
        index=opts.index(v.industry) if v.industry in opts else opts.index(DEFAULT),
        format_func=ui.industry_labeller(ds),
        key=ui.key("industry"),
    )
    ui.write(industry=industry, group=group)
    ui.presenter_link(where=presenter)
    _draw(industry)
    return [rel.industry_national_note]


def _draw(industry: str) -> None:
    """The industry's title, figures, the occupations it employs (chart, table) and its sub-industries."""
    st.title(md(industries.industry_title(ds, industry)))
    path = industries.industry_path(ds, industry)
    st.caption(
        f"OEWS industry {industry} · "
        + " › ".join(md(industries.industry_title(ds, c)) for c in path if c not in INDUSTRY_TOTALS)
        + f" · national estimates, {rel.oews}"
    )

    total = wages.wage_row(ds, ALL_OCCUPATIONS, industry=industry)
    pattern = industries.staffing_pattern(ds, industry)
    m1, m2, m3 = st.columns(3)
    m1.metric("Employment, all occupations", count(None if total is None else total["employment"]))
    m2.metric(
        "Median annual wage",
        money(None if total is None else total["annual_median"], wages.capped(total, "annual_median")),
    )
    m3.metric("Detailed occupations published", f"{len(pattern):,}")

    view = pattern if group is None else pattern[pattern["major_group"] == group]
    in_group = "" if group is None else f" ({md(ds.occupations.loc[group, 'title'])})"
    st.subheader(f"The occupations it employs most{in_group}")
    if view.empty:
        st.info("OEWS publishes no detailed occupation for this industry" + (" in this group." if group else "."))
    else:
        top = view.head(15)
        event = ui.chart_with_table(
            charts.staffing(top),
            # the shares as the table shows them, not 11.2041…
            top[["soc_code", "title", "employment", "share"]].round({"share": 1}),
            f"staffing-{industry}",
            f"staffing-{industry}-{group}",
            title=f"The occupations {industries.industry_title(ds, industry)} employs most (national)",
            source=f"Source: {rel.oews_line}",
            on_select="rerun",
            selection_mode="points",
            caption="Share: the occupation's employment in the industry divided by the industry's employment.",
        )
        out, kinds = columns.shape(
            view,
            [
                "soc_code",
                "title",
                ("employment", "Employment in the industry"),
                "share",
                "median_in_industry",
                "median_all_industries",
                ("change_pct", "National growth {ep} (%)"),
                ("openings_annual", "National openings a year"),
                "note",
            ],
            rel,
        )
        row = ui.occupation_table(out, f"staffing-{industry}", "staffing-table", kinds)
        st.caption(
            ui.how_to("Click a bar, or tick the box at the left of a row, to open the occupation's profile.")
            + EMPTY_CELLS
        )
        picked = ui.clicked(event) or row
        if picked:
            ui.open_profile(picked, industry=industry)

    subs = industries.sub_industries(ds, industry)
    st.subheader("Inside this industry" if len(subs) else "No finer industry detail")
    if len(subs):
        event = ui.chart_with_table(
            charts.sub_industries(subs),
            subs[["industry_code", "industry", "employment", "annual_median"]],
            f"sub-industries-{industry}",
            f"subs-{industry}",
            title=f"Inside {industries.industry_title(ds, industry)}: employment (national)",
            source=f"Source: {rel.oews_line}",
            on_select="rerun",
            selection_mode="points",
        )
        if not ui.presenting():  # presenter view: nothing to click
            st.caption("Click a bar to drill into that industry.")
        picked = ui.clicked(event)
        if picked and picked in inds.index and picked != industry:
            ui.navigate(industry=picked)
    parent = path[-2] if len(path) > 1 else None
    if parent and parent not in INDUSTRY_TOTALS:
        if st.button(f"Up to {md(industries.industry_title(ds, parent))}", key="up"):
            ui.navigate(industry=parent)


frame.view(content, _industry)
