"""Issue 13, trends: the history tables from real excerpts (tests/fixtures/history), the published values,
the crosswalk joins and breaks, CPI-U, the read-aloud paragraph, and the /trends page (AppTest)."""

import argparse
import filecmp
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.data.schema import TABLES
from dashboard.domain import soc as soc_
from dashboard.domain import trends
from dashboard.ingest import command, cpi, crosswalk, history, timeseries, vintages
from dashboard.ingest.build import build_tables
from dashboard.ingest.extract import IngestError
from tests.apptest import charts_on

HIST = Path(__file__).resolve().parent / "fixtures" / "history"


@pytest.fixture(scope="module")
def parts(raw_excerpts):
    oews_dir, _ = raw_excerpts
    got = timeseries.read(HIST, oews_dir)
    may = build_tables(*raw_excerpts)
    return timeseries.finish(got, oews_dir, may["salary_percentiles"], may["occupations"])


def row(df, year, soc):
    r = df[(df["year"] == str(year)) & (df["soc_code"] == soc)]
    assert len(r) == 1, (year, soc, len(r))
    return r.iloc[0]


@pytest.mark.parametrize(
    "year,employment,median",
    [(2013, "165340", "90790"), (2018, "181310", "103380"), (2020, "179570", "108790"), (2024, "234380", "121440")],
)
def test_published_values_industrial_production_managers(parts, year, employment, median):
    r = row(parts["oews_national_history"], year, "11-3051")
    assert (r["employment"], r["annual_median"]) == (employment, median)


def test_may_2025_comes_from_the_flat_files(parts):
    r = row(parts["oews_national_history"], 2025, "11-3051")
    assert (r["employment"], r["annual_median"], r["hourly_median"]) == ("246250", "126060", "60.61")
    assert (r["top_code_hourly"], r["top_code_annual"]) == ("115.00", "239200")  # oe.footnote's footnote 5


@pytest.mark.parametrize(
    "year,soc,cap_h,cap_a", [(2013, "29-1062", "90.00", "187200"), (2024, "29-1215", "115.00", "239200")]
)
def test_top_coded_cell_is_the_years_cap(parts, year, soc, cap_h, cap_a):
    r = row(parts["oews_national_history"], year, soc)
    assert r["annual_p90"] == cap_a and "annual_p90" in r["top_coded"].split(";")
    assert (r["top_code_hourly"], r["top_code_annual"]) == (cap_h, cap_a)
    assert row(parts["oews_national_history"], 2018, "11-3051")["top_code_annual"] == "208000"


def test_star_is_not_released(parts):
    r = row(parts["oews_national_history"], 2013, "25-2021")  # '*' hourly: annual wages only
    assert r["hourly_median"] == "" and r["annual_median"] == "53590"


def test_a_code_published_as_broad_and_detailed_is_one_row(parts):
    r = row(parts["oews_national_history"], 2018, "13-1020")
    assert r["level"] == "detailed"


def test_cap_is_read_from_the_field_descriptions(tmp_path, raw_excerpts):
    folder = tmp_path / "bls-oews-national-history"
    shutil.copytree(HIST / "bls-oews-national-history", folder)
    wb = openpyxl.load_workbook(folder / "field_descriptions_M2013.xlsx")
    ws = wb.active
    for r in ws.iter_rows():
        for c in r:
            if isinstance(c.value, str) and c.value.startswith("#"):
                c.value = "#  = indicates a wage greater than $99.00 per hour or $205,920 per year"
    wb.save(folder / "field_descriptions_M2013.xlsx")
    got = history.read_year(folder / "national_M2013_dl.xlsx")
    r = got[got["soc_code"] == "29-1062"].iloc[0]
    assert (r["annual_p90"], r["top_code_annual"], r["top_code_hourly"]) == ("205920", "205920", "99.00")
    for r in ws.iter_rows():
        for c in r:
            if isinstance(c.value, str) and "$99.00" in c.value:
                c.value = None
    wb.save(folder / "field_descriptions_M2013.xlsx")
    with pytest.raises(IngestError, match="top-coded wage"):
        history.read_year(folder / "national_M2013_dl.xlsx")


