"""The console's audit log: every change made by a person, with who, when, what and from where."""

from __future__ import annotations

import sqlite3

from .. import storage


def record(conn: sqlite3.Connection, actor: str, action: str, detail: str = "", address: str = "") -> None:
    """Inside the caller's transaction where there is one, so the change and its record stand or fall together."""
    conn.execute("INSERT INTO console_audit (at, actor, action, detail, address) VALUES (?,?,?,?,?)",
                 (storage.now_iso(), storage.printable(actor, 100), action, storage.printable(detail, 1000),
                  storage.printable(address, 100)))


def recent(conn: sqlite3.Connection, limit: int = 300) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM console_audit ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
