"""Career pathways: an ordered ladder of occupations with the wage band, outlook and entry
requirements at each step, and the median wage gained from one step to the next."""

import streamlit as st

from dashboard.core.formatting import is_missing, money
from dashboard.core.safe import clean, md
from dashboard.data.release import EMPTY_CELLS
from dashboard.domain import occupations
from dashboard.present import brief, charts, columns
from dashboard.web import frame, ui
from dashboard.web.pages import page
from dashboard.web.views.parts import pathway_skills
from dashboard.words import summary
from dashboard.words import tables as cells

MAX_STEPS = page("pathways").max_roles
DEFAULT = "manufacturing-management"  # the ladder this project started from

ds, v = frame.current()
rel = ds.release
presets = occupations.pathway_presets(ds)

steps_key, preset_key = ui.key("steps"), ui.key("pathway")
# the user emptied the ladder here (cleared its steps, or chose "Your own ladder"): an address without steps
# then stays empty, instead of filling with the default preset as a link without steps does
emptied = st.session_state.get("_ladder_emptied") == steps_key

pathway = v.pathway
roles = v.roles or []
if not roles and "role" not in v.given and not emptied:
    pathway = pathway or (DEFAULT if DEFAULT in presets else next(iter(presets), None))
    roles = list(presets[pathway][1]) if pathway else []


def picked() -> None:
    """A choice in "Preset pathway": a preset replaces the steps; "Your own ladder" starts from none."""
    choice = st.session_state[preset_key]
    if choice is None:
        st.session_state[steps_key] = []
        st.session_state["_ladder_emptied"] = steps_key
    else:
        st.session_state["_preset_picked"] = choice


sb = st.sidebar
preset_opts = [None, *presets]
# the preset shown is the one the steps are now (once the steps control has a value of its own, that value:
# a ladder built from a preset's steps is no longer that preset, and changing its steps again must not
# bring the preset back)
steps_now = list(st.session_state[steps_key] if steps_key in st.session_state else roles)
matching = next((k for k, (_, socs) in presets.items() if socs == steps_now), None)
if "_preset_picked" not in st.session_state and preset_key in st.session_state:
    st.session_state[preset_key] = matching
chosen = sb.selectbox(
    "Preset pathway",
    preset_opts,
    index=0 if preset_key in st.session_state else preset_opts.index(matching),
    format_func=lambda k: "Your own ladder" if k is None else clean(presets[k][0]),
    key=preset_key,
    on_change=picked,
)
picked_now = st.session_state.pop("_preset_picked", None)
if picked_now is not None and presets[picked_now][1] != roles:
    ui.navigate(pathway=picked_now, role=presets[picked_now][1])
detailed = list(occupations.detailed_codes(ds))
roles = sb.multiselect(
    f"Steps, entry first (up to {MAX_STEPS})",
    detailed,
    default=None if steps_key in st.session_state else [r for r in roles if r in detailed] or None,
    max_selections=MAX_STEPS,
    format_func=ui.labeller(ds, "roles"),
    select_all=False,  # typing a name then Enter took Streamlit's "Select 12 matches": six wrong occupations
    key=steps_key,
    help="Add occupations in the order of the ladder; remove and add again to reorder. The link keeps the order.",
)
if not roles:
    st.session_state["_ladder_emptied"] = steps_key
picker = sb.container()  # the area's picker, drawn with what it changes (_ladder)
wage = ui.wage_picker(v.wage)
hourly = wage == "hourly"
preset_now = next((k for k, (_, socs) in presets.items() if socs == roles), None)
presenter = sb.container()  # the presenter link, which carries the area (_ladder)


def _area() -> str:
    """The area's picker and the presenter link in their places in the sidebar, the view in the address."""
    area = ui.area_picker(ds, v.area, where=picker)
    ui.write(pathway=preset_now, role=roles, area=area, wage=wage)
    ui.presenter_link(where=presenter)
    return area


title = presets[preset_now][0] if preset_now else "Your career ladder"
st.title(md(title))
if len(roles) < 2:
    _area()
    st.info("Choose at least two occupations in the sidebar, in ladder order, or pick a preset pathway.")
    frame.stop()


def gains_as_numbers(table, steps):
    """The steps' file: the gain as two numbers (dollars, percent) and a bound flag, where the screen reads
    "+$29,800 (+67%)" (text that a spreadsheet cannot add up, and that its formula guard had to quote)."""
    gain = "Gain from previous step"
    out = table.drop(columns=gain)
    at = table.columns.get_loc(gain)
    out.insert(at, f"{gain}: median {wage} wage ($)", steps["gain"].round(2 if hourly else 0).to_numpy())
    out.insert(at + 1, f"{gain} (%)", steps["gain_pct"].round(1).to_numpy())
    out.insert(at + 2, f"{gain}: a bound (top-coded wage)", ["yes" if b else "" for b in steps["gain_bounded"]])
    return out  # an hourly gain's heading says "hourly": the file writes it with two decimals


