"""Login, lock-out, the first-run wizard, and the language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from station_app.core import db, station
from station_app.ui.setup_wizard import SetupWizard

from .scanner import send_key


def typed(widget, text):
    for ch in text:
        send_key(widget, ch)


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
    assert tabs == ["到件入库  F2", "取件出库  F3", "库存  F4"]
    assert "确认出库（Ctrl+回车）" in texts and "锁屏" in texts


@pytest.mark.parametrize("language", ["en"])
def test_english_is_selectable(counter):
    tabs = [counter.tabs.tabText(i) for i in range(counter.tabs.count())]
    assert tabs == ["Parcels in  F2", "Pickup  F3", "Stock  F4"]


def test_first_run_wizard_creates_the_station(qtbot, tmp_path):
    conn = db.open_db(tmp_path)
    wizard = SetupWizard(conn)
    qtbot.addWidget(wizard)
    wizard.codeInput.setText("S009")
    wizard.nameInput.setText("龙雾村便民服务站")
    wizard.clerkInput.setText("王芳")
    wizard.pinInput.setText("2468")
    wizard.pinAgain.setText("2469")
    wizard.create()
    assert "不一致" in wizard.message.text() and station.get(conn) is None
    wizard.pinAgain.setText("2468")
    wizard.create()
    assert wizard.result() == SetupWizard.DialogCode.Accepted
    assert station.get(conn).code == "S009"
    conn.close()
