"""What checking each op against its declaration costs core: ops.validate alone, and journal.append (which now
calls it) on a real station file. Prints numbers; asserts nothing."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from station_app.core import db, journal, station
from sync import ops

PAYLOADS = {
    "parcel.received": {"parcel_id": "0190a1b2-0000-7000-8000-000000000001", "waybill": "SF1234567890123",
                        "courier": "SF", "pickup_code": "2-1-0001", "shelf": 2, "layer": 1, "from_manifest": False,
                        "damaged": False, "damage_note": "", "recipient_name": "张三",
                        "recipient_phone": "13812345678", "phone_tail": "5678",
                        "notification_id": "0190a1b2-0000-7000-8000-000000000002"},
    "sending.accepted": {"sending_id": "0190a1b2-0000-7000-8000-000000000003", "waybill": "S00100000001",
                         "waybill_source": "station", "courier": "ZTO", "sender_id": "0190a1b2-0000-7000-8000-0004",
                         "recipient_name": "李四", "recipient_phone": "13912345678", "province": "广东",
                         "city": "广州市", "county": "天河区", "address": "体育西路 1 号", "item": "衣服",
                         "inspected": True, "weight_g": 2300, "chargeable_g": 2300, "fee_fen": 2000,
                         "payment": "cash", "approved_by": None, "findings": []},
    "manifest.imported (2,000 waybills)": {"source": "m.csv", "sha256": "0" * 64, "rows": 2000,
                                           "waybills": [f"SF{n:013d}" for n in range(2000)]},
}


def _micro(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e6)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def rows() -> list[tuple[str, str, str]]:
    out = []
    for name, payload in PAYLOADS.items():
        op_type = name.split(" ")[0]
        p50, p99 = _micro(lambda t=op_type, p=payload: ops.validate(t, p), 200 if "2,000" in name else 5000)
        out.append((f"validate {name}, p50 / p99", f"{p50:.1f} / {p99:.1f} µs", "small"))
    with tempfile.TemporaryDirectory() as folder:
        conn = db.open_db(Path(folder) / "data")
        _, clerk = station.init_station(conn, "S001", "站", "王芳", "1234")
        payload = PAYLOADS["parcel.received"]

        def append() -> None:
            with db.transaction(conn):
                journal.append(conn, "parcel.received", payload, clerk_id=clerk.id)

        p50, p99 = _micro(append, 500)
        check, _ = _micro(lambda: ops.validate("parcel.received", payload), 500)
        conn.close()
    out.append(("journal.append parcel.received + commit, p50 / p99", f"{p50:.0f} / {p99:.0f} µs", ""))
    out.append(("  of which the declaration check (p50)", f"{check:.1f} µs ({check / p50:.1%})", "≤ 5 %"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(f"{row[0]:<56}{row[1]:>26}{row[2]:>8}")
