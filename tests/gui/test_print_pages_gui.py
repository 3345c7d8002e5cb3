"""The papers each page prints, through the real window: objectNames, keys and clicks, a PDF folder as printer.

F7 closes a hand-over (with and without missing items) and the driver's list is found in the folder and read
back; the printer dialog shows what the method needs and refuses a folder it cannot write; F6 prints the
farmer's own papers; F10 refuses a month that does not exist.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox, QTableView

from station_app.core import device_settings, produce, settings
from station_app.core.clock import local_text
from station_app.core.device_settings import PrinterSettings

from .scanner import fill, typed
from .support import (
    Modals,
    answer,
    button_of,
    choose,
    click,
    decode_pdf,
    find,
    go,
    kind,
    pick_file,
    said,
    set_printer,
)


def boxes_waiting(conn, boss, n: int) -> list[str]:
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", village="龙雾村", payout="cash", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "特级", 52_300, 2_300, 1_000, 1_280, n),
                          clerk_id=boss.id)
    return lot.boxes


def hand_over(counter, qtbot, codes: list[str]):
    page = go(counter, "dispatchPage")
    click(qtbot, page, "openDispatchButton")
    scan = find(page, "dispatchScanInput", QLineEdit)
    for code in codes:
        typed(scan, code + "\r")
    return page


def test_f7_closing_with_missing_items_prints_the_drivers_list_into_the_folder(counter, conn, boss, qtbot, tmp_path,
                                                                               data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    boxes = boxes_waiting(conn, boss, 3)
    page = go(counter, "dispatchPage")
    runs = find(page, "runSelector", QComboBox)
    first = runs.itemText(0)
    assert "龙雾村便民服务站 → 双龙镇共配中心" in first and "回程" in first  # outgoing items ride the way back
    hand_over(counter, qtbot, boxes[:2])
    asked = Modals(answer(QMessageBox.StandardButton.Yes))
    click(qtbot, page, "closeDispatchButton")
    assert asked.done()
    assert boxes[2] in asked.texts[0]
    assert kind(counter) == "ok" and "交接完成" in said(counter)
    qtbot.waitUntil(lambda: any(tmp_path.glob("handover-*.pdf")), timeout=10_000)
    (pdf,) = tmp_path.glob("handover-*.pdf")
    codes = decode_pdf(pdf)
    assert set(boxes[:2]) <= set(codes) and boxes[2] not in codes and len(codes) == 3  # + the list's number
    text = pymupdf.open(pdf)[0].get_text()
    assert "未上车（等下一班）：1 件" in text and boxes[2] in text and "司机签字" in text
    assert kind(counter) == "ok"  # the one message area: no printer failure took the place of 交接完成
    assert runs.itemText(0) != first  # the closed run is not offered first again

    pdf.unlink()  # the driver lost it: print it again
    click(qtbot, page, "reprintDispatchButton")
    qtbot.waitUntil(lambda: pdf.exists(), timeout=10_000)
    assert sorted(decode_pdf(pdf)) == sorted(codes)


def test_f7_closing_with_everything_on_the_bus_prints_without_a_question(counter, conn, boss, qtbot, tmp_path,
                                                                         data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    boxes = boxes_waiting(conn, boss, 2)
    page = hand_over(counter, qtbot, boxes)
    asked = Modals()  # any question here would be rejected and recorded
    click(qtbot, page, "closeDispatchButton")
    assert asked.done() and asked.texts == [] and asked.unexpected == []
    qtbot.waitUntil(lambda: any(tmp_path.glob("handover-*.pdf")), timeout=10_000)
    (pdf,) = tmp_path.glob("handover-*.pdf")
    assert set(boxes) <= set(decode_pdf(pdf))
    assert "未上车：无" in pymupdf.open(pdf)[0].get_text()


def test_f7_a_failed_print_says_so_in_words_for_the_hand_over(counter, conn, boss, qtbot, tmp_path, data_dir):
    folder = tmp_path / "pdf"
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(folder)))
    if folder.is_dir():  # saving may have made it
        folder.rmdir()
    folder.write_text("")  # then a file takes the folder's place: nothing can be written there
    boxes = boxes_waiting(conn, boss, 1)
    page = hand_over(counter, qtbot, boxes)
    click(qtbot, page, "closeDispatchButton")
    # the one message area
    qtbot.waitUntil(lambda: kind(counter) == "error" and "未打印" in said(counter), timeout=10_000)
    text = said(counter)
    assert "司机交接单未打印" in text and "重打交接单" in text
    assert "包裹已入库" not in text and "选中" not in text  # not the parcel sticker's words
    assert find(page, "reprintDispatchButton").isVisible()


def printer_dialog_shows(qtbot, counter, seen: list) -> None:
    """打印机 opened; which fields it shows and its height noted; closed."""
    def look(dialog) -> None:
        assert dialog.objectName() == "printerDialog", dialog.objectName()
        seen.append((dialog.height(), {name for name in ("printerHost", "printerPath", "printerBrowseButton",
                                                         "printerDarkness", "printerLanguage", "receiptQueue")
                                       if find(dialog, name).isVisible()}))
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    answers = Modals(look)
    click(qtbot, counter, "printerButton")
    assert answers.done()


def test_printer_dialog_fields_browse_unwritable_folder_and_steady_size(counter, data_dir, qtbot, tmp_path):
    seen: list = []
    for backend in ("network", "pdf_folder", "network"):  # as county IT left station.ini
        device_settings.save_printer(data_dir, PrinterSettings(backend=backend, host="127.0.0.1",
                                                               path=str(tmp_path / "pdf")))
        printer_dialog_shows(qtbot, counter, seen)
    assert [shown for _, shown in seen] == [{"printerHost", "printerDarkness", "printerLanguage", "receiptQueue"},
                                            {"printerPath", "printerBrowseButton"},
                                            {"printerHost", "printerDarkness", "printerLanguage", "receiptQueue"}]
    heights = [height for height, _ in seen]
    assert len(set(heights)) == 1  # the same size at every opening

    chosen = tmp_path / "chosen"
    chosen.mkdir()
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    found = {}

    def set_up(dialog) -> None:
        choose(find(dialog, "printerBackend", QComboBox), data="pdf_folder")
        found["switched"] = (find(dialog, "printerBrowseButton").isVisible(), find(dialog, "printerHost").isVisible())
        fill(find(dialog, "printerPath", QLineEdit), str(tmp_path))  # the file dialog opens there
        browsing = Modals(into_chosen)
        QTest.mouseClick(find(dialog, "printerBrowseButton"), Qt.MouseButton.LeftButton)
        assert browsing.done()
        found["browsed"] = find(dialog, "printerPath", QLineEdit).text()
        fill(find(dialog, "printerPath", QLineEdit), str(blocker / "pdf"))
        save = button_of(dialog, QDialogButtonBox.StandardButton.Save)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        message = find(dialog, "printerMessage", QLabel)
        found["refused"] = message.text()
        found["kept"] = device_settings.load_printer(data_dir).path
        fill(find(dialog, "printerPath", QLineEdit), str(chosen))
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        found["saved"] = message.text()
        QTest.mouseClick(find(dialog, "testPrintButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "测试标签已发送" in message.text(), timeout=10_000)
        found["fits"] = message.heightForWidth(message.width()) <= message.height()
        found["height"] = dialog.height()
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    def into_chosen(dialog) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog).__name__
        found["opened_in"] = dialog.directory().absolutePath()
        typed(dialog.findChild(QLineEdit, "fileNameEdit"), chosen.name)
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.ButtonRole.AcceptRole), Qt.MouseButton.LeftButton)

    answers = Modals(set_up)
    click(qtbot, counter, "printerButton")
    assert answers.done()
    assert found["switched"] == (True, False)
    assert Path(found["opened_in"]) == tmp_path and found["browsed"] == str(chosen)
    assert "无法在" in found["refused"] and "浏览" in found["refused"] and "已保存" not in found["refused"]
    assert found["kept"] == str(tmp_path / "pdf")  # nothing saved
    assert found["saved"] == "已保存。"
    assert found["fits"]  # the whole sentence fits in the message area: nothing is clipped
    assert found["height"] == heights[0]


def test_f6_the_farmers_papers_name_them_in_full_and_weights_and_cash_are_checked(counter, conn, qtbot, tmp_path,
                                                                                  data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    page = go(counter, "producePage")
    typed(find(page, "consignorLookup", QLineEdit), "13700001111\r")
    fill(find(page, "consignorName", QLineEdit), "刘大爷")
    fill(find(page, "consignorVillage", QLineEdit), "龙雾村")
    click(qtbot, page, "addConsignorButton")
    fill(find(page, "grossKg", QLineEdit), "-3")
    fill(find(page, "pricePerKg", QLineEdit), "12.8")
    click(qtbot, page, "intakeButton")
    assert kind(counter) == "error" and "毛重不能是负数" in said(counter)
    assert conn.execute("SELECT count(*) FROM lots").fetchone()[0] == 0

    fill(find(page, "grossKg", QLineEdit), "52.3")
    fill(find(page, "tareKg", QLineEdit), "2.3")
    fill(find(page, "pricePerKg", QLineEdit), "12.8")
    click(qtbot, page, "intakeButton")
    assert kind(counter) == "ok"
    lot_no = find(page, "saleLotInput", QLineEdit).text()
    today = find(page, "todayLotsTable", QTableView).model()
    assert today.rowCount() == 1 and today.index(0, 0).data() == lot_no
    receipt = tmp_path / f"receipt-{lot_no}.pdf"
    qtbot.waitUntil(receipt.exists, timeout=10_000)
    first = pymupdf.open(receipt)[0]
    assert abs(first.rect.width / 72 * 25.4 - 80) < 0.5  # the 80 mm receipt, not an A4 sheet
    assert "刘大爷" in first.get_text() and "137****1111" in first.get_text() and "净重" in first.get_text()
    assert decode_pdf(receipt) == [lot_no]

    fill(find(page, "saleKg", QLineEdit), "30")
    fill(find(page, "saleYuan", QLineEdit), "383.33")
    click(qtbot, page, "recordSaleButton")
    click(qtbot, page, "settleButton")
    qtbot.waitUntil(lambda: any(tmp_path.glob("statement-*.pdf")), timeout=10_000)
    (statement,) = tmp_path.glob("statement-*.pdf")
    text = pymupdf.open(statement)[0].get_text()
    day = conn.execute("SELECT created_at FROM settlements").fetchone()[0]
    assert "刘大爷" in text and f"结算日期：{local_text(day, '%Y-%m-%d')}" in text

    asked = Modals(answer(QMessageBox.StandardButton.No))
    click(qtbot, page, "payoutButton")
    assert asked.done()
    assert "现金" in asked.texts[0] and "¥364.16" in asked.texts[0] and "刘大爷" in asked.texts[0]
    assert conn.execute("SELECT paid_at FROM settlements").fetchone()[0] is None  # not paid: the clerk said no
    asked = Modals(answer(QMessageBox.StandardButton.Yes))
    click(qtbot, page, "payoutButton")
    assert asked.done()
    assert conn.execute("SELECT paid_by FROM settlements").fetchone()[0] == "cash"


def report_text(qtbot, page, path: Path) -> str:
    """The report shown, saved as a PDF through its button, as text."""
    saving = Modals(pick_file(path))
    click(qtbot, page, "reportPdfButton")
    assert saving.done()
    return pymupdf.open(path)[0].get_text()


def test_f10_a_month_that_does_not_exist_is_refused(counter, qtbot, tmp_path):
    page = go(counter, "reportsPage")
    month = find(page, "reportMonth", QLineEdit)
    fill(month, "2026-10")
    typed(month, "\r")
    assert "2026-10-01" in report_text(qtbot, page, tmp_path / "october.pdf")
    shown = find(page, "reportPicture", QLabel).pixmap().toImage()
    fill(month, "2026-13")
    typed(month, "\r")
    assert kind(counter) == "error" and "2026-13 不是有效的月份" in said(counter)
    assert find(page, "reportPicture", QLabel).pixmap().toImage() == shown  # the report shown stays as it was
    text = report_text(qtbot, page, tmp_path / "still.pdf")
    assert "2026-10-01" in text and "2026-01-01" not in text  # not turned into January


def test_papers_follow_the_station_document_language_not_the_screen(counter, conn, boss, qtbot, tmp_path, data_dir):
    settings.change(conn, "document_language", "en", clerk_id=boss.id)  # the county's drivers read English lists
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    boxes = boxes_waiting(conn, boss, 2)
    page = hand_over(counter, qtbot, boxes)
    click(qtbot, page, "closeDispatchButton")
    qtbot.waitUntil(lambda: any(tmp_path.glob("handover-*.pdf")), timeout=10_000)
    (pdf,) = tmp_path.glob("handover-*.pdf")
    text = pymupdf.open(pdf)[0].get_text()
    assert "On the bus: 2" in text and "未上车" not in text
    assert set(boxes) <= set(decode_pdf(pdf))
    assert "交接" in said(counter)  # the screen stays Chinese
