"""Supervisor settings: overdue tiers, idle lock, SMS template, shelves, clerks, language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..core import clerks, device_settings, journal, settings, shelving
from ..core.db import transaction
from ..core.errors import StationError
from .messages import error_text
from .session import Session


class SettingsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Station settings"))
        self.session = session
        conn = session.conn
        self.remindDays = QSpinBox(objectName="remindDays", minimum=1, maximum=60,
                                   value=settings.get_int(conn, "remind_after_days"))
        self.returnDays = QSpinBox(objectName="returnDays", minimum=1, maximum=90,
                                   value=settings.get_int(conn, "return_after_days"))
        self.idleMinutes = QSpinBox(objectName="idleMinutes", minimum=1, maximum=240,
                                    value=settings.get_int(conn, "idle_lock_minutes"))
        self.smsTemplate = QLineEdit(settings.get(conn, "sms_template"), objectName="smsTemplate")
        layout = shelving.shelves(conn)
        self.shelfCount = QSpinBox(objectName="shelfCount", minimum=1, maximum=99, value=len(layout))
        self.layerCount = QSpinBox(objectName="layerCount", minimum=1, maximum=20, value=layout[0].layers)
        self.capacity = QSpinBox(objectName="layerCapacity", minimum=1, maximum=9999, value=layout[0].capacity)
        self.language = QComboBox(objectName="languageSelector")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(
            self.language.findData(device_settings.load(session.data_dir)["language"]))
        self.newClerkName = QLineEdit(objectName="newClerkName")
        self.newClerkPin = QLineEdit(objectName="newClerkPin")
        self.newClerkPin.setEchoMode(QLineEdit.EchoMode.Password)
        self.newClerkRole = QComboBox(objectName="newClerkRole")
        self.newClerkRole.addItem(self.tr("clerk"), "clerk")
        self.newClerkRole.addItem(self.tr("supervisor"), "supervisor")
        self.addClerkButton = QPushButton(self.tr("Add clerk"), objectName="addClerkButton")
        self.message = QLabel("", objectName="settingsMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.addClerkButton.clicked.connect(self.add_clerk)

        form = QFormLayout(self)
        form.addRow(self.tr("Remind again after (days)"), self.remindDays)
        form.addRow(self.tr("Due for return after (days)"), self.returnDays)
        form.addRow(self.tr("Lock after idle (minutes)"), self.idleMinutes)
        form.addRow(self.tr("SMS template"), self.smsTemplate)
        form.addRow(QLabel(self.tr("Fields: {station} {courier} {tail} {code} {deadline}")))
        form.addRow(self.tr("Shelves"), self.shelfCount)
        form.addRow(self.tr("Layers per shelf"), self.layerCount)
        form.addRow(self.tr("Parcels per layer"), self.capacity)
        form.addRow(self.tr("Language (after restart)"), self.language)
        form.addRow(buttons)
        form.addRow(QLabel(self.tr("New clerk")))
        form.addRow(self.tr("Name"), self.newClerkName)
        form.addRow(self.tr("PIN"), self.newClerkPin)
        form.addRow(self.tr("Role"), self.newClerkRole)
        form.addRow(self.addClerkButton)
        form.addRow(self.message)

    def save(self) -> None:
        conn, clerk_id = self.session.conn, self.session.clerk_id
        values = {
            "remind_after_days": str(self.remindDays.value()),
            "return_after_days": str(self.returnDays.value()),
            "idle_lock_minutes": str(self.idleMinutes.value()),
            "sms_template": self.smsTemplate.text(),
        }
        if self.remindDays.value() >= self.returnDays.value():
            self.message.setText(self.tr("The reminder must come before the return. Make it fewer days."))
            return
        layout = [(n, self.layerCount.value(), self.capacity.value()) for n in range(1, self.shelfCount.value() + 1)]
        try:
            for name, value in values.items():
                settings.validate(name, value)
            with transaction(conn):  # all settings or none
                for name, value in values.items():
                    if settings.get(conn, name) != value:
                        settings.write(conn, name, value)

                        journal.append(conn, "settings.changed", {"name": name, "value": value}, clerk_id=clerk_id)
                if [(s.shelf, s.layers, s.capacity) for s in shelving.shelves(conn)] != layout:
                    shelving.write_shelves(conn, layout, clerk_id=clerk_id)
        except StationError as err:
            self.message.setText(error_text(err))
            return
        device_settings.save(self.session.data_dir, {"language": self.language.currentData()})
        self.message.setText(self.tr("Saved."))

    def add_clerk(self) -> None:
        try:
            added = clerks.add_clerk(self.session.conn, self.newClerkName.text(), self.newClerkPin.text(),
                                     self.newClerkRole.currentData(), by=self.session.clerk_id)
        except StationError as err:
            self.message.setText(error_text(err))
            return
        self.newClerkName.clear()
        self.newClerkPin.clear()
        self.message.setText(self.tr("Clerk {name} added.").format(name=added.name))
