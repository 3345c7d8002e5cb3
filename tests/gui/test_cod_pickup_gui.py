"""Cash on delivery through the real window: an amount from the expected-parcels list and one entered at
receipt; the pickup page will not let either parcel go until it is collected (with a reference for WeChat) or
waived by a supervisor; the receipt prints; the day close expects the COD cash in the drawer and balances."""

from __future__ import annotations

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QLabel, QLineEdit, QWidget

from station_app.core import dayclose, journal, manifest, parcels
from station_app.core.clock import local_day, utc_now
from station_app.core.device_settings import PrinterSettings

from .scanner import fill
from .support import (
    Modals,
    button_of,
    choose,
    click,
    click_and_wait,
    click_row,
    decode_pdf,
    find,
    go,
    kind,
    said,
    set_printer,
    supervisor,
)

WITH_COD = "SF0000000000001"
AT_RECEIPT = "YT0000000000002"


def amount_typed(text: str):
    """Qt's input dialog: the amount typed into its field, then OK."""
    def step(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog).__name__
        fill(dialog.findChild(QLineEdit), text)
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    return step


def setup_parcels(conn, boss):
    """The county's list (GBK, as Excel saves it) says 25.50 to collect on the SF parcel, nothing on the YTO one;
    the SF parcel is on the shelf already."""
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone,代收货款\n"
                                 f"{WITH_COD},SF,张三,13812345678,25.50\n"
                                 f"{AT_RECEIPT},YTO,李四,13912345678,\n").encode("gbk"), source="m.csv",
                          clerk_id=boss.id)
    parcels.receive(conn, WITH_COD, clerk_id=boss.id)


def test_a_cod_parcel_leaves_only_paid_or_waived(counter, conn, boss, qtbot, tmp_path, data_dir):
    setup_parcels(conn, boss)
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))

    # F2: the YTO parcel is scanned in; its waybill says 到付 12 元, which the clerk types for the selected row
    receive = go(counter, "receivePage")
    fill(find(receive, "scanInput"), AT_RECEIPT + "\r")
    assert parcels.latest_by_waybill(conn, AT_RECEIPT).status == "in_stock"
    dialogs = Modals()  # nothing selected: a warning, no dialog
    click(qtbot, receive, "codAtReceiptButton")
    assert dialogs.done() and kind(counter) == "warn"
    click_row(qtbot, find(receive, "receivedTable"), 0)
    dialogs = Modals(amount_typed("12"))
    click(qtbot, receive, "codAtReceiptButton")
    assert dialogs.done() and kind(counter) == "ok" and "¥12.00" in said(counter)
    assert journal.count(conn, "cod.due_set") == 1

    # F3: the SF parcel's 25.50 is shown, and the hand-over is refused until it is paid
    page = go(counter, "pickupPage")
    fill(find(page, "lookupInput"), "13812345678\r")
    panel = find(page, "codPanel")
    assert panel.isVisible() and "¥25.50" in find(page, "codDue", QLabel).text()
    fill(find(page, "pickupScanInput"), WITH_COD + "\r")
    click(qtbot, page, "confirmPickupButton")
    assert kind(counter) == "error" and "¥25.50" in said(counter)
    assert parcels.latest_by_waybill(conn, WITH_COD).status == "in_stock"

    find(page, "codChannel").setFocus()  # the clerk moves to the channel (the scan field keeps ↑ ↓ for itself)
    choose(find(page, "codChannel"), data="wechat")
    click(qtbot, page, "collectCodButton")  # WeChat with no reference: refused
    assert kind(counter) == "error" and "流水号" in said(counter)
    assert journal.count(conn, "cod.collected") == 0
    fill(find(page, "codReference"), "4200001234")
    click(qtbot, page, "collectCodButton")
    assert kind(counter) == "ok" and not panel.isVisible()
    qtbot.waitUntil(lambda: any(tmp_path.glob("cod-*.pdf")), timeout=10_000)
    assert decode_pdf(next(tmp_path.glob("cod-*.pdf"))) == [WITH_COD]  # the receipt names the parcel
    fill(find(page, "pickupScanInput"), WITH_COD + "\r")
    click(qtbot, page, "confirmPickupButton")
    assert kind(counter) == "ok"
    assert parcels.latest_by_waybill(conn, WITH_COD).status == "picked_up"

    # the parcel with the amount typed at receipt: a wrong PIN changes nothing, then the supervisor waives it
    fill(find(page, "lookupInput"), "13912345678\r")
    assert "¥12.00" in find(page, "codDue", QLabel).text()
    fill(find(page, "pickupScanInput"), AT_RECEIPT + "\r")
    click(qtbot, page, "confirmPickupButton")
    assert kind(counter) == "error"

    def wrong_then_right(dialog: QDialog) -> None:
        supervisor("9999", reason="快递员电话同意免收")(dialog)
        assert dialog.isVisible() and find(dialog, "supervisorMessage", QLabel).text()
        assert journal.count(conn, "cod.waived") == 0
        supervisor("1234")(dialog)

    approval = Modals(wrong_then_right)
    click(qtbot, page, "waiveCodButton")
    assert approval.done() and journal.count(conn, "cod.waived") == 1
    fill(find(page, "pickupScanInput"), AT_RECEIPT + "\r")
    click(qtbot, page, "confirmPickupButton")
    assert kind(counter) == "ok" and parcels.latest_by_waybill(conn, AT_RECEIPT).status == "picked_up"


def test_the_day_close_balances_with_cod_cash(counter, conn, boss, qtbot, data_dir):
    setup_parcels(conn, boss)
    page = go(counter, "pickupPage")
    fill(find(page, "lookupInput"), "13812345678\r")
    assert find(page, "codChannel").currentData() == "cash"  # cash first: the usual way
    click(qtbot, page, "collectCodButton")
    fill(find(page, "pickupScanInput"), WITH_COD + "\r")
    click(qtbot, page, "confirmPickupButton")
    assert kind(counter) == "ok"

    close = go(counter, "dayClosePage")
    assert find(close, "expectedCash", QLabel).text() == "¥25.50"  # float 0 + the COD cash
    figures = find(close, "dayFigures", QLabel).text()
    assert "现金 ¥25.50" in figures and "顺丰 ¥1.00" in figures  # COD by channel; 派费 by courier
    fill(find(close, "countedCash"), "25.50")
    click_and_wait(qtbot, close, "closeDayButton")
    assert kind(counter) == "ok"
    today = local_day(utc_now())
    assert today in dayclose.closed_days(conn)
    closed = conn.execute("SELECT expected_cash_fen, counted_cash_fen FROM day_closes").fetchone()
    assert tuple(closed) == (2550, 2550)
    text = pymupdf.open(data_dir / "reports" / f"day-{today}.pdf")[0].get_text().replace("\n", "")
    assert "派费收入：顺丰 ¥1.00；代收货款：现金 ¥25.50" in text and "应有现金 ¥25.50" in text
