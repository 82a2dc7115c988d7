"""Industry: its staffing pattern (who it employs, what it pays them, their outlook) and its sub-industries."""

import streamlit as st

from dashboard import charts, state, ui
from dashboard import queries as q

ds = ui.require_data()
f = state.read(ds)
ui.show_problems(f.problems)
inds = ds.industries

sb = st.sidebar
opts = list(q.industry_options(ds, max_level=5).index)
industry = sb.selectbox(
    "Industry (type to search name or code)",
    opts,
    index=opts.index(f.industry) if f.industry in opts else opts.index("31--34"),
    format_func=lambda c: ui.industry_label(ds, c),
    key=state.key("industry"),
)
group = ui.group_picker(ds)
state.write(industry=industry, group=group)
ui.presenter_link()

st.title(q.industry_title(ds, industry))
path = q.industry_path(ds, industry)
st.caption(
    f"OEWS industry {industry} · "
    + " › ".join(q.industry_title(ds, c) for c in path if c not in (q.ALL_INDUSTRIES, "000001", "999001"))
    + " · national estimates, May 2025"
)

total = q.wage_row(ds, q.ALL_OCCUPATIONS, industry=industry)
pattern = q.staffing_pattern(ds, industry)
m1, m2, m3 = st.columns(3)
m1.metric("Employment, all occupations", q.count(None if total is None else total["employment"]))
m2.metric(
    "Median annual wage",
    q.money(
        None if total is None else total["annual_median"],
        total is not None and "annual_median" in q.top_coded_cols(total),
    ),
)
m3.metric("Detailed occupations published", f"{len(pattern):,}")

view = pattern if group is None else pattern[pattern["major_group"] == group]
in_group = "" if group is None else f" ({ds.occupations.loc[group, 'title']})"
st.subheader(f"The occupations it employs most{in_group}")
if view.empty:
    st.info("OEWS publishes no detailed occupation for this industry" + (" in this group." if group else "."))
else:
    top = view.head(15)
    event = ui.chart_with_table(
        charts.staffing(top),
        top[["soc_code", "title", "employment", "share"]],
        f"staffing-{industry}",
        f"staffing-{industry}-{group}",
        on_select="rerun",
        selection_mode="points",
        caption="Share: the occupation's employment in the industry divided by the industry's employment.",
    )
    cols = {
        "soc_code": "SOC code",
        "title": "Occupation",
        "employment": "Employment in the industry",
        "share": "Share of the industry's jobs (%)",
        "median_in_industry": "Median annual wage in the industry",
        "median_all_industries": "Median annual wage, all industries",
        "change_pct": "National growth 2024–34 (%)",
        "openings_annual": "National openings a year",
        "note": "Note",
    }
    notes = [
        "; ".join(
            x
            for x in (
                "median in the industry is top-coded (≥ $239,200)" if a else "",
                "median in all industries is top-coded (≥ $239,200)" if b else "",
            )
            if x
        )
        for a, b in zip(view["median_in_industry_top_coded"], view["median_all_top_coded"], strict=True)
    ]
    out = view.assign(note=notes)[list(cols)].rename(columns=cols)
    row = ui.occupation_table(
        out,
        f"staffing-{industry}",
        "staffing-table",
        {
            "Employment in the industry": st.column_config.NumberColumn(format="localized"),
            "Share of the industry's jobs (%)": st.column_config.NumberColumn(format="%.1f"),
            "Median annual wage in the industry": st.column_config.NumberColumn(format="dollar"),
            "Median annual wage, all industries": st.column_config.NumberColumn(format="dollar"),
            "National growth 2024–34 (%)": st.column_config.NumberColumn(format="%+.1f%%"),
            "National openings a year": st.column_config.NumberColumn(format="localized"),
        },
    )
    st.caption("Click a row or a bar to open the occupation's profile. Empty cells are figures BLS does not release.")
    picked = ui.clicked(event) or row
    if picked:
        ui.open_profile(picked, industry=industry)

subs = q.sub_industries(ds, industry)
st.subheader("Inside this industry" if len(subs) else "No finer industry detail")
if len(subs):
    event = ui.chart_with_table(
        charts.sub_industries(subs),
        subs[["industry_code", "industry", "employment", "annual_median"]],
        f"sub-industries-{industry}",
        f"subs-{industry}",
        on_select="rerun",
        selection_mode="points",
    )
    st.caption("Click a bar to drill into that industry.")
    picked = ui.clicked(event)
    if picked and picked in inds.index and picked != industry:
        state.navigate(industry=picked)
parent = path[-2] if len(path) > 1 else None
if parent and parent not in (q.ALL_INDUSTRIES, "000001", "999001"):
    if st.button(f"Up to {q.industry_title(ds, parent)}", key="up"):
        state.navigate(industry=parent)

ui.source_footer(
    [
        "Industry estimates are national (OEWS publishes no industry detail by area). Growth and openings are "
        "national figures for the occupation across all industries (EP 2024–34)."
    ]
)
