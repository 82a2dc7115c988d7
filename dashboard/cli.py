"""workforce-outlook serve | build-data | validate."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dashboard.ingest import command as build_data

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / "data"


def _validate(args: argparse.Namespace) -> int:
    from dashboard.validation import validate_dir

    problems = validate_dir(Path(args.dir))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {args.dir}", file=sys.stderr)
        return 1
    print(f"{args.dir}: valid")
    return 0


def _serve(args: argparse.Namespace) -> int:
    env = dict(os.environ)
    if args.data_dir:
        env["WORKFORCE_DATA_DIR"] = str(Path(args.data_dir).resolve())
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "dashboard" / "app.py"),
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--client.toolbarMode",
        "viewer",
        "--browser.gatherUsageStats",
        "false",
    ]
    if args.address:
        cmd += ["--server.address", args.address]
    os.chdir(REPO)  # .streamlit/config.toml lives at the repository root
    os.execvpe(cmd[0], cmd, env)
    return 0  # not reached


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workforce-outlook", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build-data", help=build_data.HELP)
    build_data.add_arguments(b)
    b.set_defaults(func=build_data.run)

    v = sub.add_parser("validate", help="check a data folder against the schema")
    v.add_argument("dir", nargs="?", default=str(DEFAULT_DATA))
    v.set_defaults(func=_validate)

    s = sub.add_parser("serve", help="start the dashboard")
    s.add_argument("--data-dir", help="data folder (default: $WORKFORCE_DATA_DIR or data/)")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--address", help="address to bind (default: Streamlit's)")
    s.set_defaults(func=_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
