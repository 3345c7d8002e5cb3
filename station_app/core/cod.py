"""Cash on delivery (到付运费, 代收货款): an amount the recipient pays before the parcel leaves the station.

The amount comes with the expected-parcels list (the manifest's optional ``cod`` column) or is entered at
receipt. A parcel with an amount due is handed over only once it is collected (cash, WeChat, Alipay — a
reference for the last two) or waived by a supervisor with a reason. Collected money is owed on to the courier
until remitted. Money in fen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import clerks, journal
from .clock import to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7
from .money import yuan
from .parcels import Parcel, get

COD_CHANNELS = ("cash", "wechat", "alipay")
MAX_COD_FEN = 10_000_000  # ¥100,000: beyond any parcel's COD
REMIT_CHANNELS = ("cash", "transfer", "wechat", "alipay")


@dataclass(frozen=True)
class Due:
    parcel_id: str
    waybill: str
    courier: str
    amount_fen: int
    source: str  # manifest · receipt
    status: str  # due · collected · waived
    channel: str = ""
    reference: str = ""
    settled_at: str = ""


def _row(conn: sqlite3.Connection, parcel_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM cod WHERE parcel_id = ?", (parcel_id,)).fetchone()


def due(conn: sqlite3.Connection, parcel: Parcel) -> Due | None:
    """The parcel's COD: as recorded, else as its expected-parcels line says; None when nothing is due."""
    row = _row(conn, parcel.id)
    if row is not None:
        return Due(row["parcel_id"], row["waybill"], row["courier"], int(row["amount_fen"]), row["source"],
                   row["status"], row["channel"] or "", row["reference"] or "", row["settled_at"] or "")
    found = conn.execute("SELECT cod_fen FROM manifest WHERE waybill_key = ?", (parcel.waybill.strip().upper(),)
                         ).fetchone()
    if found is None or not found[0]:
        return None
    return Due(parcel.id, parcel.waybill, parcel.courier, int(found[0]), "manifest", "due")


def outstanding(conn: sqlite3.Connection, parcels: list[Parcel]) -> list[Due]:
    """Of these parcels, the COD amounts still to collect."""
    return [d for d in (due(conn, p) for p in parcels) if d is not None and d.status == "due"]


def require_settled(conn: sqlite3.Connection, parcel: Parcel) -> None:
    """Refuse to hand a parcel over while its COD is neither collected nor waived (inside the hand-over)."""
    found = due(conn, parcel)
    if found is not None and found.status == "due":
        raise StationError("cod_unpaid", parcel.waybill, waybill=parcel.waybill, amount=yuan(found.amount_fen))


def set_due(conn: sqlite3.Connection, parcel_id: str, amount_fen: int, *, clerk_id: str) -> Due:
    """The clerk enters the amount printed on the waybill (到付 / 代收货款) at receipt."""
    if not 0 < amount_fen <= MAX_COD_FEN:
        raise StationError("cod_amount_invalid", str(amount_fen))
    with transaction(conn):
        parcel = get(conn, parcel_id)
        if parcel.status != "in_stock":
            raise StationError("parcel_not_in_stock", parcel.waybill, waybill=parcel.waybill, status=parcel.status)
        existing = _row(conn, parcel_id)
        if existing is not None and existing["status"] != "due":
            raise StationError("cod_already_settled", parcel.waybill, waybill=parcel.waybill)
        conn.execute("INSERT INTO cod (parcel_id, waybill, courier, amount_fen, source, status) VALUES (?,?,?,?,?,"
                     "'due') ON CONFLICT (parcel_id) DO UPDATE SET amount_fen = excluded.amount_fen, "
                     "source = 'receipt'", (parcel_id, parcel.waybill, parcel.courier, amount_fen, "receipt"))
        journal.append(conn, "cod.due_set", {"parcel_id": parcel_id, "waybill": parcel.waybill,
                                             "courier": parcel.courier, "amount_fen": amount_fen},
                       clerk_id=clerk_id, entity_id=parcel_id)
    found = due(conn, parcel)
    assert found is not None
    return found


def _settle(conn: sqlite3.Connection, parcel_id: str) -> tuple[Parcel, Due]:
    parcel = get(conn, parcel_id)
    found = due(conn, parcel)
    if found is None:
        raise StationError("cod_none", parcel.waybill, waybill=parcel.waybill)
    if found.status != "due":
        raise StationError("cod_already_settled", parcel.waybill, waybill=parcel.waybill)
    if parcel.status != "in_stock":
        raise StationError("parcel_not_in_stock", parcel.waybill, waybill=parcel.waybill, status=parcel.status)
    conn.execute("INSERT INTO cod (parcel_id, waybill, courier, amount_fen, source, status) VALUES (?,?,?,?,?,'due')"
                 " ON CONFLICT (parcel_id) DO NOTHING",
                 (parcel_id, parcel.waybill, parcel.courier, found.amount_fen, found.source))
    return parcel, found


