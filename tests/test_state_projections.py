"""State long-term projections (Projections Central 2022–32): ingest on the real excerpt, published values."""

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.data.schema import TABLES
from dashboard.data.validation import validate_tables
from dashboard.ingest import state_projections as sp
from dashboard.ingest.extract import IngestError

EXCERPT = Path(__file__).resolve().parent / "fixtures" / "projections-central" / "longterm_2022-32_excerpt.tsv"


@pytest.fixture(scope="module")
def excerpt() -> pd.DataFrame:
    return sp.table(EXCERPT)


def test_excerpt_in_contract_form(excerpt):
    assert list(excerpt.columns) == TABLES["state_projections"].columns
    mi = excerpt.set_index(["area_code", "soc_code"]).loc[("2600000", "11-3051")]
    assert list(mi[["base_year", "target_year", "employment_base", "employment_target", "change_pct"]]) == [
        "2022",
        "2032",
        "14610",
        "14650",
        "0.3",
    ]
    assert mi["openings_annual"] == "980"
    us = excerpt.set_index(["area_code", "soc_code"]).loc[("0000000", "11-3051")]
    assert (us["employment_base"], us["employment_target"], us["openings_annual"]) == ("222100", "225700", "15300")
    # the export's empty lines are no rows; Guam publishes 210 occupations, the fewest of any area
    assert (excerpt["area_code"] == "6600000").sum() == 210
    assert len(excerpt) == 210 + 10
    # a published zero stays a zero; a SOC 2010 code stays as the state published it
    idaho = excerpt.set_index(["area_code", "soc_code"])
    assert idaho.loc[("1600000", "17-2021"), "employment_base"] == "0"
    assert idaho.loc[("1600000", "15-1132"), "title"] == "Software Developers, Applications"
    assert validate_tables({"state_projections": excerpt}) == []


def test_excerpt_rows_equal_bundled_rows(excerpt):
    full = pd.read_csv(DEFAULT_DATA_DIR / TABLES["state_projections"].path, dtype=str, keep_default_na=False)
    full = full.set_index(["area_code", "soc_code"])
    got = excerpt.set_index(["area_code", "soc_code"])
    pd.testing.assert_frame_equal(got, full.loc[got.index][got.columns])


def test_published_values_in_the_bundled_data(ds):
    t = ds.state_projections
    mi = t.loc[("2600000", "11-3051")]
    assert (mi["employment_base"], mi["employment_target"], mi["openings_annual"]) == (14_610, 14_650, 980)
    assert mi["change_pct"] == 0.3
    us = t.loc[("0000000", "11-3051")]
    assert (us["employment_base"], us["employment_target"], us["openings_annual"]) == (222_100, 225_700, 15_300)
    assert (us["base_year"], us["target_year"]) == (2022, 2032)
    # every state, DC, PR, GU and VI, plus the US row; a state that does not publish an occupation has no row
    assert t["area_code"].nunique() == 55
    counts = t["area_code"].value_counts()
    assert counts.idxmin() == "6600000" and counts.min() == 210
    assert ("6600000", "11-3051") not in t.index
    assert len(t) == 36_626


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda b: b.replace(b"AvgAnnualOpenings", b"Openings", 1), "missing column(s) AvgAnnualOpenings"),
        (lambda b: b.replace(b"\t26\t11-3051", b"\t99\t11-3051", 1), "unknown STFIPS ['99']"),
        (lambda b: b.replace(b"\t14610\t", b"\t14,610\t", 1), "column Base holds ['14,610']"),
        (lambda b: b.replace(b"\t11-3051\t", b"\t113051\t", 1), "is not an SOC code"),
    ],
)
def test_bad_layout_stops_with_message(tmp_path, edit, expected):
    bad = tmp_path / "longterm_2022-32_bad.tsv"
    bad.write_bytes(edit(EXCERPT.read_bytes()))
    with pytest.raises(IngestError) as e:
        sp.table(bad)
    assert expected in str(e.value) and bad.name in str(e.value)


