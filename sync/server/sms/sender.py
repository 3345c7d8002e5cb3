"""The sender: composes ripe texts, claims a batch atomically (UPDATE … WHERE state = 'queued', so several
server processes never send one text twice), sends each through the gateway, records the batch's answers in one
transaction, and follows receipts. Every change of a text reaches its station's feed as ``notification_status``.

Exactly once: a text claimed ('sending') whose round died is never sent again — after STALE_CLAIM it becomes
'unknown' and its station is told."""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .. import db, storage, writer
from . import config
from .compose import compose
from .gateways import ALARM, RETRY, SENT, UNKNOWN, Answer, Gateway, Message, Outstanding, Receipt
from .queue import status_body

STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 8  # rate-limited or unreachable this often: failed, the station calls instead
BACKOFF = timedelta(seconds=30)  # doubled per attempt, at most an hour
RECEIPT_EVERY = timedelta(seconds=60)
RECEIPT_FOR = timedelta(days=3)


@dataclass
class Round:
    composed: int = 0
    sent: int = 0
    failed: int = 0
    retried: int = 0
    receipts: int = 0
    alarm: str = ""
    answers: list[tuple[str, Answer]] = field(default_factory=list)


def paused(conn: sqlite3.Connection) -> str:
    return config.setting(conn, "sms_paused")


def run_round(conn: sqlite3.Connection, gateway: Gateway, now: datetime, batch: int = 50) -> Round:
    done = Round()
    claimed: list[sqlite3.Row] = []
    if _due(conn, now):  # an upload wakes the sender: most wakes find nothing ripe and take no write lock
        with writer.turn(conn), storage.transaction(conn):  # in the uploads' queue: not starved by them
            _expire_stale(conn, now)
            done.composed = compose(conn, now)
            claimed = [] if paused(conn) else _claim(conn, now, batch)
    for index, row in enumerate(claimed):
        answer = gateway.send(Message(row["text_id"], row["phone"], row["body"], json.loads(row["params"]),
                                      row["parcels"] > 1))
        done.answers.append((row["text_id"], answer))
        if answer.status == ALARM:  # the county's account is refused: stop now, hand back the rest untried
            done.answers += [(r["text_id"], Answer("untried")) for r in claimed[index + 1:]]
            break
    def record() -> None:
        done.sent = done.failed = done.retried = 0
        with writer.turn(conn), storage.transaction(conn):
            for text_id, answer in done.answers:
                _record(conn, gateway.name, text_id, answer, now, done)

    # the texts are out: what the provider said must be kept even when a PostgreSQL conflict aborts the first try
    # (else they would wait as 'sending' until the stale claim expires)
    db.retrying(record)
    done.receipts = follow_receipts(conn, gateway, now)
    return done


def _due(conn: sqlite3.Connection, now: datetime) -> bool:
    """Whether a round has anything to do: outbox rows past the merge window, texts due, or a stale claim. Three
    index look-ups, read without the write lock (what they find is looked at again inside it)."""
    ripe = config.iso(now - timedelta(minutes=config.number(conn, "sms_merge_minutes")))
    first = conn.execute("SELECT min(created_at) FROM sms_outbox WHERE state = 'queued'").fetchone()[0]
    if first is not None and first <= ripe:
        return True
    if conn.execute("SELECT 1 FROM sms_texts WHERE state = 'queued' AND next_at <= ? LIMIT 1",
                    (config.iso(now),)).fetchone():
        return True
    return conn.execute("SELECT 1 FROM sms_texts WHERE state = 'sending' AND claimed_at < ? LIMIT 1",
                        (config.iso(now - STALE_CLAIM),)).fetchone() is not None


def _expire_stale(conn: sqlite3.Connection, now: datetime) -> None:
    stale = config.iso(now - STALE_CLAIM)
    for (text_id,) in conn.execute("SELECT text_id FROM sms_texts WHERE state = 'sending' AND claimed_at < ?",
                                   (stale,)).fetchall():
        _settle(conn, text_id, "unknown", "unknown", now)


