"""Issue 28, items 5–10: CSV cells as numbers, files a spreadsheet opens cleanly (LibreOffice Calc, for real),
charts that credit only what they draw and name what they show, one baseline on Compare, and the trends link
that keeps whose projections are shown. Expected figures are read from the bundled data."""

import csv
import io
import json
import os
import re
import shutil
import subprocess

import openpyxl
import pytest
from downloads import BOM, downloads, text

from dashboard.domain import trends
from tests.apptest import charts_on

OEWS = "BLS Occupational Employment and Wage Statistics (OEWS), May 2025"
EP = "Employment Projections"


def rows(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data)))


def charts(at) -> dict[str, tuple[str, str, dict]]:
    """{title: (title, source line, spec)} of every chart on the page, line breaks undone."""
    out = {}
    for c in charts_on(at):
        spec = json.loads(c.spec)
        title = spec["layout"].get("title", {})
        # Streamlit's theme draws a title in bold; the figure now says so itself (Figure.drawn)
        head = re.sub(r"^<b>(.*)</b>$", r"\1", title.get("text", ""), flags=re.S).replace("<br>", " ")
        out[head] = (head, title.get("subtitle", {}).get("text", "").replace("<br>", " "), spec)
    return out


def table_with(at, column: str):
    return next(d for d in at.dataframe if column in d.value.columns)


# --- 5. numbers as numbers -------------------------------------------------------------------------------


def test_trends_projections_csv_has_one_number_a_column(ds):
    """/trends?role=51-1011: "621,400", "619,500 in 2026" and '-0.3% were text in the CSV."""
    vv = trends.vintages(ds, "51-1011").set_index("vintage")
    first = vv.loc["2016-26"]
    assert (first["employment_base"], first["employment_target"], first["target_year"]) == (621_400, 619_500, 2026)
    _, made = downloads("trends", role="51-1011")
    got = {r["Vintage"]: r for r in rows(text(made, "trends-vintages-51-1011.csv"))}
    assert got["2016-26"]["Base-year employment (EP)"] == "621400"
    assert got["2016-26"]["Projected employment (EP)"] == "619500"
    assert got["2016-26"]["Target year"] == "2026"
    assert got["2016-26"]["Projected change (%)"] == f"{round(first['change_pct'], 1)}" == "-0.3"
    for vintage, r in got.items():
        assert float(r["Projected change (%)"]) == round(vv.loc[vintage, "change_pct"], 1)
        assert all(not cell.startswith("'") for cell in r.values()), r


def test_trends_projections_table_has_separators(run):
    at = run("trends", opened=True, role="51-1011")
    table = table_with(at, "Projected employment (EP)")
    config = json.loads(table.proto.columns)
    assert config["Projected employment (EP)"]["type_config"]["format"] == "localized"  # 619,500
    assert table.value.loc[table.value["Vintage"] == "2016-26", "Projected employment (EP)"].iloc[0] == 619_500


@pytest.mark.parametrize("dollars", ["real", "nominal"])
def test_trends_wage_table_rounded_in_order_with_separators(run, ds, dollars):
    """Restated wages read 76245.2135 on screen and 76245.21346240529 in the file; the median came after the 90th."""
    at = run("trends", opened=True, role="51-1011", dollars=dollars)
    unit = "annual, May 2025 dollars" if dollars == "real" else "annual, dollars as published"
    figures = [f"{p} ({unit})" for p in ("10th percentile", "25th percentile", "Median", "75th percentile")]
    figures.append(f"90th percentile ({unit})")
    table = table_with(at, f"Median ({unit})")
    assert [c for c in table.value.columns if unit in c] == figures
    config = json.loads(table.proto.columns)
    assert all(config[c]["type_config"]["format"] == "dollar" for c in figures)  # $76,245
    known = table.value[figures].stack()
    assert (known == known.round()).all()
    # the file: whole dollars, in the same order
    _, made = downloads("trends", role="51-1011", dollars=dollars)
    data = rows(text(made, "trends.csv"))
    assert [c for c in data[0] if unit in c] == figures
    cells = [r[c] for r in data for c in figures if r[c]]
    assert cells and all(c.isdigit() for c in cells), cells[:5]
    if dollars == "nominal":  # as published: May 2013's median is BLS's own figure
        h = ds.oews_history
        published = h[(h["soc_code"] == "51-1011") & (h["year"] == 2013)]["annual_median"].iloc[0]
        may13 = next(r for r in data if r["May"] == "2013")
        assert may13[f"Median ({unit})"] == f"{published:.0f}"


