"""A program's printable brief: what it leads to and who graduates in it in the area (IPEDS completers by award
level, the top institutions, the year and sources), as self-contained HTML like the other briefs."""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboard.core.codes import NATIONAL
from dashboard.core.formatting import count, money, pct
from dashboard.data.dataset import Dataset
from dashboard.domain import programs as pg
from dashboard.domain import supply
from dashboard.present.brief import _citation, _figures, _page, bars
from dashboard.words import supply as words

INSTITUTIONS_SHOWN = 10  # the handout lists the largest; the page's CSV has them all
OCCUPATIONS_SHOWN = 12


def _place(ds: Dataset, area: str) -> str:
    return "United States" if area == NATIONAL else str(ds.areas.loc[area, "area_name"])


def training_html(ds: Dataset, cip: str, area: str) -> str:
    """The training section: completers by award level (the area beside the nation), the top institutions,
    the year, where completers are counted; '' when the folder has no completions."""
    if not supply.available(ds):
        return ""
    year = supply.latest(ds)
    ay = supply.academic_year(year)
    counted = supply.counted_area(ds, area)
    place = _place(ds, counted)
    title = pg.cip_title(pg.program(ds, cip)["title"])
    parts = [f"<section><h2>Who graduates in it: {escape(place)}, IPEDS {ay} awards</h2>"]
    notes = []
    if counted != area:
        notes.append(words.not_counted(_place(ds, area), None if counted == NATIONAL else place))
    beside = supply.program_levels_beside(ds, cip, counted, year)
    inst = supply.program_institutions(ds, cip, counted, year)
    total = int(beside["area"].sum()) if counted != NATIONAL else int(beside["nation"].sum())
    parts.append(f"<p>{escape(words.completers_line(total, len(inst), place, year))}.</p>")
    if inst.empty:
        notes.append(words.none_offered(f"{cip} {title}", place, year))
        near = supply.nearest_offering(ds, cip, counted)
        if near:
            notes.append(
                "Nearest areas that award it: "
                + "; ".join(f"{_place(ds, c)} ({n:,} completers)" for c, n in near)
                + "."
            )
    if len(beside):
        here = beside["nation"] if counted == NATIONAL else beside["area"]
        if here.sum() > 0:
            parts.append(
                bars(
                    f"Completers by award level, {place}, {ay}",
                    list(beside["award_name"]),
                    [(place, list(here), [f"{v:,}" for v in here], [False] * len(here))],
                )
            )
        heads = ["Award level", *([f"{place}, {ay}"] if counted != NATIONAL else []), f"United States, {ay}"]
        rows = "".join(
            f"<tr><td>{escape(r['award_name'])}</td>"
            + (f'<td class="n">{int(r["area"]):,}</td>' if counted != NATIONAL else "")
            + f'<td class="n">{int(r["nation"]):,}</td></tr>'
            for _, r in beside.iterrows()
        )
        parts.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in heads) + f"</tr>{rows}</table>")
        by_year = supply.program_by_level(ds, cip, counted).drop(columns=["award_level", "award_name"]).sum()
        trend = ", ".join(f"{supply.academic_year(int(y))}: {int(v):,}" for y, v in by_year.items())
        parts.append(f'<p class="note">Completers a year, {escape(place)}: {escape(trend)}.</p>')
    if len(inst):
        levels = [n for n in supply.level_names(ds).values() if n in inst.columns]
        parts.append(
            f"<h2>Institutions in {escape(place)} that award it, {ay} (largest {min(INSTITUTIONS_SHOWN, len(inst))}"
            f" of {len(inst):,})</h2><table><tr><th>Institution</th><th>City</th><th>Sector</th>"
            "<th>Completers by award level</th><th>Total</th></tr>"
        )
        for _, r in inst.head(INSTITUTIONS_SHOWN).iterrows():
            by = "; ".join(f"{int(r[lv]):,} {lv}" for lv in levels if r[lv] > 0)
            parts.append(
                f"<tr><td>{escape(str(r['name']))}</td><td>{escape(str(r['city']))}, {escape(str(r['postal']))}</td>"
                f"<td>{escape(str(r['sector']))}</td><td>{escape(by)}</td>"
                f'<td class="n">{int(r["total"]):,}</td></tr>'
            )
        parts.append("</table>")
    notes.append(words.where_counted())
    parts.append(f'<p class="note">{escape(" ".join(notes))}</p></section>')
    return "".join(parts)


def program_brief(ds: Dataset, cip: str, area: str = NATIONAL, url: str | None = None) -> str:
    """The brief of one 6-digit program in an area: its definition, the occupations it leads to (wages here,
    national outlook) and the training section."""
    rel = ds.release
    row = pg.program(ds, cip)
    title = pg.cip_title(row["title"])
    place = _place(ds, area)
    body = [
        f"<h1>{escape(cip)} {escape(title)}</h1>",
        f'<p class="sub">CIP 2020 program · wages for {escape(place)}, OEWS {escape(rel.oews)} · growth and '
        f"openings national, EP {escape(rel.ep)}"
        + (f" · completers {escape(words.year_note(supply.latest(ds)))}" if supply.available(ds) else "")
        + "</p>",
    ]
    if isinstance(row["definition"], str):
        body.append(f'<p class="summary">{escape(row["definition"])}</p>')
    if supply.available(ds):
        year = supply.latest(ds)
        counted = supply.counted_area(ds, area)
        ay = supply.academic_year(year)
        body.append(
            _figures(
                [
                    (f"Completers, {_place(ds, counted)}, {ay}", count(supply.program_total(ds, cip, counted, year))),
                    (
                        f"Institutions awarding it, {_place(ds, counted)}, {ay}",
                        count(len(supply.program_institutions(ds, cip, counted, year))),
                    ),
                    (f"Completers, United States, {ay}", count(supply.program_total(ds, cip, NATIONAL, year))),
                    ("Occupations it leads to (crosswalk)", count(len(pg.occupations(ds, cip, area)))),
                ]
            )
        )
        body.append(training_html(ds, cip, area))
    occ = pg.occupations(ds, cip, area)
    if len(occ):
        body.append(
            f"<section><h2>What it leads to (first {min(OCCUPATIONS_SHOWN, len(occ))} of {len(occ)})</h2><table><tr>"
            f"<th>Occupation (SOC)</th><th>Median annual wage, {escape(place)}</th><th>National growth "
            f"{escape(rel.ep)}</th><th>National openings a year</th><th>Typical education</th></tr>"
        )
        for _, r in occ.head(OCCUPATIONS_SHOWN).iterrows():
            capped = bool(r.get("annual_median_top_coded")) if pd.notna(r.get("annual_median_top_coded")) else False
            body.append(
                f"<tr><td>{escape(str(r['title']))} ({escape(r['soc_code'])})</td>"
                f'<td class="n">{escape(money(r.get("annual_median"), capped))}</td>'
                f'<td class="n">{escape(pct(r.get("change_pct")))}</td>'
                f'<td class="n">{escape(count(r.get("openings_annual")))}</td>'
                f"<td>{escape(r['education'] if isinstance(r.get('education'), str) else 'not released')}</td></tr>"
            )
        body.append("</table></section>")
    more = [pg.SOURCE_LINE + " (NCES)"]
    if supply.available(ds):
        more.insert(0, f"{supply.SOURCE_LINE} (NCES), {words.year_note(supply.latest(ds))}")
    body.append(_citation(rel, url, more))
    return _page(f"{cip} {title}: brief", "".join(body))
