"""F5 寄件 as a clerk uses it: the words villagers say for prohibited items, the sender's phone typed once,
a city that does not belong to the province, weights in 公斤; and the SMS template in the settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from station_app.core import idcheck, journal, settings
from station_app.core.device_settings import PrinterSettings
from station_app.ui import feedback

from .scanner import fill, type_chinese, typed
from .support import Modals, button_of, choose, click, find, go, kind, said, set_printer, tick

ID = idcheck.with_check_digit("50023719850615123")


def open_send_page(counter, qtbot):
    go(counter, "sendPage")
    assert QApplication.focusWidget() is find(counter, "senderLookup", QLineEdit)


def register_sender(counter, qtbot):
    typed(QApplication.focusWidget(), "13812345678\r")  # not known yet: the new-sender form opens
    fill(find(counter, "senderName", QLineEdit), "张三")
    fill(find(counter, "senderPhone", QLineEdit), "13812345678")  # carried already (tested below); typed anyway
    fill(find(counter, "idNumber", QLineEdit), ID)
    click(qtbot, counter, "registerSenderButton")
    assert "138****5678" in find(counter, "senderShown", QLabel).text()


def fill_parcel(counter, qtbot, *, item, province="广东", city="广州市"):
    fill(find(counter, "recipientName", QLineEdit), "李四")
    fill(find(counter, "recipientPhone", QLineEdit), "13912345678")
    choose(find(counter, "province", QComboBox), text=province)
    fill(find(counter, "city", QLineEdit), city)
    fill(find(counter, "address", QLineEdit), "体育西路 1 号")
    fill(find(counter, "itemDescription", QLineEdit), item)
    choose(find(counter, "sendCourier", QComboBox), text="中通")
    fill(find(counter, "weightKg", QLineEdit), "2.3")
    box = find(counter, "inspectedCheck", QCheckBox)
    tick(qtbot, box)
    assert box.isChecked()


def test_bianpao_is_refused_loudly_and_nothing_is_sent_or_printed(counter, conn, qtbot, tmp_path, data_dir):
    labels = tmp_path / "labels"
    labels.mkdir()
    set_printer(qtbot, counter, data_dir, PrinterSettings(backend="pdf_folder", path=str(labels)))
    open_send_page(counter, qtbot)
    register_sender(counter, qtbot)
    fill_parcel(counter, qtbot, item="鞭炮")
    assert find(counter, "itemFinding", QLabel).text().startswith("禁寄：鞭炮")  # seen while typing
    click(qtbot, counter, "acceptSendingButton")
    assert kind(counter) == "error" and feedback.last[-1] == "error"
    assert "鞭炮" in said(counter) and "禁寄" in said(counter)
    assert journal.count(conn, "sending.accepted") == 0 and journal.count(conn, "sending.refused") == 1
    assert [tuple(r) for r in conn.execute("SELECT item, refusal FROM sendings")] == [("鞭炮", "prohibited_item")]
    assert find(counter, "senderShown", QLabel).text() == ""  # the form starts again, real-name first
    assert find(counter, "itemFinding", QLabel).text() == ""
    assert settings.get(conn, "consignment_next") == "1"  # no waybill number was used up

    # The next parcel prints; the label queue is in order, so a label for 鞭炮 would have come out first.
    register_sender(counter, qtbot)
    fill_parcel(counter, qtbot, item="腊肉")
    assert find(counter, "itemFinding", QLabel).text() == ""
    click(qtbot, counter, "acceptSendingButton")
    assert kind(counter) == "ok", said(counter)
    qtbot.waitUntil(lambda: (labels / "S00100000001.pdf").exists(), timeout=10_000)
    assert [p.name for p in labels.iterdir()] == ["S00100000001.pdf"]


def test_the_lookup_phone_is_carried_into_the_new_sender_form(counter, qtbot):
    open_send_page(counter, qtbot)
    typed(QApplication.focusWidget(), "138 1234 5678\r")
    assert find(counter, "senderPhone", QLineEdit).text() == "13812345678"
    assert QApplication.focusWidget() is find(counter, "senderName", QLineEdit)
    typed(find(counter, "senderLookup", QLineEdit), ID.lower() + "\r")  # an ID card number typed instead
    assert find(counter, "idNumber", QLineEdit).text() == ID
    assert find(counter, "idType", QComboBox).currentData() == "resident_id"


def test_a_city_of_another_province_is_refused_and_the_form_kept(counter, conn, qtbot):
    open_send_page(counter, qtbot)
    register_sender(counter, qtbot)
    fill_parcel(counter, qtbot, item="衣服", province="重庆", city="深圳")
    click(qtbot, counter, "acceptSendingButton")
    assert kind(counter) == "error"
    assert "深圳" in said(counter) and "广东" in said(counter) and "重庆" in said(counter)
    assert journal.count(conn, "sending.accepted") == 0 and journal.count(conn, "sending.refused") == 0
    assert find(counter, "itemDescription", QLineEdit).text() == "衣服"  # nothing to type again
    fill(find(counter, "city", QLineEdit), "万州区")
    click(qtbot, counter, "acceptSendingButton")
    assert kind(counter) == "ok", said(counter)
    assert [tuple(r) for r in conn.execute("SELECT province, city FROM sendings")] == [("重庆", "万州区")]


def test_weights_say_gongjin_in_the_chinese_interface(counter, qtbot):
    open_send_page(counter, qtbot)
    assert find(counter, "weightKg", QLineEdit).placeholderText().startswith("公斤")
    choose(find(counter, "province", QComboBox), text="北京")
    choose(find(counter, "sendCourier", QComboBox), text="顺丰")
    fill(find(counter, "weightKg", QLineEdit), "0.5")
    for i, cm in enumerate((40, 30, 30)):  # 36,000 cm³ ÷ 12,000 = 3 kg
        spin = find(counter, f"dim{i}", QWidget)
        spin.clear()
        typed(spin, str(cm))
    fee = find(counter, "feeLabel", QLabel).text()
    assert "3 公斤" in fee and "kg" not in fee, fee
    assert find(counter, "dim0", QWidget).suffix() == " 厘米"


def test_sms_template_is_edited_with_chinese_field_buttons(counter, conn, qtbot):
    seen = {}

    def edit_template(dialog):
        assert dialog.objectName() == "settingsDialog", dialog.objectName()
        box = find(dialog, "smsTemplate", QPlainTextEdit)
        seen["shown"] = box.toPlainText()
        fill(box, "【")
        click(qtbot, dialog, "templateField_station")
        fill_end(box, "】取件码")
        click(qtbot, dialog, "templateField_code")
        fill_end(box, "，")
        click(qtbot, dialog, "templateField_deadline")
        fill_end(box, "前取件。")
        seen["preview"] = find(dialog, "smsPreview", QLabel).text()
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        seen["message"] = find(dialog, "settingsMessage", QLabel).text()
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    def fill_end(box, text):
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # to the end, as the clerk does
        type_chinese(box, text)

    answers = Modals(edit_template)
    click(qtbot, counter, "settingsButton")
    assert answers.done()
    assert set(seen) == {"shown", "preview", "message"}, seen
    assert "{站点名}" in seen["shown"] and "{取件码}" in seen["shown"] and "{station}" not in seen["shown"]
    assert seen["preview"].startswith("示例：【龙雾村便民服务站】取件码1-2-0003，")
    assert seen["message"] == "已保存。"
    assert settings.get(conn, "sms_template") == "【{station}】取件码{code}，{deadline}前取件。"
