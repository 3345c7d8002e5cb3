"""Printing from the counter: auto-print on receive in a worker, a dead printer, reprint, the dialog, CUPS."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pymupdf
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLabel

from station_app.core import device_settings, parcels
from station_app.core.device_settings import PrinterSettings
from station_app.labels import catalog, printer_jobs
from station_app.labels.elements import SIZES
from station_app.ui.printing import PrintJob, print_now

from .scanner import fill, typed
from .support import (
    LabelPrinter,
    Modals,
    button_of,
    choose,
    click,
    click_row,
    decode_pdf,
    expect_manifest,
    find,
    free_port,
    go,
    kind,
    said,
    set_number,
    set_printer,
)


def expect(conn, boss, waybills):
    expect_manifest(conn, boss, [(w, "张三", "13812345678") for w in waybills])


def test_receiving_prints_a_sticker_into_the_pdf_folder(counter, conn, boss, qtbot, tmp_path, data_dir):
    set_printer(qtbot, counter, data_dir,
                PrinterSettings(backend="pdf_folder", path=str(tmp_path / "labels"), size="50x30"))
    expect(conn, boss, ["SF1234567890123"])
    scan = find(counter, "scanInput")
    typed(scan, "SF1234567890123\r")
    assert QApplication.focusWidget() is scan  # the scan field did not wait
    qtbot.waitUntil(lambda: (tmp_path / "labels" / "1-1-0001-SF1234567890123.pdf").exists(), timeout=10_000)
    path = tmp_path / "labels" / "1-1-0001-SF1234567890123.pdf"
    assert decode_pdf(path) == ["SF1234567890123"]
    page = pymupdf.open(path)[0]
    assert round(page.rect.width / 72 * 25.4) == 50 and "1-1-0001" in page.get_text()


def test_network_printer_gets_tspl_that_scans(counter, conn, boss, qtbot, data_dir):
    printer = LabelPrinter()
    try:
        set_printer(qtbot, counter, data_dir, PrinterSettings(backend="network", host="127.0.0.1", port=printer.port))
        expect(conn, boss, ["YT1234567890123"])
        typed(find(counter, "scanInput"), "YT1234567890123\r")
        qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10_000)
        (image,) = printer_jobs.bitmap_from_tspl(printer.jobs[0])
        assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == ["YT1234567890123"]
    finally:
        printer.close()


def test_a_dead_printer_shows_a_banner_the_parcel_stays_and_reprint_works(counter, conn, boss, qtbot, data_dir):
    port = free_port()  # nothing listens here: the printer is off
    set_printer(qtbot, counter, data_dir,
                PrinterSettings(backend="network", host="127.0.0.1", port=port, language="zpl"))
    expect(conn, boss, ["JT1234567890123", "JT1234567890124"])
    page = find(counter, "receivePage")

    def printer_failed() -> bool:
        return kind(counter) == "error" and "不响应" in said(counter) and f"127.0.0.1:{port}" in said(counter)

    typed(find(page, "scanInput"), "JT1234567890123\r")
    qtbot.waitUntil(printer_failed, timeout=10_000)  # in the one message area
    assert "重新打印" in said(counter)
    assert conn.execute("SELECT status FROM parcels").fetchone()[0] == "in_stock"
    typed(find(page, "scanInput"), "JT1234567890124\r")  # the counter carries on
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 2
    assert kind(counter) == "ok"  # received; its sticker fails too, and says so again
    qtbot.waitUntil(printer_failed, timeout=10_000)

    printer = LabelPrinter(port)  # the printer comes back on the same port
    try:
        click_row(qtbot, find(page, "receivedTable"), 1)  # the first parcel (newest is on top)
        click(qtbot, page, "reprintButton")
        qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10_000)
        (image,) = printer_jobs.bitmap_from_zpl(printer.jobs[0])
        assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == ["JT1234567890123"]
        qtbot.waitUntil(lambda: "不响应" not in said(counter), timeout=5_000)
    finally:
        printer.close()


def test_raw_jobs_to_a_file_and_unwritable_places(tmp_path):
    pages = catalog.KINDS["shelf_label"].sample(SIZES["60x40"])
    target = tmp_path / "jobs.prn"
    print_now(PrinterSettings(backend="file", path=str(target), language="zpl"), PrintJob("a", pages))
    print_now(PrinterSettings(backend="file", path=str(target), language="zpl"), PrintJob("b", pages))
    assert target.read_bytes().count(b"^XA") == 2
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    from station_app.core.errors import StationError

    with pytest.raises(StationError) as err:
        print_now(PrinterSettings(backend="pdf_folder", path=str(blocker / "sub")), PrintJob("c", pages))
    assert err.value.code == "printer_folder_unwritable"
    with pytest.raises(StationError) as err:
        print_now(PrinterSettings(backend="system", queue="NoSuchPrinter"), PrintJob("d", pages))
    assert err.value.code == "printer_queue_unknown"


def test_printer_dialog_saves_settings_and_test_prints(counter, conn, boss, data_dir, tmp_path, qtbot):
    seen = {}

    def set_up(dialog) -> None:
        assert dialog.objectName() == "printerDialog", dialog.objectName()
        message = find(dialog, "printerMessage", QLabel)
        save = button_of(dialog, QDialogButtonBox.StandardButton.Save)
        choose(find(dialog, "printerBackend", QComboBox), data="network")
        fill(find(dialog, "printerHost"), "")
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)  # a network printer needs an address
        seen["no_host"] = message.text()
        seen["backend_then"] = device_settings.load_printer(data_dir).backend
        choose(find(dialog, "printerBackend", QComboBox), data="pdf_folder")
        fill(find(dialog, "printerPath"), str(tmp_path / "out"))
        choose(find(dialog, "labelSize", QComboBox), data="40x30")
        choose(find(dialog, "printerDpi", QComboBox), data=300)
        set_number(find(dialog, "printerDarkness"), 11)
        set_number(find(dialog, "offsetX"), 1.25)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["saved"] = message.text()
        QTest.mouseClick(find(dialog, "testPrintButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: (tmp_path / "out" / "test-print.pdf").exists(), timeout=10_000)
        qtbot.waitUntil(lambda: "mm" not in message.text() and "Printing" not in message.text()
                        and "正在" not in message.text() and message.text() != "", timeout=5_000)
        seen["tested"] = message.text()
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    answers = Modals(set_up)
    click(qtbot, counter, "printerButton")
    assert answers.done()
    assert "网络地址" in seen["no_host"] and "host" not in seen["no_host"]  # in words, not a field's name
    assert seen["backend_then"] == "none" and seen["saved"] == "已保存。"
    saved = device_settings.load_printer(data_dir)
    assert (saved.backend, saved.size, saved.dpi, saved.darkness, saved.offset_x_mm) == (
        "pdf_folder", "40x30", 300, 11, 1.25)
    assert str(tmp_path / "out") in seen["tested"]
    assert decode_pdf(tmp_path / "out" / "test-print.pdf") == ["731234567890"]
    # the counter prints with what was saved: the next parcel's sticker is 40 mm wide, in that folder
    expect(conn, boss, ["SF1234567890123"])
    typed(find(counter, "scanInput"), "SF1234567890123\r")
    sticker = tmp_path / "out" / "1-1-0001-SF1234567890123.pdf"
    qtbot.waitUntil(sticker.exists, timeout=10_000)
    assert round(pymupdf.open(sticker)[0].rect.width / 72 * 25.4) == 40


CUPS_QUEUE = os.environ.get("STATION_CUPS_QUEUE", "")


@pytest.mark.skipif(not CUPS_QUEUE, reason="needs a CUPS queue with cups-pdf (run-tests.sh sets one up)")
def test_printing_through_a_real_cups_queue_scans(qapp, tmp_path):
    out_dir = Path(os.environ.get("STATION_CUPS_OUT", Path.home() / "PDF"))
    before = set(out_dir.glob("*.pdf")) if out_dir.exists() else set()
    pages = catalog.KINDS["pickup_sticker"].sample(SIZES["60x40"])
    title = f"cups-check-{int(time.time() * 1000)}"  # cups-pdf names its file after the job title
    assert print_now(PrinterSettings(backend="system", queue=CUPS_QUEUE), PrintJob(title, pages)) == CUPS_QUEUE
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        new = {p for p in set(out_dir.glob("*.pdf")) - before if title in p.name} if out_dir.exists() else set()
        if new:
            break
        time.sleep(0.5)
    assert new, f"cups-pdf wrote nothing into {out_dir}"
    (path,) = new
    codes: list[str] = []
    while time.monotonic() < deadline and not codes:  # cups-pdf may still be writing it: read until it scans
        try:
            codes = decode_pdf(path)
        except (RuntimeError, ValueError):  # pymupdf on a half-written file
            codes = []
        if not codes:
            time.sleep(0.2)
    assert codes == ["731234567890"]
    page = pymupdf.open(path)[0]
    assert abs(page.rect.width / 72 * 25.4 - 60) < 1 and abs(page.rect.height / 72 * 25.4 - 40) < 1


def test_stock_page_prints_an_a4_code_sheet_and_shelf_labels(counter, conn, boss, qtbot, tmp_path, data_dir):
    for i in range(3):
        parcels.receive(conn, f"YT000000000000{i}", clerk_id=boss.id, phone="13812345678")
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="network", host="127.0.0.1", port=free_port()))
    page = go(counter, "stockPage")
    click(qtbot, page, "batchSheetButton")
    assert kind(counter) == "warn"  # a thermal roll cannot take an A4 sheet
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    page = go(counter, "stockPage")
    click(qtbot, page, "batchSheetButton")
    click(qtbot, page, "shelfLabelsButton")
    qtbot.waitUntil(lambda: (tmp_path / "shelf-labels.pdf").exists(), timeout=10_000)
    sheet = tmp_path / "codes-3.pdf"
    qtbot.waitUntil(sheet.exists, timeout=10_000)
    assert sorted(decode_pdf(sheet)) == [f"YT000000000000{i}" for i in range(3)]
    shelf_codes = decode_pdf(tmp_path / "shelf-labels.pdf")
    assert shelf_codes[:2] == ["1-1", "1-2"] and len(shelf_codes) == 16  # 4 shelves × 4 layers


@pytest.mark.skipif(not CUPS_QUEUE, reason="needs a CUPS queue (run-tests.sh sets one up)")
def test_raw_jobs_go_to_a_cups_queue_and_a_missing_queue_is_refused():
    from station_app.core.errors import StationError

    pages = catalog.KINDS["shelf_label"].sample(SIZES["60x40"])
    assert print_now(PrinterSettings(backend="raw_queue", queue=CUPS_QUEUE), PrintJob("raw", pages)) == CUPS_QUEUE
    with pytest.raises(StationError) as err:
        print_now(PrinterSettings(backend="raw_queue", queue="NoSuchQueue"), PrintJob("raw", pages))
    assert err.value.code == "printer_queue_refused"
