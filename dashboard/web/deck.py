"""Each page's slides from the Dataset and its parsed view (no Streamlit): the figures the page draws, as a deck.

One function a page, so a `/slides?view=…` link builds the deck of a view that is not open, and the page's own
"Download slides" button builds the same deck: both read the same domain queries the page reads, and their
numbers are the page's (tests compare them with the page's CSV). `read_link` turns a view's link into its
page and View with the page's declared parameters; an unknown page or parameter is refused with a message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

import pandas as pd

from dashboard.core.codes import FIRST_INDUSTRY, MEASURES, NATIONAL
from dashboard.core.formatting import count, money, pct
from dashboard.data.dataset import Dataset
from dashboard.domain import areas as areas_
from dashboard.domain import demand, industries, occupations, projections, skills, supply, trend_summary, trends, wages
from dashboard.domain import onet as onet_
from dashboard.domain import programs as pg
from dashboard.domain import soc as soc_
from dashboard.present import charts, demand_table, slides, trend_charts, trend_small
from dashboard.present.slides import Bars, Bubbles, Deck, Lines, MapShapes, Ranges, Series, Slide, Table
from dashboard.present.theme import LINES, MUTED, PALETTE, on_white
from dashboard.web import params
from dashboard.web.pages import BY_NAME
from dashboard.web.params import View
from dashboard.words import demand as demand_words
from dashboard.words import outlook as outlook_words
from dashboard.words import summary
from dashboard.words import supply as supply_words

TOP = 15  # bars on a ranking slide, rows of a top list: as many as the page's own top chart


def _place(ds: Dataset, area: str) -> str:
    return "United States" if area == NATIONAL else str(ds.areas.loc[area, "area_name"])


def _title(ds: Dataset, soc: str) -> str:
    return str(ds.occupations.loc[soc, "title"])


def _date(ds: Dataset) -> str:
    rel = ds.release
    return f"Figures of OEWS {rel.oews} and EP {rel.ep}; made {dt.date.today():%B %-d, %Y}"


def _labels_of(values, tops, hourly: bool = False) -> list[str]:
    return [money(v, t, hourly) for v, t in zip(values, tops, strict=True)]


def cells(table: pd.DataFrame, kinds: dict[str, str]) -> list[list[str]]:
    """A page's table as a slide's text, each cell as the page words its kind; an empty cell is not released."""
    words = {"count": count, "change": pct, "share": "{:.1f}".format, "ratio": "{:.2f}".format, "money": money}
    return [
        [
            "not released" if v is None or (not isinstance(v, str) and pd.isna(v)) else words.get(kinds.get(c), str)(v)
            for c, v in row.items()
        ]
        for _, row in table.iterrows()
    ]


def _num(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


# --- the pages ----------------------------------------------------------------------------------------------


def occupation(ds: Dataset, v: View) -> Deck | None:
    """The profile: headline figures, the state's outlook, wage percentiles, trend, openings, industries, O*NET, programs."""
    if not v.roles:
        return None
    soc, area, hourly = v.roles[0], v.area, v.hourly
    rel, name, place = ds.release, _title(ds, soc), _place(ds, area)
    basis = "hourly" if hourly else "annual"
    src = f"Source: {rel.source_line}"
    w = wages.wage_row(ds, soc, area)
    p = projections.projection(ds, soc)
    caveats: list[str] = []
    if p is None:
        caveats.append("BLS Employment Projections publish no projection for this occupation code: not released.")
    if wages.any_capped(w):
        caveats.append(rel.top_code_note)
    if w is None:
        caveats.append(f"BLS does not publish figures for this occupation in {place}: not released.")
    elif basis_only := wages.pay_basis(w):
        caveats.append(f"BLS publishes {basis_only.split()[0]} wages only for this occupation (OEWS footnote 4).")
    col = f"{basis}_median"
    occ = ds.occupations.loc[soc]
    figures = [
        [f"Employment, {place} (OEWS {rel.oews})", count(None if w is None else w["employment"])],
        [
            f"Median {basis} wage, {place} (OEWS {rel.oews})",
            money(None if w is None else w[col], wages.capped(w, col), hourly),
        ],
        [f"Projected change, national (EP {rel.ep})", pct(None if p is None else p["change_pct"])],
        [f"Openings a year, national (EP {rel.ep})", count(None if p is None else p["openings_annual"])],
        ["Typical education (EP)", occ["education"] or "not released"],
        ["Work experience (EP)", occ["experience"] or "not released"],
    ]
    # the state's own projection first, as the page's tiles under "Figures for <place>" (a slide titled with the
    # place showed the nation's alone), then the nation's, each with its vintage
    home = projections.state_of(ds, area) if projections.available(ds) else None  # the area's state
    r = None if home is None else projections.state_row(ds, home, soc)
    if r is not None:
        whose = projections.state_name(ds, home) + ("" if home == area else ", the area's state")
        sv = f"Projections Central {projections.vintage(ds)}"
        figures[2:2] = [
            [f"Projected change, {whose} ({sv})", pct(r["change_pct"])],
            [f"Openings a year, {whose} ({sv})", count(r["openings_annual"])],
        ]
    said = summary.summary(ds, soc, area)
    head_src = src if r is None else f"{src}; {projections.source_line(ds)}"
    out = [
        Slide(f"{name}: the headline figures, {place}", head_src, Table(["Figure", "Value"], figures), [said, *caveats])
    ]
    state = outlook_words.profile(ds, soc, area, rel.ep, rel.ep_base, rel.ep_target)
    if state is not None and state.sides:  # the state's own projection beside the nation's, each with its vintage
        out.append(
            Slide(
                f"{name}: {state.heading}",
                f"Source: {projections.source_line(ds)}; BLS Employment Projections {rel.ep}",
                Table(
                    ["Whose", "Figure", "Value"],
                    [[side.heading, a, b] for side in state.sides for a, b in side.figures],
                ),
                list(state.notes),
            )
        )
    wp = wages.wage_percentiles(ds, soc, area, hourly)
    if len(wp):
        series = [
            Series(str(pl), [_num(x) for x in d["wage"]], PALETTE[i], list(d["label"]))
            for i, (pl, d) in enumerate(wp.groupby("place", sort=False))
        ]
        cats = list(dict.fromkeys(wp["percentile"]))
        out.append(
            Slide(
                f"{name}: {basis} wage percentiles, {place}"
                + ("" if area == NATIONAL else " and the United States")
                + f", OEWS {rel.oews}",
                src,
                Bars(cats, series, "$#,##0.00" if hourly else "$#,##0", horizontal=False, axis_title=f"{basis} wage"),
                [*caveats, "A top-coded wage is a lower bound (≥): BLS publishes no higher figure."]
                if wp["top_coded"].any()
                else caveats,
            )
        )
    out += _profile_trend(ds, soc, hourly)
    split = projections.openings_split(ds, soc)
    if split is not None:
        out.append(
            Slide(
                f"{name}: where the openings come from, national, EP {rel.ep}",
                f"Source: BLS Employment Projections {rel.ep} (Table 1.10)",
                Bars(
                    list(split["component"]),
                    [Series("Openings a year", [_num(x) for x in split["openings"]], PALETTE[0])],
                    axis_title=f"Openings a year ({rel.ep} average)",
                ),
                ["Annual openings = growth + labor-force exits + occupational transfers (EP Table 1.10)."],
            )
        )
    for by, what, colour in (("employment", "top hiring industries", PALETTE[0]), ("wage", "top-paying", PALETTE[2])):
        rows = industries.hiring_industries(ds, soc, level=v.level, by=by)
        value = "employment" if by == "employment" else "annual_median"
        rows = rows.dropna(subset=[value])
        if rows.empty:
            continue
        labels = (
            [f"{int(x):,}" for x in rows[value]]
            if by == "employment"
            else _labels_of(rows["annual_median"], rows["annual_median_top_coded"])
        )
        out.append(
            Slide(
                f"{name}: {what if by == 'employment' else 'top-paying industries'}, national, OEWS {rel.oews}",
                src,
                Bars(
                    list(rows["industry"]),
                    [
                        Series(
                            "Employment" if by == "employment" else "Median annual wage",
                            list(rows[value]),
                            colour,
                            labels,
                        )
                    ],
                    "#,##0" if by == "employment" else "$#,##0",
                    axis_title="Employment" if by == "employment" else "Median annual wage in the industry",
                ),
                [rel.industry_share_note]
                if by == "employment"
                else [
                    f"Ranked among industries with at least {industries.PAY_RANK_MIN_EMPLOYMENT:,} jobs in the "
                    f"occupation and a wage RSE of at most {industries.PAY_RANK_MAX_RSE:.0f}%."
                ],
            )
        )
    c = onet_.content(ds, soc)
    for frame, what in ((c.skills, "skills"), (c.knowledge, "knowledge")):
        if not c.code or frame.empty:
            continue
        out.append(
            Slide(
                f"{name}: the {len(frame)} most important {what}, and the level required",
                f"Source: {onet_.SOURCE_LINE}",
                # a table, not bars: importance (1–5) and level (0–7) are two scales, and bars on one axis made a
                # level of 4.38 of 7 look larger than an importance of 4.12 of 5 (the page draws two panels)
                Table(
                    ["Skill" if what == "skills" else "Knowledge area", "Importance (1–5)", "Level required (0–7)"],
                    [
                        [str(e), *("not shown" if pd.isna(x) else f"{x:.2f}" for x in (i, lv))]
                        for e, i, lv in zip(frame["element"], frame["importance"], frame["level"], strict=True)
                    ],
                ),  # fmt: skip
                [
                    "O*NET rates how important each one is (1–5) and the level the work requires (0–7). A level O*NET "
                    "advises against showing, or marks not relevant, is left out."
                ],
            )
        )
    if len(c.programs):
        out.append(
            Slide(
                f"{name}: programs that lead here (CIP 2020)",
                f"Source: {onet_.PROGRAMS_SOURCE}",
                Table(
                    ["CIP code", "Program"],
                    [[a, b] for a, b in zip(c.programs["cip_code"], c.programs["title"], strict=True)],
                ),
                [f"CIP 2020 programs the {onet_.PROGRAMS_SOURCE} maps to this occupation."],
            )
        )
    trained = _occupation_training(ds, soc, area, v.levels)
    out += trained
    return Deck(
        f"{name} ({soc})",
        place,
        _date(ds),
        [rel.source_line]
        + ([onet_.PROGRAMS_SOURCE] if len(c.programs) else [])
        + ([supply.SOURCE_LINE] if trained else []),
        params.link("occupation", v),
        out,
        [said],
    )


