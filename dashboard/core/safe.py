"""Text from data or from a link, made safe for the place it goes: one helper per kind of place.

Nothing is stripped but what no screen should show (bidirectional overrides and other format
controls that reorder text); everything else is escaped, so "**x**", "[a](http://…)" or "<b>" reach
the screen as those very characters.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

# Unicode bidirectional embeddings, overrides and isolates, and the marks that steer them:
# a right-to-left override turns "gnp.exe" into "exe.png".
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# CommonMark lets a backslash escape any ASCII punctuation. These are the characters that open markup
# anywhere in a line: emphasis, code, links and images ([ and ![), HTML (<), LaTeX ($), strikethrough,
# headings, tables, and Streamlit's directives (":red" alone opens one). A list marker only counts at
# the start of a line, so a leading digit-dot, -, + or > is escaped there.
_MD = re.compile(r"([\\`*_\[\]<>$~#|:])")
_LIST = re.compile(r"^(\s*\d+)([.)])")  # "1. " opens a list
_MARK = re.compile(r"^(\s*)([-+>=])")  # so do "- ", "+ " and "> ", and "=" underlines a heading
# GFM turns bare addresses into links after the escapes are read (a text-level pass), so a backslash does
# not stop it: an invisible word joiner inside "http:", "www." and before "@" does.
WJ = "\u2060"
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=\\?[:.])|(?=@)")
# Streamlit turns ":material/name:" into an icon before it parses Markdown (a backslash does not stop it),
# and ":name:" into an emoji after: a word joiner after a colon that touches a word breaks both.
_SHORTCODE = re.compile(r"(\\:)(?=[\w+/-])")
LABEL_MAX = 120  # a chart label longer than this is cut (the table beside the chart has it whole)


def clean(text) -> str:
    """The text without bidirectional controls and line breaks (a title is one line)."""
    return BIDI.sub("", str(text)).replace("\r", " ").replace("\n", " ")


def md(text) -> str:
    """For Streamlit's Markdown elements (title, caption, info, metric label, button label…)."""
    t = _MD.sub(r"\\\1", clean(text))
    t = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WJ, t)
    t = _SHORTCODE.sub(r"\1" + WJ, t)
    return _MARK.sub(r"\1\\\2", _LIST.sub(r"\1\\\2", t))


def cut(text, limit: int = LABEL_MAX) -> str:
    t = clean(text)
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


def plot(text) -> str:
    """For plotly, which reads a subset of HTML in every label, title, legend and hover text: escaped, and
    a line break ("\\n", as `wrap` leaves it) drawn as one. Applied once, at the last step, to a whole
    figure (`plot_figure`): a chart is built from plain text, cut and wrapped before it is escaped, so
    a cut never falls inside "&lt;"."""
    return escape(str(text), quote=False).replace("\n", "<br>")


# A template's markup is ours (<br>, <b>, <extra>); data reaches it only through %{…} (customdata, x, y,
# meta), which plot_figure escapes like every other string.
TEMPLATES = frozenset({"hovertemplate", "texttemplate", "hovertemplatefallback"})


def plot_figure(spec: Any, key: str | None = None) -> Any:
    """A plotly figure's dicts with every string escaped by `plot`, templates excepted: what reaches the
    browser. Lists, tuples and numpy arrays of text are escaped item by item; numbers pass as they are."""
    if isinstance(spec, dict):
        return {k: plot_figure(v, k) for k, v in spec.items()}
    if isinstance(spec, str):
        return spec if key in TEMPLATES else plot(spec)
    if isinstance(spec, (list, tuple)):
        return [plot_figure(v, key) for v in spec]
    if getattr(spec, "dtype", None) is not None and spec.dtype.kind in "OUS":  # a numpy array of objects
        return [plot_figure(v, key) for v in spec.tolist()]
    return spec


def echo(value: str, limit: int = 60) -> str:
    """A value from a link, cut, for a message (which md() escapes when it is shown)."""
    return cut(value, limit)
