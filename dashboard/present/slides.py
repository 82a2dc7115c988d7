"""Slide decks (.pptx, 16:9) with native, editable charts: a view's slides as plain data in, a file out.

A `Deck` is one view of the app: a title slide, then its `Slide`s, each a chart (bars, floating wage ranges,
lines, bubbles), the state map as freeform shapes, or a table split over slides. Every slide carries its
title, a one-line source and the link back to the view; the speaker notes hold what the page says aloud
and its caveats. Text from data or links is written as text (python-pptx escapes it), without bidi
controls or characters XML cannot hold, and cut where the layout needs it.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.chart.data import BubbleChartData, CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from dashboard.core.safe import clean
from dashboard.present.charts import BUBBLES_NAMED
from dashboard.present.theme import FAINT_FILL, INK, MUTED, PALETTE, on_white

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 16:9, 13⅓ by 7½ inches
MARGIN = Inches(0.5)
TITLE_PT = 28  # read from the back row: titles at least 28 pt, everything else at least 14 pt
LABEL_PT = 14
TITLE_MAX = 130  # a title longer than this is cut (three lines at 28 pt)
LABEL_MAX = 40  # a bubble's or a point's label
CATEGORY_MAX = 34  # a bar's name: longer names wrap, and a presentation program then skips every other one
FEW_BARS = 6  # up to this many, a floating bar's name may be as long as a table's cell (room for every wrapped one)
CELL_MAX = 90  # a cell or heading longer than this ends in "…" (a heading names its place, source and year)
TABLE_ROWS = 10  # rows a table slide holds at most (fewer when they wrap); more go on the next slide
MAP_DETAIL = 1.5  # outline points closer than this (in the 975-wide frame, ~0.01 in on the slide) are left out
BUBBLES_MAX = BUBBLES_NAMED  # bubbles named on one chart, as on the screen's: more could not be read
# XML 1.0 cannot hold most control characters: lxml refuses them, so they are dropped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value, limit: int | None = None) -> str:
    """Text from data or a link as a slide shows it: one line, no bidi controls, cut to `limit` with …."""
    t = _NOT_XML.sub("", clean("" if value is None else value)).strip()
    if limit and len(t) > limit:
        t = t[: limit - 1].rstrip() + "…"
    return t


# a range of years or numbers ("2023–24", "0–100") is never split at its dash across two lines: a word joiner
# (U+2060, drawn as nothing) after the dash; LibreOffice broke titles as "IPEDS 2023–" over "24"
WORD_JOINER = "\u2060"
_RANGE = re.compile(r"(?<=\d)–(?=\d)")


def unbroken(line: str) -> str:
    """A slide's line with its number ranges kept whole (WORD_JOINER after the dash)."""
    return _RANGE.sub("–" + WORD_JOINER, line)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


# --- what a slide shows: plain data ------------------------------------------------------------------------


@dataclass
class Series:
    name: str
    values: list[float | None]  # None: not released (a gap, never 0)
    colour: str = PALETTE[0]
    labels: list[str] | None = None  # each value's label as the page words it ("≥ $239,200", "not released")
    dashed: bool = False
    markers_only: bool = False  # top-coded bounds: marked, not joined to the line


@dataclass
class Bars:
    """Bars, one per category (several series side by side); horizontal lists read top to bottom."""

    categories: list[str]
    series: list[Series]
    number_format: str = "#,##0"
    horizontal: bool = True
    axis_title: str = ""


@dataclass
class Ranges:
    """Floating bars: 10th–90th percentile (light), 25th–75th (dark), the median marked and labelled."""

    categories: list[str]
    p10: list[float | None]
    p25: list[float | None]
    median: list[float | None]
    p75: list[float | None]
    p90: list[float | None]
    median_labels: list[str]
    number_format: str = "$#,##0"


@dataclass
class Lines:
    categories: list[str]  # years
    series: list[Series]
    number_format: str = "#,##0"
    axis_title: str = ""


@dataclass
class Bubbles:
    """Bubbles named on the chart: x, y, size and the name of each."""

    names: list[str]
    x: list[float]
    y: list[float]
    size: list[float]
    x_title: str
    y_title: str
    colour: str = PALETTE[0]


