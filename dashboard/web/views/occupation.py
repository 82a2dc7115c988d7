"""Occupation profile: headline figures, wages, openings, hiring industries, a paragraph to read aloud."""

import pandas as pd
import streamlit as st

from dashboard.core.codes import INDUSTRY_LEVELS, NATIONAL
from dashboard.core.formatting import count, money
from dashboard.core.safe import md
from dashboard.domain import industries, occupations, projections, search, similar_roles, skills, wages
from dashboard.present import brief, charts
from dashboard.present.export import bound_notes
from dashboard.web import frame, params, ui
from dashboard.web.params import shown
from dashboard.web.views.parts import occupation_content, occupation_training, occupation_trend
from dashboard.words import outlook as outlook_words
from dashboard.words import summary

ds, v = frame.current()
rel = ds.release

query = st.text_input("Find a role", key="q", placeholder="e.g. production supervisor, plant manager", max_chars=100)
if query.strip():
    matches = search.search_roles(ds, query)
    if not matches:
        st.info(md(f"No occupation matches “{shown(query)}”. Try another title."))
    for m in matches[:6]:
        if st.button(md(m.label), key=f"pick-{m.soc_code}"):
            # a new profile, as a link to it opens (its own award levels, not this one's), area and wage kept
            ui.open_profile(m.soc_code, v.area, v.wage)

if not v.roles:
    st.title("Occupation profile")
    example = params.here("occupation", role=["11-3051"])
    st.info(f"Choose a role above, or open a link such as {example} (industrial production managers).")
    frame.stop()

soc = v.roles[0]
occ = ds.occupations.loc[soc]
st.title(md(occ["title"]))
major = ds.occupations.loc[occ["major_group"], "title"] if occ["major_group"] in ds.occupations.index else ""
st.caption(f"SOC {soc} · {md(major)}")

# the area and everything it changes are drawn last, in `top` (frame.view: a change of area redraws them alone);
# the national sections under them stay as they are
top = st.container()
picker, beside = top.columns([3, 1])
wage = beside.radio(
    "Wages",
    ["annual", "hourly"],
    index=0 if v.wage == "annual" else 1,
    horizontal=True,
    format_func=str.capitalize,
    key=ui.key("wage"),
)
hourly = wage == "hourly"

occupation_trend.draw(ds, soc, hourly)  # national OEWS May 2013–2025, a link to /trends

st.subheader("Where the openings come from")
split = projections.openings_split(ds, soc)
if split is None:
    st.caption("Openings are not released for this occupation.")
else:
    ui.chart_with_table(
        charts.openings_split(split, rel.ep),
        split,
        f"openings-{soc}",
        "openings",
        title=f"{occ['title']}: where the openings come from (national, {rel.ep})",
        source=f"Source: {rel.ep_line}, Table 1.10",
        caption="EP Table 1.10: annual openings = growth + labor-force exits + occupational transfers.",
    )


def _industry_table(rows, columns: list[str]):
    """The industries' table as shown beside its chart: the wage as text ("≥ $239,200" for a bound)."""
    table = rows.assign(
        median=[money(x, t) for x, t in zip(rows["annual_median"], rows["annual_median_top_coded"], strict=True)]
    )
    return table[columns].rename(
        columns={
            "industry": "Industry",
            "industry_code": "Code",
            "employment": "Employment",
            "share": "Share of its jobs (%)",
            "median": "Median annual wage",
            "rse": "Wage RSE (%)",
            "reliability": "Reliability",
        }
    )


def _industry_csv(rows):
    """The industries' table for a spreadsheet: numbers as numbers, the bound said beside the wage."""
    return pd.DataFrame(
        {
            "Industry": rows["industry"],
            "Code": rows["industry_code"],
            "Employment (national)": rows["employment"],
            "Share of its jobs (%)": rows["share"].round(1),
            "Median annual wage (national)": rows["annual_median"],
            "Median annual wage (national): top-coded": bound_notes(
                rows["annual_median"], rows["annual_median_top_coded"]
            ),
            "Wage RSE (%)": rows["rse"],
        }
    )