def test_ep_vintage_in_persons_codes_unwrapped_titles_kept(parts):
    v = parts["projection_vintages"].set_index(["vintage", "soc_code"])
    r = v.loc[("2016-26", "11-3051")]  # published as ="11-3051", 170.6 → 169.7 thousand, 11.6 thousand openings
    assert (r["employment_base"], r["employment_target"], r["openings_annual"]) == ("170600", "169700", "11600")
    assert r["title"] == "Industrial production managers"
    assert "Plant Manager" in r["sample_titles"].split("; ")
    assert v.loc[("2024-34", "11-3051"), "employment_base"] == "241900"
    top = v.loc[("2016-26", "29-1061")]  # anesthesiologists: ">=$208,000"
    assert (top["median_wage_base_year"], top["top_coded"]) == ("208000", "median_wage_base_year")


def test_cpi_u_2023_annual_average(parts):
    c = parts["cpi_u"].set_index(["year", "period"])
    assert c.loc[("2023", "M13"), "value"] == "304.702"
    assert ("2025", "M10") not in c.index  # BLS published no October 2025 value


def test_crosswalk_pairs(parts):
    x = parts["soc_crosswalk"]
    soc2010 = x[(x["from_system"] == "soc2010") & (x["soc_code"] == "15-1252")]
    assert sorted(soc2010["from_code"]) == ["15-1132", "15-1133"]
    hybrid = x[(x["from_system"] == "oews2019") & (x["from_code"] == "15-1256")]
    assert sorted(hybrid["soc_code"]) == ["15-1252", "15-1253"]  # one row per pair (the sheet repeats them)


def test_bundled_history_rows_are_the_excerpt_rows(parts):
    for name, keys in [
        ("oews_national_history", ["year", "soc_code"]),
        ("projection_vintages", ["vintage", "soc_code"]),
        ("soc_crosswalk", ["from_system", "from_code", "soc_code"]),
        ("cpi_u", ["year", "period"]),
    ]:
        got = parts[name].reset_index(drop=True)
        full = pd.read_csv(DEFAULT_DATA_DIR / TABLES[name].path, dtype=str, keep_default_na=False).set_index(keys)
        want = full.loc[pd.MultiIndex.from_frame(got[keys])].reset_index()
        pd.testing.assert_frame_equal(got[TABLES[name].columns], want[TABLES[name].columns], check_dtype=False)


def test_history_2025_agrees_with_salary_percentiles_cell_for_cell(ds):
    h = ds.oews_history[ds.oews_history["year"] == ds.release.oews_year].set_index("soc_code")
    w = ds.national
    assert sorted(h.index) == sorted(w.index)
    cols = [c for c in TABLES["oews_national_history"].columns if c in w.columns and c not in ("year", "soc_code")]
    pd.testing.assert_frame_equal(
        h.loc[w.index, cols].reset_index(drop=True), w[cols].reset_index(drop=True), check_dtype=False
    )


def test_raw_flag_reads_every_source_from_one_folder(monkeypatch, tmp_path):
    seen = {}
    import dashboard.ingest.build as b

    monkeypatch.setattr(b, "build", lambda *a: seen.setdefault("args", a) and [])
    p = argparse.ArgumentParser()
    command.add_arguments(p)
    assert command.run(p.parse_args(["--raw", str(tmp_path), "--out", str(tmp_path / "out")])) == 0
    oews, ep, out, sp, raw = seen["args"]
    assert (oews, ep, raw) == (tmp_path / "bls-oews-may2025", tmp_path / "bls-ep-2024-34/occupation.xlsx", tmp_path)
    seen.clear()
    command.run(p.parse_args(["--raw", str(tmp_path), "--oews", "/x/oews", "--out", str(tmp_path / "o")]))
    assert seen["args"][0] == Path("/x/oews")  # an explicit flag still wins


def test_raw_folder_without_a_history_source_stops_the_build(tmp_path):
    for name in ("bls-oews-national-history", "bls-ep-vintages", "bls-soc-crosswalks"):
        shutil.copytree(HIST / name, tmp_path / name)
    with pytest.raises(IngestError, match="bls-cpi-u: not a folder"):
        timeseries.read(tmp_path, tmp_path)


def test_readers_name_the_file_on_a_bad_layout(tmp_path):
    (tmp_path / "ep_2016-26.csv").write_text("Occupation Title,SOC Code\nX,11-3051\n")
    with pytest.raises(IngestError, match="ep_2016-26.csv: no column for"):
        vintages.projection_vintages(tmp_path)
    with pytest.raises(IngestError, match="cu.data.CUUR0000SA0.csv: file not found"):
        cpi.cpi_u(tmp_path)
    with pytest.raises(IngestError, match="soc_2010_to_2018_crosswalk.xlsx: file not found"):
        crosswalk.soc_crosswalk(tmp_path)


