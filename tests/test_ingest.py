"""The ingest on real excerpts (tests/fixtures) and, where ../shared/data exists, the full rebuild."""

import filecmp
import gzip
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.data.schema import TABLES, datapackage
from dashboard.data.validation import read_text
from dashboard.ingest.build import build, build_tables, write_csv
from dashboard.ingest.extract import IngestError


@pytest.fixture(scope="module")
def tables(raw_excerpts):
    return build_tables(*raw_excerpts)


def bundled(name: str) -> pd.DataFrame:
    return pd.read_csv(DEFAULT_DATA_DIR / TABLES[name].path, dtype=str, keep_default_na=False)


def test_excerpt_rows_equal_bundled_rows(tables):
    # every row the excerpt yields is the row the full build wrote into data/
    for name, keys in [
        ("salary_percentiles", ["soc_code", "area_code"]),
        ("hiring_industries", ["soc_code", "industry_code"]),
        ("growth_projections", ["soc_code"]),
        ("annual_openings", ["soc_code"]),
    ]:
        got = tables[name].fillna("").astype(object).reset_index(drop=True)
        full = bundled(name).set_index(keys)
        want = full.loc[pd.MultiIndex.from_frame(got[keys]) if len(keys) > 1 else got[keys[0]]].reset_index()
        pd.testing.assert_frame_equal(got, want[got.columns].astype(object), check_dtype=False)


def test_excerpt_measures_inline(tables):
    got = tables["salary_percentiles"].set_index(["soc_code", "area_code"])
    want = pd.DataFrame(
        {
            "soc_code": ["11-3051", "11-3051", "11-3051"],
            "area_code": ["0000000", "0019820", "0600000"],
            "employment": ["246250", "5950", "25130"],
            "annual_median": ["126060", "126200", "132620"],
            "top_coded": ["", "", ""],
        }
    ).set_index(["soc_code", "area_code"])
    pd.testing.assert_frame_equal(
        got.loc[want.index, want.columns].fillna("").astype(object), want.astype(object), check_dtype=False
    )
    top = got.loc[("29-1215", "0010540")]
    assert (top["annual_median"], top["hourly_median"]) == ("239200", "115.00")
    assert top["top_coded"].startswith("hourly_mean;annual_mean;")
    actors = got.loc[("27-2011", "0000000")]
    assert actors["hourly_median"] == "29.05" and pd.isna(actors["annual_median"])


def test_excerpt_projections_inline(tables):
    got = tables["growth_projections"].set_index("soc_code").loc[["11-3051", "29-1022"]]
    want = pd.DataFrame(
        {
            "employment_base": ["241900", "6100"],
            "employment_target": ["246500", "6400"],
            "change_pct": ["1.9", "4.1"],
            "openings_annual": ["17100", "200"],
            "median_wage_base_year": ["121440", "239200"],
            "top_coded": ["", "median_wage_base_year"],
        },
        index=pd.Index(["11-3051", "29-1022"], name="soc_code"),
    )
    pd.testing.assert_frame_equal(got[want.columns].astype(object), want.astype(object), check_dtype=False)


def test_occupations_join_oews_and_ep(tables):
    occ = tables["occupations"].set_index("soc_code")
    assert occ.loc["11-3051", "title"] == "Industrial Production Managers"
    assert occ.loc["11-3051", "education"] == "Bachelor's degree"
    assert occ.loc["11-0000", "level"] == "major"
    assert occ.loc["11-0000", "education"] == ""  # EP's "—" for aggregates is empty
    # in EP only (not in the OEWS excerpt): added with EP's title
    assert occ.loc["29-1022", "level"] == "detailed"


def test_write_is_deterministic(tmp_path, tables):
    for name in ("salary_percentiles", "occupations"):
        a, b = tmp_path / f"a-{TABLES[name].path}", tmp_path / f"b-{TABLES[name].path}"
        write_csv(tables[name], a)
        write_csv(tables[name], b)
        assert a.read_bytes() == b.read_bytes()
        assert read_text(a).shape == tables[name].shape


