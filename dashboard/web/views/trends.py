"""Trends: employment and wages May 2013 – May 2025 for up to six occupations, and what each
Employment Projections vintage said then against what EP counted later."""

import pandas as pd
import streamlit as st

from dashboard.core.codes import PERCENTILE_LABELS
from dashboard.core.safe import md
from dashboard.domain import occupations, soc, trends
from dashboard.present import trend_charts
from dashboard.present.brief_views import trends_brief
from dashboard.web import frame, params, ui

ds, v = frame.current()

st.title("Trends")
if not trends.available(ds):
    st.info(
        "Trends are not in this data folder: it has no oews_national_history.csv.gz or soc_crosswalk.csv "
        "(built by `workforce-outlook build-data` from the OEWS national workbooks May 2013–2024)."
    )
    frame.stop()

controls = st.sidebar.container()  # the occupations and series, drawn with what they change (_trends)
presenter = st.sidebar.container()  # the presenter link, under them: it carries every choice
content = st.container()  # the whole page under its title follows them: drawn last, here (frame.view)


def _trends() -> list[str]:
    """The controls and everything they change: the chart, the table, the projections by vintage, the brief;
    returns the footer's notes. A control's change reruns this alone."""
    v = frame.current()[1]  # the view as the address holds it now (a control of the part may have changed)
    sb = controls
    detailed = list(occupations.detailed_codes(ds))
    default_roles = [r for r in (v.roles or ["11-3051"]) if r in ds.occupations.index][: trends.MAX_TRENDS]
    roles = sb.multiselect(
        "Occupations (up to 6; type to search)",
        detailed,
        default=[r for r in default_roles if r in detailed] or None,
        max_selections=trends.MAX_TRENDS,
        format_func=ui.labeller(ds, "roles"),
        select_all=False,  # typing a name then Enter took Streamlit's "Select 12 matches": six wrong occupations
        key=ui.key("roles"),
    )
    what = sb.radio(
        "Show",
        trends.SERIES,
        index=trends.SERIES.index(v.series),
        format_func={"wage": "Wages", "employment": "Employment"}.get,
        key=ui.key("series"),
        horizontal=True,
    )
    scale = sb.radio(
        "Scale",
        trends.SCALES,
        index=trends.SCALES.index(v.scale),
        format_func={"absolute": "Levels (dollars or jobs)", "index": "Index (first common year = 100)"}.get,
        key=ui.key("scale"),
    )
    wage = ui.wage_picker(v.wage, sb) if what == "wage" else v.wage
    dollars = (
        sb.radio(
            "Dollars",
            trends.DOLLARS,
            index=trends.DOLLARS.index(v.dollars),
            format_func={"real": "After inflation (CPI-U)", "nominal": "As published"}.get,
            key=ui.key("dollars"),
        )
        if what == "wage"
        else v.dollars
    )
    ui.write(role=roles, series=what, scale=scale, wage=wage, dollars=dollars)

    if not roles:
        ui.presenter_link(where=presenter)
        example = params.here("trends", role=["11-3051", "51-1011"])
        st.info(f"Choose up to six occupations in the sidebar, or open a link such as {example}.")
        return []

    hourly = wage == "hourly"
    real = what == "wage" and dollars == "real"
    defl = trends.deflator(ds) if real else None
    if real and defl is None:
        st.warning("CPI-U is not in this data folder: wages are shown as published (nominal).")
        real = False
    df, shown, index_year, fig = trend_charts.trend_view(ds, roles, what, hourly, real, scale == "index")
    years = soc.years(ds)
    first, last = years[0], years[-1]
    no_history = [r for r in roles if r not in set(df["soc_code"])]
    for r in no_history:
        st.warning(
            md(f"BLS publishes no national history for {ui.role_label(ds, r)} that can be followed across years.")
        )

    basis = f"median {wage} wage {trend_charts.money_basis(ds, real)}" if what == "wage" else "employment"
    money_note = f"in {defl.basis}" if real else "as published (nominal dollars)"
    st.caption(
        md(
            f"National estimates, OEWS May {first} – May {last} (cross-industry, self-employed not included). "
            + (f"Wages {money_note}." if what == "wage" else "")
        )
    )

    # --- the paragraph to read aloud ------------------------------------------------------------------------
    st.subheader("In a sentence")
    for r in roles:
        if r not in no_history:
            st.markdown(md(trends.paragraph(ds, r, hourly)))

    # --- the chart ---------------------------------------------------------------------------------------------
    if scale == "index" and not df.empty and index_year is None:
        st.warning("These occupations have no year in common with a released value: showing the figures as published.")
    if fig is not None:
        # the chart names what it shows, so a PNG pasted on a slide still says whose line it is and in which dollars
        whose = (
            f"{ds.occupations.loc[roles[0], 'title']} ({roles[0]}): {basis}"
            if len(roles) == 1
            else basis[:1].upper() + basis[1:]
        )
        title = f"{whose}, May {first}–{last}, nation" + (f", index May {index_year} = 100" if index_year else "")
        table = shown.assign(year=shown["year"].astype(int)).rename(
            columns={"title": "Occupation", "soc_code": "SOC code", "year": "May", "code": "Code as published"}
        )
        keep = ["Occupation", "SOC code", "May", "Code as published", "value", "top_coded"]
        if what == "wage" and index_year is None:
            keep[4:5] = ["p10", "p25", "value", "p75", "p90"]  # in the order of the distribution
        # each figure's unit in its heading, so a CSV never passes restated or indexed values off as published
        unit = f" (index, May {index_year} = 100)" if index_year else ""
        if what == "wage" and not index_year:
            unit = f" ({wage}, {defl.basis})" if real else f" ({wage}, dollars as published)"
        headings = {p: f"{PERCENTILE_LABELS[p]} percentile{unit}" for p in ("p10", "p25", "p75", "p90")}
        table = table[[c for c in keep if c in table]].rename(
            columns={
                **headings,
                "value": f"Median{unit}" if what == "wage" else f"Employment{unit}",
                "top_coded": "Top-coded (≥ bound)",
            }
        )
        # rounded as published (restated dollars to whole dollars, or cents for hourly), and shown with separators
        figures = [c for c in table.columns if c.startswith(("Median", "Employment")) or " percentile" in c]
        kind = "share" if index_year else ("count" if what == "employment" else ("hourly" if hourly else "money"))
        table[figures] = table[figures].astype(float).round(1 if index_year else (2 if hourly else 0))
        ui.chart_with_table(
            fig,
            table,
            "trends",
            "trends",
            kinds=dict.fromkeys(figures, kind),
            title=title,
            source=f"Source: BLS OEWS national estimates, May {first}–May {last}"
            + (f"; CPI-U ({trends.CPI_SERIES}), May of each year" if real else ""),
            place="United States",
        )
        notes = []
        if what == "wage":
            if real:
                notes.append(defl.note)
            if len(roles) == 1:
                notes.append("Bands: 10th–90th percentile (light) and 25th–75th (darker); the line is the median.")
            if shown["top_coded"].any() or any(
                shown.get(f"{p}_top_coded", pd.Series(dtype=bool)).any() for p in ("p75", "p90")
            ):
                caps = ds.oews_history.drop_duplicates("year").set_index("year")["top_code_annual"]
                notes.append(
                    "▲ marks a top-coded wage: BLS publishes only that it is at or above the year's cap ("
                    + ", ".join(f"May {y}: ${c:,.0f}" for y, c in caps.items() if not pd.isna(c))
                    + " a year, as published), so it is drawn as a bound and not joined to the line."
                )
        notes.append("A gap is a year BLS did not publish, or a year the occupation had another definition (below).")
        for n in notes:
            st.caption(md(n))

    # --- breaks --------------------------------------------------------------------------------------------
    for r in roles:
        lin = soc.lineage(ds, r)
        if lin.breaks:
            title = ds.occupations.loc[r, "title"]
            with st.container(border=True):
                start = min(lin.codes) if lin.codes else last
                st.markdown(f"**{md(f'Why the line for {title} ({r}) starts in May {start}')}**")
                for b in lin.breaks:
                    st.markdown(md(b.sentence(title)))

    # --- projections then, and what followed -------------------------------------------------------------------
    st.subheader("What BLS projected then, and what followed")
    st.caption(md(trends.EP_VS_OEWS))
    # the occupation is in the link (`projections`), so a shared or presented view shows the same one
    if v.projections and v.projections not in roles:
        st.warning(
            md(
                f"{v.projections} is not among the occupations shown: showing the projections for "
                f"{ui.role_label(ds, roles[0])}."
            )
        )
    pick = (
        st.selectbox(
            "Projections for",
            roles,
            index=roles.index(v.projections) if v.projections in roles else 0,
            format_func=ui.labeller(ds, "roles"),
            key=ui.key("projections"),
            help="One occupation at a time: each vintage's projection against what EP counted later.",
        )
        if len(roles) > 1
        else roles[0]
    )
    ui.write(projections=pick if pick != roles[0] else None)  # the first occupation is the default
    ui.presenter_link(where=presenter)  # here, once every choice is in the link (drawn under the controls)
    for r in [pick]:
        vv = trends.vintages(ds, r)
        if vv.empty:
            st.caption(md(f"{ui.role_label(ds, r)}: no projection vintage has this occupation under the same code."))
            continue
        st.markdown(f"**{md(ui.role_label(ds, r))}**")
        # one figure a column, as numbers: the screen adds separators, a spreadsheet gets numbers it can sum
        vt = pd.DataFrame(
            {
                "Vintage": vv["vintage"],
                "Base year": vv["base_year"].astype(int),
                "Base-year employment (EP)": vv["employment_base"],
                "Target year": vv["target_year"].astype(int),
                "Projected employment (EP)": vv["employment_target"],
                "Projected change (%)": vv["change_pct"].round(1),
                "Openings a year": vv["openings_annual"],
                "Code": vv["soc_code"],
            }
        )
        ui.chart_with_table(
            trend_charts.vintages_figure(ds, r),
            vt,
            f"trends-vintages-{r}",
            f"trends-vintages-{r}",
            kinds={
                "Base-year employment (EP)": "count",
                "Projected employment (EP)": "count",
                "Projected change (%)": "change",
                "Openings a year": "count",
            },
            title=f"{ds.occupations.loc[r, 'title']}: EP employment by vintage and what each projected",
            source="Source: BLS Employment Projections 2016–26 … 2024–34 (EP counts include the self-employed)",
            place="United States",
        )
        for sentence in trends.followed(vv)[:1] + trends.followed(vv)[-1:]:
            st.markdown(md(sentence))
    url = ui.this_view_url()  # read during the run: the brief is written later, when the button is clicked
    ui.brief_button(
        lambda: trends_brief(ds, roles, what, hourly, real, scale == "index", pick, url), "trends-brief", "brief"
    )
    return [
        "History: BLS OEWS national estimates, May 2013 – May 2024 workbooks; May 2025 from the flat files. "
        "Codes across years joined only where the BLS SOC 2010 → 2018 crosswalk and the OEWS 2019 hybrid structure "
        "map them one to one."
    ]


frame.view(content, _trends)
