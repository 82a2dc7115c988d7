"""The README's Layout names every module of the package, once, and nothing that is not there."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def listed() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("\n## Layout") :]
    block = re.search(r"```\ndashboard/\n(.*?)```", section, re.S).group(1)
    return [f"dashboard/{m}" for m in re.findall(r"^  (\S+\.py) ", block, re.M)]


def test_the_layout_lists_every_module_once():
    names = listed()
    on_disk = sorted(str(p.relative_to(REPO)) for p in (REPO / "dashboard").rglob("*.py"))
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    assert sorted(names) == on_disk, {"missing": set(on_disk) - set(names), "not there": set(names) - set(on_disk)}


def test_each_module_has_a_line_that_says_what_it_is():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for line in re.findall(r"^  (\S+\.py) +(.*)$", text, re.M):
        assert len(line[1].split()) >= 3, line
