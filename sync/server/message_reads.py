"""Who has read the county's messages: stations report reading with a ``message.read`` op naming the feed item.

A county message sent to several stations is one feed item per station (``feed.seq``), so a read names exactly
one station's copy. The server refuses a read of an item that is not a message sent to the reading station; one
that passes is kept here at ingest in the ledger's transaction (the hook is ``rollups.project``), and
``projection rebuild`` derives the table again from the ledger."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

OP = "message.read"
KINDS = ("announcement", "instruction")  # the feed items that are messages for the clerk to read


def refusal(conn: sqlite3.Connection, station: str, op: Mapping[str, Any]) -> str | None:
    """Why a station's read cannot be taken (in words for the rejection log), or None; other ops pass."""
    if op.get("type") != OP:
        return None
    seq = op["payload"]["seq"]
    if not _sent_to(conn, station, seq):
        return f"feed item {seq} is not a message sent to this station"
    return None


def _sent_to(conn: sqlite3.Connection, station: str, seq: int) -> bool:
    marks = ",".join("?" * len(KINDS))
    return conn.execute(f"SELECT 1 FROM feed WHERE seq = ? AND station = ? AND kind IN ({marks})",
                        (seq, station, *KINDS)).fetchone() is not None


def project(conn: sqlite3.Connection, station: str, kind: str, p: Mapping[str, Any]) -> None:
    """Keep a read (inside the ledger's transaction); a later read of the same copy keeps the first time."""
    if kind != OP or not _sent_to(conn, station, p["seq"]):  # checked at ingest; a rebuild trusts nothing
        return
    conn.execute("INSERT INTO message_reads (station, seq, read_at) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                 (station, p["seq"], p["read_at"]))


def send(conn: sqlite3.Connection, stations: list[str], kind: str, title: str, text: str) -> None:
    """Inside the caller's transaction: one message to these stations, every copy with the same moment (``sent``
    groups the copies of one send by it; a clock read per copy split a send in two on a slower database)."""
    from . import storage  # storage imports this module

    at = storage.now_iso()
    for code in stations:
        storage.add_feed(conn, code, kind, {"title": title, "text": text}, at)


def clear(conn: sqlite3.Connection) -> None:
    """Before a rebuild projects the ledger again."""
    conn.execute("DELETE FROM message_reads")


def sent(conn: sqlite3.Connection, limit: int = 50) -> list[dict[str, Any]]:
    """The last messages sent, newest first: one per send (the same words at the same moment to several
    stations), each with its stations, who has read it and when, and who has not."""
    marks = ",".join("?" * len(KINDS))
    groups = conn.execute(
        f"SELECT kind, body, created_at, min(seq) AS first, max(seq) AS last FROM feed WHERE kind IN ({marks}) "
        "GROUP BY kind, body, created_at ORDER BY max(seq) DESC LIMIT ?", (*KINDS, limit)).fetchall()
    out = []
    for g in groups:
        # one send is written in one transaction, so its copies lie in one range of seqs
        rows = conn.execute(
            "SELECT f.seq, f.station, coalesce(s.name, '') AS name, r.read_at FROM feed f "
            "LEFT JOIN stations s ON s.code = f.station "
            "LEFT JOIN message_reads r ON r.station = f.station AND r.seq = f.seq "
            "WHERE f.seq BETWEEN ? AND ? AND f.kind = ? AND f.body = ? AND f.created_at = ? ORDER BY f.station",
            (g["first"], g["last"], g["kind"], g["body"], g["created_at"])).fetchall()
        body = json.loads(g["body"])
        read = [{"station": r["station"], "name": r["name"], "read_at": r["read_at"]} for r in rows if r["read_at"]]
        unread = [{"station": r["station"], "name": r["name"]} for r in rows if not r["read_at"]]
        out.append({"kind": g["kind"], "title": str(body.get("title", "")), "text": str(body.get("text", "")),
                    "sent_at": g["created_at"], "stations": len(rows), "read_count": len(read),
                    "read": read, "unread": unread})
    return out
