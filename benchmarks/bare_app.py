"""The floor: a bare Streamlit app that reads one CSV and draws one plotly chart, with one filter.

Started by the benchmarks beside the dashboard, with the same Streamlit and the same machine, so
the dashboard's figures can be read as ratios of what Streamlit itself costs here.

BARE_EXTRA="kind:n" (benchmarks/element_floor.py only) adds n elements after the chart (so after the metric
the clock watches) that no change touches: what a page's size alone costs each update. "section_kind:n" makes
the filter, metric and chart a section that reruns alone (st.fragment, as ui.section does), so a change reruns
only them and the n elements stay as they are. Kinds: captions, one_caption (n paragraphs in one element),
page_links, metrics (four to a row of columns), metrics_row (four to a horizontal container), metrics_flat (one
under another), changing_captions (captions that name the group picked: new text every change) and css (the
dashboard's stylesheet, ui.BASE_CSS, above the filter; n unused); new_captions, new_links, new_metrics,
new_expanders and new_subheaders: n of that kind naming the group picked, after the chart and in the section if
there is one (what a page's part sends anew on each change). "shape:E-R-C-X-S" (the interaction benchmark's
--floors) gives the app a page's shape, in captions that no change touches: E element containers in the main column
in all (the filter, metric and chart among them), R rows of C columns in all with a caption in each, X expanders
with a caption in each, and S captions in the sidebar. Unset, the app is the floor as always.
"""

import os
import time
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

started = time.perf_counter()
DATA = Path(__file__).resolve().parent.parent / "data" / "growth_projections.csv"
df = pd.read_csv(DATA, dtype={"soc_code": str})
df = df[df["occupation_type"] == "line item"]
kind, _, n = os.environ.get("BARE_EXTRA", "").partition(":")


def top() -> None:
    if kind == "css":
        from dashboard.web.ui import BASE_CSS

        st.html(BASE_CSS)
    group = st.selectbox("Major group", sorted(df["soc_code"].str[:2].unique()))
    if kind == "changing_captions":
        st.session_state["_g"] = group  # what the captions name
    d = df[df["soc_code"].str[:2] == group].nlargest(15, "employment_target")
    st.metric("Occupations in group", f"{(df['soc_code'].str[:2] == group).sum():,}")
    st.plotly_chart(px.bar(d, x="employment_target", y="soc_code", orientation="h", title=f"Group {group}"))
    if kind in NEW:  # n elements of one kind that name the group: new every change, in the section if there is one
        for i in range(int(n)):
            NEW[kind](i, group)


NEW = {  # what a page's part sends anew on a change, one kind at a time (element_floor --kinds section_new_links)
    "new_captions": lambda i, g: st.caption(f"A note on group {g}, {i}."),
    "new_links": lambda i, g: st.page_link(f"https://example.org/{g}/{i}", label=f"Group {g}, link {i}"),
    "new_metrics": lambda i, g: st.metric(f"Figure {i} for group {g}", f"{int(g) * 1000 + i:,}"),
    "new_expanders": lambda i, g: st.expander(f"Group {g}, section {i}").caption(f"A note on group {g}, {i}."),
    "new_subheaders": lambda i, g: st.subheader(f"Group {g}, part {i}"),
}


if kind.startswith("section_"):  # the filter, metric and chart as a section of their own (st.fragment)
    kind = kind.removeprefix("section_")
    st.fragment(top)()
else:
    top()
NOTE = "A note under the chart that stays the same whatever the filter, as a page's captions do: {}."
if kind in ("metrics", "metrics_row") and int(n) % 4:
    raise ValueError(f"BARE_EXTRA {kind}: {n} is not a multiple of 4")
elif kind == "captions":  # n elements
    for i in range(int(n)):
        st.caption(NOTE.format(i))
elif kind == "one_caption":  # the same n paragraphs in one element
    st.caption("\n\n".join(NOTE.format(i) for i in range(int(n))))
elif kind == "page_links":  # n links, as the sidebar's and the profile's
    for i in range(int(n)):
        st.page_link(f"https://example.org/{i}", label=f"Link {i}")
elif kind == "metrics":  # n metrics (a multiple of 4), four to a row of columns: n elements and n + n/4 blocks
    for i in range(int(n) // 4):
        for column in st.columns(4):
            column.metric(f"Figure {i}", f"{i * 1000:,}")
elif kind == "changing_captions":  # n captions that name the group picked: new content every change
    g = st.session_state.get("_g", "")
    for i in range(int(n)):
        st.caption(NOTE.format(f"{i} {g}"))
elif kind == "css" or kind in NEW:
    pass
elif kind == "shape":  # a page's shape (interaction --floors): element containers, rows, columns, expanders, sidebar
    e, r, c, x, side = (int(v) for v in n.split("-"))
    r = min(r, c)  # a row with no columns (a horizontal container of the page's) is left out
    for i in range(r):  # the columns spread over the rows, the first rows taking what does not divide
        for j, column in enumerate(st.columns(c // r + (i < c % r))):
            column.caption(NOTE.format(f"{i}.{j}"))
    for i in range(x):
        st.expander(f"Section {i}").caption(NOTE.format(i))
    for i in range(e - 3 - c - x):  # the rest, one under another
        st.caption(NOTE.format(i))
    for i in range(side):
        st.sidebar.caption(NOTE.format(i))
elif kind == "metrics_row":  # n metrics, four to a horizontal container: n elements and n/4 blocks
    for i in range(int(n) // 4):
        row = st.container(horizontal=True)
        for _ in range(4):
            row.metric(f"Figure {i}", f"{i * 1000:,}")
elif kind == "metrics_flat":  # n metrics one under another: n elements, no blocks
    for i in range(int(n)):
        st.metric(f"Figure {i}", f"{i * 1000:,}")
elif kind:
    raise ValueError(
        f"BARE_EXTRA: no such kind {kind!r} (captions, one_caption, page_links, metrics, metrics_row, metrics_flat,"
        " changing_captions, css, shape, new_captions, new_links, new_metrics, new_expanders, new_subheaders; each"
        " also as section_kind)"
    )
if os.environ.get("WORKFORCE_TIMINGS"):
    with open(os.environ["WORKFORCE_TIMINGS"], "a") as fh:
        fh.write(f"bare\t{(time.perf_counter() - started) * 1000:.1f}\n")
