"""Daily and monthly figures: volumes down (下行) and up (上行) by courier — the basis of the county's subsidy —
the station's earnings by business line and courier, and overdue and return rates."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import settings
from .clock import from_iso, local_day, to_iso, utc_now
from .errors import StationError


@dataclass
class Report:
    start: date
    end: date  # inclusive
    days: list[date] = field(default_factory=list)
    down_by_day: dict[date, int] = field(default_factory=dict)  # parcels in
    up_by_day: dict[date, int] = field(default_factory=dict)  # parcels sent + produce boxes
    down_by_courier: dict[str, int] = field(default_factory=dict)
    up_by_courier: dict[str, int] = field(default_factory=dict)
    produce_boxes: int = 0
    earnings_fen: dict[str, int] = field(default_factory=dict)  # by business line
    sending_fees_by_courier_fen: dict[str, int] = field(default_factory=dict)
    received: int = 0
    returned: int = 0
    in_stock: int = 0
    overdue: int = 0

    @property
    def return_rate(self) -> float:
        return self.returned / self.received if self.received else 0.0

    @property
    def overdue_rate(self) -> float:
        return self.overdue / self.in_stock if self.in_stock else 0.0


def parse_month(text: str) -> date:
    """'2026-11' → the first day of that month; anything else (2026-13, 2026-1x, 26-11) is refused, never
    rolled over into another month."""
    parts = text.strip().replace("/", "-").split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or not 1 <= len(parts[1]) <= 2:
        raise StationError("month_invalid", text.strip()[:20], month=text.strip()[:20])
    year, month = int(parts[0]), int(parts[1])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise StationError("month_invalid", text.strip()[:20], month=text.strip()[:20])
    return date(year, month, 1)


def month_range(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    return first, next_month - timedelta(days=1)


def build(conn: sqlite3.Connection, start: date, end: date, now: datetime | None = None) -> Report:
    report = Report(start, end, [start + timedelta(days=n) for n in range((end - start).days + 1)])
    down: Counter[date] = Counter()
    up: Counter[date] = Counter()
    down_c: Counter[str] = Counter()
    up_c: Counter[str] = Counter()
    earnings: defaultdict[str, int] = defaultdict(int)
    fees_c: defaultdict[str, int] = defaultdict(int)
    lo = to_iso(datetime.combine(start, datetime.min.time()).astimezone())
    hi = to_iso(datetime.combine(end + timedelta(days=1), datetime.min.time()).astimezone())
    voided = {r[0] for r in conn.execute("SELECT id FROM bill_payments WHERE status = 'voided'")}
    for row in conn.execute("SELECT type, payload, created_at FROM journal WHERE created_at >= ? AND created_at < ? "
                            "AND type IN ('parcel.received', 'parcel.returned', 'sending.accepted', 'produce.taken_in',"
                            " 'produce.settled', 'bill.paid')", (lo, hi)):
        kind, p, day = row["type"], json.loads(row["payload"]), local_day(from_iso(row["created_at"]))
        if kind == "parcel.received":
            down[day] += 1
            down_c[p["courier"]] += 1
            report.received += 1
        elif kind == "parcel.returned":
            report.returned += 1
        elif kind == "sending.accepted":
            up[day] += 1
            up_c[p["courier"]] += 1
            earnings["sending"] += int(p["fee_fen"])
            fees_c[p["courier"]] += int(p["fee_fen"])
        elif kind == "produce.taken_in":
            up[day] += len(p["boxes"])
            report.produce_boxes += len(p["boxes"])
        elif kind == "produce.settled":
            earnings["produce"] += int(p["commission_fen"])
        elif kind == "bill.paid" and p["payment_id"] not in voided:
            earnings["bills"] += int(p["commission_fen"])
    report.down_by_day = {d: down[d] for d in report.days}
    report.up_by_day = {d: up[d] for d in report.days}
    report.down_by_courier, report.up_by_courier = dict(down_c.most_common()), dict(up_c.most_common())
    report.earnings_fen, report.sending_fees_by_courier_fen = dict(earnings), dict(fees_c)
    report.in_stock = conn.execute("SELECT count(*) FROM parcels WHERE status = 'in_stock'").fetchone()[0]
    cutoff = (now or utc_now()) - timedelta(days=settings.get_int(conn, "return_after_days"))
    report.overdue = conn.execute("SELECT count(*) FROM parcels WHERE status = 'in_stock' AND received_at <= ?",
                                  (to_iso(cutoff),)).fetchone()[0]
    return report
