"""The profile's "Where people train for it": completers of related programs beside the area's annual openings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.core.codes import NATIONAL
from dashboard.core.formatting import count
from dashboard.core.safe import md
from dashboard.data.dataset import Dataset
from dashboard.domain import onet, supply
from dashboard.web import ui
from dashboard.words import supply as words

PROGRAMS_SHOWN = 6  # named under the figure; the table in the expander lists every program


def source(openings_line: str | None = None) -> str:
    """The section's source line: IPEDS and the crosswalk, and the openings' source where openings are shown."""
    parts = [supply.SOURCE_LINE, onet.PROGRAMS_SOURCE]
    return "; ".join(parts + ([openings_line] if openings_line else []))


def draw(ds: Dataset, soc: str, area: str, chosen: tuple[int, ...] | None, notes: list[str]) -> None:
    """Draw the section for SOC `soc` in `area` with the award levels from the link (None: the default), and
    add the sources used to `notes`. The page draws it as a section that reruns alone when its award levels
    change (ui.section): the levels counted are kept in `ui.live("training").levels`, where the brief reads
    them when it is asked for."""
    ui.live("training", levels=()).levels = _draw(ds, soc, area, chosen, notes)  # the same, once more, on early returns


def _draw(ds: Dataset, soc: str, area: str, chosen: tuple[int, ...] | None, notes: list[str]) -> tuple[int, ...]:
    place = ui.area_name(ds, area)
    st.subheader(md(f"Where people train for it: {place}"))
    if not supply.available(ds):
        st.info(
            "This data folder has no IPEDS completions (completions.csv.gz, institutions.csv, award_levels.csv): "
            "rebuild it with `workforce-outlook build-data` to see who is trained for this occupation."
        )
        return chosen or ()
    names = supply.level_names(ds)
    default = supply.default_levels(ds, soc)
    picked = st.multiselect(
        "Award levels counted",
        list(names),
        default=list(chosen or default),
        format_func=names.get,
        key=ui.key(f"levels-{soc}"),  # each occupation's own: its default is its own typical education's
        help="IPEDS award levels. By default those matching the occupation's typical entry education (BLS EP).",
    )
    levels = tuple(lv for lv in names if lv in picked)
    if not levels:
        st.warning("No award level chosen: counting those that match the occupation's typical entry education.")
        levels = default
    ui.write(levels=None if levels == default else levels)
    ui.live("training", levels=()).levels = levels  # with the link, so a brief asked for mid-run has both new
    education = ds.occupations.loc[soc, "education"] or None
    controls = not ui.presenting()  # presenter view hides the controls: no word of them
    st.caption(md(words.levels_counted([names[lv] for lv in levels], education, levels == default, controls)))

    kind = ds.areas.loc[area, "area_type"] if area in ds.areas.index else "national"
    cmp = supply.comparison(ds, soc, area, levels)
    if cmp is None:
        st.info(md(f"No state is known for {place}: completers cannot be set beside openings."))
        return levels
    whose, year, line, openings_label = cmp.whose, cmp.year, cmp.openings_source, cmp.openings_label
    label = supply.year_label(year)
    whose_place = ui.area_name(ds, whose)
    if whose != area:
        st.info(md(words.openings_for(place, whose_place, kind)), icon=":material/info:")
    st.markdown(f"**{md(whose_place)}: completers of related programs beside annual openings**")
    c1, c2, c3 = st.columns(3)
    c1.metric(f"Completers, {label}", count(cmp.completers))
    c2.metric(f"Openings a year, {openings_label}", "not released" if cmp.openings is None else count(cmp.openings))
    c3.metric("Completers per annual opening", "not released" if cmp.ratio is None else f"{cmp.ratio:,.2f}")
    c3.caption(f"{label} ÷ {openings_label} openings")  # both vintages, under the figure
    other = supply.not_counted(ds, soc, whose, levels, year)
    if other:  # completers the levels leave out, beside the count (Michigan's nurse anesthetists: 0 counted, 77 not)
        c1.caption(md(words.other_levels(other, whose_place, page=controls)))
    st.markdown(md(words.comparison_caveat()))  # beside the figure, not in a footnote
    why = (
        "" if cmp.openings is not None else " Openings are not released for this occupation here, so there is no ratio."
    )
    st.caption(md(f"{words.year_note(year)}. {words.where_counted()}{why} Sources: {source(line or None)}."))

    local = area if supply.covers(ds, area) else whose  # a metro's own programs; a nonmetro area: its state's
    local_place = ui.area_name(ds, local)
    in_place = f"the {local_place}" if local == NATIONAL else local_place  # "in the United States"
    table = supply.occupation_programs_by_level(ds, soc, local, levels, year)
    offered = table[table["completers"] > 0]
    if table.empty:
        st.caption("The CIP–SOC crosswalk maps no program to this occupation.")
    else:
        which = (  # "0 of the 1 programs" read badly
            f"The one program the crosswalk maps here had {'' if len(offered) else 'no '}completers"
            if len(table) == 1
            else f"{len(offered)} of the {len(table)} programs the crosswalk maps here had completers"
        )
        st.caption(
            md(
                f"{which} in {in_place} ({label})"
                + (f": {count(int(offered['completers'].sum()))} in all." if local != whose and len(offered) else ".")
            )
        )
        if len(offered):  # the section above links each program to /programs; here, what each contributes
            named = zip(offered["cip_code"], offered["title"], offered["completers"], strict=True)
            st.markdown(
                md(
                    " · ".join(f"{str(t).rstrip('.')} ({c}): {n:,}" for c, t, n in list(named)[:PROGRAMS_SHOWN])
                    + (f" · {len(offered) - PROGRAMS_SHOWN} more below" if len(offered) > PROGRAMS_SHOWN else "")
                )
            )
        box = ui.lazy_expander(
            md(
                f"{'The one program' if len(table) == 1 else f'The {len(table)} programs'}, completers by award level ({local_place})"
            ),
            "train-programs",
        )
        if box is not None:
            shown = table.rename(
                columns={
                    "cip_code": "CIP code",
                    "title": "Program",
                    "completers": f"Completers, {local_place} ({label})",
                    "institutions": "Institutions",
                }
            )
            shown["Program"] = shown["Program"].str.rstrip(".")
            with box:
                st.dataframe(shown, hide_index=True, width="stretch")
                st.caption(md(f"Source: {source()}."))
                ui.download(
                    shown, f"training-programs-{soc}", key="dl-train-programs", place=local_place, source=source()
                )
    inst = ui.lazy_expander(md(f"The institutions behind the figure ({local_place}, {label})"), "train-institutions")
    if inst is not None:
        rows = supply.occupation_institutions(ds, soc, local, levels, year)
        with inst:
            if rows.empty:
                st.caption(md(f"No institution in {local_place} had completers of these programs at these levels."))
            else:
                out = pd.DataFrame(
                    {
                        "Institution": rows["name"],
                        "City": rows["city"],
                        "State": rows["postal"],
                        "Sector": rows["sector"],
                        f"Completers ({label})": rows["completers"],
                        "Programs": rows["programs"],
                        "IPEDS unit ID": rows["unitid"],
                    }
                )
                st.dataframe(out, hide_index=True, width="stretch")
                st.caption(md(f"Source: {source()}."))
                ui.download(
                    out, f"training-institutions-{soc}", key="dl-train-inst", place=local_place, source=source()
                )
    note = f"Where people train for it: {source(line or None)}."
    if note not in notes:  # the section's own reruns are given the page's list again (and draw no footer)
        notes.append(note)
    return levels
