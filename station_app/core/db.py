"""Opening the station database: pragmas, numbered migrations with a backup first, integrity check.

One ``sqlite3.Connection`` per thread. We run in autocommit mode (``isolation_level=None``) and open
transactions explicitly with :func:`transaction`, so a business function's rows and its journal op
commit together or not at all.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from .errors import StationError

DB_FILENAME = "station.db"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """(version, sql) of every migration shipped with the app, in order."""
    found = []
    for entry in resources.files("station_app.core").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    return found


def latest_version() -> int:
    return migrations()[-1][0]


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the station's pragmas; no migration."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # a committed receive survives a power cut
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def open_db(data_dir: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) the station database in ``data_dir`` and bring its schema up to date."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DB_FILENAME
    try:
        conn = connect(path)
        if migrate:
            apply_migrations(conn, path)
    except sqlite3.DatabaseError as exc:
        if disk_nearly_full(data_dir):  # SQLite says "disk I/O error" when the -shm cannot grow
            raise StationError("disk_full", str(exc), path=str(data_dir)) from exc
        raise StationError("db_unreadable", str(exc), path=str(path)) from exc
    return conn


FULL_BELOW = 1024 * 1024  # bytes free under which an I/O error is taken for a full disk


def disk_nearly_full(path: Path) -> bool:
    """Whether the disk holding ``path`` (or its nearest existing parent) has almost no space left."""
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free < FULL_BELOW
    except OSError:
        return False


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def apply_migrations(conn: sqlite3.Connection, path: Path,
                     available: list[tuple[int, str]] | None = None) -> list[int]:
    """Apply the missing migrations, each in its own transaction, after copying a non-empty database aside."""
    available = migrations() if available is None else available
    current = schema_version(conn)
    pending = [(v, sql) for v, sql in available if v > current]
    if not pending:
        if current > available[-1][0]:
            raise StationError("db_too_new", f"schema {current} > {available[-1][0]}", version=current)
        return []
    if current > 0:
        backup_copy(conn, path.parent / "backups", f"before-v{pending[0][0]}")
    applied = []
    for version, sql in pending:
        # executescript() runs statements one by one; wrap the script so it is one transaction, and roll
        # back by hand when a statement fails (executescript leaves the transaction open).
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version={version};\nCOMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def backup_copy(conn: sqlite3.Connection, folder: Path, label: str) -> Path:
    """A consistent copy of the live database into ``folder`` (see :func:`copy_to`)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"station-{label}-{stamp}.db"
    copy_to(conn, target)
    return target


# The county credential: a copy that may leave this PC (a USB drive) must not carry it in plain text.
SECRET_STATE_KEYS = ("token",)


def copy_to(conn: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup API into ``target``: one self-contained file without the county token.

    Rollback-journal mode, so the copy is a single file that can be read from read-only media; the token
    is deleted with ``secure_delete`` and no journal, so its bytes are overwritten in place, never copied.
    """
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")  # persistent: the file is no longer in WAL mode
        dest.execute("PRAGMA journal_mode=OFF")  # this connection only: no journal holds the token's old page
        forget_secrets(dest)
    finally:
        dest.close()


def forget_secrets(conn: sqlite3.Connection) -> None:
    """Delete the county token from a copy, overwriting its bytes (the caller owns the file alone)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").fetchone():
        conn.execute("PRAGMA secure_delete=ON")
        marks = ",".join("?" * len(SECRET_STATE_KEYS))
        conn.execute(f"DELETE FROM sync_state WHERE key IN ({marks})", SECRET_STATE_KEYS)


def open_readonly(path: Path) -> sqlite3.Connection:
    """Read a file that must not change, even by a -wal/-shm beside it (a backup, maybe on read-only media)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's quick_check; an empty list means the file is sound."""
    rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
    return [] if rows == ["ok"] else rows
