"""The occupation profile's O*NET and program sections: what they do, what it takes, the finer occupations, programs."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.core.safe import md
from dashboard.data.dataset import Dataset
from dashboard.domain import onet as onet_
from dashboard.present import onet_charts
from dashboard.web import params, ui

PROGRAM_LINKS = 12  # more than this: the rest in an expander


def draw(ds: Dataset, soc: str, notes: list[str]) -> Callable[[str], None]:
    """Draw the sections for SOC `soc`; adds O*NET's attribution (and the crosswalk's source) to `notes`. Returns
    what draws the program links, which carry the area, in their place: the profile's part that the area changes
    calls it (frame.view), so a change of area does not draw these national sections again."""
    links: Callable[[str], None] = lambda area: None  # noqa: E731 - no programs, or listed as text
    c = onet_.content(ds, soc)
    name = ds.occupations.loc[soc, "title"] if soc in ds.occupations.index else soc
    source = f"Source: {onet_.SOURCE_LINE}"

    st.subheader("What they do")
    if c.description:
        st.markdown(md(c.description))
    if len(c.tasks):
        core = c.core_tasks
        kind = "core tasks" if (c.tasks["task_type"] == "Core").any() else "tasks"
        heading = f"The first {len(core)} {kind}, in O*NET's order"
        st.markdown(f"**{md(heading)}**")
        st.markdown("\n".join(f"{i}. {md(t)}" for i, t in enumerate(core["task"], start=1)))

        def tasks() -> None:
            table = pd.DataFrame(
                {"#": c.tasks["rank"], "Task": c.tasks["task"], "Type": c.tasks["task_type"].fillna("not rated")}
            )
            st.dataframe(table, hide_index=True, width="stretch")
            ui.download(table, f"tasks-{soc}", key="dl-onet-tasks", source=onet_.SOURCE_LINE)

        ui.lazy_section(f"All {len(c.tasks)} tasks", "all-tasks", tasks)

    if c.code:
        st.subheader("What it takes")
        if c.job_zone:
            st.markdown(f"**Preparation:** {md(c.job_zone)}")
        for frame, what, heading in ((c.skills, "skills", "Skill"), (c.knowledge, "knowledge", "Knowledge area")):
            if frame.empty:
                continue
            ui.chart_with_table(
                onet_charts.elements_of(ds, soc, what),
                lambda frame=frame, heading=heading: onet_.elements_table(frame, heading),  # made when opened
                f"{what}-{soc}",
                f"onet-{what}",
                title=f"{name}: the {len(frame)} most important {what}, and the level required",
                source=source,
                caption=md(
                    "O*NET rates how important each one is (1–5) and the level the work requires (0–7). "
                    "A level O*NET advises against showing, or marks not relevant, is left out."
                ),
            )
        if len(c.technology):
            tech = c.technology
            hot = tech[tech["hot"]]
            st.markdown(
                "**Technology used** "
                + md(f"({len(tech)} in O*NET; ★ marks O*NET hot technologies, often named in job postings)")
            )
            shown = tech.head(onet_.TECH_SHOWN)
            st.markdown(
                ", ".join(md(e) + (" ★" if h else "") for e, h in zip(shown["example"], shown["hot"], strict=True))
            )

            def technology(tech=tech) -> None:
                table = onet_.technology_table(tech)
                st.dataframe(table, hide_index=True, width="stretch")
                ui.download(table, f"technology-{soc}", key="dl-onet-tech", source=onet_.SOURCE_LINE)

            ui.lazy_section(f"All {len(tech)} technologies ({len(hot)} hot)", "all-technology", technology)

    if len(c.finer):
        st.subheader(md("Finer O*NET occupations inside this code"))
        st.markdown(  # one element for all of them (each element is a message the server sends)
            "\n\n".join(
                f"**{md(title)}** ({md(code)})  \n{md(desc if isinstance(desc, str) else '')}"
                for code, title, desc in zip(
                    c.finer["onetsoc_code"], c.finer["title"], c.finer["description"], strict=True
                )
            )
        )

    st.subheader("Programs that lead here")
    if len(c.programs):
        st.caption(f"CIP 2020 programs the {onet_.PROGRAMS_SOURCE} maps to this occupation.")
        shown = list(zip(c.programs["cip_code"], c.programs["title"], strict=True))
        if ui.presenting():
            # presenter view hides links and expanders (controls): the programs are content, so every one
            # of them is listed as text, in two columns
            half = -(-len(shown) // 2)
            for col, part in zip(st.columns(2), (shown[:half], shown[half:]), strict=True):
                col.markdown("\n".join(f"- {md(cip)} {md(title)}" for cip, title in part))
        else:
            box = st.container()

            def links(area: str) -> None:
                with box.container():  # drawn in place, its own section ("more programs") with it
                    _program_links(shown, area)

    for line in c.unknown:
        st.caption(md(line))
    if c.shows_onet:
        notes.append(onet_.ATTRIBUTION)  # the frame escapes the footer's notes
    if onet_.has_programs(ds):
        notes.append(f"Programs: {onet_.PROGRAMS_SOURCE} (NCES, public domain).")
    return links


def _program_links(shown: list[tuple[str, str]], area: str | None) -> None:
    """Each program a link to its page: the first PROGRAM_LINKS in two columns, the rest in an expander."""
    cols = st.columns(2)
    for i, (cip, title) in enumerate(shown[:PROGRAM_LINKS]):
        cols[i % 2].page_link(
            ui.target("programs"),
            label=md(f"{cip} {title}"),
            query_params=params.query("programs", cip=cip, area=area),
            icon=":material/school:",
        )
    if len(shown) > PROGRAM_LINKS:

        def more() -> None:
            for cip, title in shown[PROGRAM_LINKS:]:
                st.page_link(
                    ui.target("programs"),
                    label=md(f"{cip} {title}"),
                    query_params=params.query("programs", cip=cip, area=area),
                )

        ui.lazy_section(f"{len(shown) - PROGRAM_LINKS} more programs", "more-programs", more)
