"""交接: the next bus run, a manifest of everything waiting, each item scanned on, then closed and printed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ..core import dispatch
from ..core.errors import StationError
from ..labels.kinds import document
from .messages import error_text
from .printing import PrintJob, PrintService
from .session import Session
from .widgets import Banner, Column, RowTable, ScanField, make_table


class DispatchPage(QWidget):
    def __init__(self, session: Session, banner: Banner, printer: PrintService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchPage")
        self.session, self.banner, self.printer = session, banner, printer
        self.current: dispatch.Manifest | None = None
        self.runSelector = QComboBox(objectName="runSelector")
        self.openButton = QPushButton(self.tr("Make the hand-over list"), objectName="openDispatchButton")
        self.dispatchScanInput = ScanField("dispatchScanInput", self.tr("Scan each item as it goes on the bus"))
        self.summary = QLabel("", objectName="dispatchSummary")
        self.summary.setStyleSheet("font-size:22px; font-weight:bold;")
        self.model = RowTable([Column(self.tr("On the bus"), lambda r: "✔" if r[2] else ""),
                               Column(self.tr("Item"), lambda r: r[0]),
                               Column(self.tr("Kind"), lambda r: {"sending": self.tr("parcel"),
                                                                  "box": self.tr("produce box")}.get(r[1], r[1]))],
                              lambda r: "#c8f0c8" if r[2] else "")
        self.dispatchTable = make_table("dispatchTable", self.model)
        self.closeButton = QPushButton(self.tr("Close and print for the driver"), objectName="closeDispatchButton")
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.runSelector, 1)
        top.addWidget(self.openButton)
        box.addLayout(top)
        box.addWidget(self.dispatchScanInput)
        box.addWidget(self.summary)
        box.addWidget(self.dispatchTable, 1)
        box.addWidget(self.closeButton)
        self.openButton.clicked.connect(self.open)
        self.dispatchScanInput.returnPressed.connect(self._on_scan)
        self.closeButton.clicked.connect(lambda: self.close_manifest())  # not clicked(checked) as accept_missing

    def focus_scan(self) -> None:
        self.reload()
        self.dispatchScanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.runSelector.clear()
        for run in dispatch.next_runs(self.session.conn)[:12]:
            self.runSelector.addItem(f"{run.departs:%m-%d %H:%M}  {run.route_code} {run.mode}  {run.from_node} → "
                                     f"{run.to_node}", run)
        self.current = dispatch.open_manifest(self.session.conn)
        self._show()

    def _show(self) -> None:
        m = self.current
        if m is None:
            self.model.set_rows([])
            self.summary.setText(self.tr("No open hand-over list."))
            return
        scanned = set(m.scanned)
        self.model.set_rows([(code, kind, code in scanned) for code, kind in m.expected])
        text = self.tr("{route}: {done} of {total} on the bus").format(route=m.route_code, done=len(m.scanned),
                                                                      total=len(m.expected))
        if m.extra:
            text += " · " + self.tr("not on the list: {codes}").format(codes=", ".join(m.extra))
        self.summary.setText(text)

    def open(self) -> None:
        run = self.runSelector.currentData()
        if run is None:
            self.banner.show_message("warn", self.tr("No bus run in the timetable."))
            return
        try:
            self.current = dispatch.open_dispatch(self.session.conn, run.route_code, run.departs,
                                                  clerk_id=self.session.clerk_id)
        except StationError as err:
            self.banner.show_message("error", error_text(err))
            return
        self._show()
        self.dispatchScanInput.setFocus()

    def _on_scan(self) -> None:
        text = self.dispatchScanInput.text()
        self.dispatchScanInput.clear()
        if self.current is None:
            self.banner.show_message("warn", self.tr("Make the hand-over list first."))
            return
        try:
            dispatch.scan(self.session.conn, self.current.id, text, clerk_id=self.session.clerk_id)
            self.banner.show_message("ok", self.tr("{code} is on the bus.").format(code=text.strip()))
        except StationError as err:
            self.banner.show_message("error", error_text(err))
        self.current = dispatch.manifest(self.session.conn, self.current.id)
        self._show()

    def close_manifest(self, accept_missing: bool | None = None) -> None:
        if self.current is None:
            return
        if self.current.missing and accept_missing is None:
            answer = QMessageBox.question(self, self.tr("Items missing"), self.tr(
                "{n} items are not scanned: {codes}. They will wait for the next run. Close anyway?").format(
                n=len(self.current.missing), codes=", ".join(self.current.missing[:10])))
            accept_missing = answer == QMessageBox.StandardButton.Yes
        try:
            closed = dispatch.close(self.session.conn, self.current.id, clerk_id=self.session.clerk_id,
                                    accept_missing=bool(accept_missing))
        except StationError as err:
            self.banner.show_message("error", error_text(err))
            return
        self.banner.show_message("ok", self.tr("Hand-over closed: {n} items left on {route}.").format(
            n=len(closed.scanned), route=closed.route_code))
        if self.session.printer.backend in ("system", "pdf_folder"):
            lines = [(f"{code}  {kind}", False) for code, kind in closed.expected if code in closed.scanned]
            lines += [(self.tr("Missing (stays for the next run): {codes}").format(
                codes=", ".join(closed.missing) or "-"), True)]
            doc = document.Document(self.tr("Hand-over list {route} {departs}").format(
                route=closed.route_code, departs=dispatch.departs_local(closed).strftime("%m-%d %H:%M")),
                closed.id[-12:].upper(), lines, [self.tr("Driver's signature:"), self.tr("Clerk's signature:")],
                line_barcodes=True)
            self.printer.submit(self.session.printer, PrintJob(f"handover-{closed.id[-8:]}", document.pages(doc)))
        self.current = None
        self._show()
