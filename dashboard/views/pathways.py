"""Career pathways: an ordered ladder of occupations with the wage band, outlook and entry
requirements at each step, and the median wage gained from one step to the next."""

import streamlit as st

from dashboard import brief, charts, state, ui
from dashboard import queries as q

MAX_STEPS = 8
DEFAULT = "manufacturing-management"  # the ladder this project started from

ds = ui.require_data()
f = state.read(ds, max_roles=MAX_STEPS)
problems = list(f.problems)
presets = q.pathway_presets(ds)

pathway = state.param("pathway")
if pathway and pathway not in presets:
    problems.append(f"No preset pathway is called “{state.shown(pathway)}”. Presets: {', '.join(presets)}.")
    pathway = None
roles = f.roles
if not roles and not state.param("role"):
    pathway = pathway or (DEFAULT if DEFAULT in presets else next(iter(presets), None))
    roles = list(presets[pathway][1]) if pathway else []
ui.show_problems(problems)

sb = st.sidebar
preset_opts = [None, *presets]
matching = next((k for k, (_, socs) in presets.items() if socs == roles), None)
chosen = sb.selectbox(
    "Preset pathway",
    preset_opts,
    index=preset_opts.index(pathway if pathway in presets and presets[pathway][1] == roles else matching),
    format_func=lambda k: "Your own ladder" if k is None else presets[k][0],
    key=state.key("pathway"),
)
if chosen is not None and presets[chosen][1] != roles:
    state.navigate(pathway=chosen, role=presets[chosen][1])
detailed = list(q.detailed_codes(ds))
roles = sb.multiselect(
    f"Steps, entry first (up to {MAX_STEPS})",
    detailed,
    default=[r for r in roles if r in detailed] or None,
    max_selections=MAX_STEPS,
    format_func=lambda c: ui.role_label(ds, c),
    key=state.key("steps"),
    help="Add occupations in the order of the ladder; remove and add again to reorder. The link keeps the order.",
)
area = ui.area_picker(ds, f.area)
preset_now = next((k for k, (_, socs) in presets.items() if socs == roles), None)
state.write(pathway=preset_now, role=roles, area=None if area == q.NATIONAL else area)
ui.presenter_link()

title = presets[preset_now][0] if preset_now else "Your career ladder"
place = ui.area_name(ds, area)
st.title(title)
if len(roles) < 2:
    st.info("Choose at least two occupations in the sidebar, in ladder order, or pick a preset pathway.")
    ui.source_footer()
    st.stop()
st.caption(
    f"{len(roles)} steps · wages for {place}, OEWS May 2025 · growth, openings, education and experience: national, "
    "EP 2024–34 · copy the address to share this ladder"
)
df = q.pathway_table(ds, roles, area)
st.info(brief.pathway_summary(df))

cols = st.columns(len(df))
for c, (_, r) in zip(cols, df.iterrows(), strict=True):
    g = r["gain"]
    # Streamlit reads the direction from a leading ASCII "-"
    delta = (
        None if r["step"] == 1 or q.is_missing(g) else f"{'-' if g < 0 else '+'}${abs(g):,.0f} ({r['gain_pct']:+.0f}%)"
    )
    c.metric(
        f"{r['step']}. {r['stage']}",
        q.money(r["annual_median"], r["annual_median_top_coded"]),
        delta=delta,
        help=f"{r['title']} ({r['soc_code']}): median annual wage in {place}; the change is from the step before.",
    )

st.subheader(f"Wage band at each step, {place}")
ladder = df.assign(title=[f"{s}. {st_}" for s, st_ in zip(df["step"], df["stage"], strict=True)])
labels = ladder[["step", "stage", "title", "soc_code"]].copy()
for p in q.PERCENTILES:
    col = f"annual_{p}"
    labels[q.PERCENTILE_LABELS[p]] = [q.money(v, t) for v, t in zip(df[col], df[f"{col}_top_coded"], strict=True)]
ui.chart_with_table(
    charts.wage_ranges(ladder.iloc[::-1].assign(soc_code=ladder["soc_code"].iloc[::-1])),
    labels.rename(columns={"title": "Step", "soc_code": "SOC code"}).drop(columns=["step", "stage"]),
    "pathway-wages",
    "pathway-wages",
    caption="Entry at the bottom. Light bar: 10th to 90th percentile; dark: 25th to 75th; mark: median.",
)

st.subheader("The steps")
cols_map = {
    "step": "Step",
    "stage": "Stage",
    "soc_code": "SOC code",
    "title": "Occupation",
    "annual_median": f"Median annual wage, {place}",
    "gain_label": "Gain from previous step",
    "employment": f"Employment, {place}",
    "change_pct": "Growth 2024–34 (%)",
    "openings_annual": "Openings a year",
    "education": "Typical education",
    "experience": "Work experience",
}
out = df.assign(gain_label=[brief.gain_text(r) for _, r in df.iterrows()])[list(cols_map)].rename(columns=cols_map)
code = ui.occupation_table(
    out,
    "pathway",
    "pathway-table",
    {
        cols_map["annual_median"]: st.column_config.NumberColumn(format="dollar"),
        cols_map["employment"]: st.column_config.NumberColumn(format="localized"),
        cols_map["change_pct"]: st.column_config.NumberColumn(format="%+.1f%%"),
        cols_map["openings_annual"]: st.column_config.NumberColumn(format="localized"),
    },
    download_csv=False,  # placed beside the brief below
)
c1, c2 = st.columns([1, 3])
with c1:
    ui.download(out, "pathway", key="dl-pathway")
with c2:
    url = ui.this_view_url()
    ui.brief_button(
        lambda: brief.pathway_brief(ds, roles, area, title, url), f"pathway-{preset_now or 'custom'}", "brief"
    )
st.caption("Click a row to open the occupation's profile. Empty cells are figures BLS does not release.")
if code:
    ui.open_profile(code, area)

if preset_now:
    with st.expander("Why these occupations"):
        notes = ds.pathways[ds.pathways["pathway"] == preset_now].sort_values("step")
        st.dataframe(
            notes[["step", "stage", "soc_code", "note"]].rename(
                columns={"step": "Step", "stage": "Stage", "soc_code": "SOC code", "note": "Why this SOC code"}
            ),
            hide_index=True,
            width="stretch",
        )
ui.source_footer(
    [
        "Gains compare median annual wages of neighbouring steps in the same area; a gain to or from a top-coded "
        "median (≥ $239,200) is only a bound. Presets are curated in data/pathways.csv, each step with its reason."
    ]
)
