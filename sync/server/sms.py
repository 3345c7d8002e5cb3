"""Delivering queued pickup texts through a gateway. The default one writes to a log file only."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Protocol

from .storage import add_feed, now_iso, transaction


class Gateway(Protocol):
    def send(self, phone: str, body: str) -> None: ...


class LogGateway:
    """Nothing leaves the machine: each text is appended to a log, the phone masked."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, phone: str, body: str) -> None:
        masked = f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else "****" + phone[-4:]
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(f"{now_iso()}\t{masked}\t{body}\n")


def deliver_pending(conn: sqlite3.Connection, gateway: Gateway, limit: int = 500) -> int:
    """Send queued texts; each sent one is marked and reported back to its station through the feed."""
    rows = conn.execute("SELECT * FROM sms_outbox WHERE state = 'queued' ORDER BY created_at LIMIT ?",
                        (limit,)).fetchall()
    sent = 0
    for row in rows:
        if not row["phone"]:  # a privacy waybill: the courier's platform notifies, we cannot
            state = "no_phone"
        else:
            try:
                gateway.send(row["phone"], row["body"])
                state = "sent"
            except OSError:
                continue  # stays queued for the next round
        with transaction(conn):
            conn.execute("UPDATE sms_outbox SET state = ?, sent_at = ? WHERE notification_id = ?",
                         (state, now_iso(), row["notification_id"]))
            add_feed(conn, row["station"], "notification_status",
                     {"notification_id": row["notification_id"], "state": "sent" if state == "sent" else "failed"})
        sent += state == "sent"
    return sent