def _industries(level_asked: str) -> None:
    """The industries that hire it, national, at the level of detail chosen (a section: a change of the level
    reruns it alone)."""
    st.subheader("Industries that hire this occupation (national)")
    levels = list(INDUSTRY_LEVELS)
    level = st.radio(
        "Industry detail",
        levels,
        index=levels.index(level_asked),
        horizontal=True,
        format_func=lambda lv: INDUSTRY_LEVELS[lv].capitalize(),
        key=ui.key("level"),
    )
    ui.write(level=level)
    top = industries.hiring_industries(ds, soc, level=level, by="employment")
    pay = industries.hiring_industries(ds, soc, level=level, by="wage")
    if top.empty:
        st.caption("OEWS publishes no industry detail for this occupation.")
    else:
        t1, t2 = ui.side_by_side(2)
        with t1:
            st.markdown("**Top hiring industries**")
            ui.chart_with_table(
                charts.hiring(ds, soc, level, "employment"),
                lambda: _industry_table(top, ["industry", "industry_code", "employment", "share", "median"]),
                f"hiring-{soc}",
                "hiring",
                title=f"{occ['title']}: top hiring industries (national)",
                source=f"Source: {rel.oews_line}",
                csv=lambda: _industry_csv(top),
            )
        with t2:
            st.markdown("**Top-paying industries**")
            ui.chart_with_table(
                charts.hiring(ds, soc, level, "wage"),
                lambda: _industry_table(
                    pay, ["industry", "industry_code", "median", "employment", "rse", "reliability"]
                ),
                f"paying-{soc}",
                "paying",
                title=f"{occ['title']}: top-paying industries (national)",
                source=f"Source: {rel.oews_line}",
                csv=lambda: _industry_csv(pay),
                caption=f"Ranked among industries with at least {industries.PAY_RANK_MIN_EMPLOYMENT:,} jobs in the occupation and "
                f"a wage RSE of at most {industries.PAY_RANK_MAX_RSE:.0f}%.",
            )
            st.caption(
                f"Only industries with at least {industries.PAY_RANK_MIN_EMPLOYMENT:,} of these jobs and a reliable enough wage "
                f"estimate (relative standard error at most {industries.PAY_RANK_MAX_RSE:.0f}%) are ranked; "
                + (
                    "; ".join(
                        f"{md(i)}: {r}"
                        for i, r in zip(pay["industry"], pay["reliability"], strict=True)
                        if r != "reliable"
                    )
                    or "all ranked estimates are reliable (RSE up to 10%)"
                )
                + "."
            )


def _figures(where, wage: str, programs, training, national: list[str]) -> list[str]:
    """The area's picker (in `where`) and what the area changes: the figures, the state's projections and the wage
    percentiles here; the program links and "Where people train for it" in their places below. Returns the footer's
    notes, the national sections' (`national`) among them in page order."""
    area = ui.area_picker(ds, v.area, where=where)
    hourly = wage == "hourly"
    ui.write(role=[soc], area=area, wage=wage)
    ui.live("profile", area=area).area = area  # the brief, asked for later, reads it

    w = wages.wage_row(ds, soc, area)
    p = projections.projection(ds, soc)
    place = ui.area_name(ds, area)
    notes: list[str] = []

    change_tile, openings_tile = outlook_words.headline(ds, soc, area, rel.ep)
    st.markdown(f"**Figures for {md(place)}** (employment and wages: OEWS {rel.oews})")
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(
        f"Employment ({rel.oews})",
        count(None if w is None else w["employment"]),
        help=rel.employment_help,
    )
    col = f"{'hourly' if hourly else 'annual'}_median"
    m2.metric(
        f"Median {'hourly' if hourly else 'annual'} wage ({rel.oews})",
        money(None if w is None else w[col], wages.capped(w, col), hourly),
    )
    for column, tile in ((m3, change_tile), (m4, openings_tile)):
        # the change's words name a place from the data: escaped as Markdown; its figure first, left as it is, since
        # Streamlit reads the arrow's direction from its sign ("-1.2 pts vs …": an escaped "\-" would point up)
        figure, _, words = (tile.delta or "").partition(" ")
        column.metric(
            md(tile.label), tile.value, delta=f"{figure} {md(words)}" if tile.delta else None, delta_color="normal"
        )
        column.caption(md(tile.beside))
    if p is None:
        notes.append("BLS Employment Projections publish no projection for this occupation code.")
    if two := outlook_words.two_employment_figures(ds, soc, area, rel.oews, None if w is None else w["employment"]):
        st.caption(md(two))
    else:
        ui.keep_place()

    e1, e2, e3 = st.columns(3)
    e1.markdown(f"**Typical education**  \n{md(occ['education'] or 'not released')}")
    e2.markdown(f"**Work experience**  \n{md(occ['experience'] or 'not released')}")
    e3.markdown(f"**On-the-job training**  \n{md(occ['training'] or 'not released')}")

    # where it is concentrated: the location quotient OEWS publishes, and this occupation on the map (issue 29, 4)
    l1, l2 = st.columns([3, 1], vertical_alignment="center")
    l1.markdown(md(summary.concentration(ds, soc, area)))
    l2.page_link(
        ui.target("geography"),
        label="See it on the map",
        icon=":material/map:",
        query_params=params.query("geography", role=[soc], measure="location_quotient", area=area),
    )

    st.info(md(summary.summary(ds, soc, area)))

    basis = wages.pay_basis(w) if w is not None else None
    if basis:
        other = "annual" if basis == "hourly only" else "hourly"
        st.warning(
            f"BLS publishes {basis.split()[0]} wages only for this occupation (OEWS footnote 4): {other} figures are not released."
        )
        notes.append(rel.PAY_BASIS_NOTE)
    else:
        ui.keep_place()
    if wages.any_capped(w):
        notes.append(rel.top_code_note)
    if w is None:
        st.warning(f"BLS does not publish figures for this occupation in {md(place)}.")
    else:
        ui.keep_place()

    state_outlook = outlook_words.profile(ds, soc, area, rel.ep, rel.ep_base, rel.ep_target)
    if state_outlook is None:
        ui.keep_place()
    else:  # the state's own projection beside the nation's, each with its vintage
        with st.container():
            st.subheader(md(state_outlook.heading))
            for column, side in zip(st.columns(len(state_outlook.sides) or 1), state_outlook.sides, strict=False):
                column.caption(md(side.heading))
                for label, value in side.figures:
                    column.metric(md(label), value)
            for note in state_outlook.notes:
                st.caption(md(note))
        if state_outlook.sides:
            notes.append(f"State projections: {projections.source_line(ds)}, each state's own statistics.")

    st.subheader(f"Wage percentiles, {md(place)}" + ("" if area == NATIONAL else " and the nation"))
    wp = wages.wage_percentiles(ds, soc, area, hourly)
    ui.chart_with_table(
        charts.wage_percentiles(wp, hourly),
        lambda: wp[["place", "percentile", "label"]].rename(columns={"label": "wage"}),  # made when opened
        f"wages-{soc}",
        "wages",
        # the chart sets the area beside the nation: its title names both (it named the area alone)
        title=f"{occ['title']}: {wage} wage percentiles, {place}"
        + ("" if area == NATIONAL else " and the United States"),
        source=f"Source: {rel.oews_line}",
        place=place,
        csv=lambda: (
            wp[["place", "percentile", "wage"]]
            .rename(columns={"wage": f"{wage} wage"})
            .assign(**{f"{wage} wage: top-coded": bound_notes(wp["wage"], wp["top_coded"], hourly)})
        ),
    )

    programs(area)  # the program links carry the area
    n_top = len(notes)
    with training.container():  # IPEDS completers beside the openings: a change of its award levels reruns it alone
        ui.section(occupation_training.draw)(ds, soc, area, v.levels, notes)
    return [*notes[:n_top], *national, *notes[n_top:], rel.industry_share_note]


