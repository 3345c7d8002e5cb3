"""到付/代收货款 at the pickup counter: what the recipient must pay, collected (cash, WeChat, Alipay with its
reference) or waived by a supervisor, and the 80 mm receipt. The pickup page shows it for the person's parcels;
core refuses the hand-over while any is unpaid, so this panel is the way through, not the guard."""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..core import cod, money
from ..core.clock import local_text
from ..core.parcels import Parcel
from ..core.privacy import mask_name
from ..labels.kinds import cod_receipt
from .messages import fill_methods, money_methods
from .printing import PrintJob, can_print
from .supervisor_dialog import SupervisorDialog
from .widgets import named

if TYPE_CHECKING:
    from .page import Page


class CodPanel(QWidget):
    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.setObjectName("codPanel")
        self.page = page
        self.parcels: list[Parcel] = []
        self.pending: list[cod.Due] = []
        self.codDue = named(QLabel(""), "codDue")
        self.codDue.setStyleSheet("font-size:22px; font-weight:bold; color:#b71c1c;")
        self.codDue.setWordWrap(True)
        self.codChannel = named(QComboBox(), "codChannel")
        fill_methods(self.codChannel, cod.COD_CHANNELS)
        self.codReference = named(QLineEdit(placeholderText=self.tr("Payment reference (WeChat / Alipay)")),
                                  "codReference")
        self.codReference.setMinimumWidth(260)
        self.collectCodButton = named(QPushButton(self.tr("Collected")), "collectCodButton")
        self.waiveCodButton = named(QPushButton(self.tr("Waive (supervisor)…")), "waiveCodButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.codDue, 1)
        for widget in (self.codChannel, self.codReference, self.collectCodButton, self.waiveCodButton):
            row.addWidget(widget)
        self.collectCodButton.clicked.connect(self.collect)
        self.codReference.returnPressed.connect(self.collect)
        self.waiveCodButton.clicked.connect(self.waive)
        self.hide()

    def show_for(self, parcels: list[Parcel]) -> None:
        """The amounts still due on these parcels (the person's, at the counter now); hidden when none."""
        self.parcels = list(parcels)
        self.pending = cod.outstanding(self.page.session.conn, self.parcels)
        total = sum(d.amount_fen for d in self.pending)
        waybills = "、".join(d.waybill for d in self.pending)
        self.codDue.setText(self.tr("To pay on delivery: {amount} ({waybills}). Collect it before the hand-over.")
                            .format(amount=money.yuan(total), waybills=waybills))
        self.codReference.clear()
        self.setVisible(bool(self.pending))
        if self.pending:
            self.page.banner.show_message("warn", self.codDue.text())

    def collect(self) -> None:
        channel, reference = self.codChannel.currentData(), self.codReference.text()
        for due in list(self.pending):
            if not self.page.op(partial(self._collect_one, due.parcel_id, channel, reference)).then(
                    self._collected).run():
                return
        self.show_for(self.parcels)
        self.page.banner.show_message("ok", self.tr("Collected. Now scan the parcels as you hand them over."))
        self.page.focus_scan()

    def _collect_one(self, parcel_id: str, channel: str, reference: str, conn: sqlite3.Connection) -> cod.Due:
        return cod.collect(conn, parcel_id, channel, reference, clerk_id=self.page.session.clerk_id)

    def _collected(self, due: cod.Due) -> None:
        session = self.page.session
        if not can_print(session.printer, "cod_receipt"):
            return
        parcel = next((p for p in self.parcels if p.id == due.parcel_id), None)
        recipient = f"{mask_name(parcel.recipient_name)} {parcel.masked_phone}".strip() if parcel else ""
        lang = session.document_language
        pages = cod_receipt.pages(cod_receipt.CodReceipt(
            session.station.name, due.waybill, session.courier_names.get(due.courier, due.courier), recipient,
            money.yuan(due.amount_fen), money_methods().get(due.channel, due.channel), due.reference,
            local_text(due.settled_at)), lang)
        self.page.printer.submit(session.printer, PrintJob(f"cod-{due.parcel_id[-8:]}", pages, kind="cod_receipt"))

    def waive(self) -> None:
        if not self.pending:
            return
        session = self.page.session
        pending = list(self.pending)

        def approve(supervisor_id: str, pin: str, reason: str) -> object:
            return [cod.waive(session.conn, d.parcel_id, reason, clerk_id=session.clerk_id,
                              supervisor_id=supervisor_id, supervisor_pin=pin) for d in pending]

        dialog = SupervisorDialog(session, self.tr("Let the parcel go without the {amount} due on delivery").format(
            amount=money.yuan(sum(d.amount_fen for d in pending))), self.page, action=approve)
        if dialog.exec():
            self.show_for(self.parcels)
            self.page.banner.show_message("ok", self.tr("Waived. Now scan the parcels as you hand them over."))
        self.page.focus_scan()
