"""Sending, produce and the hand-over through the real window, with labels printed into a PDF folder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMessageBox

from station_app.core import device_settings, idcheck, journal
from station_app.core.device_settings import PrinterSettings

from ..devices import SimulatedScale
from .scanner import fill, typed
from .support import (
    Modals,
    answer,
    choose,
    click,
    decode_pdf,
    find,
    go,
    kind,
    rows,
    said,
    set_number,
    set_printer,
    supervisor,
    tick,
)

ID = idcheck.with_check_digit("50023719850615123")


def register_and_fill(page):
    typed(find(page, "senderLookup"), "13812345678\r")
    fill(find(page, "senderName"), "张三")
    fill(find(page, "senderPhone"), "13812345678")
    fill(find(page, "idNumber"), ID)
    QTest.mouseClick(find(page, "registerSenderButton"), Qt.MouseButton.LeftButton)
    shown = find(page, "senderShown", QLabel).text()
    assert "138****5678" in shown and find(page, "idNumber").text() == ""  # the full ID leaves the screen
    assert "5002**********" in shown
    fill(find(page, "recipientName"), "李四")
    fill(find(page, "recipientPhone"), "13912345678")
    choose(find(page, "province", QComboBox), text="广东")
    fill(find(page, "city"), "广州市")
    fill(find(page, "address"), "体育西路 1 号")
    choose(find(page, "sendCourier", QComboBox), data="ZTO")
    fill(find(page, "weightKg"), "2.3")


def test_send_a_parcel_with_a_station_label(counter, conn, qtbot, tmp_path, data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    page = go(counter, "sendPage")
    assert QApplication.focusWidget() is find(page, "senderLookup")
    register_and_fill(page)
    fill(find(page, "itemDescription"), "衣服")
    assert find(page, "feeLabel", QLabel).text() == "¥20.00"
    click(qtbot, page, "acceptSendingButton")
    assert kind(counter) == "error" and "验视" in said(counter)  # not inspected yet
    tick(qtbot, find(page, "inspectedCheck"))
    click(qtbot, page, "acceptSendingButton")
    assert kind(counter) == "ok" and "S00100000001" in said(counter)
    qtbot.waitUntil(lambda: (tmp_path / "S00100000001.pdf").exists(), timeout=10_000)
    assert "S00100000001" in decode_pdf(tmp_path / "S00100000001.pdf")
    assert journal.count(conn, "sending.accepted") == 1


def test_a_prohibited_item_is_refused_loudly(counter, conn, qtbot):
    page = go(counter, "sendPage")
    register_and_fill(page)
    fill(find(page, "itemDescription"), "烟花爆竹")
    tick(qtbot, find(page, "inspectedCheck"))
    click(qtbot, page, "acceptSendingButton")
    assert kind(counter) == "error" and "禁寄" in said(counter)
    assert journal.count(conn, "sending.refused") == 1
    assert find(page, "senderShown", QLabel).text() == ""  # the sender is forgotten: real-name first again


def test_a_restricted_item_goes_through_with_the_supervisor(counter, conn, qtbot):
    page = go(counter, "sendPage")
    register_and_fill(page)
    fill(find(page, "itemDescription"), "充电宝")
    tick(qtbot, find(page, "inspectedCheck"))
    approval = Modals(supervisor("1234"))
    click(qtbot, page, "acceptSendingButton")
    assert approval.done()
    assert kind(counter) == "ok"
    assert conn.execute("SELECT approved_by FROM sendings").fetchone()[0] is not None


def test_produce_intake_prints_box_labels_then_hand_over_with_a_missing_box(counter, conn, qtbot, tmp_path,
                                                                              data_dir):
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(tmp_path)))
    page = go(counter, "producePage")
    typed(find(page, "consignorLookup"), "13700001111\r")
    fill(find(page, "consignorName"), "刘大爷")
    fill(find(page, "consignorVillage"), "龙雾村")
    click(qtbot, page, "addConsignorButton")
    assert find(page, "consignorShown", QLabel).text() == "刘*爷 137****1111 龙雾村"  # chosen, masked
    fill(find(page, "grossKg"), "52.3")
    fill(find(page, "tareKg"), "2.3")
    fill(find(page, "deductionKg"), "1")
    fill(find(page, "pricePerKg"), "12.8")
    set_number(find(page, "boxCount"), 3)
    click(qtbot, page, "intakeButton")
    assert kind(counter) == "ok" and "49.000 kg" in said(counter)
    lot_no = find(page, "saleLotInput").text()
    qtbot.waitUntil(lambda: (tmp_path / f"{lot_no}.pdf").exists(), timeout=10_000)
    boxes = [c for c in decode_pdf(tmp_path / f"{lot_no}.pdf") if c.startswith(lot_no)]
    assert sorted(boxes) == [f"{lot_no}0{n}" for n in (1, 2, 3)]

    hand = go(counter, "dispatchPage")
    click(qtbot, hand, "openDispatchButton")
    assert rows(find(hand, "dispatchTable")) == 3
    typed(find(hand, "dispatchScanInput"), f"{lot_no}01\r")
    typed(find(hand, "dispatchScanInput"), f"{lot_no}02\r")
    typed(find(hand, "dispatchScanInput"), "SF0000000000001\r")
    assert kind(counter) == "error" and "不在本交接单上" in said(counter)
    summary = find(hand, "dispatchSummary", QLabel).text()
    assert "SF0000000000001" in summary and "2 / 3" in summary
    missing = Modals(answer(QMessageBox.StandardButton.Yes))
    click(qtbot, hand, "closeDispatchButton")
    assert missing.done() and f"{lot_no}03" in missing.texts[0]  # the missing box is named before closing
    assert kind(counter) == "ok"
    statuses = dict(conn.execute("SELECT code, status FROM boxes").fetchall())
    assert statuses == {f"{lot_no}01": "dispatched", f"{lot_no}02": "dispatched", f"{lot_no}03": "in_station"}

    page = go(counter, "producePage")
    fill(find(page, "saleLotInput"), lot_no)
    fill(find(page, "saleKg"), "30")
    fill(find(page, "saleYuan"), "383.33")
    click(qtbot, page, "recordSaleButton")
    click(qtbot, page, "settleButton")
    statement = find(page, "statementLabel", QLabel).text()
    assert "¥383.33" in statement and "¥19.17" in statement  # 5 % commission
    answers = Modals(answer(QMessageBox.StandardButton.Yes))  # 现金 ¥… to 刘大爷: paid?
    click(qtbot, page, "payoutButton")
    assert answers.done() and "刘大爷" in answers.texts[0]
    assert kind(counter) == "ok"


def test_the_weight_comes_from_the_simulated_scale(counter, data_dir, qtbot):
    sim = SimulatedScale(["US,GS,+  1.100kg", "US,GS,+  2.290kg", "ST,GS,+  2.300kg"])
    try:
        device_settings.save(data_dir, {"scale_port": sim.path})
        page = go(counter, "sendPage")
        click(qtbot, page, "readScaleButton")
        qtbot.waitUntil(lambda: find(page, "weightKg").text() == "2.300", timeout=10_000)
        assert find(page, "readScaleButton").isEnabled() and "2.3 公斤" in said(counter)
    finally:
        sim.stop()
