"""日结: the business day at a glance, the cash count, closing the day (report, backup, sync)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ..core import backups, dayclose, money
from ..core.errors import StationError
from ..labels import pdf
from ..labels.kinds import reports as report_pages
from .messages import error_text
from .printing import PrintJob, PrintService, can_print
from .session import Session
from .supervisor_dialog import SupervisorDialog
from .widgets import Banner, ScanField, heading


class DayClosePage(QWidget):
    def __init__(self, session: Session, banner: Banner, printer: PrintService, start_sync,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayClosePage")
        self.session, self.banner, self.printer, self.start_sync = session, banner, printer, start_sync
        self.day = dayclose.business_day(session.conn)
        self.title = heading("")
        self.figures = QLabel("", objectName="dayFigures")
        self.figures.setMinimumHeight(130)  # four lines; word wrap would hide all but the first
        self.figures.setStyleSheet("font-size:18px;")
        self.expected = QLabel("", objectName="expectedCash")
        self.expected.setStyleSheet("font-size:26px; font-weight:bold;")
        self.counted = ScanField("countedCash", self.tr("cash counted in the till, yuan"))
        self.reason = QLineEdit(objectName="differenceReason", placeholderText=self.tr("why the cash differs"))
        self.closeButton = QPushButton(self.tr("Close the day"), objectName="closeDayButton")
        self.reopenButton = QPushButton(self.tr("Reopen the last closed day (supervisor)…"),
                                        objectName="reopenDayButton")
        form = QFormLayout()
        form.addRow(self.tr("Expected cash"), self.expected)
        form.addRow(self.tr("Counted cash"), self.counted)
        form.addRow(self.tr("Reason for a difference"), self.reason)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.figures)
        box.addLayout(form)
        box.addWidget(self.closeButton)
        box.addStretch(1)
        box.addWidget(self.reopenButton)
        self.closeButton.clicked.connect(self.close_day)
        self.reopenButton.clicked.connect(self.reopen)
        self.counted.returnPressed.connect(self.close_day)

    def focus_scan(self) -> None:
        self.reload()
        self.counted.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.day = dayclose.business_day(self.session.conn)
        t = dayclose.totals(self.session.conn, self.day)
        self.title.setText(self.tr("Business day {day}").format(day=self.day.isoformat()))
        names = self.session.courier_names

        def listed(d: dict[str, int]) -> str:
            return ", ".join(f"{names.get(k, k)} {money.yuan(v)}" for k, v in d.items()) or "-"

        self.figures.setText("\n".join([
            self.tr("Parcels: {i} in, {o} out, {r} returned, {s} on the shelves").format(
                i=t.parcels_received, o=t.parcels_picked_up, r=t.parcels_returned, s=t.parcels_in_stock),
            self.tr("Sent: {n} parcels, fees {fees}").format(n=t.sendings, fees=listed(t.sending_fees_fen)),
            self.tr("Produce: {kg} taken in, {boxes} boxes; paid out {paid}").format(
                kg=money.kg(t.produce_net_g), boxes=t.produce_boxes, paid=listed(t.produce_payouts_fen)),
            self.tr("Bills: {types}; by channel {channels}").format(types=listed(t.bills_fen),
                                                                     channels=listed(t.bills_by_channel_fen)),
        ]))
        self.expected.setText(money.yuan(t.expected_cash_fen))

    def close_day(self) -> None:
        try:
            counted = money.parse_yuan(self.counted.text())
            totals = dayclose.close(self.session.conn, self.day, counted, self.reason.text(),
                                    clerk_id=self.session.clerk_id)
        except StationError as err:
            self.banner.show_message("error", error_text(err))
            return
        data_dir: Path = self.session.data_dir
        pages = report_pages.day_close(totals, self.session.station.name, counted, self.reason.text(),
                                       self.session.courier_names)
        report = data_dir / "reports" / f"day-{totals.day}.pdf"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_bytes(pdf.render(pages))  # always saved, printed too where an A4 printer is set
        if can_print(self.session.printer, "day_close_report"):
            self.printer.submit(self.session.printer, PrintJob(f"day-{totals.day}", pages, kind="day_close_report"))
        backups.take(self.session.conn, data_dir)
        self.start_sync()
        self.banner.show_message("ok", self.tr("Day {day} closed. Report saved to {path}; backup taken; syncing.")
                                 .format(day=totals.day, path=report))
        self.counted.clear()
        self.reason.clear()
        self.reload()

    def reopen(self) -> None:
        closed = sorted(dayclose.closed_days(self.session.conn))
        if not closed:
            self.banner.show_message("warn", self.tr("No day is closed."))
            return
        dialog = SupervisorDialog(self.session, self.tr("Reopen {day}").format(day=closed[-1].isoformat()), self)
        if not dialog.exec():
            return
        try:
            dayclose.reopen(self.session.conn, closed[-1], dialog.reason(), clerk_id=self.session.clerk_id,
                            supervisor_id=dialog.supervisor_id(), supervisor_pin=dialog.pin())
        except StationError as err:
            self.banner.show_message("error", error_text(err))
            return
        self.reload()

