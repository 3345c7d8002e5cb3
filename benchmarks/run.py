"""The performance table for the parcel counter (issue #2). Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/run.py [--parcels 1000000] [--data-dir DIR]

Builds a station with N parcels (most already picked up, ~1,500 on the shelves, a few years of a village's
traffic), then measures on that real file: receive (validate + store + op, synchronous=FULL), pickup lookup
by phone tail, start-up to a usable window, and a 300-scan burst through the real GUI at scanner speed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station_app.core import db, manifest, parcels, pickup, shelving, station  # noqa: E402
from station_app.core.clock import to_iso, utc_now  # noqa: E402
from station_app.core.ids import uuid7  # noqa: E402

PHONES = [f"13{random.Random(i).randint(0, 999_999_999):09d}" for i in range(6000)]


def build(data_dir: Path, count: int) -> None:
    conn = db.open_db(data_dir)
    if station.get(conn) is not None and conn.execute("SELECT count(*) FROM parcels").fetchone()[0] >= count:
        conn.close()
        return
    _, boss = station.init_station(conn, "BENCH", "基准测试站", "王芳", "1234", shelves=20, layers=5, capacity=400)
    rng = random.Random(7)
    start = time.perf_counter()
    in_stock = 1500
    conn.execute("BEGIN")
    batch_p, batch_j = [], []
    for i in range(count):
        phone = rng.choice(PHONES)
        pid = uuid7()
        waybill = f"YT{i:013d}"
        status = "in_stock" if i >= count - in_stock else "picked_up"
        shelf, layer = 1 + (i // 5) % 20, 1 + i % 5
        code = f"{shelf}-{layer}-{i % 9999 + 1:04d}"
        at = to_iso(utc_now())
        batch_p.append((pid, waybill, waybill, "YTO", "村民", phone, phone[-4:], status, shelf, layer, code, at,
                        boss.id, at if status == "picked_up" else None))
        batch_j.append((uuid7(), "parcel.received", pid, "{}", boss.id, at))
        if len(batch_p) == 20_000:
            _flush(conn, batch_p, batch_j)
    _flush(conn, batch_p, batch_j)
    conn.execute("UPDATE journal SET sync_state = 'acked'")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    print(f"built {count:,} parcels in {time.perf_counter() - start:.0f} s", flush=True)
    conn.close()


def _flush(conn, batch_p, batch_j) -> None:
    conn.executemany(
        "INSERT INTO parcels (id, waybill, waybill_key, courier, recipient_name, recipient_phone, phone_tail, status,"
        " shelf, layer, pickup_code, received_at, received_by, picked_up_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        batch_p)
    conn.executemany("INSERT INTO journal (op_id, type, entity_id, payload, clerk_id, created_at) VALUES (?,?,?,?,?,?)",
                     batch_j)
    batch_p.clear()
    batch_j.clear()


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def bench_receive(data_dir: Path, n: int = 1000) -> list[float]:
    conn = db.open_db(data_dir)
    boss = conn.execute("SELECT id FROM clerks").fetchone()[0]
    shelving.configure(conn, [(s, 5, 9999) for s in range(1, 21)], clerk_id=boss)
    times = []
    stamp = int(time.time())
    for i in range(n):
        t = time.perf_counter()
        parcels.receive(conn, f"SF{stamp % 100000:05d}{i:08d}", clerk_id=boss, phone=random.choice(PHONES))
        times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return times


def bench_lookup(data_dir: Path, n: int = 1000) -> list[float]:
    conn = db.open_db(data_dir)
    tails = [p[-4:] for p in PHONES]
    times = []
    for _ in range(n):
        tail = random.choice(tails)
        t = time.perf_counter()
        try:
            pickup.lookup(conn, tail)
        except Exception:  # no parcel for that tail on the shelf: still a lookup
            pass
        times.append((time.perf_counter() - t) * 1000)
    conn.close()
    return times


def bench_startup(data_dir: Path, runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "station_app", "--data-dir", str(data_dir), "--exit-when-ready"],
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
        elapsed = (time.perf_counter() - t) * 1000
        if "ready_ms=" not in out.stdout:
            raise RuntimeError(f"start-up failed: {out.stderr[-500:]}")
        times.append(elapsed)
    return times


def bench_burst(data_dir: Path, scans: int = 300) -> dict[str, float]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from station_app.ui import app as app_module
    from station_app.ui import feedback
    from tests.gui.scanner import Scanner

    feedback.enabled = False
    conn = db.open_db(data_dir)
    boss = conn.execute("SELECT id FROM clerks").fetchone()[0]
    stamp = int(time.time())
    waybills = [f"JT{stamp % 100000:05d}{i:08d}" for i in range(scans)]
    rows = "".join(f"{w},极兔,村民,{random.choice(PHONES)}\n" for w in waybills)
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone\n" + rows).encode(), source="b",
                          clerk_id=boss)
    app_module.create_app(data_dir, "zh_CN")
    window = app_module.open_window(conn, data_dir)
    window.loginPage.pinInput.setText("1234")
    window.loginPage.try_login()
    ready = time.perf_counter() + 10
    while QApplication.focusWidget() is not window.receivePage.scanInput and time.perf_counter() < ready:
        QApplication.processEvents()  # the window must be shown and focused before the scanner types
    scanner = Scanner(char_ms=2, gap_ms=50)
    start = time.perf_counter()
    scanner.scan(waybills)
    loop = QEventLoop()
    poll = QTimer(interval=20)
    poll.timeout.connect(lambda: scanner.done and loop.quit())
    poll.start()
    loop.exec()
    elapsed = time.perf_counter() - start
    stored = conn.execute(f"SELECT count(DISTINCT waybill) FROM parcels WHERE waybill IN ({','.join('?' * scans)})",
                          waybills).fetchone()[0]
    rows_shown = window.receivePage.model.rowCount()
    window.syncPanel.shutdown()
    window.close()
    conn.close()
    ideal = scans * (len(waybills[0]) + 1) * 0.002 + (scans - 1) * 0.05
    return {"scans": scans, "stored": stored, "shown": rows_shown, "seconds": elapsed, "ideal": ideal,
            "dropped": scanner.dropped}


def print_table(title: str, rows: list[tuple[str, str, str]]) -> None:
    print(f"\n{title}\n")
    print(f"{'measure':<48}{'result':>22}{'target':>14}")
    print("-" * 84)
    for name, result, target in rows:
        print(f"{name:<48}{result:>22}{target:>14}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parcels", type=int, default=1_000_000)
    parser.add_argument("--data-dir", help="reuse a built database here (built if missing)")
    parser.add_argument("--only", choices=("labels", "sync", "hostile", "ops", "stocktake", "counter"),
                        help="just one table")
    args = parser.parse_args()
    from benchmarks import hostile_bench, labels, ops_bench, stocktake_bench, sync_bench

    for title, module, key in (("Label engine", labels, "labels"), ("County sync over loopback", sync_bench, "sync"),
                               ("County server under hostile load (loopback)", hostile_bench, "hostile"),
                               ("Op declarations: the check on every append", ops_bench, "ops"),
                               ("盘库: a scan shown at 5,000 parcels in stock (p50 / p99 / max)", stocktake_bench,
                                "stocktake")):
        if args.only in (None, key):
            print_table(f"{title} — {os.cpu_count()} cores", module.rows())
    if args.only not in (None, "counter"):
        return 0
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="station-bench-"))
    build(data_dir, args.parcels)
    receive = bench_receive(data_dir)
    lookup = bench_lookup(data_dir)
    startup = bench_startup(data_dir)
    burst = bench_burst(data_dir)
    print(f"\nVillage Station benchmarks — {args.parcels:,} parcels in the database, {os.cpu_count()} cores\n")
    print(f"{'measure':<48}{'result':>22}{'target':>14}")
    print("-" * 84)
    print(f"{'receive one parcel (store + op), p50 / p99':<48}"
          f"{f'{pct(receive, .5):.2f} / {pct(receive, .99):.2f} ms':>22}{'p99 ≤ 10 ms':>14}")
    print(f"{'pickup lookup by phone last four, p50 / p99':<48}"
          f"{f'{pct(lookup, .5):.2f} / {pct(lookup, .99):.2f} ms':>22}{'p99 ≤ 5 ms':>14}")
    print(f"{'start-up to a usable window, median / max':<48}"
          f"{f'{statistics.median(startup):.0f} / {max(startup):.0f} ms':>22}{'≤ 2000 ms':>14}")
    stored, lost = burst["stored"], burst["scans"] - burst["stored"]
    seconds, ideal = burst["seconds"], burst["ideal"]
    print(f"{'300-scan burst through the GUI: stored / lost':<48}{f'{stored} / {lost}':>22}{'300 / 0':>14}")
    print(f"{'  burst time (the scanner alone needs)':<48}{f'{seconds:.1f} s ({ideal:.1f} s)':>22}")
    shown, dropped = burst["shown"], burst["dropped"]
    print(f"{'  rows shown / keys typed with no focus':<48}{f'{shown} / {dropped}':>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
