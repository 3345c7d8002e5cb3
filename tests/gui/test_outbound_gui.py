"""Sending, produce and the hand-over through the real window, with labels printed into a PDF folder."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from station_app.core import idcheck, journal
from station_app.core.device_settings import PrinterSettings

from .scanner import fill, typed
from .support import Modals, answer, decode_pdf

ID = idcheck.with_check_digit("50023719850615123")




def register_and_fill(page):
    typed(page.senderLookup, "13812345678\r")
    fill(page.senderName, "张三")
    fill(page.senderPhone, "13812345678")
    fill(page.idNumber, ID)
    page.registerButton.click()
    assert page.registered is not None and page.idNumber.text() == ""  # the full ID leaves the screen
    assert "5002**********" in page.senderShown.text()
    fill(page.recipientName, "李四")
    fill(page.recipientPhone, "13912345678")
    page.province.setCurrentText("广东")
    fill(page.city, "广州市")
    fill(page.address, "体育西路 1 号")
    page.courier.setCurrentIndex(page.courier.findData("ZTO"))
    fill(page.weight, "2.3")


def test_send_a_parcel_with_a_station_label(counter, conn, qtbot, tmp_path):
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    counter.show_page(counter.sendPage)
    page = counter.sendPage
    assert QApplication.focusWidget() is page.senderLookup
    register_and_fill(page)
    fill(page.item, "衣服")
    assert page.feeLabel.text() == "¥20.00"
    page.acceptButton.click()
    assert counter.banner.kind == "error" and "验视" in counter.banner.text()  # not inspected yet
    page.inspected.setChecked(True)
    page.acceptButton.click()
    assert counter.banner.kind == "ok" and "S00100000001" in counter.banner.text()
    qtbot.waitUntil(lambda: (tmp_path / "S00100000001.pdf").exists(), timeout=10_000)
    assert "S00100000001" in decode_pdf(tmp_path / "S00100000001.pdf")
    assert journal.count(conn, "sending.accepted") == 1


def test_a_prohibited_item_is_refused_loudly(counter, conn):
    counter.show_page(counter.sendPage)
    page = counter.sendPage
    register_and_fill(page)
    fill(page.item, "烟花爆竹")
    page.inspected.setChecked(True)
    page.acceptButton.click()
    assert counter.banner.kind == "error" and "禁寄" in counter.banner.text()
    assert journal.count(conn, "sending.refused") == 1 and page.registered is None


def test_a_restricted_item_goes_through_with_the_supervisor(counter, conn):
    counter.show_page(counter.sendPage)
    page = counter.sendPage
    register_and_fill(page)
    fill(page.item, "充电宝")
    page.inspected.setChecked(True)

    def approve():
        dialog = QApplication.activeModalWidget()
        dialog.pinField.setText("1234")
        dialog.accept()

    QTimer.singleShot(50, approve)
    page.acceptButton.click()
    assert counter.banner.kind == "ok"
    assert conn.execute("SELECT approved_by FROM sendings").fetchone()[0] is not None


def test_produce_intake_prints_box_labels_then_hand_over_with_a_missing_box(counter, conn, qtbot, tmp_path):
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(tmp_path))
    counter.show_page(counter.producePage)
    page = counter.producePage
    typed(page.consignorLookup, "13700001111\r")
    fill(page.consignorName, "刘大爷")
    fill(page.village, "龙雾村")
    page.addConsignorButton.click()
    assert page.consignor is not None
    fill(page.gross, "52.3")
    fill(page.tare, "2.3")
    fill(page.deduction, "1")
    fill(page.price, "12.8")
    page.boxes.setValue(3)
    page.intakeButton.click()
    assert counter.banner.kind == "ok" and "49.000 kg" in counter.banner.text()
    lot_no = page.saleLot.text()
    qtbot.waitUntil(lambda: (tmp_path / f"{lot_no}.pdf").exists(), timeout=10_000)
    boxes = [c for c in decode_pdf(tmp_path / f"{lot_no}.pdf") if c.startswith(lot_no)]
    assert sorted(boxes) == [f"{lot_no}0{n}" for n in (1, 2, 3)]

    counter.show_page(counter.dispatchPage)
    hand = counter.dispatchPage
    hand.openButton.click()
    assert hand.model.rowCount() == 3
    typed(hand.dispatchScanInput, f"{lot_no}01\r")
    typed(hand.dispatchScanInput, f"{lot_no}02\r")
    typed(hand.dispatchScanInput, "SF0000000000001\r")
    assert counter.banner.kind == "error" and "不在本交接单上" in counter.banner.text()
    assert "SF0000000000001" in hand.summary.text() and "2 / 3" in hand.summary.text()
    from PySide6.QtWidgets import QMessageBox

    def answer_yes():
        box = QApplication.activeModalWidget()
        assert f"{lot_no}03" in box.text()  # the missing box is named before closing
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(50, answer_yes)
    hand.closeButton.click()
    assert counter.banner.kind == "ok"
    statuses = dict(conn.execute("SELECT code, status FROM boxes").fetchall())
    assert statuses == {f"{lot_no}01": "dispatched", f"{lot_no}02": "dispatched", f"{lot_no}03": "in_station"}

    counter.show_page(counter.producePage)
    page.saleLot.setText(lot_no)
    fill(page.saleKg, "30")
    fill(page.saleYuan, "383.33")
    page.saleButton.click()
    page.settleButton.click()
    assert "¥383.33" in page.statement.text() and "¥19.17" in page.statement.text()  # 5 % commission
    answers = Modals(answer(QMessageBox.StandardButton.Yes))  # 现金 ¥… to 刘大爷: paid?
    page.payButton.click()
    assert answers.done() and "刘大爷" in answers.texts[0]
    assert counter.banner.kind == "ok"


def test_the_weight_comes_from_the_simulated_scale(counter, data_dir, qtbot):
    from station_app.core import device_settings

    from ..devices import SimulatedScale

    sim = SimulatedScale(["US,GS,+  1.100kg", "US,GS,+  2.290kg", "ST,GS,+  2.300kg"])
    try:
        device_settings.save(data_dir, {"scale_port": sim.path})
        counter.show_page(counter.sendPage)
        page = counter.sendPage
        page.scaleButton.click()
        qtbot.waitUntil(lambda: page.weight.text() == "2.300", timeout=10_000)
        assert page.scaleButton.isEnabled() and "2.3 公斤" in counter.banner.text()
    finally:
        sim.stop()
