"""One text per recipient per arrival: a phone's outbox rows, once the merge window since the first has passed,
become one text from the county's template (count and codes when there are several), unless the phone opted out
or a daily cap is reached. Runs in the sender, in one transaction per round."""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from .. import storage
from . import config
from .gateways import one_line
from .queue import status_body

MAX_CODES = 5  # a text lists at most this many pickup codes, then "等"


def courier_names(conn: sqlite3.Connection) -> dict[str, str]:
    """The couriers' names from the county's own reference data."""
    row = conn.execute("SELECT body FROM reference WHERE kind = 'couriers' ORDER BY version DESC LIMIT 1").fetchone()
    names: dict[str, str] = {}
    if row is not None:
        try:
            for entry in json.loads(row[0]).get("rows", []):
                if entry.get("code") and entry.get("name"):
                    names[str(entry["code"]).upper()] = str(entry["name"])[:20]
        except (ValueError, AttributeError):
            pass
    return names


def fields_for(conn: sqlite3.Connection, station: str, parcels: list[sqlite3.Row],
               couriers: dict[str, str]) -> dict[str, str]:
    """The template's variables, in TEMPLATE_FIELDS order, from the county's record of the parcels."""
    name = conn.execute("SELECT name FROM stations WHERE code = ?", (station,)).fetchone()
    first = min(p["received_at"] for p in parcels)
    received = datetime.fromisoformat(first.replace("Z", "+00:00")).astimezone(config.COUNTY_TZ).date()
    deadline = received + timedelta(days=config.number(conn, "sms_return_after_days"))
    kinds = {couriers.get(p["courier"].upper(), "快递") for p in parcels}
    codes = [p["pickup_code"] for p in parcels]
    return {"station": name[0] if name else station, "courier": kinds.pop() if len(kinds) == 1 else "快递",
            "tail": "、".join(p["waybill"][-4:] for p in parcels[:MAX_CODES]),
            "code": "、".join(codes[:MAX_CODES]) + ("等" if len(codes) > MAX_CODES else ""),
            "deadline": f"{deadline:%m月%d日}", "count": str(len(parcels))}


def render(conn: sqlite3.Connection, fields: dict[str, str], kind: str) -> str:
    many = fields["count"] != "1"
    template = config.setting(conn, "sms_template_many" if many else "sms_template")
    try:
        config.check_template(template)
        body = template.format(**fields)
    except (ValueError, KeyError, IndexError):  # a damaged setting must not stop the texts
        body = (config.DEFAULT_TEMPLATE_MANY if many else config.DEFAULT_TEMPLATE).format(**fields)
    return one_line(("【提醒】" if kind == "reminder" else "") + body)[:500]


def used_fields(conn: sqlite3.Connection, many: bool) -> list[str]:
    """The variables the provider's template takes: those the county's template uses, in its order."""
    import string

    template = config.setting(conn, "sms_template_many" if many else "sms_template")
    seen: list[str] = []
    for _, name, _, _ in string.Formatter().parse(template):
        if name in config.TEMPLATE_FIELDS and name not in seen:
            seen.append(name)
    return seen


def compose(conn: sqlite3.Connection, now: datetime, limit: int = 100) -> int:
    """Inside the caller's write transaction: turn ripe outbox rows into texts. Returns texts made."""
    window = timedelta(minutes=config.number(conn, "sms_merge_minutes"))
    ripe = config.iso(now - window)
    groups = conn.execute("SELECT station, phone, kind FROM sms_outbox WHERE state = 'queued' "
                          "GROUP BY station, phone, kind HAVING min(created_at) <= ? LIMIT ?",
                          (ripe, limit)).fetchall()
    if not groups:
        return 0
    couriers = courier_names(conn)
    day = config.iso(config.china_day_start(now))
    station_cap, phone_cap = config.number(conn, "sms_station_daily"), config.number(conn, "sms_phone_daily")
    wait = config.quiet_until(config.setting(conn, "sms_quiet"), now)
    made = 0
    for station, phone, kind in groups:
        rows = conn.execute("SELECT o.notification_id, o.parcel_id, p.waybill, p.courier, p.pickup_code, "
                            "p.received_at, p.status FROM sms_outbox o JOIN parcels p ON p.parcel_id = o.parcel_id "
                            "WHERE o.state = 'queued' AND o.station = ? AND o.phone = ? AND o.kind = ? "
                            "ORDER BY o.created_at", (station, phone, kind)).fetchall()
        live = [r for r in rows if r["status"] == "in_stock"]
        reason = ""
        if conn.execute("SELECT 1 FROM sms_optout WHERE phone = ?", (phone,)).fetchone():
            reason = "opted_out"
        elif conn.execute("SELECT count(*) FROM sms_texts WHERE station = ? AND created_at >= ? AND kind != 'test'",
                          (station, day)).fetchone()[0] >= station_cap:
            reason = "station_daily_limit"
        elif conn.execute("SELECT count(*) FROM sms_texts WHERE phone = ? AND created_at >= ?",
                          (phone, day)).fetchone()[0] >= phone_cap:
            reason = "phone_daily_limit"
        for gone in [r for r in rows if r["status"] != "in_stock"] + (live if reason else []):
            why = reason or "parcel_not_in_stock"  # picked up before its text went: nothing to say
            conn.execute("UPDATE sms_outbox SET state = 'failed' WHERE notification_id = ?", (gone[0],))
            storage.add_feed(conn, station, "notification_status", status_body(
                gone[0], "failed", why, parcel_id=gone["parcel_id"], waybill=gone["waybill"]))
            if why.endswith("daily_limit"):
                storage.security_event(conn, station, "sms_refused", f"{gone[0]}: {why}")
        if reason or not live:
            continue
        fields = fields_for(conn, station, live, couriers)
        many = len(live) > 1
        params: dict[str, Any] = {name: fields[name] for name in used_fields(conn, many)}
        text_id = secrets.token_hex(10)
        conn.execute("INSERT INTO sms_texts (text_id, station, phone, kind, body, params, parcels, next_at, "
                     "created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                     (text_id, station, phone, kind, render(conn, fields, kind),
                      json.dumps(params, ensure_ascii=False), len(live), config.iso(wait or now), config.iso(now)))
        conn.executemany("INSERT INTO sms_text_parts (notification_id, text_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                         [(r[0], text_id) for r in live])
        conn.executemany("UPDATE sms_outbox SET state = 'texted' WHERE notification_id = ? AND state = 'queued'",
                         [(r[0],) for r in live])
        if wait is not None:  # quiet hours: the station learns when it will go
            for r in live:
                storage.add_feed(conn, station, "notification_status", status_body(
                    r[0], "queued", "quiet_hours", parcel_id=r["parcel_id"], waybill=r["waybill"],
                    text_id=text_id, until=config.iso(wait)))
        made += 1
    return made
