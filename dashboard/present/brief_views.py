"""The Trends and Compare pages as printable briefs: the profile's machinery (brief.py), each citing only its sources."""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboard.core.codes import NATIONAL
from dashboard.core.formatting import count, money, pct
from dashboard.data.dataset import Dataset
from dashboard.domain import occupations, trends
from dashboard.domain import soc as soc_
from dashboard.present.brief import _citation, _page, ranges
from dashboard.present.trend_charts import _label, money_basis, trend_view
from dashboard.present.trend_small import employment_svg


def _table(heads: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    """An HTML table, every cell escaped; columns from `numeric_from` on right-aligned."""
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i >= numeric_from else ''}>{escape(c)}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def compare_brief(ds: Dataset, roles: list[str], area: str, url: str | None = None) -> str:
    """Compare's brief: the wage ranges (annual, in the area), then each occupation's figures side by side,
    with the sentence that says which figures are the area's and which the nation's. Sources: OEWS and EP."""
    rel = ds.release
    place = "United States" if area == NATIONAL else str(ds.areas.loc[area, "area_name"])
    df = occupations.compare_table(ds, roles, area)
    names = [f"{t} ({c})" for t, c in zip(df["title"], df["soc_code"], strict=True)]
    whose = (
        f"Wages and employment are {place}'s (OEWS {rel.oews}); growth, openings and typical education are the "
        f"nation's (BLS Employment Projections {rel.ep}). Compare the occupations figure by figure: a "
        f"{'national' if area == NATIONAL else 'local'} wage beside national growth says nothing about how one "
        "drives the other."
    )
    rows = [
        [
            n,
            money(r["annual_median"], r["annual_median_top_coded"]),
            money(r["hourly_median"], r["hourly_median_top_coded"], True),
            count(r["employment"]),
            pct(r["change_pct"]),
            count(r["openings_annual"]),
            r["education"] if isinstance(r["education"], str) and r["education"] else "not released",
        ]
        for n, (_, r) in zip(names, df.iterrows(), strict=True)
    ]
    heads = [
        "Occupation (SOC)",
        f"Median annual wage, {place}",
        f"Median hourly wage, {place}",
        f"Employment, {place}",
        f"National growth {rel.ep}",
        "National openings a year",
        "Typical education (national)",
    ]
    body = [
        f"<h1>Compare: {len(df)} occupations, {escape(place)}</h1>",
        f'<p class="sub">Wages and employment: {escape(place)}, OEWS {escape(rel.oews)} · '
        f"growth, openings and education: national, EP {escape(rel.ep)}</p>",
        f'<p class="summary">{escape(whose)}</p>',
        f"<section><h2>Annual wage range, {escape(place)}</h2>"
        + ranges(f"Annual wage range, {place}", df, names)
        + "</section>",
        "<section><h2>Side by side</h2>" + _table(heads, rows) + "</section>",
    ]
    if df[[c for c in df if c.endswith("_top_coded")]].any().any():
        body.append(f'<p class="note">{escape(rel.top_code_bar_note(False))}</p>')
    body.append('<p class="note">"not released": BLS did not publish the figure (never zero).</p>')
    body.append(_citation(rel, url, keys=("oews", "ep")))
    return _page(f"Compare occupations, {place}: brief", "".join(body))