@dataclass
class MapShapes:
    """States as freeform shapes: postal code -> (fill colour, opacity); the legend's (colour, text) rows."""

    fills: dict[str, tuple[str, float]]
    legend: list[tuple[str, str]]
    chosen: str | None = None


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    note: str = ""  # a sentence shown under the table on the slide (what a comparison can and cannot mean)
    pt: int | None = None  # its type size, set when a long table is split (every part at the size it was split at)


@dataclass
class Slide:
    title: str
    source: str
    body: Bars | Ranges | Lines | Bubbles | MapShapes | Table
    notes: list[str] = field(default_factory=list)


@dataclass
class Deck:
    """One view: its title slide and its slides."""

    title: str
    area: str
    date: str  # the release the figures come from ("OEWS May 2025; EP 2024–34")
    sources: list[str]
    link: str  # the view's address ("/trends?role=11-3051"), or a full URL
    slides: list[Slide] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the title slide's: the page's paragraph read aloud


# --- drawing -------------------------------------------------------------------------------------------------


def _box(slide, left, top, width, height, lines: Sequence[str], size: int, colour: str = INK, bold=False, link=None):
    tb = slide.shapes.add_textbox(left, top, width, height)
    tf = tb.text_frame
    tf.word_wrap = True
    for i, line in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        run = p.add_run()
        run.text = unbroken(line)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)
        if link and i == len(lines) - 1:
            run.hyperlink.address = link
    return tb


