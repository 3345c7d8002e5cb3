"""库存: the search results use the screen's height; a wrong supervisor PIN in undo keeps the typed reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from station_app.core import journal, parcels, pickup

from .scanner import type_chinese, typed


def visible_rows(table) -> int:
    height = table.viewport().height()
    return sum(1 for r in range(table.model().rowCount())
               if 0 <= table.rowViewportPosition(r) and table.rowViewportPosition(r) + table.rowHeight(r) <= height)


def test_search_results_fill_the_page_at_1024x768(counter, conn, boss, qtbot):
    for i in range(15):
        parcels.receive(conn, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678", name="张三")
    counter.resize(1024, 768)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)
    panel = counter.stockPage.search
    panel.searchInput.setFocus()
    typed(panel.searchInput, "5678\r")
    for _ in range(3):  # let the layout settle as on screen
        QApplication.processEvents()
    assert panel.model.rowCount() == 15
    assert visible_rows(panel.searchTable) >= 6
    assert visible_rows(counter.stockPage.stockTable) >= 2  # the shelf list keeps a few rows


def test_a_wrong_supervisor_pin_keeps_the_typed_reason(counter, conn, boss, qtbot):
    a = parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    pickup.confirm(conn, [a.id], pickup.Handover(), clerk_id=boss.id)
    counter.show_page(counter.stockPage)
    panel = counter.stockPage.search
    typed(panel.searchInput, "SF0000000000001\r")
    seen = {}

    def drive():
        dialog = QApplication.activeModalWidget()
        try:
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            dialog.reasonField.setFocus()
            type_chinese(dialog.reasonField, "交错了")
            dialog.pinField.setFocus()
            typed(dialog.pinField, "9999")
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
            seen.update(open=dialog.isVisible(), reason=dialog.reasonField.text(), pin=dialog.pinField.text(),
                        message=dialog.findChild(QLabel, "supervisorMessage").text())
            if dialog.isVisible():
                typed(dialog.pinField, "1234")
                qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():  # never leave the test waiting on an open dialog
                dialog.reject()

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(panel.undoButton, Qt.MouseButton.LeftButton)
    assert seen["open"] and seen["reason"] == "交错了" and seen["pin"] == ""
    assert "密码错误" in seen["message"]
    assert parcels.get(conn, a.id).status == "in_stock"
    assert journal.ops_for(conn, a.id)[-1].payload["reason"] == "交错了"
    assert counter.banner.kind == "ok"
