"""派费: what each courier owes the station, per piece at the county's rate, and its monthly statement.

A fee is earned in the same transaction as the work it pays for (a hand-over, a return, a sending), at the rate
in force that day (reference data ``courier_rates``: courier, kind, fen per piece, valid from/to). The statement
for a month lists every fee earned; reconciliation compares it with the courier's own file; agreeing and being
paid are ops. Money in fen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from . import cod, couriers, journal, refdata
from .clock import local_day, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7

FEE_KINDS = ("delivered", "returned", "sent")  # as the county's rates name them
CHANNELS = ("transfer", "cash", "wechat", "alipay")


def rate(conn: sqlite3.Connection, courier: str, kind: str, day: date) -> int:
    """Fen per piece for this courier and kind on this day; 0 where the county set none."""
    best: tuple[str, int] | None = None
    for row in refdata.rows(conn, "courier_rates"):
        if row.get("courier") != courier or row.get("kind") != kind:
            continue
        start, end = str(row.get("valid_from") or ""), str(row.get("valid_to") or "")
        if (start and day.isoformat() < start) or (end and day.isoformat() > end):
            continue
        try:
            fen = int(row["fen_per_piece"])
        except (KeyError, TypeError, ValueError):
            continue  # a damaged row earns nothing rather than a wrong amount
        if best is None or start > best[0]:  # the latest rate that applies wins
            best = (start, fen)
    return best[1] if best else 0


def earn(conn: sqlite3.Connection, parcel_id: str, waybill: str, courier: str, kind: str, *, clerk_id: str | None,
         at: str | None = None) -> int:
    """The fee for one piece of work, inside the caller's transaction (its row and op with the work's own)."""
    at = at or to_iso(utc_now())
    fee = rate(conn, courier, kind, local_day(datetime.fromisoformat(at.replace("Z", "+00:00"))))
    conn.execute("INSERT INTO courier_fees (parcel_id, kind, waybill, courier, fee_fen, earned_at) "
                 "VALUES (?,?,?,?,?,?)", (parcel_id, kind, waybill, courier, fee, at))
    journal.append(conn, "courier_fee.earned", {"parcel_id": parcel_id, "waybill": waybill, "courier": courier,
                                                "kind": kind, "fee_fen": fee},
                   clerk_id=clerk_id, entity_id=f"fee:{parcel_id}", at=at)  # apart from the parcel's history
    return fee


def reverse(conn: sqlite3.Connection, parcel_id: str, kind: str, *, clerk_id: str | None) -> None:
    """Take back the last fee earned for this parcel and kind (a hand-over undone), inside the caller's
    transaction; nothing to take back is fine (earned before fees were kept)."""
    row = conn.execute("SELECT * FROM courier_fees WHERE parcel_id = ? AND kind = ? AND reversed = 0 "
                       "ORDER BY earned_at DESC LIMIT 1", (parcel_id, kind)).fetchone()
    if row is None:
        return
    conn.execute("UPDATE courier_fees SET reversed = 1 WHERE parcel_id = ? AND kind = ? AND earned_at = ?",
                 (parcel_id, kind, row["earned_at"]))
    journal.append(conn, "courier_fee.reversed", {"parcel_id": parcel_id, "waybill": row["waybill"],
                                                  "courier": row["courier"], "kind": kind,
                                                  "fee_fen": row["fee_fen"]},
                   clerk_id=clerk_id, entity_id=f"fee:{parcel_id}")


def month_range(month: str) -> tuple[str, str]:
    """UTC ISO bounds of a local calendar month 'YYYY-MM'; a bad month is the clerk's to correct."""
    try:
        first = date.fromisoformat(f"{month.strip()}-01")
    except ValueError:
        raise StationError("month_invalid", month, month=month) from None
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    start = datetime.combine(first, datetime.min.time()).astimezone()
    end = datetime.combine(after, datetime.min.time()).astimezone()
    return to_iso(start), to_iso(end)


@dataclass(frozen=True)
class Line:
    waybill: str
    kind: str
    fee_fen: int
    earned_at: str


@dataclass
class Statement:
    courier: str
    courier_name: str
    month: str
    received: int = 0
    pieces: dict[str, int] = field(default_factory=dict)  # by kind
    fees_fen: dict[str, int] = field(default_factory=dict)  # by kind
    total_fen: int = 0
    lines: list[Line] = field(default_factory=list)
    cod_collected_fen: int = 0  # this month
    cod_remitted_fen: int = 0  # this month
    cod_owed_fen: int = 0  # collected and not yet remitted, all months: what the station owes the courier now
    agreed: dict[str, Any] | None = None  # the agreed statement's row (who, when, paid …)


