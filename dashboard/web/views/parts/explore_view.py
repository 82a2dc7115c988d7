"""What Explore draws for one set of filters, kept for the 24 views asked for last.

Filtering, sorting, charting and shaping 800 occupations was about two thirds of an Explore run on the server,
paid again by every visitor of the same view: a class opening one link, or a planner going back and forth
between two filters. Everything here depends only on the data and the filters (never on the visitor), so
it is worked out once per view (`derived.per_argument`); the page draws from it. The page gets a copy of the
figure (it adds the title) and lazy copies of the frames (pandas copy-on-write), so nothing it changes
reaches the next visitor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard.core.codes import ALL_OCCUPATIONS
from dashboard.data.dataset import Dataset
from dashboard.domain import industries, occupations, projections, trend_summary, wages
from dashboard.domain.derived import per_argument
from dashboard.present import charts, columns
from dashboard.present.figure import Figure
from dashboard.web import ui
from dashboard.web.views.parts import explore_trend
from dashboard.words import tables as cells


@dataclass(frozen=True)
class Filters:
    """Explore's filters as the page read them (hashable: the memo's key)."""

    area: str  # NATIONAL when an industry is chosen: its figures are national
    industry: str | None
    state: str | None  # the state whose projections are used, if any
    roles: tuple[str, ...] | None
    group: str | None
    education: str | None
    min_openings: int
    growth: tuple[float, float] | None  # None: the whole range
    emp_change: tuple[float, float]
    color: str


@dataclass(frozen=True)
class Drawn:
    rows: int  # occupations before the filters
    fallback: int  # of them, those the state does not project (national figures used)
    view: pd.DataFrame  # the filtered rows, sorted by openings
    place: str
    growth_of: str
    growth_years: str
    fig: Figure | None  # None when no row is left
    chart_data: pd.DataFrame | None
    table: pd.DataFrame | None
    kinds: dict[str, str]

    def for_page(self) -> Drawn:
        """A copy the page may change (the figure gets its title; the frames are lazy copies)."""
        return replace(
            self,
            view=self.view.copy(deep=False),
            fig=None if self.fig is None else self.fig.copy(),
            chart_data=None if self.chart_data is None else self.chart_data.copy(deep=False),
            table=None if self.table is None else self.table.copy(deep=False),
            kinds=dict(self.kinds),
        )


def drawn(ds: Dataset, f: Filters) -> Drawn:
    """What Explore shows for filters `f` (kept for the 24 views asked for last), as a copy the page may change."""
    return _drawn(ds, f).for_page()


@per_argument(24)
def _drawn(ds: Dataset, f: Filters) -> Drawn:
    rel = ds.release
    table, fallback = occupations.explorer_view(ds, f.area, f.industry, f.state)
    view = occupations.filter_explorer(
        table,
        roles=None if f.roles is None else list(f.roles),
        major_group=f.group,
        education=f.education,
        min_openings=f.min_openings,
        growth=f.growth,
    )
    view = explore_trend.apply(ds, view, f.emp_change)
    view = view.sort_values(["openings_annual", "soc_code"], ascending=[False, True], na_position="last")
    place = f"{industries.industry_title(ds, f.industry)}, national" if f.industry else ui.area_name(ds, f.area)
    sname, sv = (projections.state_name(ds, f.state), projections.vintage(ds)) if f.state else ("", "")
    growth_of, growth_years = (sname, f"{sname} {sv}") if f.state else ("national", rel.ep)
    if view.empty:
        return Drawn(len(table), fallback, view, place, growth_of, growth_years, None, None, None, {})

    # the reference lines are whose the wages are: the area's (or the industry's) all-occupation median
    all_w = wages.wage_row(ds, ALL_OCCUPATIONS, f.area, industry=f.industry)
    all_p = (
        projections.state_row(ds, f.state, ALL_OCCUPATIONS) if f.state else projections.projection(ds, ALL_OCCUPATIONS)
    )
    categories = (
        sorted(table[f.color].dropna().unique())
        if f.color == "education"
        else list(ds.occupations.loc[ds.occupations["level"] == "major", "title"])
    )
    # one vintage on the chart: with a state, only what the state projects is drawn, against the state's average
    on_chart = view[view["outlook_from"] == "state"] if f.state else view
    fig = charts.opportunity(
        on_chart,
        f.color,
        float(all_w["annual_median"]),
        float(all_p["change_pct"]),
        growth_years,
        categories,
        place=place,
        growth_of=growth_of,
    )
    chart_data, _ = columns.shape(
        on_chart,
        [
            ("soc_code", "soc_code"),
            ("title", "title"),
            ("major_title", "major_title"),
            ("annual_median", "annual_median ({place})"),
            ("change_pct", f"change_pct ({growth_years if f.state else 'national'})"),
            ("openings_annual", f"openings_annual ({growth_years if f.state else 'national'})"),
        ],
        rel,
        place,
    )
    out, kinds = columns.shape(
        view.assign(note=cells.explorer_notes(view, rel.cap)),
        [
            "title",
            ("openings_annual", "National openings a year"),
            ("change_pct", "National growth {ep} (%)"),
            ("annual_median", "Median annual wage, {place}"),
            ("hourly_median", "Median hourly wage, {place}"),
            ("employment", "Employment, {place}"),
            "education",
            "major_title",
            "soc_code",
            "note",
        ],
        rel,
        place,
    )
    if f.state:  # the state's figures under their own headings, the national ones beside them: never one column
        out = out.drop(columns=["National openings a year", f"National growth {rel.ep} (%)"])
        for i, (col, label, kind) in enumerate(
            (
                ("state_openings", f"{sname} openings a year {sv}", "count"),
                ("state_change_pct", f"{sname} growth {sv} (%)", "change"),
                ("national_openings", f"National openings a year {rel.ep}", "count"),
                ("national_change_pct", f"National growth {rel.ep} (%)", "change"),
            )
        ):
            out.insert(1 + i, label, view[col].to_numpy())
            kinds[label] = kind
    trend_summary.add_columns(ds, out, kinds, view["soc_code"], after=f"Employment, {place}")  # national OEWS
    return Drawn(len(table), fallback, view, place, growth_of, growth_years, fig, chart_data, out, kinds)