def _occupation_training(ds: Dataset, soc: str, area: str, chosen: tuple[int, ...] | None) -> list[Slide]:
    """Where people train for it: completers of related programs beside the state's (or the nation's) openings,
    the figures the profile's section shows, and the programs behind them."""
    cmp = supply.comparison(ds, soc, area, chosen)
    if cmp is None:
        return []
    names = supply.level_names(ds)
    whose, year, levels, line, openings_label = cmp.whose, cmp.year, cmp.levels, cmp.openings_source, cmp.openings_label
    label = supply.year_label(year)
    whose_place = _place(ds, whose)
    education = ds.occupations.loc[soc, "education"] or None
    notes = [
        supply_words.comparison_caveat(),
        supply_words.levels_counted([names[lv] for lv in levels], education, cmp.default, page=False),
        f"{supply_words.year_note(year)}. {supply_words.where_counted()}",
    ]
    if whose != area:
        kind = ds.areas.loc[area, "area_type"] if area in ds.areas.index else "national"
        notes.insert(0, supply_words.openings_for(_place(ds, area), whose_place, kind))
    src = f"Source: {supply.SOURCE_LINE}; {onet_.PROGRAMS_SOURCE}" + (f"; {line}" if line else "")
    rows = [
        [f"Completers of related programs, {label}", count(cmp.completers)],
        [f"Openings a year, {openings_label}", "not released" if cmp.openings is None else count(cmp.openings)],
        ["Completers per annual opening", "not released" if cmp.ratio is None else f"{cmp.ratio:,.2f}"],
    ]
    other = supply.not_counted(ds, soc, whose, levels, year)
    if other:  # as the profile: a count of 0 is not read as no one trained (the levels, by name, in the notes)
        rows.append([f"Completers at other award levels, not counted, {label}", count(sum(other.values()))])
        notes.insert(2, supply_words.other_levels(other, whose_place, page=False))
    out = [
        Slide(
            f"{_title(ds, soc)}: where people train for it, {whose_place}",
            src,
            Table(["Figure", whose_place], rows, supply_words.comparison_caveat()),
            notes,
        )
    ]
    table = supply.occupation_programs(ds, soc, whose, levels, year)
    offered = table[table["completers"] > 0].head(TOP)
    if len(offered):
        out.append(
            Slide(
                f"Completers of the programs that lead to {_title(ds, soc)}, {whose_place}, {label}",
                f"Source: {supply.SOURCE_LINE}; {onet_.PROGRAMS_SOURCE}",
                Bars(
                    [f"{str(t).rstrip('.')} ({c})" for c, t in zip(offered["cip_code"], offered["title"], strict=True)],
                    [Series(whose_place, [float(x) for x in offered["completers"]], PALETTE[0])],
                    axis_title="Completers",
                ),
                notes[-3:],
            )
        )
    return out


