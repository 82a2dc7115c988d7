"""Explore: every detailed occupation in one sortable table and an opportunity chart."""

import streamlit as st

from dashboard import charts, columns, ui
from dashboard import queries as q
from dashboard.codes import ALL_INDUSTRIES, ALL_OCCUPATIONS, NATIONAL
from dashboard.params import GROWTH_RANGE, MAX_OPENINGS, shown
from dashboard.release import EMPTY_CELLS
from dashboard.safe import clean, md

ds = ui.require_data()
rel = ds.release
v = ui.read_view(ds, "explore")

st.title("Where jobs are heading")
st.caption(
    "Every detailed occupation: what it pays, how fast it is projected to grow and how many openings "
    "it will have each year. Click a bubble or a row to open the occupation's profile."
)
ui.show_problems(v.problems, v.suggestions, v.area)

sb = st.sidebar
sb.header("Filters")
query = sb.text_input("Job title search", key="q", placeholder="e.g. plant manager", max_chars=100)
roles = v.roles
if not query.strip() and st.session_state.get("explore_prev_q"):
    roles = None  # the search box was cleared: its roles go with it
st.session_state["explore_prev_q"] = query.strip()
if query.strip():
    matches = q.search_roles(ds, query)
    roles = [m.soc_code for m in matches]  # [] when nothing matches: an empty table, not every row
    if matches:
        sb.caption("Matches: " + "; ".join(md(f"{m.title} ({m.soc_code})") for m in matches))
    else:
        sb.caption(md(f"No occupation matches “{shown(query)}”."))
elif roles:
    sb.caption("Roles from the link: " + "; ".join(md(f"{ds.occupations.loc[r, 'title']} ({r})") for r in roles))

group = ui.group_picker(ds, v.group)
inds = q.industry_options(ds)
ind_opts = [None, *[c for c in inds.index if c != ALL_INDUSTRIES]]
industry = sb.selectbox(
    "Industry (type to search name or code)",
    ind_opts,
    index=ind_opts.index(v.industry) if v.industry in ind_opts else 0,
    format_func=lambda c: ui.industry_label(ds, c),
    key=ui.key("industry"),
)
area = ui.area_picker(
    ds, v.area, disabled=industry is not None, help="OEWS publishes industry figures for the nation only."
)
edu_opts = [None, *sorted(ds.occupations["education"].dropna().unique())]
education = sb.selectbox(
    "Typical education",
    edu_opts,
    index=edu_opts.index(v.education) if v.education in edu_opts else 0,
    format_func=lambda e: "Any" if e is None else clean(e),
    key=ui.key("education"),
)
min_openings = sb.number_input(
    "Minimum openings a year", 0, MAX_OPENINGS, v.min_openings, step=1_000, key=ui.key("min_openings")
)
growth = sb.slider(f"Projected growth {rel.ep} (%)", *GROWTH_RANGE, v.growth, step=0.5, key=ui.key("growth"))
color_opts = ["major_title", "education"]
color = sb.radio(
    "Colour bubbles by",
    color_opts,
    index=color_opts.index(v.color),
    horizontal=True,
    format_func=lambda c: {"major_title": "Major group", "education": "Education"}[c],
    key=ui.key("color"),
)

ui.write(
    role=roles,
    group=group,
    industry=industry,
    area=None if industry or area == NATIONAL else area,
    education=education,
    min_openings=str(min_openings) if min_openings else None,
    growth=None if growth == GROWTH_RANGE else f"{growth[0]:g},{growth[1]:g}",
    color="education" if color == "education" else None,
)

table = q.explorer_table(ds, area=NATIONAL if industry else area, industry=industry)
view = q.filter_explorer(
    table,
    roles=roles,
    major_group=group,
    education=education,
    min_openings=min_openings,
    growth=growth if growth != GROWTH_RANGE else None,
)
view = view.sort_values(["openings_annual", "soc_code"], ascending=[False, True], na_position="last")
place = f"{q.industry_title(ds, industry)}, national" if industry else ui.area_name(ds, area)
where = (
    f"in {inds.loc[industry, 'title']} (national)"
    if industry
    else ("in the United States" if area == NATIONAL else f"in {ui.area_name(ds, area)}")
)
st.subheader(f"{len(view):,} occupation{'' if len(view) == 1 else 's'} {md(where)}")
if view.empty:
    relax = [
        text
        for on, text in (
            (query.strip(), "clear the job title search"),
            (roles and not query.strip(), "remove the roles from the link"),
            (group, "choose all major groups"),
            (education, "choose any education"),
            (min_openings, "lower the minimum openings"),
            (growth != GROWTH_RANGE, "widen the growth range"),
            (industry, "choose all industries"),
        )
        if on
    ]
    st.info(
        "No occupation matches these filters. To see more, " + ("; ".join(relax) or "change the filters") + ".",
        icon=":material/filter_alt_off:",
    )
    ui.source_footer(ds)
    st.stop()

# the reference lines are whose the wages are: the area's (or the industry's) all-occupation median
all_w = q.wage_row(ds, ALL_OCCUPATIONS, NATIONAL if industry else area, industry=industry)
all_p = q.projection(ds, ALL_OCCUPATIONS)
categories = (
    sorted(table[color].dropna().unique())
    if color == "education"
    else list(ds.occupations.loc[ds.occupations["level"] == "major", "title"])
)
fig = charts.opportunity(
    view, color, float(all_w["annual_median"]), float(all_p["change_pct"]), rel.ep, categories, place=place
)
chart_data, _ = columns.shape(
    view,
    [
        ("soc_code", "soc_code"),
        ("title", "title"),
        ("major_title", "major_title"),
        ("annual_median", "annual_median ({place})"),
        ("change_pct", "change_pct (national)"),
        ("openings_annual", "openings_annual (national)"),
    ],
    rel,
    place,
)
event = ui.chart_with_table(
    fig,
    chart_data,
    "opportunity",
    "opportunity",
    title=f"Median wage ({place}) against projected growth (national, {rel.ep})",
    place=place,
    on_select="rerun",
    selection_mode="points",
    caption="Occupations without a published annual median or projection are not drawn.",
)
code = ui.clicked(event)
if code:
    ui.open_profile(code, NATIONAL if industry else area)

st.caption(
    f"Sorted by openings. Employment and wages: {md(place)}, OEWS {rel.oews}. Growth and openings: national, EP {rel.ep}."
)
out, kinds = columns.shape(
    view.assign(note=q.explorer_notes(view, rel.cap)),
    [
        "title",
        ("openings_annual", "National openings a year"),
        ("change_pct", "National growth {ep} (%)"),
        ("annual_median", "Median annual wage, {place}"),
        ("hourly_median", "Median hourly wage, {place}"),
        ("employment", "Employment, {place}"),
        "education",
        "major_title",
        "soc_code",
        "note",
    ],
    rel,
    place,
)
code = ui.occupation_table(out, "occupations", "table", kinds, place=place)
if code:
    ui.open_profile(code, NATIONAL if industry else area)

st.caption(f"{EMPTY_CELLS} {rel.sources_caption}")
ui.source_footer(ds)
