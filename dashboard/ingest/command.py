"""The build-data command: its flags and its runner, for the CLI and `python -m dashboard.ingest`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HELP = "build a data folder from the raw BLS files (OEWS flat files, EP workbook), validated before it replaces the old one"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --raw, --oews, --ep and --out to `parser`."""
    parser.add_argument(
        "--raw",
        default=str(REPO.parent / "shared/data"),
        help="one folder holding every raw source in its own folder (bls-oews-may2025, bls-ep-2024-34, "
        "bls-oews-national-history, bls-ep-vintages, bls-soc-crosswalks, bls-cpi-u, …); --oews, --ep and "
        "--state-projections default to their place in it (default: %(default)s)",
    )
    parser.add_argument(
        "--oews",
        default=None,
        help="folder of the OEWS flat files as BLS publishes them at https://download.bls.gov/pub/time.series/oe/ "
        "(oe.data.0.Current.gz, oe.area, oe.areatype, oe.datatype, oe.footnote, oe.industry, oe.occupation) "
        "(default: RAW/bls-oews-may2025)",
    )
    parser.add_argument(
        "--ep",
        default=None,
        help="the Employment Projections workbook occupation.xlsx (Tables 1.2, 1.10, 1.12), published by BLS at "
        "https://www.bls.gov/emp/tables.htm (default: RAW/bls-ep-2024-34/occupation.xlsx)",
    )
    parser.add_argument(
        "--state-projections",
        default=None,
        help="Projections Central long-term export (state projections) "
        "(default: RAW/projections-central-2022-32/longterm_2022-32_all_states.tsv)",
    )
    parser.add_argument("--out", default=str(REPO / "data"), help="data folder to write (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    """Build args.out and list its files; 1 if the raw files do not build (args.out is then untouched)."""
    from dashboard.ingest.build import build
    from dashboard.ingest.extract import IngestError

    start = time.perf_counter()
    try:
        raw = Path(args.raw)
        files = build(
            Path(args.oews or raw / "bls-oews-may2025"),
            Path(args.ep or raw / "bls-ep-2024-34/occupation.xlsx"),
            Path(args.out),
            Path(args.state_projections or raw / "projections-central-2022-32/longterm_2022-32_all_states.tsv"),
            raw,
        )
    except IngestError as e:
        print(f"build-data: {e}\n{args.out} was left untouched.", file=sys.stderr)
        return 1
    for f in files:
        print(f"  {f.name:32} {f.stat().st_size:>12,} bytes")
    print(f"built {len(files)} files in {args.out} in {time.perf_counter() - start:.1f} s")
    return 0
