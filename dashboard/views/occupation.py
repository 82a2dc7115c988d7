"""Occupation profile: headline figures, wages, openings, hiring industries, a paragraph to read aloud."""

import streamlit as st

from dashboard import brief, charts, state, ui
from dashboard import queries as q

ds = ui.require_data()
f = state.read(ds)
ui.show_problems(f.problems)

query = st.text_input("Find a role", key="q", placeholder="e.g. production supervisor, plant manager", max_chars=100)
if query.strip():
    matches = q.search_roles(ds, query)
    if not matches:
        st.info(f"No occupation matches “{state.shown(query)}”. Try another title.")
    for m in matches[:6]:
        if st.button(f"{m.title} ({m.soc_code})", key=f"pick-{m.soc_code}"):
            state.write(role=m.soc_code)
            st.rerun()

if not f.roles:
    st.title("Occupation profile")
    st.info("Choose a role above, or open a link such as ?role=11-3051 (industrial production managers).")
    ui.source_footer()
    st.stop()

soc = f.roles[0]
occ = ds.occupations.loc[soc]
st.title(occ["title"])
major = ds.occupations.loc[occ["major_group"], "title"] if occ["major_group"] in ds.occupations.index else ""
st.caption(f"SOC {soc} · {major}")

c1, c2 = st.columns([3, 1])
area = ui.area_picker(ds, f.area, where=c1)
wage = c2.radio(
    "Wages",
    ["annual", "hourly"],
    index=0 if f.wage == "annual" else 1,
    horizontal=True,
    format_func=str.capitalize,
    key=state.key("wage"),
)
state.write(role=soc, area=None if area == q.NATIONAL else area, wage=None if wage == "annual" else wage)
hourly = wage == "hourly"

w = q.wage_row(ds, soc, area)
wn = q.wage_row(ds, soc, q.NATIONAL)
p = q.projection(ds, soc)
allp = q.projection(ds, q.ALL_OCCUPATIONS)
place = ui.area_name(ds, area)
notes: list[str] = []

st.markdown(f"**Figures for {place}** (projections and openings are national)")
m1, m2, m3, m4 = st.columns(4)
m1.metric(
    "Employment",
    q.count(None if w is None else w["employment"]),
    help="OEWS May 2025, excluding the self-employed",
)
col = f"{'hourly' if hourly else 'annual'}_median"
tc = q.top_coded_cols(w) if w is not None else set()
m2.metric(
    f"Median {'hourly' if hourly else 'annual'} wage",
    q.money(None if w is None else w[col], col in tc, hourly),
)
if p is not None:
    m3.metric(
        "Projected change 2024–34",
        q.pct(p["change_pct"]),
        delta=f"{p['change_pct'] - allp['change_pct']:+.1f} pts vs {allp['change_pct']:.1f}% avg"
        if not q.is_missing(p["change_pct"])
        else None,
        delta_color="normal",
    )
    m4.metric("Openings a year", q.count(p["openings_annual"]))
else:
    m3.metric("Projected change 2024–34", "not released")
    m4.metric("Openings a year", "not released")
    notes.append("BLS Employment Projections publish no projection for this occupation code.")

e1, e2, e3 = st.columns(3)
e1.markdown(f"**Typical education**  \n{occ['education'] or 'not released'}")
e2.markdown(f"**Work experience**  \n{occ['experience'] or 'not released'}")
e3.markdown(f"**On-the-job training**  \n{occ['training'] or 'not released'}")

st.info(q.summary(ds, soc))

basis = q.pay_basis(w) if w is not None else None
if basis:
    other = "annual" if basis == "hourly only" else "hourly"
    st.warning(
        f"BLS publishes {basis.split()[0]} wages only for this occupation (OEWS footnote 4): {other} figures are not released."
    )
    notes.append(
        "OEWS footnote 4: wages for some occupations that do not generally work year-round, full time, are reported either as hourly wages or annual salaries."
    )
if tc:
    notes.append(
        "OEWS footnote 5: a wage shown as “≥” is equal to or greater than $115.00 per hour or $239,200 per year."
    )
