"""Pieces every page shares: data guard, source line, safe CSV download, chart with its table."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data import Dataset, dataset
from dashboard.queries import NATIONAL
from dashboard.schema import SOURCE_LINE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def require_data() -> Dataset:
    """The dataset, or a clear on-screen list of what is wrong with the data folder (then stop)."""
    ds = dataset()
    if not ds.ok:
        st.error(f"The data folder {ds.folder} cannot be used: {len(ds.problems)} problem(s) found.")
        st.markdown(
            "Run `workforce-outlook validate DIR` for the same list; rebuild with `workforce-outlook build-data`."
        )
        st.dataframe(pd.DataFrame({"problem": [str(p) for p in ds.problems[:200]]}), hide_index=True, width="stretch")
        st.stop()
    if "industry_mix" not in ds.cache:
        from dashboard.queries import warm

        warm(ds)
    return ds


def safe_csv(df: pd.DataFrame) -> bytes:
    """CSV with the source on top; text cells that a spreadsheet would run as a formula are neutralised."""
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v)
    header = f"# Source: {SOURCE_LINE}\n"
    return (header + out.to_csv(index=False, lineterminator="\n")).encode("utf-8")


def download(df: pd.DataFrame, name: str, key: str) -> None:
    """A CSV download; the file is made when the button is clicked, not on every rerun."""
    st.download_button(
        f"Download CSV ({len(df):,} rows)",
        lambda: safe_csv(df),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=key,
        on_click="ignore",
    )


def presenting() -> bool:
    """`present=1` on any link: no sidebar or controls, larger type and charts, for a projector."""
    return st.query_params.get("present") == "1"


# Our own fixed stylesheet (nothing from data or links goes in here).
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stExpander"], [data-testid="stDownloadButton"], [data-testid="stButton"],
[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stRadio"],
[data-testid="stTextInput"], [data-testid="stSlider"], [data-testid="stNumberInput"],
[data-testid="stPageLink"], .wo-control { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stCaptionContainer"] { font-size: 1.35rem !important; }
[data-testid="stMetricValue"] { font-size: 3.2rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.4rem !important; }
h1 { font-size: 3.2rem !important; } h2, h3 { font-size: 2.2rem !important; }
</style>
"""


def apply_present_mode() -> None:
    if presenting():
        st.html(PRESENT_CSS)


def presenter_link() -> None:
    """A link that reopens this very view in presenting mode (in a new tab)."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k != "present"}
    st.sidebar.markdown(
        f"[Presenter view ↗](?{urlencode({**params, 'present': '1'}, safe=',')})",
        help="The same view with no controls and larger type, for a projector. Remove present=1 to get the controls back.",
    )


def area_options(ds: Dataset, types: tuple[str, ...] = ("state", "metro", "nonmetro")) -> list[str]:
    """National first, then states, then metro and nonmetropolitan areas."""
    areas = ds.areas
    out = [NATIONAL]
    if "state" in types:
        out += list(areas.index[areas["area_type"] == "state"])
    rest = [t for t in types if t != "state"]
    if rest:
        out += list(areas.index[areas["area_type"].isin(rest)])
    return out


def _labels(ds: Dataset, kind: str) -> dict[str, str]:
    """Option labels for a select box, built once per dataset: a format_func runs for every option on
    every rerun, and a dict lookup is a hundred times cheaper than a DataFrame lookup."""
    key = f"labels-{kind}"
    if key not in ds.cache:
        if kind == "areas":
            labels = {**ds.areas["area_name"].to_dict(), NATIONAL: "United States"}
        elif kind == "industries":
            ind = ds.industries
            labels = {
                c: f"{'· ' * max(int(lv) - 1, 0)}{t} ({c})"
                for c, lv, t in zip(ind["industry_code"], ind["level"], ind["title"], strict=True)
            }
        else:
            labels = {c: f"{t} ({c})" for c, t in zip(ds.occupations["soc_code"], ds.occupations["title"], strict=True)}
        ds.cache[key] = labels
    return ds.cache[key]


def area_picker(ds: Dataset, current: str, where=None, **kwargs) -> str:
    """The area select box every page uses (nation, states, then metro and nonmetro areas), in the
    sidebar unless `where` says otherwise; its value follows the URL's `area`."""
    opts = area_options(ds)
    return (where or st.sidebar).selectbox(
        "Area",
        opts,
        index=opts.index(current) if current in opts else 0,
        format_func=lambda c: area_name(ds, c),
        key=state.key("area"),
        **kwargs,
    )


