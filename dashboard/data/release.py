"""Which releases the figures come from, read from the data, and every footnote that names them.

A new BLS release is a data rebuild: the OEWS year, the projection years and the top-code bounds
are read from the loaded tables, and each sentence that cites them is written here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.core.formatting import money
from dashboard.data.schema import SOURCE_TITLES

MONTH = "May"  # OEWS estimates are for May of their reference year


@dataclass(frozen=True)
class Release:
    oews_year: int
    ep_base: int
    ep_target: int
    top_annual: float  # OEWS footnote 5 bounds, as published in the top-coded cells
    top_hourly: float

    # --- names ------------------------------------------------------------------------------------
    @property
    def oews(self) -> str:
        """'May 2025'"""
        return f"{MONTH} {self.oews_year}"

    @property
    def ep(self) -> str:
        """'2024–34'"""
        return f"{self.ep_base}–{self.ep_target % 100:02d}"

    @property
    def ep_years(self) -> str:
        """'from 2024 to 2034'"""
        return f"from {self.ep_base} to {self.ep_target}"

    @property
    def cap(self) -> str:
        """'≥ $239,200'"""
        return money(self.top_annual, top_coded=True)

    @property
    def source_titles(self) -> dict[str, str]:
        """The OEWS and EP sources' titles for this release, worded as in schema.SOURCES."""
        return {
            "oews": SOURCE_TITLES["oews"].format(release=self.oews),
            "ep": SOURCE_TITLES["ep"].format(release=self.ep),
        }

    @property
    def oews_line(self) -> str:
        """The source of wages and employment by area and industry: a chart drawing only these cites only this."""
        return f"BLS Occupational Employment and Wage Statistics (OEWS), {self.oews}"

    @property
    def ep_line(self) -> str:
        """The source of national growth, openings and typical education."""
        return f"BLS Employment Projections {self.ep}"

    @property
    def source_line(self) -> str:
        """Both: for a page, a file or a chart that draws from both."""
        return f"{self.oews_line}; {self.ep_line}"

    # --- footnotes ----------------------------------------------------------------------------------
    @property
    def top_code_note(self) -> str:
        return (
            f"OEWS footnote 5: a wage shown as “≥” is equal to or greater than "
            f"{money(self.top_hourly, hourly=True)} per hour or {money(self.top_annual)} per year."
        )

    @property
    def top_code_rank_note(self) -> str:
        return self.top_code_note[:-1] + "; it ranks at that bound."

    def top_code_bar_note(self, hourly: bool = False) -> str:
        bound = f"{money(self.top_hourly, hourly=True)} per hour" if hourly else f"{money(self.top_annual)} per year"
        return f"OEWS footnote 5: a wage shown as “≥” is equal to or greater than {bound}; the bar stops there."

    PAY_BASIS_NOTE = (
        "OEWS footnote 4: wages for some occupations that do not generally work year-round, full time, are "
        "reported either as hourly wages or annual salaries."
    )

    @property
    def employment_help(self) -> str:
        return f"OEWS {self.oews}, excluding the self-employed"

    @property
    def sources_caption(self) -> str:
        return f"Wages: OEWS {self.oews}; growth and openings: EP {self.ep}."

    @property
    def industry_share_note(self) -> str:
        return (
            "Industry shares divide employment in the industry by the occupation's national employment across all "
            f"industries (OEWS {self.oews})."
        )

    @property
    def industry_national_note(self) -> str:
        return (
            "Industry estimates are national (OEWS publishes no industry detail by area). Growth and openings are "
            f"national figures for the occupation across all industries (EP {self.ep})."
        )


RSE_NOTE = (
    "Relative standard error (RSE): BLS's measure of an estimate's sampling precision. Here up to {caution:.0f}% is "
    "reliable, {caution:.0f}–{low:.0f}% use with care, above {low:.0f}% low reliability (marked ⚠ and drawn "
    "lighter). Wage RSEs are those of the mean wage."
)
MAP_NOTE = "Map outlines: US Census Bureau cartographic boundaries via us-atlas 3.0.1, bundled (no network needed)."
MAP_SOURCE = "map outlines: US Census Bureau via us-atlas 3.0.1"  # a map's source line names what draws its shapes
PUBLIC_DOMAIN = "US Government works, public domain."
EMPTY_CELLS = "Empty cells are figures BLS does not release."
