"""Who has the data folder open: file locks that a restore must be able to take.

A restore replaces ``station.db`` with another file. A process that still has the old one open keeps writing
to it (to the unlinked inode on Linux, or the restore fails on Windows): what it commits afterwards is lost
without a word. So every process that writes announces itself with an OS file lock in the data folder, which
the OS drops when the process dies (no stale locks after a power cut):

- ``app.lock``: the counter GUI for as long as it runs; an admin command that writes, while it runs;
- ``sync.lock``: a sync (GUI worker or ``station-app sync``), which runs beside the GUI.

A restore takes both without waiting and holds them while it swaps the file; either held means refuse.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import StationError

APP_LOCK = "app.lock"
SYNC_LOCK = "sync.lock"

# The app locks this process holds, by data folder: the GUI restoring its own folder already holds app.lock.
_held: dict[Path, FileLock] = {}


def _lock(data_dir: Path, name: str) -> FileLock:
    data_dir.mkdir(parents=True, exist_ok=True)
    # thread_local=False: the GUI takes it on the main thread and a restore may run on any thread.
    return FileLock(data_dir / name, thread_local=False)


def hold_app(data_dir: Path, *, wait: float = 0.0) -> None:
    """Take ``app.lock`` for this process until :func:`release_app` or exit; ``folder_in_use`` if another has it."""
    key = Path(data_dir).resolve()
    if key in _held:
        return
    lock = _lock(key, APP_LOCK)
    try:
        lock.acquire(timeout=wait, blocking=wait > 0)
    except Timeout as exc:
        raise StationError("folder_in_use", str(key), path=str(key)) from exc
    _held[key] = lock


def release_app(data_dir: Path) -> None:
    lock = _held.pop(Path(data_dir).resolve(), None)
    if lock is not None:
        lock.release(force=True)


@contextmanager
def app_held(data_dir: Path, *, wait: float = 0.0) -> Iterator[None]:
    """``app.lock`` for the length of a block (an admin command that writes)."""
    key = Path(data_dir).resolve()
    already = key in _held
    hold_app(key, wait=wait)
    try:
        yield
    finally:
        if not already:
            release_app(key)


@contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Both locks, without waiting, for as long as the block runs (a restore).

    This process's own app lock counts as taken: the GUI calls a restore only after it has closed its
    connection and stopped its sync; its sync, if still running, holds ``sync.lock`` and so refuses.
    """
    key = Path(data_dir).resolve()
    with ExitStack() as stack:
        names = (SYNC_LOCK,) if key in _held else (APP_LOCK, SYNC_LOCK)
        for name in names:
            lock = _lock(key, name)
            try:
                lock.acquire(blocking=False)
            except Timeout as exc:
                raise StationError("folder_in_use", name, path=str(key)) from exc
            stack.callback(lock.release, force=True)
        yield
