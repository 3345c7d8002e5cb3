"""Sending (寄件/收寄): real-name registration, inspection, fee, waybill, with every step in the journal."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, fields

from . import clerks, courier_fees, fees, journal, prohibited, regions, settings, station
from .clock import to_iso, utc_now
from .db import transaction
from .errors import StationError
from .idcheck import check_credit_code, check_resident_id, mask_id
from .ids import uuid7
from .privacy import normalize_mobile

ID_TYPES = ("resident_id", "temporary_id", "military_id", "hk_macao_permit", "taiwan_permit", "passport", "other")
PAYMENTS = ("cash", "wechat", "alipay", "account")
_OTHER_ID = re.compile(r"^[A-Za-z0-9()（）-]{5,30}$")


@dataclass(frozen=True)
class Sender:
    id: str
    kind: str
    name: str
    phone: str
    id_type: str
    id_number: str
    company_name: str = ""
    credit_code: str = ""

    @property
    def masked_id(self) -> str:
        return mask_id(self.id_number)


def _sender(row: sqlite3.Row) -> Sender:
    return Sender(*(row[f.name] for f in fields(Sender)))


def check_id(id_type: str, number: str) -> str:
    if id_type not in ID_TYPES:
        raise StationError("id_type_invalid", id_type)
    if id_type == "resident_id":
        return check_resident_id(number)
    value = number.strip().upper()
    if not _OTHER_ID.match(value):
        raise StationError("id_format", id_type)
    return value


def find_sender(conn: sqlite3.Connection, phone_or_id: str) -> Sender | None:
    """A repeat sender by phone or ID number, so nothing is typed twice."""
    key = phone_or_id.strip().upper()
    row = conn.execute("SELECT * FROM senders WHERE phone = ? OR id_number = ? ORDER BY rowid DESC LIMIT 1",
                       (key, key)).fetchone()
    return _sender(row) if row else None


def register_sender(conn: sqlite3.Connection, *, name: str, phone: str, id_type: str, id_number: str,
                    company_name: str = "", credit_code: str = "", clerk_id: str) -> Sender:
    """Record (or find again) a sender after checking the ID, and the credit code for a company."""
    if not name.strip():
        raise StationError("sender_name_missing")
    mobile = normalize_mobile(phone)
    number = check_id(id_type, id_number)
    code = check_credit_code(credit_code) if company_name.strip() or credit_code.strip() else ""
    if code and not company_name.strip():
        raise StationError("company_name_missing")
    existing = find_sender(conn, number)
    if existing and existing.name == name.strip() and existing.credit_code == code:
        return existing
    sender = Sender(uuid7(), "company" if code else "person", name.strip(), mobile, id_type, number,
                    company_name.strip(), code)
    with transaction(conn):
        conn.execute("INSERT INTO senders (id, kind, name, phone, id_type, id_number, company_name, credit_code,"
                     " created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                     (sender.id, sender.kind, sender.name, sender.phone, sender.id_type, sender.id_number,
                      sender.company_name, sender.credit_code, to_iso(utc_now())))
        # The full ID goes to the county with the op (the law requires the record); never to a log or export.
        journal.append(conn, "sender.registered", {
            "sender_id": sender.id, "kind": sender.kind, "name": sender.name, "phone": sender.phone,
            "id_type": sender.id_type, "id_number": sender.id_number, "company_name": sender.company_name,
            "credit_code": sender.credit_code}, clerk_id=clerk_id, entity_id=sender.id)
    return sender


@dataclass(frozen=True)
class Parcel:
    sender_id: str
    recipient_name: str
    recipient_phone: str
    province: str
    city: str
    county: str
    address: str
    item: str
    inspected: bool
    courier: str
    weight_g: int
    dims_cm: tuple[int, int, int] | None = None
    payment: str = "cash"
    waybill: str = ""  # a pre-printed courier waybill; '' to issue one from the station's range


@dataclass(frozen=True)
class Accepted:
    id: str
    waybill: str
    waybill_source: str
    quote: fees.Quote
    findings: list[prohibited.Finding]


def refuse(conn: sqlite3.Connection, reason: str, *, clerk_id: str, item: str = "", sender_id: str | None = None,
           findings: list[prohibited.Finding] | None = None) -> str:
    """A refused parcel is logged too: the sender would not register, or the item is prohibited."""
    sending_id = uuid7()
    with transaction(conn):
        conn.execute("INSERT INTO sendings (id, status, sender_id, item, refusal, created_at, created_by) "
                     "VALUES (?, 'refused', ?, ?, ?, ?, ?)", (sending_id, sender_id, item, reason,
                                                              to_iso(utc_now()), clerk_id))
        journal.append(conn, "sending.refused", {
            "sending_id": sending_id, "reason": reason, "item": item, "sender_id": sender_id,
            "findings": [f"{f.level}:{f.category}:{f.keyword}" for f in findings or []]},
            clerk_id=clerk_id, entity_id=sending_id)
    return sending_id


def _issue_waybill(conn: sqlite3.Connection) -> str:
    """The next number from the station's range: station code + 8 digits, inside the accept transaction."""
    here = station.get(conn)
    seq = int(settings.get(conn, "consignment_next"))
    if seq > int(settings.get(conn, "consignment_end")):
        raise StationError("consignment_range_used_up")
    settings.write(conn, "consignment_next", str(seq + 1))
    return f"{here.code if here else 'ST'}{seq:08d}".upper()