def _profile_trend(ds: Dataset, soc: str, hourly: bool) -> list[Slide]:
    """The profile's national trend: employment, and the median wage as published and in real dollars."""
    if not trends.available(ds) or not soc_.lineage(ds, soc).codes:
        return []
    t = trend_small.profile_table(ds, soc, hourly)
    span, name, basis = trend_small.span(ds), _title(ds, soc), "hourly" if hourly else "annual"
    years = [str(y) for y in t["May"]]
    wage_cols = [c for c in t.columns if c.startswith(f"Median {basis} wage")]
    top = t["Median top-coded (≥ bound)"]
    d = trends.deflator(ds)
    source = f"Source: BLS OEWS national estimates, {span}" + (f"; CPI-U ({trends.CPI_SERIES})" if d else "")
    notes = [trends.paragraph(ds, soc, hourly)] + [b.sentence(name) for b in soc_.lineage(ds, soc).breaks]
    emp = [_num(x) for x in t["Employment"]]
    wage_series = [
        Series(
            "as published" if "as published" in c else c.removeprefix(f"Median {basis} wage, "),
            [None if tc else _num(x) for x, tc in zip(t[c], top, strict=True)],
            PALETTE[0] if "as published" in c else PALETTE[1],
            _labels_of(t[c], top, hourly),
            dashed="as published" not in c,
        )
        for c in wage_cols
    ]
    if top.any():
        wage_series.append(
            Series(
                "≥ top code (a lower bound)",
                [_num(x) if tc else None for x, tc in zip(t[wage_cols[0]], top, strict=True)],
                MUTED,
                _labels_of(t[wage_cols[0]], top, hourly),
                markers_only=True,
            )
        )
        notes.append("▲ marks a median BLS publishes only as a lower bound (top-coded): not joined to the line.")
    if d is not None:
        notes.append(f"Dashed line: the median in {d.basis}. {d.note}")
    return [
        Slide(
            f"Employment of {name}, United States, OEWS {span}",
            f"Source: BLS OEWS national estimates, {span}",
            Lines(
                years,
                [Series("Employment", emp, PALETTE[0], [count(x) for x in t["Employment"]])],
                "#,##0",
                "Employment",
            ),
            notes[:1] + ["A gap in a line is a year BLS did not publish, or the occupation had another code."],
        ),
        Slide(
            f"Median {basis} wage of {name}, United States, OEWS {span}",
            source,
            Lines(years, wage_series, "$#,##0.00" if hourly else "$#,##0", f"Median {basis} wage"),
            notes,
        ),
    ]


def trends_(ds: Dataset, v: View) -> Deck | None:
    """Trends: the lines as the page draws them (bands, bounds, gaps) and what each EP vintage projected."""
    if not trends.available(ds):
        return None
    roles = [r for r in (v.roles or ["11-3051"]) if r in ds.occupations.index][: trends.MAX_TRENDS]
    detailed = set(occupations.detailed_codes(ds))
    roles = [r for r in roles if r in detailed]
    if not roles:
        return None
    what, hourly = v.series, v.hourly
    real = what == "wage" and v.dollars == "real" and trends.deflator(ds) is not None
    defl = trends.deflator(ds) if real else None
    df, shown, index_year, _ = trend_charts.trend_view(ds, roles, what, hourly, real, v.scale == "index")
    years = list(soc_.years(ds))
    first, last = years[0], years[-1]
    names = [_title(ds, r) for r in roles]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if what == "wage":
        dollars = f"in {defl.basis}" if real else "as published"  # an index of restated wages says so too
        unit = f"{dollars}, index May {index_year} = 100" if index_year else dollars
        head = f"Median {v.wage} wage of {who}, May {first}–{last}, {unit}"
    else:
        head = f"Employment of {who}, May {first}–{last}" + (f", index May {index_year} = 100" if index_year else "")
    source = f"Source: BLS OEWS national estimates, May {first}–May {last}" + (
        f"; CPI-U ({trends.CPI_SERIES}), May of each year" if real else ""
    )
    fmt = "0.0" if index_year else ("#,##0" if what == "employment" else ("$#,##0.00" if hourly else "$#,##0"))
    series: list[Series] = []
    # dollars as the page's table and CSV round them (whole dollars, cents an hour): restated wages have decimals
    places = None if index_year or what != "wage" else (2 if hourly else 0)

    def shown_value(x) -> float | None:
        v = _num(x)
        return v if v is None or places is None else round(v, places)

    for i, (soc, grp) in enumerate(shown.groupby("soc_code", sort=False)):
        g = grp.set_index("year").reindex(years)
        top = g["top_coded"].fillna(False).astype(bool)
        colour = LINES[i % len(LINES)]
        label = [
            trend_charts._label(x, t, what, hourly, index_year is not None)
            for x, t in zip(g["value"], top, strict=True)
        ]
        if what == "wage" and len(roles) == 1 and not index_year:
            for p, pname in (("p90", "90th"), ("p75", "75th"), ("p25", "25th"), ("p10", "10th")):
                capped = g[f"{p}_top_coded"].fillna(False).astype(bool)
                vals = [None if c else shown_value(x) for x, c in zip(g[p], capped, strict=True)]
                series.append(
                    Series(f"{pname} percentile", vals, "#7FAFD4" if p in ("p25", "p75") else "#9DB9CF", dashed=True)
                )
        series.append(
            Series(
                f"{_title(ds, soc)} ({soc})",
                [None if t else shown_value(x) for x, t in zip(g["value"], top, strict=True)],
                colour,
                label,
            )
        )
        if top.any():
            series.append(
                Series(
                    f"{_title(ds, soc)}: ≥ top code",
                    [shown_value(x) if t else None for x, t in zip(g["value"], top, strict=True)],
                    colour,
                    label,
                    markers_only=True,
                )
            )
    notes = [trends.paragraph(ds, r, hourly) for r in roles if r in set(df["soc_code"])]
    caveats = []
    if real and defl is not None:
        caveats.append(defl.note)
    if shown["top_coded"].any():
        caveats.append("▲ marks a top-coded wage: BLS publishes only that it is at or above the year's cap.")
    caveats.append("A gap is a year BLS did not publish, or a year the occupation had another definition.")
    for r in roles:
        caveats += [b.sentence(_title(ds, r)) for b in soc_.lineage(ds, r).breaks]
    axis = trend_charts.axis_title(ds, what, hourly, real, index_year)  # an index's axis says so, as the page's
    out = [Slide(head, source, Lines([str(y) for y in years], series, fmt, axis), [*notes, *caveats])]
    for r in roles[:1]:
        vv = trends.vintages(ds, r)
        if vv.empty:
            continue
        out.append(
            Slide(
                f"{_title(ds, r)}: what each EP vintage projected, and the base-year counts",
                "Source: BLS Employment Projections 2016–26 … 2024–34 (EP counts include the self-employed)",
                Table(
                    ["Vintage", "Base year employment (EP)", "Projected", "Change", "Openings a year"],
                    [
                        [a, count(b), f"{count(c)} in {d}", pct(e), count(f)]
                        for a, b, c, d, e, f in zip(
                            vv["vintage"],
                            vv["employment_base"],
                            vv["employment_target"],
                            vv["target_year"],
                            vv["change_pct"],
                            vv["openings_annual"],
                            strict=True,
                        )
                    ],
                ),
                [trends.EP_VS_OEWS, *trends.followed(vv)[:1], *trends.followed(vv)[-1:]],
            )
        )
    return Deck(
        head, "United States", _date(ds), [source.removeprefix("Source: ")], params.link("trends", v), out, notes
    )


