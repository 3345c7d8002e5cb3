"""Day close (日结): the business day's totals from the journal, the cash count, and closing the day.

A business day is a local date. Once closed, anything done later belongs to the next open day (its ops are
numbered after the close's last op); a supervisor can reopen a day.

The till: each day opens with a float (备用金), the cash counted at the last close unless a supervisor sets the
day's float with a reason (a ``day.float_set`` op). Expected cash = float + cash taken − cash paid out; it can
never be below zero (a drawer cannot hold less than nothing), so a negative figure means the float is wrong.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any

from sync import ops

from . import clerks, journal, settings
from .clock import from_iso, local_day, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .money import yuan


def closed_days(conn: sqlite3.Connection) -> dict[date, int]:
    rows = conn.execute("SELECT day, last_device_seq FROM day_closes WHERE reopened = 0")
    return {date.fromisoformat(r[0]): r[1] for r in rows}


def business_day(conn: sqlite3.Connection, now: datetime | None = None) -> date:
    """Today's local date, or the first day after it that is still open."""
    day, closed = local_day(now or utc_now()), closed_days(conn)
    while day in closed:
        day += timedelta(days=1)
    return day


def check_open(conn: sqlite3.Connection, day: date) -> date:
    if day in closed_days(conn):
        raise StationError("day_closed", day.isoformat(), day=day.isoformat())
    return day


def day_of_op(op: journal.Op, closed: dict[date, int]) -> date:
    day = local_day(from_iso(op.created_at))
    while day in closed and op.device_seq > closed[day]:
        day += timedelta(days=1)  # done after that day was closed: it counts for the next open day
    return day


def ops_of_day(conn: sqlite3.Connection, day: date) -> list[journal.Op]:
    """The ops of a business day: by their time (moved past closed days), or by the day an op declares for
    itself (a bill logged for a day, whenever it was entered)."""
    closed = closed_days(conn)
    start = datetime.combine(day - timedelta(days=7), datetime.min.time()).astimezone()
    end = datetime.combine(day + timedelta(days=1), datetime.min.time()).astimezone()
    rows = list(conn.execute("SELECT * FROM journal WHERE created_at >= ? AND created_at < ? ORDER BY device_seq",
                             (to_iso(start), to_iso(end))))
    if DAY_FIELD_TYPES:  # entered later for this day: few (bills), read apart
        rows += conn.execute(f"SELECT * FROM journal WHERE created_at >= ? AND type IN "
                             f"({','.join('?' * len(DAY_FIELD_TYPES))}) ORDER BY device_seq",
                             (to_iso(end), *DAY_FIELD_TYPES)).fetchall()
    found = []
    for r in rows:
        op = journal.Op(r["device_seq"], r["op_id"], r["type"], r["entity_id"], json.loads(r["payload"]),
                        r["clerk_id"], r["created_at"], r["sync_state"])
        own = ops.business_day(op.type, op.payload) if op.type in ops.OPS else None
        if (own == day.isoformat()) if own is not None else day_of_op(op, closed) == day:
            found.append(op)
    return found


DAY_FIELD_TYPES = tuple(sorted(name for name, op in ops.OPS.items() if op.day_field))


@dataclass
class DayTotals:
    day: str
    parcels_received: int = 0
    parcels_picked_up: int = 0
    parcels_returned: int = 0
    parcels_in_stock: int = 0
    sendings: int = 0
    sendings_refused: int = 0
    sending_fees_fen: dict[str, int] = field(default_factory=dict)  # by payment channel
    produce_net_g: int = 0
    produce_boxes: int = 0
    produce_payouts_fen: dict[str, int] = field(default_factory=dict)  # by payout method
    bills_fen: dict[str, int] = field(default_factory=dict)  # amount by bill type
    bills_by_channel_fen: dict[str, int] = field(default_factory=dict)  # amount + commission by channel
    bill_commission_fen: int = 0
    earnings_fen: dict[str, int] = field(default_factory=dict)  # the station's own, by line (派费 included)
    courier_fees_fen: dict[str, int] = field(default_factory=dict)  # 派费 earned, by courier
    cod_fen: dict[str, int] = field(default_factory=dict)  # cash on delivery collected, by channel
    cash_float_fen: int = 0
    cash_float_source: str = "default"  # carried (from the last close) · set (by a supervisor) · default
    cash_in_fen: int = 0  # cash taken: sending fees, bills with commission … (the ops that declare it)
    cash_out_fen: int = 0  # cash paid out: produce payouts …
    expected_cash_fen: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def totals(conn: sqlite3.Connection, day: date) -> DayTotals:
    """The day's figures as the op declarations say (each DayTotals field named after a figure), the stock now,
    and the till."""
    t = DayTotals(day.isoformat())
    figures = ops.tally(((op.type, op.payload) for op in ops_of_day(conn, day)), journal.lookup(conn))
    for name in FIGURE_FIELDS:
        setattr(t, name, figures.value(name))
    t.parcels_in_stock = conn.execute("SELECT count(*) FROM parcels WHERE status = 'in_stock'").fetchone()[0]
    opening = opening_float(conn, day)
    t.cash_float_fen, t.cash_float_source = opening.fen, opening.source
    t.expected_cash_fen = t.cash_float_fen + t.cash_in_fen - t.cash_out_fen
    return t


