"""Sync from the counter: the status line and "sync now" against the real county server; the counter keeps
working while a sync runs or fails."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from station_app.core import journal, manifest
from sync import client as sync_client
from tests.sync.support import CountyServer

from .scanner import typed
from .support import Modals, click, find, read_and_close


@pytest.fixture
def county(tmp_path):
    server = CountyServer(tmp_path / "county")
    server.start()
    yield server
    server.stop()


def enrolled(conn, county) -> None:
    """The county's technician joined this PC (station-app enroll) before the counter opened."""
    code = county.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, county.url, code)


def status(window) -> str:
    return find(window, "syncStatus", QLabel).text()


def sync_now(qtbot, window) -> None:
    """同步 pressed; done when the button comes back (it is greyed while the sync runs)."""
    click(qtbot, window, "syncNowButton")
    qtbot.waitUntil(lambda: find(window, "syncNowButton").isEnabled(), timeout=20_000)


def retry_ms(window) -> int:
    timer = find(window, "syncRetryTimer", QTimer)
    assert timer.isActive()
    return timer.remainingTime()


def test_not_enrolled_says_so(counter):
    assert "未接入县级服务器" in status(counter)


def test_sync_now_uploads_and_a_dead_server_is_explained(request, conn, boss, county, qtbot):
    enrolled(conn, county)
    rows = "".join(f"SF{i:013d},,张三,13812345678\n" for i in range(3))
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone\n" + rows).encode(), source="t",
                          clerk_id=boss.id)
    counter = request.getfixturevalue("counter")
    assert "待上传" in status(counter)
    scan = find(counter, "scanInput")
    typed(scan, "SF0000000000000\r")
    click(qtbot, counter, "syncNowButton")
    typed(scan, "SF0000000000001\r")  # the counter works while it syncs
    qtbot.waitUntil(lambda: find(counter, "syncNowButton").isEnabled(), timeout=20_000)
    sync_now(qtbot, counter)  # pick up the parcel received during the first sync
    assert "上次同步" in status(counter) and "0 条待上传" in status(counter)
    assert county.query("SELECT count(*) FROM ledger")[0][0] == journal.count(conn)

    county.stop()
    sync_now(qtbot, counter)
    assert "无法连接县平台" in status(counter) and "分钟后重试" in status(counter)
    assert 0 < retry_ms(counter) <= 22_500  # the first failure's retry (15 s ± half), not the 5-minute rhythm
    typed(scan, "SF0000000000002\r")
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 3
    assert QApplication.focusWidget() is scan


def test_county_messages_reach_the_counter_and_are_read_once(counter, conn, county, qtbot):
    enrolled(conn, county)
    sent = county.admin("message", "send", "--station", "all", "--kind", "instruction", "--title", "退件",
                        "--text", "请将 SF1234567890123 退回顺丰")
    assert sent.returncode == 0
    assert county.admin("message", "send", "--station", "S999", "--text", "x").returncode == 1
    sync_now(qtbot, counter)
    messages = find(counter, "countyMessagesButton")
    assert messages.isVisible() and "（1）" in messages.text()
    reading = Modals(read_and_close)
    click(qtbot, counter, "countyMessagesButton")
    assert reading.done()
    assert "SF1234567890123" in reading.texts[0] and "退件" in reading.texts[0]
    assert not messages.isVisible() and sync_client.unread_messages(conn) == []


def test_a_newer_version_from_the_county_is_shown_never_installed(counter, conn, county, qtbot):
    enrolled(conn, county)
    assert county.admin("release", "publish", "--version", "9.1.0", "--url", "https://county.example/vs-9.1.0.exe"
                        ).returncode == 0
    sync_now(qtbot, counter)
    assert "9.1.0" in status(counter) and "county.example" in status(counter)
    from station_app import __version__

    assert sync_client.newer_version(conn, "9.1.0") is None and sync_client.newer_version(conn, __version__)


def test_a_county_sale_the_station_cannot_enter_is_shown_and_sync_goes_on(counter, conn, boss, county, qtbot,
                                                                          tmp_path):
    from station_app.core import produce

    enrolled(conn, county)
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "特级", 10_000, 0, 0, 1_300, 1), clerk_id=boss.id)
    sync_now(qtbot, counter)
    sales = tmp_path / "sales.csv"
    sales.write_text(f"station,lot_no,sold_g,sales_fen\nS001,{lot.lot_no},6000,7800\n", encoding="utf-8")
    assert county.admin("sale", "import", str(sales)).returncode == 0
    produce.record_sale(conn, lot.lot_no, 5_500, 7_150, source="manual", clerk_id=boss.id)  # typed in meanwhile
    sync_now(qtbot, counter)
    assert "上次同步" in status(counter) and find(counter, "countyMessagesButton").isVisible()
    reading = Modals(read_and_close)
    click(qtbot, counter, "countyMessagesButton")
    assert reading.done()
    text = reading.texts[0]
    assert "县里发来的销售结果无法入账" in text and "只剩 4.500 公斤" in text and lot.lot_no in text


def test_the_automatic_sync_steps_aside_while_another_sync_holds_the_folder(counter, conn, county, qtbot,
                                                                            data_dir):
    from filelock import FileLock

    enrolled(conn, county)
    with FileLock(data_dir / "sync.lock", thread_local=False):  # the day-end `station-app sync` is running
        sync_now(qtbot, counter)
    assert "另一个同步正在进行" in status(counter)
    # tried again in about a minute (30–90 s), not on a failure's back-off (≤ 22.5 s) nor the 5-minute rhythm
    assert 22_500 < retry_ms(counter) <= 90_000
    assert county.query("SELECT count(*) FROM ledger")[0][0] == 0
