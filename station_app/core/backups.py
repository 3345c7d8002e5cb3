"""Backups: consistent copies through SQLite's online backup API, rotated; restore only a sound copy."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from .db import DB_FILENAME, backup_copy, connect, quick_check
from .errors import StationError

KEEP = 14  # daily copies kept in the data dir


def folder(data_dir: Path) -> Path:
    return data_dir / "backups"


def take(conn: sqlite3.Connection, data_dir: Path, label: str = "daily") -> Path:
    """A copy into the data dir's backups folder, keeping the newest ``KEEP`` of that label."""
    path = backup_copy(conn, folder(data_dir), label)
    copies = sorted(folder(data_dir).glob(f"station-{label}-*.db"))
    for old in copies[:-KEEP]:
        old.unlink(missing_ok=True)
    return path


def to_file(conn: sqlite3.Connection, target: Path) -> Path:
    """A copy to a chosen file (a USB drive); written beside it first, so a pulled drive leaves no half file."""
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        tmp.replace(target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise StationError("backup_failed", str(exc), path=str(target)) from exc
    return target


def check_copy(path: Path) -> None:
    """Refuse a file that is not a sound station database."""
    try:
        probe = connect(Path(path))
        try:
            problems = quick_check(probe)
            has_station = probe.execute("SELECT 1 FROM sqlite_master WHERE name = 'journal'").fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise StationError("backup_unreadable", str(exc), path=str(path)) from exc
    if problems or not has_station:
        raise StationError("backup_unreadable", "; ".join(problems[:3]) or "not a station database", path=str(path))


def restore(backup: Path, data_dir: Path) -> Path:
    """Put a checked backup in place of the station database; the current one is kept aside first.

    The app must not have the database open. After a restore the next sync notices the county has seen later
    ops from this device and numbers new ops after them (sync.client's restored-backup handling).
    """
    backup = Path(backup)
    if not backup.is_file():
        raise StationError("file_unreadable", str(backup), path=str(backup))
    check_copy(backup)
    live = data_dir / DB_FILENAME
    if live.exists():
        current = connect(live)
        try:
            backup_copy(current, folder(data_dir), "before-restore")
        finally:
            current.close()
    for suffix in ("-wal", "-shm"):
        (data_dir / f"{DB_FILENAME}{suffix}").unlink(missing_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / f"{DB_FILENAME}.restoring"
    shutil.copyfile(backup, tmp)
    tmp.replace(live)
    return live
