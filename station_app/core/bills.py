"""Bill payments (生活缴费) made for villagers: logged with receipt data, voided by a supervisor, never deleted."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from . import clerks, journal, refdata
from .clock import to_iso, utc_now
from .dayclose import business_day, check_open
from .db import transaction
from .errors import StationError
from .ids import uuid7
from .privacy import normalize_mobile

CHANNELS = ("cash", "wechat", "alipay", "bank_card")


@dataclass(frozen=True)
class BillType:
    code: str
    name: str
    account_format: str
    hint: str
    commission_fen: int


def types(conn: sqlite3.Connection) -> list[BillType]:
    return [BillType(str(r["code"]), str(r["name"]), str(r.get("account_format", "")), str(r.get("account_hint", "")),
                     int(r.get("commission_fen_default") or 0)) for r in refdata.rows(conn, "bill_types")]


@dataclass(frozen=True)
class Payment:
    id: str
    type_code: str
    account: str
    payer_name: str
    payer_phone: str
    amount_fen: int
    channel: str
    reference: str
    commission_fen: int
    business_day: str


def log_payment(conn: sqlite3.Connection, *, type_code: str, account: str, payer_name: str, payer_phone: str,
                amount_fen: int, channel: str, reference: str = "", commission_fen: int | None = None,
                day: date | None = None, clerk_id: str) -> Payment:
    """Log one payment; the account is checked against its type's format where the county gives one."""
    kind = next((t for t in types(conn) if t.code == type_code), None)
    if kind is None:
        raise StationError("bill_type_unknown", type_code)
    account = account.strip()
    if not account or (kind.account_format and not re.fullmatch(kind.account_format, account)):
        raise StationError("bill_account_invalid", account, hint=kind.hint or kind.name)
    if not payer_name.strip():
        raise StationError("payer_name_missing")
    if channel not in CHANNELS:
        raise StationError("channel_invalid", channel)
    if amount_fen <= 0 or (commission_fen is not None and commission_fen < 0):
        raise StationError("money_invalid", str(amount_fen))
    phone = normalize_mobile(payer_phone)
    commission = kind.commission_fen if commission_fen is None else commission_fen
    with transaction(conn):
        the_day = check_open(conn, day) if day is not None else business_day(conn)
        payment = Payment(uuid7(), kind.code, account, payer_name.strip(), phone, amount_fen, channel,
                          reference.strip(), commission, the_day.isoformat())
        conn.execute(
            "INSERT INTO bill_payments (id, type_code, account, payer_name, payer_phone, amount_fen, channel,"
            " reference, commission_fen, business_day, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (payment.id, payment.type_code, payment.account, payment.payer_name, payment.payer_phone, amount_fen,
             channel, payment.reference, commission, payment.business_day, to_iso(utc_now()), clerk_id))
        journal.append(conn, "bill.paid", {
            "payment_id": payment.id, "type_code": kind.code, "account": account, "payer_name": payment.payer_name,
            "payer_phone": phone, "amount_fen": amount_fen, "channel": channel, "reference": payment.reference,
            "commission_fen": commission, "business_day": payment.business_day}, clerk_id=clerk_id,
            entity_id=payment.id)
    return payment


def void(conn: sqlite3.Connection, payment_id: str, reason: str, *, clerk_id: str, supervisor_id: str,
         supervisor_pin: str) -> None:
    """A wrong entry is voided with a reason by a supervisor: a correcting op, the row stays."""
    if not reason.strip():
        raise StationError("void_needs_reason")
    supervisor = clerks.require_supervisor(conn, supervisor_id, supervisor_pin)
    with transaction(conn):
        row = conn.execute("SELECT status, business_day FROM bill_payments WHERE id = ?", (payment_id,)).fetchone()
        if row is None:
            raise StationError("payment_unknown")
        if row["status"] == "voided":
            raise StationError("already_voided")
        check_open(conn, date.fromisoformat(row["business_day"]))
        conn.execute("UPDATE bill_payments SET status = 'voided', void_reason = ?, voided_by = ? WHERE id = ?",
                     (reason.strip(), supervisor.id, payment_id))
        journal.append(conn, "bill.voided", {"payment_id": payment_id, "reason": reason.strip(),
                                             "supervisor_id": supervisor.id}, clerk_id=clerk_id, entity_id=payment_id)


def find_payer(conn: sqlite3.Connection, account_or_phone: str) -> sqlite3.Row | None:
    """The latest payment by this account number or phone, to fill the form for a repeat payer."""
    key = account_or_phone.strip()
    return conn.execute("SELECT * FROM bill_payments WHERE account = ? OR payer_phone = ? ORDER BY rowid DESC "
                        "LIMIT 1", (key, key)).fetchone()


def for_day(conn: sqlite3.Connection, day: date) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM bill_payments WHERE business_day = ? ORDER BY created_at",
                        (day.isoformat(),)).fetchall()
