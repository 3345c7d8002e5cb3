"""Pickup (取件出库): find a recipient's parcels, check each one handed over, record who took them."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from . import clerks, cod, courier_fees, journal, notifications, shelving
from .clock import to_iso, utc_now
from .db import transaction
from .errors import StationError
from .parcels import Parcel, get, in_stock_by_waybill, not_in_stock_error, select
from .privacy import is_mobile, mask_phone, normalize_mobile, normalize_tail

HANDOVERS = ("self", "proxy", "door")
_CODE = re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$")


def _same_recipient(conn: sqlite3.Connection, parcel: Parcel) -> list[Parcel]:
    if parcel.recipient_phone:
        return select(conn, "recipient_phone = ? AND status = 'in_stock'", (parcel.recipient_phone,),
                      tail="ORDER BY received_at")
    if parcel.phone_tail:  # privacy waybill: the tail and the name together
        return select(conn, "phone_tail = ? AND recipient_name = ? AND recipient_phone = '' AND status = 'in_stock'",
                      (parcel.phone_tail, parcel.recipient_name), tail="ORDER BY received_at")
    return [parcel]


def lookup(conn: sqlite3.Connection, query: str) -> list[Parcel]:
    """Parcels in stock for the recipient a pickup code, phone tail, full phone or waybill points to.

    A phone tail can match several recipients; all their parcels are returned and :func:`people` splits
    them, so the clerk picks the person before any scan counts.
    """
    text = query.strip().replace(" ", "")
    if not text:
        raise StationError("lookup_empty")
    if _CODE.match(text):
        found = select(conn, "pickup_code = ? AND status = 'in_stock'", (text,))
        if not found:
            raise StationError("code_not_found", text, code=text)
        return _same_recipient(conn, found[0])
    if is_mobile(text):
        found = select(conn, "recipient_phone = ? AND status = 'in_stock'", (text,), tail="ORDER BY received_at")
    elif len(text) == 4 and text.isdigit():
        found = select(conn, "phone_tail = ? AND status = 'in_stock'", (normalize_tail(text),),
                       tail="ORDER BY recipient_name, received_at")
    else:
        parcel = in_stock_by_waybill(conn, text)
        if parcel is None:
            raise not_in_stock_error(conn, text)
        return _same_recipient(conn, parcel)
    if not found:
        raise StationError("nothing_for_phone", text[-4:], tail=text[-4:])
    return found


def person_key(parcel: Parcel) -> str:
    """Who a parcel is for: the full phone, or for a privacy waybill (tail only) the tail with the name."""
    return parcel.recipient_phone or f"{parcel.phone_tail}/{parcel.recipient_name}"


@dataclass(frozen=True)
class Person:
    """One recipient among the parcels a lookup found."""
    key: str
    names: tuple[str, ...]  # as stored (one phone may be shared by a family); pages mask them
    masked_phone: str
    parcels: tuple[Parcel, ...]


def people(found: list[Parcel]) -> list[Person]:
    """The distinct recipients of these parcels, in the order they first appear."""
    groups: dict[str, list[Parcel]] = {}
    for parcel in found:
        groups.setdefault(person_key(parcel), []).append(parcel)
    result = []
    for key, group in groups.items():
        names = tuple(dict.fromkeys(p.recipient_name for p in group))
        result.append(Person(key, names, group[0].masked_phone, tuple(group)))
    return result


def check_handover(conn: sqlite3.Connection, scanned: str, expected: list[Parcel]) -> Parcel:
    """The parcel a clerk scanned while handing over, if it belongs to this pickup; otherwise a refusal."""
    waybill = scanned.strip()
    parcel = in_stock_by_waybill(conn, waybill)
    if parcel is None:
        raise not_in_stock_error(conn, waybill)
    if parcel.id not in {p.id for p in expected}:
        raise StationError("not_this_recipient", waybill, waybill=waybill, code=parcel.pickup_code)
    return parcel


def _phone_tail(text: str) -> str:
    """Only the last four digits of a proxy's phone are kept: enough to call back, little to leak."""
    text = text.strip().replace(" ", "")
    if len(text) == 4:
        return normalize_tail(text)
    try:
        return normalize_mobile(text)[-4:]
    except StationError:
        raise StationError("tail_invalid", mask_phone(text)) from None


