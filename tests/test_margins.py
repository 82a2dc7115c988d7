"""present/margins.py: the room a chart's labels and titles take, worked out on the server (tests/
test_margins_browser.py checks it against plotly in Chromium)."""

from __future__ import annotations

import json

from pytest import approx

from dashboard.present import charts, margins


def _drawn(fig) -> dict:
    return json.loads(json.dumps(fig.drawn().to_dict(), default=list))


def test_widths_are_the_fonts_own():
    table = json.loads(margins.WIDTHS_FILE.read_text(encoding="utf-8"))["widths"]
    assert len({table[d] for d in "0123456789"}) == 1  # Arial's figures are all as wide: a label's width is its digits
    assert margins.text_width("$100,000", 12) == approx((table["$"] + 6 * table["0"] + table[","]) * 12 / 1000)
    assert margins.text_width("Welders", 14) == approx(margins.text_width("Welders", 12) * 14 / 12)
    # lines as plotly draws them: the widest line counts, tags are not drawn, entities are one character
    assert margins.text_width("Occupational<br>transfers", 12) == margins.text_width("Occupational", 12)
    assert margins.text_width("<b>Tool</b>", 12) == margins.text_width("Tool", 12)
    assert margins.text_width("&lt;script&gt;", 12) == approx(sum(table[c] for c in "<script>") * 12 / 1000)
    # a character the table does not have counts as the widest it has: the margin errs wide, never short
    assert margins.text_width("語", 12) == max(table.values()) * 12 / 1000 > margins.text_width("W", 12)


def test_a_bar_list_gets_room_for_its_longest_name_and_axis():
    names = ["Welders, Cutters, Solderers, and Brazers", "Machinists", "Team Assemblers"]
    layout = _drawn(charts.hbars([52_000, 38_000, 41_000], names, "Employment"))["layout"]
    longest = max(margins.text_width(line, 12) for n in names for line in charts.wrap(n).split("\n"))
    assert layout["margin"]["l"] >= longest + layout["margin"]["pad"] + 10  # base margin was 10
    assert layout["margin"]["l"] <= longest + layout["margin"]["pad"] + 12 + 2
    assert layout["margin"]["b"] > 10  # the value axis's labels and title below the bars


def test_margins_only_widen_and_unknown_formats_are_left_to_plotly():
    fig = charts.hbars([3, 1], ["Welders", "Machinists"], "Employment")
    fig.update_layout(margin_l=400, margin_b=300)
    layout = _drawn(fig)["layout"]
    assert (layout["margin"]["l"], layout["margin"]["b"]) == (400, 300)  # wide enough already: kept
    data = [{"type": "scatter", "x": [1, 2], "y": [0.1, 0.2]}]
    pct = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10, "pad": 8}, "yaxis": {"automargin": True, "tickformat": ".1%"}}
    assert "l" not in margins.reach(data, pct)  # "10.0%": plotly's own format, its margin its own push
    assert margins.fit(data, json.loads(json.dumps(pct)))["margin"]["l"] == 10
    off = {**pct, "margin": {**pct["margin"], "autoexpand": False}, "yaxis": {"automargin": True, "tickformat": ","}}
    assert margins.reach(data, off) == {}  # no pushes at all: nothing to foresee


def test_a_number_axis_gets_room_for_its_widest_tick():
    data = [{"type": "scatter", "x": [2019, 2024], "y": [98_000, 131_000], "mode": "lines"}]
    layout = {
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10, "pad": 8},
        "yaxis": {"automargin": True, "tickformat": ",.0f", "tickprefix": "$"},
        "xaxis": {"automargin": True},
    }
    far = margins.reach(data, layout)
    # ticks round numbers up to the padded range's end: six digits, as "$140,000"
    assert far["l"] == approx(8 + margins.LABEL_GAP + margins.text_width("$140,000", 12))
    assert far["b"] == approx(8 + margins.X_LABEL_GAP + margins.TEXT_HEIGHT * 12)  # one line of years
    # a hostile category is measured as the text it is drawn as
    hostile = [{"type": "bar", "orientation": "h", "x": [1], "y": ["&lt;img src=x onerror=alert(1)&gt;"]}]
    cat = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10, "pad": 8}, "yaxis": {"automargin": True}}
    table = json.loads(margins.WIDTHS_FILE.read_text(encoding="utf-8"))["widths"]
    shown = sum(table[c] for c in "<img src=x onerror=alert(1)>") * 12 / 1000
    assert margins.reach(hostile, cat)["l"] == approx(8 + margins.LABEL_GAP + shown)


