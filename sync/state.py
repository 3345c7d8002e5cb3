"""The station's sync bookkeeping in its database: cursors, credentials, outcome, the attention list.

Kept apart from the client so the counter's status line can read it without loading the HTTP stack.
"""

from __future__ import annotations

import sqlite3

from station_app.core import db
from station_app.core.clock import to_iso, utc_now


def state(conn: sqlite3.Connection, key: str, default: str = "") -> str:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_state(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Inside the caller's transaction, or on its own."""
    conn.execute("INSERT INTO sync_state (key, value) VALUES (?,?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def pending_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM journal WHERE sync_state = 'pending'").fetchone()[0]


def unread_messages(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM county_messages WHERE read_at IS NULL ORDER BY seq").fetchall()


def mark_read(conn: sqlite3.Connection, seqs: list[int]) -> None:
    with db.transaction(conn):
        conn.executemany("UPDATE county_messages SET read_at = ? WHERE seq = ?", [(to_iso(utc_now()), s) for s in seqs])


def rejections(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """The attention list: ops the county refused, with the op's type, newest first."""
    return conn.execute("SELECT r.op_id, r.code, r.at, j.type, j.entity_id FROM sync_rejections r "
                        "LEFT JOIN journal j ON j.op_id = r.op_id ORDER BY r.at DESC").fetchall()



def newer_version(conn: sqlite3.Connection, current: str) -> tuple[str, str] | None:
    """(version, url) when the county offers a newer station app than ``current``."""
    newest = state(conn, "newest_version")

    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) if p.isdigit() else 0 for p in v.split("."))

    return (newest, state(conn, "newest_url")) if newest and key(newest) > key(current) else None
