"""F9 cash through the real window: the float, a payout larger than the takings, the difference, the report,
and the counted cash carried into the next day; names, never codes, in the Chinese interface."""

from __future__ import annotations

import pymupdf
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel

from station_app.core import dayclose, journal, produce
from station_app.core.clock import local_day, utc_now

from .scanner import fill
from .support import Modals, click, click_and_wait, find, go, kind, said, supervisor


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
    bills = go(counter, "billsPage")
    fill(find(bills, "billAccount"), "1234567890")
    fill(find(bills, "payerName"), "王大妈")
    fill(find(bills, "payerPhone"), "13800001111")
    fill(find(bills, "billAmount"), "100")
    assert find(bills, "billChannel", QComboBox).currentText() == "现金"
    click(qtbot, bills, "logBillButton")
    assert kind(counter) == "ok"
    paid_out = cash_payout_to_a_farmer(conn, boss)
    assert paid_out == 14_250

    page = go(counter, "dayClosePage")
    figures = find(page, "dayFigures").text()
    assert "电费" in figures and "现金" in figures and "公斤" in figures
    assert "ELEC" not in figures and "cash" not in figures and "kg" not in figures
    assert find(page, "floatInput").text() == "0.00"
    assert find(page, "expectedCash").text() == "-¥42.50"  # 0 + 100.00 in − 142.50 out
    assert find(page, "cashWarning").isVisible()
    assert "不会少于零" in find(page, "cashWarning").text() and "¥42.50" in find(page, "cashWarning").text()

    fill(find(page, "countedCash"), "0")
    click_and_wait(qtbot, page, "closeDayButton")
    assert kind(counter) == "error" and "负数" in said(counter)
    today = local_day(utc_now())
    assert today not in dayclose.closed_days(conn)

    # the supervisor puts in what was really in the drawer this morning
    fill(find(page, "floatInput"), "200")

    approval = Modals(supervisor("1234", reason="早上放了 200 元零钱"))
    click(qtbot, page, "setFloatButton")
    assert approval.done()
    assert journal.count(conn, "day.float_set") == 1
    assert find(page, "expectedCash").text() == "¥157.50" and not find(page, "cashWarning").isVisible()
    assert "站长" in find(page, "floatSource").text()

    fill(find(page, "countedCash"), "160")
    assert find(page, "cashDifference").text().startswith("+¥2.50") and "多" in find(page, "cashDifference").text()
    fill(find(page, "countedCash"), "150")
    assert find(page, "cashDifference").text().startswith("-¥7.50") and "少" in find(page, "cashDifference").text()
    fill(find(page, "countedCash"), "160")
    click_and_wait(qtbot, page, "closeDayButton")
    assert kind(counter) == "error" and "原因" in said(counter)
    fill(find(page, "differenceReason"), "找零多收")
    click_and_wait(qtbot, page, "closeDayButton")
    assert kind(counter) == "ok" and today in dayclose.closed_days(conn)

    text = pymupdf.open(data_dir / "reports" / f"day-{today}.pdf")[0].get_text().replace("\n", "")
    for words in ("备用金 ¥200.00", "应有现金 ¥157.50", "实点 ¥160.00", "差额 ¥2.50", "电费", "现金"):
        assert words in text, words
    assert "ELEC" not in text and "cash" not in text

    # the next day opens with the cash counted at the close
    assert find(page, "dayTitle").text().endswith(dayclose.business_day(conn).isoformat())
    assert find(page, "floatInput").text() == "160.00" and "结转" in find(page, "floatSource").text()
    assert find(page, "expectedCash").text() == "¥160.00"


def test_the_header_says_in_words_that_the_station_is_not_connected(counter, qtbot):
    status = find(counter, "syncStatus", QLabel).text()
    assert "station-app" not in status and "技术人员" in status
    click(qtbot, counter, "syncNowButton")
    assert kind(counter) == "warn" and "县级服务器" in said(counter)


def test_the_file_dialog_speaks_chinese(counter, qtbot):
    labels = {}

    def read(dialog) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog).__name__
        labels.update({name: dialog.findChild(QLabel, name).text() for name in ("lookInLabel", "fileTypeLabel")})
        dialog.reject()

    page = go(counter, "receivePage")
    reader = Modals(read)
    click(qtbot, page, "importManifestButton")
    assert reader.done()
    assert "查找范围" in labels["lookInLabel"] and "文件类型" in labels["fileTypeLabel"], labels
