"""Programs: what a CIP program prepares its graduates for (wages here, growth, openings, education), and who
graduates in it here: IPEDS completers by award level and year, the institutions and their map, a brief."""

import streamlit as st

from dashboard.core.safe import md
from dashboard.data.release import EMPTY_CELLS
from dashboard.domain import programs as pg
from dashboard.present import columns
from dashboard.present.brief_program import program_brief
from dashboard.web import frame, ui
from dashboard.web.views.parts import program_training, program_view

ds, v = frame.current()
rel = ds.release

if not pg.has_programs(ds):
    st.title("Programs")
    st.info("This data folder has no education programs (programs.csv and program_occupations.csv are not in it).")
    frame.stop()

picker = st.sidebar.container()  # the area's picker, drawn with what it changes (_program)
presenter = st.sidebar.container()  # the presenter link, which carries the view (_program)
content = st.container()  # the whole page follows its controls: drawn last, here (frame.view)


def _program() -> list[str]:
    """The page's controls (the area, the search, the field) and everything they change; returns the footer's notes.
    A control's change reruns this alone; choosing a program or a field (ui.navigate) reruns the page."""
    v = frame.current()[1]  # the view as the address holds it now (a control of the part may have changed)
    area = ui.area_picker(ds, v.area, where=picker)
    query = st.text_input(
        "Find a program by name or CIP code",
        value=v.search,
        key=ui.key("q"),
        placeholder="e.g. operations management, welding, 52.0205",
        max_chars=100,
    )
    cip = v.cip
    if query.strip():
        found = pg.search(ds, query)
        if not found:
            st.info(md(f"No program matches “{query.strip()[:60]}”. Try another name, or a code such as 52.0205."))
        for m in found[:6]:
            if st.button(md(f"{m.cip_code} {m.title}"), key=f"program-{m.cip_code}", type="tertiary"):
                ui.navigate(cip=m.cip_code, q=None, area=area)
    # the search is part of the view until a program is chosen (choosing one clears it): ?q=welding reopens it
    ui.write(cip=cip, q=query.strip() or None, area=area)
    ui.presenter_link(where=presenter)
    place = ui.area_name(ds, area)

    if cip is None or len(cip) < 7:  # no program chosen, or a family (52) or series (52.02): browse
        fams = pg.families(ds)
        codes = list(fams["cip_code"])
        current = cip[:2] if cip else None
        family = st.selectbox(
            "Browse a field (CIP family)",
            [None, *codes],
            index=codes.index(current) + 1 if current in codes else 0,
            format_func=lambda c: (
                "Choose a field…"
                if c is None
                else f"{c} {pg.cip_title(fams.set_index('cip_code').loc[c, 'title']).capitalize()}"
            ),
            key=ui.key("family"),
        )
        if family is None:
            st.title("Programs and the occupations they lead to")
            st.info(
                "Find a program above by name or CIP code, or browse a field. Each program shows the occupations the "
                "NCES CIP–SOC crosswalk maps it to, with what they pay here, their outlook and openings."
            )
            return [f"Programs: {pg.SOURCE_LINE} (NCES, public domain)."]
        if family != current:
            ui.navigate(cip=family, q=None, area=area)
        row = pg.program(ds, cip)
        st.title(
            md(
                f"{cip} {pg.cip_title(row['title']).capitalize() if row['level'] == 'family' else pg.cip_title(row['title'])}"
            ),
            anchor=False,
        )
        if isinstance(row["definition"], str):
            st.caption(md(row["definition"]))
        inside = pg.in_family(ds, cip)
        st.subheader(f"{len(inside):,} programs in this {'field' if row['level'] == 'family' else 'series'}")
        table = inside.rename(
            columns={"cip_code": "CIP code", "title": "Program", "occupations": "Occupations it leads to"}
        )
        sel = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                           key=f"family-{cip}")  # fmt: skip
        ui.download(table, f"programs-{cip}", key=f"dl-family-{cip}", source=f"{pg.SOURCE_LINE} (NCES)")
        if not ui.presenting():  # presenter view hides the boxes
            st.caption("Tick the box at the left of a row to see what the program leads to.")
        picked = ui.selected(sel, table, "CIP code")
        if picked:
            ui.navigate(cip=picked, q=None, area=area)
        return [f"Programs: {pg.SOURCE_LINE} (NCES, public domain)."]

    row = pg.program(ds, cip)
    # no anchor icon: at some widths it wrapped alone onto a second, invisible line (an 80 px blank band)
    st.title(md(f"{cip} {pg.cip_title(row['title'])}"), anchor=False)
    family = pg.program(ds, row["family"]) if pg.exists(ds, row["family"]) else None
    if family is not None:
        if st.button(
            md(f"Field: {row['family']} {pg.cip_title(family['title']).capitalize()}"), key="up", type="tertiary"
        ):
            ui.navigate(cip=row["family"], q=None, area=area)
    if isinstance(row["definition"], str):
        st.markdown(md(row["definition"]))

    made = program_view.leads_to(ds, cip, area)  # kept per program and area
    program_view.warm_areas(ds, cip, area)  # and the state's areas' and other states', made in idle time
    occ = made.occupations
    st.subheader(f"What it leads to: {len(occ)} occupation{'' if len(occ) == 1 else 's'}, wages in {md(place)}")
    if occ.empty:
        st.info("The NCES CIP–SOC crosswalk maps no occupation to this program.")
    else:
        drawn = made.drawn
        if made.fig is not None:
            event = ui.chart_with_table(
                made.fig,
                lambda: columns.shape(  # made when "Data behind this chart" is opened
                    drawn,
                    [
                        ("soc_code", "soc_code"),
                        ("title", "title"),
                        ("annual_median", "annual_median ({place})"),
                        ("change_pct", "change_pct (national)"),
                        ("openings_annual", "openings_annual (national)"),
                    ],
                    rel,
                    place,
                )[0],
                f"program-{cip}",
                "program-chart",
                title=f"What {cip} {pg.cip_title(row['title'])} leads to: median wage ({place}) against projected "
                f"growth (national, {rel.ep})",
                place=place,
                on_select="rerun",
                selection_mode="points",
                caption="Bubble size: annual openings. Occupations without a published annual median or projection "
                "are not drawn (they are in the table below).",
            )
            code = ui.clicked(event)
            if code:
                ui.open_profile(code, area)
        table, kinds = made.table, made.kinds
        picked = ui.occupation_table(table, f"program-{cip}-occupations", "program-table", kinds, place=place)
        st.caption(
            ui.how_to(f"Tick the box at the left of a row to open the occupation's profile ({md(place)} kept).")
            + EMPTY_CELLS
        )
        if picked:
            ui.open_profile(picked, area)

    training_notes = program_training.draw(ds, cip, pg.cip_title(row["title"]), area)
    url = ui.this_view_url()  # read during the run: the brief is written later, when the button is clicked
    ui.brief_button(lambda: program_brief(ds, cip, area, url), f"program-{cip}-brief", "brief")

    return [
        f"Programs: {pg.SOURCE_LINE} (NCES, public domain). A program can lead to an occupation the crosswalk does "
        "not list, and the crosswalk lists what a program prepares for, not where its graduates went.",
        *training_notes,
    ]


frame.view(content, _program)
