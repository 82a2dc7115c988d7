"""Slides: a deck of several views, from a link (/slides?view=…&view=…) or the views collected on the pages."""

import streamlit as st

from dashboard.core.safe import md
from dashboard.web import deck, frame, params, slides_panel, ui

ds, v = frame.current()

st.title("Slides")
st.caption(
    "One PowerPoint deck of several views: a title slide for each, native charts you can restyle, the sources on "
    "every slide and the words to say in the notes. Bookmark this page's link to download the lesson again "
    "with the data of the day."
)
links = [x[:500] for x in st.query_params.get_all("view") if x.strip()]
if not links:
    links = list(slides_panel.collected())
    if links:  # the collected views into the address: a bookmark or a reload of this page keeps the lesson
        ui.write_views(links)
if not links:
    example = params.slides_link(
        [params.link("occupation", role=["11-3051"], area="2600000"), params.link("trends", role=["11-3051"])]
    )
    st.info(
        md(f"Add views with “Add to slides” on any page, or open a link such as {example} (a profile and its trend).")
    )
    frame.stop()
if len(links) > params.MAX_VIEWS:
    st.warning(
        f"A deck holds up to {params.MAX_VIEWS} views; this link has {len(links)}: the first {params.MAX_VIEWS} are used."
    )
    links = links[: params.MAX_VIEWS]

views = []
for i, link in enumerate(links, start=1):
    page, view, problems = deck.read_link(ds, link)
    for p in problems:
        st.warning(md(f"View {i}: {p}"), icon=":material/warning:")
    if page:
        views.append((page, view, params.link(page, view)))  # the link as the app writes it, nothing more

st.subheader(f"{len(views)} view{'' if len(views) == 1 else 's'}")
# each view by its name ("Occupation profile: Registered Nurses, Ohio"), linked to the view itself
st.markdown(
    "\n".join(f"{i}. [{md(slides_panel.link_name(ds, link))}]({link})" for i, (_, _, link) in enumerate(views, start=1))
)
if views:
    bar = st.progress(0.0, text="Building the deck…")
    data = deck.build(
        ds,
        [(p, x) for p, x, _ in views],
        base=slides_panel.server(),
        progress=lambda done, total: bar.progress(done / total, text=f"Built {done} of {total} views"),
    )
    bar.empty()
    st.download_button(
        f"Download slides (.pptx, {len(views)} view{'' if len(views) == 1 else 's'})",
        data,
        file_name="slides.pptx",
        mime=slides_panel.PPTX,
        key="dl-slides-page",
        icon=":material/slideshow:",
        type="primary",
    )
    st.link_button("Link to this deck", params.slides_link([x for _, _, x in views]), icon=":material/link:")
frame.note("Each view's slides name their own sources and releases.")
