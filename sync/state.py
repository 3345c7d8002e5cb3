"""The station's sync bookkeeping in its database: cursors, credentials, outcome, the attention list.

Kept apart from the client so the counter's status line can read it without loading the HTTP stack.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from station_app.core import county_messages


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
    return county_messages.unread(conn)


def mark_read(conn: sqlite3.Connection, seqs: list[int]) -> None:
    county_messages.mark_read(conn, seqs)


def rejections(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """The attention list: ops the county refused, with the op's type, newest first."""
    return conn.execute("SELECT r.op_id, r.code, r.at, j.type, j.entity_id FROM sync_rejections r "
                        "LEFT JOIN journal j ON j.op_id = r.op_id ORDER BY r.at DESC").fetchall()


def set_aside(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Ops too large to upload ever, with the reason and size, newest first: county IT must fetch them."""
    return conn.execute("SELECT a.op_id, a.reason, a.bytes, a.at, j.type, j.entity_id FROM sync_set_aside a "
                        "LEFT JOIN journal j ON j.op_id = a.op_id ORDER BY a.at DESC").fetchall()


def feed_refusals(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """County feed items this station could not apply, with the reason, newest first."""
    return conn.execute("SELECT seq, kind, code, detail, at FROM feed_items WHERE outcome = 'refused' "
                        "ORDER BY seq DESC").fetchall()


# The highest device_seq this data folder ever sent, kept OUTSIDE the database: restoring an older station.db
# leaves it in place, so the station knows how far the county may rightly have seen its ops.
SENT_FILENAME = "sync-sent-seq"


def sent_high(data_dir: Path) -> int | None:
    try:
        text = (data_dir / SENT_FILENAME).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def note_sent(data_dir: Path, seq: int) -> None:
    """Raise the record before a batch goes out (the county may keep it even if the answer is lost)."""
    if seq <= (sent_high(data_dir) or 0):
        return
    tmp = data_dir / (SENT_FILENAME + ".tmp")
    with open(tmp, "w", encoding="ascii") as out:
        out.write(str(seq))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, data_dir / SENT_FILENAME)


def newer_version(conn: sqlite3.Connection, current: str) -> tuple[str, str] | None:
    """(version, url) when the county offers a newer station app than ``current``."""
    newest = state(conn, "newest_version")

    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) if p.isdigit() else 0 for p in v.split("."))

    return (newest, state(conn, "newest_url")) if newest and key(newest) > key(current) else None
