"""The Streamlit side every page shares: the data guard, the link's view, pickers, tables, charts, footers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from dashboard.core.codes import NATIONAL
from dashboard.core.safe import clean, cut, md
from dashboard.data.dataset import Dataset
from dashboard.data.release import PUBLIC_DOMAIN
from dashboard.domain.derived import per_argument
from dashboard.domain.industries import industry_title
from dashboard.domain.projections import state_of
from dashboard.present.charts import for_projector, wrap
from dashboard.present.export import safe_csv
from dashboard.present.theme import INK, MUTED
from dashboard.web import chart, params, store
from dashboard.web.pages import PAGES, PageSpec, page
from dashboard.web.params import View
from dashboard.web.profiling import measured

T = TypeVar("T")


def require_data() -> Dataset:
    """The dataset, or a clear on-screen list of what is wrong with the data folder (then stop)."""
    ds = store.dataset()
    if not ds.ok:  # the folder's path is the server's business: problems name files within it
        st.error(f"The data folder cannot be used: {len(ds.problems)} problem(s) found.")
        st.markdown(
            "Run `workforce-outlook validate DIR` for the same list; rebuild with `workforce-outlook build-data`."
        )
        st.dataframe(pd.DataFrame({"problem": [str(p) for p in ds.problems[:200]]}), hide_index=True, width="stretch")
        st.stop()
    for note in ds.notes:
        st.info(note)
    from dashboard.domain.warm import warm

    warm(ds)
    return ds


# --- the link ---------------------------------------------------------------------------------------


def read_view(ds: Dataset, name: str) -> View:
    """The parameters page `name` reads from this link, checked (see params.py)."""
    return view_of(ds, name, follow_the_address(name))


def view_of(ds: Dataset, name: str, address: dict[str, str]) -> View:
    """The view an address (its query, one value a key) holds for page `name`, checked: no widget is touched."""
    return params.parse(ds, {p: address.get(p) for p in params.names(page(name))}, page(name))


def write(**values: Any) -> None:
    """Put the view's values in the URL in one update (one history entry, so Back undoes the whole change).
    Values are typed, as a View holds them (role=["11-3051"], area=NATIONAL); each is written as its
    parameter formats it (params.py), and a default or None removes the parameter."""
    now = st.query_params.to_dict()
    new = dict(now)
    for k, v in values.items():
        text = params.PARAMS[k].text(v)
        if text is None:
            new.pop(k, None)
        else:
            new[k] = text
    if st.session_state.get("_from_address"):
        return  # the address made this view: leave it as it is, or Back would land here again
    if new != now:
        st.query_params.from_dict(new)
    st.session_state["_written"] = (st.session_state.get("_page"), new)
    address()  # what a download made when clicked reads


def write_views(links: list[str]) -> None:
    """The Slides page's views into its address, as `write` does for one value a key (`view` repeats): the
    links the page shows, so a bookmark or a reload keeps them."""
    if st.query_params.get_all("view") == links:  # (the address held none: the views came from the session)
        return
    st.query_params["view"] = links
    st.session_state["_written"] = (st.session_state.get("_page"), st.query_params.to_dict())


def follow_the_address(name: str) -> dict[str, str]:
    """Rebuild the controls from the URL when it changed outside the page (Back, Forward, a typed or
    pasted link, a link from another page): the widgets otherwise keep their own, older values.
    Returns the query the page should show (see open_profile for the one exception)."""
    seen = (name, st.query_params.to_dict())
    moved = st.session_state.get("_written") not in (None, seen)
    ghost = st.session_state.get("_ghost")
    address = seen[1]
    if moved and ghost and (ghost[0], ghost[1]) == seen:
        address = ghost[2]  # Back onto the entry st.switch_page left behind: show the view it left
    if moved:
        st.session_state["_nav"] = st.session_state.get("_nav", 0) + 1
    # The landing link is written back in its canonical form (area=CA -> 0600000); a later move of the
    # address is not, because every write is a new history entry in Streamlit (there is no replace).
    st.session_state["_from_address"] = moved
    st.session_state["_page"] = name
    st.session_state["_written"] = seen
    return address


def live(name: str, **first: Any) -> SimpleNamespace:
    """An object kept for the session under `name` (made with `first`), whose attributes a run sets and a
    download made when it is clicked reads. Downloads keep the callable of the run that drew them, and a
    section that reruns alone (`section`) does not draw them again: what they read must be current, so it is
    read from here when clicked, not captured during the run. Set an attribute to a new value (one reference
    swapped), never change one in place: the click is answered on another thread."""
    return st.session_state.setdefault(f"_live_{name}", SimpleNamespace(**first))


def address() -> dict[str, str]:
    """The address bar's parameters now; also kept in `live("address").query` for a download made when it is
    clicked (ui.write and every call bring it up to date)."""
    now = st.query_params.to_dict()
    box = live("address", query=now)
    if box.query != now:
        box.query = now
    return now


def section(draw: Callable[..., T]) -> Callable[..., T | None]:
    """`draw` as a part of the page that reruns alone when one of its own controls changes (st.fragment): the
    server runs that part and the browser redraws that part, not the whole page around it (an award level added
    in the profile's training section: 300–310 / 373–386 ms to the updated figure at p50 / p95 as a whole page,
    160–198 / 185–288 as a section; benchmarks/RESULTS.md §6, seventeenth and eighteenth sessions). For a part
    whose controls change nothing outside it but the address (`write`), what downloads read when clicked (`live`)
    and the containers the page made for it beforehand (frame.view); its arguments are the full run's, so it
    must return nothing a later part of the page needs anew.

    In its own rerun it takes its turn as a page run does (store.admitted), is timed as one (profiling), and
    writes its controls to the address: a control of its own changed, so the address did not make this view."""

    @st.fragment
    def part(*args: Any, **kwargs: Any) -> T | None:
        if not _alone() or getattr(_OWN_RUN, "section", False):  # the page's run, or a section inside one
            return draw(*args, **kwargs)
        st.session_state["_from_address"] = False
        _OWN_RUN.section = True  # a section drawn inside this one takes no second turn (it would wait for this)
        try:
            with store.admitted(), measured(st.session_state.get("_page") or "section"):
                return draw(*args, **kwargs)
        finally:
            _OWN_RUN.section = False

    return part


_OWN_RUN = threading.local()  # on a script thread: whether a section's own run is under way (`section`)


def _alone() -> bool:
    """Whether this run is a section's own (a fragment's rerun), not the page's."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


