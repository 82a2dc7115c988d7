"""Explore: every detailed occupation in one sortable table and an opportunity chart."""

import pandas as pd
import streamlit as st

from dashboard import charts, state, ui
from dashboard import queries as q

ds = ui.require_data()
f = state.read(ds)

st.title("Where jobs are heading")
st.caption(
    "Every detailed occupation: what it pays, how fast it is projected to grow and how many openings "
    "it will have each year. Click a bubble or a row to open the occupation's profile."
)
ui.show_problems(f.problems)

sb = st.sidebar
sb.header("Filters")
query = sb.text_input("Job title search", key="q", placeholder="e.g. plant manager", max_chars=100)
roles = f.roles
if not query.strip() and st.session_state.get("explore_prev_q"):
    roles = []  # the search box was cleared: its roles go with it
st.session_state["explore_prev_q"] = query.strip()
if query.strip():
    matches = q.search_roles(ds, query)
    roles = [m.soc_code for m in matches]
    if matches:
        sb.caption("Matches: " + "; ".join(f"{m.title} ({m.soc_code})" for m in matches))
    else:
        sb.caption(f"No occupation matches “{state.shown(query)}”.")
elif roles:
    sb.caption("Roles from the link: " + "; ".join(f"{ds.occupations.loc[r, 'title']} ({r})" for r in roles))

group = ui.group_picker(ds)
inds = q.industry_options(ds)
ind_opts = [None, *[c for c in inds.index if c != q.ALL_INDUSTRIES]]
industry = sb.selectbox(
    "Industry (type to search name or code)",
    ind_opts,
    index=ind_opts.index(f.industry) if f.industry in ind_opts else 0,
    format_func=lambda c: ui.industry_label(ds, c),
    key=state.key("industry"),
)
area = ui.area_picker(
    ds, f.area, disabled=industry is not None, help="OEWS publishes industry figures for the nation only."
)
edu_opts = [None, *sorted(ds.occupations["education"].dropna().unique())]
edu_param = state.param("education")
education = sb.selectbox(
    "Typical education",
    edu_opts,
    index=edu_opts.index(edu_param) if edu_param in edu_opts else 0,
    format_func=lambda e: "Any" if e is None else e,
    key=state.key("education"),
)
try:
    min_param = max(0, min(int(state.param("min_openings") or 0), 500_000))
except ValueError:
    min_param = 0
min_openings = sb.number_input(
    "Minimum openings a year", 0, 500_000, min_param, step=1_000, key=state.key("min_openings")
)
try:
    g_lo, g_hi = (max(-40.0, min(60.0, float(x))) for x in (state.param("growth") or "-40,60").split(",")[:2])
except ValueError:
    g_lo, g_hi = -40.0, 60.0
growth = sb.slider(
    "Projected growth 2024–34 (%)", -40.0, 60.0, (min(g_lo, g_hi), max(g_lo, g_hi)), step=0.5, key=state.key("growth")
)
color_opts = ["major_title", "education"]
color = sb.radio(
    "Colour bubbles by",
    color_opts,
    index=1 if state.param("color") == "education" else 0,
    horizontal=True,
    format_func=lambda c: {"major_title": "Major group", "education": "Education"}[c],
    key=state.key("color"),
)

state.write(
    role=roles if not query.strip() else roles,
    group=group,
    industry=industry,
    area=None if industry or area == q.NATIONAL else area,
    education=education,
    min_openings=str(min_openings) if min_openings else None,
    growth=None if growth == (-40.0, 60.0) else f"{growth[0]:g},{growth[1]:g}",
    color="education" if color == "education" else None,
)

table = q.explorer_table(ds, area=q.NATIONAL if industry else area, industry=industry)
view = q.filter_explorer(
    table,
    roles=roles if (query.strip() or roles) else None,
    major_group=group,
    education=education,
    min_openings=min_openings,
    growth=growth if growth != (-40.0, 60.0) else None,
)
where = (
    f"in {inds.loc[industry, 'title']} (national)"
    if industry
    else ("in the United States" if area == q.NATIONAL else f"in {ui.area_name(ds, area)}")
)
st.subheader(f"{len(view):,} occupation{'' if len(view) == 1 else 's'} {where}")

all_w = q.wage_row(ds, q.ALL_OCCUPATIONS, q.NATIONAL)
all_p = q.projection(ds, q.ALL_OCCUPATIONS)
categories = (
    sorted(table[color].dropna().unique())
    if color == "education"
    else list(ds.occupations.loc[ds.occupations["level"] == "major", "title"])
)
fig = charts.opportunity(view, color, float(all_w["annual_median"]), float(all_p["change_pct"]), categories)
shown = view[["soc_code", "title", "major_title", "annual_median", "change_pct", "openings_annual"]]
event = ui.chart_with_table(
    fig,
    shown,
    "opportunity",
    "opportunity",
    on_select="rerun",
    selection_mode="points",
    caption="Occupations without a published annual median or projection are not drawn.",
)
code = ui.clicked(event)
if code:
    ui.open_profile(code, q.NATIONAL if industry else area)

cols = {
    "soc_code": "SOC code",
    "title": "Occupation",
    "major_title": "Major group",
    "employment": "Employment",
    "annual_median": "Median annual wage",
    "hourly_median": "Median hourly wage",
    "change_pct": "Growth 2024–34 (%)",
    "openings_annual": "Openings a year",
    "education": "Typical education",
    "note": "Note",
}
annual, hourly = view["annual_median"].notna(), view["hourly_median"].notna()
basis = pd.Series("", index=view.index).mask(annual & ~hourly, "annual only").mask(hourly & ~annual, "hourly only")
capped = view["median_top_coded"].map({True: "median top-coded (≥ $239,200)", False: ""})
note = (capped + "; " + basis).str.strip("; ")
out = view.assign(note=note)[list(cols)].rename(columns=cols)
code = ui.occupation_table(
    out,
    "occupations",
    "table",
    {
        "Median annual wage": st.column_config.NumberColumn(format="dollar"),
        "Median hourly wage": st.column_config.NumberColumn(format="$%.2f"),
        "Employment": st.column_config.NumberColumn(format="localized"),
        "Openings a year": st.column_config.NumberColumn(format="localized"),
        "Growth 2024–34 (%)": st.column_config.NumberColumn(format="%+.1f%%"),
    },
)
if code:
    ui.open_profile(code)

st.caption("Empty cells are figures BLS does not release. Wages: OEWS May 2025; growth and openings: EP 2024–34.")
ui.source_footer()