def geography(ds: Dataset, v: View) -> Deck | None:
    """Geography: the state map as shapes, the states ranked, the metro areas ranked."""
    soc = v.roles[0] if v.roles else "11-3051"
    measure, rel = v.measure, ds.release
    m = MEASURES[measure]
    proj = m.is_state_projection
    sv = projections.vintage(ds) if projections.available(ds) else ""
    when = sv if proj else f"OEWS {rel.oews}"
    src = f"Source: {projections.source_line(ds)}" if proj and sv else f"Source: {rel.source_line}"
    name = _title(ds, soc)
    rank = areas_.area_ranking(ds, soc, measure, ("state",))
    low = set(rank.loc[rank["reliability"] == "low reliability", "state"])
    known, capped, start, step, n, colours, groups = charts.map_classes(rank, low, m.centre)
    fills, legend = {}, []
    for (k, top, lo), codes in sorted(groups.items(), reverse=True):
        colour = "#D9D9D9" if k < 0 else colours[k]
        for c in codes:
            fills[c] = (colour, charts.LOW_RELIABILITY_OPACITY if lo else 1.0)
        if k < 0:
            label = "not released"
        elif top:
            label = f"≥ {charts._edge(m.kind, min(known[c] for c in codes))} (top-coded bound)"
        else:
            label = f"{charts._edge(m.kind, start + k * step)} – {charts._edge(m.kind, start + (k + 1) * step)}"
        label += " (low reliability)" if lo else ""
        legend.append((on_white(colour, charts.LOW_RELIABILITY_OPACITY if lo else 1.0), label))
    chosen = None if v.area == NATIONAL else (ds.areas.loc[v.area, "state"] or None)
    map_notes = [
        "States in grey have no published figure (not released). Lighter states have a relative standard error "
        "above the low-reliability threshold. Puerto Rico, Guam and the Virgin Islands are in the ranking, not on the map."
    ]
    head = f"{name}: {m.label.lower()} by state, {when}"
    d = rank.dropna(subset=["value"]).head(TOP)
    kinds = {"money": "$#,##0", "hourly": "$#,##0.00", "count": "#,##0", "change": '+0.0"%";-0.0"%"'}
    out = [
        Slide(head, src, MapShapes(fills, legend, chosen), map_notes),
        Slide(
            f"{name}: {m.label.lower()}, the first {len(d)} states ranked, {when}",
            src,
            Bars(
                list(d["area_name"]),
                [
                    Series(
                        m.label,
                        [_num(x) for x in d["value"]],
                        PALETTE[0],
                        [
                            f"{lab}{' (low reliability)' if r == 'low reliability' else ''}"
                            for lab, r in zip(d["label"], d["reliability"], strict=True)
                        ],
                    )
                ],
                kinds.get(m.kind, "#,##0.00"),
                axis_title=m.label,
            ),
            [rel.top_code_rank_note],
        ),
    ]
    metros = areas_.area_ranking(ds, soc, measure, ("metro", "nonmetro") if chosen else ("metro",), state=chosen)
    metros = metros.dropna(subset=["value"]).head(TOP)
    if len(metros) and not proj:
        where = "" if not chosen else f" in {ds.areas.loc[v.area, 'area_name'] if v.area in ds.areas.index else chosen}"
        out.append(
            Slide(
                f"{name}: {m.label.lower()}, metro areas ranked{where}, {when}",
                src,
                Bars(
                    list(metros["area_name"]),
                    [Series(m.label, [_num(x) for x in metros["value"]], PALETTE[0], list(metros["label"]))],
                    kinds.get(m.kind, "#,##0.00"),
                    axis_title=m.label,
                ),
                [f"The first {len(metros)} areas with a published figure."],
            )
        )
    return Deck(head, _place(ds, v.area), _date(ds), [src.removeprefix("Source: ")], params.link("geography", v), out)