def key(name: str) -> str:
    """Widget key for a control that mirrors a URL parameter. `navigate` and `follow_the_address` change
    it, so the control is rebuilt from the new URL instead of keeping its old value."""
    return f"{name}-{st.session_state.get('_nav', 0)}"


def navigate(**values: Any) -> None:
    """Change the view from code (a click on a chart, a button): new URL, controls rebuilt, rerun."""
    write(**values)
    st.session_state["_nav"] = st.session_state.get("_nav", 0) + 1
    st.rerun()


def open_profile(code: str, area: str = NATIONAL, wage: str = "annual", **extra: Any) -> None:
    """Go to an occupation's profile, keeping the area and the wage basis when they are chosen."""
    query = params.query("occupation", role=[code], area=area, wage=wage, **extra)
    # st.switch_page sets the new query on the page being left (one history entry) before it switches (a
    # second): remember that in-between entry, so Back onto it shows the view that was left
    here = st.session_state.get("_page")
    if here != "occupation":  # from the profile itself, the in-between entry is the new profile's own
        st.session_state["_ghost"] = (here, {k: str(v) for k, v in query.items()}, st.query_params.to_dict())
    st.switch_page(page("occupation").script, query_params=query)


def show_problems(problems: list[str], suggestions: list[str] | None = None, area: str = NATIONAL) -> None:
    """Each problem with a link as a warning; suggested occupations as buttons that open their profiles."""
    for p in problems:
        st.warning(md(p), icon=":material/warning:")  # echoes of the link and data: text, never markup
    if suggestions:
        ds = store.dataset()
        cols = st.columns(min(len(suggestions), 3))
        for i, code in enumerate(suggestions[:3]):
            if cols[i].button(
                md(f"Open {role_label(ds, code)}"), key=f"suggest-{code}", icon=":material/arrow_forward:"
            ):
                open_profile(code, area)


