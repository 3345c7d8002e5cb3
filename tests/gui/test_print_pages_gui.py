"""The papers each page prints, through the real window: objectNames, keys and clicks, a PDF folder as printer.

F7 closes a hand-over (with and without missing items) and the driver's list is found in the folder and read
back; the printer dialog shows what the method needs and refuses a folder it cannot write; F6 prints the
farmer's own papers; F10 refuses a month that does not exist.
"""

from __future__ import annotations

import pymupdf
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from station_app.core import device_settings, produce
from station_app.core.device_settings import PrinterSettings

from .scanner import fill, typed
from .support import decode_pdf


def find(root: QWidget, name: str, cls: type = QWidget):
    widget = root.findChild(cls, name)
    assert widget is not None, name
    return widget


def click(qtbot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(find(root, name, QPushButton), Qt.MouseButton.LeftButton)


def answer_when_asked(button: QMessageBox.StandardButton, seen: list[str]) -> QTimer:
    """Polls for the question box (no fixed wait) and answers it as the clerk would."""
    timer = QTimer(interval=10)

    def check() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            timer.stop()
            box.button(button).click()

    timer.timeout.connect(check)
    timer.start()
    return timer


def boxes_waiting(conn, boss, n: int) -> list[str]:
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", village="龙雾村", payout="cash", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "特级", 52_300, 2_300, 1_000, 1_280, n),
                          clerk_id=boss.id)
    return lot.boxes


def hand_over(counter, qtbot, codes: list[str]) -> None:
    counter.show_page(counter.dispatchPage)
    click(qtbot, counter, "openDispatchButton")
    scan = find(counter, "dispatchScanInput", QLineEdit)
    for code in codes:
        typed(scan, code + "\r")


def test_f7_closing_with_missing_items_prints_the_drivers_list_into_the_folder(counter, conn, boss, qtbot, tmp_path):
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    boxes = boxes_waiting(conn, boss, 3)
    counter.show_page(counter.dispatchPage)
    runs = find(counter, "runSelector", QComboBox)
    first = runs.itemText(0)
    assert "龙雾村便民服务站 → 双龙镇共配中心" in first and "回程" in first  # outgoing items ride the way back
    hand_over(counter, qtbot, boxes[:2])
    asked: list[str] = []
    timer = answer_when_asked(QMessageBox.StandardButton.Yes, asked)
    click(qtbot, counter, "closeDispatchButton")
    timer.stop()
    assert boxes[2] in asked[0]
    assert counter.banner.kind == "ok" and "交接完成" in counter.banner.text()
    qtbot.waitUntil(lambda: any(tmp_path.glob("handover-*.pdf")), timeout=10_000)
    (pdf,) = tmp_path.glob("handover-*.pdf")
    codes = decode_pdf(pdf)
    assert set(boxes[:2]) <= set(codes) and boxes[2] not in codes and len(codes) == 3  # + the list's number
    text = pymupdf.open(pdf)[0].get_text()
    assert "未上车（等下一班）：1 件" in text and boxes[2] in text and "司机签字" in text
    assert counter.banner.kind == "ok"  # the one message area: no printer failure took the place of 交接完成
    assert runs.itemText(0) != first  # the closed run is not offered first again

    pdf.unlink()  # the driver lost it: print it again
    click(qtbot, counter, "reprintDispatchButton")
    qtbot.waitUntil(lambda: pdf.exists(), timeout=10_000)
    assert sorted(decode_pdf(pdf)) == sorted(codes)


def test_f7_closing_with_everything_on_the_bus_prints_without_a_question(counter, conn, boss, qtbot, tmp_path):
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    boxes = boxes_waiting(conn, boss, 2)
    hand_over(counter, qtbot, boxes)
    asked: list[str] = []
    timer = answer_when_asked(QMessageBox.StandardButton.No, asked)
    click(qtbot, counter, "closeDispatchButton")
    timer.stop()
    assert asked == []
    qtbot.waitUntil(lambda: any(tmp_path.glob("handover-*.pdf")), timeout=10_000)
    (pdf,) = tmp_path.glob("handover-*.pdf")
    assert set(boxes) <= set(decode_pdf(pdf))
    assert "未上车：无" in pymupdf.open(pdf)[0].get_text()


def test_f7_a_failed_print_says_so_in_words_for_the_hand_over(counter, conn, boss, qtbot, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("")  # the folder is a file: nothing can be written there
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(blocker / "sub"))
    boxes = boxes_waiting(conn, boss, 1)
    hand_over(counter, qtbot, boxes)
    click(qtbot, counter, "closeDispatchButton")
    banner = counter.banner  # the one message area
    qtbot.waitUntil(lambda: banner.kind == "error" and "未打印" in banner.text(), timeout=10_000)
    text = banner.text()
    assert "司机交接单未打印" in text and "重打交接单" in text
    assert "包裹已入库" not in text and "选中" not in text  # not the parcel sticker's words
    assert find(counter, "reprintDispatchButton", QPushButton).isVisible()


