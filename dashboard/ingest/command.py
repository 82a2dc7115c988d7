"""The build-data command: its flags and its runner, for the CLI and `python -m dashboard.ingest`."""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from pathlib import Path

from dashboard.data import manifest

REPO = Path(__file__).resolve().parents[2]
HELP = (
    "build a data folder from the raw files (BLS, Projections Central, O*NET, NCES), validated before it "
    "replaces the old one"
)
NO_RAW = (
    "build-data: pass --raw DIR, the folder `workforce-outlook fetch-raw DIR` fills "
    "(or --oews with the OEWS flat-file folder, the other sources beside it)"
)


class HelpFormatter(argparse.HelpFormatter):
    """--help text wrapped at spaces only: a path such as .../site-packages/... stays whole on one line
    (argparse's default breaks lines at hyphens, and a copied path would not work)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False, break_long_words=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )


class RawHelpFormatter(argparse.RawDescriptionHelpFormatter, HelpFormatter):
    """The description and epilog as written (their own line breaks); options' help wrapped at spaces only."""


def description() -> str:
    """build-data's --help text: what it does and every source folder it reads from --raw, from the manifest."""
    return f"{HELP[0].upper()}{HELP[1:]}.\n\nThe raw folder holds one folder per source:\n{manifest.help_text()}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --raw, --oews, --ep and --out to `parser`."""
    parser.add_argument(
        "--raw",
        default=None,
        metavar="DIR",
        help="one folder holding every raw source in its own folder, as `workforce-outlook fetch-raw DIR` lays "
        "it out (listed above); --oews, --ep and --state-projections default to their place in it",
    )
    parser.add_argument(
        "--oews",
        default=None,
        help="folder of the OEWS flat files as BLS publishes them at https://download.bls.gov/pub/time.series/oe/ "
        "(oe.data.0.Current.gz, oe.area, oe.areatype, oe.datatype, oe.footnote, oe.industry, oe.occupation) "
        "(default: DIR/bls-oews-may2025)",
    )
    parser.add_argument(
        "--ep",
        default=None,
        help="the Employment Projections workbook occupation.xlsx (Tables 1.2, 1.10, 1.12), published by BLS at "
        "https://www.bls.gov/emp/tables.htm (default: DIR/bls-ep-2024-34/occupation.xlsx, or beside --oews)",
    )
    parser.add_argument(
        "--state-projections",
        default=None,
        help="Projections Central long-term export (state projections) "
        "(default: DIR/projections-central-2022-32/longterm_2022-32_all_states.tsv, or beside --oews)",
    )
    parser.add_argument("--out", default=str(REPO / "data"), help="data folder to write (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    """Build args.out and list its files; 1 if the raw files do not build (args.out is then untouched)."""
    from dashboard.ingest.build import build
    from dashboard.ingest.extract import IngestError
    from dashboard.ingest.sheets import WorkbookTooLarge

    if not args.raw and not args.oews:
        print(NO_RAW, file=sys.stderr)
        return 2
    start = time.perf_counter()
    # without --raw the sources are looked for beside the OEWS folder (the layout fetch-raw makes)
    raw = Path(args.raw) if args.raw else None
    beside = raw or Path(args.oews).parent
    sp = args.state_projections or (raw and raw / "projections-central-2022-32/longterm_2022-32_all_states.tsv")
    try:
        files = build(
            Path(args.oews or beside / "bls-oews-may2025"),
            Path(args.ep or beside / "bls-ep-2024-34/occupation.xlsx"),
            Path(args.out),
            Path(sp) if sp else None,
            raw,
        )
    except (IngestError, WorkbookTooLarge) as e:
        print(f"build-data: {e}\n{args.out} was left untouched.", file=sys.stderr)
        return 1
    for f in files:
        print(f"  {f.name:32} {f.stat().st_size:>12,} bytes")
    print(f"built {len(files)} files in {args.out} in {time.perf_counter() - start:.1f} s")
    return 0
