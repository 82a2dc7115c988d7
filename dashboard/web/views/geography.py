"""Geography: one occupation's measure on a US state map, with state and metro rankings and reliability cues."""

import pandas as pd
import streamlit as st

from dashboard.core.codes import MEASURES, NATIONAL, RSE_CAUTION, RSE_LOW
from dashboard.core.formatting import fmt, is_missing, pct, reliability
from dashboard.core.safe import clean, md
from dashboard.data.release import MAP_NOTE, MAP_SOURCE, RSE_NOTE
from dashboard.domain import areas as areas_
from dashboard.domain import occupations, projections, wages
from dashboard.present import charts
from dashboard.present.export import bound_notes
from dashboard.web import frame, ui
from dashboard.words import outlook as outlook_words

DEFAULT_ROLE = "11-3051"  # industrial production managers, where this project started
RANKED = 15  # areas a ranking chart draws (the table and the CSV list them all)

ds, v = frame.current()
rel = ds.release

controls = st.sidebar.container()  # the occupation, measure and state, drawn with what they change (_geography)
content = st.container()  # the whole page follows them: drawn last, here (frame.view)


def _geography() -> list[str]:
    """The controls and everything they change: the figures, the map, the rankings; returns the footer's notes.
    A control's change reruns this alone; a click on a state (ui.navigate) reruns the page."""
    v = frame.current()[1]  # the view as the address holds it now (a control of the part may have changed)
    sb = controls
    detailed = list(occupations.detailed_codes(ds))
    soc = v.roles[0] if v.roles else DEFAULT_ROLE
    role_opts = detailed if soc in detailed else [soc, *detailed]
    soc = sb.selectbox(
        "Occupation (type to search)",
        role_opts,
        index=role_opts.index(soc),
        format_func=ui.labeller(ds, "roles"),
        key=ui.key("soc"),
    )
    measure = sb.selectbox(
        "Measure",
        list(MEASURES),
        index=list(MEASURES).index(v.measure),
        format_func=lambda m: MEASURES[m].label,
        key=ui.key("measure"),
    )
    m = MEASURES[measure]
    proj = m.is_state_projection  # a state measure from the states' own projections, not OEWS
    sv = projections.vintage(ds) if projections.available(ds) else ""
    # each chart credits what it draws: the states' own projections, or OEWS (never EP, which has no states)
    src = f"Source: {projections.source_line(ds)}" if proj and sv else f"Source: {rel.oews_line}"
    areas = ds.areas
    states = projections.states(ds)
    chosen = v.area if v.area != NATIONAL else None
    chosen_state = None if chosen is None else (areas.loc[chosen, "state"] or None)
    state_opts = [None, *states.index]
    state_code = states.index[states["state"] == chosen_state][0] if chosen_state in set(states["state"]) else None
    picked_state = sb.selectbox(
        "State (shows its metro areas)",
        state_opts,
        index=state_opts.index(state_code),
        format_func={
            None: "All states",
            **{c: clean(n) for c, n in zip(states.index, states["area_name"], strict=True)},
        }.get,
        key=ui.key("state"),
    )
    if picked_state != state_code:  # a new state replaces whatever area was chosen
        chosen = picked_state
        chosen_state = None if picked_state is None else states.loc[picked_state, "state"]
    ui.write(role=[soc], measure=measure, area=chosen)
    ui.presenter_link(where=sb)

    title = ds.occupations.loc[soc, "title"]
    st.title(f"{md(title)}: {m.label.lower()} by state")
    st.caption(
        f"SOC {soc} · state projections {sv} ({projections.SOURCE_SHORT}), each state's own"
        if proj
        else f"SOC {soc} · OEWS {rel.oews} · all industries"
    )
    if proj and not sv:
        st.info(projections.NOT_IN_FOLDER)

    state_rank = areas_.area_ranking(ds, soc, measure, ("state",))
    nat = wages.wage_row(ds, soc, NATIONAL)
    nat_tc = wages.capped(nat, measure)
    nat_value = None if nat is None or proj else nat[measure]
    if proj and sv:  # the US row of the states' file: the same vintage as the states
        us = projections.state_row(ds, NATIONAL, soc)
        nat_value = None if us is None else us[projections.MAP_MEASURES[measure]]
    if measure == "location_quotient" and nat is not None:
        nat_value = 1.0  # the nation's share over the nation's: 1 by definition (BLS leaves the cell empty)

    if chosen and proj:
        in_state = projections.state_of(ds, chosen)
        r = projections.state_row(ds, in_state, soc) if in_state else None
        c1, c2 = st.columns(2)
        c1.metric(
            md(f"{m.label}, {areas.loc[in_state, 'area_name'] if in_state else 'not released'} {sv}"),
            fmt(m, None if r is None else r[projections.MAP_MEASURES[measure]]),
        )
        c2.metric(f"{m.label}, United States {sv} (the states' file)", fmt(m, nat_value))
        if in_state and chosen != in_state:
            st.caption(md(f"{areas.loc[chosen, 'area_name']}: projections are made for states; these are its state's."))
    elif chosen:
        w = wages.wage_row(ds, soc, chosen)
        value = None if w is None else w[measure]
        tc = wages.capped(w, measure)
        c1, c2, c3 = st.columns(3)
        c1.metric(f"{m.label}, {md(areas.loc[chosen, 'area_name'])}", fmt(m, value, tc))
        c2.metric(f"{m.label}, United States", fmt(m, nat_value, nat_tc))
        versus = f"Share of national {m.label.lower()}" if m.kind == "count" else "Compared with the nation (US = 100%)"
        if (tc or nat_tc) and not is_missing(value):
            bound = fmt(m, value, tc) if tc else fmt(m, nat_value, nat_tc)
            c3.metric(
                versus,
                "cannot be computed",
                help=f"At least {bound[2:]}: a top-coded figure is a bound, not a value, so the ratio cannot be computed.",
            )
            st.caption(
                f"{'This area' if tc else 'The nation'}: at least {bound[2:]}; the ratio cannot be computed "
                "(OEWS footnote 5: the wage is top-coded)."
            )
        elif not is_missing(value) and not is_missing(nat_value) and nat_value:
            ratio = value / nat_value * 100
            c3.metric(
                versus,
                f"{ratio:.1f}%" if m.kind == "count" else f"{ratio:.0f}%",
                help="The area's figure as a percentage of the nation's.",
            )
        else:
            c3.metric(versus, "not released")
        if w is not None:
            st.caption(f"Reliability: {reliability(w[m.rse])} (relative standard error {pct(w[m.rse], signed=False)}).")
    else:
        st.metric(
            f"{m.label}, United States" + (f" {sv} (the states' file)" if proj else ""),
            fmt(m, nat_value, nat_tc),
            help="1 by definition: the nation's share over itself." if measure == "location_quotient" else None,
        )

    basis = wages.pay_basis(nat) if nat is not None else None
    if basis and m.kind in ("money", "hourly") and basis.startswith("annual" if m.kind == "hourly" else "hourly"):
        st.warning(
            f"BLS publishes {basis.split()[0]} wages only for this occupation (OEWS footnote 4): this measure is not released."
        )

    low = set(state_rank.loc[state_rank["reliability"] == "low reliability", "state"])
    fig = charts.us_map(state_rank, m.label, m.kind, low_reliability=low, chosen=chosen_state, centre=m.centre)
    table = state_rank[["rank", "area_name", "state", "label", "rse", "reliability"]].rename(
        columns={
            "area_name": "State",
            "state": "Postal",
            "label": m.label,
            "rse": "RSE (%)",
            "reliability": "Reliability",
        }
    )

    def csv_of(shown, ranking):
        """The CSV of a ranking table: the measure as a number (not its label), a top-coded bound flagged beside it."""
        out = shown.assign(**{m.label: ranking["value"].to_numpy()})
        if m.is_wage:
            out.insert(
                out.columns.get_loc(m.label) + 1,
                f"{m.label}: top-coded",
                bound_notes(ranking["value"], ranking["top_coded"], m.kind == "hourly"),
            )
        return out

    state_csv = csv_of(table, state_rank)
    event = ui.chart_with_table(
        fig,
        table,
        f"map-{soc}-{measure}",
        f"map-{soc}-{measure}",
        title=f"{title}: {m.label.lower()} by state, {sv if proj else rel.oews}",
        source=f"{src}; {MAP_SOURCE}",
        on_select="rerun",
        selection_mode="points",
        caption="States in grey have no published figure. Lighter states have a relative standard error above "
        f"{RSE_LOW:.0f}% (low reliability). Puerto Rico, Guam and the Virgin Islands are in the ranking, not on the map.",
        csv=state_csv,
    )
    hit = ui.clicked(event)
    if hit and hit != chosen_state and hit in set(states["state"]):
        ui.navigate(area=states.index[states["state"] == hit][0])
    if not ui.presenting():  # presenter view: no sidebar, nothing to click
        st.caption("Click a state (or pick one in the sidebar) to see its metro areas.")

    def _first(rank, kind: str) -> str:
        """What a ranking chart shows when it cuts the list: "the first 15 of 54 states"."""
        n = int(rank["value"].notna().sum())
        return f"the first {RANKED} of {n:,} {kind}" if n > RANKED else f"{kind} ranked"

    def _place_of(rank, code: str | None) -> str | None:
        """The chosen area's place in the ranking, when the chart's first RANKED leave it out."""
        if not code or "area_code" not in rank or code not in set(rank["area_code"]):
            return None
        row = rank[rank["area_code"] == code].iloc[0]
        drawn = rank.dropna(subset=["value"]).head(RANKED)
        if code in set(drawn["area_code"]) or pd.isna(row["value"]):
            return None
        return f"{row['area_name']} ranks {int(row['rank']):,} of {int(rank['value'].notna().sum()):,}: {row['label']}."

    left, right = ui.side_by_side(2)
    with left:
        st.subheader("States ranked")
        if place := _place_of(state_rank, chosen):  # Texas, 38th, was not on a chart of the first 15
            st.caption(md(place))
        ui.chart_with_table(
            charts.ranking(state_rank, m.label, RANKED),
            table,
            f"states-{soc}-{measure}",
            f"states-{soc}-{measure}",
            title=f"{title}: {m.label.lower()}, {_first(state_rank, 'states')}",
            source=src,
            csv=state_csv,
        )
    with right:
        where = "" if not chosen_state else f" in {states.loc[states['state'] == chosen_state, 'area_name'].iloc[0]}"
        types = ("metro",) if not chosen_state else ("metro", "nonmetro")
        metro_rank = areas_.area_ranking(ds, soc, measure, types, state=chosen_state)
        st.subheader(f"Metro areas ranked{md(where)}")
        if metro_rank.empty and proj:
            st.info("Projections are made for states: metro and nonmetropolitan areas have none.")
        elif metro_rank.empty:
            st.info(f"BLS publishes no metro-area figure for this occupation{md(where)}.")
        else:
            mtable = metro_rank[["rank", "area_code", "area_name", "area_type", "label", "rse", "reliability"]].rename(
                columns={
                    "area_code": "Area code",
                    "area_name": "Area",
                    "area_type": "Type",
                    "label": m.label,
                    "rse": "RSE (%)",
                    "reliability": "Reliability",
                }
            )
            ui.chart_with_table(
                charts.ranking(metro_rank, m.label, RANKED),
                mtable,
                f"metros-{soc}-{measure}{'-' + chosen_state if chosen_state else ''}",
                f"metros-{soc}-{measure}-{chosen_state}",
                title=f"{title}: {m.label.lower()}, {_first(metro_rank, 'areas')}{where}",
                source=src,
                caption=f"{len(metro_rank):,} areas; the chart shows the first {RANKED}.",
                csv=csv_of(mtable, metro_rank),
            )

    notes = [RSE_NOTE.format(caution=RSE_CAUTION, low=RSE_LOW), rel.top_code_rank_note, MAP_NOTE]
    if proj and sv:
        notes.append(f"State projections: {projections.source_line(ds)}, each state's own statistics (no RSE).")
        if note := outlook_words.withheld_note(ds):
            notes.append(note)
    return notes


frame.view(content, _geography)
