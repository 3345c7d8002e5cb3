"""Daily and monthly figures: volumes down (下行) and up (上行) by courier — the basis of the county's subsidy —
the station's earnings by business line and courier, and overdue and return rates."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sync import ops

from . import journal, settings
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


# what the report reads, by figure (the op declarations say which ops move them)
PER_DAY = (ops.PARCELS_RECEIVED, ops.UP)  # down and up by day
WHOLE = (ops.PARCELS_RECEIVED, ops.PARCELS_RECEIVED_BY_COURIER, ops.SENDINGS_BY_COURIER, ops.PARCELS_RETURNED,
         ops.PRODUCE_BOXES, ops.EARNINGS, ops.SENDING_FEES_BY_COURIER)
TYPES = ops.types_adding(*PER_DAY, *WHOLE)


def build(conn: sqlite3.Connection, start: date, end: date, now: datetime | None = None) -> Report:
    report = Report(start, end, [start + timedelta(days=n) for n in range((end - start).days + 1)])
    lo = to_iso(datetime.combine(start, datetime.min.time()).astimezone())
    hi = to_iso(datetime.combine(end + timedelta(days=1), datetime.min.time()).astimezone())
    whole, find = ops.Figures(), journal.lookup(conn)
    by_day: defaultdict[date, ops.Figures] = defaultdict(ops.Figures)
    for row in conn.execute(f"SELECT type, payload, created_at FROM journal WHERE created_at >= ? AND created_at < ?"
                            f" AND type IN ({','.join('?' * len(TYPES))})", (lo, hi, *TYPES)):
        op = [(row["type"], json.loads(row["payload"]))]
        ops.tally(op, find, whole)
        ops.tally(op, find, by_day[local_day(from_iso(row["created_at"]))])
    report.down_by_day = {d: by_day[d].flat(ops.PARCELS_RECEIVED) for d in report.days}
    report.up_by_day = {d: by_day[d].flat(ops.UP) for d in report.days}
    report.down_by_courier = dict(Counter(whole.keyed(ops.PARCELS_RECEIVED_BY_COURIER)).most_common())
    report.up_by_courier = dict(Counter(whole.keyed(ops.SENDINGS_BY_COURIER)).most_common())
    report.received, report.returned = whole.flat(ops.PARCELS_RECEIVED), whole.flat(ops.PARCELS_RETURNED)
    report.produce_boxes = whole.flat(ops.PRODUCE_BOXES)
    report.earnings_fen = whole.keyed(ops.EARNINGS)
    report.sending_fees_by_courier_fen = whole.keyed(ops.SENDING_FEES_BY_COURIER)
    report.in_stock = conn.execute("SELECT count(*) FROM parcels WHERE status = 'in_stock'").fetchone()[0]
    cutoff = (now or utc_now()) - timedelta(days=settings.get_int(conn, "return_after_days"))
    report.overdue = conn.execute("SELECT count(*) FROM parcels WHERE status = 'in_stock' AND received_at <= ?",
                                  (to_iso(cutoff),)).fetchone()[0]
    return report
