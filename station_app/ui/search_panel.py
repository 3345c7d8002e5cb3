"""Search any parcel by waybill, phone, code or name, with its full history; undo a mistaken pickup."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from ..core import clerks, pickup, stock
from ..core.clock import local_text
from ..core.parcels import Parcel
from ..core.privacy import mask_name, mask_phone
from .session import Session, parcel_colour, parcel_columns
from .supervisor_dialog import SupervisorDialog
from .widgets import Banner, RowTable, ScanField, make_table, named


def op_words() -> dict[str, str]:
    """The history's words for every declared op type (sync/ops.py); a test fails when a declared type has none."""
    return {
        "parcel.received": QCoreApplication.translate("History", "received"),
        "parcel.recipient_set": QCoreApplication.translate("History", "recipient set"),
        "parcel.flagged_damaged": QCoreApplication.translate("History", "marked damaged"),
        "parcel.courier_changed": QCoreApplication.translate("History", "courier changed"),
        "parcel.picked_up": QCoreApplication.translate("History", "picked up"),
        "parcel.pickup_undone": QCoreApplication.translate("History", "pickup undone"),
        "parcel.reminded": QCoreApplication.translate("History", "reminder queued"),
        "parcel.called": QCoreApplication.translate("History", "recipient phoned"),
        "parcel.returned": QCoreApplication.translate("History", "returned to courier"),
        "manifest.imported": QCoreApplication.translate("History", "expected parcels imported"),
        "exception.registered": QCoreApplication.translate("History", "problem registered"),
        "exception.started": QCoreApplication.translate("History", "problem taken in hand"),
        "exception.resolved": QCoreApplication.translate("History", "problem resolved"),
        "sender.registered": QCoreApplication.translate("History", "sender registered"),
        "sending.refused": QCoreApplication.translate("History", "sending refused"),
        "sending.accepted": QCoreApplication.translate("History", "sending accepted"),
        "dispatch.opened": QCoreApplication.translate("History", "bus run opened"),
        "dispatch.scanned": QCoreApplication.translate("History", "scanned onto the bus"),
        "dispatch.closed": QCoreApplication.translate("History", "bus run closed"),
        "consignor.added": QCoreApplication.translate("History", "farmer added"),
        "produce.taken_in": QCoreApplication.translate("History", "produce taken in"),
        "produce.sold": QCoreApplication.translate("History", "produce sold"),
        "feed.refused": QCoreApplication.translate("History", "county item refused"),
        "message.read": QCoreApplication.translate("History", "county message read"),
        "produce.returned": QCoreApplication.translate("History", "produce returned to the farmer"),
        "produce.settled": QCoreApplication.translate("History", "produce settled"),
        "produce.paid": QCoreApplication.translate("History", "farmer paid"),
        "bill.paid": QCoreApplication.translate("History", "bill paid"),
        "bill.voided": QCoreApplication.translate("History", "bill voided"),
        "service.recorded": QCoreApplication.translate("History", "service recorded"),
        "service.voided": QCoreApplication.translate("History", "service voided"),
        "inbound.started": QCoreApplication.translate("History", "bus arrived (run started)"),
        "inbound.closed": QCoreApplication.translate("History", "bus run closed"),
        "inbound.item_missing": QCoreApplication.translate("History", "missing from the bus run"),
        "day.closed": QCoreApplication.translate("History", "day closed"),
        "day.reopened": QCoreApplication.translate("History", "day reopened"),
        "day.float_set": QCoreApplication.translate("History", "float set"),
        "station.created": QCoreApplication.translate("History", "station set up"),
        "clerk.added": QCoreApplication.translate("History", "clerk added"),
        "clerk.locked_out": QCoreApplication.translate("History", "clerk locked out"),
        "settings.changed": QCoreApplication.translate("History", "setting changed"),
        "shelves.configured": QCoreApplication.translate("History", "shelves laid out"),
        "shelves.current_set": QCoreApplication.translate("History", "current shelf set"),
        "courier_fee.earned": QCoreApplication.translate("History", "courier fee earned"),
        "courier_fee.reversed": QCoreApplication.translate("History", "courier fee taken back"),
        "courier_statement.agreed": QCoreApplication.translate("History", "courier statement agreed"),
        "courier_statement.paid": QCoreApplication.translate("History", "courier statement paid"),
        "cod.due_set": QCoreApplication.translate("History", "amount to pay on delivery entered"),
        "cod.collected": QCoreApplication.translate("History", "cash on delivery collected"),
        "cod.waived": QCoreApplication.translate("History", "cash on delivery waived"),
        "cod.remitted": QCoreApplication.translate("History", "cash on delivery remitted to the courier"),
        # 盘库 (sync/op_lines/stocktake.py)
        "stocktake.started": QCoreApplication.translate("History", "stocktake started"),
        "stocktake.shelf_chosen": QCoreApplication.translate("History", "stocktake: shelf counted"),
        "stocktake.scanned": QCoreApplication.translate("History", "stocktake: parcel scanned"),
        "stocktake.finished": QCoreApplication.translate("History", "stocktake finished"),
        "parcel.reshelved": QCoreApplication.translate("History", "re-shelved with a new code (stocktake)"),
        "parcel.marked_lost": QCoreApplication.translate("History", "marked lost (stocktake)"),
    }


