"""O*NET 29.3 and the NCES CIP–SOC crosswalk: the ingest on real excerpts, and published values in data/."""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.data.dataset import DEFAULT_DATA_DIR
from dashboard.data.schema import TABLES, datapackage
from dashboard.data.validation import validate_tables
from dashboard.ingest import onet
from dashboard.ingest.build import build_tables
from dashboard.ingest.extract import IngestError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIRST_TASK = (
    "Set and monitor product standards, examining samples of raw products or directing testing during processing, "
    "to ensure finished products are of prescribed quality."
)
PROGRAMS_FOR_11_3051 = [
    "14.3501", "15.1501", "51.2006", "51.2009", "52.0101", "52.0201", "52.0203", "52.0205", "52.0216",
]  # fmt: skip
CONTENT = ["onet_occupations", "onet_tasks", "onet_skills", "onet_technology", "onet_titles", "onet_related",
           "programs", "program_occupations"]  # fmt: skip


@pytest.fixture(scope="module")
def excerpt():
    return onet.tables(None, FIXTURES / "oews")


def bundled(name: str) -> pd.DataFrame:
    return pd.read_csv(DEFAULT_DATA_DIR / TABLES[name].path, dtype=str, keep_default_na=False)


def test_excerpt_builds_every_table_and_validates(excerpt):
    assert sorted(excerpt) == sorted(CONTENT)
    assert validate_tables(excerpt) == []
    for name, df in excerpt.items():
        assert list(df.columns) == TABLES[name].columns


def test_build_tables_includes_the_content_beside_the_oews_excerpt(raw_excerpts):
    tables = build_tables(*raw_excerpts)
    assert set(CONTENT) <= set(tables)


def test_excerpt_published_values(excerpt):
    occ = excerpt["onet_occupations"].set_index("onetsoc_code")
    ipm = occ.loc["11-3051.00"]
    assert (ipm["title"], ipm["soc_code"], ipm["job_zone"]) == ("Industrial Production Managers", "11-3051", "4")
    assert ipm["job_zone_name"] == "Considerable Preparation Needed"
    assert (
        ipm["job_zone_education"] == "Most of these occupations require a four-year bachelor's degree, but some do not."
    )
    assert occ.loc["11-3051.01", "title"] == "Quality Control Systems Managers"
    assert occ.loc["11-3051.01", "soc_code"] == "11-3051"
    tasks = excerpt["onet_tasks"]
    first = tasks[(tasks["onetsoc_code"] == "11-3051.00") & (tasks["rank"] == "1")].iloc[0]
    assert (first["task_id"], first["task"], first["task_type"]) == ("39", FIRST_TASK, "Core")
    po = excerpt["program_occupations"]
    assert sorted(po.loc[po["soc_code"] == "11-3051", "cip_code"]) == PROGRAMS_FOR_11_3051
    assert "99-9999" not in set(po["soc_code"]) and "01.0508" not in set(po["cip_code"])


def test_excerpt_skills_pair_importance_and_level_and_keep_onet_flags(excerpt):
    sk = excerpt["onet_skills"].set_index(["onetsoc_code", "element"])
    rc = sk.loc[("11-3051.00", "Reading Comprehension")]
    assert (rc["domain"], rc["importance"], rc["level"], rc["suppressed"], rc["not_relevant"]) == (
        "skill", "3.88", "4.00", "", "N",
    )  # fmt: skip
    food = sk.loc[("11-3051.00", "Food Production")]  # O*NET: Recommend Suppress Y and Not Relevant Y on the level
    assert (food["domain"], food["suppressed"], food["not_relevant"]) == ("knowledge", "level", "Y")
    assert len(sk.loc["11-3051.00"]) == 35 + 33  # every skill and knowledge element, once


