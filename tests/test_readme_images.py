"""Every image the README (or a page under docs/) shows exists and is rewritten by a browser test when asked
(pytest -m browser --update-screenshots)."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BROWSER_TESTS = REPO / "tests" / "test_browser.py"
SHOTS = REPO / "tests" / "screenshots"


def documents() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("**/*.md"))]


def images(doc: Path) -> list[tuple[str, str]]:
    """(alt text, path relative to the repository) of every Markdown or HTML image in doc."""
    text = doc.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks and `code` are examples, not images
    text = re.sub(r"`[^`\n]*`", "", text)
    found = [(alt, src) for alt, src in re.findall(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?[^)]*\)", text)]
    found += [("", src) for src in re.findall(r"<img\b[^>]*\bsrc=[\"']([^\"']+)", text, re.I)]
    return [(alt, str((doc.parent / src).resolve().relative_to(REPO))) for alt, src in found]


def written_by_browser_tests() -> set[str]:
    """The files tests/test_browser.py writes into tests/screenshots (readme_shot(pg, "x.png") or SHOTS / "x.png")."""
    source = BROWSER_TESTS.read_text(encoding="utf-8")
    names = re.findall(r"readme_shot\(\s*\w+\s*,\s*\"([^\"]+)\"", source)
    names += re.findall(r"SHOTS\s*/\s*\"([^\"]+)\"", source)
    return {f"tests/screenshots/{n}" for n in names}


ALL = [(doc.name, alt, path) for doc in documents() for alt, path in images(doc)]


def test_the_readme_shows_screenshots_of_the_new_pages():
    paths = {path for _, _, path in ALL}
    assert len(paths) >= 11, paths
    for page in ("trends", "demand", "programs"):
        assert f"tests/screenshots/{page}.png" in paths, page


@pytest.mark.parametrize("doc, alt, path", ALL, ids=[p for _, _, p in ALL])
def test_image_exists_is_a_small_png_and_has_alt_text(doc, alt, path):
    file = REPO / path
    assert file.is_file(), f"{doc} shows {path}, which does not exist"
    data = file.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert len(data) < 300_000, f"{path} is {len(data):,} bytes; keep README images under 300 KB"
    assert alt.strip(), f"{doc}: {path} has no alt text"


@pytest.mark.parametrize("doc, alt, path", ALL, ids=[p for _, _, p in ALL])
def test_image_is_written_by_a_browser_test(doc, alt, path):
    """A picture nobody rewrites goes stale: each one is a screenshot a browser test takes every run (and
    writes into tests/screenshots with --update-screenshots)."""
    assert path.startswith("tests/screenshots/"), f"{doc}: {path} is not in tests/screenshots"
    assert path in written_by_browser_tests(), (
        f"{doc} shows {path}, but no test in tests/test_browser.py writes it: "
        f'call readme_shot(page, "{Path(path).name}") in the test that checks that page'
    )
