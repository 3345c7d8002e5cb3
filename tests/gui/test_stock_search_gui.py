"""库存: the search results use the screen's height; a wrong supervisor PIN in undo keeps the typed reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit

from station_app.core import journal, parcels, pickup

from .scanner import type_chinese, typed
from .support import Modals, button_of, click, find, go, kind, rows


def visible_rows(table) -> int:
    height = table.viewport().height()
    return sum(1 for r in range(table.model().rowCount())
               if 0 <= table.rowViewportPosition(r) and table.rowViewportPosition(r) + table.rowHeight(r) <= height)


def test_search_results_fill_the_page_at_1024x768(counter, conn, boss, qtbot):
    for i in range(15):
        parcels.receive(conn, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678", name="张三")
    counter.resize(1024, 768)
    page = go(counter, "stockPage")
    search = find(page, "searchInput")
    search.setFocus()
    typed(search, "5678\r")
    for _ in range(3):  # let the layout settle as on screen
        QApplication.processEvents()
    assert rows(find(page, "searchTable")) == 15
    assert visible_rows(find(page, "searchTable")) >= 6
    assert visible_rows(find(page, "stockTable")) >= 2  # the shelf list keeps a few rows


def test_a_wrong_supervisor_pin_keeps_the_typed_reason(counter, conn, boss, qtbot):
    a = parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    pickup.confirm(conn, [a.id], pickup.Handover(), clerk_id=boss.id)
    page = go(counter, "stockPage")
    find(page, "searchInput").setFocus()
    typed(find(page, "searchInput"), "SF0000000000001\r")
    seen = {}

    def wrong_then_right(dialog) -> None:
        assert dialog.objectName() == "supervisorDialog", dialog.objectName()
        ok = button_of(dialog, QDialogButtonBox.StandardButton.Ok)
        reason, pin = find(dialog, "undoReason", QLineEdit), find(dialog, "supervisorPin", QLineEdit)
        reason.setFocus()
        type_chinese(reason, "交错了")
        pin.setFocus()
        typed(pin, "9999")
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
        seen.update(open=dialog.isVisible(), reason=reason.text(), pin=pin.text(),
                    message=find(dialog, "supervisorMessage", QLabel).text())
        typed(pin, "1234")
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    approval = Modals(wrong_then_right)
    click(qtbot, page, "undoPickupButton")
    assert approval.done()
    assert seen["open"] and seen["reason"] == "交错了" and seen["pin"] == ""
    assert "密码错误" in seen["message"]
    assert parcels.get(conn, a.id).status == "in_stock"
    assert journal.ops_for(conn, a.id)[-1].payload["reason"] == "交错了"
    assert kind(counter) == "ok"
