"""The in-demand list as a printable brief: the same self-contained HTML as the other briefs (no scripts,
nothing fetched), with the rule used, its sources and vintages, for a board to put in its plan."""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboard.core.formatting import count, money, pct
from dashboard.data.dataset import Dataset
from dashboard.domain import demand, projections, supply
from dashboard.present.brief import _citation, _figures, _page
from dashboard.words import demand as demand_words
from dashboard.words import supply as supply_words


def _ratio(value) -> str:
    """Completers per opening as the brief's cell reads it: '0.51', or 'not released'."""
    return "not released" if pd.isna(value) else f"{value:,.2f}"


def _rows_table(
    heading: str,
    rows: pd.DataFrame,
    name: str,
    sv: str,
    label: str,
    trained: bool,
    why: demand.Rule | None,
    ranked: str = "in demand",
) -> str:
    """One list as the brief prints it: a heading row that repeats on each page, rows never cut across pages
    (brief.CSS: table.rows); `why` adds why the rule leaves each row out, in place of its rank."""
    head = (
        (f"<th>Rank ({escape(ranked)})</th>" if why is None else "<th>Not in demand because</th>")
        + f"<th>Occupation (SOC)</th><th>Score</th><th>Openings a year {escape(sv)}</th><th>Growth {escape(sv)}</th>"
        "<th>Median annual wage</th>"
        + (
            f"<th>Completers of related programs ({escape(label)})</th><th>Completers per opening</th>"
            if trained
            else ""
        )
        + "<th>Typical education</th><th>How the score was made (P = percentile rank, 0–100)</th>"
    )
    out = [f'<section><h2>{escape(heading)}</h2><table class="rows list"><thead><tr>{head}</tr></thead><tbody>']
    for _, r in rows.iterrows():
        score = "not scored" if pd.isna(r["score"]) else f"{r['score']:.1f}"
        first = (
            ("" if pd.isna(r["rank"]) else str(int(r["rank"]))) if why is None else escape(demand_words.why_not(r, why))
        )
        out.append(
            f"<tr><td>{first}</td>"
            f'<td class="occ">{escape(str(r["title"]))} <span class="code">({escape(r["soc_code"])})</span></td><td class="n">{score}</td>'
            f'<td class="n">{escape(count(r["openings_annual"]))}</td><td class="n">{escape(pct(r["change_pct"]))}</td>'
            f'<td class="n">{escape(demand_words.wage_text(r))}</td>'
            + (
                f'<td class="n">{escape(count(r["related_completers"]))}</td>'
                f'<td class="n">{_ratio(r["per_opening"])}</td>'
                if trained
                else ""
            )
            + f"<td>{escape(r['education'] if isinstance(r['education'], str) else 'not released')}</td>"
            f'<td class="note how">{escape(r["how_short"])}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return "".join(out)


def demand_brief(
    ds: Dataset,
    state: str,
    weights: tuple[float, float, float],
    shown: pd.DataFrame,
    filters: list[str],
    url: str | None = None,
    industry: demand.IndustryMatch | None = None,
    shortfall: float | None = None,
    rule: demand.Rule | None = None,
    left_out: pd.DataFrame | None = None,
) -> str:
    """The brief of the list `shown` (the scored rows left after the filters, in the page's order); with an
    industry filter, its rule (national OEWS industry staffing) among the rule used. With `shortfall` (the
    rows from demand.with_training), the completers of related programs, completers per opening, the
    "training may fall short" rule at that ratio and the caveat beside them. With `rule` (what counts as in
    demand) its sentence, and `left_out` (the rows it leaves out, after the filters) listed apart with why.
    Every row the page lists is printed; rows are never cut across pages and the headings repeat on each."""
    rel = ds.release
    name = projections.state_name(ds, state)
    sv = projections.vintage(ds)
    all_median = demand.scored(ds, state, weights).attrs.get("all_median")
    figs = [
        (f"Occupations {name} projects ({sv})", f"{len(demand.scored(ds, state, weights)):,}"),
        ("On this list after the filters", f"{len(shown):,}"),
        (f"{name} all-occupation median wage (OEWS {rel.oews})", money(all_median)),
        ("Weights: openings, growth, wage", " · ".join(f"{w:g}" for w in weights)),
    ]
    body = [
        f"<h1>In-demand occupations: {escape(name)}</h1>",
        f'<p class="sub">State projections {escape(sv)} ({escape(projections.source_line(ds))}) · wages OEWS '
        f"{escape(rel.oews)} · typical education BLS EP {escape(rel.ep)} (national)</p>",
        _figures(figs),
        (
            f'<p class="summary"><b>What counts as in demand.</b> {escape(demand_words.in_demand_rule(rule, sv, name))}</p>'
            if rule is not None
            else ""
        ),
        f'<p class="summary"><b>Rule used.</b> {escape(demand_words.rule_text(weights, sv, rel.oews, rel.cap))}'
        + (f" {escape(industry.rule(rel.oews, name))}" if industry is not None else "")
        + "</p>",
        '<p class="note">Filters: ' + escape("; ".join(filters) or "none") + "</p>",
    ]
    trained = shortfall is not None and "per_opening" in shown.columns
    label = supply.year_label(supply.latest(ds)) if trained else ""
    if trained:
        body.append(
            f'<p class="summary"><b>Who is trained for it.</b> {escape(supply_words.comparison_caveat())} '
            f"{escape(supply_words.shortfall_rule(shortfall))} Completers: {escape(supply_words.year_note(supply.latest(ds)))}"
            f", at the award levels matching each occupation's typical entry education. "
            f"{escape(supply_words.where_counted())}</p>"
        )
    left = left_out if left_out is not None and len(left_out) else None
    ranked = "in demand" if rule is not None else "projected"
    body.append(_rows_table(f"The list ({len(shown):,} {ranked})", shown, name, sv, label, trained, None, ranked))
    if left is not None:
        declining = int(left["outlook"].eq("declining").sum()) if "outlook" in left.columns else 0
        body.append(
            _rows_table(
                f"Not in demand by this rule ({len(left):,}, {declining:,} declining): listed apart, not ranked",
                left,
                name,
                sv,
                label,
                trained and "per_opening" in left.columns,
                rule,
            )
        )
    notes = [
        f"Projections are {name}'s own ({sv}); they are not combined with the national {rel.ep} projections.",
        "An occupation the state does not project is not on the list (not released, never zero).",
    ]
    if shown["top_coded"].any():
        notes.append(rel.top_code_rank_note)
    body.append('<p class="note">' + " ".join(escape(n) for n in notes) + "</p>")
    cite = _citation(rel, url)
    state_cite = (
        f"{escape(projections.SOURCE)}, <i>{escape(projections.source_line(ds))}</i>, https://projectionscentral.org/ "
        "(the states' official statistics; cite the source and its vintage).<br>"
    )
    if trained:
        state_cite += (
            f"{escape(supply.SOURCE_LINE)} ({escape(label)}), https://nces.ed.gov/ipeds/; "
            "NCES CIP 2020 ↔ SOC 2018 crosswalk (related programs).<br>"
        )
    body.append(cite.replace('<p class="cite">', f'<p class="cite">{state_cite}', 1))
    return _page(f"In-demand occupations, {name}: brief", "".join(body))