def test_datapackage_describes_every_file():
    pkg = datapackage()
    names = {r["name"] for r in pkg["resources"]}
    assert names == set(TABLES)
    for r in pkg["resources"]:
        assert [f["name"] for f in r["schema"]["fields"]] == TABLES[r["name"]].columns
        assert all(f["description"] and f["type"] in ("string", "integer", "number") for f in r["schema"]["fields"])
        assert r["schema"]["primaryKey"]
        # O*NET is CC BY 4.0; BLS and NCES files are US Government works; Projections Central is the states'
        want = {"CC-BY-4.0"} if r["name"].startswith("onet_") else {"other-pd", "other-at"}
        assert r["sources"] and r["licenses"][0]["name"] in want
    emp = next(f for f in pkg["resources"][3]["schema"]["fields"] if f["name"] == "employment")
    assert emp["unit"] == "persons"
    # the committed descriptor is the one the schema makes
    import json

    assert json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text()) == pkg


# --- the ingest refuses layouts it does not know, naming the file, and leaves data/ alone ----


def _copy_raw(tmp_path: Path, raw: tuple[Path, Path]) -> tuple[Path, Path]:
    oews = tmp_path / "oews"
    shutil.copytree(raw[0], oews)
    for f in oews.iterdir():
        f.chmod(0o644)
    ep = tmp_path / "occupation.xlsx"
    shutil.copy(raw[1], ep)
    return oews, ep


def _out_with_sentinel(tmp_path: Path) -> Path:
    out = tmp_path / "data"
    out.mkdir()
    (out / "occupations.csv").write_text("sentinel\n")
    return out


@pytest.mark.parametrize(
    "breakage, expected",
    [
        ("missing_header", "oe.data.0.Current.gz: missing column(s) series_id"),
        ("renamed_column", "oe.industry: missing column(s) industry_name"),
        ("wrong_sheet", "occupation.xlsx: no sheet named 'Table 1.10'"),
        ("truncated_gzip", "oe.data.0.Current.gz: cannot read"),
        ("missing_file", "oe.area: file not found"),
        ("renamed_ep_column", "is missing column(s) Occupational openings, 2024–34 annual average"),
    ],
)
def test_bad_raw_layout_stops_with_message(tmp_path, raw_excerpts, breakage, expected):
    oews, ep = _copy_raw(tmp_path, raw_excerpts)
    data = oews / "oe.data.0.Current.gz"
    if breakage == "missing_header":
        lines = gzip.decompress(data.read_bytes()).splitlines(keepends=True)
        data.write_bytes(gzip.compress(b"".join(lines[1:])))
    elif breakage == "renamed_column":
        p = oews / "oe.industry"
        p.write_text(p.read_text().replace("industry_name", "industry_title", 1))
    elif breakage == "wrong_sheet":
        import openpyxl

        wb = openpyxl.load_workbook(ep)
        wb["Table 1.10"].title = "Table 1.10 (old)"
        wb.save(ep)
    elif breakage == "truncated_gzip":
        raw = data.read_bytes()
        data.write_bytes(raw[: len(raw) // 2])
    elif breakage == "missing_file":
        (oews / "oe.area").unlink()
    elif breakage == "renamed_ep_column":
        import openpyxl

        wb = openpyxl.load_workbook(ep)
        ws = wb["Table 1.2"]
        for c in ws[2]:
            if c.value == "Occupational openings, 2024–34 annual average":
                c.value = "Openings"
        wb.save(ep)
    out = _out_with_sentinel(tmp_path)
    with pytest.raises(IngestError) as err:
        build(oews, ep, out)
    assert expected in str(err.value)
    assert sorted(p.name for p in out.iterdir()) == ["occupations.csv"]
    assert (out / "occupations.csv").read_text() == "sentinel\n"
    assert not list(tmp_path.glob(".data-build-*"))


@pytest.mark.slow
def test_full_rebuild_reproduces_data_byte_for_byte(tmp_path, shared_data):
    out = tmp_path / "data"
    build(shared_data / "bls-oews-may2025", shared_data / "bls-ep-2024-34" / "occupation.xlsx", out)
    ours = sorted(p.name for p in DEFAULT_DATA_DIR.iterdir() if not p.name.startswith("."))
    assert sorted(p.name for p in out.iterdir()) == ours
    match, mismatch, errors = filecmp.cmpfiles(DEFAULT_DATA_DIR, out, ours, shallow=False)
    assert mismatch == [] and errors == [], (mismatch, errors)
    # and a second build over the first changes nothing
    build(shared_data / "bls-oews-may2025", shared_data / "bls-ep-2024-34" / "occupation.xlsx", out)
    assert filecmp.cmpfiles(DEFAULT_DATA_DIR, out, ours, shallow=False)[1] == []