ui.section(_industries)(v.level)

national: list[str] = []  # the footer's notes for the national sections
programs = occupation_content.draw(ds, soc, national)  # O*NET: what they do, what it takes; programs that lead here
training = st.container()  # "Where people train for it", drawn with the figures (_figures)

st.subheader("Similar roles")
sims = similar_roles.similar(ds, soc)
if not sims:
    st.caption("No similar role could be computed: BLS publishes neither industry detail nor a wage to compare.")
for s in sims:
    c1, c2 = st.columns([1, 1])
    # a button, not st.page_link: a page link to the page already open does not update the address bar
    if c1.button(
        md(f"{s.title} ({s.soc_code})"), key=f"similar-{s.soc_code}", icon=":material/arrow_forward:", type="tertiary"
    ):
        ui.open_profile(s.soc_code, v.area, wage)
    why = "; ".join(s.reasons)
    c2.caption(md(why[:1].upper() + why[1:]))
for line in (skills.basis(ds, soc), skills.HOW):  # where O*NET does not cover it, say so first
    if line:
        st.caption(md(line))

c1, c2 = st.columns([1, 3])
with c1:
    url = ui.view_url_later()  # the training section's levels may change after this run: read when clicked
    counted = ui.live("training", levels=())
    on_screen = ui.live("profile", area=v.area)  # the area shown when the brief is asked for (_figures sets it)
    ui.brief_button(
        lambda: brief.occupation_brief(ds, soc, on_screen.area, url(), counted.levels), f"brief-{soc}", "brief"
    )
with c2:
    ladder = next((k for k, (_, socs) in occupations.pathway_presets(ds).items() if soc in socs), None)
    st.page_link(
        ui.target("pathways"),
        label="See it on a career ladder" if ladder else "Start a career ladder from it",
        query_params=params.query("pathways", pathway=ladder) if ladder else params.query("pathways", role=[soc]),
        icon=":material/stairs:",
    )

frame.view(top, _figures, picker, wage, programs, training, national)