def trends_brief(
    ds: Dataset,
    roles: list[str],
    what: str,
    hourly: bool,
    real: bool,
    index: bool,
    projections_for: str | None = None,
    url: str | None = None,
) -> str:
    """Trends' brief: the sentences read aloud, every figure by year as the page shows it (national OEWS
    estimates, as published or restated with CPI-U, or an index), employment drawn for each occupation, and what
    each EP vintage projected for one occupation. Sources: OEWS history and SOC crosswalk; CPI-U when the folder
    has it (the sentences restate wages with it); EP's vintages only when they are shown."""
    df, shown, index_year, _ = trend_view(ds, roles, what, hourly, real, index)
    years = soc_.years(ds)
    first, last = years[0], years[-1]
    figure = "employment" if what == "employment" else f"median {'hourly' if hourly else 'annual'} wage"
    basis = "" if what == "employment" else f", {money_basis(ds, real)}"
    scale = f", index May {index_year} = 100" if index_year else ""
    titles = {r: str(ds.occupations.loc[r, "title"]) for r in roles if r in ds.occupations.index}
    body = [
        f"<h1>Trends: {escape(figure)}, May {first}–{last}, nation</h1>",
        f'<p class="sub">National estimates, OEWS May {first} – May {last} (cross-industry, self-employed not '
        f"included){escape(basis)}{escape(scale)}</p>",
        "<section><h2>In a sentence</h2>"
        + "".join(f"<p>{escape(trends.paragraph(ds, r, hourly))}</p>" for r in roles if r in set(df["soc_code"]))
        + "</section>",
    ]
    if not shown.empty:
        cols = [r for r in roles if r in set(shown["soc_code"])]
        table = shown.pivot_table(index="year", columns="soc_code", values="value", aggfunc="first", dropna=False)
        top = shown.pivot_table(index="year", columns="soc_code", values="top_coded", aggfunc="first", dropna=False)
        rows = [
            [str(int(y))]
            + [
                _label(
                    table.at[y, c] if y in table.index else None,
                    bool(top.at[y, c]) if y in top.index else False,
                    what,
                    hourly,
                    index_year is not None,
                )
                if not pd.isna(table.at[y, c] if y in table.index else None)
                else "not released"
                for c in cols
            ]
            for y in years
        ]
        heads = ["May", *[f"{titles.get(c, c)} ({c})" for c in cols]]
        body.append(
            f"<section><h2>{escape(figure.capitalize())} by year{escape(basis)}{escape(scale)}</h2>"
            + _table(heads, rows)
            + '<p class="note">"not released": BLS published no figure, or the occupation had another '
            "definition that year. ≥: a top-coded wage (BLS publishes only that it is at or above the cap).</p>"
            "</section>"
        )
    if what == "employment":
        drawings = [(r, employment_svg(ds, r)) for r in roles]
        body += [
            f"<section><h2>{escape(titles.get(r, r))} ({escape(r)}): national employment</h2>{svg}</section>"
            for r, svg in drawings
            if svg
        ]
    pick = projections_for if projections_for in roles else roles[0]
    vv = trends.vintages(ds, pick)
    # the sentences restate wages with CPI-U whenever the folder has it, so CPI-U is cited then, not only when
    # the figures are restated
    keys = ["oews", "oews_history", "soc_crosswalk"] + (["cpi"] if trends.deflator(ds) is not None else [])
    if not vv.empty:
        keys.append("ep_vintages")
        rows = [
            [
                str(r["vintage"]),
                count(r["employment_base"]),
                count(r["employment_target"]),
                pct(r["change_pct"]),
                count(r["openings_annual"]),
            ]
            for _, r in vv.iterrows()
        ]
        body.append(
            f"<section><h2>What BLS projected then: {escape(titles.get(pick, pick))} ({escape(pick)})</h2>"
            + f'<p class="note">{escape(trends.EP_VS_OEWS)}</p>'
            + _table(
                ["Vintage", "Base-year employment (EP)", "Projected employment (EP)", "Change", "Openings a year"], rows
            )
            + "".join(f"<p>{escape(s)}</p>" for s in trends.followed(vv)[:1] + trends.followed(vv)[-1:])
            + "</section>"
        )
    if real:
        d = trends.deflator(ds)
        if d is not None:
            body.append(f'<p class="note">{escape(d.note)}</p>')
    body.append(_citation(ds.release, url, keys=tuple(keys)))
    return _page(f"Trends, May {first}–{last}: brief", "".join(body))
