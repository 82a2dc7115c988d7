"""`python -m dashboard.ingest` is `workforce-outlook build-data`."""

import argparse
import sys

from dashboard.ingest.command import RawHelpFormatter, add_arguments, description, run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        prog="workforce-outlook build-data",
        description=description(),
        formatter_class=RawHelpFormatter,
    )
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
