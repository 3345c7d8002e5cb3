"""First run with no station: the same questions as `station-app init`, in one short form."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from ..core import station
from ..core.errors import StationError
from .messages import error_text
from .widgets import named


class SetupWizard(QDialog):
    def __init__(self, conn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Set up this station"))
        self.setMinimumWidth(640)  # long station names must fit, in big type
        self.conn = conn
        self.codeInput = named(QLineEdit(), "stationCodeInput")
        self.nameInput = named(QLineEdit(), "stationNameInput")
        self.clerkInput = named(QLineEdit(), "clerkNameInput")
        self.pinInput = named(QLineEdit(), "newPinInput")
        self.pinAgain = named(QLineEdit(), "newPinAgain")
        for field in (self.pinInput, self.pinAgain):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(8)
        self.shelves = named(QSpinBox(minimum=1, maximum=99, value=4), "shelfCount")
        self.layers = named(QSpinBox(minimum=1, maximum=20, value=4), "layerCount")
        self.capacity = named(QSpinBox(minimum=1, maximum=9999, value=40), "layerCapacity")
        self.message = named(QLabel(""), "setupMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create_station)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Welcome. Enter the station's details from the county's letter.")))
        form.addRow(self.tr("Station code"), self.codeInput)
        form.addRow(self.tr("Station name"), self.nameInput)
        form.addRow(self.tr("Your name (supervisor)"), self.clerkInput)
        form.addRow(self.tr("PIN (4-8 digits)"), self.pinInput)
        form.addRow(self.tr("PIN again"), self.pinAgain)
        form.addRow(self.tr("Shelves"), self.shelves)
        form.addRow(self.tr("Layers per shelf"), self.layers)
        form.addRow(self.tr("Parcels per layer"), self.capacity)
        form.addRow(self.message)
        form.addRow(buttons)

    def create_station(self) -> None:
        if self.pinInput.text() != self.pinAgain.text():
            self.message.setText(self.tr("The two PINs differ. Type the same PIN twice."))
            return
        try:
            station.init_station(self.conn, self.codeInput.text(), self.nameInput.text(), self.clerkInput.text(),
                                 self.pinInput.text(), shelves=self.shelves.value(), layers=self.layers.value(),
                                 capacity=self.capacity.value())
        except StationError as err:
            self.message.setText(error_text(err))
            return
        self.accept()
