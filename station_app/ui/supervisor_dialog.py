"""A supervisor's approval: choose the supervisor, their PIN, and the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ..core import clerks
from .session import Session


class SupervisorDialog(QDialog):
    def __init__(self, session: Session, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDialog")
        self.setWindowTitle(title)
        self.supervisorSelector = QComboBox(objectName="supervisorSelector")
        for clerk in clerks.list_clerks(session.conn):
            if clerk.is_supervisor:
                self.supervisorSelector.addItem(clerk.name, clerk.id)
        self.pinField = QLineEdit(objectName="supervisorPin")
        self.pinField.setEchoMode(QLineEdit.EchoMode.Password)
        self.reasonField = QLineEdit(objectName="undoReason")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(title))
        form.addRow(self.tr("Supervisor"), self.supervisorSelector)
        form.addRow(self.tr("Supervisor's PIN"), self.pinField)
        form.addRow(self.tr("Reason"), self.reasonField)
        form.addRow(buttons)

    def supervisor_id(self) -> str:
        return self.supervisorSelector.currentData() or ""

    def pin(self) -> str:
        return self.pinField.text()

    def reason(self) -> str:
        return self.reasonField.text()