def programs(ds: Dataset, v: View) -> Deck | None:
    """Programs: what a program leads to, as named bubbles and as a table."""
    if not v.cip or not pg.exists(ds, v.cip):
        return None
    rel, cip, area = ds.release, v.cip, v.area
    place = _place(ds, area)
    row = pg.program(ds, cip)
    head = f"{cip} {pg.cip_title(row['title'])}"
    occ = pg.occupations(ds, cip, area)
    out: list[Slide] = []
    notes = [str(row["definition"])] if isinstance(row["definition"], str) else []
    src = f"Source: {rel.source_line}; {pg.SOURCE_LINE}"
    drawn = occ.dropna(subset=["annual_median", "change_pct"]) if "change_pct" in occ else occ.iloc[0:0]
    if len(drawn):
        big = drawn.sort_values("openings_annual", ascending=False, na_position="last").head(slides.BUBBLES_MAX)
        out.append(
            Slide(
                f"What {head} leads to: median wage ({place}) against projected growth (national, {rel.ep})",
                src,
                _bubbles(big, place, rel.ep),
                [
                    "Bubble size: annual openings (national). Occupations without a published annual median or "
                    "projection are not drawn."
                    + (
                        f" The {len(big)} with the most openings of {len(drawn)} are drawn."
                        if len(big) < len(drawn)
                        else ""
                    )
                ],
            )
        )
    if len(occ):
        out.append(
            Slide(
                f"What {head} leads to: {len(occ)} occupations, wages in {place}",
                src,
                Table(
                    [
                        "SOC code",
                        "Occupation",
                        f"Median annual wage, {place}",
                        f"National growth {rel.ep}",
                        "Openings a year",
                    ],
                    [
                        [s, t, money(w, tc), pct(c), count(o)]
                        for s, t, w, tc, c, o in zip(
                            occ["soc_code"],
                            occ["title"],
                            occ["annual_median"],
                            occ["annual_median_top_coded"].fillna(False),
                            occ.get("change_pct", pd.Series([None] * len(occ))),
                            occ.get("openings_annual", pd.Series([None] * len(occ))),
                            strict=True,
                        )
                    ],
                ),
                ["Empty figures are not released by BLS for this area or occupation."],
            )
        )
    sources = [rel.source_line, pg.SOURCE_LINE]
    if supply.available(ds):
        trained = _program_training(ds, cip, head, area)
        out += trained
        if trained:
            sources.append(supply.SOURCE_LINE)
    return Deck(head, place, _date(ds), sources, params.link("programs", v), out, notes)


def _program_training(ds: Dataset, cip: str, head: str, area: str) -> list[Slide]:
    """Who graduates in it: completers by award level (the area beside the nation), each year, the institutions."""
    year = supply.latest(ds)
    counted = supply.counted_area(ds, area)
    place = _place(ds, counted)
    src = f"Source: {supply.SOURCE_LINE}, {supply_words.year_note(year)}"
    notes = [supply_words.where_counted()]
    if counted != area:
        notes.insert(0, supply_words.not_counted(_place(ds, area), place))
    beside = supply.program_levels_beside(ds, cip, counted, year)
    if beside.empty or not beside["area"].any():
        return []
    beside = beside[beside["area"] > 0]  # the levels awarded here (the nation's total is in the notes)
    out = [
        Slide(
            f"Completers of {head} by award level, {place}, IPEDS {supply.academic_year(year)}",
            src,
            Bars(
                list(beside["award_name"]),
                [Series(place, [float(x) for x in beside["area"]], PALETTE[0])],
                axis_title="Completers",
            ),
            [*notes, f"The United States: {int(beside['nation'].sum()):,} completers the same year."],
        )
    ]
    by_year = supply.program_by_level(ds, cip, counted)
    ys = list(supply.years(ds))
    total = [float(by_year[y].sum()) for y in ys]
    out.append(
        Slide(
            f"Completers of {head} each year, {place}, IPEDS {supply.academic_year(ys[0])} to "
            f"{supply.academic_year(ys[-1])}",
            f"Source: {supply.SOURCE_LINE}, IPEDS {supply.academic_year(ys[0])} to {supply.academic_year(ys[-1])} "
            "awards (July to June), first majors",
            Lines(
                [supply.academic_year(y) for y in ys],
                [
                    Series("All award levels", total, PALETTE[0]),
                    *[
                        Series(str(r["award_name"]), [float(r[y]) for y in ys], PALETTE[(i + 1) % len(PALETTE)])
                        for i, (_, r) in enumerate(by_year.iterrows())
                        if r[ys].sum() > 0
                    ][: len(PALETTE) - 1],
                ],
                axis_title="Completers",
            ),
            notes,
        )
    )
    inst = supply.program_institutions(ds, cip, counted, year)
    if len(inst):
        out.append(
            Slide(
                f"Institutions in {place} that award {head}, IPEDS {supply.academic_year(year)}",
                src,
                Table(
                    ["Institution", "City", "Sector", "Completers"],
                    [
                        [str(n), str(c), str(sec), f"{int(t):,}"]
                        for n, c, sec, t in inst[["name", "city", "sector", "total"]].head(TOP).itertuples(index=False)
                    ],
                ),
                [*notes, f"{len(inst):,} institutions in all; the {min(TOP, len(inst))} with the most completers."],
            )
        )
    return out


def _bubbles(d: pd.DataFrame, place: str, ep: str, growth_of: str = "national") -> Bubbles:
    return Bubbles(
        [slides.text(t, 32) for t in d["title"]],
        [float(x) for x in d["change_pct"]],
        [float(x) for x in d["annual_median"]],
        [float(x) if pd.notna(x) else 1.0 for x in d["openings_annual"]],
        f"Projected employment change {ep}, national (%)" if growth_of == "national" else f"Projected change, {ep} (%)",
        f"Median annual wage, {place}",
    )


def _short_heading(heading: str) -> str:
    """A table heading for a slide: "Median annual wage, Texas (OEWS May 2025)" → "…, Texas, May 2025",
    "Completers of related programs, Texas (IPEDS 2023–24 awards)" → "…, Texas, 2023–24", and the ratio's
    "(IPEDS … ÷ …)" left to the table's note; others as they are."""
    m = re.fullmatch(r"(.*) \((OEWS |IPEDS )?([^()]*)\)", heading)
    if m is None or (m.group(2) is None and len(m.group(3)) <= 8):  # "(%)", "(0–100)": kept
        return heading
    if "÷" in m.group(3):
        return m.group(1)
    return f"{m.group(1)}, {m.group(3).removesuffix(' awards')}"