def _claim(conn: sqlite3.Connection, now: datetime, batch: int) -> list[sqlite3.Row]:
    """Inside the write transaction: queued texts due now, within each phone's per-minute and per-hour limits."""
    if config.quiet_until(config.setting(conn, "sms_quiet"), now) is not None:
        return []
    mark = secrets.token_hex(8)
    per_minute, per_hour = config.number(conn, "sms_phone_minute"), config.number(conn, "sms_phone_hourly")
    minute_ago, hour_ago = config.iso(now - timedelta(minutes=1)), config.iso(now - timedelta(hours=1))
    chosen: list[str] = []
    taken: dict[str, int] = {}
    for row in conn.execute("SELECT text_id, phone FROM sms_texts WHERE state = 'queued' AND next_at <= ? "
                            "ORDER BY next_at LIMIT ?", (config.iso(now), batch * 2)).fetchall():
        recent = conn.execute("SELECT sum(CASE WHEN sent_at >= ? THEN 1 ELSE 0 END), count(*), "
                              "min(CASE WHEN sent_at >= ? THEN sent_at END), min(sent_at) FROM sms_texts "
                              "WHERE phone = ? AND sent_at >= ?",
                              (minute_ago, minute_ago, row["phone"], hour_ago)).fetchone()
        extra = taken.get(row["phone"], 0)
        if (recent[0] or 0) + extra >= per_minute or recent[1] + extra >= per_hour:
            # not before the oldest send in the full window leaves it
            hour_full = recent[1] + extra >= per_hour
            oldest, span = (recent[3], timedelta(hours=1)) if hour_full else (recent[2], timedelta(minutes=1))
            free = _parse(oldest) + span if oldest else now + span
            conn.execute("UPDATE sms_texts SET next_at = ? WHERE text_id = ?", (config.iso(max(free, now)), row[0]))
            continue
        taken[row["phone"]] = extra + 1
        chosen.append(row["text_id"])
        if len(chosen) >= batch:
            break
    for text_id in chosen:  # the atomic claim: a text another sender took meanwhile is not taken again
        conn.execute("UPDATE sms_texts SET state = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1 "
                     "WHERE text_id = ? AND state = 'queued'", (mark, config.iso(now), text_id))
    return conn.execute("SELECT * FROM sms_texts WHERE claimed_by = ? AND state = 'sending' ORDER BY next_at",
                        (mark,)).fetchall()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _record(conn: sqlite3.Connection, gateway: str, text_id: str, answer: Answer, now: datetime,
            done: Round) -> None:
    row = conn.execute("SELECT attempts FROM sms_texts WHERE text_id = ? AND state = 'sending'", (text_id,)
                       ).fetchone()
    if row is None:
        return
    if answer.status == SENT:
        conn.execute("UPDATE sms_texts SET gateway = ?, provider_id = ?, sent_at = ?, code = ? WHERE text_id = ?",
                     (gateway, answer.provider_id, config.iso(now), answer.code, text_id))
        _settle(conn, text_id, "sent", "", now)
        done.sent += 1
    elif answer.status == UNKNOWN:  # the vendor may have it: the station is told, the clerk calls if need be
        conn.execute("UPDATE sms_texts SET gateway = ?, code = ? WHERE text_id = ?", (gateway, answer.code, text_id))
        _settle(conn, text_id, "unknown", answer.reason, now)
        done.failed += 1
    elif answer.status in (RETRY, ALARM, "untried") and (answer.status != RETRY or row[0] < MAX_ATTEMPTS):
        back = BACKOFF * 2 ** max(0, row[0] - 1) if answer.status == RETRY else timedelta(0)
        conn.execute("UPDATE sms_texts SET state = 'queued', claimed_by = NULL, next_at = ?, reason = ?, code = ?, "
                     "attempts = attempts - ? WHERE text_id = ?",
                     (config.iso(now + min(back, timedelta(hours=1))), answer.reason, answer.code,
                      0 if answer.status == RETRY else 1, text_id))
        done.retried += answer.status == RETRY
        if answer.status == ALARM:
            raise_alarm(conn, gateway, answer, now)
            done.alarm = answer.reason
    else:
        conn.execute("UPDATE sms_texts SET gateway = ?, code = ? WHERE text_id = ?", (gateway, answer.code, text_id))
        _settle(conn, text_id, "failed", answer.reason or "provider_refused", now)
        done.failed += 1


