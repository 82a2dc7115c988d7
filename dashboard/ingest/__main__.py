"""`python -m dashboard.ingest` is `workforce-outlook build-data`."""

import sys

from dashboard.cli import main

if __name__ == "__main__":
    sys.exit(main(["build-data", *sys.argv[1:]]))