@dataclass(frozen=True)
class Handover:
    """Who took the parcels. For a proxy (代取) and a door delivery (送货上门) the person is recorded:
    ``proxy_name`` / ``proxy_phone_tail`` hold whoever signed for them (the columns predate door records)."""
    kind: str = "self"
    proxy_name: str = ""
    proxy_phone_tail: str = ""  # last 4 digits, or a full mobile of which only the last 4 are kept

    def checked(self) -> Handover:
        if self.kind not in HANDOVERS:
            raise StationError("handover_invalid", self.kind)
        name = self.proxy_name.strip()
        if self.kind == "proxy":
            if not name:
                raise StationError("proxy_needs_name")
            return Handover("proxy", name, _phone_tail(self.proxy_phone_tail))
        if self.kind == "door":
            if not name:
                raise StationError("door_needs_name")
            phone = self.proxy_phone_tail.strip()
            return Handover("door", name, _phone_tail(phone) if phone else "")
        return Handover(self.kind)


def confirm(conn: sqlite3.Connection, parcel_ids: list[str], handover: Handover, *, clerk_id: str,
            now: datetime | None = None) -> list[Parcel]:
    """Record the hand-over of these parcels, all or none, one op each."""
    if not parcel_ids:
        raise StationError("nothing_scanned")
    handover = handover.checked()
    now = now or utc_now()
    at = to_iso(now)
    with transaction(conn):
        if len({person_key(get(conn, pid)) for pid in parcel_ids}) > 1:
            raise StationError("mixed_recipients")  # one hand-over is one person's parcels
        for parcel_id in parcel_ids:
            parcel = get(conn, parcel_id)
            if parcel.status != "in_stock":
                raise StationError("parcel_not_in_stock", parcel.waybill, waybill=parcel.waybill,
                                   status=parcel.status)
            cod.require_settled(conn, parcel)  # 到付 / 代收货款: collected or waived first
            conn.execute(
                "UPDATE parcels SET status = 'picked_up', picked_up_at = ?, picked_up_by = ?, handover = ?,"
                " proxy_name = ?, proxy_phone_tail = ? WHERE id = ?",
                (at, clerk_id, handover.kind, handover.proxy_name or None, handover.proxy_phone_tail or None,
                 parcel_id))
            notifications.cancel_for(conn, parcel_id, now)
            journal.append(conn, "parcel.picked_up", {
                "parcel_id": parcel_id, "waybill": parcel.waybill, "handover": handover.kind,
                "proxy_name": handover.proxy_name, "proxy_phone_tail": handover.proxy_phone_tail,
            }, clerk_id=clerk_id, entity_id=parcel_id, at=at)
            courier_fees.earn(conn, parcel_id, parcel.waybill, parcel.courier, "delivered", clerk_id=clerk_id, at=at)
    return [get(conn, pid) for pid in parcel_ids]


def undo(conn: sqlite3.Connection, parcel_id: str, reason: str, *, clerk_id: str, supervisor_id: str,
         supervisor_pin: str, now: datetime | None = None) -> Parcel:
    """A supervisor reverses a mistaken hand-over with a correcting op; the parcel goes back on the shelf."""
    if not reason.strip():
        raise StationError("undo_needs_reason")
    supervisor = clerks.require_supervisor(conn, supervisor_id, supervisor_pin)
    now = now or utc_now()
    with transaction(conn):
        parcel = get(conn, parcel_id)
        if parcel.status != "picked_up":
            raise StationError("not_picked_up", parcel.waybill, waybill=parcel.waybill)
        if in_stock_by_waybill(conn, parcel.waybill) is not None:
            raise StationError("already_in_stock", parcel.waybill, waybill=parcel.waybill, code="")
        code, shelf, layer = parcel.pickup_code, parcel.shelf, parcel.layer
        if select(conn, "pickup_code = ? AND status = 'in_stock'", (code,)):
            slot = shelving.take_slot(conn)  # the code went to another parcel meanwhile: give a new one
            code, shelf, layer = shelving.take_code(conn, slot), slot.shelf, slot.layer
        conn.execute(
            "UPDATE parcels SET status = 'in_stock', picked_up_at = NULL, picked_up_by = NULL, handover = NULL,"
            " proxy_name = NULL, proxy_phone_tail = NULL, pickup_code = ?, shelf = ?, layer = ? WHERE id = ?",
            (code, shelf, layer, parcel_id))
        journal.append(conn, "parcel.pickup_undone", {
            "parcel_id": parcel_id, "waybill": parcel.waybill, "reason": reason.strip(),
            "supervisor_id": supervisor.id, "pickup_code": code, "shelf": shelf, "layer": layer,
        }, clerk_id=clerk_id, entity_id=parcel_id, at=to_iso(now))
        courier_fees.reverse(conn, parcel_id, "delivered", clerk_id=clerk_id)
    return get(conn, parcel_id)
