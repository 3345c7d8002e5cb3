"""Supervisor settings: overdue tiers, idle lock, SMS template, shelves, clerks, screen and document language.

The rules (bounds, reminder before return, the template's fields) and the write live in core.station_setup."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import clerks, couriers, device_settings, settings, shelving, station_setup
from ..core.clock import local_day, utc_now
from ..core.errors import StationError
from .messages import error_text
from .session import Session
from .widgets import named

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}  # each in its own words, as language menus show them


class SettingsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Station settings"))
        self.session = session
        conn = session.conn
        self.remindDays = named(QSpinBox(minimum=1, maximum=60, value=settings.get_int(conn, "remind_after_days")),
                                "remindDays")
        self.returnDays = named(QSpinBox(minimum=1, maximum=90, value=settings.get_int(conn, "return_after_days")),
                                "returnDays")
        self.idleMinutes = named(QSpinBox(minimum=1, maximum=240, value=settings.get_int(conn, "idle_lock_minutes")),
                                 "idleMinutes")
        self.smsTemplate = named(QPlainTextEdit(), "smsTemplate")
        self.smsTemplate.setPlainText(self._shown(settings.get(conn, "sms_template")))
        self.smsTemplate.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.fieldButtons: list[QPushButton] = []
        for code, label in self._fields():
            button = named(QPushButton(label), f"templateField_{code}")
            button.setStyleSheet("padding:3px 8px;")  # chips, smaller than the counter's big buttons
            button.setToolTip(self.tr("Insert {field}: replaced in each text by the real value.").format(
                field="{" + label + "}"))
            button.clicked.connect(lambda _c=False, label=label: self._insert_field(label))
            self.fieldButtons.append(button)
        self.smsPreview = named(QLabel(""), "smsPreview")
        self.smsPreview.setWordWrap(True)
        self.smsTemplate.textChanged.connect(self._update_preview)
        self.returnDays.valueChanged.connect(lambda _v: self._update_preview())
        layout = shelving.shelves(conn)
        self.shelfCount = named(QSpinBox(minimum=1, maximum=99, value=len(layout)), "shelfCount")
        self.layerCount = named(QSpinBox(minimum=1, maximum=20, value=layout[0].layers), "layerCount")
        self.capacity = named(QSpinBox(minimum=1, maximum=9999, value=layout[0].capacity), "layerCapacity")
        self.language = named(QComboBox(), "languageSelector")
        for code in device_settings.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(
            self.language.findData(device_settings.load(session.data_dir)["language"]))
        # the language printed labels, receipts and reports use; the screen's language is this PC's own
        self.documentLanguage = named(QComboBox(), "documentLanguageSelector")
        for code in settings.DOCUMENT_LANGUAGES:
            self.documentLanguage.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.documentLanguage.setCurrentIndex(
            max(0, self.documentLanguage.findData(settings.get(conn, "document_language"))))
        self.newClerkName = named(QLineEdit(), "newClerkName")
        self.newClerkPin = named(QLineEdit(), "newClerkPin")
        self.newClerkPin.setEchoMode(QLineEdit.EchoMode.Password)
        self.newClerkRole = named(QComboBox(), "newClerkRole")
        self.newClerkRole.addItem(self.tr("clerk"), "clerk")
        self.newClerkRole.addItem(self.tr("supervisor"), "supervisor")
        self.addClerkButton = named(QPushButton(self.tr("Add clerk")), "addClerkButton")
        self.message = named(QLabel(""), "settingsMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.addClerkButton.clicked.connect(self.add_clerk)

        # Two columns, so the dialog fits a 1024×768 screen: station settings left, clerks right.
        form = QFormLayout()
        form.addRow(self.tr("Remind again after (days)"), self.remindDays)
        form.addRow(self.tr("Due for return after (days)"), self.returnDays)
        form.addRow(self.tr("Lock after idle (minutes)"), self.idleMinutes)
        form.addRow(self.tr("Shelves"), self.shelfCount)
        form.addRow(self.tr("Layers per shelf"), self.layerCount)
        form.addRow(self.tr("Parcels per layer"), self.capacity)
        form.addRow(self.tr("Language (after restart)"), self.language)
        form.addRow(self.tr("Language of printed papers"), self.documentLanguage)
        template = QGroupBox(self.tr("SMS template"))
        column = QVBoxLayout(template)
        column.addWidget(self.smsTemplate)
        chips = QHBoxLayout()
        chips.addWidget(QLabel(self.tr("Insert:")))
        for button in self.fieldButtons:
            chips.addWidget(button)
        chips.addStretch(1)
        column.addLayout(chips)
        column.addWidget(self.smsPreview)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(template)
        left.addWidget(buttons)
        people = QGroupBox(self.tr("New clerk"))
        pform = QFormLayout(people)
        pform.addRow(self.tr("Name"), self.newClerkName)
        pform.addRow(self.tr("PIN"), self.newClerkPin)
        pform.addRow(self.tr("Role"), self.newClerkRole)
        pform.addRow(self.addClerkButton)
        right = QVBoxLayout()
        right.addWidget(people)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        for field in (self.newClerkName, self.newClerkPin, self.newClerkRole):
            field.setMinimumWidth(160)
        outer = QVBoxLayout(self)
        outer.addLayout(columns)
        outer.addWidget(self.message)
        self._update_preview()

    # ----- the SMS template: shown with the fields' names in the clerk's language, stored with codes ----------
    def _fields(self) -> list[tuple[str, str]]:
        return [("station", self.tr("station name")), ("courier", self.tr("courier")),
                ("tail", self.tr("last 4 of waybill")), ("code", self.tr("pickup code")),
                ("deadline", self.tr("pick up by"))]

    def _shown(self, template: str) -> str:
        for code, label in self._fields():
            template = template.replace("{" + code + "}", "{" + label + "}")
        return template

    def _stored(self) -> str:
        text = self.smsTemplate.toPlainText().strip()
        for code, label in self._fields():
            text = text.replace("{" + label + "}", "{" + code + "}")
        return text

    def _insert_field(self, label: str) -> None:
        self.smsTemplate.insertPlainText("{" + label + "}")
        self.smsTemplate.setFocus()

    def _template_problem(self, template: str) -> str:
        try:
            settings.check_template(template)
        except StationError as err:
            if err.code == "template_unknown_field":
                return self.tr("The template has a field the station does not know: {fields}. Insert fields "
                               "with the buttons under the box.").format(fields=err.params["fields"])
            return error_text(err)
        return ""

    def _update_preview(self) -> None:
        template = self._stored()
        problem = self._template_problem(template)
        if problem:
            self.smsPreview.setStyleSheet("color:#b71c1c;")
            self.smsPreview.setText(problem)
            return
        conn = self.session.conn
        courier = next(iter(couriers.names(conn).values()), "")
        deadline = local_day(utc_now()) + timedelta(days=self.returnDays.value())
        try:  # the same values core.notifications.render fills in, here for a sample parcel
            sample = template.format(station=self.session.station.name, courier=courier, tail="5678",
                                     code="1-2-0003", deadline=f"{deadline:%m月%d日}")
        except (ValueError, IndexError, KeyError):
            sample = ""
        self.smsPreview.setStyleSheet("color:#555;")
        self.smsPreview.setText(self.tr("Example: {text}").format(text=sample))

    def save(self) -> None:
        shown = {
            "remind_after_days": lambda: str(self.remindDays.value()),
            "return_after_days": lambda: str(self.returnDays.value()),
            "idle_lock_minutes": lambda: str(self.idleMinutes.value()),
            "sms_template": self._stored,
            "document_language": lambda: str(self.documentLanguage.currentData()),
        }
        values = {name: shown[name]() for name in settings.EDITABLE}  # core's one list of what a supervisor sets
        layout = [(n, self.layerCount.value(), self.capacity.value()) for n in range(1, self.shelfCount.value() + 1)]
        try:
            station_setup.save(self.session.conn, values, layout, clerk_id=self.session.clerk_id)
        except StationError as err:
            self.message.setText(self._template_problem(values["sms_template"]) or error_text(err))
            return
        device_settings.save(self.session.data_dir, {"language": str(self.language.currentData())})
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
