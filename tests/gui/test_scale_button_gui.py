"""读取电子秤 on the send page, pressed as the clerk does, with a simulated bench scale on a pseudo-terminal."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton

from station_app.core import device_settings

from ..devices import SimulatedScale
from .support import click, find, go, kind, said

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals are POSIX")


def test_the_scale_button_fills_the_weight_once_the_scale_is_stable(counter, qtbot, data_dir):
    scale = SimulatedScale(["US,GS,+  2.100kg", "US,GS,+  2.250kg", "ST,GS,+  2.300kg"])
    try:
        device_settings.save(data_dir, {"scale_port": scale.path})
        page = go(counter, "sendPage")
        click(qtbot, page, "readScaleButton")
        button = find(page, "readScaleButton", QPushButton)
        qtbot.waitUntil(button.isEnabled, timeout=10_000)
        assert find(page, "weightKg", QLineEdit).text() == "2.300"
        assert kind(counter) == "ok" and "2.3" in said(counter)
    finally:
        scale.stop()


def test_an_overloaded_scale_is_said_in_a_sentence(counter, qtbot, data_dir):
    scale = SimulatedScale(["OL,GS,+  0.000kg"])
    try:
        device_settings.save(data_dir, {"scale_port": scale.path})
        page = go(counter, "producePage")
        click(qtbot, page, "readScaleButton")
        qtbot.waitUntil(find(page, "readScaleButton", QPushButton).isEnabled, timeout=15_000)
        assert kind(counter) == "error" and "超载" in said(counter)
        assert find(page, "grossKg", QLineEdit).text() == ""
    finally:
        scale.stop()
