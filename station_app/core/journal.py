"""The append-only op log: every change writes one op here in the same transaction as its rows."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sync import ops

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
    """Append an op; the caller must hold the transaction that writes the op's rows.

    The payload is checked against its declaration (sync/ops.py) first: a payload the county would refuse is a
    programming error, raised (ops.OpInvalid) before anything of the caller's transaction commits."""
    if not conn.in_transaction:
        raise RuntimeError("journal.append outside a transaction")
    ops.validate(op_type, payload)
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


def lookup(conn: sqlite3.Connection) -> ops.Lookup:
    """Find the op of a type about one thing (its key field's value), as ops.tally needs for voids and payouts.

    Core journals such an op with that thing's id as its entity id (indexed); the payload decides."""
    def find(op_type: str, key_field: str, value: Any) -> dict[str, Any] | None:
        for (raw,) in conn.execute("SELECT payload FROM journal WHERE entity_id = ? AND type = ? ORDER BY device_seq",
                                   (str(value), op_type)):
            payload: dict[str, Any] = json.loads(raw)
            if payload.get(key_field) == value:
                return payload
        return None
    return find


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


# JSON numbers beyond 2^53 lose precision in many readers; no honest station gets near it.
MAX_DEVICE_SEQ = 2**53 - 1


def high_seq(conn: sqlite3.Connection) -> int:
    """The last device_seq handed out on this database (deleted rows included), 0 for none."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").fetchone()
    return int(row[0]) if row else 0


def continue_after(conn: sqlite3.Connection, seq: int) -> bool:
    """Number the next op after ``seq`` (restore detected: the county has seen later ops from this device).

    Inside the caller's transaction. Never lowers the sequence and never takes an absurd value: True if changed."""
    if not conn.in_transaction:
        raise RuntimeError("journal.continue_after outside a transaction")
    if not 0 < seq <= MAX_DEVICE_SEQ or seq <= high_seq(conn):
        return False
    if conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'journal'", (seq,)).rowcount == 0:
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('journal', ?)", (seq,))
    return True


def mark_acked(conn: sqlite3.Connection, op_id: str) -> None:
    """The county has the op (applied or a duplicate). Inside the caller's transaction."""
    conn.execute("UPDATE journal SET sync_state = 'acked' WHERE op_id = ?", (op_id,))


def mark_rejected(conn: sqlite3.Connection, op_id: str, code: str, at: str) -> None:
    """The county refused the op: out of the upload queue, onto the attention list with its code."""
    conn.execute("UPDATE journal SET sync_state = 'rejected' WHERE op_id = ?", (op_id,))
    conn.execute("INSERT OR REPLACE INTO sync_rejections (op_id, code, at) VALUES (?,?,?)", (op_id, code, at))


def mark_pending(conn: sqlite3.Connection, op_ids: list[str]) -> None:
    """Ops the county turned out to lack (reconcile): upload them again."""
    conn.executemany("UPDATE journal SET sync_state = 'pending' WHERE op_id = ?", [(i,) for i in op_ids])


def set_aside(conn: sqlite3.Connection, op_id: str, reason: str, size: int, at: str) -> None:
    """An op that can never be uploaded (one alone is over the county's limit): out of the upload queue, with
    the reason, so the ops behind it go on. Inside the caller's transaction."""
    conn.execute("UPDATE journal SET sync_state = 'too_large' WHERE op_id = ?", (op_id,))
    conn.execute("INSERT OR REPLACE INTO sync_set_aside (op_id, reason, bytes, at) VALUES (?,?,?,?)",
                 (op_id, reason, size, at))