# --- the pages' links --------------------------------------------------------------------------------

_TARGETS: dict[str, Any] = {}  # page name -> the st.Page app.py registered for it


def register_pages(targets: dict[str, Any]) -> None:
    """app.py's st.Page of each page, by name, for `target`."""
    _TARGETS.update(targets)


def target(name: str) -> Any:
    """What st.page_link takes for page `name`: the st.Page app.py registered (a path string costs Streamlit a
    realpath and a search of the pages on every link, every run: 22 links on a profile), else the script."""
    return _TARGETS.get(name) or page(name).script


CARRIED = ("role", "area", "wage")  # the place a planner is at travels from page to page
NO_ROLE_CARRIED = ("explore", "pathways")  # every occupation; a ladder of several: one occupation is no place there


def page_links(box: Any, ds: Dataset, here: PageSpec) -> None:
    """The sidebar's link to every page, each carrying the occupation, area and wage basis open here (or last
    chosen on a page that reads them) as far as that page reads them: the In-demand list the state (a metro
    area's state), Geography and the profile one occupation, Trends and Compare up to six."""
    q = st.query_params.to_dict()  # after the page ran: what it shows now
    now = params.parse(ds, {k: q.get(k) for k in CARRIED if k in here.params}, here)
    place = st.session_state.setdefault("_place", {})
    if "role" in here.params and now.roles:
        place["role"] = now.roles
    for k in ("area", "wage"):
        if k in here.params:
            place[k] = getattr(now, params.PARAMS[k].attr)
    for spec in PAGES:
        values: dict[str, Any] = {}
        if "role" in spec.params and spec.name not in NO_ROLE_CARRIED and place.get("role"):
            values["role"] = place["role"][: 1 if spec.single_role else spec.max_roles]
        if "area" in spec.params and "area" in place:
            values["area"] = (state_of(ds, place["area"]) or NATIONAL) if spec.name == "demand" else place["area"]
        if "wage" in spec.params and "wage" in place:
            values["wage"] = place["wage"]
        box.page_link(
            target(spec.name), label=spec.title, icon=spec.icon, query_params=params.query(spec.name, **values)
        )


# --- a page's shape ------------------------------------------------------------------------------------------


def keep_place() -> None:
    """The place of something a page shows only sometimes (a note for a state, a warning, a state's projections),
    kept when it is not shown: drawn where it would be, so what follows keeps its position from run to run and the
    browser updates it in place. Without it, a national profile changed to a state's built most of the page anew
    (935 new DOM elements against 25, 320 ms against 225). An empty element, which Streamlit hides (no gap). One
    element either way: filling an `st.empty` instead would send it empty, then full, on every run."""
    st.empty()


# --- presenting ---------------------------------------------------------------------------------------


def presenting() -> bool:
    """`present=1` on any link: no sidebar or controls, larger type and charts, for a projector."""
    return st.query_params.get("present") == "1"


def how_to(words: str) -> str:
    """Words on how to use a control ("Tick the box at the left of a row…"), but for presenter view, which hides
    the controls: a class was told to use what it could not see. A sentence ends with a space after it."""
    if presenting():
        return ""
    return words if words.startswith(" ") or not words.endswith(".") else words + " "


