"""问题件: register an exception, complaint or claim (kind, who raised it, the parcels scanned in, what happened,
photos), take it in hand, resolve it with its outcome, print the slip to sign. Overdue entries are red here and
named at login (``login_notice``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import couriers, money
from ..core import exceptions_register as ex
from ..core.clock import from_iso, local_text, utc_now
from ..core.errors import StationError
from ..core.parcels import Parcel, latest_by_waybill
from ..core.privacy import mask_name, mask_phone
from ..labels.kinds import exception_slip
from .page import Page, PageHost
from .printing import PrintJob, can_print
from .widgets import Column, RowTable, ScanField, heading, make_table, named

OVERDUE, OPEN, DONE = "#ffd0d0", "#fff3c4", "#eeeeee"


def kind_words() -> dict[str, str]:
    return {"lost": QCoreApplication.translate("Exceptions", "Lost"),
            "damaged": QCoreApplication.translate("Exceptions", "Damaged"),
            "wrong_delivery": QCoreApplication.translate("Exceptions", "Wrong delivery"),
            "refused": QCoreApplication.translate("Exceptions", "Refused"),
            "missing": QCoreApplication.translate("Exceptions", "Missing from the bag"),
            "complaint": QCoreApplication.translate("Exceptions", "Complaint"),
            "claim": QCoreApplication.translate("Exceptions", "Claim")}


def topic_words() -> dict[str, str]:
    return {"double_charge": QCoreApplication.translate("Exceptions", "Charged twice"),
            "not_notified": QCoreApplication.translate("Exceptions", "Not notified"),
            "attitude": QCoreApplication.translate("Exceptions", "Attitude"),
            "delay": QCoreApplication.translate("Exceptions", "Delay"),
            "other": QCoreApplication.translate("Exceptions", "Other")}


def status_words() -> dict[str, str]:
    return {"registered": QCoreApplication.translate("Exceptions", "Registered"),
            "in_progress": QCoreApplication.translate("Exceptions", "In progress"),
            "resolved": QCoreApplication.translate("Exceptions", "Resolved")}


def outcome_words() -> dict[str, str]:
    return {"compensated": QCoreApplication.translate("Exceptions", "Compensated"),
            "redelivered": QCoreApplication.translate("Exceptions", "Redelivered"),
            "returned": QCoreApplication.translate("Exceptions", "Returned"),
            "rejected": QCoreApplication.translate("Exceptions", "Rejected")}


def raiser_words() -> dict[str, str]:
    return {"villager": QCoreApplication.translate("Exceptions", "Villager"),
            "courier": QCoreApplication.translate("Exceptions", "Courier")}


class ExceptionsPage(Page):
    key, order = "Shift+F3", 35  # beside 取件: where most disputes start

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Exceptions")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("exceptionsPage")
        self.photos: list[Path] = []
        self.waybills: list[str] = []
        self.kind = named(QComboBox(), "exceptionKind")
        self.kind.addItem(self.tr("— choose the kind —"), "")
        for code, words in kind_words().items():
            self.kind.addItem(words, code)
        self.topic = named(QComboBox(), "complaintTopic")
        self.topic.addItem(self.tr("— what about —"), "")
        for code, words in topic_words().items():
            self.topic.addItem(words, code)
        self.raisedBy = named(QComboBox(), "raisedBy")
        for code, words in raiser_words().items():
            self.raisedBy.addItem(words, code)
        self.raiserName = named(QLineEdit(placeholderText=self.tr("name")), "raiserName")
        self.raiserPhone = named(QLineEdit(placeholderText=self.tr("mobile or its last 4 digits")), "raiserPhone")
        self.courier = named(QComboBox(), "exceptionCourier")
        self.scan = ScanField("exceptionScanInput", self.tr("Scan each waybill, then Enter"))
        self.waybillList = named(QListWidget(), "exceptionWaybills")
        self.waybillList.setMaximumHeight(70)
        self.description = named(QLineEdit(placeholderText=self.tr("What happened, in a sentence or two")),
                                  "exceptionDescription")
        self.description.setMaxLength(ex.TEXT_MAX)
        self.photoButton = named(QPushButton(self.tr("Add photo…")), "addPhotoButton")
        self.photoLabel = named(QLabel(""), "exceptionPhotos")
        self.registerButton = named(QPushButton(self.tr("Register")), "registerExceptionButton")
        self.overdueLabel = named(QLabel(""), "exceptionOverdue")
        self.overdueLabel.setStyleSheet("color:#b00020; font-weight:bold;")
        self.model: RowTable[ex.Entry] = RowTable([
            Column(self.tr("Number"), lambda e: e.number),
            Column(self.tr("Kind"), self._kind_text),
            Column(self.tr("Raised by"), self._raiser_text),
            Column(self.tr("Courier"), lambda e: self.session.courier_name(e.courier) if e.courier else ""),
            Column(self.tr("Waybills"), lambda e: " ".join(p.waybill for p in ex.parcels_of(self.session.conn,
                                                                                              e.id))),
            Column(self.tr("Registered"), lambda e: local_text(e.registered_at, "%m-%d %H:%M")),
            Column(self.tr("Answer by"), self._deadline_text),
            Column(self.tr("Status"), lambda e: status_words()[e.status]),
            Column(self.tr("Outcome"), self._outcome_text),
        ], self._colour)
        self.table = make_table("exceptionTable", self.model)
        self.progressNote = named(QLineEdit(placeholderText=self.tr("What was done (e.g. reported to the courier)")),
                                  "progressNote")
        self.startButton = named(QPushButton(self.tr("Take in hand")), "startExceptionButton")
        self.outcome = named(QComboBox(), "outcomeSelector")
        self.outcome.addItem(self.tr("— outcome —"), "")
        for code, words in outcome_words().items():
            self.outcome.addItem(words, code)
        self.amount = named(QLineEdit(placeholderText=self.tr("compensation, yuan")), "compensationYuan")
        self.reason = named(QLineEdit(placeholderText=self.tr("reason (needed to reject)")), "resolveReason")
        self.resolveButton = named(QPushButton(self.tr("Resolve")), "resolveExceptionButton")
        self.slipButton = named(QPushButton(self.tr("Print slip")), "printSlipButton")
        for button in (self.photoButton, self.registerButton, self.startButton, self.resolveButton, self.slipButton):
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._layout()
        self._fill_couriers()
        self._kind_chosen()

        self.kind.activated.connect(self._kind_chosen)
        self.topic.activated.connect(lambda _i: self.raiserName.setFocus())
        self.raisedBy.activated.connect(lambda _i: self.raiserName.setFocus())
        self.courier.activated.connect(lambda _i: self.focus_scan())
        self.scan.returnPressed.connect(self._add_waybill)
        self.waybillList.itemDoubleClicked.connect(self._drop_waybill)
        self.description.returnPressed.connect(self.register)
        self.photoButton.clicked.connect(self._add_photo)
        self.registerButton.clicked.connect(self.register)
        self.progressNote.returnPressed.connect(self.start)
        self.startButton.clicked.connect(self.start)
        self.outcome.activated.connect(self._outcome_chosen)
        self.amount.returnPressed.connect(self.resolve)
        self.reason.returnPressed.connect(self.resolve)
        self.resolveButton.clicked.connect(self.resolve)
        self.slipButton.clicked.connect(self.print_slip)

    def _layout(self) -> None:
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("Kind")), 0, 0)
        form.addWidget(self.kind, 0, 1)
        form.addWidget(self.topic, 0, 2)
        form.addWidget(QLabel(self.tr("Raised by")), 0, 3)
        form.addWidget(self.raisedBy, 0, 4)
        form.addWidget(self.raiserName, 0, 5)
        form.addWidget(self.raiserPhone, 0, 6)
        form.addWidget(QLabel(self.tr("Courier")), 1, 0)
        form.addWidget(self.courier, 1, 1)
        form.addWidget(self.scan, 1, 2, 1, 3)
        form.addWidget(self.waybillList, 1, 5, 2, 2)
        form.addWidget(QLabel(self.tr("What happened")), 2, 0)
        form.addWidget(self.description, 2, 1, 1, 4)
        photos = QHBoxLayout()
        photos.addWidget(self.photoButton)
        photos.addWidget(self.photoLabel, 1)
        photos.addWidget(self.registerButton)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Exceptions, complaints and claims")))
        top.addWidget(self.overdueLabel, 1)
        steps = QHBoxLayout()
        steps.addWidget(self.progressNote, 2)
        steps.addWidget(self.startButton)
        steps.addSpacing(12)
        steps.addWidget(self.outcome)
        steps.addWidget(self.amount)
        steps.addWidget(self.reason, 2)
        steps.addWidget(self.resolveButton)
        steps.addWidget(self.slipButton)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addLayout(form)
        box.addLayout(photos)
        box.addWidget(self.table, 1)
        box.addLayout(steps)

    def _fill_couriers(self) -> None:
        self.courier.clear()
        self.courier.addItem(self.tr("(from the parcel)"), "")
        for c in couriers.all_couriers(self.session.conn):
            self.courier.addItem(c.name, c.code)

    # ----- what the table shows ----------------------------------------------------------------------------
    def _kind_text(self, e: ex.Entry) -> str:
        words = kind_words().get(e.kind, e.kind)
        return f"{words}：{topic_words().get(e.topic, e.topic)}" if e.topic else words

    @staticmethod
    def _raiser_text(e: ex.Entry) -> str:
        who = raiser_words().get(e.raised_by, e.raised_by)
        return f"{who} {mask_name(e.raiser_name)} {mask_phone(e.raiser_phone)}".strip()

    def _deadline_text(self, e: ex.Entry) -> str:
        when = local_text(e.deadline_at, "%m-%d %H:%M")
        if e.overdue():
            days = (utc_now() - from_iso(e.deadline_at)).days
            return self.tr("{when} (overdue {days} d)").format(when=when, days=days) if days else \
                self.tr("{when} (overdue)").format(when=when)
        return when

    @staticmethod
    def _outcome_text(e: ex.Entry) -> str:
        if not e.outcome:
            return e.progress_note
        words = outcome_words().get(e.outcome, e.outcome)
        extra = money.yuan(e.amount_fen) if e.outcome == "compensated" else e.reason
        return f"{words} {extra}".strip()

    @staticmethod
    def _colour(e: ex.Entry) -> str:
        return DONE if e.status == "resolved" else OVERDUE if e.overdue() else OPEN

    def reload(self) -> None:
        self.model.set_rows(ex.listed(self.session.conn))
        late = ex.overdue(self.session.conn)
        self.overdueLabel.setText(self.tr("{n} overdue: answer them first.").format(n=len(late)) if late else "")

    def focus_scan(self) -> None:
        (self.scan if self.kind.currentData() else self.kind).setFocus(Qt.FocusReason.OtherFocusReason)

    def settings_changed(self) -> None:
        self._fill_couriers()

    def login_notice(self) -> tuple[str, str] | None:
        late = ex.overdue(self.session.conn)
        if not late:
            return None
        shown = "、".join(f"{e.number}（{kind_words().get(e.kind, e.kind)}）" for e in late[:5])
        more = self.tr(" and {n} more").format(n=len(late) - 5) if len(late) > 5 else ""
        return "warn", self.tr("{n} problem entries are past their answer date: {list}{more}. Press Shift+F3 to deal "
                               "with them.").format(n=len(late), list=shown, more=more)

    # ----- the form ----------------------------------------------------------------------------------------
    def _kind_chosen(self, _index: int = 0) -> None:
        self.topic.setEnabled(self.kind.currentData() == "complaint")
        if self.kind.currentData() == "complaint":
            self.topic.setFocus()
        elif self.kind.currentData():
            self.focus_scan()

    def prefill(self, kind: str, parcel: Parcel, note: str) -> None:
        """From another page (a parcel just flagged damaged): the kind, its waybill and the note filled in."""
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self._kind_chosen()
        self.waybills = [parcel.waybill]
        self.waybillList.clear()
        self.waybillList.addItem(parcel.waybill)
        self.description.setText(note)

    def _add_waybill(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text or text.upper() in (w.upper() for w in self.waybills) or \
                not self.op(lambda _conn: ex.clean_waybill(text)).run():  # a garbled scan is said, not listed
            return
        known = latest_by_waybill(self.session.conn, text)
        self.waybills.append(text)
        self.waybillList.addItem(text if known else self.tr("{waybill} (not in system)").format(waybill=text))
        if known is None:
            self.banner.show_message("warn", self.tr("{waybill} is not in this station's system; it is kept and "
                                                     "noted as such.").format(waybill=text))
        else:
            self.banner.show_message("info", self.tr("{waybill} added ({code}).").format(
                waybill=text, code=known.pickup_code))

    def _drop_waybill(self) -> None:
        row = self.waybillList.currentRow()
        if 0 <= row < len(self.waybills):
            self.waybills.pop(row)
            self.waybillList.takeItem(row)

    def _add_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add photo"), "", self.tr("Photos (*.jpg *.jpeg *.png)"))
        if path:
            self.photos.append(Path(path))
            self.photoLabel.setText(self.tr("{n} photos: {names}").format(
                n=len(self.photos), names=", ".join(p.name for p in self.photos)))

    def register(self) -> None:
        kind, topic, raised_by = self.kind.currentData(), self.topic.currentData(), self.raisedBy.currentData()
        name, phone, courier = self.raiserName.text(), self.raiserPhone.text(), self.courier.currentData()
        description, waybills, photos = self.description.text(), list(self.waybills), list(self.photos)
        data_dir = Path(self.session.data_dir)
        self.op(lambda conn: ex.register(
            conn, kind=kind, topic=topic, raised_by=raised_by, raiser_name=name, raiser_phone=phone,
            courier=courier, description=description, waybills=waybills, photos=photos, data_dir=data_dir,
            clerk_id=self.session.clerk_id)).then(self._registered).refresh().run()

    def _registered(self, entry: ex.Entry) -> None:
        self.banner.show_message("ok", self.tr("{number} registered; answer by {when}.").format(
            number=entry.number, when=local_text(entry.deadline_at)))
        for field in (self.raiserName, self.raiserPhone, self.description):
            field.clear()
        self.waybills, self.photos = [], []
        self.waybillList.clear()
        self.photoLabel.clear()
        self.kind.setCurrentIndex(0)
        self.topic.setCurrentIndex(0)
        self._kind_chosen()
        self._select(entry.id)
        self.focus_scan()

    def _select(self, exception_id: str) -> None:
        row = next((i for i, e in enumerate(self.model.rows) if e.id == exception_id), None)
        if row is not None:
            self.table.selectRow(row)

    # ----- the steps ---------------------------------------------------------------------------------------
    def _chosen(self) -> ex.Entry | None:
        chosen = self.model.selected(self.table)
        if not chosen:
            self.fail(StationError("exception_none_chosen"))
            return None
        return chosen[0]

    def start(self) -> None:
        entry, note = self._chosen(), self.progressNote.text()
        if entry is not None:
            self.op(lambda conn: ex.start(conn, entry.id, note, clerk_id=self.session.clerk_id)).then(
                self._stepped).refresh().run()

    def _outcome_chosen(self, _index: int) -> None:
        outcome = self.outcome.currentData()
        self.amount.setEnabled(outcome == "compensated")
        (self.amount if outcome == "compensated" else self.reason).setFocus()

    def resolve(self) -> None:
        entry, outcome, reason, amount = self._chosen(), self.outcome.currentData(), self.reason.text(), \
            self.amount.text()
        if entry is None:
            return
        self.op(lambda conn: ex.resolve(conn, entry.id, outcome, reason=reason, clerk_id=self.session.clerk_id,
                                        amount_fen=money.parse_yuan(amount) if outcome == "compensated" and
                                        amount.strip() else 0)).then(self._stepped).refresh().run()

    def _stepped(self, entry: ex.Entry) -> None:
        words = self.tr("{number}: {status}.").format(number=entry.number, status=status_words()[entry.status])
        self.banner.show_message("ok", words)
        for field in (self.progressNote, self.amount, self.reason):
            field.clear()
        self.outcome.setCurrentIndex(0)
        self.reload()
        self._select(entry.id)
        if entry.status == "resolved" and can_print(self.session.printer, "exception_slip"):
            self.print_slip()  # the outcome, for the villager or courier to sign

    def print_slip(self) -> None:
        entry = self._chosen()
        if entry is None:
            return
        if not can_print(self.session.printer, "exception_slip"):
            self.banner.show_message("warn", self.tr("No receipt printer is set: press Printer to set one, then "
                                                     "print the slip again."))
            return
        conn = self.session.conn
        slip = exception_slip.ExceptionSlip(
            self.session.station.name, entry.number, entry.kind, entry.raised_by,
            f"{mask_name(entry.raiser_name)} {mask_phone(entry.raiser_phone)}".strip(),
            self.session.courier_name(entry.courier) if entry.courier else "",
            [(p.waybill, p.parcel_id is not None) for p in ex.parcels_of(conn, entry.id)], entry.description,
            local_text(entry.registered_at), local_text(entry.deadline_at), entry.status, entry.outcome,
            money.yuan(entry.amount_fen) if entry.outcome == "compensated" else "", entry.reason,
            len(ex.photos_of(conn, entry.id)))
        pages = exception_slip.pages(slip, self.session.document_language)
        self.printer.submit(self.session.printer, PrintJob(f"exception-{entry.number}", pages,
                                                           kind="exception_slip"))


def offer_register(page: Page, parcel: Parcel, note: str) -> None:
    """After a parcel is flagged damaged: offer to open a register entry for it on the 问题件 page."""
    target = page.window().findChild(ExceptionsPage)
    if target is None:
        return
    answer = QMessageBox.question(page.window(), QCoreApplication.translate("Exceptions", "Damaged parcel"),
                                  QCoreApplication.translate("Exceptions", "Open an entry in the exceptions register "
                                                                           "for {waybill}?").format(
                                      waybill=parcel.waybill))
    if answer == QMessageBox.StandardButton.Yes:
        target.prefill("damaged", parcel, note)
        page.host.show_page(target)
