"""问题件 end to end: an entry goes through its lifecycle on the counter's page, syncs to the real county server, and
shows on the county's 问题件 console page and in its figures (by station and by courier), with an overdue one."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from PySide6.QtCore import Qt

from station_app.core import exceptions_register, parcels
from station_app.core.clock import utc_now
from sync import client as sync_client
from tests.sync.support import CountyServer

from .scanner import fill, typed
from .support import cells, choose, click, click_row, current_page, find, key, kind, said

PASSWORD = "county-admin-pass"


@pytest.fixture
def county(tmp_path):
    server = CountyServer(tmp_path / "county")
    server.start()
    yield server
    server.stop()


def console(county: CountyServer) -> httpx.Client:
    """Signed in to the county console as an admin made with `county-server user add`."""
    subprocess.run([sys.executable, "-m", "sync.server.cli", "user", "add", "--name", "张主任", "--role", "admin",
                    "--password-stdin", "--data-dir", str(county.data_dir)], input=PASSWORD + "\n", text=True,
                   encoding="utf-8", capture_output=True, timeout=60, check=True)
    web = httpx.Client(base_url=county.url, trust_env=False, timeout=10)
    token = re.search(r'name="csrf" value="([^"]+)"', web.get("/login").text)
    assert token
    assert web.post("/login", data={"csrf": token.group(1), "name": "张主任", "password": PASSWORD}).status_code == 303
    return web


def test_an_exception_resolved_at_the_counter_shows_at_the_county(request, conn, boss, county, qtbot):
    code = county.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    sync_client.enroll(conn, county.url, code)
    parcel = parcels.receive(conn, "731234567890", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    assert parcel.courier == "ZTO"
    late = exceptions_register.register(conn, kind="complaint", topic="not_notified", raised_by="villager",
                                        description="包裹到了三天没收到短信", clerk_id=boss.id,
                                        now=utc_now() - timedelta(days=9))  # left open past its 7 days
    counter = request.getfixturevalue("counter")

    key(counter, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    page = current_page(counter)
    choose(find(page, "exceptionKind"), data="lost")
    choose(find(page, "raisedBy"), data="courier")
    fill(find(page, "raiserName"), "王师傅")
    scan = find(page, "exceptionScanInput")
    scan.setFocus()
    typed(scan, parcel.waybill + "\r")
    fill(find(page, "exceptionDescription"), "袋内应有此件，到站未见")
    click(qtbot, page, "registerExceptionButton")
    assert kind(counter) == "ok", said(counter)
    table = find(page, "exceptionTable")
    row = next(i for i, r in enumerate(cells(table)) if r[1] == "丢失")
    number = cells(table)[row][0]
    click_row(qtbot, table, row)
    click(qtbot, page, "startExceptionButton")
    row = next(i for i, r in enumerate(cells(table)) if r[0] == number)
    click_row(qtbot, table, row)
    choose(find(page, "outcomeSelector"), data="compensated")
    fill(find(page, "compensationYuan"), "35.50")
    click(qtbot, page, "resolveExceptionButton")
    assert kind(counter) == "ok" and "已办结" in said(counter)

    click(qtbot, counter, "syncNowButton")
    qtbot.waitUntil(lambda: find(counter, "syncNowButton").isEnabled(), timeout=20_000)
    qtbot.waitUntil(lambda: county.query("SELECT count(*) FROM exception_cases WHERE status = 'resolved'")[0][0] == 1,
                    timeout=20_000)

    web = console(county)
    shown = web.get("/exceptions")
    assert shown.status_code == 200
    html = shown.text
    assert late.number in html and number not in html.split('id="by-station"')[0]  # only the open one is listed
    assert '<span id="overdue-count">1</span>' in html and "已超期" in html and "龙雾村便民服务站" in html
    assert "13812345678" not in html

    today = datetime.now(timezone(timedelta(hours=8))).date()  # the county's days are China days
    period = {"from": (today - timedelta(days=10)).isoformat(), "to": today.isoformat()}
    total = web.get("/api/figures", params=period | {"by": "station"}).json()["total"]
    assert (total["exceptions.registered"], total["exceptions.resolved"], total["exceptions.open_overdue"],
            total["exceptions.compensated_fen"]) == (2, 1, 1, 3550)
    assert total["exceptions.resolve_median_h"] in (0, 1)  # resolved within the hour
    by_courier = {r["key"]: r["figures"] for r in web.get("/api/figures", params=period | {"by": "courier"}).json()
                  ["rows"]}
    assert by_courier["ZTO"]["exceptions.resolved"] == 1 and by_courier["ZTO"]["exceptions.compensated_fen"] == 3550
    web.close()
