"""一点多能 and 到车 at the county: a station's services and inbound bus runs (one late and short, one on time)
travel through the real county server; its day report, its rollups and the console's 便民服务 page show them."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from station_app.core import dayclose, inbound_runs, manifest, parcels, services
from station_app.core.clock import local_day, utc_now
from sync import client as sync_client
from tests.county_seed import china_time

ADMIN = ("张主任", "county-admin-pass")
ROOT = Path(__file__).resolve().parents[2]


def a_day_of_services_and_runs(conn, boss) -> None:
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone,route_code\n"
                                 "YT7000000000001,圆通,张三,13812340001,SL-LW\n"
                                 "YT7000000000002,圆通,李四,13812340002,SL-LW\n").encode(), source="run.csv",
                          clerk_id=boss.id)
    now = utc_now()
    late = inbound_runs.Arrival("SL-LW", (now - timedelta(minutes=40)).astimezone(), 15)
    run = inbound_runs.start(conn, late, plate="渝F12345", driver="张师傅", clerk_id=boss.id, now=now)
    assert run.punctuality == "late" and run.late_minutes == 40 and len(run.expected) == 2
    parcels.receive(conn, "YT7000000000001", clerk_id=boss.id)
    parcels.receive(conn, "ZT7000000000009", clerk_id=boss.id, phone="13900001111")  # not on the list
    closed = inbound_runs.close(conn, run.id, clerk_id=boss.id)
    assert closed.missing == ["YT7000000000002"] and closed.unannounced == ["ZT7000000000009"]
    # the afternoon bus comes on time and brings the missing parcel
    later = utc_now()
    on_time = inbound_runs.Arrival("SL-LW", (later - timedelta(minutes=5)).astimezone(), 15)
    run = inbound_runs.start(conn, on_time, plate="渝F12345", driver="张师傅", clerk_id=boss.id, now=later)
    assert run.expected == ["YT7000000000002"]
    parcels.receive(conn, "YT7000000000002", clerk_id=boss.id)
    assert inbound_runs.close(conn, run.id, clerk_id=boss.id).missing == []

    services.record(conn, service_code="AGR-BUY", villager_name="王大妈", villager_phone="13800001111",
                    business_type="化肥", amount_fen=30_000, clerk_id=boss.id)  # + ¥15.00 fee, cash
    services.record(conn, service_code="FIN-WD", villager_name="刘大爷", villager_phone="13700001111",
                    amount_fen=50_000, reference="B20261125", channel="bank_card", clerk_id=boss.id)  # cash out
    wrong = services.record(conn, service_code="ECO-HELP", villager_name="赵六", villager_phone="13600001111",
                            business_type="商品上架", clerk_id=boss.id)
    services.void(conn, wrong.id, "录错人了", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")


@pytest.fixture
def on_china_time():
    with china_time():  # the station PC on China time, as in the field: its business day is the county's
        yield


@pytest.mark.usefixtures("on_china_time")
def test_services_and_a_short_run_reach_the_county(server, enrolled, boss):
    conn = enrolled
    catalogue = ROOT / "resources" / "reference" / "service_catalog.csv"  # the county's own, as it imports it
    assert server.admin("ref", "import", "service_catalog", str(catalogue)).returncode == 0
    a_day_of_services_and_runs(conn, boss)
    today = local_day(utc_now())
    totals = dayclose.totals(conn, today)
    assert totals.cash_in_fen == 31_500 and totals.cash_out_fen == 50_000  # in the day close through the ops
    sync_client.Syncer(conn).sync()

    report = json.loads(server.admin("report", "station", "S001", "--date", today.isoformat()).stdout)
    figures = report["figures"]
    # the voided one counts for nothing (its category stays, at 0)
    assert {k: n for k, n in figures["services_by_category"].items() if n} == {"agri": 1, "finance": 1}
    assert {k: n for k, n in figures["services_fen"].items() if n} == {"agri": 30_000, "finance": 50_000}
    assert figures["service_fees_fen"] == 1_500 + 150  # 5 % of ¥300; 0.3 % of ¥500 from the bank
    assert figures["inbound_runs"] == {"SL-LW": 2} and figures["inbound_on_time"] == {"SL-LW": 1}
    assert figures["inbound_items"] == {"SL-LW": 3} and figures["inbound_short"] == {"SL-LW": 1}
    assert figures["inbound_unannounced"] == {"SL-LW": 1}
    # nothing personal of a 'local' service reached the county; a 'masked' one only masked
    ledger = " ".join(r[0] for r in server.query("SELECT payload FROM ledger WHERE type = 'service.recorded'"))
    assert "刘大爷" not in ledger and "13700001111" not in ledger and "B20261125" not in ledger
    assert "王大妈" in ledger  # 农资代购 is 'open' in the catalogue

    html = console_page_with_user(server, f"/services?kind=day&date={today.isoformat()}")
    assert re.search(r'<tr data-key="agri"><td>农资</td><td class="num">1 笔</td>', html), html[:2000]
    assert re.search(r'<tr data-key="SL-LW"><td>SL-LW</td><td class="num">3 件</td><td class="num">0 件</td>'
                     r'<td class="num">2 班</td><td class="num">1 班</td><td class="num">1 件</td>', html)


def console_page_with_user(server, path: str) -> str:
    from tests.console.support import add_user

    assert add_user(server, ADMIN[0], "admin", ADMIN[1]).returncode == 0
    with httpx.Client(base_url=server.url, trust_env=False, timeout=10) as web:
        form = web.get("/login").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        signed = web.post("/login", data={"csrf": csrf, "name": ADMIN[0], "password": ADMIN[1]})
        assert signed.status_code in (302, 303), signed.text[:300]
        page = web.get(path)
        assert page.status_code == 200, page.text[:300]
        return page.text
