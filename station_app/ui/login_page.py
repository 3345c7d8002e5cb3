"""登录: choose your name, type your PIN. Also the lock screen after the idle time."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..core import clerks
from ..core.clerks import Clerk
from ..core.errors import StationError
from . import feedback
from .messages import error_text
from .session import Session
from .widgets import named

PIN_MAX = 8
_BURST_MS = 25  # a scanner types a key every few ms; nobody types a PIN that fast
_BURST_KEYS = 4


class ScanGuard(QObject):
    """Watches the keys typed into the PIN box and tells a scanner read from a PIN typed by hand.

    A barcode scanner types wherever the focus is. Its reads have letters or dashes, are longer than any PIN,
    or arrive as a burst (keys a few ms apart). Such an entry is not a PIN attempt. Timing uses the events'
    own timestamps (set by the window system), so a busy PC does not blur it; events without one (0) are
    judged by their content only.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.reset()

    def reset(self) -> None:
        self.keys = 0
        self.foreign = False  # a key a PIN never has
        self.times: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.times.append(event.timestamp())
            elif event.text() and event.text().isprintable():
                self.keys += 1
                self.foreign = self.foreign or not event.text().isdigit()
                self.times.append(event.timestamp())
        return False

    def scan_shaped(self) -> bool:
        if self.foreign or self.keys > PIN_MAX:
            return True
        stamps = self.times
        if len(stamps) <= _BURST_KEYS or 0 in stamps:
            return False
        return all(0 <= b - a < _BURST_MS for a, b in zip(stamps, stamps[1:], strict=False))


class LoginPage(QWidget):
    logged_in = Signal(object)  # Clerk

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        self.session = session
        self.title = named(QLabel(session.station.name), "loginTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size:34px; font-weight:bold;")
        self.title.setWordWrap(True)
        self.clerkSelector = named(QComboBox(), "clerkSelector")
        self.pinInput = named(QLineEdit(), "pinInput")
        self.pinInput.setEchoMode(QLineEdit.EchoMode.Password)
        self.pinInput.setMaxLength(PIN_MAX)
        self.pinInput.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX}}}"),
                                                               self.pinInput))
        self.pinInput.setMinimumHeight(52)
        self.pinInput.setProperty("scan", True)  # the same big, framed field as the scan inputs
        self.pinInput.setPlaceholderText(self.tr("PIN, then Enter"))
        self.guard = ScanGuard(self)
        self.pinInput.installEventFilter(self.guard)
        self.message = named(QLabel(""), "loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828; font-size:20px;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        font = QFont(self.message.font())
        font.setPixelSize(20)
        self.message.setFixedHeight(QFontMetrics(font).lineSpacing() * 3 + 6)  # room for three sentences
        self.loginButton = named(QPushButton(self.tr("Log in")), "loginButton")
        self.loginButton.setMinimumHeight(48)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Clerk"), self.clerkSelector)
        form.addRow(self.tr("PIN"), self.pinInput)
        # A fixed width and a message area of fixed height: a long message never pushes the button over the
        # PIN box, and each sentence gets its own line instead of wrapping mid-word.
        inner = named(QWidget(), "loginBox")
        inner.setFixedWidth(600)
        column = QVBoxLayout(inner)
        column.setSpacing(14)
        column.addWidget(self.title)
        column.addLayout(form)
        column.addWidget(self.loginButton)
        column.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(inner, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.pinInput.returnPressed.connect(self.try_login)
        self.loginButton.clicked.connect(self.try_login)
        self.clerkSelector.activated.connect(lambda _i: self.pinInput.setFocus())

    def _say(self, text: str) -> None:
        """One sentence per line: a line break only where a sentence ends."""
        for stop in ("。", ". "):
            text = text.replace(stop, stop.strip() + "\n")
        self.message.setText(text.strip())

    def prepare(self, locked_by: Clerk | None = None) -> None:
        """Fill the clerk list; after an idle lock the clerk who was working is preselected."""
        self.clerkSelector.clear()
        for clerk in clerks.list_clerks(self.session.conn):
            self.clerkSelector.addItem(f"{clerk.name}（{self._role(clerk.role)}）", clerk.id)
        if locked_by is not None:
            self.clerkSelector.setCurrentIndex(max(0, self.clerkSelector.findData(locked_by.id)))
            self._say(self.tr("Locked after a quiet spell. Type your PIN to continue."))
        else:
            self._say("")
        self.pinInput.clear()
        self.guard.reset()
        self.pinInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _role(self, role: str) -> str:
        return self.tr("supervisor") if role == "supervisor" else self.tr("clerk")

    def try_login(self) -> None:
        pin = self.pinInput.text()
        scanned = self.guard.scan_shaped()
        self.pinInput.clear()
        self.guard.reset()
        if scanned:  # a scanner read, not a PIN: it must not count toward the lock-out
            self._say(self.tr("Unlock with your PIN first. The scan was not used; scan it again after logging in."))
            feedback.play("warn")
            self.pinInput.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            clerk = clerks.login(self.session.conn, self.clerkSelector.currentData() or "", pin)
        except StationError as err:
            self._say(error_text(err))
            self.pinInput.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._say("")
        self.logged_in.emit(clerk)