def raise_alarm(conn: sqlite3.Connection, gateway: str, answer: Answer, now: datetime) -> None:
    """Inside a transaction: the console's alarm, a security-log line, and sending paused until county IT
    resumes it (`county-server sms set --resume`): no retry storm against a refusing provider."""
    conn.execute("INSERT INTO sms_alarms (at, gateway, reason, code, detail) VALUES (?,?,?,?,?)",
                 (config.iso(now), gateway, answer.reason, answer.code, storage.printable(answer.detail, 300)))
    storage.security_event(conn, None, "sms_alarm", f"{gateway} {answer.reason} {answer.code}")
    conn.execute("INSERT INTO server_settings (key, value) VALUES ('sms_paused', ?) ON CONFLICT(key) DO UPDATE SET "
                 "value = excluded.value", (f"{answer.reason} ({gateway} {answer.code})",))


def _settle(conn: sqlite3.Connection, text_id: str, state: str, reason: str, now: datetime,
            at: str = "", code: str = "", receipt: bool = False) -> None:
    """A text's new state, on its outbox rows, and told to its station for each parcel it carries."""
    conn.execute("UPDATE sms_texts SET state = ?, reason = ?, claimed_by = NULL, done_at = ?, "
                 "code = CASE WHEN ? != '' THEN ? ELSE code END WHERE text_id = ?",
                 (state, reason, None if state == "sent" else config.iso(now), code, code, text_id))
    text = conn.execute("SELECT station, parcels, sent_at FROM sms_texts WHERE text_id = ?", (text_id,)).fetchone()
    parts = conn.execute("SELECT o.notification_id, o.parcel_id, p.waybill FROM sms_text_parts t JOIN sms_outbox o "
                         "ON o.notification_id = t.notification_id LEFT JOIN parcels p ON p.parcel_id = o.parcel_id "
                         "WHERE t.text_id = ?", (text_id,)).fetchall()
    if not receipt:  # a receipt leaves the outbox at 'sent': the day report counts texts handed over
        conn.execute("UPDATE sms_outbox SET state = ?, sent_at = coalesce(sent_at, ?) WHERE notification_id IN "
                     "(SELECT notification_id FROM sms_text_parts WHERE text_id = ?)",
                     (state, text["sent_at"], text_id))
    for part in parts:
        storage.add_feed(conn, text["station"], "notification_status", status_body(
            part[0], state, reason, parcel_id=part[1], waybill=part[2] or "", text_id=text_id,
            parcels_in_text=text["parcels"], **({"delivered_at": at} if at else {})))


def follow_receipts(conn: sqlite3.Connection, gateway: Gateway, now: datetime, limit: int = 50) -> int:
    """Ask the provider what became of texts sent in the last days; delivered or failed goes to the station."""
    if gateway.name in ("log", "http"):
        return 0  # nothing to ask
    # a provider that queues its receipts (Tencent) is asked whenever a text awaits one; others per text, paced
    every = timedelta(0) if getattr(gateway, "queues_receipts", False) else RECEIPT_EVERY
    due = conn.execute("SELECT text_id, provider_id, phone, sent_at FROM sms_texts WHERE state = 'sent' AND "
                       "gateway = ? AND sent_at >= ? AND (checked_at IS NULL OR checked_at <= ?) ORDER BY checked_at "
                       "LIMIT ?", (gateway.name, config.iso(now - RECEIPT_FOR),
                                   config.iso(now - every), limit)).fetchall()
    if not due:
        return 0
    outstanding = [Outstanding(r[0], r[1] or "", r[2], r[3]) for r in due]
    got = gateway.receipts(outstanding)
    return apply_receipts(conn, gateway.name, got, now, [r[0] for r in due])


def apply_receipts(conn: sqlite3.Connection, gateway: str, receipts: list[Receipt], now: datetime,
                   checked: tuple[str, ...] | list[str] = ()) -> int:
    applied = 0
    with writer.turn(conn), storage.transaction(conn):
        conn.executemany("UPDATE sms_texts SET checked_at = ? WHERE text_id = ?",
                         [(config.iso(now), text_id) for text_id in checked])
        for receipt in receipts:
            row = conn.execute("SELECT text_id FROM sms_texts WHERE gateway = ? AND provider_id = ? AND "
                               "state = 'sent'", (gateway, receipt.provider_id)).fetchone()
            if row is None or not receipt.provider_id:
                continue  # unknown, or already settled: a receipt counts once
            _settle(conn, row[0], "delivered" if receipt.delivered else "failed",
                    "" if receipt.delivered else "not_delivered", now, at=receipt.at,
                    code=receipt.code[:64], receipt=True)
            applied += 1
    return applied
