"""The data contract as a page, docs/DATA_CONTRACT.md, written from the schema so the two cannot drift.

`python -m dashboard.data.contract > docs/DATA_CONTRACT.md` writes it; tests/test_contract.py checks that the
committed page is what the schema says today.
"""

from __future__ import annotations

import sys

from dashboard.data.schema import SOURCES, TABLES, Field, Table

PAGE = "docs/DATA_CONTRACT.md"

CONVENTIONS = """\
## Conventions

- UTF-8, comma-separated, one header row; a file may be plain `NAME.csv` or gzip `NAME.csv.gz`.
- Columns come in the order listed here; every file has exactly these columns.
- An empty cell means "not published by the source". It is never zero, and the app shows it as
  not released, never as 0 or a blank bar.
- Counts are persons (the Employment Projections workbook publishes thousands: multiplied by 1,000).
  Wages are nominal US dollars of the source's reference period. Percentages are 0–100.
- Codes are text, kept exactly as the sources publish them (leading zeros kept):
  - `soc_code`: SOC 2018 with a hyphen, `11-3051`; `00-0000` is all occupations; aggregates
    end in zeros (`11-0000` major group, `11-3000` minor group, `11-3010` broad occupation).
  - `area_code`: the OEWS 7-character area code: `0000000` national, `0600000` California
    (state FIPS followed by zeros), `0031080` a metropolitan area; nonmetropolitan areas alike.
  - `industry_code`: the OEWS 6-character industry code: `000000` all industries (cross-industry,
    all ownerships), `31--34` the manufacturing sector, `336100` motor vehicle manufacturing.
- `top_coded` lists the wage columns whose value is the source's published lower bound (OEWS footnote 5),
  separated by `;`; the app shows such a value as "≥ $239,200", never as the wage itself.
- `workforce-outlook validate DIR` checks a folder against this contract and names file, column and row of
  every problem; `data/datapackage.json` is the same contract, machine-readable (Frictionless Data Package).
"""


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _constraints(f: Field) -> str:
    """The field's constraints as datapackage.json states them, in words."""
    c = f.frictionless().get("constraints", {})
    out = ["required"] if c.get("required") else []
    if "minimum" in c:
        out.append(f"≥ {c['minimum']:g}")
    if "enum" in c:
        out.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    return "; ".join(out)


def _table(t: Table) -> str:
    lines = [f"### {t.path}", "", _cell(t.description), ""]
    facts = [f"one row per {', '.join(f'`{k}`' for k in t.primary_key)}"]
    for fk in t.foreign_keys:
        facts.append(f"`{fk.fields}` refers to `{fk.table}.{fk.ref}`")
    facts.append("sources: " + "; ".join(SOURCES[s]["title"] for s in t.sources))
    if t.optional:
        facts.append("optional: the app works without it and says what is missing")
    if t.license:
        facts.append(f"licence: {t.license.get('title', t.license.get('name'))}")
    lines += [f"- {f}" for f in facts]
    lines += ["", "| column | type | unit | constraints | meaning |", "| --- | --- | --- | --- | --- |"]
    for f in t.fields:
        lines.append(f"| `{f.name}` | {f.type} | {_cell(f.unit)} | {_constraints(f)} | {_cell(f.description)} |")
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The whole page: conventions, the list of files, then each file's columns."""
    head = [
        "# Data contract: the files the dashboard reads",
        "",
        "<!-- Written by `python -m dashboard.data.contract` from dashboard/data/schema.py; do not edit by hand. -->",
        "",
        "The dashboard reads one folder of CSV files: `data/` in the repository by default, or any other folder",
        "that holds the same files (`workforce-outlook serve --data-dir DIR`). This page fixes what those files",
        "hold, so that the build, the loader, the app and every test agree.",
        "",
        CONVENTIONS,
        "## Files",
        "",
        "| file | what it holds | one row per | required |",
        "| --- | --- | --- | --- |",
    ]
    for t in TABLES.values():
        key = ", ".join(t.primary_key)
        head.append(f"| {t.path} | {_cell(t.title)} | {key} | {'no' if t.optional else 'yes'} |")
    body = [_table(t) for t in TABLES.values()]
    return "\n".join(head) + "\n\n## Columns\n\n" + "\n".join(body)


if __name__ == "__main__":
    sys.stdout.write(markdown())
