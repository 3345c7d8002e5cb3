"""一点多能: the other services of the counter, recorded for a villager from the county's service catalogue.

The catalogue (reference data ``service_catalog``) says per service which fields the clerk must fill, whether
money passes through the counter (``in``: the villager pays; ``out``: the counter pays out, e.g. 助农取款), the
fee rule, and the privacy class that decides what of the villager the op carries to the county. An ID number is
only ever kept masked. A wrong entry is voided by a supervisor with a reason; the row stays.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from . import clerks, journal, refdata
from .clock import to_iso, utc_now
from .dayclose import business_day, check_open
from .db import transaction
from .errors import StationError
from .idcheck import check_resident_id, mask_id
from .ids import uuid7
from .privacy import mask_name, mask_phone, normalize_mobile

CHANNELS = ("cash", "wechat", "alipay", "bank_card")
FIELDS = ("business_type", "id", "amount", "reference")
MONEY = ("none", "in", "out")
PRIVACY = ("open", "masked", "local")
ID_TYPES = ("resident_id", "other")


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    category: str
    category_name: str
    business_types: tuple[str, ...]
    fields: tuple[str, ...]  # what the clerk must fill, of FIELDS
    money: str  # none · in · out
    fee_fen: int
    fee_permille: int
    fee_from: str  # villager · provider
    privacy: str  # open · masked · local

    def fee(self, amount_fen: int) -> int:
        """Fixed part plus the per-mille of the amount, rounded half up to the fen."""
        return self.fee_fen + (amount_fen * self.fee_permille + 500) // 1000


def _int(value: object) -> int:
    text = str(value or "0").strip()
    return int(text) if text.isdigit() else 0


def catalogue(conn: sqlite3.Connection) -> list[Service]:
    """The county's services in force; a row with words this app does not know is left out, never guessed."""
    found = []
    for r in refdata.rows(conn, "service_catalog"):
        fields = tuple(f for f in str(r.get("fields", "")).split("|") if f)
        service = Service(str(r["code"]), str(r["name"]), str(r["category"]), str(r.get("category_name") or
                                                                                   r["category"]),
                          tuple(t for t in str(r.get("business_types", "")).split("|") if t), fields,
                          str(r.get("money") or "none"), _int(r.get("fee_fen")), _int(r.get("fee_permille")),
                          str(r.get("fee_from") or "villager"), str(r.get("privacy") or "masked"))
        if (service.money in MONEY and service.privacy in PRIVACY and set(fields) <= set(FIELDS)
                and service.fee_from in ("villager", "provider")):
            found.append(service)
    return found


@dataclass(frozen=True)
class Record:
    id: str
    service: Service
    business_type: str
    villager_name: str
    villager_phone: str
    id_masked: str
    amount_fen: int
    fee_fen: int
    channel: str
    reference: str
    business_day: str

    @property
    def money_changes_hands(self) -> bool:
        return self.amount_fen > 0 or (self.fee_fen > 0 and self.service.fee_from == "villager")

    @property
    def taken_fen(self) -> int:
        """What the villager hands over at the counter (what the counter pays out is ``amount_fen``)."""
        fee = self.fee_fen if self.service.fee_from == "villager" else 0
        return (self.amount_fen if self.service.money == "in" else 0) + fee


