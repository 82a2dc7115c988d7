"""The national employment trend of every occupation in one row, for the pages beside /trends (Explore,
Compare, the profile and its brief): the change since May 2015 or the first comparable year after it, and
the yearly figures for a small line. Pure pandas; no Streamlit.

Built on dashboard.trends: which code each year is the same occupation (`trends.lineage`, the BLS
crosswalk, one to one) and the first year with a released figure (`trends.first_common_year`). Always
the nation's OEWS estimates (wage and salary jobs, cross-industry), whatever area a page shows, and never
joined to an Employment Projections figure. A year BLS did not publish stays empty: never 0, never joined.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pandas as pd

from dashboard.data.dataset import Dataset
from dashboard.data.release import MONTH
from dashboard.domain import soc as soc_
from dashboard.domain import trends
from dashboard.domain.derived import per_argument, per_dataset
from dashboard.domain.occupations import detailed_codes

SINCE = 2015  # the change is measured from May 2015, or from the first comparable year after it

# headings (one place, so Explore, Compare and their CSVs agree)
CHANGE = "National employment change (OEWS, %)"
FROM = "Change since"
LINE = "National employment each May (OEWS)"


@dataclass(frozen=True)
class EmploymentTrend:
    soc: str
    start: int | None  # the first comparable year ≥ SINCE with a released figure (None: no change)
    end: int  # the latest OEWS May in the data
    change_pct: float | None  # start → end, None when either figure is not released or not comparable
    values: tuple[float, ...] | None  # start … end, every year released and comparable; None: a gap inside
    since: str  # what the "Change since" cell says: "May 2015", or why there is no change


def _span(years: list[int]) -> str:
    return f"{MONTH} {years[0]}" if len(years) == 1 else f"{MONTH} {years[0]}–{years[-1]}"


def _trend(soc: str, lin: soc_.Lineage, by_year: dict[int, float], years: list[int]) -> EmploymentTrend:
    """One occupation's row from its released, comparable employment figures (year → persons) and lineage."""
    end = years[-1]
    if not lin.codes:
        return EmploymentTrend(soc, None, end, None, None, "no national history that can be followed")
    # trends.first_common_year's rule for one occupation (employment is never top-coded), without building
    # a frame per occupation: 830 of them cost seconds (tests/test_trend_everywhere.py checks they agree)
    start = min((y for y in by_year if y >= SINCE), default=None)
    if start is None:
        return EmploymentTrend(soc, None, end, None, None, f"no comparable figure since {MONTH} {SINCE}")
    if end not in by_year:
        return EmploymentTrend(soc, None, end, None, None, f"not released in {MONTH} {end}")
    since = f"{MONTH} {start}"
    if start > SINCE:
        before = [y for y in years if SINCE <= y < start]
        if any(y not in lin.codes for y in before):  # the occupation had another definition then
            since += " (earlier years: other SOC codes)"
        else:
            since += f" ({_span(before)} not released)"
    span = [y for y in years if start <= y <= end]
    missing = [y for y in span if y not in by_year]
    values = None if missing else tuple(float(by_year[y]) for y in span)
    if missing:
        since += f"; {_span(missing)} not released"
    change = (by_year[end] / by_year[start] - 1) * 100
    return EmploymentTrend(soc, start, end, change, values, since)


@per_dataset
def _released(ds: Dataset) -> dict[tuple[str, int], float]:
    """(code as published, year) → employment, for every released national figure."""
    h = ds.oews_history
    r = h[h["employment"].notna()]
    keys = zip(r["soc_code"], r["year"].astype(int), strict=True)
    return dict(zip(keys, r["employment"].astype(float), strict=True))


@per_argument(4096)
def trend(ds: Dataset, soc: str) -> EmploymentTrend | None:
    """One occupation's national employment trend (None when the data folder has no history)."""
    if not trends.available(ds):
        return None
    emp = _released(ds)
    lin = soc_.lineage(ds, soc)
    by_year = {y: emp[(c, y)] for y, c in sorted(lin.codes.items()) if (c, y) in emp}
    return _trend(soc, lin, by_year, list(soc_.years(ds)))