def _frame(prs, title: str, source: str, link: str, notes: Sequence[str]):
    """A blank slide with its title on top, and the source and the link back along the foot."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _box(slide, MARGIN, Inches(0.2), WIDTH - 2 * MARGIN, Inches(1.6), [fitted(title)], TITLE_PT, bold=True)
    foot = [text(source, 220)]
    if link:
        foot.append(text(link, 220))
    _box(
        slide,
        MARGIN,
        HEIGHT - Inches(0.95),
        WIDTH - 2 * MARGIN,
        Inches(0.85),
        foot,
        LABEL_PT,
        MUTED,
        link=link if link.startswith("http") else None,
    )
    if notes:
        slide.notes_slide.notes_text_frame.text = "\n\n".join(text(n) for n in notes if n)
    return slide


def fitted(title: str, limit: int = TITLE_MAX) -> str:
    """A slide's title in `limit` characters: where it is longer, what comes before its first ": " (the
    occupation's or the program's name) is cut, not its end, which says what, where and when ("…, OEWS May
    2…" lost the release)."""
    title = text(title)
    if len(title) <= limit or ": " not in title:
        return text(title, limit)
    name, rest = title.split(": ", 1)
    room = limit - len(rest) - 2
    return text(title, limit) if room < 24 else f"{text(name, room)}: {rest}"


def title_lines(title: str) -> int:
    """Lines a title takes at 28 pt bold across the slide (about 44 characters a line, as LibreOffice draws it)."""
    return max(1, math.ceil(len(fitted(title)) / 44))


def body_of(title: str) -> tuple[Emu, Emu, Emu, Emu]:
    """Where a slide's chart, map or table goes: under its title (two lines, or three), above the foot."""
    top = Inches(0.35 + 0.5 * title_lines(title))
    return (MARGIN, top, WIDTH - 2 * MARGIN, HEIGHT - top - Inches(1.0))


def _fonts(chart, legend: bool) -> None:
    chart.has_title = False  # the slide's own title says what and where
    chart.font.size = Pt(LABEL_PT)
    chart.font.color.rgb = _rgb(INK)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(LABEL_PT)


def _every_label(chart) -> None:
    """Every category named: a presentation program otherwise skips every other name when they seem crowded."""
    chart.category_axis.tick_labels.font.size = Pt(LABEL_PT)
    ax = chart.category_axis._element
    skip = ax.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = OxmlElement("c:tickLblSkip")
        # the schema's order: tickLblSkip comes before tickMarkSkip and noMultiLvlLbl
        follow = next((e for t in ("c:tickMarkSkip", "c:noMultiLvlLbl") if (e := ax.find(qn(t))) is not None), None)
        if follow is not None:
            follow.addprevious(skip)
        else:
            ax.append(skip)
    skip.set("val", "1")


def _from_zero(chart, values) -> None:
    """A bar's length is its value: the value axis starts at zero when every value is positive."""
    if all(v is None or v >= 0 for v in values):
        chart.value_axis.minimum_scale = 0


def _axis_title(axis, title: str) -> None:
    if title:
        axis.has_title = True
        axis.axis_title.text_frame.text = text(title, 80)
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(LABEL_PT)


def _label_points(series, labels: Sequence[str | None], colour: str = INK, position=None) -> None:
    """Each point labelled with the page's own words for its value (a slide is read from the back row)."""
    for i, lab in enumerate(labels):
        if not lab:
            continue
        dl = series.points[i].data_label
        dl.has_text_frame = True
        dl.text_frame.text = text(lab, LABEL_MAX)
        run = dl.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(LABEL_PT)
        run.font.color.rgb = _rgb(colour)
        if position is not None:
            dl.position = position


NO_BREAK = "\u00a0"  # a space a name is never wrapped at


def _bars(slide, b: Bars, body) -> None:
    # many bars: each name on one line (cut at CATEGORY_MAX), for a name wrapped onto two lines made LibreOffice
    # leave out every other one (the states ranked: "District of Columbia" wrapped, Illinois and Alaska unnamed);
    # a few: the whole name, wrapped (two programs cut alike read "Heating, Air Conditioning, Ventil…" twice)
    many = len(b.categories) > FEW_BARS
    cats = [text(c, CATEGORY_MAX if many else CELL_MAX) for c in b.categories]
    if many:
        cats = [c.replace(" ", NO_BREAK) for c in cats]
    data = CategoryChartData(number_format=b.number_format)
    # a horizontal list is drawn bottom-up by PowerPoint: reversed, so the first row is on top, as on the page
    order = list(range(len(cats)))[::-1] if b.horizontal else list(range(len(cats)))
    data.categories = [cats[i] for i in order]
    for s in b.series:
        data.add_series(text(s.name, 80), [s.values[i] for i in order])
    kind = XL_CHART_TYPE.BAR_CLUSTERED if b.horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = slide.shapes.add_chart(kind, *body, data).chart
    _fonts(chart, len(b.series) > 1)
    chart.value_axis.tick_labels.number_format = b.number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = False
    if not b.horizontal or len(cats) <= 8:  # a long list needs the room for every name; the title says the unit
        _axis_title(chart.value_axis, b.axis_title)
    for s, ps in zip(b.series, chart.plots[0].series, strict=True):
        ps.format.fill.solid()
        ps.format.fill.fore_color.rgb = _rgb(s.colour)
        labels = s.labels or [None if v is None else f"{v:,.0f}" for v in s.values]
        _label_points(ps, [labels[i] for i in order], INK, XL_LABEL_POSITION.OUTSIDE_END)
    chart.plots[0].gap_width = 40
    if len(b.series) > 1:
        chart.plots[0].overlap = -5
    _every_label(chart)
    _from_zero(chart, [x for s in b.series for x in s.values])


def _ranges(slide, r: Ranges, body) -> None:
    """Stacked bars whose first piece is invisible: each bar floats from the 10th to the 90th percentile."""
    # each bar's median beside its name: a label inside the bar was white over the light piece wherever the piece
    # up to the median was too short to hold it ("$64,250" unreadable); few bars leave room for whole names
    most = CATEGORY_MAX if len(r.categories) > FEW_BARS else CELL_MAX
    cats = [f"{text(c, most)} · median {m}" for c, m in zip(r.categories, r.median_labels, strict=True)][::-1]

    def rev(xs):
        return list(xs)[::-1]

    def diff(hi, lo):
        return [None if a is None or b is None else a - b for a, b in zip(rev(hi), rev(lo), strict=True)]

    data = CategoryChartData(number_format=r.number_format)
    data.categories = cats
    data.add_series("10th percentile", rev(r.p10))
    data.add_series("10th–25th", diff(r.p25, r.p10))
    data.add_series("25th–median", diff(r.median, r.p25))
    data.add_series("median–75th", diff(r.p75, r.median))
    data.add_series("75th–90th", diff(r.p90, r.p75))
    left, top, width, height = body  # the chart under the key line above it (the plot's top edge ran into it)
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_STACKED, left, top + Inches(0.4), width, height - Inches(0.4), data
    ).chart
    _fonts(chart, False)
    chart.value_axis.tick_labels.number_format = r.number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = False
    _every_label(chart)
    _from_zero(chart, r.p10)
    plot = chart.plots[0]
    plot.gap_width = 80
    plot.overlap = 100
    fills = [None, FAINT_FILL, PALETTE[0], PALETTE[0], FAINT_FILL]
    for ps, fill in zip(plot.series, fills, strict=True):
        if fill is None:
            ps.format.fill.background()  # the invisible first piece
            ps.format.line.fill.background()
            continue
        ps.format.fill.solid()
        ps.format.fill.fore_color.rgb = _rgb(fill)
        ps.format.line.color.rgb = _rgb("#FFFFFF" if fill == PALETTE[0] else PALETTE[0])
        ps.format.line.width = Pt(2 if fill == PALETTE[0] else 1)  # white between the dark pieces: the median
    # a legend of our own: the invisible piece must not be listed
    _box(
        slide,
        left,
        top - Inches(0.05),
        width,
        Inches(0.4),
        ["Light: 10th–90th percentile · dark: 25th–75th · white line: the median, its value by the name"],
        LABEL_PT,
        MUTED,
    )