@pytest.mark.slow
def test_build_data_raw_rebuilds_the_history_files_byte_for_byte(tmp_path, shared_data):
    p = argparse.ArgumentParser()
    command.add_arguments(p)
    assert command.run(p.parse_args(["--raw", str(shared_data), "--out", str(tmp_path / "data")])) == 0
    ours = [TABLES[n].path for n in ("oews_national_history", "soc_crosswalk", "projection_vintages", "cpi_u")]
    assert filecmp.cmpfiles(DEFAULT_DATA_DIR, tmp_path / "data", ours, shallow=False)[0] == ours


# --- pure logic on the bundled data ----------------------------------------------------------------------


def test_industrial_production_managers_one_line_2013_to_2025(ds):
    lin = soc_.lineage(ds, "11-3051")
    assert sorted(lin.codes) == list(range(2013, 2026)) and not lin.breaks


def test_software_developers_break_names_the_earlier_codes(ds):
    lin = soc_.lineage(ds, "15-1252")
    assert min(lin.codes) == 2021  # no line through May 2013–2020
    soc2010, hybrid = lin.breaks
    assert [c for c, _ in soc2010.earlier] == ["15-1132", "15-1133"] and soc2010.years == tuple(range(2013, 2019))
    assert [c for c, _ in hybrid.earlier] == ["15-1256"] and hybrid.years == (2019, 2020)
    assert ("15-1253", "Software Quality Assurance Analysts and Testers") in soc2010.also
    s = soc2010.sentence("Software Developers")
    assert "15-1132 Software Developers, Applications" in s and "15-1253" in s
    assert trends.series(ds, "15-1252")["year"].tolist() == [2021, 2022, 2023, 2024, 2025]


def test_paragraph_names_first_and_last_year_and_figures(ds):
    text = trends.paragraph(ds, "11-3051")
    assert text.startswith(
        "Employment of industrial production managers rose from 165,340 in May 2013 to 246,250 in May 2025 (+49%)."
    )
    d = trends.deflator(ds)
    real = 126060 / (90790 * d.factors[2013]) - 1
    assert (
        f"The median annual wage rose from $90,790 to $126,060 (+39% as published; {real * 100:+.0f}% after inflation, in May 2025 dollars)."
        in text
    )


def test_cpi_restatement_uses_the_may_index(ds):
    d = trends.deflator(ds)
    may = ds.cpi_u[(ds.cpi_u["period"] == "M05")].set_index("year")["value"]
    assert d.target_year == 2025 and d.factors[2025] == 1.0
    assert d.factors[2013] == pytest.approx(may.loc[2025] / may.loc[2013])
    assert "May 2025" in d.note and "CUUR0000SA0" in d.note


def test_index_first_common_year_is_100(ds):
    df = trends.frame(ds, ["11-3051", "15-1252"], "employment", False, False)
    out, year = trends.indexed(df, ["11-3051", "15-1252"])
    assert year == 2021
    assert out[out["year"] == 2021]["value"].tolist() == [100.0, 100.0]


def test_top_coded_years_stay_bounds_in_real_dollars(ds):
    df = trends.frame(ds, ["29-1215"], "wage", False, True)
    capped = df[df["p90_top_coded"]]
    assert len(capped) and (capped["p90"] >= 187200).all()


def test_projection_vintages_in_ep_terms(ds):
    v = trends.vintages(ds, "11-3051")
    assert v["vintage"].tolist()[0] == "2016-26" and v["employment_target"].iloc[0] == 169700
    assert (
        trends.followed(v)[0]
        == "In 2016 BLS projected 169,700 in 2026 (-0.5% from 170,600); by 2024 EP counted 241,900."
    )


def test_old_codes_are_mapped_or_explained(ds):
    assert soc_.old_code(ds, "15-1131")[0] == ["15-1251"]
    codes, sentence = soc_.old_code(ds, "15-1132")
    assert codes == ["15-1252", "15-1253"] and "was split" in sentence
    assert soc_.old_code(ds, "99-9999") is None


# --- the page -------------------------------------------------------------------------------------------------


def texts(at, plain):
    return [plain(m.value) for m in at.markdown] + [plain(c.value) for c in at.caption]


