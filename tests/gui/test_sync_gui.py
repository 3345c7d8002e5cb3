"""Sync from the counter: the status line and "sync now" against the real county server; the counter keeps
working while a sync runs or fails."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from station_app.core import journal, manifest
from sync import client as sync_client
from tests.sync.support import CountyServer

from .scanner import typed


@pytest.fixture
def county(tmp_path):
    server = CountyServer(tmp_path / "county")
    server.start()
    yield server
    server.stop()



def test_not_enrolled_says_so(counter):
    assert "未接入县级服务器" in counter.syncPanel.syncStatus.text()


def test_sync_now_uploads_and_a_dead_server_is_explained(counter, conn, boss, county, qtbot):
    code = county.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, county.url, code)
    rows = "".join(f"SF{i:013d},,张三,13812345678\n" for i in range(3))
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone\n" + rows).encode(), source="t",
                          clerk_id=boss.id)
    panel = counter.syncPanel
    panel.refresh()
    assert "待上传" in panel.syncStatus.text()
    typed(counter.receivePage.scanInput, "SF0000000000000\r")
    panel.syncNowButton.click()
    typed(counter.receivePage.scanInput, "SF0000000000001\r")  # the counter works while it syncs
    qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    panel.sync_now()  # pick up the parcel received during the first sync
    qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    assert "上次同步" in panel.syncStatus.text() and "0 条待上传" in panel.syncStatus.text()
    assert county.query("SELECT count(*) FROM ledger")[0][0] == journal.count(conn)

    county.stop()
    panel.sync_now()
    qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    assert "无法连接县平台" in panel.syncStatus.text() and "分钟后重试" in panel.syncStatus.text()
    assert panel.timer.isActive() and panel.failures == 1
    typed(counter.receivePage.scanInput, "SF0000000000002\r")
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 3
    assert QApplication.focusWidget() is counter.receivePage.scanInput


def test_county_messages_reach_the_counter_and_are_read_once(counter, conn, county, qtbot):
    code = county.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, county.url, code)
    sent = county.admin("message", "send", "--station", "all", "--kind", "instruction", "--title", "退件",
                        "--text", "请将 SF1234567890123 退回顺丰")
    assert sent.returncode == 0
    assert county.admin("message", "send", "--station", "S999", "--text", "x").returncode == 1
    panel = counter.syncPanel
    panel.sync_now()
    qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    assert panel.messagesButton.isVisible() and "（1）" in panel.messagesButton.text()

    from PySide6.QtCore import QTimer

    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(50, read_and_close)
    panel.messagesButton.click()
    assert "SF1234567890123" in seen[0] and "退件" in seen[0]
    assert not panel.messagesButton.isVisible() and sync_client.unread_messages(conn) == []


def test_a_newer_version_from_the_county_is_shown_never_installed(counter, conn, county, qtbot):
    code = county.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, county.url, code)
    assert county.admin("release", "publish", "--version", "9.1.0", "--url", "https://county.example/vs-9.1.0.exe"
                        ).returncode == 0
    panel = counter.syncPanel
    panel.sync_now()
    qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    assert "9.1.0" in panel.syncStatus.text() and "county.example" in panel.syncStatus.text()
    from station_app import __version__

    assert sync_client.newer_version(conn, "9.1.0") is None and sync_client.newer_version(conn, __version__)


def test_a_county_sale_the_station_cannot_enter_is_shown_and_sync_goes_on(counter, conn, boss, county, qtbot,
                                                                          tmp_path):
    from station_app.core import produce

    code = county.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, county.url, code)
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "特级", 10_000, 0, 0, 1_300, 1), clerk_id=boss.id)
    panel = counter.syncPanel
    panel.sync_now()
    qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    sales = tmp_path / "sales.csv"
    sales.write_text(f"station,lot_no,sold_g,sales_fen\nS001,{lot.lot_no},6000,7800\n", encoding="utf-8")
    assert county.admin("sale", "import", str(sales)).returncode == 0
    produce.record_sale(conn, lot.lot_no, 5_500, 7_150, source="manual", clerk_id=boss.id)  # typed in meanwhile
    panel.sync_now()
    qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    assert "上次同步" in panel.syncStatus.text() and panel.messagesButton.isVisible()

    from PySide6.QtCore import QTimer

    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(50, read_and_close)
    panel.messagesButton.click()
    assert "县里发来的销售结果无法入账" in seen[0] and "只剩 4.500 公斤" in seen[0] and lot.lot_no in seen[0]


def test_the_automatic_sync_steps_aside_while_another_sync_holds_the_folder(counter, conn, county, qtbot,
                                                                            data_dir):
    from filelock import FileLock

    code = county.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    sync_client.enroll(conn, county.url, code)
    panel = counter.syncPanel
    with FileLock(data_dir / "sync.lock", thread_local=False):  # the day-end `station-app sync` is running
        panel.sync_now()
        qtbot.waitUntil(lambda: not panel.running, timeout=20_000)
    assert "另一个同步正在进行" in panel.syncStatus.text()
    assert panel.failures == 0 and panel.timer.isActive() and panel.timer.remainingTime() <= 90_000
    assert county.query("SELECT count(*) FROM ledger")[0][0] == 0
