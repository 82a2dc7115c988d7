"""Hardening, round two (issue 30): what the first round's probe found still open, each shown fixed."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from dashboard.core.codes import NATIONAL
from dashboard.domain import occupations
from dashboard.present import charts, export
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


# --- 3 and 4. every way to a spreadsheet is guarded ----------------------------------------------------


def test_streamlits_own_table_download_and_copy_are_not_offered():
    """The table toolbar's "Download as CSV" (and copying cells) wrote =HYPERLINK(…) as it is: turned off in the
    settings every server reads (test_browser.py checks the toolbar has no download)."""
    import tomllib

    from dashboard.data.locations import settings

    assert settings()["client"]["disableDataExport"] is True
    text = (Path(__file__).resolve().parents[1] / "dashboard" / ".streamlit" / "config.toml").read_text()
    assert tomllib.loads(text)["client"]["disableDataExport"] is True


def test_csv_headings_from_data_are_neutralised(ds):
    """/demand's headings start with the state's name: a name that is a formula stays text in the heading."""
    from dashboard.domain import demand
    from dashboard.present import demand_table

    rows = demand.scored(ds, "2600000", demand.DEFAULT_WEIGHTS).head(3)
    for name in ('=HYPERLINK("http://evil.test","x")', "  =1+1", "＝1+1", "@SUM(A1)", "+1"):
        frame, _ = demand_table.demand_table(rows, name, "2022–32", "May 2024", "2024–34", None, csv=True)
        header = export.safe_csv(frame, place=name).decode("utf-8-sig").split("\n")[0]
        cells = next(iter(csv.reader([header])))
        assert "SOC code" in cells and "Occupation" in cells  # headings from no data kept as they are
        from_data = [c for c in cells if c.lstrip("'").startswith(name)]
        assert {"'" + name + " openings a year 2022–32", "'" + name + " growth 2022–32 (%)"} <= set(from_data), cells
        assert all(c.startswith("'") for c in from_data), cells
    # a heading that is just a word is left alone
    assert export.safe_csv(rows.head(1)[["soc_code"]]).decode("utf-8-sig").startswith("soc_code,Source\n")


# --- 9. workbook bombs are refused before they are read --------------------------------------------------

MEASURED = """import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, sep="\\n")
sys.stderr.write(r.stderr)
"""


def _far_cell(ep: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(ep)
    wb["Table 1.2"]["XFD1048576"] = 1  # the sheet now spans A1:XFD1048576
    wb.save(ep)


def _inflating(ep: Path) -> None:
    """Table 1.2's sheet padded with 160 MB of spaces (still a valid sheet): a few hundred KB zipped."""
    import zipfile

    src = zipfile.ZipFile(ep)
    parts = {i.filename: src.read(i) for i in src.infolist()}
    src.close()
    sheet = sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))[0]
    parts[sheet] = parts[sheet].replace(b"</worksheet>", b" " * 160_000_000 + b"</worksheet>")
    with zipfile.ZipFile(ep, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for name, data in parts.items():
            out.writestr(name, data)


@pytest.mark.parametrize(
    "bomb, says",
    [(_far_cell, "spans 1,048,576 rows x 16,384 columns, more than the 5,000,000 cells allowed"),
     (_inflating, "more than the 150,000,000 bytes allowed")],
    ids=["one-cell-at-XFD1048576", "sheet-inflating-to-160MB"],
)  # fmt: skip
def test_build_data_refuses_a_workbook_bomb_naming_file_and_limit(tmp_path, raw_excerpts, bomb, says):
    import shutil
    import subprocess
    import sys

    oews, ep = tmp_path / "oews", tmp_path / "occupation.xlsx"
    shutil.copytree(raw_excerpts[0], oews)
    shutil.copy(raw_excerpts[1], ep)
    bomb(ep)
    out = tmp_path / "data"
    command = [sys.executable, "-m", "dashboard.ingest", "--oews", str(oews), "--ep", str(ep), "--out", str(out)]
    r = subprocess.run([sys.executable, "-c", MEASURED, *command], capture_output=True, text=True, timeout=300)
    code, peak_kb = (int(x) for x in r.stdout.split())
    assert code == 1, r.stderr[-2000:]
    assert r.stderr.startswith("build-data: occupation.xlsx: ") and says in r.stderr, r.stderr
    assert "memory allocation" not in r.stderr and "Traceback" not in r.stderr
    assert peak_kb < 1_000_000, peak_kb  # within today's 1 GB
    assert not out.exists()


# --- 10. a swap stopped half way is refused -----------------------------------------------------------------

KILLED_IN_SWAP = """import os, sys
from pathlib import Path
from dashboard.ingest import build
real, moved = os.replace, []
def replace(a, b):
    real(a, b)
    moved.append(b)
    if len(moved) == 12:
        os._exit(9)  # as if killed: no cleanup runs
build.os.replace = replace
build.validate_tables = lambda tables: []  # the excerpts alone leave curated lists pointing nowhere: not the point
build.build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
"""


def test_a_build_killed_while_swapping_leaves_a_folder_validate_refuses(tmp_path, raw_excerpts, monkeypatch):
    import filecmp
    import shutil
    import subprocess
    import sys

    from dashboard.data.dataset import DEFAULT_DATA_DIR, load
    from dashboard.data.validation import validate_dir
    from dashboard.ingest import build as build_module

    out = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, out)
    before = {f.name for f in out.iterdir()}
    r = subprocess.run([sys.executable, "-c", KILLED_IN_SWAP, *map(str, raw_excerpts), str(out)], timeout=300)
    assert r.returncode == 9
    new = [
        f for f in out.iterdir() if f.is_file() and f.name in before and not filecmp.cmp(f, DEFAULT_DATA_DIR / f.name)
    ]
    assert len(new) >= 5  # files of both builds side by side
    problems = [str(p) for p in validate_dir(out)]
    assert problems == [
        ".build-data-swapping: build-data was stopped while it swapped a new build in: the folder holds files of two "
        "builds; run build-data again"
    ]
    assert load(out).problems  # the server refuses it too (no validated copy is used)
    assert list(tmp_path.glob(".data-build-*"))  # the killed build's folder is left behind…
    monkeypatch.setattr(build_module, "validate_tables", lambda tables: [])
    build_module.build(*raw_excerpts, out)  # …until the next build, which also completes the swap
    assert not list(tmp_path.glob(".data-build-*")) and not (out / ".build-data-swapping").exists()
    assert not any("two builds" in str(p) for p in validate_dir(out))