def demand_(ds: Dataset, v: View) -> Deck | None:
    """In-demand: the first 15 by score, as bars and as the page's table."""
    if not projections.available(ds):
        return None
    state = projections.state_of(ds, v.area)
    if state is None:
        return None
    rel, sv = ds.release, projections.vintage(ds)
    name = projections.state_name(ds, state)
    weights = demand.DEFAULT_WEIGHTS if demand.weighs_nothing(v.weights) else v.weights
    floor = demand.wage_floor(ds, state, v.min_wage)
    match = demand.industry_match(ds, v.industry) if v.industry else None
    rule = demand.Rule(v.growth_above, v.min_openings)
    judged = demand.judged(ds, state, weights, rule)
    shown, _ = demand.split(judged, v.education, floor, v.group, match)  # the in-demand rows, as the page ranks
    trained = supply.available(ds)  # as the page: completers of related programs, the shortfall filter, the sort
    label = supply.year_label(supply.latest(ds)) if trained else None
    if trained:
        shown = demand.with_training(ds, shown, state, v.shortfall or supply.SHORT_RATIO)
        if v.shortfall is not None:
            shown = demand.falls_short(shown)
    top = shown.dropna(subset=["score"]).head(TOP)
    source = f"Source: {projections.source_line(ds)}; {rel.source_line} (wages, typical education)"
    rules = [demand_words.in_demand_rule(rule, sv, name), demand_words.rule_text(weights, sv, rel.oews, rel.cap)]
    if trained:
        rules += [supply_words.shortfall_rule(v.shortfall or supply.SHORT_RATIO), supply_words.comparison_caveat()]
    # the filters named on every slide of the list: a filtered list read as the state's overall first 15
    chosen = demand_words.filters(
        v.education,
        floor,
        v.min_wage == "median",
        name,
        ds.occupations.loc[v.group, "title"] if v.group else None,
        (match.title, match.code) if match is not None else None,
        rel.oews,
        v.shortfall,
    )
    which = f" ({'; '.join(short for short, _ in chosen)})" if chosen else ""
    if chosen:
        rules.insert(0, "Filters: " + "; ".join(long for _, long in chosen) + ".")
    # the place and the vintage before the ": " (a long title is cut there, in the part after it), the
    # filters at the end; without filters, as before
    head = (
        f"In-demand occupations, {name} ({sv}): the first {len(top)} by score{which}"
        if chosen
        else f"In-demand occupations, {name}: the first {len(top)} by score ({sv})"
    )
    out = []
    if len(top):
        out.append(
            Slide(
                head,
                source,
                Bars(
                    list(top["title"]),
                    [
                        Series(
                            "Score (0–100)",
                            [float(x) for x in top["score"]],
                            PALETTE[0],
                            [f"{x:.1f}" for x in top["score"]],
                        )
                    ],
                    "0.0",
                    axis_title="Score (0–100)",
                ),
                rules[: 3 if chosen else 2],
            )
        )
        listed = demand.by_per_opening(shown) if trained and v.sort == "per_opening" else shown
        first = listed.head(TOP)  # the page's table, in the order asked for
        table, kinds = demand_table.demand_table(first, name, sv, rel.oews, rel.ep, match, training=label, judged=rule)
        # rank to the wage, then the completers beside the openings or else the wage ratio (nine columns would
        # not fit a slide): the page's headings, which say whose figure and which vintage, taken by name
        cols = list(table.columns[:6])
        supply_cols = [h for h in kinds if h.startswith(("Completers of related programs", "Completers per opening"))]
        cols += supply_cols or [h for h in kinds if h.startswith("Wage ÷")]
        # the vintage before the order, so a long title is cut (if at all) at its end, not through the years
        fewest = trained and v.sort == "per_opening"
        order = f"{len(first)} by fewest completers per opening" if fewest else f"the first {len(first)} by score"
        # no rank column on a slide: in score order it is the row's place, in the other order a rank among a
        # list the slide does not show (a board read "153" unexplained); the names get its room
        cols = [c for c in cols if not c.startswith("In-demand rank")]
        # shorter headings (a heading of nine lines left a slide room for one or two rows): each keeps whose
        # figure it is and its year; the ratio's definition goes under the table
        heads = {c: _short_heading(c) for c in cols}
        ratio = next((c for c in cols if c.startswith("Completers per opening (")), None)
        out.append(
            Slide(
                f"In-demand occupations, {name} ({sv}): {order}{which}",
                source + (f"; {supply.SOURCE_LINE} ({label})" if trained else ""),
                Table(
                    [heads[c] for c in cols],
                    cells(table[cols], kinds),
                    supply_words.comparison_caveat() if trained else "",
                ),
                rules + ([f"Completers per opening: {ratio[len('Completers per opening (') : -1]}."] if ratio else []),
            )
        )
    diff = demand.versus_nation(ds, state, weights)
    if len(diff):  # the page's "ranks much higher here than in the nation"
        out.append(
            Slide(
                f"Ranks much higher in {name} than in the nation ({sv})",
                source,
                Table(
                    ["Occupation", f"Rank in {name}", "Rank in the nation", "Places higher here", "SOC code"],
                    [
                        [str(t), f"{int(r):,}", f"{int(n):,}", f"{int(h):,}", str(c)]
                        for t, r, n, h, c in diff[
                            ["title", "rank", "national_rank", "places_higher", "soc_code"]
                        ].itertuples(index=False)
                    ],
                ),
                [rule, "Both ranks are among all the occupations each list holds, with the same weights."],
            )
        )
    sources = [source.removeprefix("Source: ")] + ([supply.SOURCE_LINE] if trained else [])
    place = name + (" · filters: " + "; ".join(short for short, _ in chosen) if chosen else "")
    return Deck(head, place, _date(ds), sources, params.link("demand", v), out, rules)


