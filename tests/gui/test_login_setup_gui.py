"""Login, lock-out, the first-run wizard, and the language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton

from station_app.core import db, station
from station_app.ui.setup_wizard import SetupWizard

from .scanner import typed


def test_login_screen_first_with_the_pin_field_focused(window):
    assert window.objectName() == "mainWindow"
    assert window.stack.currentIndex() == 0
    assert QApplication.focusWidget() is window.loginPage.pinInput


def test_wrong_pins_warn_then_lock_out(window):
    pin = window.loginPage.pinInput
    for _ in range(4):
        typed(pin, "0000\r")
    assert "再错 1 次" in window.loginPage.message.text()
    typed(pin, "0000\r")
    assert "等待 60 秒" in window.loginPage.message.text()
    typed(pin, "1234\r")  # the right PIN, but still locked
    assert window.stack.currentIndex() == 0


def test_the_interface_is_chinese_by_default(counter):
    texts = [w.text() for w in counter.findChildren(QLabel) + counter.findChildren(QPushButton) if w.text()]
    tabs = [counter.tabs.tabText(i) for i in range(counter.tabs.count())]
    assert tabs == ["到件入库  F2", "取件出库  F3", "库存  F4", "寄件  F5", "农产品  F6", "交接  F7", "缴费  F8",
                    "日结  F9", "报表  F10"]
    assert "确认出库（Ctrl+回车）" in texts and "锁屏" in texts


@pytest.mark.parametrize("language", ["en"])
def test_english_is_selectable(counter):
    tabs = [counter.tabs.tabText(i) for i in range(counter.tabs.count())]
    assert tabs == ["Parcels in  F2", "Pickup  F3", "Stock  F4", "Send  F5", "Produce  F6", "Hand-over  F7",
                    "Bills  F8", "Day close  F9", "Reports  F10"]


def test_first_run_wizard_creates_the_station(qtbot, tmp_path):
    conn = db.open_db(tmp_path)
    wizard = SetupWizard(conn)
    qtbot.addWidget(wizard)
    wizard.codeInput.setText("S009")
    wizard.nameInput.setText("龙雾村便民服务站")
    wizard.clerkInput.setText("王芳")
    wizard.pinInput.setText("2468")
    wizard.pinAgain.setText("2469")
    ok = wizard.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # as the clerk does: the form's 确定 button
    assert "不一致" in wizard.message.text() and station.get(conn) is None
    wizard.pinAgain.setText("2468")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert wizard.result() == SetupWizard.DialogCode.Accepted
    assert station.get(conn).code == "S009"
    conn.close()


def test_supervisor_settings_save_thresholds_shelves_and_add_a_clerk(counter, conn, data_dir, qtbot):
    from station_app.core import clerks, device_settings, journal, settings, shelving
    from station_app.ui.settings_dialog import SettingsDialog

    assert counter.settingsButton.isVisible()
    dialog = SettingsDialog(counter.session, counter)
    dialog.remindDays.setValue(7)
    dialog.returnDays.setValue(5)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "少于" in dialog.message.text() and settings.get_int(conn, "remind_after_days") == 3
    dialog.remindDays.setValue(2)
    dialog.returnDays.setValue(10)
    dialog.shelfCount.setValue(6)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert (settings.get_int(conn, "remind_after_days"), settings.get_int(conn, "return_after_days")) == (2, 10)
    assert len(shelving.shelves(conn)) == 6
    assert device_settings.load(data_dir)["language"] == "en"
    assert journal.count(conn, "settings.changed") == 2
    dialog.newClerkName.setText("李明")
    dialog.newClerkPin.setText("56")
    dialog.add_clerk()
    assert "4 到 8 位" in dialog.message.text()
    dialog.newClerkPin.setText("5678")
    dialog.add_clerk()
    assert [c.name for c in clerks.list_clerks(conn)] == ["王芳", "李明"]
    dialog.close()


def test_a_plain_clerk_sees_no_settings(window, conn, boss):
    from station_app.core import clerks

    clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    window.loginPage.prepare()
    window.loginPage.clerkSelector.setCurrentIndex(window.loginPage.clerkSelector.findText("李明（店员）"))
    typed(window.loginPage.pinInput, "5678\r")
    assert window.session.clerk.name == "李明"
    assert not window.settingsButton.isVisible()
