"""One sync at a time per data folder: the counter's automatic sync and the day-end `station-app sync` meet.

An OS file lock (``sync.lock`` in the data folder, through ``filelock``) is released by the OS when a process
dies, so a killed sync never leaves a stale lock behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from station_app.core.folder_lock import SYNC_LOCK as LOCK_FILENAME  # the one a restore checks


class SyncBusy(Exception):
    """Another sync holds this data folder."""


def data_dir_of(conn: sqlite3.Connection) -> Path:
    """The folder of the connection's main database file."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file).parent
    raise ValueError("not a database file")


@contextmanager
def held(data_dir: Path, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the folder's sync lock; wait up to ``wait_s`` seconds for another sync to finish, else SyncBusy."""
    # thread_local=False and a fresh object per call: two threads of one process exclude each other too
    lock = FileLock(data_dir / LOCK_FILENAME, timeout=wait_s, thread_local=False, is_singleton=False)
    try:
        lock.acquire(poll_interval=0.05)
    except Timeout as exc:
        raise SyncBusy(str(data_dir)) from exc
    try:
        yield
    finally:
        lock.release()
