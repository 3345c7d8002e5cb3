"""What the county sent for the clerk to read (instructions, announcements, refused feed items), and whether
they were read. Written by the sync inside the feed item's transaction; read by the counter and the CLI."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from . import db
from .clock import to_iso, utc_now


def receive(conn: sqlite3.Connection, seq: int, kind: str, body: dict[str, Any]) -> None:
    """Keep one message under the feed's sequence number (a repeat replaces it). Inside the caller's transaction."""
    conn.execute("INSERT OR REPLACE INTO county_messages (seq, kind, body, received_at) VALUES (?,?,?,?)",
                 (seq, kind, json.dumps(body, ensure_ascii=False), to_iso(utc_now())))


def unread(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM county_messages WHERE read_at IS NULL ORDER BY seq").fetchall()


def mark_read(conn: sqlite3.Connection, seqs: list[int]) -> None:
    with db.transaction(conn):
        conn.executemany("UPDATE county_messages SET read_at = ? WHERE seq = ?", [(to_iso(utc_now()), s) for s in seqs])
