"""Compare: two to six occupations side by side, within one area when `area` is set."""

import streamlit as st

from dashboard.core.codes import PERCENTILES
from dashboard.core.safe import md
from dashboard.data.release import EMPTY_CELLS
from dashboard.domain import occupations, trend_summary
from dashboard.present import charts, columns
from dashboard.present.brief_views import compare_brief
from dashboard.web import frame, params, ui
from dashboard.web.views.parts import compare_trend
from dashboard.words import tables as cells

ds, v = frame.current()
rel = ds.release

sb = st.sidebar
detailed = list(occupations.detailed_codes(ds))
roles = sb.multiselect(
    "Occupations (2 to 6; type to search)",
    detailed,
    default=[r for r in v.roles or [] if r in detailed] or None,
    max_selections=6,
    format_func=ui.labeller(ds, "roles"),
    select_all=False,  # typing a name then Enter took Streamlit's "Select 12 matches": six wrong occupations
    key=ui.key("roles"),
)
picker = sb.container()  # the area's picker, drawn with what it changes (_side_by_side)
wage = ui.wage_picker(v.wage)
hourly = wage == "hourly"
presenter = sb.container()  # the presenter link, which carries the area (_side_by_side)


def _area() -> str:
    """The area's picker and the presenter link in their places in the sidebar, the view in the address."""
    area = ui.area_picker(ds, v.area, where=picker)
    ui.write(role=roles, area=area, wage=wage)
    ui.presenter_link(where=presenter)
    return area


st.title("Compare occupations")
if len(roles) < 2:
    _area()
    st.info(
        "Choose two to six occupations in the sidebar, or open a link such as "
        f"{params.here('compare', role=['11-3051', '11-1021', '51-1011'])} (industrial production managers, "
        "general and operations managers, "
        "first-line supervisors of production workers)."
    )
    frame.stop()

# the area and everything it changes are drawn last, here (frame.view: a change of area redraws them alone); the
# national trend under them stays as it is
figures = st.container()


def _side_by_side() -> list[str]:
    """The area's picker and what it changes: the wage ranges, jobs and outlook, the table, the brief."""
    area = _area()
    place = ui.area_name(ds, area)
    st.caption(
        f"Wages and employment: {md(place)}, OEWS {rel.oews}. Growth, openings and education: national, EP {rel.ep}."
    )
    df = occupations.compare_table(ds, roles, area)

    st.subheader(f"{wage.capitalize()} wage range, {md(place)}")
    ui.chart_with_table(
        charts.wage_ranges(df, hourly),
        cells.percentile_labels(df, hourly),
        "compare-wages",
        "compare-wages",
        title=f"{wage.capitalize()} wage range, {place}",
        source=f"Source: {rel.oews_line}",
        place=place,
        csv=cells.percentile_numbers(df, hourly),
        caption="Light bar: 10th to 90th percentile; dark bar: 25th to 75th; mark: median. Hatched: top-coded bound.",
    )
    for _, r in df.iterrows():
        if r["pay_basis"] == ("annual only" if hourly else "hourly only"):
            shown_basis, other = ("annual", "hourly") if hourly else ("hourly", "annual")
            st.caption(
                f"{md(r['title'])}: BLS publishes {shown_basis} wages only (OEWS footnote 4), so no {other} range is shown."
            )
    if df[[f"{wage}_{p}_top_coded" for p in PERCENTILES]].any().any():
        st.caption(rel.top_code_bar_note(hourly))

    st.subheader("Jobs and outlook")
    outlook, _ = columns.shape(
        df,
        [
            ("title", "Occupation"),
            ("soc_code", "SOC code"),
            ("employment", "Employment, {place}"),
            ("change_pct", "National growth {ep} (%)"),
            ("openings_annual", "Openings a year (national)"),
        ],
        rel,
        place,
    )
    ui.chart_with_table(
        charts.outlook(df, rel.ep),
        outlook,
        "compare-outlook",
        "compare-outlook",
        title=f"Employment in {place}; national growth and openings, {rel.ep}",
        source=f"Source: {rel.source_line}",
        place=place,
    )

    st.subheader("Side by side")
    out, kinds = columns.shape(
        df,
        [
            "soc_code",
            "title",
            ("employment", "Employment, {place}"),
            (f"{wage}_median", f"Median {wage} wage, {{place}}"),
            ("change_pct", "National growth {ep} (%)"),
            ("openings_annual", "National openings a year"),
            ("education", "Typical education (national)"),
            "top_industries",
        ],
        rel,
        place,
    )
    trend_summary.add_columns(ds, out, kinds, df["soc_code"], after="National openings a year")  # national OEWS
    code = ui.occupation_table(out, "compare", "compare-table", kinds, place=place, csv=trend_summary.for_csv(out))
    st.caption(ui.how_to("Tick the box at the left of a row to open the occupation's profile.") + EMPTY_CELLS)
    if code:
        ui.open_profile(code, area, wage)

    url = ui.this_view_url()  # read during the run: the brief is written later, when the button is clicked
    ui.brief_button(lambda: compare_brief(ds, roles, area, url), "compare-brief", "brief")
    return []


frame.view(figures, _side_by_side)
compare_trend.draw(ds, roles)  # national employment since May 2013 (OEWS), as an index, and a link to /trends
