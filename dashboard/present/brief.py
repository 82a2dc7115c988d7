"""Printable briefs: one self-contained HTML page (inline SVG charts, no scripts, nothing fetched)
that prints to PDF from the browser on one or two pages.

Every piece of text from the data passes through html.escape; the charts are drawn here as plain SVG
so the file is small and prints crisply without JavaScript.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

import pandas as pd

from dashboard.core.codes import ALL_OCCUPATIONS, NATIONAL, PERCENTILES
from dashboard.core.formatting import and_list, count, is_missing, money, pct
from dashboard.core.safe import cut
from dashboard.data.dataset import Dataset
from dashboard.data.release import Release
from dashboard.data.schema import LICENSE, SOURCES
from dashboard.domain import industries, occupations, onet, projections, skills, supply, wages
from dashboard.present.onet_charts import brief_html as onet_brief_html
from dashboard.present.theme import PALETTE
from dashboard.present.trend_small import brief_html as trend_brief_html
from dashboard.present.trend_small import brief_sources as trend_sources
from dashboard.words import outlook as outlook_words
from dashboard.words import supply as supply_words
from dashboard.words.summary import gain_text, pathway_summary, summary

W = 700  # drawing width in CSS pixels (fits a letter or A4 page with margins)
LABEL_W = 260
ROW_H = 15
PAIRED_ROW_H = 14
INDUSTRIES_SHOWN = 3  # the brief stays a two-page handout (with who is trained for it); the profile lists more

CSS = """
@page { size: auto; margin: 11mm 12mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.35 "Source Sans Pro", Arial, sans-serif; color: #222; max-width: 190mm; margin: 0 auto; padding: 8px; }
h1 { font-size: 20pt; margin: 0 0 2px; } h2 { font-size: 13pt; margin: 10px 0 4px; border-bottom: 1px solid #ccc; }
.sub { color: #555; margin: 0 0 8px; }
.figs { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; margin: 8px 0; }
.fig { border: 1px solid #ddd; border-radius: 4px; padding: 4px 8px; }
.fig b { display: block; font-size: 15pt; } .fig span { color: #555; font-size: 9pt; }
.summary { background: #eef5fb; border-left: 4px solid #0072B2; padding: 6px 10px; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 4px; text-align: left; vertical-align: top; }
td.n { text-align: right; white-space: nowrap; }
.note, .cite { color: #555; font-size: 8.5pt; line-height: 1.25; }
svg, table, tr, li { break-inside: avoid; page-break-inside: avoid; }  /* a chart, table or row is never cut; text may flow */
h2 { break-after: avoid; page-break-after: avoid; }
/* a long list flows from page to page: never a row cut in two, its headings repeated on each page */
table.rows { break-inside: auto; page-break-inside: auto; }
table.sides td:first-child { white-space: nowrap; }  /* each side's heading on one line: a state's handout stays on two pages */
table.list { font-size: 8pt; line-height: 1.2; } table.list td { padding: 2px 3px; }
table.list td.how { width: 29%; } table.list td.occ { width: 23%; } .code { white-space: nowrap; }
table.rows tr { break-inside: avoid; page-break-inside: avoid; } thead { display: table-header-group; }
svg text { font-family: Arial, sans-serif; }
a { color: #0072B2; }
@media print { .noprint { display: none; } body { padding: 0; } }
"""


def _svg(height: int, body: str, title: str) -> str:
    return (
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{W}" height="{height}" '
        f'viewBox="0 0 {W} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )


def _hatch() -> str:
    return (
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#9cc3e0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#0072B2" stroke-width="3"/>'
        "</pattern></defs>"
    )


def bars(title: str, categories: list[str], series: list[tuple[str, list, list[str], list[bool]]]) -> str:
    """Horizontal bars, grouped by category; series = (name, values, texts, top_coded flags).

    A missing value draws no bar and says "not released"; a top-coded bar is hatched.
    """
    values = [v for _, vals, _, _ in series for v in vals if not is_missing(v)]
    top = max(values) if values else 1
    scale = (W - LABEL_W - 150) / top if top else 0
    n = len(series)
    row_h = ROW_H if n == 1 else PAIRED_ROW_H  # two places side by side: thinner bars keep a handout on two pages
    group_h = row_h * n + 8
    legend = 18 if n > 1 else 0
    parts = [_hatch()]
    for i, (name, *_rest) in enumerate(series if n > 1 else []):
        x = LABEL_W + i * 180
        parts.append(f'<rect x="{x}" y="3" width="10" height="10" fill="{PALETTE[i]}"/>')
        parts.append(f'<text x="{x + 14}" y="12" font-size="11">{escape(name)}</text>')
    for c, cat in enumerate(categories):
        y0 = legend + c * group_h
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y0 + group_h / 2 + 3:.0f}" font-size="11" text-anchor="end">'
            f"{escape(_fit(cat, 46))}</text>"
        )
        for s, (_name, vals, texts, capped) in enumerate(series):
            v = vals[c]
            y = y0 + s * row_h + 4
            w = 0 if is_missing(v) else max(v * scale, 1)
            fill = "url(#hatch)" if capped[c] else PALETTE[s]
            if w:
                parts.append(
                    f'<rect class="bar" x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{row_h - 5}" fill="{fill}"/>'
                )
            parts.append(
                f'<text x="{LABEL_W + w + 4:.1f}" y="{y + row_h - 9}" font-size="11">{escape(texts[c])}</text>'
            )
    return _svg(legend + len(categories) * group_h + 4, "".join(parts), title)


def _fit(label: str, n: int) -> str:
    """A chart label in n characters, ending in "…" where it is cut; a code at its end ("(49-9021)") kept
    ("Heating, Air Conditioning, and Refrigeration" had lost "Mechanics and Installers (49-9021)" unmarked)."""
    m = re.fullmatch(r"(.*) (\([0-9][0-9.-]*\))", label)
    if m is None or len(label) <= n:
        return cut(label, n)
    return f"{cut(m.group(1), n - len(m.group(2)) - 1)} {m.group(2)}"


def ranges(title: str, df: pd.DataFrame, labels: list[str]) -> str:
    """10th–90th percentile bars (25th–75th darker) with the median marked and labelled."""
    cols = [f"annual_{p}" for p in PERCENTILES]
    known = df[cols].stack().dropna() if len(df) else pd.Series(dtype=float)
    lo, hi = (float(known.min()), float(known.max())) if len(known) else (0.0, 1.0)
    lo = max(0.0, lo * 0.95)
    span = (hi - lo) or 1.0
    plot_w = W - LABEL_W - 20

    def x(v):
        return LABEL_W + (v - lo) / span * plot_w

    h = 34
    parts = [_hatch()]
    for i, (label, (_, r)) in enumerate(zip(labels, df.iterrows(), strict=True)):
        y = i * h + 14
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 12}" font-size="11" text-anchor="end">{escape(_fit(label, 44))}</text>'
        )
        if is_missing(r["annual_p10"]) or is_missing(r["annual_p90"]):
            parts.append(
                f'<text x="{LABEL_W}" y="{y + 12}" font-size="11" fill="#555">annual wages not released</text>'
            )
            continue
        parts.append(
            f'<rect class="bar" x="{x(r["annual_p10"]):.1f}" y="{y + 4}" width="{max(x(r["annual_p90"]) - x(r["annual_p10"]), 1):.1f}" '
            f'height="12" fill="#BFD7EA"/>'
        )
        if not is_missing(r["annual_p25"]) and not is_missing(r["annual_p75"]):
            fill = "url(#hatch)" if r["annual_p75_top_coded"] else PALETTE[0]
            parts.append(
                f'<rect class="bar" x="{x(r["annual_p25"]):.1f}" y="{y + 6}" width="{max(x(r["annual_p75"]) - x(r["annual_p25"]), 1):.1f}" '
                f'height="8" fill="{fill}"/>'
            )
        if not is_missing(r["annual_median"]):
            mx = x(r["annual_median"])
            parts.append(
                f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{y}" y2="{y + 20}" stroke="{PALETTE[5]}" stroke-width="3"/>'
            )
            parts.append(
                f'<text x="{mx:.1f}" y="{y - 1}" font-size="10" text-anchor="middle" font-weight="bold">'
                f"{escape(money(r['annual_median'], r['annual_median_top_coded']))}</text>"
            )
    axis_y = len(df) * h + 16
    step = next((s for s in (10_000, 20_000, 25_000, 50_000, 100_000, 200_000) if span / s <= 6), 500_000)
    first = -(-lo // step) * step
    for v in [first + k * step for k in range(int((hi - first) // step) + 1)]:
        parts.append(
            f'<text x="{x(v):.1f}" y="{axis_y}" font-size="9" fill="#555" text-anchor="middle">${v:,.0f}</text>'
        )
    parts.append(
        f'<text x="{LABEL_W}" y="{axis_y + 14}" font-size="9" fill="#555">Light bar: 10th–90th percentile; dark: '
        "25th–75th; mark: median annual wage</text>"
    )
    return _svg(axis_y + 20, "".join(parts), title)


def _figures(items: list[tuple[str, str]]) -> str:
    return (
        '<div class="figs">'
        + "".join(f'<div class="fig"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for k, v in items)
        + "</div>"
    )


TWO_VINTAGES = (
    "The state's projection and the nation's are different vintages: compare their direction, not their numbers."
)


def _with_year(label: str, value: str) -> str:
    """'14,610 (2022)' for 'Michigan employment 2022': the year a figure is of, beside it."""
    year = label.rsplit(" ", 1)[-1]
    return f"{value} ({year})" if year.isdigit() and len(year) == 4 and value != "not released" else value


def _state_outlook(ds: Dataset, soc: str, area: str) -> str:
    """The state's projection beside the nation's, as the profile shows them (outlook.profile); '' for the nation."""
    o = outlook_words.profile(ds, soc, area, ds.release.ep, ds.release.ep_base, ds.release.ep_target)
    if o is None:
        return ""
    if not o.sides:
        return f'<section><h2>{escape(o.heading)}</h2><p class="note">{escape(" ".join(o.notes))}</p></section>'
    # one line per side (the figures' labels are the columns' headings): the handout stays on two pages
    heads = ("Projections: two vintages, two sources", "Employment", "Projected", "Change", "Openings a year")
    rows = "".join(
        f"<tr><td>{escape(side.heading)}</td>"
        + "".join(f'<td class="n">{escape(_with_year(k, v))}</td>' for k, v in side.figures)
        + "</tr>"
        for side in o.sides
    )
    table = '<table class="sides"><tr>' + "".join(f"<th>{h}</th>" for h in heads) + f"</tr>{rows}</table>"
    # the profile's long two-vintages note in a line (the table's heading and rows name both vintages)
    said = [n for n in o.notes if not n.startswith("Two vintages")] + [TWO_VINTAGES]
    return f'<section>{table}<p class="note">{escape(" ".join(said))}</p></section>'


def _citation(
    rel: Release, url: str | None, more: list[str] | None = None, keys: tuple[str, ...] = ("oews", "ep")
) -> str:
    """The Sources section: each source in `keys` (schema.SOURCES; a brief names only those it uses), then `more`."""
    releases = {
        "oews": f"reference period {rel.oews}",
        "ep": f"base year {rel.ep_base}, projected year {rel.ep_target}",
    }
    titles = rel.source_titles
    lines = [
        f"{escape(SOURCES[k]['publisher'])}, <i>{escape(titles.get(k) or SOURCES[k]['title'])}</i>, "
        + (f"{escape(releases[k])}, " if k in releases else "")
        + f"{escape(SOURCES[k]['path'])} (files retrieved {escape(SOURCES[k]['retrieved'])})."
        for k in keys
    ] + [escape(m) + "." for m in more or []]
    back = f'<br>This view online: <a href="{escape(url, quote=True)}">{escape(url)}</a>' if url else ""
    return (
        '<section><h2>Sources</h2><p class="cite">'
        + "<br>".join(lines)
        + f"<br>{escape(LICENSE['title'])}. Compiled by Workforce Outlook on {date.today():%B %d, %Y}.{back}</p></section>"
    )


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<style>{CSS}</style></head><body>{body}"
        '<p class="noprint note">Print this page (Ctrl+P / ⌘P) and choose “Save as PDF”.</p></body></html>'
    )


def _training(ds: Dataset, soc: str, area: str, levels: tuple[int, ...] | None) -> tuple[str, str | None]:
    """The profile's "Where people train for it" as the brief prints it (the same figures, the caveat beside
    the ratio), and the sources it used; ('', None) where the folder has no IPEDS completions."""
    cmp = supply.comparison(ds, soc, area, levels)
    if cmp is None:
        return "", None
    names = supply.level_names(ds)
    whose, label, short = cmp.whose, supply.year_label(cmp.year), cmp.openings_label
    place = "United States" if whose == NATIONAL else ds.areas.loc[whose, "area_name"]
    counted = (
        "at the levels matching its typical education"
        if cmp.default
        else "award levels: " + "; ".join(names[lv] for lv in cmp.levels)
    )
    state = " (its state's: projections are published for states only)" if whose != area else ""
    # one paragraph in the notes' type, not a section with a table: the handout was already at two pages
    html = (
        f'<p class="note"><b>Where people train for it: {escape(place)}{escape(state)}.</b> '
        f"<b>{escape(count(cmp.completers))}</b> completers of related programs ({escape(label)}, {escape(counted)}) · "
        f"<b>{escape(count(cmp.openings))}</b> openings a year ({escape(short)}) · "
        f"<b>{escape('not released' if cmp.ratio is None else f'{cmp.ratio:,.2f}')}</b> completers per annual opening. "
        f"{escape(supply_words.comparison_caveat())} {escape(supply_words.where_counted())}</p>"
    )
    sources = f"{supply.SOURCE_LINE} ({label}); {onet.PROGRAMS_SOURCE}"  # openings: cited with the projections
    return html, sources


def occupation_brief(
    ds: Dataset, soc: str, area: str = NATIONAL, url: str | None = None, levels: tuple[int, ...] | None = None
) -> str:
    rel = ds.release
    occ = ds.occupations.loc[soc]
    place = "United States" if area == NATIONAL else ds.areas.loc[area, "area_name"]
    w = wages.wage_row(ds, soc, area)
    p = projections.projection(ds, soc)
    allp = projections.projection(ds, ALL_OCCUPATIONS)
    tc = wages.any_capped(w)
    state_html = _state_outlook(ds, soc, area) if projections.available(ds) else ""
    training, training_sources = _training(ds, soc, area, levels)
    figs = [
        (f"Employment, {place}", count(None if w is None else w["employment"])),
        (
            f"Median annual wage, {place}",
            money(None if w is None else w["annual_median"], wages.capped(w, "annual_median")),
        ),
        # whose: the nation's (a state's brief had "+7.0% Projected change" beside its own employment and wage,
        # and its page showed the state's +15.2%)
        (
            f"Projected change {rel.ep}, United States (all occupations {allp['change_pct']:.1f}%)",
            "not released" if p is None else pct(p["change_pct"]),
        ),
        (f"Openings a year {rel.ep}, United States", "not released" if p is None else count(p["openings_annual"])),
    ]
    body = [
        f"<h1>{escape(occ['title'])}</h1>",
        f'<p class="sub">SOC {escape(soc)} · figures for {escape(place)}; projected change and openings: national, '
        f"{escape(rel.ep)}{' (the state’s below)' if state_html else ''}</p>",
        _figures(figs),
        f'<p class="summary">{escape(summary(ds, soc, area))}</p>',
        state_html,
        '<p class="note">'  # one line: the table it was took a handout's height for three words
        + " · ".join(
            f"{k}: {escape(occ[c] or 'not released')}"
            for k, c in (
                ("Typical education", "education"),
                ("Work experience", "experience"),
                ("On-the-job training", "training"),
            )
        )
        + f" (national, EP {escape(rel.ep)})</p>",
        onet_brief_html(ds, soc),  # O*NET: what they do, the top skills, and O*NET's attribution
        training,  # IPEDS completers beside the openings: text, so it fills the room a chart left on page one
    ]
    wp = wages.wage_percentiles(ds, soc, area)
    cats = list(dict.fromkeys(wp["percentile"]))
    series = [
        (name, list(g["wage"]), list(g["label"]), list(g["top_coded"])) for name, g in wp.groupby("place", sort=False)
    ]
    body.append(
        f"<section><h2>Annual wage percentiles, {escape(place)}</h2>{bars('Annual wage percentiles', cats, series)}</section>"
    )
    body.append(trend_brief_html(ds, soc))  # national OEWS employment since May 2013, and its sentence
    split = projections.openings_split(ds, soc)
    if split is not None and state_html:  # a state's brief says it in a line: its table took the chart's room
        parts = and_list(
            [f"{v:,} from {c.lower()}" for c, v in zip(split["component"], split["openings"], strict=True)]
        )
        body.append(
            f'<p class="note">Where the nation\'s openings come from, a year ({escape(rel.ep)}): {escape(parts)}.</p>'
        )
    elif split is not None:
        body.append(
            f"<section><h2>Where the openings come from (a year, {rel.ep})</h2>"
            + bars(
                "Openings a year",
                list(split["component"]),
                [("Openings", list(split["openings"]), [f"{v:,}" for v in split["openings"]], [False] * 3)],
            )
            + "</section>"
        )
    top = industries.hiring_industries(ds, soc, level=3, n=INDUSTRIES_SHOWN)
    if len(top):
        texts = [
            f"{int(e):,} ({s:.0f}% of its jobs)" if pd.notna(s) else f"{int(e):,}"
            for e, s in zip(top["employment"], top["share"], strict=True)
        ]
        body.append(
            "<section><h2>Industries that hire it most (national)</h2>"
            + bars(
                "Top hiring industries",
                list(top["industry"]),
                [("Employment", list(top["employment"]), texts, [False] * len(top))],
            )
            + "</section>"
        )
    notes = []
    basis = wages.pay_basis(w) if w is not None else None
    if basis:
        notes.append(f"BLS publishes {basis.split()[0]} wages only for this occupation (OEWS footnote 4).")
    if tc:
        notes.append(rel.top_code_note)
    if notes:
        body.append('<p class="note">' + " ".join(escape(n) for n in notes) + "</p>")
    more = ([projections.source_line(ds) + ", each state's own statistics"] if state_html else []) + trend_sources(ds)
    more += [training_sources] if training_sources else []
    body.append(_citation(rel, url, more))
    return _page(f"{occ['title']}: brief", "".join(body))


def pathway_brief(ds: Dataset, socs: list[str], area: str, title: str, url: str | None = None) -> str:
    rel = ds.release
    place = "United States" if area == NATIONAL else ds.areas.loc[area, "area_name"]
    df = occupations.pathway_table(ds, socs, area)
    labels = [f"{s}. {st}" for s, st in zip(df["step"], df["stage"], strict=True)]
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">{len(df)} steps · wages for {escape(place)}, OEWS {rel.oews} · outlook national, EP {rel.ep}</p>',
        f'<p class="summary">{escape(pathway_summary(df))}</p>',
        f"<section><h2>Wage band at each step, {escape(place)}</h2>{ranges('Wage bands by step', df, labels)}</section>",
        "<section><h2>The steps</h2><table><tr><th>Step</th><th>Occupation (SOC)</th><th>Median wage</th>"
        f"<th>Gain from previous step</th><th>Employment</th><th>Growth {rel.ep}</th><th>Openings a year</th>"
        "<th>Typical education</th><th>Work experience</th></tr>",
    ]
    for _, r in df.iterrows():
        body.append(
            f"<tr><td>{r['step']}. {escape(r['stage'])}</td><td>{escape(r['title'])} ({escape(r['soc_code'])})</td>"
            f'<td class="n">{escape(money(r["annual_median"], r["annual_median_top_coded"]))}</td>'
            f'<td class="n">{escape(gain_text(r))}</td><td class="n">{escape(count(r["employment"]))}</td>'
            f'<td class="n">{escape(pct(r["change_pct"]))}</td><td class="n">{escape(count(r["openings_annual"]))}</td>'
            f"<td>{escape(r['education'] or 'not released')}</td><td>{escape(r['experience'] or 'not released')}</td></tr>"
        )
    body.append("</table></section>")
    body.append(skills.brief_html(skills.ladder(ds, list(df["soc_code"]), list(df["stage"]))))  # O*NET
    body.append(_citation(ds.release, url))
    return _page(f"{title}: brief", "".join(body))
