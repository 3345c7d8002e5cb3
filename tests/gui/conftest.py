"""GUI tests run the real window offscreen, driven through the widgets' objectNames."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from station_app.ui import app as app_module  # noqa: E402
from station_app.ui import feedback, i18n  # noqa: E402

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
    win.idle_timer.stop()
    win.syncPanel.shutdown()
    i18n.install(qapp, "zh_CN")


@pytest.fixture
def counter(window, qtbot):
    """The window after the supervisor logged in with PIN 1234."""
    qtbot.keyClicks(window.loginPage.pinInput, "1234")
    qtbot.keyClick(window.loginPage.pinInput, "\r")
    assert window.stack.currentIndex() == 1
    return window
