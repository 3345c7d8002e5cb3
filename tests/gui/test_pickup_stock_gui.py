"""取件出库 and 库存 through the real window: hand-over by scans, wrong parcels, returns, search, undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from station_app.core import parcels, settings
from station_app.core.clock import utc_now

from .scanner import typed


def stock_three(conn, boss):
    a = parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    b = parcels.receive(conn, "YT0000000000002", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    c = parcels.receive(conn, "JT0000000000003", clerk_id=boss.id, phone="13912345678", name="李四").parcel
    return a, b, c


def test_pickup_by_phone_tail_with_a_wrong_parcel_caught(counter, conn, boss, qtbot):
    a, b, c = stock_three(conn, boss)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    page = counter.pickupPage
    typed(page.lookupInput, "13812345678\r")
    assert "还有 2 个包裹" in page.summary.text() and "138****5678" in page.summary.text()
    assert "13812345678" not in page.summary.text()
    assert page.model.rowCount() == 2
    assert QApplication.focusWidget() is page.pickupScanInput

    typed(page.pickupScanInput, "JT0000000000003\r")  # 李四's parcel, picked up by mistake
    assert counter.banner.kind == "error" and "不是这位取件人" in counter.banner.text()
    typed(page.pickupScanInput, "SF0000000000001\r")
    assert counter.banner.kind == "ok"
    qtbot.mouseClick(page.confirmPickupButton, Qt.MouseButton.LeftButton)
    statuses = dict(conn.execute("SELECT waybill, status FROM parcels").fetchall())
    assert statuses == {"SF0000000000001": "picked_up", "YT0000000000002": "in_stock",
                        "JT0000000000003": "in_stock"}
    assert "还有 1 个" in counter.banner.text()  # the clerk is told one of theirs is still here
    assert QApplication.focusWidget() is page.lookupInput


def test_pickup_by_scanning_a_waybill_counts_that_parcel_and_proxy_is_recorded(counter, conn, boss, qtbot):
    a, b, _ = stock_three(conn, boss)
    counter.show_page(counter.pickupPage)
    page = counter.pickupPage
    typed(page.lookupInput, "YT0000000000002\r")
    assert page.scanned == {b.id}
    typed(page.pickupScanInput, "SF0000000000001\r")
    page.proxyRadio.setChecked(True)
    page.proxyName.setText("张大妈")
    page.proxyTail.setText("9876")
    page.confirm()
    rows = conn.execute("SELECT handover, proxy_name, proxy_phone_tail FROM parcels WHERE status='picked_up'")
    assert [tuple(r) for r in rows] == [("proxy", "张大妈", "9876")] * 2


def test_confirm_without_scanning_is_refused(counter, conn, boss):
    stock_three(conn, boss)
    counter.show_page(counter.pickupPage)
    page = counter.pickupPage
    typed(page.lookupInput, "5678\r")
    page.confirm()
    assert counter.banner.kind == "error"
    assert conn.execute("SELECT count(*) FROM parcels WHERE status='picked_up'").fetchone()[0] == 0


def test_return_by_scan_and_overdue_view(counter, conn, boss):
    old = parcels.receive(conn, "SF0000000000009", clerk_id=boss.id, phone="13812345678",
                          now=utc_now() - timedelta(days=9)).parcel
    stock_three(conn, boss)
    counter.show_page(counter.stockPage)
    page = counter.stockPage
    assert page.model.rowCount() == 4
    page.viewSelector.setCurrentIndex(page.viewSelector.findData("return"))
    page.reload()
    assert [p.id for p in page.model.rows] == [old.id]
    page.returnReason.setCurrentIndex(page.returnReason.findData("overdue"))
    typed(page.returnInput, "SF0000000000009\r")
    assert counter.banner.kind == "ok"
    assert parcels.get(conn, old.id).status == "returned"
    assert page.model.rowCount() == 0
    assert QApplication.focusWidget() is page.returnInput


def test_search_shows_history_and_a_supervisor_undoes_a_handover(counter, conn, boss, qtbot):
    a, _, _ = stock_three(conn, boss)
    from station_app.core import pickup

    pickup.confirm(conn, [a.id], pickup.Handover(), clerk_id=boss.id)
    counter.show_page(counter.stockPage)
    panel = counter.stockPage.search
    typed(panel.searchInput, "SF0000000000001\r")
    assert panel.model.rowCount() == 1
    texts = [panel.historyList.item(i).text() for i in range(panel.historyList.count())]
    assert any("入库" in t for t in texts) and any("取件出库" in t for t in texts)

    def approve():
        dialog = QApplication.activeModalWidget()
        dialog.pinField.setText("1234")
        dialog.reasonField.setText("交错了")
        dialog.accept()

    QTimer.singleShot(50, approve)
    qtbot.mouseClick(panel.undoButton, Qt.MouseButton.LeftButton)
    assert parcels.get(conn, a.id).status == "in_stock"
    assert counter.banner.kind == "ok"


def test_idle_lock_returns_to_the_same_page_after_the_pin(counter, conn, boss, qtbot):
    settings.change(conn, "idle_lock_minutes", "1", clerk_id=boss.id)
    counter.show_page(counter.pickupPage)
    counter.last_activity -= 61
    counter.idle_timer.timeout.emit()
    assert counter.stack.currentIndex() == 0 and counter.session.clerk is None
    assert "锁定" in counter.loginPage.message.text()
    typed(counter.loginPage.pinInput, "1234\r")
    assert counter.stack.currentIndex() == 1
    assert counter.tabs.currentWidget() is counter.pickupPage
    assert QApplication.focusWidget() is counter.pickupPage.lookupInput
