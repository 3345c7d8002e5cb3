"""生活缴费: log a payment made for a villager, print the receipt, void a wrong one (supervisor)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..core import bills, money
from ..core.clock import local_text, to_iso, utc_now
from ..core.privacy import mask_name, mask_phone
from ..labels.kinds import bill_receipt
from .messages import fill_methods
from .page import Page, PageHost
from .printing import PrintJob, can_print
from .supervisor_dialog import SupervisorDialog
from .widgets import Column, RowTable, ScanField, make_table, named


class BillsPage(Page):
    key, order = "F8", 80

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Bills")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("billsPage")
        self.types = {t.code: t for t in bills.types(self.session.conn)}
        self.payerLookup = ScanField("payerLookup", self.tr("Account number or phone of a repeat payer, then Enter"))
        self.billType = named(QComboBox(), "billType")
        for t in self.types.values():
            self.billType.addItem(t.name, t.code)
        self.account = named(QLineEdit(), "billAccount")
        self.payerName = named(QLineEdit(), "payerName")
        self.payerPhone = named(QLineEdit(), "payerPhone")
        self.amount = named(QLineEdit(placeholderText=self.tr("yuan")), "billAmount")
        self.channel = named(QComboBox(), "billChannel")
        fill_methods(self.channel, bills.CHANNELS)
        self.reference = named(QLineEdit(placeholderText=self.tr("transaction number")), "billReference")
        self.commission = named(QLineEdit(placeholderText=self.tr("yuan")), "billCommission")
        self.saveButton = named(QPushButton(self.tr("Log payment and print receipt")), "logBillButton")
        self.voidButton = named(QPushButton(self.tr("Void selected (supervisor)…")), "voidBillButton")
        self.model: RowTable[sqlite3.Row] = RowTable([
            Column(self.tr("Time"), lambda r: local_text(r["created_at"], "%H:%M")),
            Column(self.tr("Type"), lambda r: self.types[r["type_code"]].name if r["type_code"] in self.types
                   else r["type_code"]),
            Column(self.tr("Account"), lambda r: r["account"]),
            Column(self.tr("Payer"), lambda r: f"{mask_name(r['payer_name'])} {mask_phone(r['payer_phone'])}"),
            Column(self.tr("Amount"), lambda r: money.yuan(r["amount_fen"])),
            Column(self.tr("Status"), lambda r: self.tr("voided: ") + r["void_reason"] if r["status"] == "voided"
                   else "")], lambda r: "#eeeeee" if r["status"] == "voided" else "")
        self.billsTable = make_table("billsTable", self.model)
        form = QFormLayout()
        form.addRow(self.payerLookup)
        form.addRow(self.tr("Type"), self.billType)
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Payer"), self.payerName)
        form.addRow(self.tr("Payer's phone"), self.payerPhone)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Paid by"), self.channel)
        form.addRow(self.tr("Reference"), self.reference)
        form.addRow(self.tr("Commission"), self.commission)
        form.addRow(self.saveButton)
        right = QVBoxLayout()
        right.addWidget(self.billsTable, 1)
        right.addWidget(self.voidButton)
        box = QHBoxLayout(self)
        box.addLayout(form, 2)
        box.addLayout(right, 3)
        self.payerLookup.returnPressed.connect(self.lookup)
        self.billType.currentIndexChanged.connect(self._hint)
        self.saveButton.clicked.connect(self.save)
        self.voidButton.clicked.connect(self.void)
        self._hint()

    def _hint(self, _index: int = 0) -> None:
        kind = self.types.get(self.billType.currentData())
        self.account.setPlaceholderText(kind.hint if kind else "")
        self.commission.setText(money.yuan(kind.commission_fen).lstrip("¥") if kind else "0")

    def focus_scan(self) -> None:
        self.payerLookup.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        from ..core.dayclose import business_day

        self.model.set_rows(bills.for_day(self.session.conn, business_day(self.session.conn)))

    def lookup(self) -> None:
        row = bills.find_payer(self.session.conn, self.payerLookup.text())
        self.payerLookup.clear()
        if row is None:
            self.banner.show_message("info", self.tr("New payer: fill in the form."))
            return
        self.billType.setCurrentIndex(self.billType.findData(row["type_code"]))
        self.account.setText(row["account"])
        self.payerName.setText(row["payer_name"])
        self.payerPhone.setText(row["payer_phone"])
        self.amount.setFocus()

    def save(self) -> None:
        type_code, account, channel = self.billType.currentData(), self.account.text(), self.channel.currentData()
        name, phone, reference = self.payerName.text(), self.payerPhone.text(), self.reference.text()
        amount, commission = self.amount.text(), self.commission.text() or "0"
        self.op(lambda conn: bills.log_payment(
            conn, type_code=type_code, account=account, payer_name=name, payer_phone=phone,
            amount_fen=money.parse_yuan(amount), channel=channel, reference=reference,
            commission_fen=money.parse_yuan(commission), clerk_id=self.session.clerk_id)).then(self._logged).run()

    def _logged(self, payment: bills.Payment) -> None:
        self.banner.show_message("ok", self.tr("Logged {amount} for {account}.").format(
            amount=money.yuan(payment.amount_fen), account=payment.account))
        if can_print(self.session.printer, "bill_receipt"):
            lang = self.session.document_language
            pages = bill_receipt.pages(bill_receipt.BillReceipt(
                self.session.station.name, payment.id[-10:].upper(), self.types[payment.type_code].name,
                payment.account, f"{mask_name(payment.payer_name)} {mask_phone(payment.payer_phone)}".strip(),
                money.yuan(payment.amount_fen), money.yuan(payment.commission_fen),
                money.yuan(payment.amount_fen + payment.commission_fen), self.channel.currentText(),
                payment.reference, payment.business_day, local_text(to_iso(utc_now()), "%Y-%m-%d %H:%M")), lang)
            self.printer.submit(self.session.printer, PrintJob(f"bill-{payment.id[-8:]}", pages, kind="bill_receipt"))
        for field in (self.amount, self.reference, self.account, self.payerName, self.payerPhone):
            field.clear()
        self.reload()
        self.focus_scan()

    def void(self) -> None:
        chosen = self.model.selected(self.billsTable)
        if not chosen:
            self.banner.show_message("warn", self.tr("Select a payment in the list first."))
            return
        dialog = SupervisorDialog(self.session, self.tr("Void the payment of {amount}").format(
            amount=money.yuan(chosen[0]["amount_fen"])), self)
        if not dialog.exec():
            return
        payment_id, reason = chosen[0]["id"], dialog.reason()
        supervisor_id, pin = dialog.supervisor_id(), dialog.pin()
        self.op(lambda conn: bills.void(conn, payment_id, reason, clerk_id=self.session.clerk_id,
                                        supervisor_id=supervisor_id, supervisor_pin=pin)).then(
            lambda _none: self.banner.show_message("ok", self.tr("Payment voided."))).refresh().run()

