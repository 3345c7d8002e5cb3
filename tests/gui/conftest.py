"""GUI tests run the real window offscreen, driven through the widgets' objectNames."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QWidget  # noqa: E402

from station_app.ui import app as app_module  # noqa: E402
from station_app.ui import feedback, i18n  # noqa: E402

from .scanner import typed  # noqa: E402
from .support import find, on_login_screen  # noqa: E402

feedback.enabled = False  # record the sounds asked for (feedback.last) without playing them


@pytest.fixture
def language():
    return "zh_CN"


@pytest.fixture
def window(qtbot, qapp, conn, boss, data_dir, language):
    app_module.create_app(data_dir, language)
    win = app_module.open_window(conn, data_dir)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win
    for timer in win.findChildren(QTimer):  # no idle lock or automatic sync after the test
        timer.stop()
    find(win, "syncPanel", QWidget).shutdown()  # its worker thread ends with the window
    i18n.install(qapp, "zh_CN")


@pytest.fixture
def counter(window, qtbot):
    """The window after the supervisor logged in with PIN 1234."""
    typed(find(window, "pinInput", QLineEdit), "1234\r")
    assert not on_login_screen(window)
    return window
