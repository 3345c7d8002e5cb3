"""A small county (巫山县: 3 townships, 10 建制村, 4 stations) whose ops are made by the stations' own core and
pushed by `station-app`'s sync to a real county server. Shared by the figures tests (tests/sync) and the console's
browser tests (tests/console), which check the same hand-computed numbers on the page."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from station_app.core import bills, db, dispatch, idcheck, parcels, pickup, produce, sending, station, stock
from station_app.core.clock import local_day, utc_now
from sync import client as sync_client
from sync.server.figures import Period

AREAS = Path(__file__).parent / "sync" / "data" / "county_areas.csv"
LONGWU, ANJING, QIXING, HONGYAN = "500237101201", "500237101202", "500237102201", "500237102202"
SHUANGLONG, DACHANG, DUPING = "500237101000", "500237102000", "500237205000"
H = timedelta(hours=1)


@contextmanager
def china_time() -> Iterator[None]:
    """The station PCs run on China time, as in the field: their business day is the county's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def open_station(tmp_path: Path, server, code: str, village: str, *extra: str):
    conn = db.open_db(tmp_path / code)
    _, clerk = station.init_station(conn, code, f"{code} 站", "王芳", "1234")
    added = server.admin("station", "add", "--code", code, "--name", f"{code} 便民服务站", "--village", village,
                         *extra)
    assert added.returncode == 0, added.stderr
    sync_client.enroll(conn, server.url, added.stdout.strip())
    return conn, clerk


def got(conn, clerk, waybill: str, at, phone: str = ""):
    return parcels.receive(conn, waybill, clerk_id=clerk.id, phone=phone, now=at).parcel


def seed(tmp_path: Path, server) -> tuple[date, Period]:
    """The county's ops, made at the stations (run under china_time()); returns (today, the last 7 days)."""
    assert server.admin("area", "import", str(AREAS)).returncode == 0
    now = utc_now()
    today = local_day(now)
    year_ago = (today - today.replace(year=today.year - 1)).days

    # S1 at 龙雾村 (双龙镇): parcels picked up after 30 h, 2.5 h, 5 h 10 min and 200 h (overdue: the county returns
    # after 7 days = 168 h), one returned after 1 h, one still on the shelf, one picked up and undone
    s1, c1 = open_station(tmp_path, server, "S1", LONGWU, "--operator", "邮政", "--services", "快递收投,寄件,农产品",
                          "--contact", "13812345678", "--jiaoyou")
    p1 = got(s1, c1, "731234567801", now - 30 * H, phone="13800000001")  # ZTO
    p2 = got(s1, c1, "731234567802", now - 2.5 * H, phone="13800000002")  # ZTO
    p3 = got(s1, c1, "YT1234567890123", now - 5 * H - timedelta(minutes=10))  # YTO
    p4 = got(s1, c1, "EA123456701CN", now - 200 * H)  # EMS, received in the previous period
    got(s1, c1, "EA123456702CN", now - H)  # EMS, returned below
    got(s1, c1, "YT1234567890124", now - timedelta(minutes=10))  # YTO, still on the shelf
    p7 = got(s1, c1, "731234567803", now - 3 * H)  # ZTO, its hand-over is undone
    got(s1, c1, "731234567804", now - year_ago * timedelta(days=1))  # ZTO, the same day last year
    for parcel in (p1, p2, p3, p4):
        pickup.confirm(s1, [parcel.id], pickup.Handover("self"), clerk_id=c1.id, now=now)
    pickup.confirm(s1, [p7.id], pickup.Handover("self"), clerk_id=c1.id, now=now - H)
    pickup.undo(s1, p7.id, "交错了", clerk_id=c1.id, supervisor_id=c1.id, supervisor_pin="1234",
                now=now - timedelta(minutes=30))
    stock.return_to_courier(s1, "EA123456702CN", "overdue", clerk_id=c1.id, now=now)

    sender = sending.register_sender(s1, name="张三", phone="13812345678", id_type="resident_id",
                                     id_number=idcheck.with_check_digit("50023719850615123"), clerk_id=c1.id)
    sending.accept(s1, sending.Parcel(sender.id, "李四", "13912345678", "广东", "广州市", "天河区", "体育西路 1 号",
                                      "衣服", True, "ZTO", 2300, payment="cash"), clerk_id=c1.id)
    farmer = produce.add_consignor(s1, "刘大爷", "13700001111", village="龙雾村", payout="cash", clerk_id=c1.id)
    lot = produce.take_in(s1, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 500, 1_000, 3),
                          clerk_id=c1.id)
    produce.record_sale(s1, lot.lot_no, 10_000, 15_000, source="manual", clerk_id=c1.id)
    run = dispatch.open_dispatch(s1, "SL-LW", utc_now().astimezone(), clerk_id=c1.id)
    dispatch.scan(s1, run.id, lot.boxes[0], clerk_id=c1.id)
    dispatch.close(s1, run.id, clerk_id=c1.id, accept_missing=True)  # 1 box on the bus; 2 boxes + 1 parcel left
    for account, amount in (("1234567890", 12_345), ("1234567891", 5_000), ("1234567892", 8_000)):
        paid = bills.log_payment(s1, type_code="ELEC", account=account, payer_name="王大妈", payer_phone="13800001111",
                                 amount_fen=amount, channel="cash", reference="T", commission_fen=0, clerk_id=c1.id)
    bills.void(s1, paid.id, "重复", clerk_id=c1.id, supervisor_id=c1.id, supervisor_pin="1234")

    # S2 at 安静村 (双龙镇): a YTO and an EMS parcel now, two ZTO parcels in the previous period
    s2, c2 = open_station(tmp_path, server, "S2", ANJING)
    got(s2, c2, "YT1234567890200", now - H)
    got(s2, c2, "EA123456703CN", now - H)
    got(s2, c2, "731234567805", now - 8 * timedelta(days=1))
    got(s2, c2, "731234567806", now - 8 * timedelta(days=1))
    # S3 at 七星村 (大昌镇): only 中国邮政 — covered, but no 邮快合作
    s3, c3 = open_station(tmp_path, server, "S3", QIXING)
    got(s3, c3, "EA123456704CN", now - H)
    got(s3, c3, "EA123456705CN", now - 40 * timedelta(days=1))  # in a whole month of three_months(today)
    # S4 at 红岩村 (大昌镇) is suspended: its village is not covered
    open_station(tmp_path, server, "S4", HONGYAN)
    assert server.admin("station", "status", "--code", "S4", "--status", "suspended", "--since",
                        (today - timedelta(days=30)).isoformat()).returncode == 0
    for conn in (s1, s2, s3):
        sync_client.Syncer(conn).sync()
        conn.close()
    return today, Period(today - timedelta(days=6), today)