def compare(ds: Dataset, v: View) -> Deck | None:
    """Compare: the wage ranges as floating bars, then employment, growth and openings."""
    roles = [r for r in v.roles or [] if r in set(occupations.detailed_codes(ds))]
    if len(roles) < 2:
        return None
    rel, place, hourly = ds.release, _place(ds, v.area), v.hourly
    df = occupations.compare_table(ds, roles, v.area)
    src = f"Source: {rel.source_line}"
    head = f"{v.wage.capitalize()} wage range, {place}, OEWS {rel.oews}"
    out = [
        Slide(
            head,
            src,
            _ranges(df, hourly, [f"{t} ({c})" for t, c in zip(df["title"], df["soc_code"], strict=True)]),
            [rel.top_code_bar_note(hourly)],
        )
    ]
    for col, label, fmt, colour in (
        ("employment", f"Employment, {place} (OEWS {rel.oews})", "#,##0", PALETTE[0]),
        ("change_pct", f"Projected change, national (EP {rel.ep}, %)", '+0.0"%";-0.0"%"', PALETTE[2]),
        ("openings_annual", f"Openings a year, national (EP {rel.ep})", "#,##0", PALETTE[1]),
    ):
        labels = [
            ("not released" if pd.isna(x) else (f"{x:+.1f}%" if col == "change_pct" else f"{x:,.0f}")) for x in df[col]
        ]
        out.append(
            Slide(
                label,
                src,
                Bars(
                    [f"{t} ({c})" for t, c in zip(df["title"], df["soc_code"], strict=True)],
                    [Series(label, [_num(x) for x in df[col]], colour, labels)],
                    fmt,
                    axis_title=label,
                ),
                [],
            )
        )
    out += _compare_trend(ds, roles)
    return Deck("Compare occupations", place, _date(ds), [rel.source_line], params.link("compare", v), out)


def _compare_trend(ds: Dataset, roles: list[str]) -> list[Slide]:
    """Compare's trend row: national employment as an index, the first year since 2015 that all have = 100."""
    if not trends.available(ds):
        return []
    df, shown, index_year, _ = trend_charts.trend_view(
        ds, roles, "employment", False, False, True, since=trend_summary.SINCE
    )
    if index_year is None or shown.empty:
        return []
    years = sorted(int(y) for y in shown["year"].unique())
    series = []
    for i, (soc, grp) in enumerate(shown.groupby("soc_code", sort=False)):
        g = grp.set_index("year").reindex(years)
        values = [None if pd.isna(x) else round(float(x), 1) for x in g["value"]]
        series.append(Series(f"{_title(ds, soc)} ({soc})", values, LINES[i % len(LINES)]))
    span = trend_small.span(ds)
    head = (
        f"Employment as an index, May {index_year} = 100, United States, May {years[0]}–{years[-1]} "
        f"(the first year since May {trend_summary.SINCE} all have a figure)"
    )
    return [
        Slide(
            head,
            f"Source: BLS OEWS national estimates, {span}",
            Lines([str(y) for y in years], series, "0.0", f"Index, May {index_year} = 100"),
            [
                "National employment whatever area is chosen: wage and salary jobs in all industries, not the "
                "Employment Projections figures.",
                "A gap is a year BLS did not publish, or a year the occupation had another code.",
            ],
        )
    ]


def _ranges(df: pd.DataFrame, hourly: bool, names: list[str]) -> Ranges:
    b = "hourly" if hourly else "annual"
    cols = [[_num(x) for x in df[f"{b}_{p}"]] for p in ("p10", "p25", "median", "p75", "p90")]
    return Ranges(
        names,
        *cols,
        _labels_of(df[f"{b}_median"], df[f"{b}_median_top_coded"], hourly),
        "$#,##0.00" if hourly else "$#,##0",
    )


def pathways(ds: Dataset, v: View) -> Deck | None:
    """Career pathways: the wage band at each step."""
    presets = occupations.pathway_presets(ds)
    roles = v.roles or []
    pathway = v.pathway
    if not roles and "role" not in v.given:
        pathway = pathway or next(iter(presets), None)
        roles = list(presets[pathway][1]) if pathway else []
    if len(roles) < 2:
        return None
    hourly, place, rel = v.hourly, _place(ds, v.area), ds.release
    preset = next((k for k, (_, socs) in presets.items() if socs == roles), None)
    title = presets[preset][0] if preset else "Your career ladder"
    df = occupations.pathway_table(ds, roles, v.area, hourly)
    said = summary.pathway_summary(df, hourly)
    names = [f"{s}. {st_}" for s, st_ in zip(df["step"], df["stage"], strict=True)]
    out = [
        Slide(
            f"{title}: {v.wage} wage band at each step, {place}",
            f"Source: {rel.source_line}",
            _ranges(df, hourly, names),
            [said, rel.top_code_bar_note(hourly)],
        )
    ]
    sources = [rel.source_line]
    lad = skills.ladder(ds, list(df["soc_code"]), list(df["stage"]))
    if lad is not None and len(lad.table):  # what to learn at each step (O*NET), the page's table
        t = lad.table
        cells = [
            [str(a), str(b), str(c), f"{x:.2f}", f"{y:.2f}", f"{z:+.2f}"]
            for a, b, c, x, y, z in t[
                [
                    "Step",
                    "Skill or knowledge",
                    "Kind",
                    "Level before (0–7)",
                    "Level at this step (0–7)",
                    "Rise (levels)",
                ]
            ].itertuples(index=False)
        ]
        out.append(
            Slide(
                f"{title}: what to learn at each step (O*NET levels, 0–7)",
                f"Source: {onet_.SOURCE_LINE}",
                Table(["Step", "Skill or knowledge", "Kind", "Level before", "Level at this step", "Rise"], cells),
                [*lad.sentences, skills.LADDER_NOTE, onet_.ATTRIBUTION],
            )
        )
        sources.append(onet_.SOURCE_LINE)
    return Deck(title, place, _date(ds), sources, params.link("pathways", v), out, [said])


