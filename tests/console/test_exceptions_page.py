"""The console's 问题件 page in the browser: open and overdue entries listed (the overdue first, marked), each
station's and courier's figures for a period, fitting a 1366×768 screen (CONSOLE_SCREENSHOTS keeps its PNG); and a
projection rebuild derives the same rows from the ledger."""

from __future__ import annotations

import os
from datetime import timedelta, timezone
from pathlib import Path

from station_app.core import exceptions_register as ex
from station_app.core import parcels
from station_app.core.clock import utc_now
from sync import client as sync_client

from .support import ADMIN, check_page, login


def test_open_and_overdue_entries_by_station_and_courier(county, page, conn, boss, tmp_path):
    code = county.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    assert sync_client.enroll(conn, county.url, code) == "S001"
    now = utc_now()
    zto = parcels.receive(conn, "731234567890", clerk_id=boss.id, phone="13812345678").parcel
    late = ex.register(conn, kind="complaint", topic="double_charge", raised_by="villager", description="收了两元",
                       raiser_phone="13812345678", clerk_id=boss.id, now=now - timedelta(days=10))
    ex.start(conn, late.id, "已核实", clerk_id=boss.id, now=now - timedelta(days=9))
    lost = ex.register(conn, kind="lost", raised_by="courier", description="到站未见", waybills=[zto.waybill],
                       clerk_id=boss.id, now=now - timedelta(days=3))
    ex.resolve(conn, lost.id, "compensated", amount_fen=5000, clerk_id=boss.id, now=now - timedelta(days=1))
    fresh = ex.register(conn, kind="damaged", raised_by="villager", description="外箱破损",
                        waybills=[zto.waybill, "YT0000000001"], clerk_id=boss.id, now=now)
    sync_client.Syncer(conn).sync()

    login(page, county, ADMIN)
    today = now.astimezone(timezone(timedelta(hours=8))).date()  # the county's days are China days
    page.goto(f"{county.url}/exceptions?kind=custom&from={today - timedelta(days=12)}&to={today}")
    check_page(page, "exceptions", Path(os.environ["CONSOLE_SCREENSHOTS"]) if os.environ.get("CONSOLE_SCREENSHOTS")
               else None)
    listed = page.locator("#open-exceptions tbody tr")
    assert listed.count() == 2  # the resolved one is not listed
    assert late.number in listed.nth(0).inner_text() and "已超期" in listed.nth(0).inner_text()
    assert listed.nth(0).get_attribute("class") == "bad"
    assert fresh.number in listed.nth(1).inner_text() and "1 件站点系统中无" in listed.nth(1).inner_text()
    assert page.inner_text("#overdue-count") == "1"
    figures = page.locator('#by-station tr[data-key="S001"] td').all_inner_texts()
    # open now, overdue now; registered, resolved, late, overdue at the end, median, compensation in the period
    assert figures[1:] == ["2 件", "1 件", "3 件", "1 件", "0 件", "1 件", "48 小时内", "50.00 元"], figures
    assert "50.00 元" in page.locator('#by-courier tr[data-key="ZTO"]').inner_text()
    assert "13812345678" not in page.content() and "138****5678" not in page.content()

    before = county.query("SELECT * FROM exception_cases ORDER BY exception_id")
    assert county.admin("projection", "rebuild").returncode == 0
    assert county.query("SELECT * FROM exception_cases ORDER BY exception_id") == before and len(before) == 3
