"""交接: the next bus run, a hand-over list of everything waiting, each item scanned on, then closed and printed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ..core import dispatch
from ..labels.kinds import handover_list
from .page import Page, PageHost
from .printing import PrintJob, can_print
from .widgets import Column, RowTable, ScanField, make_table, named


class DispatchPage(Page):
    key, order = "F7", 70

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Hand-over")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("dispatchPage")
        self.current: dispatch.Manifest | None = None
        self.runSelector = named(QComboBox(), "runSelector")
        self.openButton = named(QPushButton(self.tr("Make the hand-over list")), "openDispatchButton")
        self.dispatchScanInput = ScanField("dispatchScanInput", self.tr("Scan each item as it goes on the bus"))
        self.summary = named(QLabel(""), "dispatchSummary")
        self.summary.setStyleSheet("font-size:22px; font-weight:bold;")
        kinds = {"sending": self.tr("parcel"), "box": self.tr("produce box")}
        self.model: RowTable[tuple[str, str, bool]] = RowTable([  # (code, kind, on the bus)
            Column(self.tr("On the bus"), lambda r: "✔" if r[2] else ""),
            Column(self.tr("Item"), lambda r: r[0]),
            Column(self.tr("Kind"), lambda r: kinds.get(r[1]) or r[1])], lambda r: "#c8f0c8" if r[2] else "")
        self.dispatchTable = make_table("dispatchTable", self.model)
        self.closeButton = named(QPushButton(self.tr("Close and print for the driver")), "closeDispatchButton")
        self.reprintButton = named(QPushButton(self.tr("Reprint hand-over list")), "reprintDispatchButton")
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.runSelector, 1)
        top.addWidget(self.openButton)
        box.addLayout(top)
        box.addWidget(self.dispatchScanInput)
        box.addWidget(self.summary)
        box.addWidget(self.dispatchTable, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.closeButton, 1)
        bottom.addWidget(self.reprintButton)
        box.addLayout(bottom)
        self.openButton.clicked.connect(self.open)
        self.dispatchScanInput.returnPressed.connect(self._on_scan)
        self.closeButton.clicked.connect(lambda: self.close_dispatch())  # not clicked(checked) as accept_missing
        self.reprintButton.clicked.connect(self._reprint)

    def focus_scan(self) -> None:
        self.dispatchScanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.runSelector.clear()
        for run in dispatch.next_runs(self.session.conn)[:12]:
            self.runSelector.addItem(self._run_text(run), run)
        self.current = dispatch.open_manifest(self.session.conn)
        self._show()

    def _run_text(self, run: dispatch.Run) -> str:
        leg = f"{run.from_node} → {run.to_node}"
        if run.returning:
            leg = self.tr("{leg} (return trip)").format(leg=leg)
        return self.tr("{when} run  {route} {mode}  {leg}").format(when=f"{run.departs:%m-%d %H:%M}",
                                                                   route=run.route_code, mode=run.mode, leg=leg)

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
        self.op(lambda conn: dispatch.open_dispatch(conn, run.route_code, run.departs,
                                                    clerk_id=self.session.clerk_id)).then(self._opened).run()

    def _opened(self, opened: dispatch.Manifest) -> None:
        self.current = opened
        self._show()
        self.dispatchScanInput.setFocus()

    def _on_scan(self) -> None:
        text = self.dispatchScanInput.text()
        self.dispatchScanInput.clear()
        if self.current is None:
            self.banner.show_message("warn", self.tr("Make the hand-over list first."))
            return
        dispatch_id = self.current.id
        self.op(lambda conn: dispatch.scan(conn, dispatch_id, text, clerk_id=self.session.clerk_id)).then(
            lambda _none: self.banner.show_message("ok", self.tr("{code} is on the bus.").format(code=text.strip()))
        ).run()
        self.current = dispatch.manifest(self.session.conn, dispatch_id)
        self._show()

    def close_dispatch(self, accept_missing: bool | None = None) -> None:
        if self.current is None:
            return
        if self.current.missing and accept_missing is None:
            answer = QMessageBox.question(self, self.tr("Items missing"), self.tr(
                "{n} items are not scanned: {codes}. They will wait for the next run. Close anyway?").format(
                n=len(self.current.missing), codes=", ".join(self.current.missing[:10])))
            accept_missing = answer == QMessageBox.StandardButton.Yes
        dispatch_id, accept = self.current.id, bool(accept_missing)
        self.op(lambda conn: dispatch.close(conn, dispatch_id, clerk_id=self.session.clerk_id, accept_missing=accept)
                ).then(self._closed).run()

    def _closed(self, closed: dispatch.Manifest) -> None:
        self.current = None
        self.reload()
        done = self.tr("Hand-over closed: {n} items left on {route}.").format(n=len(closed.scanned),
                                                                             route=closed.route_code)
        self.banner.show_message("ok", done + " " + self._print(closed))

    def _reprint(self) -> None:
        closed = dispatch.last_closed(self.session.conn)
        if closed is None:
            self.banner.show_message("warn", self.tr("No hand-over has been closed yet."))
            return
        self.banner.show_message("info", self._print(closed))

    def _print(self, closed: dispatch.Manifest) -> str:
        """Send the driver's list to the A4 printer (or the PDF folder); say what happened in a sentence."""
        settings = self.session.printer
        if not can_print(settings, "handover_list"):
            return self.tr("No A4 printer is set, so the list was not printed: set one under Printer, then press "
                           "Reprint hand-over list.")
        found = dispatch.route_leg(self.session.conn, closed.route_code)
        leg = f"{found[1]} → {found[2]}" if found else ""
        route = f"{closed.route_code} {found[0]}" if found else closed.route_code
        scanned = set(closed.scanned)
        data = handover_list.HandoverList(
            self.session.station.name, closed.id[-12:].upper(), route, leg,
            dispatch.departs_local(closed).strftime("%m-%d %H:%M"),
            dispatch.closed_local(closed, self.session.conn).strftime("%m-%d %H:%M"),
            [(code, kind) for code, kind in closed.expected if code in scanned], closed.missing)
        pages = handover_list.pages(data, self.session.document_language)
        self.printer.submit(settings, PrintJob(f"handover-{closed.id[-8:]}", pages,
                                               kind="handover_list"))
        return self.tr("Printing the hand-over list for the driver…")