def _lines(slide, ln: Lines, body) -> None:
    data = CategoryChartData(number_format=ln.number_format)
    data.categories = [text(c) for c in ln.categories]
    for s in ln.series:
        data.add_series(text(s.name, 80), s.values)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *body, data).chart
    _fonts(chart, True)
    # a last value's label goes under its point where another line's label already sits above the same year at
    # about the same height (two lines ending at $98,100 printed their labels on top of each other)
    known = [v for s in ln.series for v in s.values if v is not None]
    near = 0.06 * ((max(known) - min(known)) if known else 0.0)
    ends: list[tuple[int, float]] = []
    chart.value_axis.tick_labels.number_format = ln.number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    _axis_title(chart.value_axis, ln.axis_title)
    for s, ps in zip(ln.series, chart.plots[0].series, strict=True):
        ps.smooth = False
        ps.marker.format.fill.solid()
        ps.marker.format.fill.fore_color.rgb = _rgb(s.colour)
        ps.marker.format.line.color.rgb = _rgb(s.colour)
        if s.markers_only:
            ps.format.line.fill.background()
            ps.marker.style = XL_MARKER_STYLE.TRIANGLE
            ps.marker.size = 11
            if s.labels:
                _label_points(ps, s.labels, INK, XL_LABEL_POSITION.ABOVE)
            continue
        ps.format.line.color.rgb = _rgb(s.colour)
        ps.format.line.width = Pt(1.5 if s.dashed else 3)
        if s.dashed:
            ps.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            ps.marker.style = XL_MARKER_STYLE.NONE
        else:
            ps.marker.style = XL_MARKER_STYLE.CIRCLE
            ps.marker.size = 7
        if s.labels:  # the last released value, named as the page names it
            last = max((i for i, v in enumerate(s.values) if v is not None), default=None)
            if last is not None:
                v = s.values[last]
                taken = any(i == last and abs(v - w) <= near for i, w in ends)
                ends.append((last, v))
                _label_points(
                    ps,
                    [s.labels[i] if i == last else None for i in range(len(s.values))],
                    s.colour,
                    XL_LABEL_POSITION.BELOW if taken else XL_LABEL_POSITION.ABOVE,
                )


