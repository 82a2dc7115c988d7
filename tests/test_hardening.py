"""Hardening, round two (issue 30): what the first round's probe found still open, each shown fixed."""

from __future__ import annotations

import json
import re

from dashboard.core.codes import NATIONAL
from dashboard.domain import occupations
from dashboard.present import charts
from dashboard.present.figure import Figure

LINK = 'Michigan <a href="http://evil.test/">x</a> <b>bold</b> <i>slanted</i> & co'
MARKUP = re.compile(r"<(?!br>|/?b>|extra>|/extra>)[^>]*>")  # any tag but our own line breaks, bold and <extra>


def drawn(fig: Figure) -> dict:
    """The figure as it reaches the browser (what st.plotly_chart is given)."""
    return json.loads(json.dumps(fig.plotly().to_dict(), default=str))


def strings(node, key=None):
    """Every (key, string) in a figure's dicts, templates included."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "template":
                yield from strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v, key)
    elif isinstance(node, str):
        yield key, node


# --- 1. a data value never becomes markup in a chart ----------------------------------------------------


def test_an_area_name_with_a_link_is_drawn_as_text_in_the_bubble_chart(ds):
    table = occupations.explorer_table(ds, area=NATIONAL).head(40)
    fig = charts.opportunity(table, "major_title", 49_270.0, 4.0, "2024–34", place=LINK, growth_of=LINK)
    spec = drawn(fig)
    texts = [s for _, s in strings(spec)]
    assert not any("<a " in t or "<i>" in t or "<b>bold" in t for t in texts)  # no live link, no bold or italic
    y_title = spec["layout"]["yaxis"]["title"]["text"].replace("<br>", " ")
    assert (
        y_title
        == 'Median annual wage, Michigan &lt;a href="http://evil.test/"&gt;x&lt;/a&gt; &lt;b&gt;bold&lt;/b&gt; &lt;i&gt;slanted&lt;/i&gt; &amp; co'
    )
    median = next(a["text"] for a in spec["layout"]["annotations"] if a["text"].startswith("All occupations"))
    assert median.replace("<br>", " ").endswith("&lt;i&gt;slanted&lt;/i&gt; &amp; co: $49,270")
    # wrapped before it was escaped: no entity is cut in half by a line break
    for _, t in strings(spec):
        for line in t.split("<br>"):
            assert not re.search(r"&(?!lt;|gt;|amp;)|&(lt|gt|amp)(?!;)", line), line


def test_every_string_reaching_plotly_is_escaped_except_our_templates(ds):
    """Titles, names, ticks, annotations, categories, hover data: one function escapes them at the last step."""
    table = occupations.explorer_table(ds, area=NATIONAL).head(10).copy()
    table["title"] = "<b>T</b> " + table["title"]
    table["major_title"] = "<i>G</i>"
    figs = [
        charts.opportunity(table, "major_title", 50_000.0, 4.0, "2024–34", place="<a href=x>p</a>"),
        charts.hbars([1, 2], ["<a href=x>one</a>", "two & <b>"], "<i>title</i>", text=["<b>1</b>", "2"]),
        charts.staffing(table.head(3).assign(employment=[10.0, 20.0, 30.0], share=[1.0, 2.0, None])),
    ]
    for fig in figs:
        for key, t in strings(drawn(fig)):
            if key in ("hovertemplate", "texttemplate"):
                continue
            assert not MARKUP.search(t) and "<b>" not in t and "<i>" not in t, (key, t)


def test_hover_templates_carry_no_data(ds):
    table = occupations.explorer_table(ds, area=NATIONAL).head(5)
    fig = charts.wage_percentiles(
        __import__("pandas").DataFrame(
            {"place": [LINK] * 5, "percentile": ["10th", "25th", "50th", "75th", "90th"], "wage": [1.0] * 5,
             "top_coded": [False] * 5, "label": ["$1"] * 5}
        ),
        hourly=False,
    )  # fmt: skip
    spec = drawn(fig)
    assert all("evil" not in t["hovertemplate"] for t in spec["data"])
    assert spec["data"][0]["meta"] == [
        'Michigan &lt;a href="http://evil.test/"&gt;x&lt;/a&gt; &lt;b&gt;bold&lt;/b&gt; &lt;i&gt;slanted&lt;/i&gt; &amp; co'
    ]
    shapes = charts.us_map(
        __import__("pandas").DataFrame({"state": ["MI"], "value": [1.0], "label": ["$1"], "reliability": ["reliable"]}),
        f"Median wage of {LINK}",
    )
    hover = [t for t in drawn(shapes)["data"] if t.get("name") == "states"][0]
    assert isinstance(hover["hovertemplate"], str) and "evil" not in hover["hovertemplate"]
    assert "&lt;a href" in hover["meta"][0] and len(table)


def test_wrap_runs_before_escaping():
    assert charts.wrap("a " * 20 + "<a href=x>", 10).count("\n") >= 3  # plain text, plain line breaks
    fig = Figure().update_layout(title=charts.wrap("x" * 20 + " </a> " + "y" * 20, 26))
    assert drawn(fig)["layout"]["title"]["text"] == "x" * 20 + " &lt;/a&gt;<br>" + "y" * 20
