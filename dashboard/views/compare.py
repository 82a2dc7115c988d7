"""Compare: two to six occupations side by side, within one area when `area` is set."""

import streamlit as st

from dashboard import charts, state, ui
from dashboard import queries as q

ds = ui.require_data()
f = state.read(ds)
ui.show_problems(f.problems)

sb = st.sidebar
detailed = list(q.detailed_codes(ds))
roles = sb.multiselect(
    "Occupations (2 to 6; type to search)",
    detailed,
    default=[r for r in f.roles if r in detailed] or None,
    max_selections=6,
    format_func=lambda c: ui.role_label(ds, c),
    key=state.key("roles"),
)
area = ui.area_picker(ds, f.area)
state.write(role=roles, area=None if area == q.NATIONAL else area)
ui.presenter_link()

place = ui.area_name(ds, area)
st.title("Compare occupations")
if len(roles) < 2:
    st.info(
        "Choose two to six occupations in the sidebar, or open a link such as "
        "?role=11-3051,11-1021,51-1011 (industrial production managers, general and operations managers, "
        "first-line supervisors of production workers)."
    )
    ui.source_footer()
    st.stop()

st.caption(f"Wages and employment: {place}, OEWS May 2025. Growth, openings and education: national, EP 2024–34.")
df = q.compare_table(ds, roles, area)

st.subheader(f"Annual wage range, {place}")
wage_cols = {"title": "Occupation", "soc_code": "SOC code"}
labels = df[["title", "soc_code"]].rename(columns=wage_cols)
for p in q.PERCENTILES:
    col = f"annual_{p}"
    labels[f"{q.PERCENTILE_LABELS[p]}"] = [q.money(v, t) for v, t in zip(df[col], df[f"{col}_top_coded"], strict=True)]
ui.chart_with_table(
    charts.wage_ranges(df),
    labels,
    "compare-wages",
    "compare-wages",
    caption="Light bar: 10th to 90th percentile; dark bar: 25th to 75th; mark: median. Hatched: top-coded bound.",
)
for _, r in df.iterrows():
    if r["pay_basis"] == "hourly only":
        st.caption(f"{r['title']}: BLS publishes hourly wages only (OEWS footnote 4), so no annual range is shown.")
if df[[f"annual_{p}_top_coded" for p in q.PERCENTILES]].any().any():
    st.caption(
        "OEWS footnote 5: a wage shown as “≥” is equal to or greater than $239,200 per year; the bar stops there."
    )

st.subheader("Jobs and outlook")
ui.chart_with_table(
    charts.outlook(df),
    df[["title", "soc_code", "employment", "change_pct", "openings_annual"]].rename(
        columns={
            **wage_cols,
            "employment": f"Employment, {place}",
            "change_pct": "Growth 2024–34 (%)",
            "openings_annual": "Openings a year (national)",
        }
    ),
    "compare-outlook",
    "compare-outlook",
)

st.subheader("Side by side")
cols = {
    "soc_code": "SOC code",
    "title": "Occupation",
    "employment": f"Employment, {place}",
    "annual_median": f"Median annual wage, {place}",
    "change_pct": "Growth 2024–34 (%)",
    "openings_annual": "Openings a year",
    "education": "Typical education",
    "top_industries": "Top industries (national)",
}
out = df[list(cols)].rename(columns=cols)
code = ui.occupation_table(
    out,
    "compare",
    "compare-table",
    {
        cols["employment"]: st.column_config.NumberColumn(format="localized"),
        cols["annual_median"]: st.column_config.NumberColumn(format="dollar"),
        cols["change_pct"]: st.column_config.NumberColumn(format="%+.1f%%"),
        cols["openings_annual"]: st.column_config.NumberColumn(format="localized"),
    },
)
st.caption("Click a row to open the occupation's profile. Empty cells are figures BLS does not release.")
if code:
    ui.open_profile(code, area)
ui.source_footer()
