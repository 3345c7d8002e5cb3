"""Pickup texts: the county writes them itself and delivers each at most once.

A station's op only asks for a text (its notification id, for a parcel it received); the words come from the
county's own template and the county's own record of that parcel (its phone, courier, pickup code), never from
what the station wrote. Daily limits per station and per phone bound what a misbehaving station can cause.
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
import string
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol

from .. import ops
from . import storage

COUNTY_TZ = timezone(timedelta(hours=8))
DEFAULT_TEMPLATE = ("【{station}】您的{courier}包裹（单号尾号{tail}）已到站，取件码 {code}，"
                    "请于 {deadline} 前凭取件码领取。")
TEMPLATE_FIELDS = {"station", "courier", "tail", "code", "deadline"}
# county settings (server_settings table) and their defaults
DEFAULTS = {"sms_template": DEFAULT_TEMPLATE, "sms_return_after_days": "7", "sms_station_daily": "3000",
            "sms_phone_daily": "30"}
MOBILE = re.compile(r"^1[3-9]\d{9}$")
STALE_CLAIM = timedelta(minutes=10)


class Gateway(Protocol):
    def send(self, phone: str, body: str) -> None: ...


def one_line(text: str) -> str:
    """No line breaks or control characters reach a log line or a text."""
    return ops.CONTROL.sub(" ", text)


class LogGateway:
    """Nothing leaves the machine: each text is appended to a log, the phone masked."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, phone: str, body: str) -> None:
        masked = f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else "****" + phone[-4:]
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(f"{storage.now_iso()}\t{one_line(masked)}\t{one_line(body)}\n")


def setting(conn: sqlite3.Connection, name: str) -> str:
    row = conn.execute("SELECT value FROM server_settings WHERE key = ?", (name,)).fetchone()
    return str(row[0]) if row else DEFAULTS[name]


LIMITS = {"sms_return_after_days": (1, 90), "sms_station_daily": (0, 100_000), "sms_phone_daily": (0, 1000)}


def check_setting(name: str, value: str) -> str:
    """The value as stored, or ValueError saying what is wrong."""
    if name == "sms_template":
        ops.check_text(value, name, 300)
        check_template(value)
        return value
    if name not in LIMITS:
        raise ValueError(f"unknown setting {name}")
    low, high = LIMITS[name]
    if not value.strip().isdigit() or not low <= int(value) <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}")
    return str(int(value))


