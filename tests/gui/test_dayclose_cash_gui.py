"""F9 cash through the real window: the float, a payout larger than the takings, the difference, the report,
and the counted cash carried into the next day; names, never codes, in the Chinese interface."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel

from station_app.core import dayclose, journal, produce
from station_app.core.clock import local_day, utc_now

from .scanner import fill
from .support import key as press


def when_modal(kind, act, qtbot) -> None:
    """Act on the next modal dialog of this kind as soon as it is up (polled, never a fixed wait)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def cash_payout_to_a_farmer(conn, boss) -> int:
    """A farmer paid in cash at the counter (set up through core: F6 is another test's business)."""
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", payout="cash", clerk_id=boss.id)
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "一级", 20_000, 1_000, 500, 1_000, 3),
                          clerk_id=boss.id)
    produce.record_sale(conn, lot.lot_no, 10_000, 15_000, source="manual", clerk_id=boss.id)
    settled = produce.settle(conn, farmer, clerk_id=boss.id)
    produce.record_payout(conn, settled.id, "cash", clerk_id=boss.id)
    return settled.payout_fen


def test_float_negative_expected_difference_report_and_carry(counter, conn, boss, qtbot, data_dir):
    press(counter, Qt.Key.Key_F8)
    bills = counter.billsPage
    fill(bills.account, "1234567890")
    fill(bills.payerName, "王大妈")
    fill(bills.payerPhone, "13800001111")
    fill(bills.amount, "100")
    assert bills.channel.currentText() == "现金"
    bills.saveButton.click()
    assert counter.banner.kind == "ok"
    paid_out = cash_payout_to_a_farmer(conn, boss)
    assert paid_out == 14_250

    press(counter, Qt.Key.Key_F9)
    page = counter.dayClosePage
    figures = page.figures.text()
    assert "电费" in figures and "现金" in figures and "公斤" in figures
    assert "ELEC" not in figures and "cash" not in figures and "kg" not in figures
    assert page.floatInput.text() == "0.00"
    assert page.expected.text() == "-¥42.50"  # 0 + 100.00 in − 142.50 out
    assert page.cashWarning.isVisible()
    assert "不会少于零" in page.cashWarning.text() and "¥42.50" in page.cashWarning.text()

    fill(page.counted, "0")
    page.closeButton.click()
    qtbot.waitUntil(page.closeButton.isEnabled)  # the close runs in a worker
    assert counter.banner.kind == "error" and "负数" in counter.banner.text()
    today = local_day(utc_now())
    assert today not in dayclose.closed_days(conn)

    # the supervisor puts in what was really in the drawer this morning
    fill(page.floatInput, "200")

    def approve(dialog: QDialog) -> None:
        dialog.pinField.setText("1234")
        fill(dialog.reasonField, "早上放了 200 元零钱")
        dialog.accept()

    when_modal(QDialog, approve, qtbot)
    page.setFloatButton.click()
    assert journal.count(conn, "day.float_set") == 1
    assert page.expected.text() == "¥157.50" and not page.cashWarning.isVisible()
    assert "站长" in page.floatSource.text()

    fill(page.counted, "160")
    assert page.difference.text().startswith("+¥2.50") and "多" in page.difference.text()
    fill(page.counted, "150")
    assert page.difference.text().startswith("-¥7.50") and "少" in page.difference.text()
    fill(page.counted, "160")
    page.closeButton.click()
    qtbot.waitUntil(page.closeButton.isEnabled)  # the close runs in a worker
    assert counter.banner.kind == "error" and "原因" in counter.banner.text()
    fill(page.reason, "找零多收")
    page.closeButton.click()
    qtbot.waitUntil(page.closeButton.isEnabled)  # the close runs in a worker
    assert counter.banner.kind == "ok" and today in dayclose.closed_days(conn)

    import pymupdf

    text = pymupdf.open(data_dir / "reports" / f"day-{today}.pdf")[0].get_text().replace("\n", "")
    for words in ("备用金 ¥200.00", "应有现金 ¥157.50", "实点 ¥160.00", "差额 ¥2.50", "电费", "现金"):
        assert words in text, words
    assert "ELEC" not in text and "cash" not in text

    # the next day opens with the cash counted at the close
    assert page.dayTitle.text().endswith(dayclose.business_day(conn).isoformat())
    assert page.floatInput.text() == "160.00" and "结转" in page.floatSource.text()
    assert page.expected.text() == "¥160.00"


def test_the_header_says_in_words_that_the_station_is_not_connected(counter, qtbot):
    status = counter.syncPanel.syncStatus.text()
    assert "station-app" not in status and "技术人员" in status
    qtbot.mouseClick(counter.syncPanel.syncNowButton, Qt.MouseButton.LeftButton)
    assert counter.banner.kind == "warn" and "县级服务器" in counter.banner.text()


def test_the_file_dialog_speaks_chinese(counter, qtbot):
    labels = {}

    def read(dialog: QFileDialog) -> None:
        labels.update({name: dialog.findChild(QLabel, name).text() for name in ("lookInLabel", "fileTypeLabel")})
        dialog.reject()

    press(counter, Qt.Key.Key_F2)
    when_modal(QFileDialog, read, qtbot)
    counter.receivePage.importButton.click()
    assert "查找范围" in labels["lookInLabel"] and "文件类型" in labels["fileTypeLabel"], labels
