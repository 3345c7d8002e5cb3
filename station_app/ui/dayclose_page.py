"""日结: the business day at a glance, the till (float, cash in and out, expected, counted, difference),
closing the day (report, backup, sync)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import day_end
from ..core import bills, dayclose, money
from ..core.errors import StationError
from .messages import error_text, money_methods
from .page import Page, PageHost
from .printing import PrintJob
from .supervisor_dialog import SupervisorDialog
from .widgets import ScanField, heading, named


class DayClosePage(Page):
    key, order = "F9", 90

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Day close")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("dayClosePage")
        self.day = dayclose.business_day(self.session.conn)
        self.totals: dayclose.DayTotals | None = None
        self.dayTitle = heading("")
        self.dayTitle.setObjectName("dayTitle")
        self.figures = named(QLabel(""), "dayFigures")
        self.figures.setWordWrap(True)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.floatInput = named(QLineEdit(placeholderText=self.tr("yuan")), "floatInput")
        self.floatInput.setMaximumWidth(160)
        self.floatSource = named(QLabel(""), "floatSource")
        self.setFloatButton = named(QPushButton(self.tr("Change float (supervisor)…")), "setFloatButton")
        self.cashFlow = named(QLabel(""), "cashFlow")
        self.cashFlow.setWordWrap(True)
        self.expected = named(QLabel(""), "expectedCash")
        self.expected.setStyleSheet("font-size:26px; font-weight:bold;")
        self.cashWarning = named(QLabel(""), "cashWarning")  # why a negative expected cash cannot be
        self.cashWarning.setWordWrap(True)
        self.cashWarning.setStyleSheet("color:#c62828; font-weight:bold;")
        self.counted = ScanField("countedCash", self.tr("cash counted in the till, yuan"))
        self.difference = named(QLabel(""), "cashDifference")
        self.difference.setStyleSheet("font-size:22px; font-weight:bold;")
        self.reason = named(QLineEdit(placeholderText=self.tr("why the cash differs")), "differenceReason")
        self.closeButton = named(QPushButton(self.tr("Close the day")), "closeDayButton")
        self.reopenButton = named(QPushButton(self.tr("Reopen the last closed day (supervisor)…")), "reopenDayButton")
        self._layout()
        self.closeButton.clicked.connect(self.close_day)
        self.reopenButton.clicked.connect(self.reopen)
        self.setFloatButton.clicked.connect(self.change_float)
        self.counted.returnPressed.connect(self.close_day)
        self.counted.textChanged.connect(lambda _t: self._show_difference())

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.dayTitle, 1)
        top.addWidget(self.reopenButton)
        till = QGroupBox(self.tr("Cash in the till"))
        form = QFormLayout(till)
        opening = QHBoxLayout()
        opening.addWidget(self.floatInput)
        opening.addWidget(self.floatSource, 1)
        opening.addWidget(self.setFloatButton)
        form.addRow(self.tr("Float (this morning)"), opening)
        form.addRow(self.tr("Cash in / out"), self.cashFlow)
        form.addRow(self.tr("Expected cash"), self.expected)
        form.addRow(self.cashWarning)
        form.addRow(self.tr("Counted cash"), self.counted)
        form.addRow(self.tr("Difference"), self.difference)
        form.addRow(self.tr("Reason for a difference"), self.reason)
        form.addRow(self.closeButton)
        body = QHBoxLayout()
        body.addWidget(self.figures, 2)
        body.addWidget(till, 3)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addLayout(body, 1)

    def focus_scan(self) -> None:
        self.counted.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- names: codes never reach the screen or the report ------------------------------------------------
    def names(self) -> dict[str, str]:
        """Payment methods in words and bill types by their county names (现金, 电费 …)."""
        words = {t.code: t.name for t in bills.types(self.session.conn)}
        words.update(self.session.courier_names)  # 派费 by courier
        words.update(money_methods())
        return words

    def reload(self) -> None:
        self.day = dayclose.business_day(self.session.conn)
        t = self.totals = dayclose.totals(self.session.conn, self.day)
        self.dayTitle.setText(self.tr("Business day {day}").format(day=self.day.isoformat()))
        names = self.names()

        def listed(d: dict[str, int]) -> str:
            return self.tr(", ").join(f"{names.get(k, k)} {money.yuan(v)}" for k, v in d.items()) or "-"

        self.figures.setText("\n\n".join([
            self.tr("Parcels: {i} in, {o} out, {r} returned, {s} on the shelves").format(
                i=t.parcels_received, o=t.parcels_picked_up, r=t.parcels_returned, s=t.parcels_in_stock),
            self.tr("Sent: {n} parcels, fees {fees}").format(n=t.sendings, fees=listed(t.sending_fees_fen)),
            self.tr("Produce: {kg} kg taken in, {boxes} boxes; paid out {paid}").format(
                kg=money.kg_number(t.produce_net_g), boxes=t.produce_boxes, paid=listed(t.produce_payouts_fen)),
            self.tr("Bills: {types}; by channel {channels}").format(types=listed(t.bills_fen),
                                                                     channels=listed(t.bills_by_channel_fen)),
            self.tr("Courier fees earned: {fees}; cash on delivery collected: {cod}").format(
                fees=listed(t.courier_fees_fen), cod=listed(t.cod_fen)),
        ]))
        self.floatInput.setText(money.yuan(t.cash_float_fen).lstrip("¥"))
        self.floatSource.setText({"carried": self.tr("counted at the last close"),
                                  "set": self.tr("set by a supervisor"),
                                  "default": self.tr("no day closed yet")}[t.cash_float_source])
        self.cashFlow.setText(self.tr("float {float} + cash in {cash_in} − cash paid out {cash_out}").format(
            float=money.yuan(t.cash_float_fen), cash_in=money.yuan(t.cash_in_fen), cash_out=money.yuan(t.cash_out_fen)))
        self.expected.setText(money.yuan(t.expected_cash_fen))
        if t.expected_cash_fen < 0:
            self.cashWarning.setText(error_text(StationError(
                "cash_expected_negative", short=money.yuan(-t.expected_cash_fen),
                least=money.yuan(t.cash_float_fen - t.expected_cash_fen))))
        self.cashWarning.setVisible(t.expected_cash_fen < 0)
        self._show_difference()

    def _show_difference(self) -> None:
        """Counted − expected as the clerk types: over, short or right."""
        if self.totals is None:
            return
        try:
            counted = money.parse_yuan(self.counted.text())
        except StationError:
            self.difference.setText("—")
            self.difference.setStyleSheet("font-size:22px; font-weight:bold;")
            return
        diff = counted - self.totals.expected_cash_fen
        word = (self.tr("over") if diff > 0 else self.tr("short") if diff < 0 else self.tr("matches"))
        self.difference.setText(f"{money.signed_yuan(diff)}  {word}")
        colour = "#1e7b34" if diff == 0 else "#c62828"
        self.difference.setStyleSheet(f"font-size:22px; font-weight:bold; color:{colour};")

    def change_float(self) -> None:
        """The drawer held something else this morning: a supervisor sets the day's float with a reason."""
        try:
            fen = money.parse_yuan(self.floatInput.text())
        except StationError:
            self.fail(StationError("float_invalid"))
            return
        dialog = SupervisorDialog(self.session, self.tr("Set the float of {day} to {amount}").format(
            day=self.day.isoformat(), amount=money.yuan(fen)), self)
        if not dialog.exec():
            self.reload()
            return
        day, reason, boss, pin = self.day, dialog.reason(), dialog.supervisor_id(), dialog.pin()
        self.op(lambda conn: dayclose.set_float(conn, day, fen, reason, clerk_id=self.session.clerk_id,
                                                supervisor_id=boss, supervisor_pin=pin)) \
            .then(lambda _f: self.banner.show_message("ok", self.tr("The float of {day} is now {amount}.").format(
                day=day.isoformat(), amount=money.yuan(fen)))).refresh().run()

    def close_day(self) -> None:
        """The close, the report and the backup in a worker (day_end); then print and sync from here."""
        if not self.closeButton.isEnabled():
            return  # a close is under way (Enter in the cash field while it runs)
        try:
            counted = money.parse_yuan(self.counted.text())
        except StationError as err:
            self.fail(err)
            return
        day, reason, clerk_id = self.day, self.reason.text(), self.session.clerk_id
        data_dir, station, names, lang = (self.session.data_dir, self.session.station.name, self.names(),
                                          self.session.document_language)
        self.closeButton.setEnabled(False)
        self.op(lambda conn: day_end.close_day(
            conn, data_dir, day, counted, reason, clerk_id=clerk_id, station_name=station, names=names, lang=lang)) \
            .then(self._closed).failed(lambda _err: self.closeButton.setEnabled(True)).run_in_background()

    def _closed(self, done: day_end.DayEnd) -> None:
        if self.session.printer.takes_a4:
            self.printer.submit(self.session.printer, PrintJob(f"day-{done.totals.day}", done.pages,
                                                               kind="day_close_report"))
            done.steps.append(day_end.Step("print", True))  # a failed print is said by the print service
        else:
            done.steps.append(day_end.Step("print", False, skipped=True))
        started = self.host.start_sync() is not False  # the sync panel's worker, which shows its own outcome
        done.steps.append(day_end.Step("sync", started, skipped=not started))
        self.banner.show_message("ok" if done.all_done else "warn", self.outcome(done))
        self.counted.clear()
        self.reason.clear()
        self.closeButton.setEnabled(True)
        self.reload()

    def outcome(self, done: day_end.DayEnd) -> str:
        """Each step in a sentence: what was done, what was not and what to do."""
        words = [self.tr("Day {day} closed.").format(day=done.totals.day)]
        for step in done.steps:
            if step.name == "report":
                words.append(self.tr("Report saved to {path}.").format(path=step.path) if step.ok
                             else error_text(step.error) if isinstance(step.error, StationError) else "")
            elif step.name == "backup":
                words.append(self.tr("Backup taken.") if step.ok
                             else error_text(step.error) if isinstance(step.error, StationError) else "")
            elif step.name == "sync":
                words.append(self.tr("Syncing.") if step.ok else self.tr(
                    "Not synced: this computer is not connected to the county server."))
        return " ".join(w for w in words if w)

    def reopen(self) -> None:
        closed = sorted(dayclose.closed_days(self.session.conn))
        if not closed:
            self.banner.show_message("warn", self.tr("No day is closed."))
            return
        dialog = SupervisorDialog(self.session, self.tr("Reopen {day}").format(day=closed[-1].isoformat()), self)
        if not dialog.exec():
            return
        day, reason, boss, pin = closed[-1], dialog.reason(), dialog.supervisor_id(), dialog.pin()
        self.op(lambda conn: dayclose.reopen(conn, day, reason, clerk_id=self.session.clerk_id, supervisor_id=boss,
                                             supervisor_pin=pin)).refresh().run()