def statement(conn: sqlite3.Connection, courier: str, month: str) -> Statement:
    start, end = month_range(month)
    result = Statement(courier, couriers.names(conn).get(courier, courier), month.strip())
    result.received = conn.execute("SELECT count(*) FROM parcels WHERE courier = ? AND received_at >= ? AND "
                                   "received_at < ?", (courier, start, end)).fetchone()[0]
    rows = conn.execute("SELECT waybill, kind, fee_fen, earned_at FROM courier_fees WHERE courier = ? AND "
                        "earned_at >= ? AND earned_at < ? AND reversed = 0 ORDER BY earned_at", (courier, start, end))
    result.lines = [Line(r[0], r[1], int(r[2]), r[3]) for r in rows]
    for kind in FEE_KINDS:
        result.pieces[kind], result.fees_fen[kind] = 0, 0
    for line in result.lines:
        result.pieces[line.kind] += 1
        result.fees_fen[line.kind] += line.fee_fen
    result.total_fen = sum(result.fees_fen.values())
    result.cod_collected_fen, result.cod_remitted_fen = cod.month_totals(conn, courier, start, end)
    result.cod_owed_fen = cod.owed(conn, courier)
    agreed = conn.execute("SELECT * FROM courier_statements WHERE courier = ? AND month = ?",
                          (courier, result.month)).fetchone()
    result.agreed = dict(agreed) if agreed is not None else None
    return result


def agree(conn: sqlite3.Connection, courier: str, month: str, theirs_fen: int, differences: int, note: str = "", *,
          clerk_id: str) -> str:
    """The station and the courier agree the month's statement (after reconciling it)."""
    found = statement(conn, courier, month)
    if found.agreed is not None:
        raise StationError("statement_already_agreed", f"{courier} {month}", month=found.month)
    if not found.lines:
        raise StationError("statement_empty", f"{courier} {month}", month=found.month)
    statement_id, at = uuid7(), to_iso(utc_now())
    with transaction(conn):
        conn.execute("INSERT INTO courier_statements (id, courier, month, amount_fen, theirs_fen, agreed_by, agreed_at)"
                     " VALUES (?,?,?,?,?,?,?)", (statement_id, courier, found.month, found.total_fen, theirs_fen,
                                                 clerk_id, at))
        journal.append(conn, "courier_statement.agreed", {
            "statement_id": statement_id, "courier": courier, "month": found.month, "amount_fen": found.total_fen,
            "theirs_fen": theirs_fen, "differences": differences, "note": note.strip()},
            clerk_id=clerk_id, entity_id=statement_id, at=at)
    return statement_id


def mark_paid(conn: sqlite3.Connection, courier: str, month: str, amount_fen: int, channel: str, reference: str, *,
              clerk_id: str) -> None:
    """The courier paid the agreed statement: how much, how, and the transfer's reference."""
    row = conn.execute("SELECT * FROM courier_statements WHERE courier = ? AND month = ?",
                       (courier, month.strip())).fetchone()
    if row is None:
        raise StationError("statement_not_agreed", f"{courier} {month}", month=month.strip())
    if row["paid_at"]:
        raise StationError("statement_already_paid", f"{courier} {month}", month=month.strip())
    if channel not in CHANNELS:
        raise StationError("channel_invalid", channel)
    if not 0 < amount_fen <= 1_000_000_000:
        raise StationError("money_invalid", str(amount_fen))
    if channel != "cash" and not reference.strip():
        raise StationError("reference_needed", channel)
    at = to_iso(utc_now())
    with transaction(conn):
        conn.execute("UPDATE courier_statements SET paid_fen = ?, paid_by = ?, paid_at = ?, channel = ?, reference = ?"
                     " WHERE id = ?", (amount_fen, clerk_id, at, channel, reference.strip(), row["id"]))
        journal.append(conn, "courier_statement.paid", {
            "statement_id": row["id"], "courier": courier, "month": month.strip(), "amount_fen": amount_fen,
            "channel": channel, "reference": reference.strip()}, clerk_id=clerk_id, entity_id=row["id"], at=at)
