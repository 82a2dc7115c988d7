"""Pieces every page shares: data guard, source line, safe CSV download, chart with its table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.data import Dataset, dataset
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
    st.download_button(
        f"Download CSV ({len(df):,} rows)", safe_csv(df), file_name=f"{name}.csv", mime="text/csv", key=key
    )


def chart_with_table(fig, table: pd.DataFrame, name: str, key: str, caption: str | None = None, **kwargs):
    """A chart, the table of its data beside it (for those who cannot see the chart) and its CSV."""
    event = st.plotly_chart(
        fig, key=f"chart-{key}", config={"displaylogo": False, "toImageButtonOptions": {"filename": name}}, **kwargs
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