def side_by_side(n: int = 2) -> list:
    """Columns for charts set side by side; in presenter view one under another, each as wide as the screen
    (two industry charts in half a 1024 px projector cut their values, "$102,34", and their source line)."""
    return [st.container() for _ in range(n)] if presenting() else list(st.columns(n))


# Our own fixed stylesheets (nothing from data or links goes in here).
# On every page: a metric's label wraps instead of ending in "…" (a ladder's steps in narrow columns: "4. Operations
# or plant m…"); its figure is set no wider than its column allows (22% of it: "$109,340" read "$10…" in presenter
# view at 1024 px) and its change wraps; beside the sidebar, the main column keeps 2rem margins instead of 5rem,
# room for a table's first columns at 1280 px (column_config); a link or an expander's heading that has the
# keyboard's focus is ringed in dark blue (a sidebar link's focus was the light grey of the page open).
# Streamlit draws captions at 0.6 opacity (#828180, 3.9:1 on white); the theme has no
# setting for it and a darker textColor would need near-black body text, so the caption gets its own grey.
BASE_CSS = """
<style>
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #595959 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] { font-size: min(2.25rem, 22cqi) !important; }
[data-testid="stMetricValue"] *, [data-testid="stMetricDelta"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
@media (min-width: 1024px) {
  [data-testid="stMainBlockContainer"] { padding-left: 2rem !important; padding-right: 2rem !important; }
}
a:focus-visible, summary:focus-visible { outline: 3px solid #1c4f9c !important; outline-offset: 2px; }
</style>
"""

# Presenting: every size in Streamlit's stylesheet and in its table (st.dataframe draws on a canvas,
# with a font and row height computed from the root font size) is in rem, so one root size enlarges
# headline numbers, labels, text and tables alike (x1.5). Similar roles (tertiary buttons) stay: they
# are names, not controls.
PRESENT_CSS = """
<style>
html { font-size: 150% !important; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stExpander"], [data-testid="stDownloadButton"],
[data-testid="stButton"]:not(:has([data-testid="stBaseButton-tertiary"])),
[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stRadio"],
[data-testid="stTextInput"], [data-testid="stSlider"], [data-testid="stNumberInput"],
[data-testid="stPageLink"], .wo-control { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem !important; }
</style>
"""


def apply_present_mode() -> None:
    """The stylesheet every page gets, plus the presenting one with `present=1` (the frame draws it first)."""
    st.html(BASE_CSS + (PRESENT_CSS if presenting() else ""))


NOT_PRESENTED = ("q",)


def presenter_link(page_name: str | None = None, where: Any = None) -> None:
    """A link that reopens this very view in presenting mode (in a new tab), in the sidebar unless `where` says
    otherwise. It carries only the parameters page `page_name` reads (any declared parameter when not given): a
    parameter a link made up (`evil=…`) is not passed on to the next person who opens it."""
    page_name = page_name or st.session_state.get("_page")  # the page read_view last read
    # a search box's text (/programs?q=…) is the controls' state, which presenting hides: not echoed in the link
    shown = {k: v for k, v in st.query_params.to_dict().items() if k not in NOT_PRESENTED}
    (where or st.sidebar).markdown(
        f"[Presenter view ↗]({params.here(page_name, shown, present=True)})",
        help="The same view with no controls and larger type, for a projector. Remove present=1 to get the controls back.",
    )


# --- pickers ------------------------------------------------------------------------------------------


@per_argument(16)
def area_options(ds: Dataset, types: tuple[str, ...] = ("state", "metro", "nonmetro")) -> tuple[str, ...]:
    """National first, then states, then metro and nonmetropolitan areas (built once per dataset)."""
    areas = ds.areas
    out = [NATIONAL]
    if "state" in types:
        out += list(areas.index[areas["area_type"] == "state"])
    rest = [t for t in types if t != "state"]
    if rest:
        out += list(areas.index[areas["area_type"].isin(rest)])
    return tuple(out)