def test_years_come_from_the_name(tmp_path):
    assert sp.vintage(Path("x/longterm_2022-32_all_states.tsv")) == (2022, 2032)
    assert sp.vintage(Path("projections-central-2098-08/export.tsv")) == (2098, 2108)
    nameless = tmp_path / "export.tsv"
    nameless.write_bytes(EXCERPT.read_bytes())
    with pytest.raises(IngestError, match="cannot tell the projection years"):
        sp.table(nameless)


def test_build_data_takes_the_export(raw_excerpts):
    from dashboard.ingest.build import build_tables

    tables = build_tables(*raw_excerpts, state_projections=EXCERPT)
    pd.testing.assert_frame_equal(tables["state_projections"], sp.table(EXCERPT))
    with pytest.raises(IngestError, match="file not found"):
        build_tables(*raw_excerpts, state_projections=EXCERPT.with_name("absent.tsv"))


def test_growth_only_openings_are_withheld(ds, run, metrics, plain):
    """New York's file gives only the openings from growth (0 for every declining occupation): shown as
    "not released" with the reason, never as 0 openings; every other state's stay as published."""
    assert ds.openings_withheld == ("3600000",)
    raw = pd.read_csv(DEFAULT_DATA_DIR / "state_projections.csv.gz", dtype=str, keep_default_na=False)
    ny = raw[raw["area_code"] == "3600000"]
    base, target = pd.to_numeric(ny["employment_base"]), pd.to_numeric(ny["employment_target"])
    growth = ((target - base) / 10).clip(lower=0)
    published = pd.to_numeric(ny["openings_annual"])
    assert ((published - growth).abs() <= (0.02 * growth).clip(lower=10)).mean() > 0.99  # the file's pattern
    assert ny.set_index("soc_code").loc["11-3051", "openings_annual"] == "0"  # as published, declining 5.1%
    sp_ = ds.state_projections
    assert pd.isna(sp_.loc[("3600000", "11-3051"), "openings_annual"])
    assert sp_.loc[("3600000", "11-3051"), "employment_base"] == 5210  # the rest of the row as published
    assert sp_.loc[("2600000", "11-3051"), "openings_annual"] == 980

    at = run("occupation", role="11-3051", area="NY")
    m = metrics(at)
    assert m["New York openings a year (2022–32)"] == "not released"
    assert m["New York employment 2022"] == "5,210"
    shown = " ".join(plain(c.value) for c in at.caption)
    assert "New York: openings a year not released here" in shown
    at = run("demand", area="NY")
    shown = " ".join(plain(c.value) for c in at.caption)
    assert "New York's list is scored on growth and wage only" in shown


def test_profile_brief_carries_the_state_projection(ds):
    """A board packet built from the profile's brief lost Michigan's figures: the brief had only the nation's."""
    from dashboard.present import brief

    text = html.unescape(re.sub(r"<[^>]+>", "|", brief.occupation_brief(ds, "11-3051", "2600000")))
    cells = [r.replace("||", "|") for r in text.split("||||")]  # </td></tr><tr><td> between rows, </td><td> inside
    rows = [r for r in cells if r.startswith(("Michigan, 2022–32", "United States, 2024–34"))]
    assert rows == [
        "Michigan, 2022–32 · Projections Central (state LMI agencies)|14,610 (2022)|14,650 (2032)|+40 (+0.3%)|980",
        "United States, 2024–34 · BLS Employment Projections|241,900 (2024)|246,500 (2034)|+4,600 (+1.9%)|17,100",
    ], text[text.find("Projections:") :][:1500]
    assert (
        "Projections Central, State Occupational Projections, Long Term 2022–32, each state's own statistics." in text
    )
    assert "The state's projection and the nation's are different vintages: compare their direction" in text
    national = brief.occupation_brief(ds, "11-3051")
    assert "Projections Central" not in national and "Michigan" not in national
