"""登录: choose your name, type your PIN. Also the lock screen after the idle time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..core import clerks
from ..core.clerks import Clerk
from ..core.errors import StationError
from .messages import error_text
from .session import Session


class LoginPage(QWidget):
    logged_in = Signal(object)  # Clerk

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        self.session = session
        self.title = QLabel(session.station.name, objectName="loginTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size:34px; font-weight:bold;")
        self.clerkSelector = QComboBox(objectName="clerkSelector")
        self.pinInput = QLineEdit(objectName="pinInput")
        self.pinInput.setEchoMode(QLineEdit.EchoMode.Password)
        self.pinInput.setMaxLength(8)
        self.pinInput.setMinimumHeight(52)
        self.pinInput.setProperty("scan", True)  # the same big, framed field as the scan inputs
        self.pinInput.setPlaceholderText(self.tr("PIN, then Enter"))
        self.message = QLabel("", objectName="loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828; font-size:20px;")
        self.loginButton = QPushButton(self.tr("Log in"), objectName="loginButton")
        form = QFormLayout()
        form.addRow(self.tr("Clerk"), self.clerkSelector)
        form.addRow(self.tr("PIN"), self.pinInput)
        inner = QWidget()
        inner.setMaximumWidth(520)
        column = QVBoxLayout(inner)
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

    def prepare(self, locked_by: Clerk | None = None) -> None:
        """Fill the clerk list; after an idle lock the clerk who was working is preselected."""
        self.clerkSelector.clear()
        for clerk in clerks.list_clerks(self.session.conn):
            self.clerkSelector.addItem(f"{clerk.name}（{self._role(clerk.role)}）", clerk.id)
        if locked_by is not None:
            self.clerkSelector.setCurrentIndex(max(0, self.clerkSelector.findData(locked_by.id)))
            self.message.setText(self.tr("Locked after a quiet spell. Type your PIN to continue."))
        else:
            self.message.setText("")
        self.pinInput.clear()
        self.pinInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _role(self, role: str) -> str:
        return self.tr("supervisor") if role == "supervisor" else self.tr("clerk")

    def try_login(self) -> None:
        pin = self.pinInput.text()
        self.pinInput.clear()
        try:
            clerk = clerks.login(self.session.conn, self.clerkSelector.currentData() or "", pin)
        except StationError as err:
            self.message.setText(error_text(err))
            self.pinInput.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.message.setText("")
        self.logged_in.emit(clerk)
