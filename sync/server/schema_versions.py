"""Numbered schema migrations, one folder of plain SQL per dialect (migrations/sqlite, migrations/postgresql),
applied in order once each and recorded in ``schema_migrations``.

Why numbered SQL rather than Alembic: the station already migrates this way (station_app/core/migrations), the
county server has no SQLAlchemy models for Alembic to compare against, and the two dialects differ exactly where a
generic tool would guess (identity columns, BIGINT, BYTEA, partitions later): a reviewer reads the SQL each
back-end really runs. A number exists in both folders (an empty step where one dialect needs nothing), so
``version`` means the same shape on both; tests/sync/test_postgresql.py checks the two agree."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from importlib import resources

from . import db

ADVISORY_LOCK = 7_501_015  # any fixed number: several workers starting at once migrate one at a time
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def available(dialect: str) -> list[tuple[int, str, str]]:
    """(version, file name, SQL) in order."""
    folder = resources.files("sync.server").joinpath("migrations", dialect)
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def current(conn: sqlite3.Connection) -> int:
    """The newest version applied (0: none)."""
    try:
        row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    except Exception:  # noqa: BLE001 - no table yet (or not readable): nothing applied
        return 0
    return int(row[0] or 0) if row else 0


def newest(dialect: str) -> int:
    steps = available(dialect)
    return steps[-1][0] if steps else 0


def apply(conn: sqlite3.Connection) -> list[int]:
    """Run every step not yet applied, each in its own transaction with its record; returns those run."""
    dialect = db.dialect(conn)
    postgresql = dialect == "postgresql"
    if postgresql:
        conn.execute("SELECT pg_advisory_lock(?)", (ADVISORY_LOCK,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                     "applied_at TEXT NOT NULL)")
        done = {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations").fetchall()}
        ran = []
        for version, name, sql in available(dialect):
            if version in done:
                continue
            if postgresql:  # DDL is transactional on PostgreSQL: the step and its record together
                conn.execute("BEGIN")
                try:
                    conn.executescript(sql)
                    _record(conn, version, name)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            else:  # executescript commits on its own; every SQLite step is written to be re-runnable
                conn.executescript(sql)
                _record(conn, version, name)
            ran.append(version)
        return ran
    finally:
        if postgresql:
            conn.execute("SELECT pg_advisory_unlock(?)", (ADVISORY_LOCK,))


def _record(conn: sqlite3.Connection, version: int, name: str) -> None:
    conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?,?,?)",
                 (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
