"""便民服务 (一点多能): record a service from the county's catalogue for a villager, print the receipt where money
changes hands, void a wrong one (supervisor)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import money, services
from ..core.clock import local_text, to_iso, utc_now
from ..core.errors import StationError
from ..core.privacy import mask_name, mask_phone
from ..labels.kinds import service_receipt
from .messages import fill_methods
from .page import Page, PageHost
from .printing import PrintJob, can_print
from .supervisor_dialog import SupervisorDialog
from .widgets import Column, RowTable, ScanField, make_table, named


class ServicesPage(Page):
    key, order = "F12", 87  # after 缴费 (F8) and its 派费对账 (Shift+F8)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Services")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("servicesPage")
        self.catalogue = {s.code: s for s in services.catalogue(self.session.conn)}
        self.villagerLookup = ScanField("villagerLookup", self.tr("Phone of a repeat villager, then Enter"))
        self.serviceSelector = named(QComboBox(), "serviceSelector")
        for s in self.catalogue.values():
            self.serviceSelector.addItem(f"{s.category_name} · {s.name}", s.code)
        self.businessType = named(QComboBox(), "serviceBusinessType")
        self.villagerName = named(QLineEdit(), "villagerName")
        self.villagerPhone = named(QLineEdit(), "villagerPhone")
        self.idType = named(QComboBox(), "serviceIdType")
        self.idType.addItem(self.tr("Resident ID card"), "resident_id")
        self.idType.addItem(self.tr("Other ID"), "other")
        self.idNumber = named(QLineEdit(), "serviceIdNumber")
        self.amount = named(QLineEdit(placeholderText=self.tr("yuan")), "serviceAmount")
        self.channel = named(QComboBox(), "serviceChannel")
        fill_methods(self.channel, services.CHANNELS)
        self.reference = named(QLineEdit(placeholderText=self.tr("transaction or receipt number")),
                               "serviceReference")
        self.feeShown = named(QLabel(""), "serviceFee")
        self.recordButton = named(QPushButton(self.tr("Record service")), "recordServiceButton")
        self.voidButton = named(QPushButton(self.tr("Void selected (supervisor)…")), "voidServiceButton")
        self.model: RowTable[sqlite3.Row] = RowTable([
            Column(self.tr("Time"), lambda r: local_text(r["created_at"], "%H:%M")),
            Column(self.tr("Service"), lambda r: self._service_name(r["service_code"])),
            Column(self.tr("Business"), lambda r: r["business_type"]),
            Column(self.tr("Villager"), lambda r: f"{mask_name(r['villager_name'])} "
                                                  f"{mask_phone(r['villager_phone'])}"),
            Column(self.tr("Amount"), lambda r: money.yuan(r["amount_fen"]) if r["amount_fen"] else ""),
            Column(self.tr("Fee"), lambda r: money.yuan(r["fee_fen"]) if r["fee_fen"] else ""),
            Column(self.tr("Status"), lambda r: self.tr("voided: ") + r["void_reason"] if r["status"] == "voided"
                   else "")], lambda r: "#eeeeee" if r["status"] == "voided" else "")
        self.servicesTable = make_table("servicesTable", self.model)
        self.form = QFormLayout()
        self.form.addRow(self.villagerLookup)
        self.form.addRow(self.tr("Service"), self.serviceSelector)
        self.form.addRow(self.tr("Business"), self.businessType)
        self.form.addRow(self.tr("Villager"), self.villagerName)
        self.form.addRow(self.tr("Villager's phone"), self.villagerPhone)
        self.form.addRow(self.tr("ID type"), self.idType)
        self.form.addRow(self.tr("ID number"), self.idNumber)
        self.form.addRow(self.tr("Amount"), self.amount)
        self.form.addRow(self.tr("Paid by"), self.channel)
        self.form.addRow(self.tr("Reference"), self.reference)
        self.form.addRow(self.tr("Fee"), self.feeShown)
        self.form.addRow(self.recordButton)
        right = QVBoxLayout()
        right.addWidget(self.servicesTable, 1)
        right.addWidget(self.voidButton)
        box = QHBoxLayout(self)
        box.addLayout(self.form, 2)
        box.addLayout(right, 3)
        self.villagerLookup.returnPressed.connect(self.lookup)
        self.serviceSelector.currentIndexChanged.connect(self._service_chosen)
        self.amount.textChanged.connect(self._show_fee)
        for field in (self.amount, self.reference, self.idNumber):
            field.returnPressed.connect(self.save)
        self.recordButton.clicked.connect(self.save)
        self.voidButton.clicked.connect(self.void)
        self._service_chosen()

    def _service_name(self, code: str) -> str:
        found = self.catalogue.get(code)
        return found.name if found else code

    def _chosen(self) -> services.Service | None:
        return self.catalogue.get(self.serviceSelector.currentData())

    def _service_chosen(self, _index: int = 0) -> None:
        """Only the fields this service needs are shown."""
        service = self._chosen()
        needs = set(service.fields) if service else set()
        self.businessType.clear()
        self.businessType.addItems(list(service.business_types) if service else [])
        has_money = service is not None and service.money != "none"
        for widget, shown in ((self.businessType, "business_type" in needs), (self.idType, "id" in needs),
                              (self.idNumber, "id" in needs), (self.amount, has_money),
                              (self.reference, "reference" in needs),
                              (self.channel, has_money or bool(service and service.fee_fen))):
            self.form.setRowVisible(widget, shown)
        self._show_fee()

    def _show_fee(self, _text: str = "") -> None:
        service = self._chosen()
        if service is None:
            self.feeShown.setText("")
            return
        try:
            amount = money.parse_yuan(self.amount.text()) if self.amount.text().strip() else 0
        except StationError:
            amount = 0
        fee = service.fee(amount if service.money != "none" else 0)
        payer = self.tr("paid by the villager") if service.fee_from == "villager" else self.tr("paid by the provider")
        self.feeShown.setText(f"{money.yuan(fee)} ({payer})" if fee else self.tr("none"))

    def focus_scan(self) -> None:
        self.villagerLookup.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        from ..core.dayclose import business_day

        self.model.set_rows(services.for_day(self.session.conn, business_day(self.session.conn)))

    def lookup(self) -> None:
        found = services.find_villager(self.session.conn, self.villagerLookup.text())
        typed = self.villagerLookup.text().strip()
        self.villagerLookup.clear()
        if found is None:
            self.villagerPhone.setText(typed)
            self.banner.show_message("info", self.tr("New villager: type the name."))
            self.villagerName.setFocus()
            return
        self.villagerName.setText(found.name)
        self.villagerPhone.setText(found.phone)
        if found.service_code in self.catalogue:
            self.serviceSelector.setCurrentIndex(self.serviceSelector.findData(found.service_code))
            self.businessType.setCurrentText(found.business_type)
        self.banner.show_message("info", self.tr("Repeat villager {name}: check the service.").format(
            name=mask_name(found.name)))
        (self.amount if self.amount.isVisible() else self.serviceSelector).setFocus()

    def save(self) -> None:
        code, business, name = self.serviceSelector.currentData(), self.businessType.currentText(), \
            self.villagerName.text()
        phone, id_type, id_number = self.villagerPhone.text(), self.idType.currentData(), self.idNumber.text()
        amount_text, channel, reference = self.amount.text().strip(), self.channel.currentData(), self.reference.text()
        service = self._chosen()
        needs = set(service.fields) if service else set()
        self.op(lambda conn: services.record(
            conn, service_code=code, villager_name=name, villager_phone=phone,
            business_type=business if "business_type" in needs else "",
            id_type=id_type if "id" in needs else "", id_number=id_number if "id" in needs else "",
            amount_fen=money.parse_yuan(amount_text) if amount_text and service and service.money != "none" else 0,
            reference=reference if "reference" in needs else "", channel=channel,
            clerk_id=self.session.clerk_id)).then(self._recorded).run()

    def _recorded(self, rec: services.Record) -> None:
        self.banner.show_message("ok", self.tr("Recorded {service} for {name}.").format(
            service=rec.service.name, name=mask_name(rec.villager_name)))
        if rec.money_changes_hands and can_print(self.session.printer, "service_receipt"):
            self._print(rec)
        for field in (self.amount, self.reference, self.idNumber, self.villagerName, self.villagerPhone):
            field.clear()
        self.reload()
        self.focus_scan()

    def _print(self, rec: services.Record) -> None:
        fee = rec.fee_fen if rec.service.fee_from == "villager" else 0
        pages = service_receipt.pages(service_receipt.ServiceReceipt(
            self.session.station.name, rec.id[-10:].upper(), rec.service.name, rec.business_type,
            f"{mask_name(rec.villager_name)} {mask_phone(rec.villager_phone)}".strip(), rec.id_masked,
            money.yuan(rec.amount_fen) if rec.amount_fen else "", rec.service.money == "out", money.yuan(fee),
            money.yuan(rec.taken_fen), self.channel.itemText(self.channel.findData(rec.channel)), rec.reference,
            rec.business_day, local_text(to_iso(utc_now()), "%Y-%m-%d %H:%M")), self.session.document_language)
        self.printer.submit(self.session.printer, PrintJob(f"service-{rec.id[-8:]}", pages, kind="service_receipt"))

    def void(self) -> None:
        chosen = self.model.selected(self.servicesTable)
        if not chosen:
            self.banner.show_message("warn", self.tr("Select a service in the list first."))
            return
        dialog = SupervisorDialog(self.session, self.tr("Void the service {service}").format(
            service=self._service_name(chosen[0]["service_code"])), self)
        if not dialog.exec():
            return
        record_id, reason = chosen[0]["id"], dialog.reason()
        supervisor_id, pin = dialog.supervisor_id(), dialog.pin()
        self.op(lambda conn: services.void(conn, record_id, reason, clerk_id=self.session.clerk_id,
                                           supervisor_id=supervisor_id, supervisor_pin=pin)).then(
            lambda _none: self.banner.show_message("ok", self.tr("Service voided."))).refresh().run()
