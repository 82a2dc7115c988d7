"""Explore: every detailed occupation in one sortable table and an opportunity chart."""

import streamlit as st

from dashboard.core.codes import ALL_INDUSTRIES, NATIONAL
from dashboard.core.safe import clean, md
from dashboard.data.release import EMPTY_CELLS
from dashboard.domain import industries, projections, search, trend_summary
from dashboard.domain import onet as onet_
from dashboard.web import frame, ui
from dashboard.web.pages import page
from dashboard.web.params import GROWTH_RANGE, PARAMS, shown
from dashboard.web.views.parts import explore_trend, explore_view
from dashboard.words import outlook as outlook_words

ds, v = frame.current()
rel = ds.release

st.title("Where jobs are heading")
st.caption(
    "Every detailed occupation: what it pays, how fast it is projected to grow and how many openings "
    "it will have each year." + ui.how_to(" Click a bubble or a row to open the occupation's profile.")
)
frame.show_problems()  # under the intro (PageSpec.problems_below_intro)

st.sidebar.header("Filters")
filters = st.sidebar.container()  # the filters, drawn with what they change (_explore)
content = st.container()  # the whole page below its intro follows the filters: drawn last, here (frame.view)


def _explore() -> list[str]:
    """The filters and everything they change: the count, the chart, the table; returns the footer's notes. A
    change of a filter reruns this alone; a click that opens a profile leaves the page."""
    v = frame.current()[1]  # the view as the address holds it now (a control of the part may have changed)
    sb = filters
    query = sb.text_input("Job title search", key="q", placeholder="e.g. plant manager", max_chars=100)
    roles = v.roles
    if not query.strip() and st.session_state.get("explore_prev_q"):
        roles = None  # the search box was cleared: its roles go with it
    st.session_state["explore_prev_q"] = query.strip()
    matches = []
    if query.strip():
        # no more than a link carries: a reload shows the same occupations, with no warning (issue 29, 5)
        matches = search.search_roles(ds, query, limit=page("explore").max_roles)
        roles = [m.soc_code for m in matches]  # [] when nothing matches: an empty table, not every row
        if matches:
            sb.caption(f"Matches (the best {len(matches)}):\n" + "\n".join(f"- {md(m.label)}" for m in matches))
        else:
            sb.caption(md(f"No occupation matches “{shown(query)}”."))
    elif roles:
        sb.caption("Roles from the link: " + "; ".join(md(f"{ds.occupations.loc[r, 'title']} ({r})") for r in roles))

    group = ui.group_picker(ds, v.group, where=sb)
    inds = industries.industry_options(ds)
    ind_opts = [None, *[c for c in inds.index if c != ALL_INDUSTRIES]]
    industry = sb.selectbox(
        "Industry (type to search name or code)",
        ind_opts,
        index=ind_opts.index(v.industry) if v.industry in ind_opts else 0,
        format_func=ui.industry_labeller(ds),
        key=ui.key("industry"),
    )
    area = ui.area_picker(
        ds, v.area, where=sb, disabled=industry is not None, help="OEWS publishes industry figures for the nation only."
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
        "Minimum openings a year",
        *PARAMS["min_openings"].bounds,
        v.min_openings,
        step=1_000,
        key=ui.key("min_openings"),
    )
    # with a state (or an area in one) the state's own projections are used where it publishes them
    state = projections.state_of(ds, area) if projections.available(ds) and not industry else None
    sname, sv = (projections.state_name(ds, state), projections.vintage(ds)) if state else ("", "")
    growth_label = (
        f"Projected growth (%): {sname} {sv}, else national {rel.ep}" if state else f"Projected growth {rel.ep} (%)"
    )
    growth = sb.slider(md(growth_label), *PARAMS["growth"].bounds, v.growth, step=0.5, key=ui.key("growth"))
    emp_change = explore_trend.slider(ds, v.emp_change, ui.key("emp_change"), where=sb)  # national OEWS, since 2015
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
        area=NATIONAL if industry else area,  # an industry's figures are national: the area is not kept
        education=education,
        min_openings=min_openings,
        growth=growth,
        emp_change=emp_change,
        color=color,
    )

    # everything below depends only on the data and these filters: worked out once per view (parts/explore_view.py)
    d = explore_view.drawn(
        ds,
        explore_view.Filters(
            area=NATIONAL if industry else area,
            industry=industry,
            state=state,
            roles=None if roles is None else tuple(roles),
            group=group,
            education=education,
            min_openings=int(min_openings),
            growth=tuple(growth) if growth != GROWTH_RANGE else None,
            emp_change=tuple(emp_change),
            color=color,
        ),
    )
    view, place, fallback, growth_of, growth_years = d.view, d.place, d.fallback, d.growth_of, d.growth_years
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
                (explore_trend.param(emp_change), "widen the employment change range"),
                (industry, "choose all industries"),
            )
            if on
        ]
        st.info(
            "No occupation matches these filters. To see more, " + ("; ".join(relax) or "change the filters") + ".",
            icon=":material/filter_alt_off:",
        )
        return []

    event = ui.chart_with_table(
        d.fig,
        d.chart_data,
        "opportunity",
        "opportunity",
        title=f"Median wage ({place}) against projected growth ({growth_of}, {growth_years.split()[-1]})",
        source=f"Source: {rel.source_line}; {projections.source_line(ds)}" if state else None,
        place=place,
        on_select="rerun",
        selection_mode="points",
        caption="Occupations without a published annual median or projection are not drawn"
        + (f", nor the {fallback:,} that {sname} does not project." if state else "."),
    )
    code = ui.clicked(event)
    if code:
        ui.open_profile(code, NATIONAL if industry else area)

    if state:
        st.caption(
            md(
                f"Sorted by openings. Employment and wages: {place}, OEWS {rel.oews}. Growth and openings: {sname}'s "
                f"projections ({sv}, Projections Central) where {sname} publishes them; {fallback:,} of {d.rows:,} "
                f"occupations fall back to national figures (EP {rel.ep}), shown in the national columns: the growth filter "
                f"uses their national rate, and they sort last (a national count of openings is no {sname} figure)."
            )
        )
    else:
        st.caption(
            f"Sorted by openings. Employment and wages: {md(place)}, OEWS {rel.oews}. Growth and openings: national, EP {rel.ep}."
        )
    out, kinds = d.table, d.kinds
    code = ui.occupation_table(
        out,
        "occupations",
        "table",
        kinds,
        place=place,
        csv=trend_summary.for_csv(out),
        source=f"{rel.source_line}; {projections.source_line(ds)}" if state else None,
    )
    if code:
        ui.open_profile(code, NATIONAL if industry else area)

    if state:
        st.caption(
            md(
                f"{EMPTY_CELLS} Wages: OEWS {rel.oews}, {place}. {sname}'s columns: {projections.SOURCE}, {sv}; the "
                f"national columns: EP {rel.ep}. Each column is one source and one vintage."
            )
        )
    else:
        st.caption(f"{EMPTY_CELLS} {rel.sources_caption}")
    if trend_note := explore_trend.caption(ds, emp_change):
        st.caption(md(trend_note))
    footer = (
        [
            f"State projections: {projections.source_line(ds)}, each state's own.",
            *filter(None, [outlook_words.withheld_note(ds, [state])]),
        ]
        if state
        else []
    )
    if any(m.source.startswith("O*NET") for m in matches):  # titles the search matched are O*NET content
        footer.append(onet_.ATTRIBUTION)
    return footer


frame.view(content, _explore)
