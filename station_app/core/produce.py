"""Produce consignment (农产品代销/上行): consignors, intake by weight and grade, sales, settlement."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import journal, refdata, settings, station
from .clock import local_day, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7
from .privacy import normalize_mobile

PAYOUTS = ("cash", "wechat", "alipay", "bank_card")  # the same codes as bills.CHANNELS for the same ways to pay
METHOD_ALIASES = {"bank": "bank_card"}  # the old name, in ops written before migration 0007 and in old scripts


def payout_method(method: str) -> str:
    """A payout method by its one name; refused when it is none of PAYOUTS."""
    method = METHOD_ALIASES.get(method, method)
    if method not in PAYOUTS:
        raise StationError("payout_invalid", method)
    return method


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    unit: str
    grades: tuple[str, ...]
    origin: str


def products(conn: sqlite3.Connection) -> list[Product]:
    return [Product(str(r["product_code"]), str(r["name"]), str(r["unit"]), tuple(str(r["grades"]).split("|")),
                    str(r.get("origin_district", ""))) for r in refdata.rows(conn, "produce_catalog")]


def add_consignor(conn: sqlite3.Connection, name: str, phone: str, *, village: str = "", payout: str = "cash",
                  account: str = "", clerk_id: str) -> str:
    if not name.strip():
        raise StationError("consignor_name_missing")
    payout = payout_method(payout)
    mobile = normalize_mobile(phone)
    if conn.execute("SELECT 1 FROM consignors WHERE phone = ?", (mobile,)).fetchone():
        raise StationError("consignor_exists", mobile[-4:], tail=mobile[-4:])
    consignor_id = uuid7()
    with transaction(conn):
        conn.execute("INSERT INTO consignors (id, name, phone, village, payout, payout_account, created_at) "
                     "VALUES (?,?,?,?,?,?,?)", (consignor_id, name.strip(), mobile, village.strip(), payout,
                                                account.strip(), to_iso(utc_now())))
        journal.append(conn, "consignor.added", {"consignor_id": consignor_id, "name": name.strip(),
                                                 "phone": mobile, "village": village.strip(), "payout": payout,
                                                 "account": account.strip()}, clerk_id=clerk_id,
                       entity_id=consignor_id)
    return consignor_id


@dataclass(frozen=True)
class Consignor:
    id: str
    name: str
    phone: str
    village: str
    payout: str  # one of PAYOUTS


def find_consignor(conn: sqlite3.Connection, phone: str) -> Consignor | None:
    row = conn.execute("SELECT id, name, phone, village, payout FROM consignors WHERE phone = ?",
                       (phone.strip(),)).fetchone()
    if row is None:
        return None
    return Consignor(row["id"], row["name"], row["phone"], row["village"], METHOD_ALIASES.get(row["payout"],
                                                                                               row["payout"]))


@dataclass(frozen=True)
class Intake:
    consignor_id: str
    product_code: str
    grade: str
    gross_g: int
    tare_g: int
    deduction_g: int  # moisture, rejects
    price_fen_per_kg: int  # agreed or listed
    boxes: int


@dataclass(frozen=True)
class Lot:
    id: str
    lot_no: str
    product: Product
    grade: str
    net_g: int
    boxes: list[str]
    trace: str  # what the box label's QR carries


def take_in(conn: sqlite3.Connection, intake: Intake, *, clerk_id: str) -> Lot:
    product = next((p for p in products(conn) if p.code == intake.product_code), None)
    if product is None:
        raise StationError("product_unknown", intake.product_code)
    if intake.grade not in product.grades:
        raise StationError("grade_unknown", intake.grade, grade=intake.grade)
    if min(intake.gross_g, intake.tare_g, intake.deduction_g, intake.price_fen_per_kg) < 0 or intake.gross_g <= 0:
        raise StationError("weight_invalid", str(intake.gross_g))
    net = intake.gross_g - intake.tare_g - intake.deduction_g
    if net <= 0:
        raise StationError("net_weight_not_positive", str(net))
    if not 1 <= intake.boxes <= 500:
        raise StationError("boxes_invalid", str(intake.boxes))
    consignor = conn.execute("SELECT village FROM consignors WHERE id = ?", (intake.consignor_id,)).fetchone()
    if consignor is None:
        raise StationError("consignor_unknown")
    here = station.get(conn)
    code = here.code if here else "ST"
    day = local_day(utc_now())
    lot_id = uuid7()
    with transaction(conn):
        # S001-261123001, and its boxes S001-26112300101 …: one run of digits keeps the Code 128 short
        seq = conn.execute("SELECT count(*) FROM lots WHERE lot_no LIKE ?", (f"{code}-{day:%y%m%d}%",)
                           ).fetchone()[0] + 1
        lot_no = f"{code}-{day:%y%m%d}{seq:03d}"
        boxes = [f"{lot_no}{n:02d}" for n in range(1, intake.boxes + 1)]
        conn.execute(
            "INSERT INTO lots (id, lot_no, consignor_id, product_code, product_name, grade, gross_g, tare_g,"
            " deduction_g, net_g, price_fen_per_kg, boxes, status, created_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?, 'in_station', ?)",
            (lot_id, lot_no, intake.consignor_id, product.code, product.name, intake.grade, intake.gross_g,
             intake.tare_g, intake.deduction_g, net, intake.price_fen_per_kg, intake.boxes, to_iso(utc_now())))
        conn.executemany("INSERT INTO boxes (code, lot_id) VALUES (?, ?)", [(b, lot_id) for b in boxes])
        journal.append(conn, "produce.taken_in", {
            "lot_id": lot_id, "lot_no": lot_no, "consignor_id": intake.consignor_id, "product_code": product.code,
            "grade": intake.grade, "gross_g": intake.gross_g, "tare_g": intake.tare_g,
            "deduction_g": intake.deduction_g, "net_g": net, "price_fen_per_kg": intake.price_fen_per_kg,
            "boxes": boxes}, clerk_id=clerk_id, entity_id=lot_id)
    trace = (f"lot={lot_no};product={product.name};grade={intake.grade};origin={consignor['village'] or product.origin}"
             f";station={here.name if here else ''};date={day.isoformat()}")
    return Lot(lot_id, lot_no, product, intake.grade, net, boxes, trace)


@dataclass(frozen=True)
class LotDetails:
    """A lot's weighing and price as taken in: what the farmer's intake receipt shows."""

    id: str
    lot_no: str
    product_name: str
    grade: str
    gross_g: int
    tare_g: int
    deduction_g: int
    net_g: int
    price_fen_per_kg: int
    boxes: list[str]
    created_at: str  # UTC ISO-8601

    @property
    def value_fen(self) -> int:
        """Net weight at the intake price, to the nearest fen (grams × fen per kg / 1000, half up)."""
        return (self.net_g * self.price_fen_per_kg + 500) // 1000


def lot_details(conn: sqlite3.Connection, lot_id: str) -> LotDetails:
    row = conn.execute("SELECT * FROM lots WHERE id = ?", (lot_id,)).fetchone()
    if row is None:
        raise StationError("lot_unknown", lot_id, lot=lot_id)
    boxes = [r[0] for r in conn.execute("SELECT code FROM boxes WHERE lot_id = ? ORDER BY code", (lot_id,))]
    return LotDetails(row["id"], row["lot_no"], row["product_name"], row["grade"], row["gross_g"], row["tare_g"],
                      row["deduction_g"], row["net_g"], row["price_fen_per_kg"], boxes, row["created_at"])


def record_sale(conn: sqlite3.Connection, lot_no: str, sold_g: int, sales_fen: int, *, source: str,
                clerk_id: str | None) -> str:
    with transaction(conn):
        return record_sale_in(conn, lot_no, sold_g, sales_fen, source=source, clerk_id=clerk_id)


def _kg(grams: int) -> str:
    """Grams as kilograms for a sentence, exactly: 4500 -> '4.500'."""
    return f"{grams // 1000}.{grams % 1000:03d}"


def record_sale_in(conn: sqlite3.Connection, lot_no: str, sold_g: int, sales_fen: int, *, source: str,
                   clerk_id: str | None, feed_seq: int | None = None) -> str:
    """A (partial) sale of a lot, inside the caller's transaction: from the county feed or typed in.

    ``feed_seq`` names the county feed item it came from, so the county can tell which of its sale results
    the station has entered (and what is still left of the lot) when it checks the next import."""
    lot = conn.execute("SELECT * FROM lots WHERE lot_no = ?", (lot_no,)).fetchone()
    if lot is None:
        raise StationError("lot_unknown", lot_no, lot=lot_no)
    if isinstance(sold_g, bool) or isinstance(sales_fen, bool) or sold_g <= 0 or sales_fen < 0:
        raise StationError("sale_invalid", f"{sold_g} g {sales_fen} fen", lot=lot_no)
    already = conn.execute("SELECT coalesce(sum(sold_g), 0) FROM sales WHERE lot_id = ?", (lot["id"],)).fetchone()[0]
    left = max(0, lot["net_g"] - already - lot["returned_g"])
    if sold_g > left:
        raise StationError("sale_exceeds_lot", f"{lot_no}: {sold_g} g asked, {left} g left", lot=lot_no,
                           left_g=left, left_kg=_kg(left), asked_kg=_kg(sold_g))
    sale_id = uuid7()
    conn.execute("INSERT INTO sales (id, lot_id, sold_g, sales_fen, source, created_at) VALUES (?,?,?,?,?,?)",
                 (sale_id, lot["id"], sold_g, sales_fen, source, to_iso(utc_now())))
    payload: dict[str, object] = {"sale_id": sale_id, "lot_id": lot["id"], "lot_no": lot_no, "sold_g": sold_g,
                                  "sales_fen": sales_fen, "source": source}
    if feed_seq is not None:
        payload["feed_seq"] = feed_seq
    journal.append(conn, "produce.sold", payload, clerk_id=clerk_id, entity_id=lot["id"])
    return sale_id


def return_unsold(conn: sqlite3.Connection, lot_no: str, returned_g: int, *, clerk_id: str) -> None:
    """Unsold produce back to the farmer: it is no longer for sale."""
    with transaction(conn):
        lot = conn.execute("SELECT * FROM lots WHERE lot_no = ?", (lot_no,)).fetchone()
        if lot is None:
            raise StationError("lot_unknown", lot_no, lot=lot_no)
        sold = conn.execute("SELECT coalesce(sum(sold_g), 0) FROM sales WHERE lot_id = ?", (lot["id"],)).fetchone()[0]
        left = max(0, lot["net_g"] - sold - lot["returned_g"])
        if returned_g <= 0 or returned_g > left:
            raise StationError("sale_exceeds_lot", f"{lot_no}: {left} g left", lot=lot_no, left_g=left,
                               left_kg=_kg(left), asked_kg=_kg(max(returned_g, 0)))
        conn.execute("UPDATE lots SET returned_g = returned_g + ? WHERE id = ?", (returned_g, lot["id"]))
        journal.append(conn, "produce.returned", {"lot_id": lot["id"], "lot_no": lot_no, "returned_g": returned_g},
                       clerk_id=clerk_id, entity_id=lot["id"])


@dataclass(frozen=True)
class Settlement:
    id: str
    consignor_id: str
    sales_fen: int
    commission_fen: int
    fees_fen: int
    payout_fen: int
    lines: list[tuple[str, str, str, int, int]]  # lot_no, product, grade, sold_g, sales_fen


def settle(conn: sqlite3.Connection, consignor_id: str, *, fees_fen: int = 0, clerk_id: str) -> Settlement:
    """Sales not yet settled − the station's commission − fees = what the farmer is paid; to the fen."""
    with transaction(conn):
        rows = conn.execute(
            "SELECT s.id, s.sold_g, s.sales_fen, l.lot_no, l.product_name, l.grade FROM sales s "
            "JOIN lots l ON l.id = s.lot_id WHERE l.consignor_id = ? AND s.settlement_id IS NULL "
            "ORDER BY s.created_at", (consignor_id,)).fetchall()
        if not rows:
            raise StationError("nothing_to_settle")
        sales = sum(r["sales_fen"] for r in rows)
        permille = settings.get_int(conn, "commission_permille")
        commission = (sales * permille + 500) // 1000  # rounded half up, in whole fen
        payout = sales - commission - fees_fen
        if fees_fen < 0 or payout < 0:
            raise StationError("settlement_negative", str(payout))
        settlement_id = uuid7()
        conn.execute("INSERT INTO settlements (id, consignor_id, sales_fen, commission_fen, fees_fen, payout_fen,"
                     " created_at) VALUES (?,?,?,?,?,?,?)", (settlement_id, consignor_id, sales, commission, fees_fen,
                                                            payout, to_iso(utc_now())))
        conn.executemany("UPDATE sales SET settlement_id = ? WHERE id = ?", [(settlement_id, r["id"]) for r in rows])
        journal.append(conn, "produce.settled", {
            "settlement_id": settlement_id, "consignor_id": consignor_id, "sales_fen": sales,
            "commission_fen": commission, "fees_fen": fees_fen, "payout_fen": payout,
            "sale_ids": [r["id"] for r in rows]}, clerk_id=clerk_id, entity_id=settlement_id)
    lines = [(r["lot_no"], r["product_name"], r["grade"], r["sold_g"], r["sales_fen"]) for r in rows]
    return Settlement(settlement_id, consignor_id, sales, commission, fees_fen, payout, lines)


def record_payout(conn: sqlite3.Connection, settlement_id: str, method: str, *, clerk_id: str) -> None:
    method = payout_method(method)
    with transaction(conn):
        row = conn.execute("SELECT paid_at FROM settlements WHERE id = ?", (settlement_id,)).fetchone()
        if row is None:
            raise StationError("settlement_unknown")
        if row[0]:
            raise StationError("already_paid")
        conn.execute("UPDATE settlements SET paid_at = ?, paid_by = ? WHERE id = ?",
                     (to_iso(utc_now()), method, settlement_id))
        journal.append(conn, "produce.paid", {"settlement_id": settlement_id, "method": method},
                       clerk_id=clerk_id, entity_id=settlement_id)
