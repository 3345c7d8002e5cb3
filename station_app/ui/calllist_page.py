"""待电话通知: parcels whose recipient must be phoned (a failed text, an opted-out phone, a privacy waybill with only
a phone tail, an overdue parcel); scan a waybill to find its row, type what was said, Enter marks it phoned."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..core import calllist
from ..core.clock import local_text
from ..core.parcels import Parcel
from ..core.privacy import mask_name
from .page import Page, PageHost
from .text_status import reason_words
from .widgets import Column, RowTable, ScanField, heading, make_table, named

CAUSE_COLOURS = {"text_failed": "#ffd0d0", "opted_out": "#ffe0b2", "no_phone": "#fff3c4", "overdue": "#e3f2fd"}


class CallListPage(Page):
    key, order = "F11", 45  # beside 库存: the same parcels, the ones a text did not reach

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Calls")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("callListPage")
        self.rows: list[calllist.Due] = []
        self.callScanInput = ScanField("callScanInput", self.tr("Scan or type a waybill to find its row"))
        self.countLabel = named(QLabel(""), "callCount")
        columns: list[Column[calllist.Due]] = [
            Column(self.tr("Pickup code"), lambda d: d.parcel.pickup_code),
            Column(self.tr("Waybill"), lambda d: d.parcel.waybill),
            Column(self.tr("Courier"), lambda d: self.session.courier_name(d.parcel.courier)),
            Column(self.tr("Recipient"), lambda d: self._recipient(d.parcel)),
            Column(self.tr("Why"), self._why),
            Column(self.tr("Since"), lambda d: local_text(d.since, "%m-%d %H:%M")),
            Column(self.tr("Last call"), lambda d: local_text(d.last_call, "%m-%d %H:%M") if d.last_call else ""),
        ]
        self.model = RowTable(columns, lambda d: CAUSE_COLOURS.get(d.causes[0], ""))
        self.callTable = make_table("callTable", self.model)
        self.callNoteInput = named(QLineEdit(), "callNoteInput")
        self.callNoteInput.setPlaceholderText(self.tr("What was said (e.g. will come tomorrow), then Enter"))
        self.callNoteInput.setMaxLength(calllist.NOTE_MAX)
        self.callNoteInput.setMinimumHeight(40)
        self.markCalledButton = named(QPushButton(self.tr("Mark phoned")), "markCalledButton")
        self.markCalledButton.setMinimumHeight(40)
        self.markCalledButton.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._layout()

        self.callScanInput.returnPressed.connect(self._on_scan)
        self.callNoteInput.returnPressed.connect(self.mark_called)
        self.markCalledButton.clicked.connect(self.mark_called)
        self.callTable.doubleClicked.connect(lambda _i: self.callNoteInput.setFocus(Qt.FocusReason.OtherFocusReason))

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Recipients to phone")))
        top.addWidget(self.countLabel)
        top.addStretch(1)
        mark = QHBoxLayout()
        mark.addWidget(QLabel(self.tr("Note")))
        mark.addWidget(self.callNoteInput, 1)
        mark.addWidget(self.markCalledButton)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.callScanInput)
        box.addWidget(self.callTable, 1)
        box.addLayout(mark)

    @staticmethod
    def _recipient(p: Parcel) -> str:
        return f"{mask_name(p.recipient_name)} {p.masked_phone}".strip()

    def _why(self, d: calllist.Due) -> str:
        reason = reason_words().get(d.reason, d.reason)
        words = {
            "text_failed": self.tr("text failed: {reason}").format(reason=reason),
            "opted_out": self.tr("opted out of texts"),
            "no_phone": self.tr("privacy waybill: phone tail only"),
            "overdue": self.tr("overdue: due for return") if d.tier == "return" else self.tr("overdue: remind"),
        }
        return "；".join(words[c] for c in d.causes)

    def focus_scan(self) -> None:
        self.callScanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.rows = calllist.due(self.session.conn)
        self.model.set_rows(self.rows)
        self.countLabel.setText(self.tr("{n} to phone").format(n=len(self.rows)))

    # ----- finding a row by scan -------------------------------------------------------------------------
    def _on_scan(self) -> None:
        text = self.callScanInput.text()
        self.callScanInput.clear()
        self.op(lambda conn: calllist.find(conn, text)).then(self._found).run()

    def _found(self, parcel: Parcel) -> None:
        row = next((i for i, d in enumerate(self.rows) if d.parcel.id == parcel.id), None)
        if row is None:
            self.banner.show_message("warn", self.tr("{waybill} ({code}) is not on the list to phone.").format(
                waybill=parcel.waybill, code=parcel.pickup_code))
            self.focus_scan()
            return
        self.callTable.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.callTable.scrollTo(self.model.index(row, 0))
        self.banner.show_message("info", self.tr("{code}: phone {who}, then type a note and press Enter.").format(
            code=parcel.pickup_code, who=self._recipient(parcel)))
        self.callNoteInput.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- marking the call ------------------------------------------------------------------------------
    def mark_called(self) -> None:
        chosen = self.model.selected(self.callTable)
        if not chosen:
            self.banner.show_message("warn", self.tr("Scan the parcel or click its row first, then mark it phoned."))
            self.focus_scan()
            return
        parcel, note = chosen[0].parcel, self.callNoteInput.text()
        self.op(lambda conn: calllist.mark_called(conn, parcel.id, note, clerk_id=self.session.clerk_id)).then(
            self._called).refresh().run()

    def _called(self, parcel: Parcel) -> None:
        self.callNoteInput.clear()
        self.banner.show_message("ok", self.tr("{code}: marked phoned.").format(code=parcel.pickup_code))
        self.focus_scan()
