"""Every op type the station writes, declared once with its payload schema.

Core writes these payloads, the county server refuses any op that does not match its declaration (the ledger is
permanent: one NaN fee or 2^63 weight would break every later report), and readers can trust what passed.
Plain Python on purpose: both ends import it, and it imports nothing of station_app.

A payload must have every declared field (optional ones may be absent) and nothing else. Money is integer fen
and weight integer grams within sane bounds; a bool is never accepted as an int; floats (NaN, inf) never;
strings are bounded, valid Unicode (no lone surrogates) and free of control characters unless declared
multi-line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

MAX_FEN = 1_000_000_000  # ¥10,000,000: far beyond any station's day, far below SQLite's 2^63
MAX_G = 1_000_000_000  # 1,000 tonnes
MAX_SEQ = 2**53 - 1  # the largest integer every JSON reader keeps exactly
MAX_ID = 64
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_CODE = re.compile(r"^[A-Za-z0-9_.-]{0,32}$")


class OpInvalid(ValueError):
    """An op that does not match its declaration: ``code`` for machines, ``detail`` names the field."""

    def __init__(self, code: str, detail: str = "") -> None:
        # the detail may quote hostile input: keep it short, printable and encodable for logs and answers
        detail = CONTROL.sub("?", detail[:200].encode("utf-8", "replace").decode("utf-8"))
        self.code, self.detail = code, detail
        super().__init__(f"{code}: {detail}" if detail else code)


# ----- field types ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Field:
    optional: bool = field(default=False, kw_only=True)  # may be absent from the payload
    nullable: bool = field(default=False, kw_only=True)  # may be JSON null

    def check(self, value: Any, where: str) -> None:
        if value is None:
            if not self.nullable:
                raise OpInvalid("field_missing", where)
            return
        self.check_value(value, where)

    def check_value(self, value: Any, where: str) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Int(Field):
    lo: int = 0
    hi: int = MAX_SEQ

    def check_value(self, value: Any, where: str) -> None:
        if type(value) is not int:  # bool is an int subclass; floats (NaN, inf, 1.5) are refused too
            raise OpInvalid("field_type", f"{where}: expected an integer")
        if not self.lo <= value <= self.hi:
            raise OpInvalid("field_range", f"{where}: outside {self.lo}..{self.hi}")


def Fen(lo: int = 0, hi: int = MAX_FEN, **kw: bool) -> Int:  # noqa: N802 (reads as a type)
    return Int(lo, hi, **kw)


def Grams(lo: int = 0, hi: int = MAX_G, **kw: bool) -> Int:  # noqa: N802
    return Int(lo, hi, **kw)


@dataclass(frozen=True)
class Bool(Field):
    def check_value(self, value: Any, where: str) -> None:
        if type(value) is not bool:
            raise OpInvalid("field_type", f"{where}: expected true or false")


def check_text(value: Any, where: str, max_len: int, *, multiline: bool = False) -> str:
    if not isinstance(value, str):
        raise OpInvalid("field_type", f"{where}: expected text")
    if len(value) > max_len:
        raise OpInvalid("field_range", f"{where}: longer than {max_len}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OpInvalid("field_encoding", f"{where}: not valid Unicode") from exc
    if (_CONTROL_BUT_NEWLINE if multiline else CONTROL).search(value):
        raise OpInvalid("field_control", f"{where}: control characters")
    return value


@dataclass(frozen=True)
class Text(Field):
    max_len: int = 200
    pattern: re.Pattern[str] | None = None
    multiline: bool = False

    def check_value(self, value: Any, where: str) -> None:
        check_text(value, where, self.max_len, multiline=self.multiline)
        if self.pattern is not None and not self.pattern.match(value):
            raise OpInvalid("field_format", where)


def Id(**kw: bool) -> Text:  # noqa: N802 (UUIDv7 text, or a readable key such as 'day:2026-11-23')
    return Text(MAX_ID, _ID, **kw)


def Code(**kw: bool) -> Text:  # noqa: N802 (a short machine word: payment channel, courier code …)
    return Text(32, _CODE, **kw)


PHONE = re.compile(r"^[0-9+\- ]{0,20}$")
WAYBILL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
PICKUP_CODE = re.compile(r"^\d{1,3}-\d{1,3}-\d{4}$")
TAIL = re.compile(r"^\d{0,4}$")


def Phone(**kw: bool) -> Text:  # noqa: N802 ('' for a privacy waybill)
    return Text(20, PHONE, **kw)


@dataclass(frozen=True)
class Day(Field):
    """A local business date, YYYY-MM-DD."""

    def check_value(self, value: Any, where: str) -> None:
        check_text(value, where, 10)
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise OpInvalid("field_format", f"{where}: not a date") from exc


@dataclass(frozen=True)
class Timestamp(Field):
    """A moment as ISO-8601 with its offset (UTC 'Z' as core writes it)."""

    def check_value(self, value: Any, where: str) -> None:
        parse_timestamp(value, where)


def parse_timestamp(value: Any, where: str) -> datetime:
    check_text(value, where, 40)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise OpInvalid("field_format", f"{where}: not a time") from exc
    if moment.tzinfo is None:
        raise OpInvalid("field_format", f"{where}: a time without its offset")
    if not 2000 <= moment.year <= 2200:
        raise OpInvalid("field_range", f"{where}: year {moment.year}")
    return moment


@dataclass(frozen=True)
class ListOf(Field):
    item: Field = field(default_factory=lambda: Text())
    max_items: int = 1000

    def check_value(self, value: Any, where: str) -> None:
        if not isinstance(value, list):
            raise OpInvalid("field_type", f"{where}: expected a list")
        if len(value) > self.max_items:
            raise OpInvalid("field_range", f"{where}: more than {self.max_items} items")
        for i, item in enumerate(value):
            self.item.check(item, f"{where}[{i}]")


@dataclass(frozen=True)
class MapOf(Field):
    """An object with free keys (bounded machine words) and values of one declared type."""

    value: Field = field(default_factory=lambda: Int())
    max_items: int = 100

    def check_value(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise OpInvalid("field_type", f"{where}: expected an object")
        if len(value) > self.max_items:
            raise OpInvalid("field_range", f"{where}: more than {self.max_items} keys")
        for key, item in value.items():
            check_text(key, f"{where} key", 64)
            self.value.check(item, f"{where}.{key}")


@dataclass(frozen=True)
class AnyOf(Field):
    """One of several declared shapes (tried in order)."""

    choices: tuple[Field, ...] = ()

    def check_value(self, value: Any, where: str) -> None:
        first: OpInvalid | None = None
        for choice in self.choices:
            try:
                choice.check(value, where)
                return
            except OpInvalid as err:
                first = first or err
        raise first or OpInvalid("field_type", where)


def check_fields(fields: Mapping[str, Field], payload: Any, where: str) -> None:
    if not isinstance(payload, dict):
        raise OpInvalid("payload_type", f"{where}: expected an object")
    unknown = sorted(str(k)[:40] for k in payload if k not in fields)
    if unknown:  # checked first: nothing undeclared (an sms_body on any op …) is carried, and depth stays bounded
        raise OpInvalid("field_unknown", f"{where}: {', '.join(unknown[:5])}")
    for name, kind in fields.items():
        if name not in payload:
            if not kind.optional:
                raise OpInvalid("field_missing", f"{where}.{name}")
            continue
        kind.check(payload[name], f"{where}.{name}")


@dataclass(frozen=True)
class Record(Field):
    """A nested object with declared fields, nothing else."""

    fields: Mapping[str, Field] = field(default_factory=dict)

    def check_value(self, value: Any, where: str) -> None:
        check_fields(self.fields, value, where)


# ----- op types ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OpType:
    name: str
    fields: Mapping[str, Field]
    sends_text: bool = False  # carries a pickup text for the county to deliver (it builds the words itself)

    def check(self, payload: Any) -> None:
        check_fields(self.fields, payload, self.name)


OPS: dict[str, OpType] = {}


def declare(op_type: str, /, *, sends_text: bool = False, **fields: Field) -> OpType:
    if op_type in OPS:
        raise ValueError(f"op type {op_type} declared twice")
    # a payload key that is a Python keyword ('from') is declared with a trailing underscore
    OPS[op_type] = OpType(op_type, {k.rstrip("_"): v for k, v in fields.items()}, sends_text)
    return OPS[op_type]


NAME, SHORT, LONG, NOTE = Text(64), Text(100), Text(300), Text(500, multiline=True)
FINDINGS = ListOf(Text(200), max_items=100)
SMS = {"notification_id": Id(optional=True), "sms_body": Text(500, optional=True)}
RECIPIENT = {"recipient_name": NAME, "recipient_phone": Phone(), "phone_tail": Text(4, TAIL)}
SHELF, LAYER = Int(1, 999), Int(1, 999)

# parcels in and out
declare("parcel.received", sends_text=True, parcel_id=Id(), waybill=Text(64, WAYBILL), courier=Code(),
        pickup_code=Text(16, PICKUP_CODE), shelf=SHELF, layer=LAYER, from_manifest=Bool(), damaged=Bool(),
        damage_note=NOTE, **{k: Text(v.max_len, v.pattern, optional=True) for k, v in RECIPIENT.items()},
        **SMS)
declare("parcel.recipient_set", sends_text=True, parcel_id=Id(), **RECIPIENT, **SMS)
declare("parcel.flagged_damaged", parcel_id=Id(), note=NOTE)
declare("parcel.courier_changed", parcel_id=Id(), from_=Code(), to=Code())
declare("parcel.picked_up", parcel_id=Id(), waybill=Text(64, WAYBILL), handover=Code(), proxy_name=NAME,
        proxy_phone_tail=Text(4, TAIL))
declare("parcel.pickup_undone", parcel_id=Id(), waybill=Text(64, WAYBILL), reason=NOTE, supervisor_id=Id(),
        pickup_code=Text(16, PICKUP_CODE), shelf=SHELF, layer=LAYER)
declare("parcel.reminded", sends_text=True, parcel_id=Id(), notification_id=Id(), recipient_phone=Phone(),
        sms_body=Text(500))
declare("parcel.returned", parcel_id=Id(), waybill=Text(64, WAYBILL), reason=NOTE)
declare("manifest.imported", source=Text(260), sha256=Text(64, re.compile(r"^[0-9a-f]{64}$")),
        rows=Int(0, 1_000_000), waybills=ListOf(Text(64, WAYBILL), max_items=1_000_000))

# sending
declare("sender.registered", sender_id=Id(), kind=Code(), name=SHORT, phone=Phone(), id_type=Code(),
        id_number=Text(40), company_name=SHORT, credit_code=Text(40))
declare("sending.refused", sending_id=Id(), reason=NOTE, item=Text(200), sender_id=Id(nullable=True),
        findings=FINDINGS)
declare("sending.accepted", sending_id=Id(), waybill=Text(64, WAYBILL), waybill_source=Code(), courier=Code(),
        sender_id=Id(), recipient_name=NAME, recipient_phone=Phone(), province=NAME, city=NAME, county=NAME,
        address=LONG, item=Text(200), inspected=Bool(), weight_g=Grams(hi=1_000_000),
        chargeable_g=Grams(hi=10_000_000), fee_fen=Fen(hi=10_000_000), payment=Code(),
        approved_by=Id(nullable=True), findings=FINDINGS)
declare("dispatch.opened", dispatch_id=Id(), route_code=Text(64), departs_at=Timestamp(),
        items=ListOf(Text(64), max_items=100_000))
declare("dispatch.scanned", dispatch_id=Id(), code=Text(64))
declare("dispatch.closed", dispatch_id=Id(), scanned=ListOf(Text(64), max_items=100_000),
        missing=ListOf(Text(64), max_items=100_000), extra=ListOf(Text(64), max_items=100_000))

# produce consignment
declare("consignor.added", consignor_id=Id(), name=NAME, phone=Phone(), village=NAME, payout=Code(),
        account=Text(64))
declare("produce.taken_in", lot_id=Id(), lot_no=Text(64), consignor_id=Id(), product_code=Text(64), grade=NAME,
        gross_g=Grams(), tare_g=Grams(), deduction_g=Grams(), net_g=Grams(), price_fen_per_kg=Fen(hi=10_000_000),
        boxes=ListOf(Text(64), max_items=10_000))
declare("produce.sold", sale_id=Id(), lot_id=Id(), lot_no=Text(64), sold_g=Grams(), sales_fen=Fen(), source=Code(),
        feed_seq=Int(1, MAX_SEQ, optional=True))  # a county sale names the feed item it came from
# a county feed item the station could not apply, and why (the county's lot check reads these)
declare("feed.refused", seq=Int(1, MAX_SEQ), kind=Code(), code=Code(), reason=Text(300),
        lot_no=Text(64, optional=True))
declare("produce.returned", lot_id=Id(), lot_no=Text(64), returned_g=Grams())
declare("produce.settled", settlement_id=Id(), consignor_id=Id(), sales_fen=Fen(), commission_fen=Fen(),
        fees_fen=Fen(), payout_fen=Fen(), sale_ids=ListOf(Id(), max_items=100_000))
declare("produce.paid", settlement_id=Id(), method=Code())

# bill payments
declare("bill.paid", payment_id=Id(), type_code=Code(), account=Text(64), payer_name=NAME, payer_phone=Phone(),
        amount_fen=Fen(hi=100_000_000), channel=Code(), reference=Text(100), commission_fen=Fen(hi=10_000_000),
        business_day=Day())
declare("bill.voided", payment_id=Id(), reason=NOTE, supervisor_id=Id())

# the day close: totals are money/weight/count figures, flat or by channel, and short words (day, float source)
declare("day.closed", day=Day(), totals=MapOf(AnyOf(choices=(Int(-MAX_FEN, MAX_FEN), Text(32),
                                                                MapOf(Int(-MAX_FEN, MAX_FEN))))),
        counted_cash_fen=Fen(), difference_fen=Fen(-MAX_FEN), reason=NOTE)
declare("day.reopened", day=Day(), reason=NOTE, supervisor_id=Id())
declare("day.float_set", day=Day(), float_fen=Fen(hi=10_000_000), previous_fen=Fen(), reason=NOTE,
        supervisor_id=Id())

# the station itself
declare("station.created", code=Text(32, _CODE), name=SHORT, device_id=Id())
declare("clerk.added", clerk_id=Id(), name=NAME, role=Code())
declare("clerk.locked_out", clerk_id=Id(), seconds=Int(0, 30 * 86400))
declare("settings.changed", name=Code(), value=Text(1000))
declare("shelves.configured", layout=ListOf(ListOf(Int(0, 99_999), max_items=3), max_items=999))
declare("shelves.current_set", shelf=SHELF, layer=LAYER)


def validate(op_type: Any, payload: Any) -> OpType:
    """The declaration of a well-formed payload, or OpInvalid saying what is wrong."""
    declared = OPS.get(op_type) if isinstance(op_type, str) else None
    if declared is None:
        raise OpInvalid("type_unknown", str(op_type)[:64])
    declared.check(payload)
    return declared


ENVELOPE: dict[str, Field] = {
    "op_id": Id(), "device_seq": Int(1, MAX_SEQ), "type": Text(64), "entity_id": Text(MAX_ID, nullable=True,
                                                                                      optional=True),
    "payload": Field(), "clerk_id": Id(nullable=True, optional=True), "created_at": Timestamp(),
    "station": Code(nullable=True, optional=True),
}


def check_op(op: Any) -> dict[str, Any]:
    """One uploaded op, envelope and payload, against its declaration; returns it, or raises OpInvalid.

    Envelope keys not declared here are ignored (never stored); payload keys not declared are refused."""
    if not isinstance(op, dict):
        raise OpInvalid("op_malformed", "not an object")
    for name, kind in ENVELOPE.items():
        if name == "payload":
            continue
        if name not in op:
            if not kind.optional:
                raise OpInvalid("op_malformed", f"{name} missing")
            continue
        try:
            kind.check(op[name], name)
        except OpInvalid as err:
            raise OpInvalid("op_malformed", err.detail) from err
    validate(op["type"], op.get("payload"))
    return op
