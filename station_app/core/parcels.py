"""Parcels in (到件入库): receive a scanned waybill, shelve it, give it a pickup code, queue the SMS."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, fields
from datetime import datetime

from . import couriers, journal, manifest, notifications, shelving, station
from .clock import to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7
from .privacy import mask_phone, normalize_mobile, normalize_tail

# What a scanner can type for a waybill. Anything else is a garbled scan (wrong keyboard layout, an input
# method left on, a smudged code), not an unknown format.
_SCAN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{5,39}$")


@dataclass(frozen=True)
class Parcel:
    id: str
    waybill: str
    courier: str
    recipient_name: str
    recipient_phone: str
    phone_tail: str
    status: str
    shelf: int
    layer: int
    pickup_code: str
    damaged: int
    damage_note: str
    received_at: str
    received_by: str
    reminded_at: str | None
    picked_up_at: str | None
    picked_up_by: str | None
    handover: str | None
    proxy_name: str | None
    proxy_phone_tail: str | None
    returned_at: str | None
    return_reason: str | None

    @property
    def needs_recipient(self) -> bool:
        return not self.phone_tail

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.recipient_phone or self.phone_tail)


_COLUMNS = ", ".join(f.name for f in fields(Parcel))


def from_row(row: sqlite3.Row) -> Parcel:
    return Parcel(*(row[f.name] for f in fields(Parcel)))


def select(conn: sqlite3.Connection, where: str, params: tuple = (), *, tail: str = "") -> list[Parcel]:
    # _COLUMNS are in the fields' order: positional is 3× faster than by name (search returns 500 at a time)
    return [Parcel(*r) for r in conn.execute(f"SELECT {_COLUMNS} FROM parcels WHERE {where} {tail}", params)]


def get(conn: sqlite3.Connection, parcel_id: str) -> Parcel:
    found = select(conn, "id = ?", (parcel_id,))
    if not found:
        raise StationError("parcel_unknown", parcel_id)
    return found[0]


def in_stock_by_waybill(conn: sqlite3.Connection, waybill: str) -> Parcel | None:
    found = select(conn, "waybill_key = ? AND status = 'in_stock'", (waybill.strip().upper(),))
    return found[0] if found else None


def latest_by_waybill(conn: sqlite3.Connection, waybill: str) -> Parcel | None:
    found = select(conn, "waybill_key = ?", (waybill.strip().upper(),), tail="ORDER BY rowid DESC LIMIT 1")
    return found[0] if found else None


def not_in_stock_error(conn: sqlite3.Connection, waybill: str) -> StationError:
    """Why a scanned waybill is not on the shelf: it left already, or it never came."""
    earlier = latest_by_waybill(conn, waybill)
    if earlier is None:
        return StationError("parcel_unknown", waybill, waybill=waybill)
    return StationError("parcel_not_in_stock", waybill, waybill=waybill, status=earlier.status)


def clean_scan(text: str) -> str:
    waybill = text.strip()
    if not waybill:
        raise StationError("scan_empty")
    if not _SCAN.match(waybill):
        raise StationError("scan_garbled", waybill[:40], value=waybill[:40])
    return waybill


@dataclass(frozen=True)
class Recipient:
    name: str
    phone: str  # full mobile, or '' for a privacy waybill
    tail: str


def recipient_from_input(phone: str, name: str) -> Recipient | None:
    """What the clerk typed: a full mobile, or for a privacy waybill the last four digits plus a name."""
    phone, name = phone.strip(), name.strip()
    if not phone and not name:
        return None
    if len(phone) == 4 and phone.isdigit():
        if not name:
            raise StationError("privacy_needs_name")
        return Recipient(name, "", normalize_tail(phone))
    mobile = normalize_mobile(phone)
    return Recipient(name, mobile, mobile[-4:])


@dataclass(frozen=True)
class Received:
    parcel: Parcel
    from_manifest: bool
    shelves_full: bool


def _queue_arrival(conn: sqlite3.Connection, parcel_id: str, waybill: str, courier: str, code: str,
                   recipient: Recipient, now: datetime) -> dict[str, str]:
    """Queue the arrival text; the returned fields go into the op, so the county can send it.

    A privacy waybill gives only the last four digits: no text can reach them, so none is queued (the
    clerk is told to call or tell them in person)."""
    if not recipient.phone:
        return {}
    here = station.get(conn)
    body = notifications.render(conn, station=here.name if here else "", courier=couriers.names(conn).get(
        courier, "快递"), waybill=waybill, code=code, received=now)
    return {"notification_id": notifications.queue(conn, parcel_id, "arrival", recipient.phone, body, now),
            "sms_body": body}


def receive(conn: sqlite3.Connection, scanned: str, *, clerk_id: str, phone: str = "", name: str = "",
            current_courier: str = "", damaged: bool = False, damage_note: str = "",
            now: datetime | None = None) -> Received:
    """Store one scanned parcel with its op. A parcel already in stock is refused and nothing changes.

    The recipient comes from the manifest, else from ``phone``/``name``; if neither, the parcel is still
    shelved (it is physically on the shelf with its code) and waits for :func:`set_recipient`.
    """
    waybill = clean_scan(scanned)
    typed = recipient_from_input(phone, name)
    if damaged and not damage_note.strip():
        raise StationError("damage_needs_note")
    now = now or utc_now()
    with transaction(conn):
        existing = in_stock_by_waybill(conn, waybill)
        if existing is not None:
            raise StationError("already_in_stock", waybill, code=existing.pickup_code, waybill=waybill)
        expected = manifest.find(conn, waybill)
        if expected is not None:
            recipient: Recipient | None = Recipient(expected.recipient_name, expected.recipient_phone,
                                                    expected.phone_tail)
        else:
            recipient = typed
        if expected is not None and expected.courier:
            courier = expected.courier
            couriers.learn(conn, waybill, courier)
        else:
            courier = couriers.recognise(conn, waybill, current_courier)
            if current_courier and courier == current_courier:
                couriers.learn(conn, waybill, courier)  # the clerk said this bag is that courier's
        slot = shelving.take_slot(conn)
        code = shelving.take_code(conn, slot)
        parcel_id = uuid7()
        at = to_iso(now)
        conn.execute(
            "INSERT INTO parcels (id, waybill, waybill_key, courier, recipient_name, recipient_phone, phone_tail,"
            " status, shelf, layer, pickup_code, damaged, damage_note, received_at, received_by)"
            " VALUES (?,?,?,?,?,?,?, 'in_stock', ?,?,?,?,?,?,?)",
            (parcel_id, waybill, waybill.upper(), courier, recipient.name if recipient else "",
             recipient.phone if recipient else "", recipient.tail if recipient else "", slot.shelf, slot.layer,
             code, int(damaged), damage_note.strip(), at, clerk_id),
        )
        payload = {
            "parcel_id": parcel_id, "waybill": waybill, "courier": courier, "pickup_code": code,
            "shelf": slot.shelf, "layer": slot.layer, "from_manifest": expected is not None,
            "damaged": damaged, "damage_note": damage_note.strip(),
        }
        if recipient is not None:
            payload.update(recipient_name=recipient.name, recipient_phone=recipient.phone,
                           phone_tail=recipient.tail,
                           **_queue_arrival(conn, parcel_id, waybill, courier, code, recipient, now))
        journal.append(conn, "parcel.received", payload, clerk_id=clerk_id, entity_id=parcel_id, at=at)
    return Received(get(conn, parcel_id), expected is not None, slot.full)


def set_recipient(conn: sqlite3.Connection, parcel_id: str, phone: str, name: str, *, clerk_id: str,
                  now: datetime | None = None) -> Parcel:
    """Fill in (or correct) the recipient of a parcel in stock; queues its arrival SMS."""
    recipient = recipient_from_input(phone, name)
    if recipient is None:
        raise StationError("recipient_missing")
    now = now or utc_now()
    with transaction(conn):
        parcel = get(conn, parcel_id)
        if parcel.status != "in_stock":
            raise StationError("parcel_not_in_stock", parcel.waybill, waybill=parcel.waybill)
        conn.execute("UPDATE parcels SET recipient_name = ?, recipient_phone = ?, phone_tail = ? WHERE id = ?",
                     (recipient.name, recipient.phone, recipient.tail, parcel_id))
        notifications.cancel_for(conn, parcel_id, now)  # a text to a wrong number must not go out
        sms = _queue_arrival(conn, parcel_id, parcel.waybill, parcel.courier, parcel.pickup_code, recipient, now)
        journal.append(conn, "parcel.recipient_set", {
            "parcel_id": parcel_id, "recipient_name": recipient.name, "recipient_phone": recipient.phone,
            "phone_tail": recipient.tail, **sms,
        }, clerk_id=clerk_id, entity_id=parcel_id, at=to_iso(now))
    return get(conn, parcel_id)


def flag_damaged(conn: sqlite3.Connection, parcel_id: str, note: str, *, clerk_id: str) -> Parcel:
    if not note.strip():
        raise StationError("damage_needs_note")
    with transaction(conn):
        get(conn, parcel_id)
        conn.execute("UPDATE parcels SET damaged = 1, damage_note = ? WHERE id = ?", (note.strip(), parcel_id))
        journal.append(conn, "parcel.flagged_damaged", {"parcel_id": parcel_id, "note": note.strip()},
                       clerk_id=clerk_id, entity_id=parcel_id)
    return get(conn, parcel_id)


def change_courier(conn: sqlite3.Connection, parcel_id: str, courier: str, *, clerk_id: str) -> Parcel:
    """The clerk corrects a recognised courier; the choice teaches recognition for this prefix."""
    if courier != couriers.UNKNOWN and courier not in couriers.names(conn):
        raise StationError("courier_unknown", courier)
    with transaction(conn):
        parcel = get(conn, parcel_id)
        conn.execute("UPDATE parcels SET courier = ? WHERE id = ?", (courier, parcel_id))
        couriers.learn(conn, parcel.waybill, courier)
        journal.append(conn, "parcel.courier_changed", {"parcel_id": parcel_id, "from": parcel.courier,
                                                        "to": courier}, clerk_id=clerk_id, entity_id=parcel_id)
    return get(conn, parcel_id)
