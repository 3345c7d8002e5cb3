"""The F-keys bring each registered page to the front, and the page reads the database once per switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from .support import find


def _stock_queries(conn, press) -> int:
    """How many times the stock list was read while ``press`` ran."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        press()
        QApplication.processEvents()
    finally:
        conn.set_trace_callback(None)
    return sum(1 for sql in seen if "ORDER BY shelf, layer, pickup_code" in sql)


def test_an_f_key_reloads_its_page_once(counter, conn, qtbot):
    tabs = find(counter, "pageTabs", QTabWidget)
    qtbot.keyClick(QApplication.focusWidget() or counter, Qt.Key.Key_F3)
    assert tabs.currentWidget().objectName() == "pickupPage"
    assert _stock_queries(conn, lambda: qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)) == 1
    assert tabs.currentWidget().objectName() == "stockPage"
    # pressed again on the page in front: refreshed once more, still once
    assert _stock_queries(conn, lambda: qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F4)) == 1


def test_every_f_key_brings_its_page(counter, qtbot):
    tabs = find(counter, "pageTabs", QTabWidget)
    expected = {"F2": "receivePage", "F3": "pickupPage", "F4": "stockPage", "F5": "sendPage", "F6": "producePage",
                "F7": "dispatchPage", "F8": "billsPage", "F9": "dayClosePage", "F10": "reportsPage",
                "F11": "callListPage", "F12": "servicesPage"}
    for key, name in expected.items():
        qtbot.keyClick(QApplication.focusWidget() or counter, getattr(Qt.Key, f"Key_{key}"))
        assert tabs.currentWidget().objectName() == name
        assert tabs.tabText(tabs.currentIndex()).endswith(f"  {key}")
    # a shifted F-key: the page beside the unshifted one's
    shifted = {"Shift+F3": "exceptionsPage", "Shift+F4": "stocktakePage", "Shift+F8": "feesPage"}
    for key, name in shifted.items():
        qtbot.keyClick(QApplication.focusWidget() or counter, getattr(Qt.Key, f"Key_{key.split('+')[1]}"),
                       Qt.KeyboardModifier.ShiftModifier)
        assert tabs.currentWidget().objectName() == name
        assert tabs.tabText(tabs.currentIndex()).endswith(f"  {key}")
    assert tabs.count() == len(expected) + len(shifted)