@per_argument(16)
def _labels(ds: Dataset, kind: str) -> dict[str, str]:
    """Option labels for a select box, built once per dataset: a format_func runs for every option on
    every rerun, and a dict lookup is a hundred times cheaper than a DataFrame lookup."""
    if kind == "areas":
        return {**{c: cut(n) for c, n in ds.areas["area_name"].items()}, NATIONAL: "United States"}
    if kind == "groups":
        majors = ds.occupations[ds.occupations["level"] == "major"]
        return dict(zip(majors.index, majors["title"], strict=True))
    if kind == "industries":
        ind = ds.industries
        return {
            # without OEWS's "Sectors 31, 32, and 33 - " (the code says it): the sidebar shows the name whole
            c: f"{'· ' * max(int(lv) - 1, 0)}{cut(industry_title(ds, c))} ({c})"
            for c, lv in zip(ind["industry_code"], ind["level"], strict=True)
        }
    return {c: f"{cut(t)} ({c})" for c, t in zip(ds.occupations["soc_code"], ds.occupations["title"], strict=True)}


def labeller(ds: Dataset, kind: str, none: str | None = None) -> Callable[[Any], str]:
    """A select box's format_func over `_labels(ds, kind)`: one dict lookup an option (Streamlit calls it for
    every option on every run: the role list's 1,100 memoised look-ups cost 4 ms a run); `none` labels None."""
    labels = _labels(ds, kind)
    return labels.__getitem__ if none is None else lambda c: none if c is None else labels[c]


def industry_labeller(ds: Dataset) -> Callable[[str | None], str]:
    """The industry select boxes' format_func: "All industries" for None, else the industry's label."""
    return labeller(ds, "industries", none="All industries")


def area_name(ds: Dataset, code: str) -> str:
    return _labels(ds, "areas")[code]


def industry_label(ds: Dataset, code: str | None) -> str:
    return industry_labeller(ds)(code)


def role_label(ds: Dataset, code: str) -> str:
    return _labels(ds, "roles")[code]


def area_picker(ds: Dataset, current: str, where=None, **kwargs) -> str:
    """The area select box every page uses (nation, states, then metro and nonmetro areas), in the
    sidebar unless `where` says otherwise; its value follows the URL's `area`."""
    opts = area_options(ds)
    return (where or st.sidebar).selectbox(
        "Area",
        opts,
        index=opts.index(current) if current in opts else 0,
        format_func=labeller(ds, "areas"),
        key=key("area"),
        **kwargs,
    )


def wage_picker(current: str, where=None) -> str:
    """Annual or hourly wages (sidebar unless `where` says otherwise); follows the URL's `wage`."""
    return (where or st.sidebar).radio(
        "Wages",
        ["annual", "hourly"],
        index=0 if current == "annual" else 1,
        horizontal=True,
        format_func=str.capitalize,
        key=key("wage"),
    )


def group_picker(ds: Dataset, current: str | None, where=None) -> str | None:
    """The SOC major-group select box (sidebar); its value follows the URL's `group`."""
    majors = _labels(ds, "groups")
    opts = [None, *majors]
    return (where or st.sidebar).selectbox(
        "Major group",
        opts,
        index=opts.index(current) if current in opts else 0,
        format_func=lambda c: "All groups" if c is None else majors[c],
        key=key("group"),
    )


# --- tables, downloads and charts -------------------------------------------------------------------

