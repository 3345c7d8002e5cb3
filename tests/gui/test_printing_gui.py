"""Printing from the counter: auto-print on receive in a worker, a dead printer, reprint, the dialog, CUPS."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pymupdf
import pytest
import zxingcpp
from PySide6.QtWidgets import QApplication

from station_app.core import device_settings, manifest
from station_app.core.device_settings import PrinterSettings
from station_app.labels import catalog, printer_jobs
from station_app.labels.elements import SIZES
from station_app.ui.printer_dialog import PrinterDialog
from station_app.ui.printing import PrintJob, print_now

from .scanner import typed
from .support import LabelPrinter, decode_pdf, free_port


def expect(conn, boss, waybills):
    rows = "".join(f"{w},,张三,13812345678\n" for w in waybills)
    manifest.import_bytes(conn, ("waybill,courier,recipient_name,recipient_phone\n" + rows).encode(),
                          source="t", clerk_id=boss.id)


def test_receiving_prints_a_sticker_into_the_pdf_folder(counter, conn, boss, qtbot, tmp_path):
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path / "labels"), size="50x30")
    expect(conn, boss, ["SF1234567890123"])
    typed(counter.receivePage.scanInput, "SF1234567890123\r")
    assert QApplication.focusWidget() is counter.receivePage.scanInput  # the scan field did not wait
    qtbot.waitUntil(lambda: (tmp_path / "labels" / "1-1-0001-SF1234567890123.pdf").exists(), timeout=10_000)
    path = tmp_path / "labels" / "1-1-0001-SF1234567890123.pdf"
    assert decode_pdf(path) == ["SF1234567890123"]
    page = pymupdf.open(path)[0]
    assert round(page.rect.width / 72 * 25.4) == 50 and "1-1-0001" in page.get_text()


def test_network_printer_gets_tspl_that_scans(counter, conn, boss, qtbot):
    printer = LabelPrinter()
    try:
        counter.session.printer = PrinterSettings(backend="network", host="127.0.0.1", port=printer.port)
        expect(conn, boss, ["YT1234567890123"])
        typed(counter.receivePage.scanInput, "YT1234567890123\r")
        qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10_000)
        (image,) = printer_jobs.bitmap_from_tspl(printer.jobs[0])
        assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == ["YT1234567890123"]
    finally:
        printer.close()


def test_a_dead_printer_shows_a_banner_the_parcel_stays_and_reprint_works(counter, conn, boss, qtbot):
    port = free_port()  # nothing listens here: the printer is off
    counter.session.printer = PrinterSettings(backend="network", host="127.0.0.1", port=port, language="zpl")
    expect(conn, boss, ["JT1234567890123", "JT1234567890124"])
    failures = []
    counter.printService.failed.connect(lambda job, err: failures.append(err.code))
    typed(counter.receivePage.scanInput, "JT1234567890123\r")
    qtbot.waitUntil(lambda: "不响应" in counter.banner.text(), timeout=10_000)  # in the one message area
    assert counter.banner.kind == "error" and "重新打印" in counter.banner.text()
    assert conn.execute("SELECT status FROM parcels").fetchone()[0] == "in_stock"
    typed(counter.receivePage.scanInput, "JT1234567890124\r")  # the counter carries on
    assert conn.execute("SELECT count(*) FROM parcels").fetchone()[0] == 2
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=10_000)
    assert failures == ["printer_unreachable"] * 2

    printer = LabelPrinter(port)  # the printer comes back on the same port
    try:
        counter.receivePage.receivedTable.selectRow(1)  # the first parcel (newest is on top)
        counter.receivePage.reprintButton.click()
        qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10_000)
        (image,) = printer_jobs.bitmap_from_zpl(printer.jobs[0])
        assert [r.text for r in zxingcpp.read_barcodes(image.convert("L"))] == ["JT1234567890123"]
        qtbot.waitUntil(lambda: "不响应" not in counter.banner.text(), timeout=5_000)
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


def test_printer_dialog_saves_settings_and_test_prints(counter, data_dir, tmp_path, qtbot):
    dialog = PrinterDialog(counter.session, counter.printService, counter)
    dialog.backend.setCurrentIndex(dialog.backend.findData("network"))
    dialog.host.setText("")
    assert not dialog.save()  # a network printer needs an address
    assert "网络地址" in dialog.message.text() and "host" not in dialog.message.text()  # in words, not a field
    assert device_settings.load_printer(data_dir).backend == "none"
    dialog.backend.setCurrentIndex(dialog.backend.findData("pdf_folder"))
    dialog.path.setText(str(tmp_path / "out"))
    dialog.labelSize.setCurrentIndex(dialog.labelSize.findData("40x30"))
    dialog.dpi.setCurrentIndex(dialog.dpi.findData(300))
    dialog.darkness.setValue(11)
    dialog.offsetX.setValue(1.25)
    assert dialog.save()
    saved = device_settings.load_printer(data_dir)
    assert (saved.backend, saved.size, saved.dpi, saved.darkness, saved.offset_x_mm) == (
        "pdf_folder", "40x30", 300, 11, 1.25)
    assert counter.session.printer == saved
    dialog.test_print()
    qtbot.waitUntil(lambda: (tmp_path / "out" / "test-print.pdf").exists(), timeout=10_000)
    qtbot.waitUntil(lambda: "mm" not in dialog.message.text() and dialog.message.text() != "", timeout=5_000)
    assert decode_pdf(tmp_path / "out" / "test-print.pdf") == ["731234567890"]
    dialog.close()


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


def test_stock_page_prints_an_a4_code_sheet_and_shelf_labels(counter, conn, boss, qtbot, tmp_path):
    from station_app.core import parcels

    for i in range(3):
        parcels.receive(conn, f"YT000000000000{i}", clerk_id=boss.id, phone="13812345678")
    counter.show_page(counter.stockPage)
    page = counter.stockPage
    counter.session.printer = PrinterSettings(backend="network", host="127.0.0.1", port=free_port())
    page.print_batch_sheet()
    assert counter.banner.kind == "warn"  # a thermal roll cannot take an A4 sheet
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    page.print_batch_sheet()
    page.print_shelf_labels()
    qtbot.waitUntil(lambda: (tmp_path / "shelf-labels.pdf").exists(), timeout=10_000)
    sheet = tmp_path / "codes-3.pdf"
    assert sheet.exists() and sorted(decode_pdf(sheet)) == [f"YT000000000000{i}" for i in range(3)]
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
