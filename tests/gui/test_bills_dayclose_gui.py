"""Bill payments, the day close and the reports page through the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from station_app.core import dayclose, journal
from station_app.core.clock import local_day, utc_now
from station_app.core.device_settings import PrinterSettings

from .scanner import fill
from .support import decode_pdf


def test_log_a_bill_print_its_receipt_and_void_it(counter, conn, qtbot, tmp_path):
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    counter.show_page(counter.billsPage)
    page = counter.billsPage
    assert QApplication.focusWidget() is page.payerLookup
    fill(page.account, "12345")
    fill(page.payerName, "王大妈")
    fill(page.payerPhone, "13800001111")
    fill(page.amount, "123.45")
    page.saveButton.click()
    assert counter.banner.kind == "error" and "10 位" in counter.banner.text()
    fill(page.account, "1234567890")
    fill(page.payerName, "王大妈")
    fill(page.payerPhone, "13800001111")
    fill(page.amount, "123.45")
    page.saveButton.click()
    assert counter.banner.kind == "ok" and page.model.rowCount() == 1
    qtbot.waitUntil(lambda: any(tmp_path.glob("bill-*.pdf")), timeout=10_000)
    assert len(decode_pdf(next(tmp_path.glob("bill-*.pdf")))) == 1
    fill(page.payerLookup, "1234567890\r")
    assert page.payerName.text() == "王大妈"  # a repeat payer is found by account number

    page.billsTable.selectRow(0)

    def approve():
        dialog = QApplication.activeModalWidget()
        dialog.pinField.setText("1234")
        dialog.reasonField.setText("金额输错")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, approve)
    page.voidButton.click()
    assert conn.execute("SELECT status FROM bill_payments").fetchone()[0] == "voided"
    assert journal.count(conn, "bill.voided") == 1


def test_close_the_day_saves_the_report_takes_a_backup_and_moves_to_the_next_day(counter, conn, data_dir, qtbot):
    counter.show_page(counter.dayClosePage)
    page = counter.dayClosePage
    assert page.expected.text() == "¥0.00"
    fill(page.counted, "10")
    page.closeButton.click()
    qtbot.waitUntil(page.closeButton.isEnabled)  # the close runs in a worker
    assert counter.banner.kind == "error" and "原因" in counter.banner.text()
    fill(page.reason, "多收了 10 元找零")
    page.closeButton.click()
    qtbot.waitUntil(page.closeButton.isEnabled)  # the close runs in a worker
    today = local_day(utc_now())
    assert counter.banner.kind == "ok" and today in dayclose.closed_days(conn)
    report = data_dir / "reports" / f"day-{today}.pdf"
    assert report.exists()
    import pymupdf

    assert "¥10.00" in pymupdf.open(report)[0].get_text()
    assert list((data_dir / "backups").glob("station-daily-*.db"))
    assert page.dayTitle.text().endswith(dayclose.business_day(conn).isoformat())  # now on the next day


def test_reports_page_draws_the_month_and_exports(counter, tmp_path):
    counter.show_page(counter.reportsPage)
    page = counter.reportsPage
    assert not page.picture.pixmap().isNull() and page.picture.pixmap().width() > 500
    assert page.write("xlsx", tmp_path / "m.xlsx").exists()
    assert page.write("pdf", tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