# Streamlit's number formats by kind: (format, step); the step sets the decimals ($126,060, not $126,060.00)
KIND_FORMATS = {
    "money": ("dollar", 1),
    "hourly": ("dollar", 0.01),
    "count": ("localized", 1),
    "change": ("%+.1f%%", None),
    "share": ("%.1f", None),
}
PINNED = ("Occupation", "Step")  # the key column stays in view when a phone scrolls the table sideways
MISSING = "not released"  # what an empty cell says in every table
# Column widths, so that a table's first columns show whole at 1280 px and up (the grid sizes a column from a few
# cells and cut "$31,200" to "$31,20" and headings to "…"). Source Sans at 14 px averages 6.2 px a character
# (measured in Chromium): 7 leaves room for capitals; 28 px is the cell's padding and the heading's sort arrow.
CHAR_PX = 7.0
CELL_PX = 28
FIRST_CHARS = 30  # the first column (an occupation, a step, a program): pinned; a longer name ends in "…"
TEXT_CHARS = 36  # any other text column: a longer cell ends in "…" and shows whole when clicked
NUMBER_CHARS = len(MISSING)  # a figure's column fits "not released" and "$239,200+"


def column_width(heading: str, values: pd.Series | None = None, first: bool = False) -> int:
    """A column's width in pixels: its whole heading, and its cells up to a limit."""
    chars = len(heading)
    if values is not None and (values.dtype == object or isinstance(values.dtype, pd.StringDtype)):
        if isinstance(values.dtype, pd.StringDtype):  # measured in Arrow, not cell by cell
            longest = values.str.len().max()
        else:  # a column of lists (a small line a row) has no text width
            cells = values.dropna()
            longest = 0 if len(cells) and isinstance(cells.iloc[0], list) else cells.astype(str).str.len().max()
        chars = max(chars, min(0 if pd.isna(longest) else int(longest), FIRST_CHARS if first else TEXT_CHARS))
    else:
        chars = max(chars, NUMBER_CHARS)
    return round(chars * CHAR_PX + CELL_PX)


def column_config(kinds: dict[str, str], table: pd.DataFrame | None = None) -> dict:
    """Streamlit's number format for each heading, from its kind (columns.py); the key column pinned. With the
    table, every column gets its width (column_width), and the key column (or the first) is pinned."""
    out: dict = {
        label: st.column_config.NumberColumn(format=KIND_FORMATS[kind][0], step=KIND_FORMATS[kind][1])
        for label, kind in kinds.items()
        if kind in KIND_FORMATS
    }
    for label, kind in kinds.items():
        if label in PINNED:
            out[label] = st.column_config.TextColumn(pinned=True)
        elif kind == "trend":  # a list of yearly values: a small line (each row on its own scale)
            out[label] = st.column_config.LineChartColumn(help="Each row on its own scale: the % column says how much.")
    if table is None:
        return out
    key = next((c for c in table.columns if c in PINNED), table.columns[0] if len(table.columns) else None)
    for label in table.columns:
        width = column_width(str(label), table[label], first=label == key)
        if label in out:
            out[label]["width"] = width
        else:
            out[label] = st.column_config.Column(width=width)
        if label == key:
            out[label]["pinned"] = True
    return out


def download(df: pd.DataFrame, name: str, key: str, place: str | None = None, source: str | None = None) -> None:
    """A CSV download; the file is made when the button is clicked, not on every rerun. `source` is the
    file's source line (default: the BLS releases)."""
    source = source or store.dataset().release.source_line
    st.download_button(
        f"Download CSV ({len(df):,} row{'' if len(df) == 1 else 's'})",
        lambda: safe_csv(df, source, place),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


def occupation_table(
    table: pd.DataFrame,
    name: str,
    key: str,
    kinds: dict[str, str],
    download_csv: bool = True,
    place: str | None = None,
    csv: pd.DataFrame | None = None,
    source: str | None = None,
):
    """A table of occupations (a "SOC code" column) where clicking a row opens that profile's code;
    returns the code picked, if any. Its CSV download sits below unless the page places it itself
    (`csv` when the file needs other columns than the screen, such as no small-line lists).

    Keyboard users reach the same profiles through the select box under the table (the grid's row
    selection needs a pointer)."""
    sel = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config=column_config(kinds, table),
        placeholder=MISSING,
    )
    if download_csv:
        download(table if csv is None else csv, name, key=f"dl-{key}", place=place, source=source)
    return selected(sel, table, "SOC code") or _keyboard_pick(table, key)


