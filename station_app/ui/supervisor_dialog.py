"""A supervisor's approval: choose the supervisor, their PIN, and the reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ..core import clerks
from ..core.errors import StationError
from .messages import error_text
from .session import Session
from .widgets import named

# What the approval is for: called with (supervisor id, PIN, reason); raises StationError to refuse.
Action = Callable[[str, str, str], object]


class SupervisorDialog(QDialog):
    """With an ``action``, OK runs it and a refusal (a wrong PIN, a missing reason) is shown here with the
    dialog left open: the typed reason stays, only the PIN is cleared. ``outcome`` holds what it returned."""

    def __init__(self, session: Session, title: str, parent: QWidget | None = None,
                 action: Action | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDialog")
        self.setWindowTitle(title)
        self.action = action
        self.outcome: object = None
        self.supervisorSelector = named(QComboBox(), "supervisorSelector")
        for clerk in clerks.list_clerks(session.conn):
            if clerk.is_supervisor:
                self.supervisorSelector.addItem(clerk.name, clerk.id)
        self.pinField = named(QLineEdit(), "supervisorPin")
        self.pinField.setEchoMode(QLineEdit.EchoMode.Password)
        self.reasonField = named(QLineEdit(), "undoReason")
        self.message = named(QLabel(""), "supervisorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828;")
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("supervisorButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        form.addRow(heading)
        form.addRow(self.tr("Supervisor"), self.supervisorSelector)
        form.addRow(self.tr("Supervisor's PIN"), self.pinField)
        form.addRow(self.tr("Reason"), self.reasonField)
        form.addRow(self.message)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        if self.action is not None:
            try:
                self.outcome = self.action(self.supervisor_id(), self.pin(), self.reason())
            except StationError as err:
                self.message.setText(error_text(err))
                self.message.show()
                self.pinField.clear()
                field = self.reasonField if err.code.endswith("needs_reason") else self.pinField
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        super().accept()

    def supervisor_id(self) -> str:
        return self.supervisorSelector.currentData() or ""

    def pin(self) -> str:
        return self.pinField.text()

    def reason(self) -> str:
        return self.reasonField.text()
