"""派费: a month's statement for one courier with 20,000 parcels, and reconciliation against a 20,000-row courier
file (CSV in GBK, and .xlsx). Prints numbers (targets from issue 16: statement ≤ 1 s, reconciliation ≤ 2 s).

    .venv/bin/python benchmarks/courier_fees_bench.py [--parcels 20000]

The month's fees are written straight into courier_fees (what courier_fees.earn writes per piece; the journal ops
are not read by the statement), with parcels received that month for the received count; the courier's file
lists the same waybills with 1 % missing, 1 % extra and 1 % at another amount.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station_app.core import courier_fees, courier_reconcile, db, station  # noqa: E402
from station_app.core.clock import to_iso  # noqa: E402
from station_app.core.ids import uuid7  # noqa: E402


def build(data_dir: Path, n: int) -> tuple[sqlite3.Connection, str, list[str]]:
    conn = db.open_db(data_dir)
    _, clerk = station.init_station(conn, "S001", "龙雾村便民服务站", "王芳", "1234")
    first = datetime(2026, 11, 1, 8).astimezone()
    waybills = [f"73{i:010d}" for i in range(n)]
    rows, fees = [], []
    for i, w in enumerate(waybills):
        at = to_iso(first + timedelta(minutes=i * 2))
        pid = uuid7()
        rows.append((pid, w, w.upper(), "ZTO", "in_stock" if i % 10 else "returned", 1, 1, f"1-1-{i:04d}"[:16], at,
                     clerk.id))
        fees.append((pid, "returned" if i % 10 == 0 else "delivered", w, "ZTO", 30 if i % 10 == 0 else 60, at))
    with conn:
        conn.executemany("INSERT INTO parcels (id, waybill, waybill_key, courier, status, shelf, layer, pickup_code,"
                         " received_at, received_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
                         [(r[0], r[1], r[2], r[3], "picked_up", r[5], r[6], r[7], r[8], r[9]) for r in rows])
        conn.executemany("INSERT INTO courier_fees (parcel_id, kind, waybill, courier, fee_fen, earned_at) "
                         "VALUES (?,?,?,?,?,?)", fees)
    return conn, "2026-11", waybills


def their_file(path: Path, waybills: list[str]) -> None:
    lines = ["运单号,派费"]
    for i, w in enumerate(waybills):
        if i % 100 == 1:
            continue  # missing from theirs
        fee = "0.30" if i % 10 == 0 else "0.60"
        lines.append(f"{w},{'0.50' if i % 100 == 2 else fee}")
    lines += [f"79{i:010d},0.60" for i in range(len(waybills) // 100)]  # on theirs only
    path.write_bytes(("\n".join(lines) + "\n").encode("gbk"))


def timed(work, runs: int = 5) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parcels", type=int, default=20_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fees-bench-"))
    conn, month, waybills = build(tmp / "data", args.parcels)
    csv_path = tmp / "theirs.csv"
    their_file(csv_path, waybills)
    from openpyxl import Workbook
    book = Workbook()
    for line in csv_path.read_bytes().decode("gbk").splitlines():
        book.active.append(line.split(","))
    xlsx_path = tmp / "theirs.xlsx"
    book.save(xlsx_path)

    found = courier_fees.statement(conn, "ZTO", month)
    result = courier_reconcile.reconcile(found, courier_reconcile.read_file(csv_path))
    statement_ms = timed(lambda: courier_fees.statement(conn, "ZTO", month))
    csv_ms = timed(lambda: courier_reconcile.reconcile(found, courier_reconcile.read_file(csv_path)))
    xlsx_ms = timed(lambda: courier_reconcile.reconcile(found, courier_reconcile.read_file(xlsx_path)), runs=3)
    print(f"\n派费 benchmarks — {len(found.lines):,} fees on one courier's month, {len(waybills):,}-row courier file\n")
    print(f"{'measure':<56}{'median / max':>18}{'target':>10}")
    print("-" * 84)
    for name, values, target in (("month's statement (courier_fees.statement)", statement_ms, "≤ 1 s"),
                                 ("reconcile with the courier's CSV (GBK), read included", csv_ms, "≤ 2 s"),
                                 ("reconcile with the courier's .xlsx, read included", xlsx_ms, "≤ 2 s")):
        print(f"{name:<56}{f'{statistics.median(values):.0f} / {max(values):.0f} ms':>18}{target:>10}")
    print(f"\ndifferences found: {len(result.ours_only)} ours only, {len(result.theirs_only)} theirs only, "
          f"{len(result.amounts_differ)} amounts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
