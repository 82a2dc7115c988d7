"""docs/DATA_CONTRACT.md is the schema written out: the committed page is what the schema says today."""

from pathlib import Path

from dashboard.data import contract
from dashboard.data.schema import TABLES

REPO = Path(__file__).resolve().parent.parent


def test_the_contract_page_is_written_from_the_schema():
    page = (REPO / contract.PAGE).read_text(encoding="utf-8")
    assert page == contract.markdown(), "run: python -m dashboard.data.contract > docs/DATA_CONTRACT.md"


def test_the_contract_names_every_file_and_column():
    page = contract.markdown()
    for t in TABLES.values():
        assert f"### {t.path}" in page
        section = page[page.index(f"### {t.path}") :]
        for f in t.fields:
            assert f"| `{f.name}` |" in section, (t.name, f.name)
    assert "| `annual_median` | number | USD per year |" in page


def test_nothing_points_outside_the_repository_for_the_contract():
    for path in [REPO / "README.md", *(REPO / "dashboard").rglob("*.py")]:
        assert "shared/DATA_CONTRACT" not in path.read_text(encoding="utf-8"), path


def test_the_data_page_lists_every_source_from_the_manifest():
    from dashboard.data import manifest

    page = (REPO / "docs" / "data.md").read_text(encoding="utf-8")
    assert manifest.sources_table() in page, "run: python -m dashboard.data.manifest, paste into docs/data.md"
    for s in manifest.sources().values():
        assert s.licence_title in page and s.folder in page
    assert "CC BY 4.0" in page and "USDOL/ETA" in page
