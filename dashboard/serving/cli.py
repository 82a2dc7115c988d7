"""workforce-outlook: the Workforce Outlook dashboard of BLS wages, projections and openings.

Works from any folder, installed (`pip install .`) or from a source checkout; the bundled data and the
serving settings ship with the package.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import sys
from pathlib import Path

from dashboard.data import locations
from dashboard.ingest import command as build_data
from dashboard.ingest import fetch as fetch_raw
from dashboard.serving import serve

EXAMPLES = """\
examples:
  workforce-outlook serve                          # http://localhost:8501, the bundled data
  workforce-outlook serve --workers 4 --allowed-host dashboard.example.org   # ports 8501-8504, behind nginx
  workforce-outlook validate                       # the bundled data
  workforce-outlook validate my-data/              # any folder: every problem listed, exit 1
  workforce-outlook fetch-raw raw/ --contact you@example.org   # every raw file, checksums verified
  workforce-outlook build-data --raw raw/ --out my-data/

`workforce-outlook COMMAND --help` shows each command's options and defaults.
"""


def _bundled() -> Path:
    return locations.bundled_data()


def _validate(args: argparse.Namespace) -> int:
    from dashboard.data.validation import validate_dir

    folder = Path(args.dir) if args.dir else _bundled()
    problems = validate_dir(folder)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    print(f"{folder}: valid")
    return 0


def serve_command(args: argparse.Namespace) -> list[str]:
    """The `streamlit` command line that `serve` runs (without the program name)."""
    return serve.streamlit_args(
        locations.APP, args.port, args.address, serve.allowed_hosts(args.address, args.allowed_host)
    )


def _data_folder(args: argparse.Namespace) -> Path:
    return Path(args.data_dir or os.environ.get("WORKFORCE_DATA_DIR") or _bundled()).resolve()


# Imported by a page but left to the first deck: python-pptx and XlsxWriter (which it embeds charts with) hold
# 14 MB that every server would carry from start for a deck it may never build (benchmarks/memory.py).
ON_FIRST_USE = ("dashboard.web.deck",)


# Imported by Streamlit itself on first use, in the middle of a visitor's run: the first alert (st.info, st.warning…)
# a process draws checks its text for a leading emoji with a pattern compiled on import, 85–110 ms here (a state
# where a program has no institutions, on its first visit: RESULTS.md §6, twenty-ninth session).
STREAMLIT_FIRST_USE = ("streamlit.emojis",)


def page_imports() -> list[str]:
    """The modules the page scripts import at their top (read from their source, not run), but ON_FIRST_USE."""
    from dashboard.web.pages import PAGES

    names: list[str] = []
    for spec in PAGES:
        for node in ast.parse(spec.file.read_text()).body:
            if isinstance(node, ast.Import):
                names += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
                names += [f"{node.module}.{a.name}" for a in node.names]  # `from dashboard import charts`
    return [n for n in dict.fromkeys(names) if n not in ON_FIRST_USE]


def import_ahead() -> None:
    """Import what the pages import, and what Streamlit imports on first use, before the server listens."""
    for name in [*page_imports(), *STREAMLIT_FIRST_USE]:
        try:
            importlib.import_module(name)
        except ImportError:  # `from dashboard.x import a_function`: the module itself is imported already
            pass
        except Exception:  # a page that cannot import shows its error on the page, as without this warm-up
            pass


def _prepare(folder: Path) -> None:
    """Load and validate the data (or read its validated copy) and import what the pages import, before
    the server listens: once /_stcore/health says ok, the first page draws about as fast as later ones."""
    from dashboard.web import store

    import_ahead()
    ds = store.prepare(folder)
    if not ds.ok:
        print(
            f"workforce-outlook serve: {folder} has {len(ds.problems)} problem(s); every page lists them "
            f"(`workforce-outlook validate {folder}` prints them).",
            file=sys.stderr,
        )


def _serve(args: argparse.Namespace) -> int:
    if args.workers < 1:
        print("workforce-outlook serve: --workers must be 1 or more", file=sys.stderr)
        return 2
    ports = serve.worker_ports(args.port, args.workers)
    busy = [p for p in ports if serve.port_in_use(args.address, p)]
    if busy:
        print(
            f"workforce-outlook serve: {'port' if len(busy) == 1 else 'ports'} {', '.join(map(str, busy))} on "
            f"{args.address} {'is' if len(busy) == 1 else 'are'} already in use (another server is running there); "
            "stop it or choose another with --port.",
            file=sys.stderr,
        )
        return 2
    folder = _data_folder(args)
    os.environ["WORKFORCE_DATA_DIR"] = str(folder)
    if args.workers > 1:
        argv = sys.argv[2:] if args.argv is None else args.argv
        print(f"workforce-outlook serve: {args.workers} processes on {args.address}, ports {ports[0]}-{ports[-1]}")
        return serve.run_workers([serve.worker_command(argv, p) for p in ports], args.address, ports)
    command = serve_command(args)
    limit = serve.raise_open_files_limit()
    print(f"workforce-outlook serve: up to {limit:,} open files (sockets and sessions; the hard limit)")
    _prepare(folder)
    # Streamlit runs in this process so that the filters and the request deadline are in place before the
    # first connection, and closed sessions give back their event loop (web/sessions.py).
    serve.quiet_malformed_clients()
    serve.quiet_descriptor_floods(limit)
    serve.drop_unfinished_requests()
    serve.limit_malloc_arenas()
    from streamlit.web import cli as streamlit_cli

    from dashboard.web import chart, sessions

    sessions.install()
    chart.install_route()

    return streamlit_cli.main.main(args=command, prog_name="streamlit")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="workforce-outlook",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=build_data.RawHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser(
        "serve",
        formatter_class=build_data.HelpFormatter,
        help="start the dashboard's web server (Streamlit) on this machine",
        description="Start the dashboard's web server. The data is loaded and validated before the server listens, "
        f"so /_stcore/health answers ok only when pages draw at full speed. Settings: {locations.SETTINGS}.",
    )
    s.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"data folder (default: $WORKFORCE_DATA_DIR if set, else the bundled data, {_bundled()})",
    )
    s.add_argument("--port", type=int, default=serve.DEFAULT_PORT, help="port to listen on (default: %(default)s)")
    s.add_argument(
        "--address",
        default=serve.DEFAULT_ADDRESS,
        help="address to bind (default: %(default)s, this machine only; 0.0.0.0 for every interface, behind a proxy)",
    )
    s.add_argument(
        "--allowed-host",
        action="append",
        metavar="NAME",
        help="a host name browsers reach the app by besides "
        f"{', '.join(serve.LOCAL_NAMES)} and --address, e.g. the proxy's public name (repeatable); "
        "a websocket with any other Host header is refused",
    )
    s.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="number of server processes, on consecutive ports from --port (default: %(default)s); put a proxy with "
        f"sticky sessions in front, such as {locations.NGINX}",
    )
    s.set_defaults(func=_serve, argv=None)

    b = sub.add_parser(
        "build-data",
        help=build_data.HELP,
        description=build_data.description(),
        formatter_class=build_data.RawHelpFormatter,
    )
    build_data.add_arguments(b)
    if not locations.source_checkout():  # installed: never write into the package; the raw files are the user's
        b.set_defaults(out="data")
    b.set_defaults(func=build_data.run)

    f = sub.add_parser(
        "fetch-raw", help=fetch_raw.HELP, description=fetch_raw.DESCRIPTION, formatter_class=build_data.HelpFormatter
    )
    fetch_raw.add_arguments(f)
    f.set_defaults(func=fetch_raw.run)

    v = sub.add_parser(
        "validate",
        formatter_class=build_data.HelpFormatter,
        help="check a data folder against the schema; every problem is listed, exit 1 if any",
        description="Check a data folder against the schema: every problem is listed with file, column and row.",
    )
    v.add_argument("dir", nargs="?", metavar="DIR", help=f"data folder (default: the bundled data, {_bundled()})")
    v.set_defaults(func=_validate)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "serve" and argv is not None:
        args.argv = list(argv[1:])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
