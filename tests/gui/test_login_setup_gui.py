"""Login, lock-out, the first-run wizard, and the language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QTabWidget

from station_app.core import clerks, db, device_settings, journal, settings, shelving, station
from station_app.ui.setup_wizard import SetupWizard

from .scanner import fill, typed
from .support import Modals, button_of, choose, click, find, on_login_screen, set_number


def test_login_screen_first_with_the_pin_field_focused(window):
    assert window.objectName() == "mainWindow"
    assert on_login_screen(window)
    assert QApplication.focusWidget() is find(window, "pinInput")


def test_wrong_pins_warn_then_lock_out(window):
    pin, message = find(window, "pinInput", QLineEdit), find(window, "loginMessage", QLabel)
    for _ in range(4):
        typed(pin, "0000\r")
    assert "再错 1 次" in message.text()
    typed(pin, "0000\r")
    assert "等待 60 秒" in message.text()
    typed(pin, "1234\r")  # the right PIN, but still locked
    assert on_login_screen(window)


def test_the_interface_is_chinese_by_default(counter):
    texts = [w.text() for w in counter.findChildren(QLabel) + counter.findChildren(QPushButton) if w.text()]
    tab_widget = find(counter, "pageTabs", QTabWidget)
    tabs = [tab_widget.tabText(i) for i in range(tab_widget.count())]
    assert tabs == ["到件入库  F2", "取件出库  F3", "问题件  Shift+F3", "库存  F4", "盘库  Shift+F4", "电话  F11",
                    "寄件  F5", "农产品  F6", "交接  F7", "缴费  F8", "派费对账  Shift+F8", "便民服务  F12",
                    "日结  F9", "报表  F10"]
    assert "确认出库（Ctrl+回车）" in texts and "锁屏" in texts


@pytest.mark.parametrize("language", ["en"])
def test_english_is_selectable(counter):
    tab_widget = find(counter, "pageTabs", QTabWidget)
    tabs = [tab_widget.tabText(i) for i in range(tab_widget.count())]
    assert tabs == ["Parcels in  F2", "Pickup  F3", "Exceptions  Shift+F3", "Stock  F4", "Stocktake  Shift+F4",
                    "Calls  F11", "Send  F5", "Produce  F6", "Hand-over  F7", "Bills  F8", "Courier fees  Shift+F8",
                    "Services  F12", "Day close  F9",
                    "Reports  F10"]


def test_first_run_wizard_creates_the_station(qtbot, tmp_path):
    """The wizard is the first window on a new PC (no button opens it): typed into by name, then its 确定."""
    conn = db.open_db(tmp_path)
    wizard = SetupWizard(conn)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    for name, text in (("stationCodeInput", "S009"), ("stationNameInput", "龙雾村便民服务站"),
                       ("clerkNameInput", "王芳"), ("newPinInput", "2468"), ("newPinAgain", "2469")):
        field = find(wizard, name, QLineEdit)
        field.setFocus()
        fill(field, text)
    ok = button_of(wizard, QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # as the clerk does: the form's 确定 button
    assert "不一致" in find(wizard, "setupMessage", QLabel).text() and station.get(conn) is None
    fill(find(wizard, "newPinAgain", QLineEdit), "2468")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()  # accepted: the counter opens next
    assert station.get(conn).code == "S009"
    assert [c.name for c in clerks.list_clerks(conn)] == ["王芳"]
    conn.close()


def test_supervisor_settings_save_thresholds_shelves_and_add_a_clerk(counter, conn, data_dir, qtbot):
    assert find(counter, "settingsButton").isVisible()
    seen = {}

    def settle(dialog) -> None:
        assert dialog.objectName() == "settingsDialog", dialog.objectName()
        message = find(dialog, "settingsMessage", QLabel)
        save = button_of(dialog, QDialogButtonBox.StandardButton.Save)
        set_number(find(dialog, "remindDays"), 7)
        set_number(find(dialog, "returnDays"), 5)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["too_late"] = message.text()
        seen["remind_then"] = settings.get_int(conn, "remind_after_days")
        set_number(find(dialog, "remindDays"), 2)
        set_number(find(dialog, "returnDays"), 10)
        set_number(find(dialog, "shelfCount"), 6)
        choose(find(dialog, "languageSelector", QComboBox), data="en")
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["saved"] = message.text()
        fill(find(dialog, "newClerkName", QLineEdit), "李明")
        fill(find(dialog, "newClerkPin", QLineEdit), "56")
        QTest.mouseClick(find(dialog, "addClerkButton"), Qt.MouseButton.LeftButton)
        seen["short_pin"] = message.text()
        fill(find(dialog, "newClerkPin", QLineEdit), "5678")
        QTest.mouseClick(find(dialog, "addClerkButton"), Qt.MouseButton.LeftButton)
        seen["added"] = message.text()
        QTest.mouseClick(button_of(dialog, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    answers = Modals(settle)
    click(qtbot, counter, "settingsButton")
    assert answers.done()
    assert "少于" in seen["too_late"] and seen["remind_then"] == 3
    assert seen["saved"] == "已保存。"
    assert (settings.get_int(conn, "remind_after_days"), settings.get_int(conn, "return_after_days")) == (2, 10)
    assert len(shelving.shelves(conn)) == 6
    assert device_settings.load(data_dir)["language"] == "en"
    assert journal.count(conn, "settings.changed") == 2
    assert "4 到 8 位" in seen["short_pin"] and "李明" in seen["added"]
    assert [c.name for c in clerks.list_clerks(conn)] == ["王芳", "李明"]


def test_a_plain_clerk_sees_no_settings(counter, conn, boss, qtbot):
    clerks.add_clerk(conn, "李明", "5678", "clerk", by=boss.id)
    click(qtbot, counter, "lockButton")  # the login screen lists who may log in now
    assert on_login_screen(counter)
    choose(find(counter, "clerkSelector", QComboBox), text="李明（店员）")
    typed(find(counter, "pinInput", QLineEdit), "5678\r")
    assert not on_login_screen(counter)
    assert "李明" in find(counter, "clerkLabel", QLabel).text()
    assert not find(counter, "settingsButton").isVisible()