def test_trends_page_reads_aloud_the_figures(run, plain):
    at = run("trends", role="11-3051")
    shown = texts(at, plain)
    assert any(
        t.startswith(
            "Employment of industrial production managers rose from 165,340 in May 2013 to 246,250 in May 2025 (+49%)."
        )
        for t in shown
    )
    assert any("CUUR0000SA0" in t and "May 2025" in t for t in shown)  # which index and month
    assert any("In 2016 BLS projected 169,700 in 2026" in t for t in shown)
    assert any("self-employed" in t for t in shown)


def test_trends_page_explains_the_software_developers_break(run, plain):
    at = run("trends", role="15-1252")
    shown = " ".join(texts(at, plain))
    assert "Why the line for Software Developers (15-1252) starts in May 2021" in shown
    assert "15-1132 Software Developers, Applications" in shown and "15-1256" in shown


def test_trends_page_old_code_and_bad_values(run, plain):
    at = run("trends", role="15-1132", series="bogus", dollars="x", scale="y")
    warnings = [plain(w.value) for w in at.warning]
    assert any("15-1132 Software Developers, Applications (SOC 2010) was split" in w for w in warnings)
    assert any("“bogus” is not a trend" in w for w in warnings)
    assert any("“x” is not a dollar basis" in w for w in warnings)
    assert any("“y” is not a scale" in w for w in warnings)
    at = run("trends", role="15-1131")
    assert any("it is 15-1251 Computer Programmers in SOC 2018" in plain(w.value) for w in at.warning)


def test_trends_page_seven_roles_and_unknown(run, plain):
    at = run("trends", role="11-3051,51-1011,43-5061,11-1021,17-2112,13-1081,11-3071")
    assert any("up to 6 occupations" in plain(w.value) for w in at.warning)
    at = run("trends", role="99-9999")
    assert any("No occupation has the code “99-9999”" in plain(w.value) for w in at.warning)


@pytest.mark.parametrize(
    "query, median",
    [
        ({"role": "11-3051"}, "Median (annual, May 2025 dollars)"),
        ({"role": "11-3051", "dollars": "nominal"}, "Median (annual, dollars as published)"),
        ({"role": "11-3051,11-1021", "scale": "index"}, "Median (index, May 2013 = 100)"),
    ],
)
def test_trend_table_says_each_figures_unit(run, query, median):
    """The table behind the chart (and its CSV) said "Median" over restated values: 2013's $90,790 read
    125,291 with no word that it was in May 2025 dollars."""
    at = run("trends", opened=True, **query)
    table = next(d.value for d in at.dataframe if "May" in d.value.columns)
    assert median in table.columns
    row = table[(table["SOC code"] == "11-3051") & (table["May"] == 2013)].iloc[0]
    if "as published" in median:
        assert row[median] == 90790
        assert "10th percentile (annual, dollars as published)" in table.columns
    elif "dollars" in median:
        assert row[median] > 120_000  # $90,790 in May 2013 restated in May 2025 dollars
    else:
        assert row[median] == 100


def test_bands_break_at_top_coded_and_missing_years(run, ds):
    """Chief executives' 90th percentile is top-coded May 2013–2024 and published in 2025 ($507,730): the band
    was filled as one wedge from 2013 to 2025; prosthodontists' (no May 2022 figures) crossed over the gap."""
    import json

    h = ds.oews_history
    ceo = h[h["soc_code"] == "11-1011"].set_index("year")
    assert ceo.loc[2013:2024, "annual_p90_top_coded"].all() and not ceo.loc[2025, "annual_p90_top_coded"]
    for role, expected in [("11-1011", {"10th–90th percentile": [[2025]]}), ("11-3051", None)]:
        at = run("trends", role=role)
        spec = json.loads(charts_on(at)[0].spec)
        bands: dict[str, list] = {}
        for t in spec["data"]:
            if t.get("fill") == "tonexty":
                bands.setdefault(t["name"], []).append(t["x"])
        for name, runs in bands.items():
            for xs in runs:  # each filled run covers consecutive years only
                assert xs == list(range(xs[0], xs[0] + len(xs))), (role, name, xs)
        if expected:
            assert bands["10th–90th percentile"] == expected["10th–90th percentile"]
        else:  # nothing capped or missing: one band over every year
            assert bands["10th–90th percentile"] == [list(range(2013, 2026))]
