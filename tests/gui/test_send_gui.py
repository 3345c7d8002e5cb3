"""F5 寄件 as a clerk uses it: the words villagers say for prohibited items, the sender's phone typed once,
a city that does not belong to the province, weights in 公斤; and the SMS template in the settings."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from station_app.core import idcheck, journal, settings
from station_app.core.device_settings import PrinterSettings
from station_app.ui import feedback

from .scanner import fill, typed

ID = idcheck.with_check_digit("50023719850615123")


def named(window, kind, name):
    widget = window.findChild(kind, name)
    assert widget is not None, name
    return widget


def click(qtbot, window, kind, name):
    qtbot.mouseClick(named(window, kind, name), Qt.MouseButton.LeftButton)


def choose(window, name, text):
    combo = named(window, QComboBox, name)
    combo.setCurrentIndex(combo.findText(text))
    assert combo.currentText() == text


def open_send_page(counter, qtbot):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)
    assert QApplication.focusWidget() is named(counter, QLineEdit, "senderLookup")


def register_sender(counter, qtbot):
    typed(QApplication.focusWidget(), "13812345678\r")  # not known yet: the new-sender form opens
    fill(named(counter, QLineEdit, "senderName"), "张三")
    fill(named(counter, QLineEdit, "senderPhone"), "13812345678")  # carried already (tested below); typed anyway
    fill(named(counter, QLineEdit, "idNumber"), ID)
    click(qtbot, counter, QPushButton, "registerSenderButton")
    assert "138****5678" in named(counter, QLabel, "senderShown").text()


def fill_parcel(counter, qtbot, *, item, province="广东", city="广州市"):
    fill(named(counter, QLineEdit, "recipientName"), "李四")
    fill(named(counter, QLineEdit, "recipientPhone"), "13912345678")
    choose(counter, "province", province)
    fill(named(counter, QLineEdit, "city"), city)
    fill(named(counter, QLineEdit, "address"), "体育西路 1 号")
    fill(named(counter, QLineEdit, "itemDescription"), item)
    choose(counter, "sendCourier", "中通")
    fill(named(counter, QLineEdit, "weightKg"), "2.3")
    box = named(counter, QCheckBox, "inspectedCheck")  # the tick box sits at the left of a wide row
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()


def test_bianpao_is_refused_loudly_and_nothing_is_sent_or_printed(counter, conn, qtbot, tmp_path):
    labels = tmp_path / "labels"
    labels.mkdir()
    counter.session.printer = PrinterSettings(backend="pdf_folder", path=str(labels))
    open_send_page(counter, qtbot)
    register_sender(counter, qtbot)
    fill_parcel(counter, qtbot, item="鞭炮")
    assert named(counter, QLabel, "itemFinding").text().startswith("禁寄：鞭炮")  # seen while typing
    click(qtbot, counter, QPushButton, "acceptSendingButton")
    assert counter.banner.kind == "error" and feedback.last[-1] == "error"
    assert "鞭炮" in counter.banner.text() and "禁寄" in counter.banner.text()
    assert journal.count(conn, "sending.accepted") == 0 and journal.count(conn, "sending.refused") == 1
    assert [tuple(r) for r in conn.execute("SELECT item, refusal FROM sendings")] == [("鞭炮", "prohibited_item")]
    assert named(counter, QLabel, "senderShown").text() == ""  # the form starts again, real-name first
    assert named(counter, QLabel, "itemFinding").text() == ""
    assert settings.get(conn, "consignment_next") == "1"  # no waybill number was used up

    # The next parcel prints; the label queue is in order, so a label for 鞭炮 would have come out first.
    register_sender(counter, qtbot)
    fill_parcel(counter, qtbot, item="腊肉")
    assert named(counter, QLabel, "itemFinding").text() == ""
    click(qtbot, counter, QPushButton, "acceptSendingButton")
    assert counter.banner.kind == "ok", counter.banner.text()
    qtbot.waitUntil(lambda: (labels / "S00100000001.pdf").exists(), timeout=10_000)
    assert [p.name for p in labels.iterdir()] == ["S00100000001.pdf"]


def test_the_lookup_phone_is_carried_into_the_new_sender_form(counter, qtbot):
    open_send_page(counter, qtbot)
    typed(QApplication.focusWidget(), "138 1234 5678\r")
    assert named(counter, QLineEdit, "senderPhone").text() == "13812345678"
    assert QApplication.focusWidget() is named(counter, QLineEdit, "senderName")
    typed(named(counter, QLineEdit, "senderLookup"), ID.lower() + "\r")  # an ID card number typed instead
    assert named(counter, QLineEdit, "idNumber").text() == ID
    assert named(counter, QComboBox, "idType").currentData() == "resident_id"


def test_a_city_of_another_province_is_refused_and_the_form_kept(counter, conn, qtbot):
    open_send_page(counter, qtbot)
    register_sender(counter, qtbot)
    fill_parcel(counter, qtbot, item="衣服", province="重庆", city="深圳")
    click(qtbot, counter, QPushButton, "acceptSendingButton")
    assert counter.banner.kind == "error"
    assert "深圳" in counter.banner.text() and "广东" in counter.banner.text() and "重庆" in counter.banner.text()
    assert journal.count(conn, "sending.accepted") == 0 and journal.count(conn, "sending.refused") == 0
    assert named(counter, QLineEdit, "itemDescription").text() == "衣服"  # nothing to type again
    fill(named(counter, QLineEdit, "city"), "万州区")
    click(qtbot, counter, QPushButton, "acceptSendingButton")
    assert counter.banner.kind == "ok", counter.banner.text()
    assert [tuple(r) for r in conn.execute("SELECT province, city FROM sendings")] == [("重庆", "万州区")]


def test_weights_say_gongjin_in_the_chinese_interface(counter, qtbot):
    open_send_page(counter, qtbot)
    assert named(counter, QLineEdit, "weightKg").placeholderText().startswith("公斤")
    choose(counter, "province", "北京")
    choose(counter, "sendCourier", "顺丰")
    fill(named(counter, QLineEdit, "weightKg"), "0.5")
    for i, cm in enumerate((40, 30, 30)):  # 36,000 cm³ ÷ 12,000 = 3 kg
        spin = named(counter, QWidget, f"dim{i}")
        spin.clear()
        typed(spin, str(cm))
    fee = named(counter, QLabel, "feeLabel").text()
    assert "3 公斤" in fee and "kg" not in fee, fee
    assert named(counter, QWidget, "dim0").suffix() == " 厘米"


def test_sms_template_is_edited_with_chinese_field_buttons(counter, conn, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit

    seen = {}

    def edit_template():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, QDialog) and dialog.objectName() == "settingsDialog"
            box = named(dialog, QPlainTextEdit, "smsTemplate")
            seen["shown"] = box.toPlainText()
            fill(box, "【")
            click(qtbot, dialog, QPushButton, "templateField_station")
            fill_end(box, "】取件码")
            click(qtbot, dialog, QPushButton, "templateField_code")
            fill_end(box, "，")
            click(qtbot, dialog, QPushButton, "templateField_deadline")
            fill_end(box, "前取件。")
            seen["preview"] = named(dialog, QLabel, "smsPreview").text()
            qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                             Qt.MouseButton.LeftButton)
            seen["message"] = named(dialog, QLabel, "settingsMessage").text()
        finally:  # a failed look must not leave the modal dialog waiting for ever
            dialog.reject()

    def fill_end(box, text):
        cursor = box.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        box.setTextCursor(cursor)
        box.setFocus()
        from .scanner import type_chinese

        type_chinese(box, text)

    QTimer.singleShot(0, edit_template)
    click(qtbot, counter, QPushButton, "settingsButton")
    assert set(seen) == {"shown", "preview", "message"}, seen
    assert "{站点名}" in seen["shown"] and "{取件码}" in seen["shown"] and "{station}" not in seen["shown"]
    assert seen["preview"].startswith("示例：【龙雾村便民服务站】取件码1-2-0003，")
    assert seen["message"] == "已保存。"
    assert settings.get(conn, "sms_template") == "【{station}】取件码{code}，{deadline}前取件。"
