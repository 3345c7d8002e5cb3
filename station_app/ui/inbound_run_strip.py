"""到车: the inbound 客货邮 run on the receive page. A strip says which run is open and, live as parcels are
scanned, what of the county's list for it is still missing (短少) and what came unannounced; 到车 starts a run
from the timetable with the bus's plate and driver (typed, or scanned from the driver's sheet), 收车 closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QWidget,
)

from ..core import inbound_runs
from ..core.clock import local_text
from .page import Page
from .widgets import ScanField, named


class StartRunDialog(QDialog):
    """Which arrival this bus is, its plate and driver."""

    def __init__(self, arrivals: list[inbound_runs.Arrival], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboundRunDialog")
        self.setWindowTitle(self.tr("Bus arrived"))
        self.arrivalSelector = named(QComboBox(), "arrivalSelector")
        for a in arrivals:
            words = self.tr("{route} due {time}").format(route=a.route_code, time=a.scheduled.strftime("%H:%M")) \
                if a.scheduled else self.tr("{route} (not in the timetable)").format(route=a.route_code)
            self.arrivalSelector.addItem(words, a)
        self.plate = ScanField("busPlate", self.tr("Plate, or scan the driver's sheet"))
        self.driver = named(QLineEdit(), "busDriver")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("inboundRunButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.plate.returnPressed.connect(self._sheet)
        form = QFormLayout(self)
        form.addRow(self.tr("Run"), self.arrivalSelector)
        form.addRow(self.tr("Plate"), self.plate)
        form.addRow(self.tr("Driver"), self.driver)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def _sheet(self) -> None:
        """A sheet's barcode carries 'plate|driver': split it; a plate alone moves on to the driver."""
        plate, driver = inbound_runs.parse_sheet(self.plate.text())
        self.plate.setText(plate)
        if driver:
            self.driver.setText(driver)
        self.driver.setFocus()

    def arrival(self) -> inbound_runs.Arrival | None:
        data = self.arrivalSelector.currentData()
        return data if isinstance(data, inbound_runs.Arrival) else None


class InboundRunStrip(QFrame):
    def __init__(self, page: Page, received: QTableView) -> None:
        super().__init__(page)
        self.setObjectName("inboundRunStrip")
        self.page = page
        self.status = named(QLabel(""), "inboundRunStatus")
        self.status.setWordWrap(True)
        self.missingList = named(QListWidget(), "runMissingList")
        self.missingList.setMaximumHeight(40)  # two lines, scrolled: the strip shares the receive page's top row
        self.startButton = named(QPushButton(self.tr("Bus arrived…")), "startRunButton")
        self.closeButton = named(QPushButton(self.tr("Close the run")), "closeRunButton")
        for button in (self.startButton, self.closeButton):
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.status, 2)
        box.addWidget(self.missingList, 2)
        box.addWidget(self.startButton)
        box.addWidget(self.closeButton)
        self.startButton.clicked.connect(self.start)
        self.closeButton.clicked.connect(self.close_run)
        model = received.model()
        model.rowsInserted.connect(lambda *_args: self.refresh())
        model.dataChanged.connect(lambda *_args: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        run = inbound_runs.open_run(self.page.session.conn)
        self.startButton.setEnabled(run is None)
        self.closeButton.setEnabled(run is not None)
        self.missingList.clear()
        self.missingList.setVisible(run is not None)
        if run is None:
            self.status.setText(self.tr("No bus run open: press Bus arrived when the bus comes."))
            self.status.setStyleSheet("")
            return
        counts = {"route": run.route_code, "came": local_text(run.arrived_at, "%H:%M"), "plate": run.plate,
                  "got": len(run.expected) - len(run.missing), "expected": len(run.expected),
                  "missing": len(run.missing), "extra": len(run.unannounced)}
        if run.scheduled_at:
            self.status.setText(self.tr("Run {route} (due {due}, came {came}) {plate}: {got} of {expected} expected "
                                        "received, {missing} missing, {extra} unannounced").format(
                due=local_text(run.scheduled_at, "%H:%M"), **counts))
        else:
            self.status.setText(self.tr("Run {route} (not in the timetable, came {came}) {plate}: {got} of "
                                        "{expected} expected received, {missing} missing, {extra} unannounced")
                                .format(**counts))
        self.status.setStyleSheet("font-weight:bold; color:#8a5a00;" if run.missing else
                                  "font-weight:bold; color:#1b5e20;")
        self.missingList.addItems([self.tr("missing: {waybill}").format(waybill=w) for w in run.missing] +
                                  [self.tr("unannounced: {waybill}").format(waybill=w) for w in run.unannounced])

    def start(self) -> None:
        dialog = StartRunDialog(inbound_runs.arrivals(self.page.session.conn), self)
        if not dialog.exec():
            return
        arrival, plate, driver = dialog.arrival(), dialog.plate.text(), dialog.driver.text()
        self.page.op(lambda conn: inbound_runs.start(conn, arrival, plate=plate, driver=driver,
                                                     clerk_id=self.page.session.clerk_id)).then(
            lambda run: self.page.banner.show_message("ok", self.tr(
                "Run {route} started: {n} parcels expected. Scan the parcels.").format(
                route=run.route_code, n=len(run.expected)))).always(self._after).run()

    def close_run(self) -> None:
        run = inbound_runs.open_run(self.page.session.conn)
        if run is None:
            return
        self.page.op(lambda conn: inbound_runs.close(conn, run.id, clerk_id=self.page.session.clerk_id)).then(
            self._closed).always(self._after).run()

    def _closed(self, run: inbound_runs.RunView) -> None:
        words = self.tr("Run {route} closed: {got} received, {missing} missing, {extra} unannounced.").format(
            route=run.route_code, got=len(run.received), missing=len(run.missing), extra=len(run.unannounced))
        self.page.banner.show_message("warn" if run.missing else "ok", words)

    def _after(self) -> None:
        self.refresh()
        self.page.focus_scan()

