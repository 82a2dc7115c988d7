"""In-demand occupations: one state's projected occupations ranked by a transparent score (openings, growth,
wage against the state's median), with a board's filters, the difference from the nation, CSV and a brief."""

import pandas as pd
import streamlit as st

from dashboard.core.codes import ALL_INDUSTRIES
from dashboard.core.formatting import and_list
from dashboard.core.safe import md
from dashboard.domain import demand, industries, projections, supply
from dashboard.present import demand_table
from dashboard.present.brief_demand import demand_brief
from dashboard.present.export import safe_csv
from dashboard.web import frame, ui
from dashboard.web.params import PARAMS
from dashboard.web.views.parts import demand_view
from dashboard.words import demand as demand_words
from dashboard.words import outlook as outlook_words
from dashboard.words import supply as supply_words

ds, v = frame.current()
rel = ds.release

st.title("In-demand occupations")
if not projections.available(ds):
    st.info(projections.NOT_IN_FOLDER + " The in-demand list is made from the states' own projections.")
    frame.stop()

sv = projections.vintage(ds)
controls = st.sidebar.container()  # the list's controls, drawn with what they change (_demand)
content = st.container()  # the whole page under its title follows them: drawn last, here (frame.view)


def _demand() -> list[str]:
    """The controls and the list they make: the rule, the chart, the table, the nation beside it, the brief;
    returns the footer's notes. A control's change reruns this alone."""
    v = frame.current()[1]  # the view as the address holds it now (a control of the part may have changed)
    sb = controls
    states = projections.states(ds)
    state = projections.state_of(ds, v.area)
    if state is not None and state != v.area:
        kind = "a metro area" if ds.areas.loc[v.area, "area_type"] == "metro" else "a nonmetropolitan area"
        st.info(
            md(
                f"{ds.areas.loc[v.area, 'area_name']} is {kind}: states make the projections, so this is the list of "
                f"{projections.state_name(ds, state)}, its state."
            ),
            icon=":material/info:",
        )
    state_opts = list(states.index)
    state = sb.selectbox(
        "Choose the state",
        state_opts,
        index=state_opts.index(state) if state in state_opts else None,
        format_func=ui.labeller(ds, "areas"),
        placeholder="Choose a state",
        key=ui.key("area"),
    )
    chosen = (v.education,) if isinstance(v.education, str) else tuple(v.education or ())
    tier = (
        tuple(
            sb.multiselect(
                "Education tiers (typical education, national; none chosen: every tier)",
                list(demand.TIERS),
                [t for t in chosen if t in demand.TIERS],
                format_func=lambda t: demand.TIERS[t][0],
                key=ui.key("education"),
            )
        )
        or None
    )
    if sb.button(
        "Less than a bachelor's", key="tiers-below-bachelors", help="No formal credential through associate's"
    ):
        ui.navigate(education=demand.PRESETS["below-bachelors"])
    floor_kinds = ["none", "median", "figure"]
    floor_now = "none" if v.min_wage is None else ("median" if v.min_wage == "median" else "figure")
    floor_kind = sb.radio(
        "Wage floor",
        floor_kinds,
        index=floor_kinds.index(floor_now),
        format_func=lambda k: {"none": "None", "median": "State median", "figure": "A figure"}[k],
        key=ui.key("floor"),
    )
    min_wage = None if floor_kind == "none" else "median"
    if floor_kind == "figure":
        min_wage = sb.number_input(
            "Annual wage floor ($), e.g. a self-sufficiency wage",
            *PARAMS["min_wage"].bounds,
            int(v.min_wage) if isinstance(v.min_wage, float) else 45_000,
            step=1_000,
            key=ui.key("min_wage"),
        )
    sb.markdown("**What counts as in demand**")
    growth_above = float(
        sb.number_input(
            f"Projected growth above (%, {sv})",
            *PARAMS["growth_above"].bounds,
            float(v.growth_above),
            step=0.5,
            format="%g",
            key=ui.key("growth_above"),
            help="0 keeps growing occupations only; declining ones are listed apart, not ranked.",
        )
    )
    min_openings = sb.number_input(
        f"At least this many openings a year ({sv})",
        *PARAMS["min_openings"].bounds,
        v.min_openings,
        step=50,
        key=ui.key("min_openings"),
    )
    rule = demand.Rule(round(growth_above, 1), int(min_openings))
    group = ui.group_picker(ds, v.group, where=sb)
    ind_opts = [None, *[c for c in industries.industry_options(ds).index if c != ALL_INDUSTRIES]]
    industry = sb.selectbox(
        f"Industry (national OEWS {rel.oews} staffing; type to search name or code)",
        ind_opts,
        index=ind_opts.index(v.industry) if v.industry in ind_opts else 0,
        format_func=ui.industry_labeller(ds),
        key=ui.key("industry"),
        help="States do not publish projections by industry: this keeps the occupations the industry employs "
        "nationally (BLS OEWS industry staffing); the figures on the list stay the state's.",
    )
    sb.markdown("**Weights of the score**")
    weights = tuple(
        float(
            sb.number_input(
                f"Weight: {k}",
                *PARAMS["weights"].bounds,
                float(v.weights[i]),
                step=0.5,
                key=ui.key(f"weight-{k}"),
                format="%g",
            )
        )
        for i, k in enumerate(demand.COMPONENTS)
    )
    if demand.weighs_nothing(weights):
        st.warning("The weights add up to zero; using equal weights.")
        weights = demand.DEFAULT_WEIGHTS
    trained = supply.available(ds)  # IPEDS completions in the folder: completers of related programs beside openings
    shortfall, sort = None, "score"
    if trained:
        sb.markdown("**Who is trained for it**")
        if sb.checkbox("Only where training may fall short", v.shortfall is not None, key=ui.key("short")):
            shortfall = float(
                sb.number_input(
                    "Openings at least this many times the related completers",
                    *PARAMS["shortfall"].bounds,
                    v.shortfall or supply.SHORT_RATIO,
                    step=0.5,
                    key=ui.key("shortfall"),
                    format="%g",
                )
            )
        sorts = ["score", "per_opening"]
        sort = sb.radio(
            "Sort the list by",
            sorts,
            index=sorts.index(v.sort),
            format_func=lambda k: {"score": "Score", "per_opening": "Completers per opening (fewest first)"}[k],
            key=ui.key("sort"),
        )
    elif v.shortfall is not None or v.sort != "score":
        st.info("This data folder has no IPEDS completions: the list cannot be filtered or sorted by who is trained.")
    ui.write(
        area=state,
        education=tier,
        min_wage=min_wage,
        growth_above=rule.growth_above,
        min_openings=min_openings,
        group=group,
        industry=industry,
        weights=weights,
        shortfall=shortfall,
        sort=sort,
    )
    ui.presenter_link("demand", where=sb)

    if state is None:
        st.info(
            "Choose a state in the sidebar, or open a link such as ?area=MI: the list is made from the state's own "
            f"long-term projections ({sv})."
        )
        return []

    name = projections.state_name(ds, state)
    used = [k for k, w in zip(demand.COMPONENTS, weights, strict=True) if w > 0]  # a weight of 0 ranks by nothing
    st.subheader(md(f"{name}: occupations ranked by {and_list(used)} ({sv})"))
    floor = demand.wage_floor(ds, state, min_wage)
    match = demand.industry_match(ds, industry) if industry else None
    ratio = shortfall or supply.SHORT_RATIO  # the CSV says which rows meet the rule even when the list is not cut
    year = supply.latest(ds) if trained else None
    label = supply.year_label(year) if trained else None
    # the rows and tables of this view, worked out once for every visitor (parts/demand_view.py)
    asked = demand_view.Controls(state, weights, rule, tier, min_wage, group, industry, trained, shortfall, sort)
    d = demand_view.drawn(ds, asked)
    # every state's whole list, for the same weights, rule and industry, in idle time
    demand_view.warm_states(ds, asked)
    shown, listed, left_out = d.shown, d.listed, d.left_out
    st.markdown(md(demand_words.in_demand_rule(rule, sv, name)))
    st.caption(md(demand_words.rule_text(weights, sv, rel.oews, rel.cap)))
    if match is not None:
        st.info(md(match.rule(rel.oews, name)), icon=":material/factory:")

    filters = [
        long
        for _, long in demand_words.filters(
            tier,
            floor,
            min_wage == "median",
            name,
            ds.occupations.loc[group, "title"] if group else None,
            (match.title, match.code) if match is not None else None,
            rel.oews,
            shortfall,
        )
    ]
    st.markdown(
        md(
            f"{len(shown):,} of the {d.scored:,} occupations {name} projects are in demand by the rule"
            + (" and meet the filters" if filters else "")
            + (
                f"; {len(left_out):,} more {'is' if len(left_out) == 1 else 'are'} not in demand (listed below)"
                if len(left_out)
                else ""
            )
        )
        + (md(f" · filters: {'; '.join(filters)}") if filters else "")
    )
    name_of_file = demand_table.file_name(
        states.loc[state, "state"],
        tier,
        min_wage,
        rule,
        group,
        industry,
        None if weights == demand.DEFAULT_WEIGHTS else demand.weights_text(weights),
        shortfall,
    )
    if shown.empty:
        st.info(
            "No occupation is in demand by this rule and matches these filters. To see more, lower the growth "
            "threshold or the minimum openings, widen the education tiers, lower the wage floor, or choose all major "
            "groups and all industries."
        )
    else:
        short_rule = supply_words.shortfall_rule(ratio) if trained else None
        table, kinds = d.table, d.kinds

        def csv_table(rows):
            """The list as the CSV writes it: wages as numbers, a top-coded column beside them."""
            return demand_table.demand_table(
                rows, name, sv, rel.oews, rel.ep, match, csv=True, training=label, rule=short_rule, judged=rule
            )[0]

        source = f"{projections.source_line(ds)}; {rel.source_line} (wages, typical education"
        source += ", national industry staffing)" if match is not None else ")"
        chart_source = source
        if trained:
            source += f"; {supply.SOURCE_LINE} ({label}); NCES CIP 2020 ↔ SOC 2018 crosswalk (related programs)"
        pick = ui.chart_with_table(
            d.fig,
            d.top,  # the chart ranks by score: the training columns are not its
            f"in-demand-top-{states.loc[state, 'state']}",
            "demand-top",
            title=f"In-demand occupations, {name}: the first {d.charted} by score ({sv})",
            source=f"Source: {chart_source}",
            place=name,
            on_select="rerun",
            selection_mode="points",
            csv=lambda: demand_table.demand_table(  # made when "Data behind this chart" is opened
                shown.head(15), name, sv, rel.oews, rel.ep, match, csv=True, judged=rule
            )[0],
        )
        if ui.clicked(pick):
            ui.open_profile(ui.clicked(pick), state)
        if trained:  # the caveat and the rule beside the completers and the ratio, not in a footnote
            st.markdown(md(supply_words.comparison_caveat()))
            st.caption(
                md(
                    f"Completers of related programs: {supply_words.year_note(year)}, at the award levels matching each "
                    f"occupation's typical entry education; openings: {sv}. {supply_words.where_counted()} "
                    f"{supply_words.shortfall_rule(ratio)}"
                    + (" Sorted by completers per opening, fewest first." if sort == "per_opening" else "")
                )
            )
        code = ui.occupation_table(
            table, f"in-demand-{states.loc[state, 'state']}", "demand", kinds, download_csv=False
        )
        if code:
            ui.open_profile(code, state)
        c1, c2 = st.columns(2)
        c1.download_button(
            f"Download CSV ({len(table) + len(left_out):,} rows: in demand, then the rest)",
            lambda: safe_csv(csv_table(pd.concat([listed, left_out])), source, name),  # made when clicked
            file_name=f"{name_of_file}.csv",
            mime="text/csv",
            key="dl-demand",
            on_click="ignore",
        )
        with c2:
            url = ui.this_view_url()
            ui.brief_button(
                lambda: demand_brief(
                    ds, state, weights, listed, filters, url, match, ratio if trained else None, rule, left_out
                ),
                name_of_file,
                "brief-demand",
            )
        notes = []
        if shown["top_coded"].any():
            notes.append(rel.top_code_rank_note)
        missing = int(shown["annual_median"].isna().sum())
        if missing and "wage" in used:
            notes.append(
                f"{missing:,} occupation(s) have no published median wage in {name}: "
                + (
                    f"scored on {and_list(others)} only."
                    if (others := [k for k in used if k != "wage"])
                    else "not scored."
                )
            )
        via = shown["industry_via"].fillna("").ne("").sum() if match is not None else 0
        if via:
            notes.append(
                f"{via:,} occupation(s) {name} projects under a code OEWS no longer publishes (SOC 2010 or the OEWS "
                f"2019 structure, such as 15-1256) are matched to {match.title} through the SOC 2018 codes they became "
                "(SOC crosswalk); their employment in the industry is not shown, as it is not published for that code."
            )
        if withheld := outlook_words.withheld_note(ds, [state]):
            notes.append(f"{withheld} {name}'s list is scored on growth and wage only.")
        for n in notes:
            st.caption(md(n))

    if not left_out.empty:
        declining = int(left_out["outlook"].eq("declining").sum())
        st.subheader(md(f"Not in demand by this rule: {len(left_out):,} ({declining:,} declining)"))
        st.caption(
            md(
                "Listed apart and not ranked: each row says why the rule leaves it out. Their scores are shown for "
                "reference, made the same way as above."
            )
        )
        apart, apart_kinds = d.apart, d.apart_kinds
        code = ui.occupation_table(
            apart.drop(columns=[apart.columns[0]]),
            f"{name_of_file}-not-in-demand",
            "apart",
            apart_kinds,
            download_csv=False,
        )
        if code:
            ui.open_profile(code, state)

    st.subheader(md(f"Ranks much higher in {name} than in the nation"))
    diff = demand.versus_nation(ds, state, weights)
    if diff.empty:
        st.caption(md(f"No occupation in {name}'s top 50 ranks 25 or more places higher than in the nation."))
    else:
        dtable = diff[["title", "rank", "national_rank", "places_higher", "soc_code"]].rename(
            columns={
                "title": "Occupation",
                "rank": f"Rank in {name}",
                "national_rank": "Rank in the nation",
                "places_higher": "Places higher here",
                "soc_code": "SOC code",
            }
        )
        code = ui.occupation_table(dtable, "in-demand-vs-us", "versus", {}, download_csv=False)
        if code:
            ui.open_profile(code, state)
    st.caption(
        md(
            "Both ranks are among all the occupations each list holds, with the weights above; the other filters "
            "above do not apply here. "
            f"Same vintage on both sides: the nation's list is scored the same way from the US row of the states' file "
            f"({sv}) with national OEWS {rel.oews} wages."
        )
    )
    return [
        f"State projections: {projections.source_line(ds)}, each state's own statistics; an occupation a state does not "
        "project is not on its list (not released, never zero).",
        f"Typical education: BLS Employment Projections {rel.ep} (national).",
    ]


frame.view(content, _demand)