def change_settings(conn: sqlite3.Connection, values: dict[str, str]) -> dict[str, str]:
    """County staff change the template or the limits: all of them, or (ValueError) none."""
    checked = {name: check_setting(name, value) for name, value in values.items()}
    with storage.transaction(conn):
        conn.executemany("INSERT INTO server_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                         "value = excluded.value", list(checked.items()))
    return checked


def check_template(template: str) -> None:
    """A template may use only the county's fields; ValueError otherwise."""
    used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    if used - TEMPLATE_FIELDS or "" in used:
        raise ValueError(f"unknown fields {sorted(used - TEMPLATE_FIELDS)}")


def render(conn: sqlite3.Connection, station: str, parcel: sqlite3.Row, kind: str) -> str:
    name = conn.execute("SELECT name FROM stations WHERE code = ?", (station,)).fetchone()
    received = datetime.fromisoformat(parcel["received_at"]).astimezone(COUNTY_TZ).date()
    deadline = received + timedelta(days=int(setting(conn, "sms_return_after_days")))
    fields = {"station": name[0] if name else station, "courier": courier_name(conn, parcel["courier"]),
              "tail": parcel["waybill"][-4:], "code": parcel["pickup_code"], "deadline": f"{deadline:%m月%d日}"}
    try:
        template = setting(conn, "sms_template")
        check_template(template)
        body = template.format(**fields)
    except (ValueError, KeyError, IndexError):  # a damaged setting must not stop the texts
        body = DEFAULT_TEMPLATE.format(**fields)
    return one_line(("【提醒】" if kind == "reminder" else "") + body)[:500]


def courier_name(conn: sqlite3.Connection, code: str) -> str:
    """The courier's name from the county's own reference data; '快递' when it does not know it."""
    row = conn.execute("SELECT body FROM reference WHERE kind = 'couriers' ORDER BY version DESC LIMIT 1").fetchone()
    if row is not None:
        try:
            for entry in json.loads(row[0]).get("rows", []):
                if str(entry.get("code", "")).upper() == code.upper() and entry.get("name"):
                    return str(entry["name"])[:20]
        except (ValueError, AttributeError):
            pass
    return "快递"


def queue_pickup_text(conn: sqlite3.Connection, station: str, parcel_id: str, notification_id: str,
                      kind: str) -> bool:
    """Inside the op's transaction: queue the county's own text for a parcel this station received, to that
    parcel's phone, within the daily limits. A refusal is logged and the station told the text failed."""
    parcel = conn.execute("SELECT * FROM parcels WHERE parcel_id = ? AND station = ?", (parcel_id, station)
                          ).fetchone()
    now = datetime.now(UTC)
    day_start = datetime.combine(now.astimezone(COUNTY_TZ).date(), datetime.min.time(), COUNTY_TZ)
    since = day_start.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    reason = ""
    if parcel is None:
        reason = "parcel_unknown"  # no parcel.received from this station for it
    elif parcel["status"] != "in_stock":
        reason = "parcel_not_in_stock"
    elif not MOBILE.match(parcel["recipient_phone"] or ""):
        reason = "no_phone"  # a privacy waybill: the courier's platform notifies, we cannot
    elif conn.execute("SELECT 1 FROM sms_outbox WHERE notification_id = ?", (notification_id,)).fetchone():
        return False  # already queued (the op was replayed under another id): at most once
    elif conn.execute("SELECT count(*) FROM sms_outbox WHERE station = ? AND created_at >= ?", (station, since)
                      ).fetchone()[0] >= int(setting(conn, "sms_station_daily")):
        reason = "station_daily_limit"
    elif conn.execute("SELECT count(*) FROM sms_outbox WHERE phone = ? AND created_at >= ?",
                      (parcel["recipient_phone"], since)).fetchone()[0] >= int(setting(conn, "sms_phone_daily")):
        reason = "phone_daily_limit"
    if reason:
        if reason != "no_phone":
            storage.security_event(conn, station, "sms_refused", f"{notification_id}: {reason}")
        storage.add_feed(conn, station, "notification_status", {"notification_id": notification_id,
                                                                "state": "failed", "reason": reason})
        return False
    assert parcel is not None
    conn.execute("INSERT INTO sms_outbox (notification_id, station, parcel_id, phone, body, created_at, kind) "
                 "VALUES (?,?,?,?,?,?,?)", (notification_id, station, parcel_id, parcel["recipient_phone"],
                                            render(conn, station, parcel, kind), storage.now_iso(), kind))
    return True


def deliver_pending(conn: sqlite3.Connection, gateway: Gateway, limit: int = 500) -> int:
    """Send queued texts, each at most once whatever runs at the same time: a batch is claimed in one write
    transaction (queued -> sending, with this round's mark), sent, then marked sent and reported back to its
    station through the feed."""
    mark = secrets.token_hex(8)
    stale = (datetime.now(UTC) - STALE_CLAIM).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with storage.transaction(conn):
        # a round that died after claiming may or may not have sent: never send those again
        for row in conn.execute("SELECT notification_id, station FROM sms_outbox WHERE state = 'sending' "
                                "AND claimed_at < ?", (stale,)).fetchall():
            conn.execute("UPDATE sms_outbox SET state = 'unknown' WHERE notification_id = ?", (row[0],))
            storage.add_feed(conn, row[1], "notification_status", {"notification_id": row[0], "state": "failed"})
        conn.execute("UPDATE sms_outbox SET state = 'sending', claimed_by = ?, claimed_at = ? WHERE notification_id "
                     "IN (SELECT notification_id FROM sms_outbox WHERE state = 'queued' "
                     "ORDER BY created_at, rowid LIMIT ?)",
                     (mark, storage.now_iso(), limit))
    rows = conn.execute("SELECT * FROM sms_outbox WHERE claimed_by = ? AND state = 'sending' "
                        "ORDER BY created_at, rowid", (mark,)).fetchall()
    sent = 0
    for row in rows:
        try:
            gateway.send(row["phone"], row["body"])
        except OSError:
            with storage.transaction(conn):  # the gateway did not take it: the next round tries again
                conn.execute("UPDATE sms_outbox SET state = 'queued', claimed_by = NULL WHERE notification_id = ?"
                             " AND claimed_by = ?", (row["notification_id"], mark))
            continue
        with storage.transaction(conn):
            conn.execute("UPDATE sms_outbox SET state = 'sent', sent_at = ? WHERE notification_id = ? "
                         "AND claimed_by = ?", (storage.now_iso(), row["notification_id"], mark))
            storage.add_feed(conn, row["station"], "notification_status",
                             {"notification_id": row["notification_id"], "state": "sent"})
        sent += 1
    return sent