def group_picker(ds: Dataset) -> str | None:
    """The SOC major-group select box (sidebar); its value follows the URL's `group`."""
    majors = ds.occupations[ds.occupations["level"] == "major"]
    current = state.param("group")
    opts = [None, *majors.index]
    return st.sidebar.selectbox(
        "Major group",
        opts,
        index=opts.index(current) if current in opts else 0,
        format_func=lambda c: "All groups" if c is None else majors.loc[c, "title"],
        key=state.key("group"),
    )


def open_profile(code: str, area: str = NATIONAL, **params: str) -> None:
    """Go to an occupation's profile, keeping the area when one is chosen."""
    st.switch_page(
        "views/occupation.py", query_params={"role": code, **({"area": area} if area != NATIONAL else {}), **params}
    )


def occupation_table(table: pd.DataFrame, name: str, key: str, column_config: dict, download_csv: bool = True):
    """A table of occupations (a "SOC code" column) where clicking a row opens that profile's code;
    returns the code picked, if any. Its CSV download sits below unless the page places it itself."""
    sel = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config=column_config,
    )
    if download_csv:
        download(table, name, key=f"dl-{key}")
    return selected(sel, table, "SOC code")


def area_name(ds: Dataset, code: str) -> str:
    return _labels(ds, "areas")[code]


def industry_label(ds: Dataset, code: str | None) -> str:
    return "All industries" if code is None else _labels(ds, "industries")[code]


def role_label(ds: Dataset, code: str) -> str:
    return _labels(ds, "roles")[code]


def chart_with_table(fig, table: pd.DataFrame, name: str, key: str, caption: str | None = None, **kwargs):
    """A chart, the table of its data beside it (for those who cannot see the chart) and its CSV.

    The chart's own toolbar saves it as PNG (drawn in the browser, no network).
    """
    if presenting():
        big = dict(size=20)  # Streamlit's chart theme sets tick and legend sizes itself: override each
        fig.update_layout(font_size=22, height=int((fig.layout.height or 420) * 1.35), hoverlabel_font_size=20)
        fig.update_layout(legend_font=big)
        fig.update_xaxes(tickfont=big, title_font=big)
        fig.update_yaxes(tickfont=big, title_font=big)
        fig.update_annotations(font=big)
    event = st.plotly_chart(
        fig,
        key=f"chart-{key}",
        config={"displaylogo": False, "toImageButtonOptions": {"filename": name, "format": "png", "scale": 2}},
        **kwargs,
    )
    with st.expander("Data behind this chart"):
        if caption:
            st.caption(caption)
        st.dataframe(table, hide_index=True, width="stretch")
        download(table, name, key=f"dl-{key}")
    return event


def source_footer(notes: list[str] | None = None) -> None:
    st.divider()
    st.caption(f"Source: {SOURCE_LINE}. US Government works, public domain.")
    for n in notes or []:
        st.caption(n)


def show_problems(problems: list[str]) -> None:
    for p in problems:
        st.warning(p, icon=":material/warning:")


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
    """The address of the current view (for the link back in a brief), or None outside a server."""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - no browser context (AppTest, bare mode)
        base = ""
    if not base:
        return None
    params = {k: v for k, v in st.query_params.to_dict().items() if k != "present"}
    return base + (f"?{urlencode(params, safe=',')}" if params else "")


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
