"""The lots taken in on one business day, newest first: the produce page's list of today's work."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .clock import to_iso


@dataclass(frozen=True)
class LotRow:
    lot_no: str
    farmer: str
    phone: str
    product: str
    grade: str
    net_g: int
    boxes: int
    boxes_in_station: int
    status: str  # in_station | dispatched | closed
    created_at: str


def lots_on(conn: sqlite3.Connection, day: date) -> list[LotRow]:
    lo = to_iso(datetime.combine(day, datetime.min.time()).astimezone())
    hi = to_iso(datetime.combine(day + timedelta(days=1), datetime.min.time()).astimezone())
    rows = conn.execute(
        "SELECT l.lot_no, c.name, c.phone, l.product_name, l.grade, l.net_g, l.boxes, l.status, l.created_at, "
        "(SELECT count(*) FROM boxes b WHERE b.lot_id = l.id AND b.status = 'in_station') AS waiting "
        "FROM lots l JOIN consignors c ON c.id = l.consignor_id WHERE l.created_at >= ? AND l.created_at < ? "
        "ORDER BY l.created_at DESC", (lo, hi)).fetchall()
    return [LotRow(r["lot_no"], r["name"], r["phone"], r["product_name"], r["grade"], r["net_g"], r["boxes"],
                   r["waiting"], r["status"], r["created_at"]) for r in rows]
