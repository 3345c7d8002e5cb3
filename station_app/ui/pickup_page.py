"""取件出库: find a recipient's parcels, pick the person if several share the number, scan each parcel
handed over, confirm who took them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core import pickup
from ..core.parcels import Parcel
from ..core.privacy import mask_name, mask_phone
from .cod_panel import CodPanel
from .page import Page, PageHost
from .session import parcel_columns
from .text_status import TextColumn
from .widgets import Column, RowTable, ScanField, make_table, named


class PickupPage(Page):
    key, order = "F3", 30

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Pickup")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("pickupPage")
        self.parcels: list[Parcel] = []  # the chosen person's parcels on the shelf
        self.choices: list[pickup.Person] = []  # non-empty while the clerk must pick the person
        self.scanned: set[str] = set()

        self.lookupInput = ScanField("lookupInput", self.tr("Pickup code, phone, last 4 digits, or scan a waybill"))
        self.scan_hint = self.tr("Scan each parcel as you hand it over")
        self.pickupScanInput = ScanField("pickupScanInput", self.scan_hint)
        self.summary = named(QLabel(""), "pickupSummary")
        self.summary.setStyleSheet("font-size:26px; font-weight:bold;")
        self.summary.setWordWrap(True)
        self.recipientChooser = named(QListWidget(), "recipientChooser")
        self.recipientChooser.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the scan field
        self.recipientChooser.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recipientChooser.setStyleSheet("QListWidget { font-size:24px; } QListWidget::item { padding:6px; }"
                                            "QListWidget::item:selected { background:#1565c0; color:white; }")
        columns: list[Column[Parcel]] = [Column(self.tr("Handed"), lambda p: "✔" if p.id in self.scanned else "")]
        self.texts = TextColumn()  # what became of each parcel's pickup text: a failed one explains a surprise
        shared = parcel_columns(self.session)
        shared.insert(4, self.texts.column())
        self.model = RowTable(columns + shared,
                              lambda p: "#c8f0c8" if p.id in self.scanned else "")
        self.pickupTable = make_table("pickupTable", self.model)
        self.selfRadio = named(QRadioButton(self.tr("Recipient")), "handoverSelf")
        self.proxyRadio = named(QRadioButton(self.tr("Proxy")), "handoverProxy")
        self.doorRadio = named(QRadioButton(self.tr("Delivered to the door")), "handoverDoor")
        self.selfRadio.setChecked(True)
        self.handoverGroup = QButtonGroup(self)
        for radio in (self.selfRadio, self.proxyRadio, self.doorRadio):
            self.handoverGroup.addButton(radio)
            radio.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # who took the parcels, for a proxy or a door delivery
        self.proxyName = named(QLineEdit(placeholderText=self.tr("Name of who takes them")), "proxyName")
        self.proxyTail = named(QLineEdit(placeholderText=self.tr("Their phone (last 4 or all)")), "proxyTail")
        self.proxyTail.setMaxLength(13)
        self.proxyName.setMinimumWidth(170)
        self.proxyTail.setMinimumWidth(290)
        self.confirmPickupButton = named(QPushButton(self.tr("Confirm pickup (Ctrl+Enter)"),
                                               ), "confirmPickupButton")
        self.confirmPickupButton.setMinimumHeight(52)
        self.confirmPickupButton.setShortcut("Ctrl+Return")
        self.clearButton = named(QPushButton(self.tr("Start over")), "clearPickupButton")
        self.cod = CodPanel(self)  # 到付 / 代收货款: collected or waived before the hand-over
        self._layout()

        self.lookupInput.returnPressed.connect(self._on_lookup)
        self.pickupScanInput.returnPressed.connect(self._on_handover_scan)
        self.pickupScanInput.escaped.connect(self.reset)
        for key, step in ((Qt.Key.Key_Up, -1), (Qt.Key.Key_Down, 1)):
            arrow = QShortcut(QKeySequence(key), self.pickupScanInput, context=Qt.ShortcutContext.WidgetShortcut)
            arrow.activated.connect(lambda step=step: self._move_choice(step))
        self.recipientChooser.itemDoubleClicked.connect(
            lambda item: self._choose(self.recipientChooser.row(item)))
        self.confirmPickupButton.clicked.connect(self.confirm)
        self.clearButton.clicked.connect(self.reset)
        self.handoverGroup.buttonToggled.connect(lambda *_: self._show_taker())
        self._show_choices([])
        self._show_taker()

    def _layout(self) -> None:
        who = QHBoxLayout()
        who.addWidget(QLabel(self.tr("Taken by:")))
        for widget in (self.selfRadio, self.proxyRadio, self.doorRadio, self.proxyName, self.proxyTail):
            who.addWidget(widget)
        who.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clearButton)
        buttons.addStretch(1)
        buttons.addWidget(self.confirmPickupButton)
        box = QVBoxLayout(self)
        box.addWidget(self.lookupInput)
        box.addWidget(self.summary)
        box.addWidget(self.recipientChooser)
        box.addWidget(self.cod)
        box.addWidget(self.pickupScanInput)
        box.addWidget(self.pickupTable, 1)
        box.addLayout(who)
        box.addLayout(buttons)

    def _show_taker(self) -> None:
        on = not self.selfRadio.isChecked()
        self.proxyName.setVisible(on)
        self.proxyTail.setVisible(on)

    def focus_scan(self) -> None:
        target = self.pickupScanInput if self.parcels or self.choices else self.lookupInput
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.parcels, self.scanned = [], set()
        self._show_choices([])
        self.model.set_rows([])
        self.cod.show_for([])
        self.summary.setText("")
        self.selfRadio.setChecked(True)
        self.proxyName.clear()
        self.proxyTail.clear()
        self.lookupInput.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- lookup and choosing the person ---------------------------------------------------------------
    def _on_lookup(self) -> None:
        text = self.lookupInput.text()
        self.lookupInput.clear()
        self.lookup(text)

    def lookup(self, text: str) -> None:
        self.op(lambda conn: pickup.lookup(conn, text)).then(lambda found: self._found(text, found)).failed(
            lambda _err: self.reset()).run()

    def _found(self, text: str, found: list[Parcel]) -> None:
        self.parcels, self.scanned = [], set()
        self.texts.load(self.session.conn, found)
        self.model.set_rows(found)
        people = pickup.people(found)
        self.pickupScanInput.setFocus(Qt.FocusReason.OtherFocusReason)
        if len(people) > 1:
            self._show_choices(people)
            self.summary.setText(self.tr("{k} people have this number. Ask the name, then pick the person:")
                                 .format(k=len(people)))
            self.banner.show_message("warn", self.tr("Several people match. Type their number (1, 2 …) or use "
                                                     "↑ ↓, then Enter."))
            return
        by_waybill = [p for p in found if p.waybill.upper() == text.strip().upper()]
        self._take(people[0], by_waybill[0] if by_waybill else None)

    def _show_choices(self, people: list[pickup.Person]) -> None:
        self.choices = people
        self.recipientChooser.clear()
        for i, person in enumerate(people, 1):
            names = "、".join(mask_name(n) for n in person.names)
            self.recipientChooser.addItem(self.tr("{i}.  {name}  {phone}  ({n} parcels)").format(
                i=i, name=names, phone=person.masked_phone, n=len(person.parcels)))
        self.recipientChooser.setCurrentRow(-1)  # no default: the clerk picks deliberately
        rows = min(len(people), 5)
        self.recipientChooser.setFixedHeight(rows * 44 + 6)
        self.recipientChooser.setVisible(bool(people))
        self.pickupScanInput.setPlaceholderText(
            self.tr("Type the person's number, or ↑ ↓, then Enter") if people else self.scan_hint)

    def _move_choice(self, step: int) -> None:
        if self.choices:
            row = self.recipientChooser.currentRow()
            row = 0 if row < 0 else max(0, min(len(self.choices) - 1, row + step))
            self.recipientChooser.setCurrentRow(row)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self.choices):
            person = self.choices[row]
            self._show_choices([])
            self._take(person, None)

    def _take(self, person: pickup.Person, scanned: Parcel | None) -> None:
        """From now on the pickup is this person's: only their parcels count."""
        self.parcels = list(person.parcels)
        if scanned is not None:  # the lookup was a scan of a parcel being handed over
            self.scanned.add(scanned.id)
        self.model.set_rows(self.parcels)
        names = "、".join(mask_name(n) for n in person.names)
        self.summary.setText(self.tr("{name} {phone}: {n} parcels on the shelf").format(
            name=names, phone=person.masked_phone, n=len(self.parcels)))
        self.banner.show_message("info", self.tr("Fetch the parcels, then scan each one as you hand it over."))
        self.cod.show_for(self.parcels)
        self.pickupScanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_choice_typed(self, text: str) -> None:
        if not text:
            row = self.recipientChooser.currentRow()
        elif text.isdigit() and len(text) <= 2:
            row = int(text) - 1
        else:  # a scan, or anything else: nothing counts until the person is picked
            self.banner.show_message("error", self.tr("Pick the person first (ask their name), then scan their "
                                                      "parcels. That scan was not counted."))
            return
        if 0 <= row < len(self.choices):
            self._choose(row)
        else:
            self.banner.show_message("warn", self.tr("Type a number from 1 to {k}, or use ↑ ↓, then Enter.").format(
                k=len(self.choices)))

    # ----- scanning each parcel handed over --------------------------------------------------------------
    def _on_handover_scan(self) -> None:
        text = self.pickupScanInput.text().strip()
        self.pickupScanInput.clear()
        if self.choices:
            self._on_choice_typed(text)
            return
        if not self.parcels:  # nothing looked up yet: the scan is the lookup
            self.lookup(text)
            return
        self.op(lambda conn: pickup.check_handover(conn, text, self.parcels)).then(self._checked).run()
        self.pickupScanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _checked(self, parcel: Parcel) -> None:
        self.scanned.add(parcel.id)
        self.model.refresh()
        left = len(self.parcels) - len(self.scanned)
        self.banner.show_message("ok", self.tr("{code} checked. {left} left to hand over.").format(
            code=parcel.pickup_code, left=left))

    def handover(self) -> pickup.Handover:
        if self.selfRadio.isChecked():
            return pickup.Handover("self")
        kind = "proxy" if self.proxyRadio.isChecked() else "door"
        return pickup.Handover(kind, self.proxyName.text(), self.proxyTail.text())

    def confirm(self) -> None:
        if self.choices:
            self.banner.show_message("error", self.tr("Pick the person first (ask their name), then scan their "
                                                      "parcels."))
            self.focus_scan()
            return
        ids = [p.id for p in self.parcels if p.id in self.scanned]
        handover = self.handover()
        self.op(lambda conn: pickup.confirm(conn, ids, handover, clerk_id=self.session.clerk_id)).then(
            self._handed_over).failed(lambda _err: self.focus_scan()).run()

    def _handed_over(self, done: list[Parcel]) -> None:
        left = len(self.parcels) - len(done)
        message = self.tr("Handed over {n} parcels.").format(n=len(done))
        taker = done[0]
        if taker.handover in ("proxy", "door"):
            who = f"{mask_name(taker.proxy_name or '')} {mask_phone(taker.proxy_phone_tail or '')}".strip()
            message += " " + self.tr("Taken by {who}.").format(who=who)
        if left:
            message += " " + self.tr("{left} of theirs are still on the shelf.").format(left=left)
        self.reset()
        self.banner.show_message("warn" if left else "ok", message)