def collect(conn: sqlite3.Connection, parcel_id: str, channel: str, reference: str, *, clerk_id: str) -> Due:
    """The recipient paid the amount due: cash, or WeChat / Alipay with the payment's reference."""
    if channel not in COD_CHANNELS:
        raise StationError("channel_invalid", channel)
    reference = reference.strip()
    if channel != "cash" and not reference:
        raise StationError("reference_needed", channel)
    at = to_iso(utc_now())
    with transaction(conn):
        parcel, found = _settle(conn, parcel_id)
        conn.execute("UPDATE cod SET status = 'collected', channel = ?, reference = ?, settled_at = ?, settled_by = ?"
                     " WHERE parcel_id = ?", (channel, reference, at, clerk_id, parcel_id))
        journal.append(conn, "cod.collected", {"parcel_id": parcel_id, "waybill": parcel.waybill,
                                               "courier": parcel.courier, "amount_fen": found.amount_fen,
                                               "channel": channel, "reference": reference},
                       clerk_id=clerk_id, entity_id=parcel_id, at=at)
    settled = due(conn, parcel)
    assert settled is not None
    return settled


def waive(conn: sqlite3.Connection, parcel_id: str, reason: str, *, clerk_id: str, supervisor_id: str,
          supervisor_pin: str) -> Due:
    """A supervisor lets the parcel go without the COD (the courier agreed, a wrong amount …), with a reason."""
    if not reason.strip():
        raise StationError("waive_needs_reason")
    supervisor = clerks.require_supervisor(conn, supervisor_id, supervisor_pin)
    at = to_iso(utc_now())
    with transaction(conn):
        parcel, found = _settle(conn, parcel_id)
        conn.execute("UPDATE cod SET status = 'waived', reason = ?, supervisor_id = ?, settled_at = ?, settled_by = ?"
                     " WHERE parcel_id = ?", (reason.strip(), supervisor.id, at, clerk_id, parcel_id))
        journal.append(conn, "cod.waived", {"parcel_id": parcel_id, "waybill": parcel.waybill,
                                            "courier": parcel.courier, "amount_fen": found.amount_fen,
                                            "reason": reason.strip(), "supervisor_id": supervisor.id},
                       clerk_id=clerk_id, entity_id=parcel_id, at=at)
    settled = due(conn, parcel)
    assert settled is not None
    return settled


def owed(conn: sqlite3.Connection, courier: str) -> int:
    """COD collected for this courier and not yet remitted to it."""
    collected = conn.execute("SELECT coalesce(sum(amount_fen), 0) FROM cod WHERE courier = ? AND status = 'collected'",
                             (courier,)).fetchone()[0]
    remitted = conn.execute("SELECT coalesce(sum(amount_fen), 0) FROM cod_remittances WHERE courier = ?",
                            (courier,)).fetchone()[0]
    return int(collected) - int(remitted)


def month_totals(conn: sqlite3.Connection, courier: str, start: str, end: str) -> tuple[int, int]:
    """(collected, remitted) for a courier between two UTC ISO times."""
    collected = conn.execute("SELECT coalesce(sum(amount_fen), 0) FROM cod WHERE courier = ? AND status = 'collected'"
                             " AND settled_at >= ? AND settled_at < ?", (courier, start, end)).fetchone()[0]
    remitted = conn.execute("SELECT coalesce(sum(amount_fen), 0) FROM cod_remittances WHERE courier = ? AND "
                            "remitted_at >= ? AND remitted_at < ?", (courier, start, end)).fetchone()[0]
    return int(collected), int(remitted)


def remit(conn: sqlite3.Connection, courier: str, amount_fen: int, channel: str, reference: str, *,
          clerk_id: str) -> str:
    """Hand COD collected on to the courier, with the transfer's (or the courier's receipt's) reference."""
    if channel not in REMIT_CHANNELS:
        raise StationError("channel_invalid", channel)
    if not reference.strip():
        raise StationError("remit_needs_reference")
    if amount_fen <= 0:
        raise StationError("money_invalid", str(amount_fen))
    remittance_id, at = uuid7(), to_iso(utc_now())
    with transaction(conn):
        left = owed(conn, courier)
        if amount_fen > left:
            raise StationError("remit_too_much", str(amount_fen), owed=yuan(left), amount=yuan(amount_fen))
        conn.execute("INSERT INTO cod_remittances (id, courier, amount_fen, channel, reference, remitted_at, "
                     "remitted_by) VALUES (?,?,?,?,?,?,?)",
                     (remittance_id, courier, amount_fen, channel, reference.strip(), at, clerk_id))
        journal.append(conn, "cod.remitted", {"remittance_id": remittance_id, "courier": courier,
                                              "amount_fen": amount_fen, "channel": channel,
                                              "reference": reference.strip()},
                       clerk_id=clerk_id, entity_id=remittance_id, at=at)
    return remittance_id