def _bubbles(slide, b: Bubbles, body) -> None:
    data = BubbleChartData(number_format="#,##0")
    s = data.add_series("Occupations")
    for x, y, z in zip(b.x, b.y, b.size, strict=True):
        s.add_data_point(x, y, max(z, 1))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BUBBLE, *body, data).chart
    _fonts(chart, False)
    plot = chart.plots[0]
    plot.bubble_scale = 60
    ps = plot.series[0]
    ps.format.fill.solid()
    ps.format.fill.fore_color.rgb = _rgb(b.colour)
    _label_points(ps, b.names, INK, XL_LABEL_POSITION.CENTER)
    for i in range(len(b.names)):
        ps.points[i].format.fill.solid()
        ps.points[i].format.fill.fore_color.rgb = _rgb(FAINT_FILL)
        ps.points[i].format.line.color.rgb = _rgb(b.colour)
    _axis_title(chart.category_axis, b.x_title)
    _axis_title(chart.value_axis, b.y_title)
    chart.value_axis.tick_labels.number_format = "$#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.category_axis.tick_labels.number_format = '+0.0"%";-0.0"%"'
    chart.category_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = False


def _map(slide, m: MapShapes, body, outlines: dict[str, dict]) -> None:
    """Each state's outline as one freeform shape (every ring), filled by its class; a legend beside it."""
    left, top, _, height = body
    span_x, span_y = 975.0, 610.0  # the bundled outlines' frame (us-atlas, Albers USA)
    scale = min(Inches(8.6) / span_x, height / span_y)
    for code, shape in outlines.items():
        colour, opacity = m.fills.get(code, ("#D9D9D9", 1.0))
        rings, ring = [], []
        for x, y in zip(shape["x"], shape["y"], strict=True):
            if math.isnan(x):
                if len(ring) > 2:
                    rings.append(ring)
                ring = []
            elif not ring or abs(x - ring[-1][0]) + abs(y - ring[-1][1]) >= MAP_DETAIL:
                ring.append((float(x), float(y)))
        if len(ring) > 2:
            rings.append(ring)
        if not rings:
            continue
        fb = slide.shapes.build_freeform(rings[0][0][0], rings[0][0][1], scale=scale)
        for k, r in enumerate(rings):
            if k:
                fb.move_to(*r[0])
            fb.add_line_segments(r[1:], close=True)
        sp = fb.convert_to_shape(left, top)
        sp.name = f"{code} {text(shape['name'])}"
        sp.fill.solid()
        sp.fill.fore_color.rgb = _rgb(on_white(colour, opacity))
        sp.line.color.rgb = _rgb("#222222" if code == m.chosen else "#FFFFFF")
        sp.line.width = Pt(2.5 if code == m.chosen else 0.5)
    x0 = left + Inches(8.9)
    y = top
    for colour, label in m.legend:
        sw = slide.shapes.add_shape(1, x0, y + Inches(0.05), Inches(0.35), Inches(0.3))
        sw.fill.solid()
        sw.fill.fore_color.rgb = _rgb(colour)
        sw.line.color.rgb = _rgb(PALETTE[0] if colour.upper() in ("#D9D9D9",) else colour)
        _box(slide, x0 + Inches(0.45), y, Inches(3.1), Inches(0.45), [text(label, 60)], LABEL_PT)
        y += Emu(int(Inches(0.45)))


HEAD_WORD_MAX = 16  # a heading's word longer than this may break ("Completers", 10, may not: "Complete/rs")
BOLD = 1.12  # a bold heading's letters against the body's
TABLE_PT = 16  # a table's type; LABEL_PT (14) where its columns would not fit at 16
CHARS_PER_INCH = 8  # text (not figures: their columns are sized by _layout) a line of 16 pt holds, an inch


def _layout(columns: Sequence[str], rows: Sequence[Sequence[str]], pt: int) -> tuple[list[float], bool]:
    """Column widths in inches at `pt`, and whether they fit the slide unshrunk. Each column is as wide as its
    longest cell on one line (a figure never wraps), or its heading's longest word in bold (a heading wraps
    between its words), whichever is wider; the column with the longest text gives up room first (down to 2
    inches); room to spare is shared out."""
    total = (WIDTH - 2 * MARGIN) / 914400
    per = 0.145 * pt / TABLE_PT  # inches a character, about
    longest = [max([len(text(r[j], CELL_MAX)) for r in rows] + [4]) for j in range(len(columns))]
    word = [min(max(map(len, h.split()), default=0), HEAD_WORD_MAX) * BOLD for h in columns]
    natural = [0.3 + per * max(n, w) for n, w in zip(longest, word, strict=True)]
    widest = max(range(len(natural)), key=longest.__getitem__)
    if sum(natural) > total:
        natural[widest] = max(total - (sum(natural) - natural[widest]), 2.0)
    fits = sum(natural) <= total + 1e-9
    return [w * total / sum(natural) for w in natural], fits


