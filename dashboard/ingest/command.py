"""The build-data command: its flags and its runner, for the CLI and `python -m dashboard.ingest`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HELP = "build data/ from the raw BLS files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --oews, --ep and --out to `parser`."""
    parser.add_argument(
        "--oews", default=str(REPO.parent / "shared/data/bls-oews-may2025"), help="folder of OEWS flat files"
    )
    parser.add_argument(
        "--ep", default=str(REPO.parent / "shared/data/bls-ep-2024-34/occupation.xlsx"), help="EP occupation workbook"
    )
    parser.add_argument("--out", default=str(REPO / "data"), help="data folder to write (default: data/)")


def run(args: argparse.Namespace) -> int:
    """Build args.out and list its files; 1 if the raw files do not build (args.out is then untouched)."""
    from dashboard.ingest.build import build
    from dashboard.ingest.extract import IngestError

    start = time.perf_counter()
    try:
        files = build(Path(args.oews), Path(args.ep), Path(args.out))
    except IngestError as e:
        print(f"build-data: {e}\n{args.out} was left untouched.", file=sys.stderr)
        return 1
    for f in files:
        print(f"  {f.name:32} {f.stat().st_size:>12,} bytes")
    print(f"built {len(files)} files in {args.out} in {time.perf_counter() - start:.1f} s")
    return 0