FIGURE_FIELDS = tuple(f.name for f in fields(DayTotals) if f.name in ops.FIGURES)


@dataclass(frozen=True)
class Float:
    fen: int
    source: str  # carried · set · default
    reason: str = ""


def _float_entity(day: date) -> str:
    return f"float:{day.isoformat()}"


def opening_float(conn: sqlite3.Connection, day: date) -> Float:
    """The day's float: as a supervisor set it, else the cash counted at the last close before it."""
    chosen = [op for op in journal.ops_for(conn, _float_entity(day)) if op.type == "day.float_set"]
    if chosen:
        return Float(int(chosen[-1].payload["float_fen"]), "set", str(chosen[-1].payload["reason"]))
    row = conn.execute("SELECT counted_cash_fen FROM day_closes WHERE day < ? AND reopened = 0 ORDER BY day DESC"
                       " LIMIT 1", (day.isoformat(),)).fetchone()
    if row is not None:
        return Float(int(row[0]), "carried")
    return Float(settings.get_int(conn, "cash_float_fen"), "default")  # before the first close


def set_float(conn: sqlite3.Connection, day: date, float_fen: int, reason: str, *, clerk_id: str,
              supervisor_id: str, supervisor_pin: str) -> Float:
    """A supervisor sets the open day's float (the cash put in the drawer this morning), with a reason."""
    if not 0 <= float_fen <= 10_000_000:
        raise StationError("float_invalid", str(float_fen))
    if not reason.strip():
        raise StationError("float_needs_reason")
    supervisor = clerks.require_supervisor(conn, supervisor_id, supervisor_pin)
    with transaction(conn):
        check_open(conn, day)
        before = opening_float(conn, day)
        journal.append(conn, "day.float_set", {"day": day.isoformat(), "float_fen": float_fen,
                                               "previous_fen": before.fen, "reason": reason.strip(),
                                               "supervisor_id": supervisor.id},
                       clerk_id=clerk_id, entity_id=_float_entity(day))
    return Float(float_fen, "set", reason.strip())


def close(conn: sqlite3.Connection, day: date, counted_cash_fen: int, reason: str, *, clerk_id: str) -> DayTotals:
    """Close a day after the cash count; a difference needs a reason. Later entries go to the next day."""
    check_open(conn, day)
    if day > local_day(utc_now()):
        raise StationError("day_in_future", day.isoformat())
    result = totals(conn, day)
    if result.expected_cash_fen < 0:
        short = -result.expected_cash_fen
        raise StationError("cash_expected_negative", str(short), short=yuan(short),
                           least=yuan(result.cash_float_fen + short))
    if counted_cash_fen < 0:
        raise StationError("money_invalid", str(counted_cash_fen))
    difference = counted_cash_fen - result.expected_cash_fen
    if difference and not reason.strip():
        raise StationError("cash_difference_needs_reason", str(difference), difference=difference)
    with transaction(conn):
        journal.append(conn, "day.closed", {"day": day.isoformat(), "totals": result.as_dict(),
                                            "counted_cash_fen": counted_cash_fen, "difference_fen": difference,
                                            "reason": reason.strip()}, clerk_id=clerk_id, entity_id=f"day:{day}")
        last = conn.execute("SELECT max(device_seq) FROM journal").fetchone()[0]
        conn.execute("INSERT OR REPLACE INTO day_closes (day, last_device_seq, expected_cash_fen, counted_cash_fen,"
                     " reason, totals, closed_at, closed_by, reopened) VALUES (?,?,?,?,?,?,?,?,0)",
                     (day.isoformat(), last, result.expected_cash_fen, counted_cash_fen, reason.strip(),
                      json.dumps(result.as_dict(), ensure_ascii=False), to_iso(utc_now()), clerk_id))
    return result


def reopen(conn: sqlite3.Connection, day: date, reason: str, *, clerk_id: str, supervisor_id: str,
           supervisor_pin: str) -> None:
    if not reason.strip():
        raise StationError("reopen_needs_reason")
    supervisor = clerks.require_supervisor(conn, supervisor_id, supervisor_pin)
    if day not in closed_days(conn):
        raise StationError("day_not_closed", day.isoformat())
    with transaction(conn):
        conn.execute("UPDATE day_closes SET reopened = 1 WHERE day = ?", (day.isoformat(),))
        journal.append(conn, "day.reopened", {"day": day.isoformat(), "reason": reason.strip(),
                                              "supervisor_id": supervisor.id}, clerk_id=clerk_id,
                       entity_id=f"day:{day}")
