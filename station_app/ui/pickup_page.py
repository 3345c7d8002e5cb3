"""取件出库: find a recipient's parcels, scan each one handed over, confirm who took them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core import pickup
from ..core.errors import StationError
from ..core.parcels import Parcel
from ..core.privacy import mask_name
from .messages import error_text
from .session import Session, parcel_columns
from .widgets import Banner, Column, RowTable, ScanField, make_table


class PickupPage(QWidget):
    def __init__(self, session: Session, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupPage")
        self.session = session
        self.banner = banner
        self.parcels: list[Parcel] = []
        self.scanned: set[str] = set()

        self.lookupInput = ScanField("lookupInput", self.tr("Pickup code, phone, last 4 digits, or scan a waybill"))
        self.pickupScanInput = ScanField("pickupScanInput", self.tr("Scan each parcel as you hand it over"))
        self.summary = QLabel("", objectName="pickupSummary")
        self.summary.setStyleSheet("font-size:26px; font-weight:bold;")
        columns = [Column(self.tr("Handed"), lambda p: "✔" if p.id in self.scanned else "")]
        self.model = RowTable(columns + parcel_columns(session),
                              lambda p: "#c8f0c8" if p.id in self.scanned else "")
        self.pickupTable = make_table("pickupTable", self.model)
        self.selfRadio = QRadioButton(self.tr("Recipient"), objectName="handoverSelf")
        self.proxyRadio = QRadioButton(self.tr("Proxy"), objectName="handoverProxy")
        self.doorRadio = QRadioButton(self.tr("Delivered to the door"), objectName="handoverDoor")
        self.selfRadio.setChecked(True)
        self.handoverGroup = QButtonGroup(self)
        for radio in (self.selfRadio, self.proxyRadio, self.doorRadio):
            self.handoverGroup.addButton(radio)
            radio.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.proxyName = QLineEdit(objectName="proxyName", placeholderText=self.tr("Proxy's name"))
        self.proxyTail = QLineEdit(objectName="proxyTail", placeholderText=self.tr("Proxy's phone, last 4"))
        self.proxyTail.setMaxLength(4)
        self.confirmPickupButton = QPushButton(self.tr("Confirm hand-over (Ctrl+Enter)"),
                                               objectName="confirmPickupButton")
        self.confirmPickupButton.setMinimumHeight(52)
        self.confirmPickupButton.setShortcut("Ctrl+Return")
        self.clearButton = QPushButton(self.tr("Start over"), objectName="clearPickupButton")
        self._layout()

        self.lookupInput.returnPressed.connect(self._on_lookup)
        self.pickupScanInput.returnPressed.connect(self._on_handover_scan)
        self.pickupScanInput.escaped.connect(self.reset)
        self.confirmPickupButton.clicked.connect(self.confirm)
        self.clearButton.clicked.connect(self.reset)
        self.proxyRadio.toggled.connect(self._show_proxy)
        self._show_proxy(False)

    def _layout(self) -> None:
        who = QHBoxLayout()
        who.addWidget(QLabel(self.tr("Taken by:")))
        for widget in (self.selfRadio, self.proxyRadio, self.proxyName, self.proxyTail, self.doorRadio):
            who.addWidget(widget)
        who.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clearButton)
        buttons.addStretch(1)
        buttons.addWidget(self.confirmPickupButton)
        box = QVBoxLayout(self)
        box.addWidget(self.lookupInput)
        box.addWidget(self.summary)
        box.addWidget(self.pickupScanInput)
        box.addWidget(self.pickupTable, 1)
        box.addLayout(who)
        box.addLayout(buttons)

    def _show_proxy(self, on: bool) -> None:
        self.proxyName.setVisible(on)
        self.proxyTail.setVisible(on)

    def focus_scan(self) -> None:
        target = self.pickupScanInput if self.parcels else self.lookupInput
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.parcels, self.scanned = [], set()
        self.model.set_rows([])
        self.summary.setText("")
        self.selfRadio.setChecked(True)
        self.proxyName.clear()
        self.proxyTail.clear()
        self.lookupInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_lookup(self) -> None:
        text = self.lookupInput.text()
        self.lookupInput.clear()
        self.lookup(text)

    def lookup(self, text: str) -> None:
        try:
            found = pickup.lookup(self.session.conn, text)
        except StationError as err:
            self.banner.show_message("error", error_text(err))
            self.reset()
            return
        self.parcels, self.scanned = found, set()
        by_waybill = [p for p in found if p.waybill.upper() == text.strip().upper()]
        if by_waybill:  # the lookup was a scan of a parcel being handed over
            self.scanned.add(by_waybill[0].id)
        self.model.set_rows(found)
        people = {(p.recipient_name, p.masked_phone) for p in found}
        if len(people) == 1:
            name, phone = next(iter(people))
            self.summary.setText(self.tr("{name} {phone}: {n} parcels on the shelf").format(
                name=mask_name(name), phone=phone, n=len(found)))
        else:
            self.summary.setText(self.tr("{n} parcels for {k} people with this number: check the name").format(
                n=len(found), k=len(people)))
        self.banner.show_message("info", self.tr("Fetch the parcels, then scan each one as you hand it over."))
        self.pickupScanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_handover_scan(self) -> None:
        text = self.pickupScanInput.text()
        self.pickupScanInput.clear()
        if not self.parcels:  # nothing looked up yet: the scan is the lookup
            self.lookup(text)
            return
        try:
            parcel = pickup.check_handover(self.session.conn, text, self.parcels)
        except StationError as err:
            self.banner.show_message("error", error_text(err))
            self.pickupScanInput.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.scanned.add(parcel.id)
        self.model.refresh()
        left = len(self.parcels) - len(self.scanned)
        self.banner.show_message("ok", self.tr("{code} checked. {left} left to hand over.").format(
            code=parcel.pickup_code, left=left))
        self.pickupScanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def handover(self) -> pickup.Handover:
        if self.proxyRadio.isChecked():
            return pickup.Handover("proxy", self.proxyName.text(), self.proxyTail.text())
        return pickup.Handover("door" if self.doorRadio.isChecked() else "self")

    def confirm(self) -> None:
        ids = [p.id for p in self.parcels if p.id in self.scanned]
        try:
            done = pickup.confirm(self.session.conn, ids, self.handover(), clerk_id=self.session.clerk_id)
        except StationError as err:
            self.banner.show_message("error", error_text(err))
            self.focus_scan()
            return
        left = len(self.parcels) - len(done)
        message = self.tr("Handed over {n} parcels.").format(n=len(done))
        if left:
            message += " " + self.tr("{left} of theirs are still on the shelf.").format(left=left)
        self.reset()
        self.banner.show_message("warn" if left else "ok", message)
