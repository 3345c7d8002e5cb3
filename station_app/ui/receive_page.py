"""到件入库: scan waybills back-to-back, shelve them, show each pickup code large."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import cod, couriers, manifest, money, parcels, shelving
from ..core.errors import ManifestError, StationError
from ..core.privacy import mask_phone
from ..labels.catalog import sticker_page
from ..labels.elements import SIZES
from ..labels.kinds.pickup_sticker import for_parcel
from . import exceptions_page
from .inbound_run_strip import InboundRunStrip
from .messages import error_text, manifest_lines
from .page import Page, PageHost
from .printing import PrintJob
from .session import parcel_colour, parcel_columns
from .widgets import RowTable, ScanField, make_table, named

# In the phone field, a scanner burst that is clearly a waybill (letters, or too long for a phone) is
# treated as a scan: scanners type wherever the focus is, and a scan must never be lost.
_LOOKS_LIKE_WAYBILL = re.compile(r"^(?=.*[A-Za-z]|\d{12,})[A-Za-z0-9_-]{6,40}$")


class ReceivePage(Page):
    key, order = "F2", 20

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Parcels in")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("receivePage")
        self.awaiting: deque[parcels.Parcel] = deque()  # shelved parcels still waiting for a phone

        self.scanInput = ScanField("scanInput", self.tr("Scan the waybill barcode"))
        self.phoneInput = ScanField("phoneInput", self.tr("Mobile (11 digits) or last 4 digits"))
        self.nameInput = ScanField("nameInput", self.tr("Name (needed with last 4 digits)"))
        self.courierSelector = named(QComboBox(), "courierSelector")
        self.shelfSelector = named(QComboBox(), "shelfSelector")
        self.damagedCheck = named(QCheckBox(self.tr("Damaged")), "damagedCheck")
        self.lastPickupCode = named(QLabel("—"), "lastPickupCode")
        self.lastPickupCode.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lastDetail = named(QLabel(""), "lastDetail")
        self.lastDetail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt = named(QLabel(""), "recipientPrompt")
        self.model = RowTable(parcel_columns(self.session), parcel_colour)
        self.receivedTable = make_table("receivedTable", self.model)
        self.importButton = named(QPushButton(self.tr("Import manifest…")), "importManifestButton")
        self.courierButton = named(QPushButton(self.tr("Change courier…")), "changeCourierButton")
        self.damageButton = named(QPushButton(self.tr("Mark damaged…")), "markDamagedButton")
        self.reprintButton = named(QPushButton(self.tr("Reprint sticker")), "reprintButton")
        self.runStrip = InboundRunStrip(self, self.receivedTable)  # 到车: the inbound bus run, live
        self.codButton = named(QPushButton(self.tr("To pay on delivery…")), "codAtReceiptButton")
        self._layout()

        self.scanInput.returnPressed.connect(self._on_scan)
        self.phoneInput.returnPressed.connect(self._on_phone)
        self.nameInput.returnPressed.connect(self._on_name)
        self.phoneInput.escaped.connect(self._skip_recipient)
        self.nameInput.escaped.connect(self._skip_recipient)
        self.shelfSelector.activated.connect(self._on_shelf_chosen)
        self.courierSelector.activated.connect(self._on_courier_chosen)
        self.importButton.clicked.connect(self._import_manifest)
        self.courierButton.clicked.connect(self._change_courier)
        self.damageButton.clicked.connect(self._mark_damaged)
        self.reprintButton.clicked.connect(self._reprint)
        self.codButton.clicked.connect(self._cod_due)
        self.receivedTable.doubleClicked.connect(lambda _i: self._fill_recipient_for_selected())
        self.reload()

    def _layout(self) -> None:
        self.lastPickupCode.setStyleSheet("font-size:96px; font-weight:bold; color:#0d47a1;")
        self.lastDetail.setStyleSheet("font-size:20px;")
        self.prompt.setStyleSheet("font-size:18px; color:#8a5a00;")
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Waybill")), 0, 0)
        form.addWidget(self.scanInput, 0, 1, 1, 3)
        form.addWidget(QLabel(self.tr("Phone")), 1, 0)
        form.addWidget(self.phoneInput, 1, 1)
        form.addWidget(QLabel(self.tr("Name")), 1, 2)
        form.addWidget(self.nameInput, 1, 3)
        form.addWidget(self.prompt, 2, 1, 1, 3)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Bag's courier")))
        options.addWidget(self.courierSelector)
        options.addWidget(QLabel(self.tr("Shelf")))
        options.addWidget(self.shelfSelector)
        options.addWidget(self.damagedCheck)
        options.addWidget(self.runStrip, 1)  # 到车 shares the row: the page must fit 1366×768 at 125 %
        options.addWidget(self.importButton)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Received this session (double-click a yellow row to add its phone)")))
        actions.addStretch(1)
        actions.addWidget(self.courierButton)
        actions.addWidget(self.damageButton)
        actions.addWidget(self.reprintButton)
        actions.addWidget(self.codButton)
        box = QVBoxLayout(self)
        box.addLayout(options)
        box.addLayout(form)
        box.addWidget(self.lastPickupCode)
        box.addWidget(self.lastDetail)
        box.addLayout(actions)
        box.addWidget(self.receivedTable, 1)
        for widget in (self.courierSelector, self.shelfSelector, self.damagedCheck, self.importButton,
                       self.courierButton, self.damageButton, self.reprintButton, self.codButton):
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    # ----- state shown in the selectors -------------------------------------------------------------------
    def reload(self) -> None:
        conn = self.session.conn
        self.courierSelector.clear()
        self.courierSelector.addItem(self.tr("Recognise automatically"), "")
        for courier in couriers.all_couriers(conn):
            self.courierSelector.addItem(courier.name, courier.code)
        self.shelfSelector.clear()
        for shelf in shelving.shelves(conn):
            for layer in range(1, shelf.layers + 1):
                self.shelfSelector.addItem(f"{shelf.shelf}-{layer}", (shelf.shelf, layer))
        self._show_current_slot()

    def _show_current_slot(self) -> None:
        """The selector follows where codes go out (findData cannot match a tuple: compare by hand)."""
        here = shelving.current(self.session.conn)
        for index in range(self.shelfSelector.count()):
            if tuple(self.shelfSelector.itemData(index)) == here:
                self.shelfSelector.setCurrentIndex(index)
                return

    def _show_big(self, parcel: parcels.Parcel, note: str = "") -> None:
        """The big code is always the parcel the clerk must act on now; a note (orange) says what to do."""
        colour = "#e65100" if note else "#0d47a1"
        self.lastPickupCode.setStyleSheet(f"font-size:96px; font-weight:bold; color:{colour};")
        self.lastPickupCode.setText(parcel.pickup_code)
        detail = f"{self.session.courier_name(parcel.courier)}  {parcel.waybill}  {parcel.masked_phone}".strip()
        self.lastDetail.setText(f"{detail}  ·  {note}" if note else detail)

    def shown(self) -> None:
        """Coming back keeps the bag's courier and shelf chosen: only the slot follows (no reload)."""
        self.focus_scan()

    def settings_changed(self) -> None:
        self.reload()  # shelves or couriers may have changed

    def focus_scan(self) -> None:
        self._show_current_slot()  # another page (an undone pickup) may have moved it
        self.scanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- scanning ---------------------------------------------------------------------------------------
    def _on_scan(self) -> None:
        text = self.scanInput.text()
        self.scanInput.clear()
        self.receive(text)

    def receive(self, text: str) -> None:
        """Store one scan. Runs on the main thread: a receive is one short transaction (about 1-2 ms)."""
        armed_phone = "" if self.awaiting else self.phoneInput.text()
        armed_name = "" if self.awaiting else self.nameInput.text()
        damaged = self.damagedCheck.isChecked()
        note = ""
        if damaged:
            note, ok = QInputDialog.getText(self, self.tr("Damaged parcel"), self.tr("What is damaged?"))
            if not ok:
                self.focus_scan()
                return
        courier = self.courierSelector.currentData() or ""
        self.op(lambda conn: parcels.receive(conn, text, clerk_id=self.session.clerk_id, phone=armed_phone,
                                             name=armed_name, current_courier=courier, damaged=damaged,
                                             damage_note=note)
                ).then(self._received).failed(lambda err: self._refused(err, text)).run()

    def _refused(self, err: StationError, text: str) -> None:
        if err.code == "already_in_stock" and not self.awaiting:
            self.phoneInput.clear()  # typed for a parcel already shelved: must not stick to the next one
            self.nameInput.clear()
            shelved = parcels.in_stock_by_waybill(self.session.conn, text)
            if shelved is not None:  # the parcel in the clerk's hand goes back to its code
                self._show_big(shelved, self.tr("already on the shelf: put it at this code"))
        if not self.awaiting:
            self.focus_scan()

    def _received(self, result: parcels.Received) -> None:
        if not self.awaiting:
            self.phoneInput.clear()
            self.nameInput.clear()
        self.damagedCheck.setChecked(False)
        parcel = result.parcel
        self.model.prepend(parcel)
        if self.session.printer.enabled and self.session.printer.auto_print:
            self.print_sticker(parcel)
        self._show_big(parcel)
        self._show_current_slot()
        if result.shelves_full:
            self.banner.show_message("warn", self.tr("All shelves are full. Code {code} given; make room or add "
                                                     "shelves.").format(code=parcel.pickup_code))
        elif parcel.needs_recipient and self.awaiting:
            self.banner.show_message("warn", self.tr("Shelved as {code}. Its phone is asked for after the parcels "
                                                     "waiting before it.").format(code=parcel.pickup_code))
        elif parcel.needs_recipient:
            self.banner.show_message("warn", self.tr("Shelved as {code}. Type the recipient's phone.").format(
                code=parcel.pickup_code))
        elif not parcel.recipient_phone:
            self.banner.show_message("warn", self.tr("Received {waybill} → {code}.").format(
                waybill=parcel.waybill, code=parcel.pickup_code) + " " + self._no_sms())
        else:
            self.banner.show_message("ok", self.tr("Received {waybill} → {code}").format(
                waybill=parcel.waybill, code=parcel.pickup_code))
        if self.awaiting and not parcel.needs_recipient:  # the banner has this one's code; the prompt's stays big
            self._show_big(self.awaiting[0], self.tr("type this parcel's phone"))
        if parcel.needs_recipient:
            self.awaiting.append(parcel)
            self._ask_recipient()
        elif not self.awaiting:
            self.focus_scan()

    # ----- recipient for parcels not in an expected-parcels list (manifest) ---------------------------------
    def _ask_recipient(self) -> None:
        if not self.awaiting:
            self.prompt.setText("")
            self.focus_scan()
            return
        head = self.awaiting[0]
        more = len(self.awaiting) - 1
        text = self.tr("Phone for {code} ({waybill}); Esc to skip.").format(code=head.pickup_code,
                                                                           waybill=head.waybill)
        if more:
            text += " " + self.tr("{n} more waiting.").format(n=more)
        self.prompt.setText(text)
        self._show_big(head, self.tr("type this parcel's phone"))
        self.phoneInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_phone(self) -> None:
        text = self.phoneInput.text().strip()
        if not self.awaiting:  # typed before the scan: keep it armed for the next scan
            self.focus_scan()
            return
        if _LOOKS_LIKE_WAYBILL.match(text):
            self.phoneInput.clear()
            self.receive(text)
            return
        if len(text) == 4 and text.isdigit() and not self.nameInput.text().strip():
            self.nameInput.setFocus(Qt.FocusReason.OtherFocusReason)
            self.prompt.setText(self.tr("Privacy waybill: type the recipient's name, then Enter."))
            return
        self._submit_recipient()

    def _on_name(self) -> None:
        if self.awaiting:
            self._submit_recipient()
        else:
            self.focus_scan()

    def _submit_recipient(self) -> None:
        head, phone, name = self.awaiting[0], self.phoneInput.text(), self.nameInput.text()
        self.op(lambda conn: parcels.set_recipient(conn, head.id, phone, name, clerk_id=self.session.clerk_id)
                ).then(self._recipient_saved).failed(lambda _err: self._retype_phone()).run()

    def _retype_phone(self) -> None:
        self.phoneInput.selectAll()
        self.phoneInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def _recipient_saved(self, updated: parcels.Parcel) -> None:
        self.awaiting.popleft()
        self.phoneInput.clear()
        self.nameInput.clear()
        self.model.replace(lambda p: p.id == updated.id, updated)
        self._show_big(updated)
        if updated.recipient_phone:
            self.banner.show_message("ok", self.tr("{code}: recipient {phone} saved, SMS queued.").format(
                code=updated.pickup_code, phone=mask_phone(updated.recipient_phone)))
        else:
            self.banner.show_message("warn", self.tr("{code}: recipient {phone} saved.").format(
                code=updated.pickup_code, phone=mask_phone(updated.phone_tail)) + " " + self._no_sms())
        self._ask_recipient()

    def _no_sms(self) -> str:
        return self.tr("No full phone number, so no SMS is sent: phone them or tell them in person.")

    def _skip_recipient(self) -> None:
        if self.awaiting:
            skipped = self.awaiting.popleft()
            self._show_big(skipped, self.tr("no phone yet"))
            self.banner.show_message("warn", self.tr("{code} stays on the shelf without a phone; add it later "
                                                     "from the list.").format(code=skipped.pickup_code))
        self.phoneInput.clear()
        self.nameInput.clear()
        self._ask_recipient()

    def _fill_recipient_for_selected(self) -> None:
        for parcel in self.model.selected(self.receivedTable):
            current = parcels.get(self.session.conn, parcel.id)
            if current.status == "in_stock" and current.needs_recipient and current not in self.awaiting:
                self.awaiting.appendleft(current)
        self._ask_recipient()

    # ----- printing: in a worker, so the scan field never waits for the printer ---------------------------
    def print_sticker(self, parcel: parcels.Parcel) -> str:
        settings = self.session.printer
        sticker = for_parcel(parcel, self.session.courier_name(parcel.courier), self.session.station.name)
        page = sticker_page(sticker, SIZES[settings.size], self.session.document_language)
        job = PrintJob(f"{parcel.pickup_code}-{parcel.waybill}", [page])
        return self.printer.submit(settings, job)

    def _reprint(self) -> None:
        if not self.session.printer.enabled:
            self.banner.show_message("warn", self.tr("No printer is set up. Choose one under Printer."))
        else:
            for parcel in self._chosen():
                self.print_sticker(parcel)
        self.focus_scan()

    # ----- selectors and corrections ----------------------------------------------------------------------
    def _on_shelf_chosen(self, index: int) -> None:
        shelf, layer = self.shelfSelector.itemData(index)
        self.op(lambda conn: shelving.set_current(conn, shelf, layer, clerk_id=self.session.clerk_id)).then(
            lambda _none: self.banner.show_message("info", self.tr("Now shelving on {shelf}-{layer}.").format(
                shelf=shelf, layer=layer))).run()
        self.focus_scan()

    def _on_courier_chosen(self, _index: int) -> None:
        self.focus_scan()

    def _change_courier(self) -> None:
        options = couriers.all_couriers(self.session.conn)
        name, ok = QInputDialog.getItem(self, self.tr("Change courier"), self.tr("Courier"),
                                        [c.name for c in options], 0, False) if self._chosen() else ("", False)
        if ok:
            code = next(c.code for c in options if c.name == name)
            self._correct(lambda conn, parcel: parcels.change_courier(conn, parcel.id, code,
                                                                      clerk_id=self.session.clerk_id))
        self.focus_scan()

    def _mark_damaged(self) -> None:
        note, ok = QInputDialog.getText(self, self.tr("Damaged parcel"),
                                        self.tr("What is damaged?")) if self._chosen() else ("", False)
        chosen = self.model.selected(self.receivedTable)
        if ok and self._correct(lambda conn, parcel: parcels.flag_damaged(conn, parcel.id, note,
                                                                          clerk_id=self.session.clerk_id)):
            if len(chosen) == 1:
                exceptions_page.offer_register(self, chosen[0], note.strip())  # 问题件: one entry per parcel
                return
        self.focus_scan()

    def _cod_due(self) -> None:
        """到付 / 代收货款 printed on the waybill: the amount the recipient pays before the parcel leaves."""
        chosen = self._chosen()
        text, ok = QInputDialog.getText(self, self.tr("To pay on delivery"), self.tr(
            "Amount the recipient pays at pickup (yuan), as printed on the waybill:")) if chosen else ("", False)
        if ok:
            self.op(lambda conn: cod.set_due(conn, chosen[0].id, money.parse_yuan(text),
                                             clerk_id=self.session.clerk_id)).then(
                lambda due: self.banner.show_message("ok", self.tr("{waybill}: {amount} to collect at pickup.").format(
                    waybill=due.waybill, amount=money.yuan(due.amount_fen)))).run()
        self.focus_scan()

    def _chosen(self) -> list[parcels.Parcel]:
        chosen = self.model.selected(self.receivedTable)
        if not chosen:
            self.banner.show_message("warn", self.tr("Select a parcel in the list first."))
        return chosen

    def _correct(self, change: Callable[..., parcels.Parcel]) -> bool:
        """Apply a correction to each selected row, stopping at the first refusal; True when all were applied."""
        for parcel in self._chosen():
            if not self.op(partial(change, parcel=parcel)).then(self._replace_row).run():
                return False
        return True

    def _replace_row(self, updated: parcels.Parcel) -> None:
        self.model.replace(lambda p: p.id == updated.id, updated)

    def _import_manifest(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import manifest"), "", self.tr("CSV files (*.csv)"))
        if path:
            self.import_manifest(path)
        self.focus_scan()

    def import_manifest(self, path: str) -> bool:
        return self.op(lambda conn: manifest.import_file(conn, Path(path), clerk_id=self.session.clerk_id)
                       ).explain(_manifest_words).then(lambda count: self.banner.show_message(
                           "ok", self.tr("Imported {count} expected parcels.").format(count=count))).run()


def _manifest_words(err: StationError) -> str:
    """A refused expected-parcels list: the reason, and its first bad lines."""
    if not isinstance(err, ManifestError):
        return error_text(err)
    lines = manifest_lines(err)
    return error_text(err) + "\n" + "\n".join(lines[:8]) + ("\n…" if len(lines) > 8 else "")