def accept(conn: sqlite3.Connection, parcel: Parcel, *, clerk_id: str, supervisor_id: str = "",
           supervisor_pin: str = "") -> Accepted:
    """Accept a parcel: inspected, nothing prohibited (else refused and logged), restricted items approved by a
    supervisor, the fee from the price table, a waybill scanned or issued."""
    if not parcel.inspected:
        raise StationError("not_inspected")
    if parcel.payment not in PAYMENTS:
        raise StationError("payment_invalid", parcel.payment)
    if conn.execute("SELECT 1 FROM senders WHERE id = ?", (parcel.sender_id,)).fetchone() is None:
        raise StationError("sender_missing")
    if not parcel.recipient_name.strip() or not parcel.address.strip() or not parcel.item.strip():
        raise StationError("sending_incomplete")
    regions.check_city(parcel.province, parcel.city)  # 重庆 with 深圳 is a parcel sent the wrong way
    phone = normalize_mobile(parcel.recipient_phone)
    findings = prohibited.check(conn, parcel.item)
    banned = [f for f in findings if f.level == "prohibited"]
    if banned:
        refuse(conn, "prohibited_item", clerk_id=clerk_id, item=parcel.item, sender_id=parcel.sender_id,
               findings=banned)
        raise StationError("item_prohibited", banned[0].keyword, category=banned[0].category,
                           keyword=banned[0].keyword)
    approved_by = None
    if findings:  # restricted: a supervisor looks and approves with their PIN
        if not supervisor_id:
            raise StationError("item_restricted", findings[0].keyword, category=findings[0].category,
                               keyword=findings[0].keyword)
        approved_by = clerks.require_supervisor(conn, supervisor_id, supervisor_pin).id
    quote = fees.quote(conn, parcel.courier, parcel.province, parcel.weight_g, parcel.dims_cm)
    sending_id = uuid7()
    with transaction(conn):
        waybill, source = (parcel.waybill.strip().upper(), "courier") if parcel.waybill.strip() else (
            _issue_waybill(conn), "station")
        if conn.execute("SELECT 1 FROM sendings WHERE waybill = ?", (waybill,)).fetchone():
            raise StationError("waybill_used", waybill, waybill=waybill)
        conn.execute(
            "INSERT INTO sendings (id, status, waybill, waybill_source, courier, sender_id, recipient_name,"
            " recipient_phone, province, city, county, address, item, weight_g, chargeable_g, fee_fen, payment,"
            " approved_by, created_at, created_by) VALUES (?, 'accepted', ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (sending_id, waybill, source, parcel.courier, parcel.sender_id, parcel.recipient_name.strip(), phone,
             parcel.province, parcel.city, parcel.county, parcel.address.strip(), parcel.item.strip(),
             parcel.weight_g, quote.chargeable_g, quote.fee_fen, parcel.payment, approved_by, to_iso(utc_now()),
             clerk_id))
        journal.append(conn, "sending.accepted", {
            "sending_id": sending_id, "waybill": waybill, "waybill_source": source, "courier": parcel.courier,
            "sender_id": parcel.sender_id, "recipient_name": parcel.recipient_name.strip(), "recipient_phone": phone,
            "province": parcel.province, "city": parcel.city, "county": parcel.county,
            "address": parcel.address.strip(), "item": parcel.item.strip(), "inspected": True,
            "weight_g": parcel.weight_g, "chargeable_g": quote.chargeable_g, "fee_fen": quote.fee_fen,
            "payment": parcel.payment, "approved_by": approved_by,
            "findings": [f"{f.level}:{f.category}:{f.keyword}" for f in findings]},
            clerk_id=clerk_id, entity_id=sending_id)
        courier_fees.earn(conn, sending_id, waybill, parcel.courier, "sent", clerk_id=clerk_id)
    return Accepted(sending_id, waybill, source, quote, findings)