if w is None:
    st.warning(f"BLS does not publish figures for this occupation in {place}.")

st.subheader(f"Wage percentiles, {place}" + ("" if area == q.NATIONAL else " and the nation"))
wp = q.wage_percentiles(ds, soc, area, hourly)
ui.chart_with_table(
    charts.wage_percentiles(wp, hourly),
    wp[["place", "percentile", "label"]].rename(columns={"label": "wage"}),
    f"wages-{soc}",
    "wages",
)

st.subheader("Where the openings come from")
split = q.openings_split(ds, soc)
if split is None:
    st.caption("Openings are not released for this occupation.")
else:
    ui.chart_with_table(
        charts.openings_split(split),
        split,
        f"openings-{soc}",
        "openings",
        caption="EP Table 1.10: annual openings = growth + labor-force exits + occupational transfers.",
    )

st.subheader("Industries that hire this occupation (national)")
level = st.radio(
    "Industry detail",
    [2, 3, 4],
    index=1,
    horizontal=True,
    format_func=lambda v: q.INDUSTRY_LEVELS[v].capitalize(),
    key=state.key("level"),
)
top = q.hiring_industries(ds, soc, level=level, by="employment")
pay = q.hiring_industries(ds, soc, level=level, by="wage")
if top.empty:
    st.caption("OEWS publishes no industry detail for this occupation.")
else:
    t1, t2 = st.columns(2)
    with t1:
        st.markdown("**Top hiring industries**")
        table = top.assign(median=[q.money(v, t) for v, t in zip(top["annual_median"], top["top_coded"], strict=True)])
        table = table[["industry", "industry_code", "employment", "share", "median"]].rename(
            columns={
                "industry": "Industry",
                "industry_code": "Code",
                "employment": "Employment",
                "share": "Share of its jobs (%)",
                "median": "Median annual wage",
            }
        )
        ui.chart_with_table(charts.industries(top, "employment"), table, f"hiring-{soc}", "hiring")
    with t2:
        st.markdown("**Top-paying industries**")
        table2 = pay.assign(median=[q.money(v, t) for v, t in zip(pay["annual_median"], pay["top_coded"], strict=True)])
        table2 = table2[["industry", "industry_code", "median", "employment"]].rename(
            columns={
                "industry": "Industry",
                "industry_code": "Code",
                "median": "Median annual wage",
                "employment": "Employment",
            }
        )
        ui.chart_with_table(charts.industries(pay, "annual_median"), table2, f"paying-{soc}", "paying")

st.subheader("Similar roles")
sims = q.similar(ds, soc)
if not sims:
    st.caption("No similar role could be computed: BLS publishes neither industry detail nor a wage to compare.")
for s in sims:
    c1, c2 = st.columns([1, 1])
    # a button, not st.page_link: a page link to the page already open does not update the address bar
    if c1.button(
        f"{s.title} ({s.soc_code})", key=f"similar-{s.soc_code}", icon=":material/arrow_forward:", type="tertiary"
    ):
        ui.open_profile(s.soc_code, area)
    why = "; ".join(s.reasons)
    c2.caption(why[:1].upper() + why[1:])
st.caption(
    "Computed from the data: the overlap of the industries (4-digit industry groups) that employ the two "
    "occupations, the same SOC minor group, and national median wages within 15% of each other."
)

c1, c2 = st.columns([1, 3])
with c1:
    url = ui.this_view_url()
    ui.brief_button(lambda: brief.occupation_brief(ds, soc, area, url), f"brief-{soc}", "brief")
with c2:
    ladder = next((k for k, (_, socs) in q.pathway_presets(ds).items() if soc in socs), None)
    st.page_link(
        "views/pathways.py",
        label="See it on a career ladder" if ladder else "Start a career ladder from it",
        query_params={"pathway": ladder} if ladder else {"role": soc},
        icon=":material/stairs:",
    )

notes.append(
    "Industry shares divide employment in the industry by the occupation's national employment across all industries (OEWS May 2025)."
)
ui.source_footer(notes)
