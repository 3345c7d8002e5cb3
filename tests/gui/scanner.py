"""A USB barcode scanner as the app sees it: key presses ~2 ms apart, Enter, ~50 ms, the next code.

Each key goes to whatever widget has the focus when it is typed, as with a real keyboard wedge. Chinese
text is sent as an input-method commit (DESIGN.md: keyClicks with non-ASCII text kills the process).
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_ENTER = "\r"


class Scanner(QObject):
    def __init__(self, char_ms: int = 2, gap_ms: int = 50) -> None:
        super().__init__()
        self.char_ms, self.gap_ms = char_ms, gap_ms
        self.keys: deque[str] = deque()
        self.timer = QTimer(self, singleShot=True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._next)
        self.sent = 0
        self.dropped = 0  # keys typed while no widget had the focus (a real scanner would lose them too)

    def scan(self, codes: list[str]) -> None:
        for code in codes:
            self.keys.extend(code)
            self.keys.append(_ENTER)
        if not self.timer.isActive():
            self.timer.start(0)

    @property
    def done(self) -> bool:
        return not self.keys and not self.timer.isActive()

    def _next(self) -> None:
        if not self.keys:
            return
        key = self.keys.popleft()
        target = QApplication.focusWidget()
        if target is not None:
            send_key(target, key)
        else:
            self.dropped += 1
        if key == _ENTER:
            self.sent += 1
        if self.keys:
            self.timer.start(self.gap_ms if key == _ENTER else self.char_ms)


def send_key(target: QWidget, char: str) -> None:
    if char == _ENTER:
        code, text = Qt.Key.Key_Return, "\r"
    else:
        code, text = (Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_unknown), char
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))


def type_chinese(target: QWidget, text: str) -> None:
    """What an input method does when the clerk picks the characters: one commit string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(target, event)


def typed(widget: QWidget, text: str) -> None:
    """Keys straight into one widget, as a scanner burst or a clerk typing ASCII."""
    for ch in text:
        send_key(widget, ch)


def fill(widget: QWidget, text: str) -> None:
    """Replace a field's text the way a clerk would: keys for ASCII, an input-method commit for Chinese."""
    widget.clear()
    if text.isascii():
        typed(widget, text)
    else:
        type_chinese(widget, text)
