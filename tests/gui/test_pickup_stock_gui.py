"""取件出库 and 库存 through the real window: hand-over by scans, wrong parcels, returns, search, undo."""

from __future__ import annotations

import time
from datetime import timedelta
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QListWidget

from station_app.core import parcels, pickup, settings
from station_app.core.clock import utc_now
from station_app.ui import main_window

from .scanner import type_chinese, typed
from .support import (
    Modals,
    cells,
    choose,
    click,
    current_page,
    find,
    go,
    key,
    kind,
    on_login_screen,
    rows,
    said,
    supervisor,
)


def stock_three(conn, boss):
    a = parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    b = parcels.receive(conn, "YT0000000000002", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    c = parcels.receive(conn, "JT0000000000003", clerk_id=boss.id, phone="13912345678", name="李四").parcel
    return a, b, c


def handed(page) -> list[str]:
    """The waybills ticked ✔ in the hand-over list."""
    return sorted(next(c for c in row if c[:2].isalpha() and c[2:].isdigit())
                  for row in cells(find(page, "pickupTable")) if row[0] == "✔")


def test_pickup_by_phone_tail_with_a_wrong_parcel_caught(counter, conn, boss, qtbot):
    stock_three(conn, boss)
    page = go(counter, "pickupPage")
    summary = find(page, "pickupSummary", QLabel)
    typed(find(page, "lookupInput"), "13812345678\r")
    assert "还有 2 个包裹" in summary.text() and "138****5678" in summary.text()
    assert "13812345678" not in summary.text()
    assert rows(find(page, "pickupTable")) == 2
    assert QApplication.focusWidget() is find(page, "pickupScanInput")

    typed(find(page, "pickupScanInput"), "JT0000000000003\r")  # 李四's parcel, picked up by mistake
    assert kind(counter) == "error" and "不是这位取件人" in said(counter)
    typed(find(page, "pickupScanInput"), "SF0000000000001\r")
    assert kind(counter) == "ok"
    click(qtbot, page, "confirmPickupButton")
    statuses = dict(conn.execute("SELECT waybill, status FROM parcels").fetchall())
    assert statuses == {"SF0000000000001": "picked_up", "YT0000000000002": "in_stock",
                        "JT0000000000003": "in_stock"}
    assert "还有 1 个" in said(counter)  # the clerk is told one of theirs is still here
    assert QApplication.focusWidget() is find(page, "lookupInput")


def test_pickup_by_scanning_a_waybill_counts_that_parcel_and_proxy_is_recorded(counter, conn, boss, qtbot):
    stock_three(conn, boss)
    page = go(counter, "pickupPage")
    typed(find(page, "lookupInput"), "YT0000000000002\r")
    assert handed(page) == ["YT0000000000002"]
    typed(find(page, "pickupScanInput"), "SF0000000000001\r")
    assert handed(page) == ["SF0000000000001", "YT0000000000002"]
    click(qtbot, page, "handoverProxy")
    find(page, "proxyName").setFocus()
    type_chinese(find(page, "proxyName"), "张大妈")
    typed(find(page, "proxyTail"), "9876")
    click(qtbot, page, "confirmPickupButton")
    picked = conn.execute("SELECT handover, proxy_name, proxy_phone_tail FROM parcels WHERE status='picked_up'")
    assert [tuple(r) for r in picked] == [("proxy", "张大妈", "9876")] * 2


def test_confirm_without_scanning_is_refused(counter, conn, boss, qtbot):
    stock_three(conn, boss)
    page = go(counter, "pickupPage")
    typed(find(page, "lookupInput"), "5678\r")
    click(qtbot, page, "confirmPickupButton")
    assert kind(counter) == "error"
    assert conn.execute("SELECT count(*) FROM parcels WHERE status='picked_up'").fetchone()[0] == 0


def test_return_by_scan_and_overdue_view(counter, conn, boss):
    old = parcels.receive(conn, "SF0000000000009", clerk_id=boss.id, phone="13812345678",
                          now=utc_now() - timedelta(days=9)).parcel
    stock_three(conn, boss)
    page = go(counter, "stockPage")
    table = find(page, "stockTable")
    assert rows(table) == 4
    choose(find(page, "stockViewSelector", QComboBox), data="return")  # the list follows the selector
    assert [[c for c in row if c == "SF0000000000009"] for row in cells(table)] == [["SF0000000000009"]]
    choose(find(page, "returnReason", QComboBox), data="overdue")
    find(page, "returnScanInput").setFocus()
    typed(find(page, "returnScanInput"), "SF0000000000009\r")
    assert kind(counter) == "ok"
    assert parcels.get(conn, old.id).status == "returned"
    assert rows(table) == 0
    assert QApplication.focusWidget() is find(page, "returnScanInput")


def test_search_shows_history_and_a_supervisor_undoes_a_handover(counter, conn, boss, qtbot):
    a, _, _ = stock_three(conn, boss)
    pickup.confirm(conn, [a.id], pickup.Handover(), clerk_id=boss.id)
    page = go(counter, "stockPage")
    find(page, "searchInput").setFocus()
    typed(find(page, "searchInput"), "SF0000000000001\r")
    assert rows(find(page, "searchTable")) == 1
    history = find(page, "historyList", QListWidget)
    texts = [history.item(i).text() for i in range(history.count())]
    assert any("入库" in t for t in texts) and any("取件出库" in t for t in texts)

    approval = Modals(supervisor("1234", reason="交错了"))
    click(qtbot, page, "undoPickupButton")
    assert approval.done()
    assert parcels.get(conn, a.id).status == "in_stock"
    assert kind(counter) == "ok"


def test_idle_lock_returns_to_the_same_page_after_the_pin(counter, conn, boss, qtbot, monkeypatch):
    settings.change(conn, "idle_lock_minutes", "1", clerk_id=boss.id)
    page = go(counter, "pickupPage")
    # a minute passes with nobody at the counter: the window's clock runs ahead, its own idle check locks it
    monkeypatch.setattr(main_window, "time", SimpleNamespace(monotonic=lambda: time.monotonic() + 61))
    qtbot.waitUntil(lambda: on_login_screen(counter), timeout=15_000)
    assert "锁定" in find(counter, "loginMessage", QLabel).text()
    key(counter, Qt.Key.Key_F4)  # nobody is logged in: a page key does not open the counter
    assert on_login_screen(counter) and QApplication.focusWidget() is find(counter, "pinInput")
    monkeypatch.undo()
    typed(find(counter, "pinInput"), "1234\r")
    assert not on_login_screen(counter)
    assert current_page(counter) is page
    assert QApplication.focusWidget() is find(page, "lookupInput")
