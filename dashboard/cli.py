"""workforce-outlook serve | build-data | validate."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dashboard import serving
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


def serve_command(args: argparse.Namespace) -> list[str]:
    """The `streamlit` command line that `serve` runs (without the program name)."""
    return serving.streamlit_args(
        REPO / "dashboard" / "app.py", args.port, args.address, serving.allowed_hosts(args.address, args.allowed_host)
    )


def _serve(args: argparse.Namespace) -> int:
    if args.data_dir:
        os.environ["WORKFORCE_DATA_DIR"] = str(Path(args.data_dir).resolve())
    command = serve_command(args)
    os.chdir(REPO)  # .streamlit/config.toml lives at the repository root
    # Streamlit runs in this process so that the filter is in place before the first connection.
    serving.quiet_malformed_clients()
    from streamlit.web import cli as streamlit_cli

    return streamlit_cli.main.main(args=command, prog_name="streamlit")


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
    s.add_argument("--port", type=int, default=serving.DEFAULT_PORT, help="port to listen on (default: %(default)s)")
    s.add_argument(
        "--address",
        default=serving.DEFAULT_ADDRESS,
        help="address to bind (default: %(default)s, this machine only; 0.0.0.0 for every interface, behind a proxy)",
    )
    s.add_argument(
        "--allowed-host",
        action="append",
        metavar="NAME",
        help="a host name browsers reach the app by besides "
        f"{', '.join(serving.LOCAL_NAMES)} and --address, e.g. the proxy's public name (repeatable); "
        "a websocket with any other Host header is refused",
    )
    s.set_defaults(func=_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