# --- 6. a real spreadsheet opens the files -----------------------------------------------------------------


def test_csv_opens_cleanly_in_libreoffice_calc(tmp_path):
    """Every CSV starts with UTF-8's byte-order mark (Excel on Windows needs it for "–", "→", "×"), and
    LibreOffice Calc reads back the titles, the numbers as numbers and the Source column.

    LibreOffice 7.4 headless takes the file's character set from the filter options and ignores a BOM, so the
    options name UTF-8 (76) here; the BOM itself is checked byte for byte, and Calc shows that it does not end
    up in the first heading."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is not installed (apt-get install -y libreoffice-calc; .ci/run installs it)"
    _, made = downloads("trends", role="51-1011")
    names = ["trends-vintages-51-1011.csv", "trends.csv"]
    for name in names:
        data = made[name]()
        assert data.startswith(BOM), name
        (tmp_path / name).write_bytes(data)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--infilter=CSV:44,34,76,1",
         "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), *(str(tmp_path / n) for n in names)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "out" / "trends-vintages-51-1011.xlsx").active
    got = [[c.value for c in r] for r in sheet.iter_rows()]
    head, first = got[0], dict(zip(got[0], got[1], strict=True))
    assert head[0] == "Vintage" and head[-1] == "Source"  # no "ï»¿Vintage"
    assert first["Vintage"] == "2016-26"
    assert first["Projected employment (EP)"] == 619_500 and first["Target year"] == 2026
    assert first["Projected change (%)"] == -0.3  # a number, not the text '-0.3%
    assert "Employment Projections" in first["Source"] and first["Area"] == "United States"
    sheet = openpyxl.load_workbook(tmp_path / "out" / "trends.xlsx").active
    got = [[c.value for c in r] for r in sheet.iter_rows()]
    may13 = dict(zip(got[0], got[1], strict=True))
    assert may13["Occupation"].startswith("First-Line Supervisors of Production")
    assert isinstance(may13["Median (annual, May 2025 dollars)"], int)
    assert may13["Top-coded (≥ bound)"] is False  # "≥" read as UTF-8
    assert may13["Source"].startswith("BLS OEWS national estimates, May 2013–May 2025; CPI-U")  # "–", as written


# --- 7. charts credit only what they draw ------------------------------------------------------------------


@pytest.mark.parametrize(
    "page, query, drawn",
    [
        ("occupation", {"role": "51-1011", "area": "MI"}, ("wage percentiles", "top hiring", "top-paying")),
        ("geography", {"role": "51-1011", "area": "MI"}, ("by state", "of 54 states", "areas in Michigan")),
        ("compare", {"role": "11-3051,51-1011"}, ("wage range",)),
        ("pathways", {}, ("wage band at each step",)),
        ("industry", {"industry": "336000"}, ("employs most", "Inside")),
    ],
)
def test_oews_charts_do_not_cite_employment_projections(run, page, query, drawn):
    found = {k: v for k, v in charts(run(page, **query)).items() if any(d in k for d in drawn)}
    assert len(found) == len(drawn), list(charts(run(page, **query)))
    for title, source, _ in found.values():
        assert source.startswith(f"Source: {OEWS}"), (title, source)
        assert EP not in source, (title, source)


def test_map_credits_its_outlines_and_the_openings_chart_cites_ep_only(run):
    by_state = next(v for k, v in charts(run("geography", role="51-1011")).items() if "by state" in k)
    assert "US Census Bureau" in by_state[1]
    openings = next(v for k, v in charts(run("occupation", role="51-1011")).items() if "openings come from" in k)
    assert openings[1] == "Source: BLS Employment Projections 2024–34, Table 1.10"


# --- 8. a chart names what it shows ------------------------------------------------------------------------


def test_single_line_trend_names_its_occupation(run):
    """/trends?role=11-3051&series=employment was "Employment, May 2013–2025, nation", with no legend."""
    (title, _, spec), *_ = charts(run("trends", role="11-3051", series="employment")).values()
    assert title.startswith("Industrial Production Managers (11-3051): employment, May 2013–2025")
    assert spec["layout"]["yaxis"]["title"]["text"] == "Employment"


@pytest.mark.parametrize(
    "query, says, axis",
    [
        ({}, "median annual wage in May 2025 dollars", "Median annual wage (May 2025 dollars)"),
        ({"dollars": "nominal"}, "median annual wage as published", "Median annual wage (as published)"),
        (
            {"wage": "hourly", "dollars": "nominal"},
            "median hourly wage as published",
            "Median hourly wage (as published)",
        ),
    ],
)
def test_wage_trend_says_its_dollars_in_title_and_axis(run, query, says, axis):
    (title, _, spec), *_ = charts(run("trends", role="11-3051", **query)).values()
    assert title.startswith(f"Industrial Production Managers (11-3051): {says}, May 2013–2025, nation"), title
    assert spec["layout"]["yaxis"]["title"]["text"] == axis
    (title, _, spec), *_ = charts(run("trends", role="11-3051,51-1011", **query)).values()
    assert title.startswith(f"{says[:1].upper()}{says[1:]}, May 2013–2025, nation"), title  # "May" kept
    assert spec["layout"]["yaxis"]["title"]["text"] == axis


# --- 9. Compare speaks of the baseline it draws ------------------------------------------------------------


def test_compare_sentence_and_chart_share_one_baseline(run, plain, ds):
    """It said "+45.4% … since May 2015" above a chart indexed to May 2013 = 100."""
    at = run("compare", role="11-3051,51-1011")
    (title, _, spec), *_ = (v for k, v in charts(at).items() if k.startswith("Employment as an index"))
    assert "May 2015 = 100" in title
    h = ds.oews_history
    emp = h[h["soc_code"] == "11-3051"].set_index("year")["employment"]
    change = (emp[2025] / emp[2015] - 1) * 100
    shown = " ".join(plain(m.value) for m in at.markdown)
    assert f"Industrial Production Managers (11-3051): {change:+.1f}% from May 2015 to May 2025." in shown
    line = next(t for t in spec["data"] if t.get("name", "").endswith("(11-3051)"))
    y = dict(zip(line["x"], line["y"], strict=True))
    assert y[2015] == pytest.approx(100) and y[2025] - 100 == pytest.approx(change)
    assert "since May 2013" not in shown and "May 2013 = 100" not in title


# --- 10. the trends link keeps what is chosen --------------------------------------------------------------


def test_projections_for_is_in_the_link_and_the_presenter_view(run, plain):
    at = run("trends", role="11-3051,51-1011")
    at.selectbox(key=next(s.key for s in at.selectbox if s.label == "Projections for")).select("51-1011").run()
    assert at.query_params["projections"] in ("51-1011", ["51-1011"])
    presenter = next(m.value for m in at.sidebar.markdown if "Presenter view" in m.value)
    assert "projections=51-1011" in presenter and "present=1" in presenter
    # the presenter view (no controls) shows that occupation's projections, not the first one's
    shown = run("trends", role="11-3051,51-1011", projections="51-1011", present="1")
    bold = [plain(m.value) for m in shown.markdown if m.value.startswith("**")]
    assert "**First-Line Supervisors of Production and Operating Workers (51-1011)**" in bold
    assert not any("Industrial Production Managers (11-3051)**" in b for b in bold)
    assert any("First-Line Supervisors" in k and "vintage" in k for k in charts(shown))


def test_projections_for_an_occupation_not_shown_says_so(run, plain):
    at = run("trends", role="11-3051,51-1011", projections="15-1252")
    assert any("15-1252 is not among the occupations shown" in plain(w.value) for w in at.warning)
    at = run("trends", role="11-3051", projections="nonsense")
    assert any("No occupation has the code “nonsense”" in plain(w.value) for w in at.warning)


@pytest.mark.parametrize("wage", ["annual", "hourly"])
def test_pathway_csv_gain_is_two_numbers(ds, wage):
    """The steps' file read "'+$29,800 (+67%)": two figures in one text cell, quoted by the formula guard."""
    steps = ds.pathways[ds.pathways["pathway"] == "manufacturing-management"].sort_values("step")["soc_code"]
    median = ds.wages.xs("0000000", level="area_code")[f"{wage}_median"]
    a, b = median[steps.iloc[2]], median[steps.iloc[3]]
    _, made = downloads("pathways", wage=wage)
    got = rows(text(made, "pathway.csv"))
    gain = got[3][f"Gain from previous step: median {wage} wage ($)"]
    assert gain == (f"{b - a:.2f}" if wage == "hourly" else f"{b - a:.0f}")
    assert float(got[3]["Gain from previous step (%)"]) == round((b / a - 1) * 100, 1)
    assert got[0]["Gain from previous step (%)"] == ""  # the entry step has no step before it
    assert not any(cell.startswith("'") for r in got for cell in r.values())