def test_printer_dialog_fields_browse_unwritable_folder_and_steady_size(counter, data_dir, qtbot, tmp_path):
    from station_app.ui.printer_dialog import PrinterDialog

    heights = []
    for backend in ("network", "pdf_folder", "network"):
        device_settings.save_printer(data_dir, PrinterSettings(backend=backend, host="127.0.0.1",
                                                               path=str(tmp_path / "pdf")))
        dialog = PrinterDialog(counter.session, counter.printService, counter)
        dialog.show()
        qtbot.waitExposed(dialog)
        heights.append(dialog.height())
        visible = {name for name in ("printerHost", "printerPath", "printerBrowseButton", "printerDarkness",
                                     "printerLanguage", "receiptQueue")
                   if find(dialog, name).isVisible()}
        if backend == "network":
            assert visible == {"printerHost", "printerDarkness", "printerLanguage", "receiptQueue"}
        else:
            assert visible == {"printerPath", "printerBrowseButton"}
        dialog.close()
    assert len(set(heights)) == 1  # the same size at every opening

    dialog = PrinterDialog(counter.session, counter.printService, counter)
    dialog.show()
    qtbot.waitExposed(dialog)
    backend = find(dialog, "printerBackend", QComboBox)
    backend.setCurrentIndex(backend.findData("pdf_folder"))
    assert find(dialog, "printerBrowseButton").isVisible() and not find(dialog, "printerHost").isVisible()
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    fill(find(dialog, "printerPath", QLineEdit), str(tmp_path))  # the file dialog opens there

    def pick_folder() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QFileDialog) and box.isVisible():
            timer.stop()
            typed(box.findChild(QLineEdit, "fileNameEdit"), chosen.name)
            buttons = box.findChild(QDialogButtonBox, "buttonBox")
            accept = next(b for b in buttons.buttons()
                          if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
            qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)

    timer = QTimer(interval=10)
    timer.timeout.connect(pick_folder)
    timer.start()
    click(qtbot, dialog, "printerBrowseButton")
    assert find(dialog, "printerPath", QLineEdit).text() == str(chosen)

    blocker = tmp_path / "blocker"
    blocker.write_text("")
    fill(find(dialog, "printerPath", QLineEdit), str(blocker / "pdf"))
    buttons = dialog.findChild(QDialogButtonBox)  # Qt's own Save button: found by its role
    save = next(b for b in buttons.buttons() if buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    message = find(dialog, "printerMessage", QLabel)
    assert "无法在" in message.text() and "浏览" in message.text() and "已保存" not in message.text()
    assert device_settings.load_printer(data_dir).path == str(tmp_path / "pdf")  # nothing saved

    fill(find(dialog, "printerPath", QLineEdit), str(chosen))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert message.text() == "已保存。"
    click(qtbot, dialog, "testPrintButton")
    qtbot.waitUntil(lambda: "测试标签已发送" in message.text(), timeout=10_000)
    # the whole sentence fits in the message area: nothing is clipped
    assert message.heightForWidth(message.width()) <= message.height()
    assert dialog.height() == heights[0]
    dialog.close()


def test_f6_the_farmers_papers_name_them_in_full_and_weights_and_cash_are_checked(counter, conn, qtbot, tmp_path):
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    counter.show_page(counter.producePage)
    page = find(counter, "producePage")
    typed(find(page, "consignorLookup", QLineEdit), "13700001111\r")
    fill(find(page, "consignorName", QLineEdit), "刘大爷")
    fill(find(page, "consignorVillage", QLineEdit), "龙雾村")
    click(qtbot, page, "addConsignorButton")
    fill(find(page, "grossKg", QLineEdit), "-3")
    fill(find(page, "pricePerKg", QLineEdit), "12.8")
    click(qtbot, page, "intakeButton")
    assert counter.banner.kind == "error" and "毛重不能是负数" in counter.banner.text()
    assert conn.execute("SELECT count(*) FROM lots").fetchone()[0] == 0

    fill(find(page, "grossKg", QLineEdit), "52.3")
    fill(find(page, "tareKg", QLineEdit), "2.3")
    fill(find(page, "pricePerKg", QLineEdit), "12.8")
    click(qtbot, page, "intakeButton")
    assert counter.banner.kind == "ok"
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
    from station_app.core.clock import local_text

    assert "刘大爷" in text and f"结算日期：{local_text(day, '%Y-%m-%d')}" in text

    asked: list[str] = []
    timer = answer_when_asked(QMessageBox.StandardButton.No, asked)
    click(qtbot, page, "payoutButton")
    timer.stop()
    assert "现金" in asked[0] and "¥364.16" in asked[0] and "刘大爷" in asked[0]
    assert conn.execute("SELECT paid_at FROM settlements").fetchone()[0] is None  # not paid: the clerk said no
    timer = answer_when_asked(QMessageBox.StandardButton.Yes, asked)
    click(qtbot, page, "payoutButton")
    timer.stop()
    assert conn.execute("SELECT paid_by FROM settlements").fetchone()[0] == "cash"


def test_f10_a_month_that_does_not_exist_is_refused(counter, qtbot):
    counter.show_page(counter.reportsPage)
    month = find(counter, "reportMonth", QLineEdit)
    fill(month, "2026-10")
    typed(month, "\r")
    assert counter.reportsPage.report.start.isoformat() == "2026-10-01"
    fill(month, "2026-13")
    typed(month, "\r")
    assert counter.banner.kind == "error" and "2026-13 不是有效的月份" in counter.banner.text()
    assert counter.reportsPage.report.start.isoformat() == "2026-10-01"  # not turned into January


def test_papers_follow_the_station_document_language_not_the_screen(counter, conn, boss, qtbot, tmp_path):
    from station_app.core import settings

    settings.change(conn, "document_language", "en", clerk_id=boss.id)  # the county's drivers read English lists
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    boxes = boxes_waiting(conn, boss, 2)
    hand_over(counter, qtbot, boxes)
    click(qtbot, counter, "closeDispatchButton")
    qtbot.waitUntil(lambda: any(tmp_path.glob("handover-*.pdf")), timeout=10_000)
    (pdf,) = tmp_path.glob("handover-*.pdf")
    text = pymupdf.open(pdf)[0].get_text()
    assert "On the bus: 2" in text and "未上车" not in text
    assert set(boxes) <= set(decode_pdf(pdf))
    assert "交接" in counter.banner.text()  # the screen stays Chinese
