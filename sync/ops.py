"""Every op type the station writes, declared once with its payload schema and what it means for the figures.

Core writes these payloads (journal.append checks them), the county server refuses any op that does not match its
declaration (the ledger is permanent: one NaN fee or 2^63 weight would break every later report), and readers can
trust what passed. Plain Python on purpose: both ends import it, and it imports nothing of station_app.

Each declaration also says which named figures the op adds to (``adds``: a payload field, with sign, keyed by
channel, courier …), which earlier op it takes back (``cancels``: a void), the day it counts for, or why it counts
for nothing (``not_counted``). The day close, the reports and the county's rollups all sum through ``tally`` /
``contributions``, so a new business line declares its ops here once and every figure picks them up.

A payload must have every declared field (optional ones may be absent) and nothing else. Money is integer fen
and weight integer grams within sane bounds; a bool is never accepted as an int; floats (NaN, inf) never;
strings are bounded, valid Unicode (no lone surrogates) and free of control characters unless declared
multi-line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
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
    # an old word still in journals written before a rename → today's word; readers see today's (see `read`)
    aliases: tuple[tuple[str, str], ...] = ()

    def check_value(self, value: Any, where: str) -> None:
        check_text(value, where, self.max_len, multiline=self.multiline)
        if self.pattern is not None and not self.pattern.match(value):
            raise OpInvalid("field_format", where)


def Id(**kw: Any) -> Text:  # noqa: N802 (UUIDv7 text, or a readable key such as 'day:2026-11-23')
    return Text(MAX_ID, _ID, **kw)


def Code(*, aliases: tuple[tuple[str, str], ...] = (), **kw: bool) -> Text:  # noqa: N802
    """A short machine word: payment channel, courier code …"""
    return Text(32, _CODE, aliases=aliases, **kw)


PHONE = re.compile(r"^[0-9+\- ]{0,20}$")
WAYBILL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
PICKUP_CODE = re.compile(r"^\d{1,3}-\d{1,3}-\d{4}$")
TAIL = re.compile(r"^\d{0,4}$")


def Phone(**kw: Any) -> Text:  # noqa: N802 ('' for a privacy waybill)
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


# ----- figures: what an op means for the day close, the reports and the county -------------------------------
@dataclass(frozen=True)
class Figure:
    """A named figure that ops add to: a count, fen or grams; flat, or keyed (by channel, courier, line …)."""

    name: str
    unit: str  # count · fen · g
    keyed: bool = False


FIGURES: dict[str, Figure] = {}


def figure(name: str, unit: str, *, keyed: bool = False) -> str:
    if name in FIGURES or unit not in ("count", "fen", "g"):
        raise ValueError(f"figure {name} declared twice or with unit {unit}")
    FIGURES[name] = Figure(name, unit, keyed)
    return name


@dataclass(frozen=True)
class Adds:
    """One figure an op moves: ``sign`` × the payload's ``amount`` field (an integer; a list counts its items;
    no field counts the op), under the key in the payload's ``by`` field or the fixed ``key`` for a keyed figure;
    only ``when`` payload[field] == value; ``of`` reads the amount from that op type's op about the same thing
    (the same value in its ``key`` field, e.g. a payout's settlement)."""

    figure: str
    amount: str | None = None
    by: str | None = None
    key: str | None = None
    when: tuple[str, str] | None = None
    sign: int = 1
    of: str | None = None


@dataclass(frozen=True)
class OpType:
    name: str
    fields: Mapping[str, Field]
    sends_text: bool = False  # carries a pickup text for the county to deliver (it builds the words itself)
    adds: tuple[Adds, ...] = ()
    key: str | None = None  # the payload field naming the thing the op is about, when other ops refer to it
    cancels: str | None = None  # a correction: the named op type's op with the same key counts for nothing
    day_field: str | None = None  # the payload field that fixes the business day (else the op's time does)
    not_counted: str = ""  # why an op that adds to no figure is still right (every other op must add)

    def check(self, payload: Any) -> None:
        check_fields(self.fields, payload, self.name)


OPS: dict[str, OpType] = {}
ALIASED: dict[str, dict[str, dict[str, str]]] = {}  # op type → field → {old word: today's word}
CANCELLED_BY: dict[str, str] = {}  # op type → the correction that takes it back (bill.paid → bill.voided)


def declare(op_type: str, /, *, sends_text: bool = False, adds: tuple[Adds, ...] = (), key: str | None = None,
            cancels: str | None = None, day_field: str | None = None, not_counted: str = "",
            **fields: Any) -> OpType:  # Any: mypy cannot tell unpacked field dicts from the options above
    if op_type in OPS or not all(isinstance(f, Field) for f in fields.values()):
        raise ValueError(f"op type {op_type} declared twice, or a field that is not a Field")
    # a payload key that is a Python keyword ('from') is declared with a trailing underscore
    declared = OpType(op_type, {k.rstrip("_"): v for k, v in fields.items()}, sends_text, adds, key, cancels,
                      day_field, not_counted)
    _check_declaration(declared)
    OPS[op_type] = declared
    renamed = {name: dict(f.aliases) for name, f in declared.fields.items() if isinstance(f, Text) and f.aliases}
    if renamed:
        ALIASED[op_type] = renamed
    if cancels is not None:
        CANCELLED_BY[cancels] = op_type
    return declared


def _check_declaration(op: OpType) -> None:
    """A declaration that names a figure, field or op type that does not exist fails at import, not in a report."""
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise ValueError(f"{op.name}: {what}")

    for a in op.adds:
        fig = FIGURES.get(a.figure)
        need(fig is not None, f"figure {a.figure} not declared")
        assert fig is not None
        need(fig.keyed == (a.by is not None or a.key is not None), f"{a.figure}: keyed needs by or key, flat neither")
        need(a.sign in (1, -1), "sign is 1 or -1")
        source = OPS[a.of] if a.of else op
        need(a.of is None or (source.key is not None and source.key in op.fields), f"{a.of} has no shared key")
        for name, where in ((a.amount, source), (a.by, op), (a.when[0] if a.when else None, op)):
            need(name is None or name in where.fields, f"field {name} not declared")
    need(op.cancels is None or (op.cancels in OPS and OPS[op.cancels].key in op.fields), "cancels needs a key")
    need(op.key is None or op.key in op.fields, f"key {op.key} not declared")
    need(op.day_field is None or isinstance(op.fields.get(op.day_field), Day), "day_field is a Day")
    need(bool(op.adds or op.cancels) != bool(op.not_counted), "adds to a figure, cancels, or says why not counted")


# The figures. Day close (DayTotals), the reports and the county's rollups read these names.
PARCELS_RECEIVED = figure("parcels_received", "count")
PARCELS_RECEIVED_BY_COURIER = figure("parcels_received_by_courier", "count", keyed=True)
PARCELS_PICKED_UP = figure("parcels_picked_up", "count")
PARCELS_HANDED_OVER = figure("parcels_handed_over", "count", keyed=True)  # by hand-over: self · proxy · door
PARCELS_RETURNED = figure("parcels_returned", "count")
PARCELS_REMINDED = figure("parcels_reminded", "count")
PARCELS_DAMAGED = figure("parcels_damaged", "count")
CALLS_MADE = figure("calls_made", "count")  # 已电话通知: recipients the clerk phoned (the call list)
SENDINGS = figure("sendings", "count")
SENDINGS_BY_COURIER = figure("sendings_by_courier", "count", keyed=True)
SENDINGS_REFUSED = figure("sendings_refused", "count")
SENDING_FEES = figure("sending_fees_fen", "fen", keyed=True)  # by payment channel
SENDING_FEES_BY_COURIER = figure("sending_fees_by_courier_fen", "fen", keyed=True)
UP = figure("up", "count")  # the volume sent up: parcels sent + produce boxes
PRODUCE_NET = figure("produce_net_g", "g")
PRODUCE_BOXES = figure("produce_boxes", "count")
PRODUCE_NET_BY_PRODUCT = figure("produce_net_by_product_g", "g", keyed=True)  # 农产品 by catalogue code
PRODUCE_BOXES_BY_PRODUCT = figure("produce_boxes_by_product", "count", keyed=True)
PRODUCE_SALES = figure("produce_sales_fen", "fen")
PRODUCE_SOLD = figure("produce_sold_g", "g")
PRODUCE_RETURNED = figure("produce_returned_g", "g")
PRODUCE_SETTLED_PAYOUT = figure("produce_settled_payout_fen", "fen")
PRODUCE_PAYOUTS = figure("produce_payouts_fen", "fen", keyed=True)  # paid out, by method
BILLS_PAID = figure("bills_paid", "count")
BILLS_VOIDED = figure("bills_voided", "count")
BILLS_PAID_BY_TYPE = figure("bills_paid_by_type", "count", keyed=True)  # how many bills, by bill type
BILLS = figure("bills_fen", "fen", keyed=True)  # amount by bill type
BILLS_BY_CHANNEL = figure("bills_by_channel_fen", "fen", keyed=True)  # amount + commission by channel
BILL_COMMISSION = figure("bill_commission_fen", "fen")
EARNINGS = figure("earnings_fen", "fen", keyed=True)  # the station's own earnings, by business line
CASH_IN = figure("cash_in_fen", "fen")  # cash into the drawer
CASH_OUT = figure("cash_out_fen", "fen")  # cash out of the drawer
DISPATCH_RUNS = figure("dispatch_runs", "count")  # bus hand-overs closed
DISPATCH_LOADED = figure("dispatch_loaded", "count")  # items scanned onto the bus
DISPATCH_MISSING = figure("dispatch_missing", "count")  # items left for the next run

SETUP = "the station's own set-up: no business figure"

NAME, SHORT, LONG, NOTE = Text(64), Text(100), Text(300), Text(500, multiline=True)
FINDINGS = ListOf(Text(200), max_items=100)
# typed Any: unpacked into declare(), whose other keywords mypy would otherwise match them against
SMS: dict[str, Any] = {"notification_id": Id(optional=True), "sms_body": Text(500, optional=True)}
RECIPIENT: dict[str, Any] = {"recipient_name": NAME, "recipient_phone": Phone(), "phone_tail": Text(4, TAIL)}
RECIPIENT_OPTIONAL: dict[str, Any] = {k: Text(v.max_len, v.pattern, optional=True) for k, v in RECIPIENT.items()}
SHELF, LAYER = Int(1, 999), Int(1, 999)

# parcels in and out
declare("parcel.received", sends_text=True, parcel_id=Id(), waybill=Text(64, WAYBILL), courier=Code(),
        pickup_code=Text(16, PICKUP_CODE), shelf=SHELF, layer=LAYER, from_manifest=Bool(), damaged=Bool(),
        damage_note=NOTE, **RECIPIENT_OPTIONAL, **SMS,
        adds=(Adds(PARCELS_RECEIVED), Adds(PARCELS_RECEIVED_BY_COURIER, by="courier")))
declare("parcel.recipient_set", sends_text=True, parcel_id=Id(), **RECIPIENT, **SMS,
        not_counted="who a parcel is for: the county's parcel list follows it, no figure moves")
declare("parcel.flagged_damaged", parcel_id=Id(), note=NOTE, adds=(Adds(PARCELS_DAMAGED),))
declare("parcel.courier_changed", parcel_id=Id(), from_=Code(), to=Code(),
        not_counted="a correction of the courier: the county's parcel list follows it")
declare("parcel.picked_up", parcel_id=Id(), waybill=Text(64, WAYBILL), handover=Code(), proxy_name=NAME,
        proxy_phone_tail=Text(4, TAIL), adds=(Adds(PARCELS_PICKED_UP), Adds(PARCELS_HANDED_OVER, by="handover")))
declare("parcel.pickup_undone", parcel_id=Id(), waybill=Text(64, WAYBILL), reason=NOTE, supervisor_id=Id(),
        pickup_code=Text(16, PICKUP_CODE), shelf=SHELF, layer=LAYER,
        adds=(Adds(PARCELS_PICKED_UP, sign=-1),))  # the hand-over of the day is taken back
declare("parcel.reminded", sends_text=True, parcel_id=Id(), notification_id=Id(), recipient_phone=Phone(),
        sms_body=Text(500), adds=(Adds(PARCELS_REMINDED),))
declare("parcel.called", parcel_id=Id(), waybill=Text(64, WAYBILL), cause=Code(), note=Text(200),
        adds=(Adds(CALLS_MADE),))  # the clerk phoned the recipient; an overdue parcel's reminder clock restarts
declare("parcel.returned", parcel_id=Id(), waybill=Text(64, WAYBILL), reason=NOTE, adds=(Adds(PARCELS_RETURNED),))
declare("manifest.imported", source=Text(260), sha256=Text(64, re.compile(r"^[0-9a-f]{64}$")),
        rows=Int(0, 1_000_000), waybills=ListOf(Text(64, WAYBILL), max_items=1_000_000),
        not_counted="parcels expected, not yet work done: each counts when it is received")

# sending
declare("sender.registered", sender_id=Id(), kind=Code(), name=SHORT, phone=Phone(), id_type=Code(),
        id_number=Text(40), company_name=SHORT, credit_code=Text(40),
        not_counted="a customer record: the sending it is for counts")
declare("sending.refused", sending_id=Id(), reason=NOTE, item=Text(200), sender_id=Id(nullable=True),
        findings=FINDINGS, adds=(Adds(SENDINGS_REFUSED),))
declare("sending.accepted", sending_id=Id(), waybill=Text(64, WAYBILL), waybill_source=Code(), courier=Code(),
        sender_id=Id(), recipient_name=NAME, recipient_phone=Phone(), province=NAME, city=NAME, county=NAME,
        address=LONG, item=Text(200), inspected=Bool(), weight_g=Grams(hi=1_000_000),
        chargeable_g=Grams(hi=10_000_000), fee_fen=Fen(hi=10_000_000), payment=Code(),
        approved_by=Id(nullable=True), findings=FINDINGS,
        adds=(Adds(SENDINGS), Adds(SENDINGS_BY_COURIER, by="courier"), Adds(UP),
              Adds(SENDING_FEES, "fee_fen", by="payment"), Adds(SENDING_FEES_BY_COURIER, "fee_fen", by="courier"),
              Adds(EARNINGS, "fee_fen", key="sending"), Adds(CASH_IN, "fee_fen", when=("payment", "cash"))))
declare("dispatch.opened", dispatch_id=Id(), route_code=Text(64), departs_at=Timestamp(),
        items=ListOf(Text(64), max_items=100_000), not_counted="the bus hand-over counts when it is closed")
declare("dispatch.scanned", dispatch_id=Id(), code=Text(64),
        not_counted="one scan of a run: the close says what went on the bus")
declare("dispatch.closed", dispatch_id=Id(), scanned=ListOf(Text(64), max_items=100_000),
        missing=ListOf(Text(64), max_items=100_000), extra=ListOf(Text(64), max_items=100_000),
        adds=(Adds(DISPATCH_RUNS), Adds(DISPATCH_LOADED, "scanned"), Adds(DISPATCH_MISSING, "missing")))

# produce consignment: paying by bank card was 'bank' here until migration 0007 made it 'bank_card' as bills say;
# ops journalled before the upgrade keep 'bank' (never rewritten) and read as 'bank_card'
PAYOUT_METHOD = Code(aliases=(("bank", "bank_card"),))
declare("consignor.added", consignor_id=Id(), name=NAME, phone=Phone(), village=NAME, payout=PAYOUT_METHOD,
        account=Text(64), not_counted="a farmer's record: the intake counts")
declare("produce.taken_in", lot_id=Id(), lot_no=Text(64), consignor_id=Id(), product_code=Text(64), grade=NAME,
        gross_g=Grams(), tare_g=Grams(), deduction_g=Grams(), net_g=Grams(), price_fen_per_kg=Fen(hi=10_000_000),
        boxes=ListOf(Text(64), max_items=10_000),
        adds=(Adds(PRODUCE_NET, "net_g"), Adds(PRODUCE_BOXES, "boxes"), Adds(UP, "boxes"),
              Adds(PRODUCE_NET_BY_PRODUCT, "net_g", by="product_code"),
              Adds(PRODUCE_BOXES_BY_PRODUCT, "boxes", by="product_code")))
declare("produce.sold", sale_id=Id(), lot_id=Id(), lot_no=Text(64), sold_g=Grams(), sales_fen=Fen(), source=Code(),
        feed_seq=Int(1, MAX_SEQ, optional=True),  # a county sale names the feed item it came from
        adds=(Adds(PRODUCE_SALES, "sales_fen"), Adds(PRODUCE_SOLD, "sold_g")))
# a county feed item the station could not apply, and why (the county's lot check reads these)
declare("feed.refused", seq=Int(1, MAX_SEQ), kind=Code(), code=Code(), reason=Text(300),
        lot_no=Text(64, optional=True), not_counted="a county item refused: the county's own lot check reads it")
# the clerk read a county announcement or instruction (its feed seq): the county shows who has read what
declare("message.read", seq=Int(1, MAX_SEQ), read_at=Timestamp(),
        not_counted="who read a county message: the county's message page reads it, no business figure moves")
declare("produce.returned", lot_id=Id(), lot_no=Text(64), returned_g=Grams(), adds=(Adds(PRODUCE_RETURNED,
                                                                                          "returned_g"),))
declare("produce.settled", settlement_id=Id(), consignor_id=Id(), sales_fen=Fen(), commission_fen=Fen(),
        fees_fen=Fen(), payout_fen=Fen(), sale_ids=ListOf(Id(), max_items=100_000), key="settlement_id",
        adds=(Adds(PRODUCE_SETTLED_PAYOUT, "payout_fen"), Adds(EARNINGS, "commission_fen", key="produce")))
declare("produce.paid", settlement_id=Id(), method=PAYOUT_METHOD,
        adds=(Adds(PRODUCE_PAYOUTS, "payout_fen", by="method", of="produce.settled"),
              Adds(CASH_OUT, "payout_fen", when=("method", "cash"), of="produce.settled")))

# bill payments: a bill counts on the business day it was logged for; a void takes all of it back
declare("bill.paid", payment_id=Id(), type_code=Code(), account=Text(64), payer_name=NAME, payer_phone=Phone(),
        amount_fen=Fen(hi=100_000_000), channel=Code(), reference=Text(100), commission_fen=Fen(hi=10_000_000),
        business_day=Day(), key="payment_id", day_field="business_day",
        adds=(Adds(BILLS_PAID), Adds(BILLS, "amount_fen", by="type_code"),
              Adds(BILLS_PAID_BY_TYPE, by="type_code"),
              Adds(BILLS_BY_CHANNEL, "amount_fen", by="channel"),
              Adds(BILLS_BY_CHANNEL, "commission_fen", by="channel"),
              Adds(BILL_COMMISSION, "commission_fen"), Adds(EARNINGS, "commission_fen", key="bills"),
              Adds(CASH_IN, "amount_fen", when=("channel", "cash")),
              Adds(CASH_IN, "commission_fen", when=("channel", "cash"))))
declare("bill.voided", payment_id=Id(), reason=NOTE, supervisor_id=Id(), cancels="bill.paid",
        adds=(Adds(BILLS_VOIDED),))

# the day close: totals are money/weight/count figures, flat or by channel, and short words (day, float source)
declare("day.closed", day=Day(), totals=MapOf(AnyOf(choices=(Int(-MAX_FEN, MAX_FEN), Text(32),
                                                                MapOf(Int(-MAX_FEN, MAX_FEN))))),
        counted_cash_fen=Fen(), difference_fen=Fen(-MAX_FEN), reason=NOTE,
        not_counted="the day's figures themselves, as the station saw them: counting them would count twice")
declare("day.reopened", day=Day(), reason=NOTE, supervisor_id=Id(), not_counted="the day's ops still count")
declare("day.float_set", day=Day(), float_fen=Fen(hi=10_000_000), previous_fen=Fen(), reason=NOTE,
        supervisor_id=Id(), not_counted="the drawer's float is read by the day close itself, not a takings figure")

# the station itself
declare("station.created", code=Text(32, _CODE), name=SHORT, device_id=Id(), not_counted=SETUP)
declare("clerk.added", clerk_id=Id(), name=NAME, role=Code(), not_counted=SETUP)
declare("clerk.locked_out", clerk_id=Id(), seconds=Int(0, 30 * 86400), not_counted=SETUP)
declare("settings.changed", name=Code(), value=Text(1000), not_counted=SETUP)
declare("shelves.configured", layout=ListOf(ListOf(Int(0, 99_999), max_items=3), max_items=999), not_counted=SETUP)
declare("shelves.current_set", shelf=SHELF, layer=LAYER, not_counted=SETUP)


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


# ----- reading the figures (day close, reports and the county's rollups all go through here) -------------------
# (op type, key field, key value) → the payload of that op about the same thing, or None
Lookup = Callable[[str, str, Any], Mapping[str, Any] | None]


def read(op_type: str, payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """The payload in today's words: a field's old word (``aliases``) reads as the new one, so an op journalled
    before a rename and one after count as one thing. The stored op is not changed."""
    renamed = ALIASED.get(op_type)
    if not renamed:
        return payload
    out = dict(payload)
    for name, table in renamed.items():
        value = out.get(name)
        if isinstance(value, str) and value in table:
            out[name] = table[value]
    return out


def contributions(op_type: str, payload: Mapping[str, Any],
                  lookup: Lookup | None = None) -> Iterator[tuple[str, str | None, int]]:
    """(figure, key or None, amount) for each figure a well-formed op moves, as its declaration says (in today's
    words: see ``read``)."""
    payload = read(op_type, payload)
    for a in OPS[op_type].adds:
        if a.when is not None and payload.get(a.when[0]) != a.when[1]:
            continue
        source: Mapping[str, Any] | None = payload
        if a.of is not None:
            key = OPS[a.of].key
            source = lookup(a.of, key, payload[key]) if lookup is not None and key else None
            if source is None:  # the op it refers to is not known here: nothing to add
                continue
        value = 1 if a.amount is None or source is None else source[a.amount]
        amount = len(value) if isinstance(value, list) else int(value)
        yield a.figure, a.key if a.key is not None else (str(payload[a.by]) if a.by else None), a.sign * amount


def cancelled(op_type: str, payload: Mapping[str, Any], lookup: Lookup) -> bool:
    """Whether a correction (a void) took this op back, wherever it is."""
    by = CANCELLED_BY.get(op_type)
    key = OPS[op_type].key
    return by is not None and key is not None and lookup(by, key, payload[key]) is not None


def business_day(op_type: str, payload: Mapping[str, Any]) -> str | None:
    """The business day the op declares for itself (a bill logged for a day), else None: its time decides."""
    day_field = OPS[op_type].day_field
    return str(payload[day_field]) if day_field else None


class Figures(dict[str, int | dict[str, int]]):
    """Figures summed through the declarations: a flat figure is an int, a keyed one a dict."""

    def add(self, figure: str, key: str | None, amount: int) -> None:
        if key is None:
            self[figure] = int(self.get(figure, 0)) + amount  # type: ignore[arg-type]
        else:
            keyed = self.setdefault(figure, {})
            assert isinstance(keyed, dict)
            keyed[key] = keyed.get(key, 0) + amount

    def flat(self, figure: str) -> int:
        value = self.get(figure, 0)
        return value if isinstance(value, int) else sum(value.values())

    def keyed(self, figure: str) -> dict[str, int]:
        value = self.get(figure, {})
        return dict(value) if isinstance(value, dict) else {}

    def value(self, figure: str) -> int | dict[str, int]:
        """As the figure is declared: a keyed one as its dict, a flat one as its int (0 or {} if none)."""
        return self.keyed(figure) if FIGURES[figure].keyed else self.flat(figure)


def tally(ops: Iterable[tuple[str, Mapping[str, Any]]], lookup: Lookup, into: Figures | None = None) -> Figures:
    """Sum the figures of well-formed ops; a cancelled op (a voided bill) adds nothing."""
    figures = Figures() if into is None else into
    for op_type, payload in ops:
        if op_type in CANCELLED_BY and cancelled(op_type, payload, lookup):
            continue
        for name, key, amount in contributions(op_type, payload, lookup):
            figures.add(name, key, amount)
    return figures


def types_adding(*figures: str) -> tuple[str, ...]:
    """The op types that move any of these figures (directly or through an op they refer to)."""
    return tuple(sorted(op.name for op in OPS.values() if any(a.figure in figures for a in op.adds)))


# Business lines declared in their own modules register on import (after everything above is defined).
from . import op_lines  # noqa: E402,F401