_BUILDING = threading.Lock()


def employment_trends(ds: Dataset) -> pd.DataFrame | None:
    """Every detailed occupation's national employment trend, built once per dataset (a page rerun only
    looks rows up): index soc_code; columns change_pct, start, since, values (a list, or None where a year
    inside is not released). None when the data folder has no history.

    Built by one thread while the others wait for it: 30 sessions opening Explore at once each built it
    (1.3 s of work apiece), and the server spent half a minute doing so (benchmarks/capacity.py)."""
    with _BUILDING:
        return _employment_trends(ds)


@per_dataset
def _employment_trends(ds: Dataset) -> pd.DataFrame | None:
    if not trends.available(ds):
        return None

    rows = [trend(ds, soc) for soc in detailed_codes(ds)]
    return pd.DataFrame(
        {
            "change_pct": [r.change_pct for r in rows],
            "start": pd.array([r.start for r in rows], dtype="Int64"),
            "since": [r.since for r in rows],
            "values": [list(r.values) if r.values else None for r in rows],
        },
        index=pd.Index([r.soc for r in rows], name="soc_code"),
    )


def columns(ds: Dataset, socs: pd.Series) -> dict[str, pd.Series | list]:
    """The three columns for a table of occupations (`socs` its SOC codes, in its order): the change, since
    when, and the yearly figures for a small line (None where there is no unbroken line)."""
    t = employment_trends(ds)
    if t is None:
        return {}
    idx = pd.Index(socs)
    return {
        CHANGE: t["change_pct"].reindex(idx).round(1).to_numpy() + 0.0,  # one decimal, as shown; no "-0.0"
        FROM: t["since"].reindex(idx).fillna("no national history").to_numpy(),
        LINE: t["values"].reindex(idx).to_numpy(),
    }


def add_columns(ds: Dataset, out: pd.DataFrame, kinds: dict[str, str], socs: pd.Series, after: str) -> None:
    """Insert the change, since when and the small line into a shaped table (columns.shape) after the
    heading `after` (at the end when it is not there), with their kinds for ui.column_config."""
    cols = columns(ds, socs)
    at = list(out.columns).index(after) + 1 if after in out.columns else len(out.columns)
    for i, (label, kind) in enumerate(((CHANGE, "change"), (FROM, "text"), (LINE, "trend"))):
        if label in cols:
            out.insert(at + i, label, cols[label])
            kinds[label] = kind


def for_csv(out: pd.DataFrame) -> pd.DataFrame:
    """The table for its CSV: the small line's lists left out (the change and its start stay)."""
    return out.drop(columns=[LINE], errors="ignore")


def filter_change(df: pd.DataFrame, ds: Dataset, lo: float | None, hi: float | None) -> pd.DataFrame:
    """Rows (a `soc_code` column) whose national employment change lies in [lo, hi]; None is open. A row
    with no comparable change is left out while either bound is set."""
    t = employment_trends(ds)
    if t is None or (lo is None and hi is None):
        return df
    change = df["soc_code"].map(t["change_pct"])
    keep = change.notna()
    if lo is not None:
        keep &= change >= lo
    if hi is not None:
        keep &= change <= hi
    return df[keep.to_numpy()]


def note(ds: Dataset) -> str:
    """What the columns are, whose figures they are, and how gaps and breaks are treated."""
    years = list(soc_.years(ds))
    return (
        f"National employment change: United States, OEWS {MONTH} {years[0]}–{MONTH} {years[-1]} (wage and salary "
        f"jobs, all industries, whatever area or industry is chosen), from {MONTH} {SINCE} or the first year after it "
        "in which BLS published the occupation under a code that is the same occupation (the SOC crosswalk, one to "
        f"one), to {MONTH} {years[-1]}. Not an Employment Projections figure. A year BLS did not publish is a gap, "
        "never 0; the small line is left out when one falls inside it."
    )
