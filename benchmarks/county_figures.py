"""County figures on a loaded county (issue #13). Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/county_figures.py [--stations 300] [--days 90] [--per-day 200]

Loads N stations × D days of ops (parcels received / picked up / returned, sendings, bills) through the server's
ingest path (storage.apply_batch: checks, ledger, projection, in one transaction per station-day batch), once with
the keyed figures of sync/server/derived.py and once without (the ingest of before), then times a quarter's figures
by township, by courier, with comparisons, and the subsidy .xlsx. The defaults are small enough for a laptop minute;
the issue's county is --stations 300 --days 90 --per-day 200 (≈ 5.4 M ops: hours).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station_app.core.ids import uuid7  # noqa: E402
from sync.server import derived, figures, health, stations, storage, subsidy, xlsx  # noqa: E402
from sync.server.rollups import CHINA  # noqa: E402

COURIERS = ("EMS", "ZTO", "YTO", "YUNDA", "STO", "JT", "SF", "JD")


def _areas(conn: Any, n: int) -> list[str]:
    townships = max(1, n // 10)
    with storage.transaction(conn):
        conn.execute("INSERT INTO areas VALUES ('500237000000', '巫山县', 'county', NULL)")
        for t in range(townships):
            conn.execute("INSERT INTO areas VALUES (?, ?, 'township', '500237000000')",
                         (f"500237{101 + t:03d}000", f"第{t + 1}镇"))
        villages = [f"500237{101 + i % townships:03d}{201 + i // townships:03d}" for i in range(n)]
        for i, v in enumerate(villages):
            conn.execute("INSERT INTO areas VALUES (?, ?, 'village', ?)", (v, f"第{i + 1}村", v[:9] + "000"))
    return villages


def _day_ops(rng: random.Random, day: date, per_day: int, shelf: list[tuple[str, str]], seq: int) -> list[dict]:
    """A station's day: half receipts, a third pickups of parcels on the shelf, returns, sendings and bills."""
    out = []
    start = datetime.combine(day, datetime.min.time(), CHINA).replace(hour=8).astimezone(UTC)
    for i in range(per_day):
        at = (start + timedelta(seconds=i * 36_000 // per_day)).isoformat(timespec="milliseconds")[:23] + "Z"
        roll = rng.random()
        if roll < 0.5 or not shelf:
            pid, courier = uuid7(), rng.choice(COURIERS)
            shelf.append((pid, courier))
            kind, entity, payload = "parcel.received", pid, {
                "parcel_id": pid, "waybill": f"W{rng.getrandbits(40):012d}", "courier": courier,
                "pickup_code": "2-1-0001", "shelf": 2, "layer": 1, "from_manifest": False, "damaged": False,
                "damage_note": ""}
        elif roll < 0.85:
            pid, _ = shelf.pop(rng.randrange(len(shelf)))
            kind, entity, payload = "parcel.picked_up", pid, {"parcel_id": pid, "waybill": "W1", "handover": "self",
                                                              "proxy_name": "", "proxy_phone_tail": ""}
        elif roll < 0.9:
            pid, _ = shelf.pop(0)
            kind, entity, payload = "parcel.returned", pid, {"parcel_id": pid, "waybill": "W1", "reason": "overdue"}
        elif roll < 0.95:
            sid = uuid7()
            kind, entity, payload = "sending.accepted", sid, {
                "sending_id": sid, "waybill": f"S{rng.getrandbits(40):012d}", "waybill_source": "station",
                "courier": rng.choice(COURIERS), "sender_id": uuid7(), "recipient_name": "李四",
                "recipient_phone": "13912345678", "province": "广东", "city": "广州市", "county": "天河区",
                "address": "体育西路 1 号", "item": "衣服", "inspected": True, "weight_g": 2300, "chargeable_g": 2300,
                "fee_fen": 2000, "payment": "cash", "approved_by": None, "findings": []}
        else:
            bid = uuid7()
            kind, entity, payload = "bill.paid", bid, {
                "payment_id": bid, "type_code": "ELEC", "account": "1234567890", "payer_name": "王", "payer_phone":
                "13800001111", "amount_fen": 10_000, "channel": "cash", "reference": "T", "commission_fen": 0,
                "business_day": day.isoformat()}
        out.append({"op_id": uuid7(), "device_seq": seq + i + 1, "type": kind, "entity_id": entity,
                    "payload": payload, "created_at": at})
    return out


def load(data_dir: Path, n: int, days: int, per_day: int, last: date) -> float:
    """Ops per second through storage.apply_batch."""
    storage.init(data_dir)
    conn = storage.connect(data_dir)
    villages = _areas(conn, n)
    callers = []
    for i in range(n):
        code = f"S{i:03d}"
        enrolment = stations.add(conn, stations.Record(code, f"{code} 站", villages[i]))
        device = uuid7()
        storage.enroll(conn, enrolment, device)
        callers.append(storage.Caller(code, device))
    rng = random.Random(13)
    shelves: list[list[tuple[str, str]]] = [[] for _ in range(n)]
    total, spent = 0, 0.0
    for d in range(days):
        day = last - timedelta(days=days - 1 - d)
        for i, caller in enumerate(callers):
            batch = _day_ops(rng, day, per_day, shelves[i], d * per_day)
            began = time.perf_counter()
            storage.apply_batch(conn, caller, batch)
            spent += time.perf_counter() - began
            total += len(batch)
    conn.close()
    return total / spent


def timed(label: str, fn: Any) -> None:
    began = time.perf_counter()
    fn()
    print(f"  {label:<48} {time.perf_counter() - began:8.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stations", type=int, default=30)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=60)
    args = parser.parse_args()
    last = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        ops = args.stations * args.days * args.per_day
        print(f"county of {args.stations} stations × {args.days} days × {args.per_day} ops = {ops:,} ops")
        with_keys = load(Path(tmp) / "keyed", args.stations, args.days, args.per_day, last)
        keep = derived.contributions
        derived.contributions = lambda *a, **k: iter(())  # type: ignore[assignment]  # the ingest of before
        try:
            without = load(Path(tmp) / "plain", args.stations, args.days, args.per_day, last)
        finally:
            derived.contributions = keep  # type: ignore[assignment]
        print(f"  ingest with keyed figures (courier, route, dwell) {with_keys:10,.0f} ops/s")
        print(f"  ingest without them (before this change)          {without:10,.0f} ops/s "
              f"({with_keys / without - 1:+.0%})")
        conn = storage.connect(Path(tmp) / "keyed")
        start = last - timedelta(days=min(args.days, 91) - 1)
        rows = conn.execute("SELECT count(*) FROM rollups").fetchone()[0]
        print(f"  rollup rows {rows:,}; period {start} – {last}")
        timed("figures by township", lambda: figures.figures(conn, start, last, "township"))
        timed("figures by courier", lambda: figures.figures(conn, start, last, "courier"))
        timed("figures by village with previous + last year", lambda: figures.compared(conn, start, last,
                                                                                         "village"))
        timed("station health", lambda: health.health(conn, start, last))
        timed("subsidy sheet .xlsx", lambda: xlsx.write_sheet(subsidy.sheet(conn, start, last),
                                                              Path(tmp) / "sheet.xlsx"))
        conn.close()


if __name__ == "__main__":
    main()
