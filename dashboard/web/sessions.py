"""Closed browser tabs give back their session: the event loop, its descriptors and its memory.

Streamlit keeps a disconnected session for a while so that a tab whose connection blipped resumes it
(`server.disconnectedSessionTTL`, set in config.toml), in a store of at most 128. A session that
expired or was pushed out of that store was simply dropped: never shut down, so its own event loop
(three descriptors, an epoll and a socket pair) and everything it held stayed until a full garbage
collection, which the settings turn off after each run. After 1,000 sessions had come and gone, 130
loops (390 descriptors) and 140 MB stayed (benchmarks/sockets.py). This store shuts a session down
when it expires or is pushed out, and looks for expired ones every few seconds on the server's loop;
a session taken back by its tab (resumed) is handed over untouched.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging

from streamlit.runtime.caching.ttl_cache import TTLCache
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.session_manager import SessionInfo

SWEEP_EVERY = 5.0  # seconds between looks for expired sessions
_LOG = logging.getLogger(__name__)


class ClosingSessionStorage(MemorySessionStorage):
    """MemorySessionStorage whose sessions are shut down when they expire or are pushed out."""

    def __init__(self, maxsize: int = 128, ttl_seconds: int = 2 * 60) -> None:
        super().__init__(maxsize=maxsize, ttl_seconds=ttl_seconds)
        self._handed_back: str | None = None
        self._cache = TTLCache(maxsize=maxsize, ttl=ttl_seconds, on_remove=self._removed)
        self._sweeping: asyncio.AbstractEventLoop | None = None
        self._closed = 0  # sessions shut down since the last sweep

    def save(self, session_info: SessionInfo) -> None:
        super().save(session_info)
        self._sweep_from(asyncio.get_running_loop() if _in_loop() else None)

    def delete(self, session_id: str) -> None:
        self._handed_back = session_id  # resumed by its tab, or shut down by Streamlit itself: not ours to close
        try:
            super().delete(session_id)
        finally:
            self._handed_back = None

    def _removed(self, session_id: str, info: SessionInfo) -> None:
        if session_id == self._handed_back:
            return
        try:
            info.session.shutdown()  # closes its event loop once no script runs on it
        except Exception:  # noqa: BLE001 - one session that cannot close must not stop the others
            _LOG.warning("A disconnected session could not be shut down.", exc_info=True)
        self._closed += 1

    def _sweep_from(self, loop: asyncio.AbstractEventLoop | None) -> None:
        """Look for expired sessions every SWEEP_EVERY seconds on the server's loop (started by the first save)."""
        if loop is None or self._sweeping is loop:
            return
        self._sweeping = loop

        def sweep() -> None:
            self._cache.expire()
            if self._closed:
                self._closed = 0
                _give_back_memory()
            loop.call_later(SWEEP_EVERY, sweep)

        loop.call_later(SWEEP_EVERY, sweep)


def _give_back_memory() -> None:
    """Free the closed sessions' objects now (they sit in reference cycles, and the settings turn off the
    collection after each run) and hand the freed pages back to the system: at most once a sweep, and only
    after sessions closed. The data is frozen out of the collector's sight (store.py), so this walks only
    what sessions built."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


def _in_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def install() -> None:
    """Make the server Streamlit is about to start keep its disconnected sessions in a ClosingSessionStorage."""
    from streamlit.runtime import memory_session_storage
    from streamlit.web.server import server

    # replaced where the server finds it: in its own module (imported there), and in the class's module
    # (where the Starlette app imports it from when it makes the runtime)
    server.MemorySessionStorage = ClosingSessionStorage
    memory_session_storage.MemorySessionStorage = ClosingSessionStorage
