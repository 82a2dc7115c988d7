"""How `workforce-outlook serve` starts Streamlit: the address, the hosts it answers, and a quiet log.

No Streamlit here: cli.py builds the command line with `streamlit_args`, installs the log filter and
then runs Streamlit in the same process, so the filter is in place before the first connection.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable
from pathlib import Path

DEFAULT_ADDRESS = "127.0.0.1"  # this machine only; a deployment puts a proxy in front (README)
DEFAULT_PORT = 8501
LOCAL_NAMES = ("localhost", "127.0.0.1")
_EVERY_INTERFACE = {"", "0.0.0.0", "::"}  # bind addresses, never a Host header

# The loggers that print a malformed client message: uvicorn logs the exception that ends a websocket
# after a text frame ("Exception in ASGI application", 47 lines); Streamlit logs a binary frame that
# is not a protobuf ("Error deserializing back message") with its traceback.
MALFORMED_LOGGERS = ("uvicorn.error", "streamlit.web.server.starlette.starlette_websocket")


def allowed_hosts(address: str, named: Iterable[str] | None = None) -> list[str]:
    """The Host names the websocket accepts (Streamlit's server.allowedHosts): localhost, 127.0.0.1,
    the bound address and those named (a proxy's public name). Any other Host, such as a DNS name
    rebound to this machine, is refused; "*" accepts every Host."""
    local = [*LOCAL_NAMES, *([] if address in _EVERY_INTERFACE else [address])]
    return list(dict.fromkeys(h.strip().lower() for h in [*local, *(named or [])] if h.strip()))


def streamlit_args(app: Path | str, port: int, address: str, hosts: Iterable[str]) -> list[str]:
    """The arguments of `streamlit` (after the program name) that serve the dashboard; the rest of
    the settings are in .streamlit/config.toml."""
    args = [
        "run",
        str(app),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--client.toolbarMode",
        "viewer",
        "--browser.gatherUsageStats",
        "false",
    ]
    for host in hosts:
        args += ["--server.allowedHosts", host]
    return args


def malformed_client_message(record: logging.LogRecord) -> str | None:
    """What a client sent, when `record` is the traceback of a websocket message that Streamlit could
    not read (a text frame, or bytes that are not a Streamlit message); None for anything else."""
    if record.getMessage().startswith("Error deserializing back message"):
        return "bytes that are not a Streamlit message"
    if not record.exc_info or record.exc_info[1] is None:
        return None
    exc, tb = record.exc_info[1], record.exc_info[2]
    frames = traceback.extract_tb(tb) if tb is not None else []
    if not any(f.name == "_websocket_endpoint" for f in frames):
        return None
    # Starlette's receive_bytes reads message["bytes"], which a text frame does not have; a Starlette
    # that raises RuntimeError instead makes Streamlit raise its own TypeError.
    text_frame = (isinstance(exc, KeyError) and exc.args == ("bytes",) and frames[-1].name == "receive_bytes") or (
        isinstance(exc, TypeError) and "text frames" in str(exc)
    )
    return "a text frame" if text_frame else None


class QuietMalformedClients(logging.Filter):
    """Turns the traceback of a malformed websocket message into one warning line. The connection is
    closed either way; any other error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        what = malformed_client_message(record)
        if what is not None:
            record.msg, record.args = f"Closed a websocket connection that sent {what}.", ()
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quiet_malformed_clients() -> None:
    """Install the filter on the loggers that print those tracebacks (once; safe to call again)."""
    for name in MALFORMED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, QuietMalformedClients) for f in logger.filters):
            logger.addFilter(QuietMalformedClients())
