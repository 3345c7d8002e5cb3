"""Bill payments, the day close and the reports page through the real window."""

from __future__ import annotations

import pymupdf
from PySide6.QtWidgets import QApplication, QLabel

from station_app.core import dayclose, journal
from station_app.core.clock import local_day, utc_now
from station_app.core.device_settings import PrinterSettings

from .scanner import fill
from .support import (
    Modals,
    click,
    click_and_wait,
    click_row,
    decode_pdf,
    find,
    go,
    kind,
    pick_file,
    rows,
    said,
    set_printer,
    supervisor,
)


def test_log_a_bill_print_its_receipt_and_void_it(counter, conn, qtbot, tmp_path, data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    page = go(counter, "billsPage")
    assert QApplication.focusWidget() is find(page, "payerLookup")
    fill(find(page, "billAccount"), "12345")
    fill(find(page, "payerName"), "王大妈")
    fill(find(page, "payerPhone"), "13800001111")
    fill(find(page, "billAmount"), "123.45")
    click(qtbot, page, "logBillButton")
    assert kind(counter) == "error" and "10 位" in said(counter)
    fill(find(page, "billAccount"), "1234567890")
    fill(find(page, "payerName"), "王大妈")
    fill(find(page, "payerPhone"), "13800001111")
    fill(find(page, "billAmount"), "123.45")
    click(qtbot, page, "logBillButton")
    assert kind(counter) == "ok" and rows(find(page, "billsTable")) == 1
    qtbot.waitUntil(lambda: any(tmp_path.glob("bill-*.pdf")), timeout=10_000)
    assert len(decode_pdf(next(tmp_path.glob("bill-*.pdf")))) == 1
    fill(find(page, "payerLookup"), "1234567890\r")
    assert find(page, "payerName").text() == "王大妈"  # a repeat payer is found by account number

    click_row(qtbot, find(page, "billsTable"), 0)
    approval = Modals(supervisor("1234", reason="金额输错"))
    click(qtbot, page, "voidBillButton")
    assert approval.done()
    assert conn.execute("SELECT status FROM bill_payments").fetchone()[0] == "voided"
    assert journal.count(conn, "bill.voided") == 1


def test_close_the_day_saves_the_report_takes_a_backup_and_moves_to_the_next_day(counter, conn, data_dir, qtbot):
    page = go(counter, "dayClosePage")
    assert find(page, "expectedCash").text() == "¥0.00"
    fill(find(page, "countedCash"), "10")
    click_and_wait(qtbot, page, "closeDayButton")
    assert kind(counter) == "error" and "原因" in said(counter)
    fill(find(page, "differenceReason"), "多收了 10 元找零")
    click_and_wait(qtbot, page, "closeDayButton")
    today = local_day(utc_now())
    assert kind(counter) == "ok" and today in dayclose.closed_days(conn)
    report = data_dir / "reports" / f"day-{today}.pdf"
    assert report.exists()
    assert "¥10.00" in pymupdf.open(report)[0].get_text()
    assert list((data_dir / "backups").glob("station-daily-*.db"))
    assert find(page, "dayTitle").text().endswith(dayclose.business_day(conn).isoformat())  # now the next day


def test_reports_page_draws_the_month_and_exports(counter, tmp_path, qtbot):
    page = go(counter, "reportsPage")
    picture = find(page, "reportPicture", QLabel).pixmap()
    assert not picture.isNull() and picture.width() > 500
    for button, path in (("reportXlsxButton", tmp_path / "m.xlsx"), ("reportPdfButton", tmp_path / "m.pdf")):
        answers = Modals(pick_file(path))
        click(qtbot, page, button)
        assert answers.done()
        assert kind(counter) == "ok" and str(path) in said(counter)
    assert (tmp_path / "m.xlsx").read_bytes().startswith(b"PK")  # a zip: the xlsx container
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