def record(conn: sqlite3.Connection, *, service_code: str, villager_name: str, villager_phone: str,
           business_type: str = "", id_type: str = "", id_number: str = "", amount_fen: int = 0,
           reference: str = "", channel: str = "cash", day: date | None = None, clerk_id: str) -> Record:
    """Record one service; every field the catalogue asks for is checked, the ID number kept only masked."""
    service = next((s for s in catalogue(conn) if s.code == service_code), None)
    if service is None:
        raise StationError("service_unknown", service_code)
    name = villager_name.strip()
    if not name:
        raise StationError("villager_name_missing")
    phone = normalize_mobile(villager_phone)
    business_type = business_type.strip()
    if "business_type" in service.fields and (not business_type or (service.business_types and business_type
                                                                    not in service.business_types)):
        raise StationError("service_type_missing", hint=service.name)
    id_masked, id_type = "", id_type if id_number.strip() else ""
    if "id" in service.fields:
        if id_type not in ID_TYPES or not id_number.strip():
            raise StationError("service_id_missing", hint=service.name)
        number = check_resident_id(id_number) if id_type == "resident_id" else id_number.strip().upper()
        id_masked = mask_id(number)
    amount = amount_fen if service.money != "none" else 0
    if amount < 0 or ("amount" in service.fields and service.money != "none" and amount <= 0):
        raise StationError("money_invalid", str(amount_fen))
    reference = reference.strip()
    if "reference" in service.fields and not reference:
        raise StationError("service_reference_missing")
    if channel not in CHANNELS:
        raise StationError("channel_invalid", channel)
    fee = service.fee(amount)
    # cash moves through the drawer: what the villager pays in cash, what the counter pays out (always cash)
    amount_drawer = "out" if service.money == "out" and amount else (
        "in" if service.money == "in" and amount and channel == "cash" else "none")
    fee_drawer = "in" if fee and service.fee_from == "villager" and channel == "cash" else "none"
    with transaction(conn):
        the_day = check_open(conn, day) if day is not None else business_day(conn)
        rec = Record(uuid7(), service, business_type, name, phone, id_masked, amount, fee, channel, reference,
                     the_day.isoformat())
        conn.execute(
            "INSERT INTO service_records (id, service_code, category, business_type, villager_name, villager_phone,"
            " id_type, id_masked, amount_fen, fee_fen, channel, reference, business_day, created_at, created_by)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (rec.id, service.code, service.category, business_type, name, phone, id_type, id_masked, amount, fee,
             channel, reference, rec.business_day, to_iso(utc_now()), clerk_id))
        shown_name, shown_phone = _as_synced(service.privacy, name, phone)
        journal.append(conn, "service.recorded", {
            "record_id": rec.id, "service_code": service.code, "category": service.category,
            "business_type": business_type, "villager_name": shown_name, "villager_phone": shown_phone,
            "id_type": id_type, "id_masked": id_masked if service.privacy != "local" else "",
            "amount_fen": amount, "fee_fen": fee, "channel": channel, "amount_drawer": amount_drawer,
            "fee_drawer": fee_drawer, "reference": reference if service.privacy != "local" else "",
            "business_day": rec.business_day}, clerk_id=clerk_id, entity_id=rec.id)
    return rec


def _as_synced(privacy: str, name: str, phone: str) -> tuple[str, str]:
    """The villager as the op may carry them to the county, by the service's privacy class."""
    if privacy == "open":
        return name, phone
    if privacy == "masked":
        return mask_name(name), mask_phone(phone)
    return "", ""


def void(conn: sqlite3.Connection, record_id: str, reason: str, *, clerk_id: str, supervisor_id: str,
         supervisor_pin: str) -> None:
    """A wrong entry is voided by a supervisor with a reason: a correcting op, the row stays."""
    if not reason.strip():
        raise StationError("void_needs_reason")
    supervisor = clerks.require_supervisor(conn, supervisor_id, supervisor_pin)
    with transaction(conn):
        row = conn.execute("SELECT status, business_day FROM service_records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise StationError("service_record_unknown")
        if row["status"] == "voided":
            raise StationError("service_already_voided")
        check_open(conn, date.fromisoformat(row["business_day"]))
        conn.execute("UPDATE service_records SET status = 'voided', void_reason = ?, voided_by = ? WHERE id = ?",
                     (reason.strip(), supervisor.id, record_id))
        journal.append(conn, "service.voided", {"record_id": record_id, "reason": reason.strip(),
                                                "supervisor_id": supervisor.id}, clerk_id=clerk_id,
                       entity_id=record_id)


@dataclass(frozen=True)
class Villager:
    name: str
    phone: str
    service_code: str  # the last service recorded for them ('' when known only as a sender)
    business_type: str


def find_villager(conn: sqlite3.Connection, phone: str) -> Villager | None:
    """A repeat villager by phone: the latest service recorded for them, else a registered sender (F5)."""
    try:
        key = normalize_mobile(phone)
    except StationError:
        return None
    row = conn.execute("SELECT villager_name, service_code, business_type FROM service_records "
                       "WHERE villager_phone = ? ORDER BY created_at DESC LIMIT 1", (key,)).fetchone()
    if row is not None:
        return Villager(row[0], key, row[1], row[2])
    sender = conn.execute("SELECT name FROM senders WHERE phone = ? AND kind = 'person' ORDER BY created_at DESC "
                          "LIMIT 1", (key,)).fetchone()
    return Villager(sender[0], key, "", "") if sender else None


def for_day(conn: sqlite3.Connection, day: date) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM service_records WHERE business_day = ? ORDER BY created_at",
                        (day.isoformat(),)).fetchall()
