"""One writer at a time, first come first served, for the server process's SQLite writes.

SQLite lets one connection write; the others wait in its busy handler, which sleeps and polls: under fifty
uploads at once some waited 14 s while others went through again and again, and the text sender starved. Taking
this lock before BEGIN IMMEDIATE queues the writers in arrival order and hands the database to the next the moment
it is free. A PostgreSQL connection is not queued here (its rows lock, not its file)."""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any


class FairLock:
    """A lock handed to its waiters in the order they came."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self) -> None:
        with self._guard:
            if not self._held:
                self._held = True
                return
            turn = threading.Lock()
            turn.acquire()
            self._waiting.append(turn)
        turn.acquire()  # released by the holder before us: the lock is ours, still marked held

    def release(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._held = False


_LOCK = FairLock()


@contextmanager
def _held() -> Iterator[None]:
    _LOCK.acquire()
    try:
        yield
    finally:
        _LOCK.release()


def turn(conn: Any) -> Any:
    """The context to hold around a write transaction on ``conn`` (never nested)."""
    return _held() if isinstance(conn, sqlite3.Connection) else nullcontext()