class SearchPanel(QWidget):
    changed = Signal()  # a parcel's state changed here (undo): the stock list should reload
    found = Signal(int)  # a search listed this many parcels: the page gives the results room

    def __init__(self, session: Session, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.banner = banner
        self.searchInput = ScanField("searchInput", self.tr("Waybill, phone, last 4 digits, pickup code or name"))
        self.model = RowTable(parcel_columns(session, with_status=True), parcel_colour)
        self.searchTable = make_table("searchTable", self.model)
        self.historyList = named(QListWidget(), "historyList")
        self.historyList.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.undoButton = named(QPushButton(self.tr("Undo pickup (supervisor)…")), "undoPickupButton")
        self.undoButton.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        row = QHBoxLayout()
        row.addWidget(self.searchTable, 3)
        side = QVBoxLayout()
        side.addWidget(self.historyList, 1)
        side.addWidget(self.undoButton)
        row.addLayout(side, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.searchInput)
        box.addLayout(row)
        self.searchInput.returnPressed.connect(self._on_search)
        self.searchTable.selectionModel().selectionChanged.connect(lambda *_: self._show_history())
        self.undoButton.clicked.connect(self._undo)

    def _on_search(self) -> None:
        self.search(self.searchInput.text())

    def search(self, text: str) -> None:
        found = stock.search(self.session.conn, text)
        self.model.set_rows(found)
        self.historyList.clear()
        self.found.emit(len(found))
        if found:
            self.searchTable.selectRow(0)
        else:
            self.banner.show_message("warn", self.tr("Nothing found for \"{text}\".").format(text=text.strip()))

    def _show_history(self) -> None:
        self.historyList.clear()
        chosen = self.model.selected(self.searchTable)
        if not chosen:
            return
        names = {c.id: c.name for c in clerks.list_clerks(self.session.conn)}
        words = op_words()
        for op in stock.history(self.session.conn, chosen[0].id):
            who = names.get(op.clerk_id or "", "")
            self.historyList.addItem(f"{local_text(op.created_at)}  {words.get(op.type, op.type)}"
                                     f"{self._taker(op.payload)}  {who}")

    def _taker(self, payload: dict) -> str:
        """For a pickup by a proxy or at the door: who took it, name and phone masked."""
        kind = payload.get("handover")
        if kind not in ("proxy", "door"):
            return ""
        word = self.tr("proxy") if kind == "proxy" else self.tr("to the door")
        tail = payload.get("proxy_phone_tail") or ""
        return f"（{word}：{mask_name(payload.get('proxy_name') or '')} {mask_phone(tail)}".rstrip() + "）"

    def _undo(self) -> None:
        chosen = self.model.selected(self.searchTable)
        if not chosen or chosen[0].status != "picked_up":
            self.banner.show_message("warn", self.tr("Select a picked-up parcel in the search results first."))
            return
        parcel_id = chosen[0].id

        def undo(supervisor_id: str, pin: str, reason: str) -> Parcel:
            return pickup.undo(self.session.conn, parcel_id, reason, clerk_id=self.session.clerk_id,
                               supervisor_id=supervisor_id, supervisor_pin=pin)

        # a wrong PIN is said inside the dialog, which stays open with the reason as typed
        dialog = SupervisorDialog(self.session, self.tr("Undo the pickup of {waybill}").format(
            waybill=chosen[0].waybill), self, action=undo)
        if not dialog.exec() or not isinstance(dialog.outcome, Parcel):
            return
        parcel = dialog.outcome
        self.model.replace(lambda p: p.id == parcel.id, parcel)
        self._show_history()
        self.banner.show_message("ok", self.tr("Pickup undone: {waybill} is back on the shelf as {code}.").format(
            waybill=parcel.waybill, code=parcel.pickup_code))
        self.changed.emit()
