"""盘库 at the counter: a stocktake with planted missing, extra and misplaced parcels finds exactly them, survives the
app being closed halfway, and its corrections (re-shelve with a new code and text, mark lost) are applied."""

from __future__ import annotations

import pymupdf
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from station_app.core import db, notifications, parcels, pickup, shelving
from station_app.core.device_settings import PrinterSettings
from station_app.ui import app as app_module

from .scanner import type_chinese, typed
from .support import (
    Modals,
    answer,
    click,
    click_row,
    column,
    current_page,
    find,
    key,
    kind,
    login,
    said,
    set_printer,
)


def scan(window: QWidget, code: str) -> None:
    """The scanner types into whatever has the focus: it must be the stocktake's scan field every time."""
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "stocktakeScanInput", focused
    typed(focused, code + "\r")


def open_stocktake(window: QWidget) -> QWidget:
    key(window, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)
    page = current_page(window)
    assert page.objectName() == "stocktakePage"
    return page


def plant(conn, boss) -> dict[str, parcels.Parcel]:
    """Shelf 1: A1 A2 A3 (A3 is gone: missing); shelf 2: B1 B2 (B2 sits on shelf 1: misplaced); C1 was picked up
    but is still on shelf 1 (extra), and X9 was never received (extra)."""
    shelving.configure(conn, [(1, 3, 50), (2, 3, 50)], clerk_id=boss.id)
    got = {}
    for shelf, names in ((1, ("A1", "A2", "A3", "C1")), (2, ("B1", "B2"))):
        shelving.set_current(conn, shelf, 1, clerk_id=boss.id)
        for name in names:
            got[name] = parcels.receive(conn, f"SF{name}00000000001", clerk_id=boss.id, phone="13812345678",
                                        name="张三").parcel
    pickup.confirm(conn, [got["C1"].id], pickup.Handover("self"), clerk_id=boss.id)
    return got


def wb(name: str) -> str:
    return f"SF{name}00000000001"


def test_a_stocktake_finds_exactly_what_was_planted_across_a_restart_and_corrects_it(counter, conn, boss, data_dir,
                                                                                     qtbot, tmp_path):
    got = plant(conn, boss)
    page = open_stocktake(counter)
    click(qtbot, page, "stocktakeStartButton")
    assert kind(counter) == "ok"
    scan(counter, "9-9")  # a shelf this station does not have
    assert kind(counter) == "error" and "9" in said(counter)
    scan(counter, "1-1")  # the label of shelf 1
    for name in ("A1", "B2", "C1"):
        scan(counter, wb(name))
    assert column(find(page, "stocktakeMisplacedTable"), 0) == [wb("B2")]
    assert kind(counter) == "warn"  # the last scan, C1: extra, said in colour and sound
    assert column(find(page, "stocktakeExtraTable"), 0) == [wb("C1")]
    assert sorted(column(find(page, "stocktakeMissingTable"), 2)) == [wb("A2"), wb("A3")]
    scan(counter, wb("A1"))  # twice
    assert kind(counter) == "error" and "1" in said(counter)
    field = find(page, "stocktakeScanInput")
    type_chinese(field, "扫描错误")  # an input method left on
    typed(field, "\r")
    assert kind(counter) == "error" and "输入法" in said(counter)
    assert QApplication.focusWidget() is field  # the cursor is back for the next scan

    # the app is closed halfway: nothing of the stocktake is in memory any more
    counter.close()
    find(counter, "syncPanel").shutdown()
    conn.close()
    again = db.open_db(data_dir)
    second = app_module.open_window(again, data_dir)
    qtbot.addWidget(second)
    qtbot.waitExposed(second)
    try:
        login(second)
        page = open_stocktake(second)
        assert "1" in find(page, "stocktakeSummary", QLabel).text()
        assert sorted(column(find(page, "stocktakeMissingTable"), 2)) == [wb("A2"), wb("A3")]
        assert column(find(page, "stocktakeMisplacedTable"), 0) == [wb("B2")]
        scan(second, wb("A2"))
        scan(second, wb("X9"))  # never received here
        scan(second, "2-1")
        scan(second, wb("B1"))
        folder = tmp_path / "pdf"  # the report goes to the A4 route: here a folder of PDFs
        set_printer(qtbot, second, data_dir, PrinterSettings(backend="pdf_folder", path=str(folder)))
        open_stocktake(second)
        finish = Modals(answer(QMessageBox.StandardButton.Yes))
        click(qtbot, page, "stocktakeFinishButton")
        assert finish.done() and "1" in finish.texts[0]
        assert kind(second) == "ok"
        assert column(find(page, "stocktakeMissingTable"), 2) == [wb("A3")]
        assert sorted(column(find(page, "stocktakeExtraTable"), 0)) == [wb("C1"), wb("X9")]
        assert column(find(page, "stocktakeMisplacedTable"), 0) == [wb("B2")]
        qtbot.waitUntil(lambda: any(folder.glob("stocktake-*.pdf")), timeout=15_000)
        (printed,) = folder.glob("stocktake-*.pdf")
        text = pymupdf.open(printed)[0].get_text()
        assert "盘库报告" in text and "缺件（系统在库、货架上没有）：1 件" in text and wb("A3") in text
        assert "多件（货架上有、不在库）：2 件" in text and "错架（记录在其他货架）：1 件" in text

        # corrections: B2 stays on shelf 1 with a new code and a new text; A3 is lost
        click_row(qtbot, find(page, "stocktakeMisplacedTable"), 0)
        click(qtbot, page, "stocktakeReshelveButton")
        moved = parcels.get(again, got["B2"].id)
        assert kind(second) == "ok" and moved.pickup_code in said(second)
        assert moved.shelf == 1 and moved.pickup_code != got["B2"].pickup_code
        texts = notifications.for_parcel(again, moved.id)
        assert texts[-1]["state"] == "queued" and moved.pickup_code in texts[-1]["body"]
        click_row(qtbot, find(page, "stocktakeMissingTable"), 0)
        lost = Modals(answer(QMessageBox.StandardButton.Yes))
        click(qtbot, page, "stocktakeLostButton")
        assert lost.done() and wb("A3") in lost.texts[0]
        assert kind(second) == "ok"
        assert parcels.in_stock_by_waybill(again, wb("A3")) is None
        done = {r[0]: r[1] for r in again.execute("SELECT type, count(*) FROM journal WHERE type IN "
                                                  "('parcel.reshelved', 'parcel.marked_lost', 'stocktake.finished')"
                                                  " GROUP BY type")}
        assert done == {"parcel.reshelved": 1, "parcel.marked_lost": 1, "stocktake.finished": 1}
        assert column(find(page, "stocktakeMissingTable"), 3) == ["已报丢失"]
    finally:
        for timer in second.findChildren(QTimer):
            timer.stop()
        find(second, "syncPanel").shutdown()
        again.close()
