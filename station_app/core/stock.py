"""Stock on the shelves, overdue tiers, reminders, returns to the courier (退回), and search."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from . import courier_fees, couriers, journal, notifications, settings, station
from .clock import from_iso, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .parcels import Parcel, get, in_stock_by_waybill, not_in_stock_error, select
from .privacy import is_mobile

RETURN_REASONS = ("overdue", "refused", "damaged", "wrong_station")
SEARCH_LIMIT = 500


def in_stock(conn: sqlite3.Connection, shelf: int | None = None) -> list[Parcel]:
    if shelf is None:
        return select(conn, "status = 'in_stock'", tail="ORDER BY shelf, layer, pickup_code")
    return select(conn, "status = 'in_stock' AND shelf = ?", (shelf,), tail="ORDER BY layer, pickup_code")


def tier(conn: sqlite3.Connection, parcel: Parcel, now: datetime | None = None) -> str:
    """'' (fresh or reminded lately), 'remind' (remind again) or 'return' (due for return).

    A parcel is due a reminder every ``remind_after_days`` on the shelf: counted from its arrival, or from
    the last reminder if there was one.
    """
    if parcel.status != "in_stock":
        return ""
    now = now or utc_now()
    remind_after = timedelta(days=settings.get_int(conn, "remind_after_days"))
    if now - from_iso(parcel.received_at) >= timedelta(days=settings.get_int(conn, "return_after_days")):
        return "return"
    if now - from_iso(parcel.reminded_at or parcel.received_at) >= remind_after:
        return "remind"
    return ""


def overdue(conn: sqlite3.Connection, now: datetime | None = None) -> list[tuple[Parcel, str]]:
    """Parcels in stock due a reminder or due for return, oldest first, with their tier."""
    now = now or utc_now()
    cutoff = to_iso(now - timedelta(days=settings.get_int(conn, "remind_after_days")))
    rows = select(conn, "status = 'in_stock' AND received_at <= ?", (cutoff,), tail="ORDER BY received_at")
    tiers = ((p, tier(conn, p, now)) for p in rows)
    return [(p, t) for p, t in tiers if t]


def remind(conn: sqlite3.Connection, parcel_ids: list[str], *, clerk_id: str, now: datetime | None = None) -> int:
    """Queue a reminder SMS for each parcel in stock with a known phone; returns how many were queued."""
    now = now or utc_now()
    here = station.get(conn)
    names = couriers.names(conn)
    queued = 0
    with transaction(conn):
        for parcel_id in parcel_ids:
            parcel = get(conn, parcel_id)
            if parcel.status != "in_stock" or parcel.needs_recipient or not parcel.recipient_phone:
                continue  # a privacy waybill (tail only) cannot be texted: the clerk phones or tells them
            body = "【提醒】" + notifications.render(
                conn, station=here.name if here else "", courier=names.get(parcel.courier, "快递"),
                waybill=parcel.waybill, code=parcel.pickup_code,
                received=from_iso(parcel.received_at))
            nid = notifications.queue(conn, parcel_id, "reminder", parcel.recipient_phone, body, now)
            conn.execute("UPDATE parcels SET reminded_at = ? WHERE id = ?", (to_iso(now), parcel_id))
            journal.append(conn, "parcel.reminded", {"parcel_id": parcel_id, "notification_id": nid,
                                                     "recipient_phone": parcel.recipient_phone, "sms_body": body},
                           clerk_id=clerk_id, entity_id=parcel_id, at=to_iso(now))
            queued += 1
    return queued


def return_to_courier(conn: sqlite3.Connection, scanned: str, reason: str, *, clerk_id: str,
                      now: datetime | None = None) -> Parcel:
    """退回: a scanned parcel in stock leaves the station back to its courier."""
    if reason not in RETURN_REASONS:
        raise StationError("return_reason_invalid", reason)
    waybill = scanned.strip()
    now = now or utc_now()
    with transaction(conn):
        parcel = in_stock_by_waybill(conn, waybill)
        if parcel is None:
            raise not_in_stock_error(conn, waybill)
        conn.execute("UPDATE parcels SET status = 'returned', returned_at = ?, return_reason = ? WHERE id = ?",
                     (to_iso(now), reason, parcel.id))
        notifications.cancel_for(conn, parcel.id, now)
        journal.append(conn, "parcel.returned", {"parcel_id": parcel.id, "waybill": parcel.waybill,
                                                 "reason": reason},
                       clerk_id=clerk_id, entity_id=parcel.id, at=to_iso(now))
        courier_fees.earn(conn, parcel.id, parcel.waybill, parcel.courier, "returned", clerk_id=clerk_id,
                          at=to_iso(now))
    return get(conn, parcel.id)


def search(conn: sqlite3.Connection, text: str) -> list[Parcel]:
    """Any parcel, in stock or not, by waybill, phone (full or last four), pickup code or name."""
    query = text.strip().replace(" ", "")
    if not query:
        return []
    order = f"ORDER BY received_at DESC LIMIT {SEARCH_LIMIT}"
    if is_mobile(query):
        return select(conn, "recipient_phone = ?", (query,), tail=order)
    if len(query) == 4 and query.isdigit():
        return select(conn, "phone_tail = ?", (query,), tail=order)
    found = select(conn, "waybill_key = ? OR pickup_code = ?", (query.upper(), query), tail=order)
    if found:
        return found
    if query.isascii():  # a partial waybill: prefix match uses the index
        upper = query.upper()
        return select(conn, "waybill_key >= ? AND waybill_key < ?", (upper, upper + "\uffff"), tail=order)
    return select(conn, _BY_NAME, (f"%{query}%",), tail="ORDER BY received_at DESC")


# The distinct names (recipient_names, kept by triggers) are matched first, then each name's newest parcels
# are read from the (recipient_name, received_at) index alone: a name with more than SEARCH_LIMIT parcels is
# read only from its SEARCH_LIMIT-th newest on (ties included), so 张三 with 50,000 parcels costs as little as
# one with 50. Only the SEARCH_LIMIT newest rows overall are then fetched whole. CROSS JOIN keeps that order:
# otherwise the planner may walk every parcel by date for a rare name.
_BY_NAME = f"""rowid IN (
    SELECT p.rowid FROM recipient_names AS n CROSS JOIN parcels AS p ON p.recipient_name = n.recipient_name
        AND p.received_at >= CASE WHEN n.parcels <= {SEARCH_LIMIT} THEN '' ELSE (
            SELECT received_at FROM parcels WHERE recipient_name = n.recipient_name
            ORDER BY received_at DESC LIMIT 1 OFFSET {SEARCH_LIMIT - 1}) END
    WHERE n.recipient_name LIKE ? ORDER BY p.received_at DESC LIMIT {SEARCH_LIMIT})"""


def history(conn: sqlite3.Connection, parcel_id: str) -> list[journal.Op]:
    return journal.ops_for(conn, parcel_id)