def _keyboard_pick(table: pd.DataFrame, key: str) -> str | None:
    """A select box listing the table's occupations in its order: choose one to open its profile."""
    if table.empty or "SOC code" not in table:
        return None
    names = table["Occupation"] if "Occupation" in table else table["SOC code"]
    labels = dict(zip(table["SOC code"], map(cut, names), strict=False))
    return st.selectbox(
        "Open a profile from this table",
        [None, *labels],
        format_func=lambda c: "Choose an occupation…" if c is None else f"{labels[c]} ({c})",
        key=f"open-{key}-{st.session_state.get('_nav', 0)}",
    )


def _legend_room(fig) -> int:
    """Pixels a legend above the plot may need (it wraps into rows on a phone), so a title does not meet it."""
    legend = fig.layout.legend
    below = legend is not None and legend.yanchor == "top" and (legend.y or 1) < 0  # under the plot: no room above
    if below or fig.layout.showlegend is False or ((legend.orientation if legend else None) or "h") != "h":
        return 0
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    return 0 if len(shown) <= 1 else 20 * min(len(shown), 4) + 8


def chart_with_table(
    fig,
    table: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    key: str,
    caption: str | None = None,
    title: str | None = None,
    source: str | None = None,
    place: str | None = None,
    csv: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    kinds: dict[str, str] | None = None,
    on_select: str | None = None,
    selection_mode: str = "points",
):
    """A chart, the table of its data beside it (for those who cannot see the chart) and its CSV (`csv`
    when the file needs other columns than the screen, such as numbers for text labels). `kinds` gives
    numeric columns their screen format (columns.py's kinds: money, count…), so numbers stay numbers.
    The table and the CSV may be given as functions: they are made only while "Data behind this chart" is open.

    The chart's own toolbar saves it as PNG (drawn in the browser, no network). `title` (say what and
    where) and `source` are drawn into the figure, so a PNG pasted on a slide carries them. The chart's
    accessible name is the title, else the description the chart gives itself (layout.meta.name).
    """

    if title and source is None:
        source = f"Source: {store.dataset().release.source_line}"
    if title or source:
        # plain text, cut and wrapped (short lines fit a 390 px phone); fig.plotly() escapes it with the rest
        # (presenter view's wider lines: a projector's chart is as wide as the screen, and each line of a title
        # at 28 px took room from the plot)
        wide = presenting()
        head = wrap(cut(title, 200), 56 if wide else 36) if title else ""
        sub = wrap(cut(source, 300), 80 if wide else 46) if source else ""
        lines = (head.count("\n") + 1 if head else 0) + (sub.count("\n") + 1 if sub else 0)
        # presenter view draws title, source and legend at 28, 20 and 20 px instead of 16, 12 and 12: the room
        # above the plot grows with them, or the source line ran into the legend
        room = int((19 * lines + _legend_room(fig)) * (2.1 if presenting() else 1))
        fig.update_layout(
            title=dict(
                text=head,
                x=0,
                xanchor="left",
                yref="container",
                y=1,
                yanchor="top",
                pad=dict(t=(6 * lines + 6) * (2 if presenting() else 1)),  # plotly lifts a multi-line title
                font=dict(size=16, color=INK),
                subtitle=dict(text=sub, font=dict(size=12, color=MUTED)),
            ),
            margin_t=((fig.layout.margin.t if fig.layout.margin else None) or 40) + room + 12,
            height=(fig.layout.height or 420) + room,
        )
    meta = fig.layout.meta
    alt = clean(title) if title else (meta.name if meta else None) or name
    if presenting():
        for_projector(fig)
    event = chart.chart(
        fig.drawn(presenting()),  # built without plotly's validation, Streamlit's theme written in (present/figure.py)
        key=f"chart-{key}",
        alt=alt,
        # only the PNG button: the full toolbar added 8 tab stops to every chart (zoom: drag; reset: double-click)
        config={
            "displaylogo": False,
            "modeBarButtons": [["toImage"]],
            "toImageButtonOptions": {"filename": name, "format": "png", "scale": 2},
        },
        selectable=on_select == "rerun" and selection_mode == "points",  # a click on a point reruns the page
    )

    def fill() -> None:  # made while "Data behind this chart" is open
        data = table() if callable(table) else table
        if caption:
            st.caption(md(caption))  # captions name places and occupations from the data
        st.dataframe(
            data,
            hide_index=True,
            width="stretch",
            placeholder=MISSING,
            column_config=column_config(kinds or {}, data),
        )
        download(
            data if csv is None else (csv() if callable(csv) else csv),
            name,
            key=f"dl-{key}",
            place=place,
            source=source.removeprefix("Source: ") if source else None,
        )

    lazy_section("Data behind this chart", f"data-{key}", fill)
    return event


