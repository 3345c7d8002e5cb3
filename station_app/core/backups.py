"""Backups: consistent copies through SQLite's online backup API, rotated; restore only a sound copy of this station.

Copies never carry the county token (``db.copy_to``). A restore keeps the token of the database it replaces
when the backup is of the same station; otherwise the PC must enrol again.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import folder_lock
from .db import (
    DB_FILENAME,
    SECRET_STATE_KEYS,
    backup_copy,
    connect,
    copy_to,
    forget_secrets,
    latest_version,
    open_readonly,
    quick_check,
)
from .errors import StationError

KEEP = 14  # daily copies kept in the data dir
# A file is a station database only if it has the app's own tables, not merely one called "journal".
REQUIRED_TABLES = frozenset({"meta", "journal", "parcels", "clerks", "shelves", "couriers", "manifest"})


@dataclass(frozen=True)
class BackupInfo:
    station_code: str
    station_name: str
    schema: int


@dataclass(frozen=True)
class Restored:
    info: BackupInfo
    enrolled: bool  # False: the county token was not carried over, the PC must enrol again
    other_station: bool  # the PC was another station before


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
        tmp.unlink(missing_ok=True)
        copy_to(conn, tmp)
        tmp.replace(target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise StationError("backup_failed", str(exc), path=str(target)) from exc
    return target


def check_copy(path: Path, *, here: str | None = None) -> BackupInfo:
    """What the file is, if it is a sound station database this app can open; it is only read, never written.

    With ``here`` (this PC's station code), a backup of another station is refused too.
    """
    path = Path(path)
    if not path.is_file():
        raise StationError("file_unreadable", str(path), path=str(path))
    try:
        probe = open_readonly(path)
        try:
            problems = quick_check(probe)
            tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            schema = probe.execute("PRAGMA user_version").fetchone()[0]
            meta = dict(probe.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise StationError("backup_unreadable", str(exc), path=str(path)) from exc
    if problems:
        raise StationError("backup_unreadable", "; ".join(problems[:3]), path=str(path))
    if not REQUIRED_TABLES <= tables or schema < 1 or not meta.get("station_code"):
        raise StationError("backup_not_station", ",".join(sorted(REQUIRED_TABLES - tables)), path=str(path))
    if schema > latest_version():
        raise StationError("backup_too_new", f"schema {schema} > {latest_version()}", path=str(path))
    info = BackupInfo(meta["station_code"], meta.get("station_name", ""), schema)
    if here is not None and here != info.station_code:
        raise StationError("backup_other_station", info.station_code, backup=info.station_code, here=here)
    return info


def _live(live: Path) -> tuple[str | None, dict[str, str]]:
    """This PC's station code and county credentials, from the database about to be replaced."""
    if not live.exists():
        return None, {}
    try:
        conn = connect(live)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            try:
                sync = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
            except sqlite3.OperationalError:  # a database from before sync existed
                sync = {}
        finally:
            conn.close()
    except sqlite3.DatabaseError:  # damaged: the reason for a restore, and nothing to compare with
        return None, {}
    keep = {k: sync[k] for k in (*SECRET_STATE_KEYS, "server", "station", "ca_file") if k in sync}
    return meta.get("station_code"), keep if all(k in keep for k in SECRET_STATE_KEYS) else {}


def _set_aside(live: Path, data_dir: Path) -> None:
    """Keep the database being replaced in backups/; a damaged one is copied as it is."""
    if not live.exists():
        return
    try:
        current = connect(live)
        try:
            backup_copy(current, folder(data_dir), "before-restore")
        finally:
            current.close()
    except sqlite3.DatabaseError:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder(data_dir).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(live, folder(data_dir) / f"station-damaged-{stamp}.db")


def restore(backup: Path, data_dir: Path, *, other_station: bool = False) -> Restored:
    """Put a checked backup in place of the station database; the current one is kept aside first.

    Refused while the app or a sync has the folder open (``folder_lock``), and for another station's backup
    unless ``other_station``. After a restore the next sync notices the county has seen later ops from this
    device and numbers new ops after them (sync.client's restored-backup handling).
    """
    backup = Path(backup)
    info = check_copy(backup)
    data_dir = Path(data_dir)
    with folder_lock.exclusive(data_dir):
        live = data_dir / DB_FILENAME
        here, credentials = _live(live)
        if here is not None and here != info.station_code and not other_station:
            raise StationError("backup_other_station", info.station_code, backup=info.station_code, here=here)
        if here != info.station_code:
            credentials = {}  # another station's data never travels with this PC's county credentials
        tmp = data_dir / f"{DB_FILENAME}.restoring"
        try:
            shutil.copyfile(backup, tmp)
            incoming = connect(tmp)
            try:
                forget_secrets(incoming)  # an old backup may still hold a token: never take one from a file
                if not incoming.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_state'").fetchone():
                    credentials = {}  # a copy from before sync existed: the PC enrols again after migrating
                for key, value in credentials.items():
                    incoming.execute("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (key, value))
            finally:
                incoming.close()
            _set_aside(live, data_dir)
            for suffix in ("-wal", "-shm"):
                (data_dir / f"{DB_FILENAME}{suffix}").unlink(missing_ok=True)
            tmp.replace(live)
        except (OSError, sqlite3.Error) as exc:
            for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
                leftover.unlink(missing_ok=True)
            raise StationError("restore_failed", str(exc), path=str(live)) from exc
    return Restored(info, enrolled=bool(credentials), other_station=here is not None and here != info.station_code)
