"""Guards against a Qt binding that corrupts reference counts on the scan path.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a Python override of a void
virtual such as keyPressEvent; after some thousands of key presses the process aborts ("none_dealloc").
A station types tens of thousands of characters a day, so the binding in use must not do this.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit


class Overriding(QLineEdit):
    def keyPressEvent(self, event):  # noqa: N802
        super().keyPressEvent(event)


def test_overriding_a_key_handler_keeps_none_alive(qtbot):
    field = Overriding()
    qtbot.addWidget(field)
    before = sys.getrefcount(None)
    for _ in range(3000):
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier,
                                                "a"))
    assert sys.getrefcount(None) - before > -100  # a leak shows as -3000
    assert len(field.text()) == 3000
