"""The append-only op log: every change writes one op here in the same transaction as its rows."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .clock import to_iso, utc_now
from .ids import uuid7


@dataclass(frozen=True)
class Op:
    device_seq: int
    op_id: str
    type: str
    entity_id: str | None
    payload: dict[str, Any]
    clerk_id: str | None
    created_at: str
    sync_state: str


def append(
    conn: sqlite3.Connection,
    op_type: str,
    payload: dict[str, Any],
    *,
    clerk_id: str | None,
    entity_id: str | None = None,
    at: str | None = None,
) -> str:
    """Append an op; the caller must hold the transaction that writes the op's rows."""
    if not conn.in_transaction:
        raise RuntimeError("journal.append outside a transaction")
    op_id = uuid7()
    conn.execute(
        "INSERT INTO journal (op_id, type, entity_id, payload, clerk_id, created_at) VALUES (?,?,?,?,?,?)",
        (op_id, op_type, entity_id, json.dumps(payload, ensure_ascii=False, sort_keys=True), clerk_id,
         at or to_iso(utc_now())),
    )
    return op_id


def _op(row: sqlite3.Row) -> Op:
    return Op(row["device_seq"], row["op_id"], row["type"], row["entity_id"], json.loads(row["payload"]),
              row["clerk_id"], row["created_at"], row["sync_state"])


def ops_for(conn: sqlite3.Connection, entity_id: str) -> list[Op]:
    """An entity's history, oldest first."""
    rows = conn.execute("SELECT * FROM journal WHERE entity_id = ? ORDER BY device_seq", (entity_id,))
    return [_op(r) for r in rows]


def pending(conn: sqlite3.Connection, after_seq: int = 0, limit: int = 500) -> list[Op]:
    rows = conn.execute(
        "SELECT * FROM journal WHERE sync_state = 'pending' AND device_seq > ? ORDER BY device_seq LIMIT ?",
        (after_seq, limit),
    )
    return [_op(r) for r in rows]


def count(conn: sqlite3.Connection, op_type: str | None = None) -> int:
    if op_type is None:
        return conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    return conn.execute("SELECT count(*) FROM journal WHERE type = ?", (op_type,)).fetchone()[0]