def test_presenter_views_type_is_left_to_plotly():
    """Presenter view's larger type: plotly's placement of it was not measured, so its margins are plotly's."""
    fig = charts.hbars([52_000, 38_000], ["Welders", "Machinists"], "Employment")
    page = _drawn(fig)["layout"]
    charts.for_projector(fig)
    big = json.loads(json.dumps(fig.drawn(presenter=True).to_dict(), default=list))
    assert margins.needed(big["data"], big["layout"]) == {}
    assert big["layout"]["margin"]["l"] < page["margin"]["l"]  # as given: plotly pushes it


def test_plotlys_own_thousands_are_foreseen_and_its_decimals_are_not():
    margin = {"l": 10, "r": 10, "t": 40, "b": 10, "pad": 8}
    jobs = [{"type": "scatter", "x": [2013, 2025], "y": [616_800, 706_900]}]
    far = margins.reach(jobs, {"margin": margin, "yaxis": {"automargin": True, "rangemode": "tozero"}})
    assert far["l"] == approx(8 + margins.LABEL_GAP + margins.text_width("700k", 12))  # ticks 0 … 700k
    small = [{"type": "scatter", "x": [2013, 2025], "y": [1.2, 3.4]}]  # ticks 1.5, 2, 2.5…: plotly's to push
    assert "l" not in margins.reach(small, {"margin": margin, "yaxis": {"automargin": True}})


def test_numpy_numbers_count_and_an_odd_figure_keeps_its_margins():
    import numpy as np

    margin = {"l": 10, "r": 10, "t": 40, "b": 10, "pad": 8}
    ints = [{"type": "bar", "x": np.array([2019, 2024]), "y": np.array([98_000, 131_000], dtype=np.int64)}]
    far = margins.reach(ints, {"margin": margin, "yaxis": {"automargin": True, "tickformat": ","}})
    assert far["l"] == approx(8 + margins.LABEL_GAP + margins.text_width("144,100", 12))
    odd = {"margin": dict(margin), "yaxis": {"automargin": True, "tickformat": ","}, "xaxis": {"domain": "left"}}
    assert margins.fit(ints, odd)["margin"] == margin  # not understood: left to plotly, nothing raised


def test_a_range_just_short_of_a_power_of_ten_gets_no_extra_digit():
    """Bars up to $92,000: plotly's top tick is $90,000, so the room is for five digits, not "$100,000"."""
    margin = {"l": 10, "r": 10, "t": 40, "b": 10, "pad": 8}
    bars = [{"type": "bar", "x": ["10th", "90th"], "y": [41_000, 92_000]}]
    axis = {"automargin": True, "tickformat": ",.0f", "tickprefix": "$"}
    assert margins.reach(bars, {"margin": margin, "yaxis": axis})["l"] == approx(
        8 + margins.LABEL_GAP + margins.text_width("$90,000", 12)
    )
    hidden = [*bars, {"type": "bar", "x": ["10th"], "y": [900_000], "visible": "legendonly"}]
    assert margins.reach(hidden, {"margin": margin, "yaxis": axis}) == margins.reach(
        bars, {"margin": margin, "yaxis": axis}
    )
    bare = {"margin": margin, "yaxis": {"automargin": True, "showticklabels": False}}
    assert margins.needed(bars, bare).get("l", 0) <= margin["l"]  # no labels, no title: nothing to make room for