def industry(ds: Dataset, v: View) -> Deck | None:
    """Industry: the occupations it employs most, and its sub-industries."""
    code = v.industry or FIRST_INDUSTRY
    rel, head = ds.release, industries.industry_title(ds, code)
    pattern = industries.staffing_pattern(ds, code)
    view = pattern if v.group is None else pattern[pattern["major_group"] == v.group]
    top = view.dropna(subset=["employment"]).head(TOP)
    src = f"Source: {rel.source_line}"
    out = []
    if len(top):
        out.append(
            Slide(
                f"The occupations {head} employs most (national, OEWS {rel.oews})",
                src,
                Bars(
                    list(top["title"]),
                    [
                        Series(
                            "Employment",
                            [float(x) for x in top["employment"]],
                            PALETTE[0],
                            [
                                f"{int(e):,}" + (f" ({s:.1f}%)" if pd.notna(s) else "")
                                for e, s in zip(top["employment"], top["share"], strict=True)
                            ],
                        )
                    ],
                    axis_title="Employment in the industry",
                ),
                [rel.industry_national_note],
            )
        )
    subs = industries.sub_industries(ds, code).dropna(subset=["employment"])
    if len(subs):
        out.append(
            Slide(
                f"Inside {head}: employment (national, OEWS {rel.oews})",
                src,
                Bars(
                    list(subs["industry"]),
                    [
                        Series(
                            "Employment",
                            [float(x) for x in subs["employment"]],
                            PALETTE[2],
                            [f"{int(e):,}" for e in subs["employment"]],
                        )
                    ],
                    axis_title="Employment, all occupations",
                ),
                [],
            )
        )
    return Deck(head, "United States", _date(ds), [rel.source_line], params.link("industry", v), out)


def explore(ds: Dataset, v: View) -> Deck | None:
    """The opportunity chart as the page filters it, its biggest bubbles named (every one would be unreadable)."""
    rel, industry = ds.release, v.industry
    area = NATIONAL if industry else v.area
    state = projections.state_of(ds, area) if projections.available(ds) and not industry else None
    table, _ = occupations.explorer_view(ds, area, industry, state)
    growth_of, years = "national", rel.ep
    if state:
        growth_of = projections.state_name(ds, state)
        years = f"{growth_of} {projections.vintage(ds)}"
    view = occupations.filter_explorer(
        table, v.roles, v.group, v.education, v.min_openings, v.growth if v.growth != params.GROWTH_RANGE else None
    )
    lo, hi = v.emp_change
    bounds = (None if lo <= params.EMP_CHANGE_RANGE[0] else lo, None if hi >= params.EMP_CHANGE_RANGE[1] else hi)
    if bounds != (None, None):
        view = trend_summary.filter_change(view, ds, *bounds)
    if state:
        view = view[view["outlook_from"] == "state"]
    d = view.dropna(subset=["annual_median", "change_pct"])
    d = d.sort_values(["openings_annual", "soc_code"], ascending=[False, True], na_position="last")
    place = f"{industries.industry_title(ds, industry)}, national" if industry else _place(ds, area)
    big = d.head(slides.BUBBLES_MAX)
    src = f"Source: {rel.source_line}" + (f"; {projections.source_line(ds)}" if state else "")
    head = f"Median wage ({place}) against projected growth ({growth_of}, {years.split()[-1]})"
    out = []
    if len(big):
        out.append(
            Slide(
                f"{head}: the {len(big)} occupations with the most openings",
                src,
                _bubbles(big, place, years, growth_of),
                [
                    "Bubble size: annual openings. The page draws every occupation with a published median and "
                    f"projection ({len(d):,} here); the slide names the {len(big)} with the most openings."
                ],
            ),
        )
        out.append(
            Slide(
                f"The {len(big)} occupations with the most openings, {place}",
                src,
                Table(
                    [
                        "Occupation",
                        f"Median annual wage, {place}",
                        f"Growth ({growth_of}, {years.split()[-1]})",
                        "Openings a year",
                    ],
                    [
                        [f"{t} ({s})", money(w, tc), pct(c), count(o)]
                        for t, s, w, tc, c, o in zip(
                            big["title"],
                            big["soc_code"],
                            big["annual_median"],
                            big["annual_median_top_coded"],
                            big["change_pct"],
                            big["openings_annual"],
                            strict=True,
                        )
                    ],
                ),
                [],
            )
        )
    return Deck(
        "Where jobs are heading", place, _date(ds), [src.removeprefix("Source: ")], params.link("explore", v), out
    )


BUILDERS: dict[str, Callable[[Dataset, View], Deck | None]] = {
    "explore": explore,
    "occupation": occupation,
    "industry": industry,
    "geography": geography,
    "compare": compare,
    "pathways": pathways,
    "demand": demand_,
    "trends": trends_,
    "programs": programs,
}


def deck_of(ds: Dataset, page: str, v: View) -> Deck:
    """The view's deck: its page's slides, or a title slide that says what to choose when it shows nothing yet."""
    made = BUILDERS[page](ds, v) if page in BUILDERS else None
    if made is None:
        spec = BY_NAME[page]
        return Deck(
            spec.title,
            _place(ds, v.area),
            _date(ds),
            [ds.release.source_line],
            params.link(page, v),
            [],
            [f"This view of {spec.title} shows no chart yet: choose what it should show on the page."],
        )
    return made


# --- links -----------------------------------------------------------------------------------------------------


def read_link(ds: Dataset, link: str) -> tuple[str | None, View | None, list[str]]:
    """(page, view, problems) for a link to a page of the app ("/trends?role=11-3051"). An unknown page or
    parameter is refused (page None) with a message; a bad value is as the page says it (its problems)."""
    shown = params.shown(link)
    parts = urlsplit(link.strip())
    name = parts.path.strip("/").split("/")[-1] or "explore"
    if parts.scheme not in ("", "http", "https") or name not in BY_NAME or name == "slides":
        return None, None, [f"“{shown}” is not a link to a page of this app; left out."]
    spec = BY_NAME[name]
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    allowed = params.names(spec)
    unknown = sorted({k for k, _ in pairs if k not in allowed and k != "present"})
    if unknown:
        return (
            None,
            None,
            [f"“{shown}”: /{name} reads no parameter {', '.join(params.shown(k) for k in unknown)}; left out."],
        )
    view = params.parse(ds, dict(pairs), spec)
    return name, view, [f"{spec.title}: {p}" for p in view.problems]


def build(
    ds: Dataset, views: list[tuple[str, View]], progress: Callable[[int, int], None] | None = None, base: str = ""
) -> bytes:
    """One .pptx of the views in order; `progress(done, total)` after each view. `base` ("https://host") makes
    each slide's link back a full address that opens from the deck."""
    decks = []
    for i, (page, v) in enumerate(views):
        d = deck_of(ds, page, v)
        d.link = base.rstrip("/") + d.link
        decks.append(d)
        if progress:
            progress(i + 1, len(views))
    return slides.build(decks, charts.state_shapes())