def test_excerpt_titles_programs_and_related(excerpt):
    t = excerpt["onet_titles"].set_index(["onetsoc_code", "title"])
    assert t.loc[("11-3051.00", "Plant Superintendent"), "source"] == "alternate"
    assert t.loc[("11-3051.00", "Plant Manager"), "source"] == "reported"
    p = excerpt["programs"].set_index("cip_code")
    assert p.loc["52.0205", "title"] == "Operations Management and Supervision."
    assert (p.loc["52.0205", "family"], p.loc["52.0205", "series"], p.loc["52.0205", "level"]) == (
        "52", "52.02", "program",
    )  # fmt: skip
    assert p.loc["52", "level"] == "family" and p.loc["52", "series"] == ""
    # CIP 2010 codes NCES lists only to say where they went are not programs of CIP 2020
    assert "15.0503" not in p.index and "51.19" not in p.index
    r = excerpt["onet_related"]
    assert list(r.loc[r["onetsoc_code"] == "11-3051.00", "rank"]) == sorted(
        r.loc[r["onetsoc_code"] == "11-3051.00", "rank"], key=int
    )


def test_tech_marks_hot_technologies(excerpt):
    tech = excerpt["onet_technology"].set_index(["onetsoc_code", "example"])
    assert tech.loc[("11-3051.00", "Microsoft Excel"), "hot_technology"] == "Y"


def test_bundled_published_values():
    occ = bundled("onet_occupations").set_index("onetsoc_code")
    assert len(occ) == 1016  # SOURCES.md: 1,016 O*NET-SOC codes in Occupation Data
    assert occ.loc["11-3051.00", "title"] == "Industrial Production Managers"
    assert occ.loc["11-3051.00", "job_zone"] == "4"
    tasks = bundled("onet_tasks")
    ipm = tasks[tasks["onetsoc_code"] == "11-3051.00"]
    assert ipm.iloc[0]["task"] == FIRST_TASK and ipm.iloc[0]["rank"] == "1"
    po = bundled("program_occupations")
    assert sorted(po.loc[po["soc_code"] == "11-3051", "cip_code"]) == PROGRAMS_FOR_11_3051
    sk = bundled("onet_skills")
    assert sk["onetsoc_code"].nunique() == 879  # SOURCES.md: Skills and Knowledge cover 879
    titles = bundled("onet_titles")
    assert (titles["source"] == "reported").sum() == 7796
    assert len(titles) == 56558  # 56,560 alternate titles, two listed twice for one occupation


def test_onet_tables_carry_the_cc_by_licence():
    pkg = {r["name"]: r for r in datapackage()["resources"]}
    for name in CONTENT:
        want = "CC-BY-4.0" if name.startswith("onet_") else "other-pd"
        assert pkg[name]["licenses"][0]["name"] == want


def _raw_copy(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    for folder in ("onet-29.3", "nces-cip-soc-2020"):
        shutil.copytree(FIXTURES / folder, raw / folder)
    return raw


def test_unknown_workbook_layout_names_the_file(tmp_path):
    raw = _raw_copy(tmp_path)
    path = raw / "onet-29.3" / "Skills.xlsx"
    wb = load_workbook(path)
    wb.active["G1"] = "Value"  # "Data Value" renamed
    wb.save(path)
    with pytest.raises(IngestError, match=r"Skills\.xlsx: missing column\(s\) Data Value"):
        onet.tables(raw, tmp_path)


def test_missing_folder_given_raw_stops_with_message(tmp_path):
    raw = _raw_copy(tmp_path)
    shutil.rmtree(raw / "nces-cip-soc-2020")
    with pytest.raises(IngestError, match="nces-cip-soc-2020: not a folder"):
        onet.tables(raw, tmp_path)
    # without --raw, an extract that lacks a source simply has no such tables
    assert "programs" not in onet.tables(None, raw / "oews")


def test_not_a_workbook_names_the_file(tmp_path):
    raw = _raw_copy(tmp_path)
    (raw / "onet-29.3" / "Task Statements.xlsx").write_text("not a workbook")
    with pytest.raises(IngestError, match=r"Task Statements\.xlsx: cannot read"):
        onet.tables(raw, tmp_path)