# the area and everything it changes are drawn last, here (frame.view: a change of area redraws them alone); the
# reasons for the steps and what to learn at each, which do not depend on it, stay as they are
ladder_part = st.container()


def _ladder() -> list[str]:
    """The area's picker and what it changes: the wages at each step, their chart and table, the brief."""
    area = _area()
    place = ui.area_name(ds, area)
    st.caption(
        f"{len(roles)} steps · wages for {md(place)}, OEWS {rel.oews} · growth, openings, education and experience: "
        f"national, EP {rel.ep} · copy the address to share this ladder"
    )
    df = occupations.pathway_table(ds, roles, area, hourly)
    median = f"{wage}_median"
    st.info(md(summary.pathway_summary(df, hourly)))

    cols = st.columns(len(df))
    for c, (_, r) in zip(cols, df.iterrows(), strict=True):
        g = r["gain"]
        # Streamlit reads the direction from a leading ASCII "-"
        amount = f"${abs(g):,.2f}" if hourly else f"${abs(g):,.0f}"
        delta = None if r["step"] == 1 or is_missing(g) else f"{'-' if g < 0 else '+'}{amount} ({r['gain_pct']:+.0f}%)"
        c.metric(
            md(f"{r['step']}. {r['stage']}"),
            money(r[median], r[f"{median}_top_coded"], hourly),
            delta=delta,
            help=md(
                f"{r['title']} ({r['soc_code']}): median {wage} wage in {place}; the change is from the step before."
            ),
        )

    st.subheader(f"Wage band at each step, {md(place)}")
    ladder = df.assign(title=[f"{s}. {st_}" for s, st_ in zip(df["step"], df["stage"], strict=True)])
    ui.chart_with_table(
        charts.wage_ranges(ladder.iloc[::-1].assign(soc_code=ladder["soc_code"].iloc[::-1]), hourly),
        cells.percentile_labels(ladder, hourly).rename(columns={"Occupation": "Step"}),
        "pathway-wages",
        "pathway-wages",
        title=f"{title}: {wage} wage band at each step, {place}",
        source=f"Source: {rel.oews_line}",
        place=place,
        csv=cells.percentile_numbers(ladder, hourly).rename(columns={"Occupation": "Step"}),
        caption="Entry at the bottom. Light bar: 10th to 90th percentile; dark: 25th to 75th; mark: median.",
    )

    st.subheader("The steps")
    out, kinds = columns.shape(
        df.assign(gain_label=[summary.gain_text(r, hourly) for _, r in df.iterrows()]),
        [
            "step",
            "stage",
            "soc_code",
            "title",
            (median, f"Median {wage} wage, {{place}}"),
            "gain_label",
            ("employment", "Employment, {place}"),
            "change_pct",
            "openings_annual",
            "education",
            "experience",
        ],
        rel,
        place,
    )
    code = ui.occupation_table(out, "pathway", "pathway-table", kinds, download_csv=False)  # CSV beside the brief
    c1, c2 = st.columns([1, 3])
    with c1:
        ui.download(gains_as_numbers(out, df), "pathway", key="dl-pathway", place=place)
    with c2:
        url = ui.this_view_url()
        ui.brief_button(
            lambda: brief.pathway_brief(ds, roles, area, title, url), f"pathway-{preset_now or 'custom'}", "brief"
        )
    st.caption(ui.how_to("Tick the box at the left of a row to open the occupation's profile.") + EMPTY_CELLS)
    if code:
        ui.open_profile(code, area, wage)
    return []


if preset_now:

    def why() -> None:
        notes = ds.pathways[ds.pathways["pathway"] == preset_now].sort_values("step")
        st.dataframe(
            notes[["step", "stage", "soc_code", "note"]].rename(
                columns={"step": "Step", "stage": "Stage", "soc_code": "SOC code", "note": "Why this SOC code"}
            ),
            hide_index=True,
            width="stretch",
        )

    ui.lazy_section("Why these occupations", "why-pathway", why)
# O*NET: the skills whose required level rises most at each step
onet_notes = pathway_skills.draw(ds, roles, occupations.pathway_stages(ds, roles))
frame.view(ladder_part, _ladder)
frame.note(
    "Gains compare median annual wages of neighbouring steps in the same area; a gain to or from a top-coded "
    f"median ({rel.cap}) is only a bound. Presets are curated by the project, each step with its reason (under “Why these occupations”).",
    *onet_notes,
)