def table_pt(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    """The type size of a table: 16 pt, or 14 (the smallest a slide uses) where 16 would break its figures or
    its headings' words (eight columns of the in-demand list)."""
    return TABLE_PT if _layout(columns, rows, TABLE_PT)[1] else LABEL_PT


def _heights(t: Table, widths: Sequence[float], pt: int) -> tuple[float, list[float]]:
    """Inches the table's heading row takes, and each of its rows."""
    head = _row_height(_row_lines(t.columns, widths, pt, bold=True), pt)
    return head, [_row_height(_row_lines(r, widths, pt), pt) for r in t.rows]


def _table(slide, t: Table, body) -> None:
    left, top, width, _ = body
    rows = len(t.rows) + 1
    pt = t.pt or table_pt(t.columns, t.rows)
    shape = slide.shapes.add_table(rows, len(t.columns), left, top, width, Inches(0.4) * rows)
    tbl = shape.table
    widths = _layout(t.columns, t.rows, pt)[0]
    for j, w in enumerate(widths):
        tbl.columns[j].width = Inches(w)
    for j, heading in enumerate(t.columns):
        _cell(tbl.cell(0, j), text(heading, CELL_MAX), pt, bold=True)
    for i, row in enumerate(t.rows, start=1):
        for j, value in enumerate(row):
            _cell(tbl.cell(i, j), text(value, CELL_MAX), pt)
    if t.note:  # on the slide itself, not only in the speaker notes: under the table, with a fifth of its
        # height to spare (LibreOffice drew some tables taller than foreseen, over the note), but never lower
        # than the foot of the room the split left it
        head, heights = _heights(t, widths, pt)
        under = top + Inches(1.2 * (head + sum(heights)) + NOTE_GAP)
        foot = body[1] + body[3] - Inches(_note_height(t.note) - NOTE_GAP)
        _box(slide, left, min(under, foot), width, Inches(1.2), [text(t.note, NOTE_MAX)], NOTE_PT, INK)


NOTE_PT, NOTE_MAX, NOTE_GAP = LABEL_PT, 400, 0.2  # a table's note under it


def _note_height(note: str) -> float:
    """Inches a table's note takes under it, the gap above it included (0 without a note)."""
    if not note:
        return 0.0
    width = (WIDTH - 2 * MARGIN) / 914400
    lines = len(textwrap.wrap(text(note, NOTE_MAX), max(int(width * CHARS_PER_INCH * TABLE_PT / NOTE_PT), 1))) or 1
    return NOTE_GAP + _row_height(lines, NOTE_PT)


def _cell(cell, value: str, pt: int = TABLE_PT, bold: bool = False) -> None:
    cell.text = unbroken(value) or "not released"
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for p in cell.text_frame.paragraphs:
        p.alignment = PP_ALIGN.LEFT
        for r in p.runs:
            r.font.size = Pt(pt)
            r.font.bold = bold


def _title_slide(prs, deck: Deck) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    # 40 pt, or 32 where that would take more than three lines; what follows starts below the title's lines
    # (a four-line title ran over the place and the release under it)
    # (a title is at most TITLE_MAX characters: four lines at 32 pt end above 3.7 inches)
    title = text(deck.title, TITLE_MAX)
    size = 40 if math.ceil(len(title) / 31) <= 3 else 32
    under = 3.7
    _box(slide, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(under - 1.4), [title], size, bold=True)
    _box(
        slide,
        MARGIN,
        Inches(under),
        WIDTH - 2 * MARGIN,
        Inches(1.0),
        [text(deck.area, 120), text(deck.date, 160)],
        22,
        INK,
    )
    _box(
        slide,
        MARGIN,
        Inches(under + 1.2),
        WIDTH - 2 * MARGIN,
        Inches(6.8 - under - 1.2),
        [text("Source: " + "; ".join(deck.sources), 400), text(deck.link, 220)],
        LABEL_PT,
        MUTED,
        link=deck.link if deck.link.startswith("http") else None,
    )
    if deck.notes:
        slide.notes_slide.notes_text_frame.text = "\n\n".join(text(n) for n in deck.notes if n)


def _row_lines(row: Sequence[str], widths: Sequence[float], pt: int = TABLE_PT, bold: bool = False) -> int:
    """Lines a row takes at `pt`: its longest cell wrapped between words to its column (about 8 characters of text
    an inch at 16 pt, as LibreOffice draws it; a bold heading's fewer)."""
    per_inch = CHARS_PER_INCH * TABLE_PT / pt / (BOLD if bold else 1)
    return max(
        (
            # a word longer than the line has a line of its own, as LibreOffice draws it (not broken in two)
            len(textwrap.wrap(text(c, CELL_MAX) or "x", max(int((w - 0.2) * per_inch), 1), break_long_words=False)) or 1
            for c, w in zip(row, widths, strict=True)
        ),
        default=1,
    )


def _row_height(lines: int, pt: int = TABLE_PT) -> float:
    """Inches a table row of `lines` lines of `pt` takes, its cell margins included."""
    return 0.1 + 0.27 * pt / TABLE_PT * lines


def _pages(s: Slide) -> list[Slide]:
    """A table too long for one slide, split over several (never shrunk below readable size)."""
    if not isinstance(s.body, Table):
        return [s]

    def split(pt: int, most: int) -> list[list[list[str]]]:
        head, heights = _heights(s.body, _layout(s.body.columns, s.body.rows, pt)[0], pt)
        room = body_of(s.title + " (1 of 2)")[3] / 914400 - 0.15 - _note_height(s.body.note) - head
        chunks: list[list[list[str]]] = [[]]
        used = 0.0
        for row, need in zip(s.body.rows, heights, strict=True):
            if chunks[-1] and (used + need > room or len(chunks[-1]) >= most):
                chunks.append([])
                used = 0.0
            chunks[-1].append(row)
            used += need
        return chunks

    # at the table's own size, or at 14 pt (still read from the back row) where that takes fewer slides: the
    # in-demand list's fifteen rows took eleven slides of one or two rows at 16 pt
    pt = table_pt(s.body.columns, s.body.rows)
    chunks = split(pt, TABLE_ROWS)
    if pt != LABEL_PT and len(small := split(LABEL_PT, TABLE_ROWS)) < len(chunks):
        pt, chunks = LABEL_PT, small
    if len(chunks) > 1:  # as many slides, the rows shared out evenly (not 7 and 1: a slide of one row)
        even = split(pt, math.ceil(len(s.body.rows) / len(chunks)))
        chunks = even if len(even) == len(chunks) else chunks
    if len(chunks) == 1:  # at the size it was fitted at (at 16 pt it took two slides, at 14 one)
        return [Slide(s.title, s.source, Table(s.body.columns, s.body.rows, s.body.note, pt), s.notes)]
    # a long title is cut before its "(1 of 5)", never through it ("(1 o…")
    return [
        Slide(_numbered(s.title, k + 1, len(chunks)), s.source, Table(s.body.columns, rows, s.body.note, pt), s.notes)
        for k, rows in enumerate(chunks)
    ]


def _numbered(title: str, k: int, n: int) -> str:
    suffix = f" ({k} of {n})"
    return fitted(title, TITLE_MAX - len(suffix)) + suffix


DRAW = {Bars: _bars, Ranges: _ranges, Lines: _lines, Bubbles: _bubbles, Table: _table}


def build(decks: Sequence[Deck], outlines: dict[str, dict] | None = None) -> bytes:
    """One .pptx for one or more views, each its title slide then its slides. `outlines`: the state shapes
    (charts.state_shapes()) a map slide draws."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for deck in decks:
        _title_slide(prs, deck)
        for s in deck.slides:
            for part in _pages(s):
                slide = _frame(prs, part.title, part.source, deck.link, part.notes)
                body = body_of(part.title)
                if isinstance(part.body, MapShapes):
                    _map(slide, part.body, body, outlines or {})
                else:
                    DRAW[type(part.body)](slide, part.body, body)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