def lazy_expander(label: str, key: str):
    """An expander whose content is drawn only while it is open: the container, or None when it is closed.
    Opening it reruns the section it is in (`section`), or the page; `lazy_section` reruns the expander alone."""
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


def lazy_section(label: str, key: str, fill: Callable[[], None]) -> None:
    """An expander whose content (`fill`, called inside it) is made only while it is open, as a section of its
    own (`section`): opening or closing it reruns the expander alone, not the page, and it stays open across
    filter changes. A closed one costs a page's run two elements (the section's container and the expander)
    instead of its table, download and caption (each element a message the server sends). Streamlit keeps the
    section's arguments, `fill` and what it holds among them, in the session until the page's next run."""
    section(_lazy)(label, key, fill)


def _lazy(label: str, key: str, fill: Callable[[], None]) -> None:
    box = lazy_expander(label, key)
    if box is not None:
        with box:
            fill()


def source_footer(ds: Dataset) -> None:
    """The release's source line and licence: the frame draws it under every page, the page's notes under it."""
    st.divider()
    st.caption(f"Source: {ds.release.source_line}. {PUBLIC_DOMAIN}")


def clicked(event) -> str | None:
    """The code (first customdata value) of the point clicked in a chart, if any."""
    points = event.selection.points if event and event.selection else []
    if points and points[0].get("customdata"):
        cd = points[0]["customdata"]
        return cd[0] if isinstance(cd, list) else cd
    return None


def selected(sel, table: pd.DataFrame, column: str) -> str | None:
    """The value in `column` of the row picked in a selectable dataframe, if any."""
    if sel and sel.selection.rows:
        return table.iloc[sel.selection.rows[0]][column]
    return None


def this_view_url() -> str | None:
    """The address of the current view (for the link back in a brief), or None outside a server. It carries
    the parameters the page reads, as the address bar has them, without present=1."""
    return view_url_later()()


def view_url_later() -> Callable[[], str | None]:
    """`this_view_url` as it will be when called: for a brief written when clicked, on a page with a section
    that reruns alone (`section`), whose controls move the address after the run that drew the button."""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # no browser context (AppTest, bare mode)
        base = ""
    name = st.session_state.get("_page")
    address()
    box = live("address")
    return lambda: (base + params.here(name, box.query, present=False)) if base else None


def brief_button(make: Callable[[], str], name: str, key: str) -> None:
    """The printable brief, written when the button is clicked (make returns the HTML)."""
    st.download_button(
        "Printable brief (HTML)",
        lambda: make().encode("utf-8"),
        file_name=f"{name}.html",
        mime="text/html",
        key=key,
        icon=":material/print:",
        help="One self-contained page (charts included, nothing fetched) to open in a browser and print or save "
        "as PDF.",
        on_click="ignore",
    )
