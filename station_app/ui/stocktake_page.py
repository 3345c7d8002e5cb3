"""盘库: shelf by shelf, scan the shelf label then every parcel on it; missing, extra and misplaced parcels show as
they are found; at the end the report (on screen and on A4) and the corrections (re-shelve, mark lost)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core import shelving, stocktake
from ..core.clock import local_text
from ..core.errors import StationError
from ..labels.kinds import stocktake_report
from .page import Page, PageHost
from .printing import PrintJob
from .widgets import Column, R, RowTable, ScanField, heading, make_table, named


class Rows(RowTable[R]):
    """A RowTable that also drops rows one at a time: a scan takes one parcel off a list of thousands."""

    def remove(self, match: Callable[[R], bool]) -> bool:
        for i, row in enumerate(self.rows):
            if match(row):
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
                return True
        return False


class StocktakePage(Page):
    key, order = "Shift+F4", 42  # beside 库存 (F4): the same shelves, counted

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Stocktake")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("stocktakePage")
        self.shown_id: str | None = None  # the stocktake on screen: the open one, else the last finished
        self.on_screen: stocktake.Stocktake | None = None
        self.open_now = False
        self.reasons = {"picked_up": self.tr("already picked up"), "returned": self.tr("returned to courier"),
                        "lost": self.tr("marked lost"), "": self.tr("never received here")}
        self.done_words = {"reshelved": self.tr("re-shelved"), "lost": self.tr("marked lost"), "": ""}

        self.startButton = named(QPushButton(self.tr("Start a stocktake")), "stocktakeStartButton")
        self.shelfSelector = named(QComboBox(), "stocktakeShelf")
        self.finishButton = named(QPushButton(self.tr("Finish and report")), "stocktakeFinishButton")
        self.printButton = named(QPushButton(self.tr("Print report")), "stocktakePrintButton")
        self.scanInput = ScanField("stocktakeScanInput", self.tr("Scan the shelf label, then every parcel on it"))
        self.summary = named(QLabel(""), "stocktakeSummary")
        self.summary.setStyleSheet("font-size:22px; font-weight:bold;")
        self.summary.setWordWrap(True)

        self.missingModel: Rows[stocktake.Missing] = Rows([
            Column(self.tr("Shelf"), lambda m: str(m.shelf)), Column(self.tr("Pickup code"), lambda m: m.pickup_code),
            Column(self.tr("Waybill"), lambda m: m.waybill),
            Column(self.tr("Done"), lambda m: self.done_words.get(m.corrected, m.corrected))],
            lambda m: "#e0e0e0" if m.corrected else "")
        self.extraModel: Rows[stocktake.Finding] = Rows([
            Column(self.tr("Waybill"), lambda f: f.waybill), Column(self.tr("Found on shelf"), lambda f: str(f.shelf)),
            Column(self.tr("Why"), lambda f: self.reasons.get(f.status, f.status))], lambda f: "#fde2c0")
        self.misplacedModel: Rows[stocktake.Finding] = Rows([
            Column(self.tr("Waybill"), lambda f: f.waybill), Column(self.tr("Found on shelf"), lambda f: str(f.shelf)),
            Column(self.tr("Recorded on shelf"), lambda f: str(f.recorded_shelf or "")),
            Column(self.tr("Done"), lambda f: self.done_words.get(f.corrected, f.corrected))],
            lambda f: "#e0e0e0" if f.corrected else "#fff3b0")
        self.missingTable = make_table("stocktakeMissingTable", self.missingModel)
        self.extraTable = make_table("stocktakeExtraTable", self.extraModel)
        self.misplacedTable = make_table("stocktakeMisplacedTable", self.misplacedModel)
        for table in (self.missingTable, self.extraTable, self.misplacedTable):
            # rows of one height: a scan that takes a row off a list of thousands does not measure them all again
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.lostButton = named(QPushButton(self.tr("Mark lost")), "stocktakeLostButton")
        self.reshelveButton = named(QPushButton(self.tr("Re-shelve here with a new code")),
                                    "stocktakeReshelveButton")
        self.missingTitle, self.extraTitle, self.misplacedTitle = heading(""), heading(""), heading("")
        self._layout()

        self.startButton.clicked.connect(self.start)
        self.shelfSelector.activated.connect(lambda _i: self._choose(self.shelfSelector.currentData()))
        self.scanInput.returnPressed.connect(self._on_scan)
        self.finishButton.clicked.connect(self.finish)
        self.printButton.clicked.connect(self._print_shown)
        self.reshelveButton.clicked.connect(self.reshelve)
        self.lostButton.clicked.connect(self.mark_lost)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.startButton)
        top.addWidget(QLabel(self.tr("Shelf:")))
        top.addWidget(self.shelfSelector)
        top.addStretch(1)
        top.addWidget(self.finishButton)
        top.addWidget(self.printButton)
        grid = QGridLayout()
        lists: list[tuple[QLabel, QTableView, QPushButton | None]] = [
            (self.missingTitle, self.missingTable, self.lostButton), (self.extraTitle, self.extraTable, None),
            (self.misplacedTitle, self.misplacedTable, self.reshelveButton)]
        for col, (title, table, button) in enumerate(lists):
            grid.addWidget(title, 0, col)
            grid.addWidget(table, 1, col)
            if button is not None:
                grid.addWidget(button, 2, col)
            grid.setColumnStretch(col, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.scanInput)
        box.addWidget(self.summary)
        box.addLayout(grid, 1)

    def focus_scan(self) -> None:
        self.scanInput.setFocus(Qt.FocusReason.OtherFocusReason)

    # ----- what is shown ---------------------------------------------------------------------------------
    def reload(self) -> None:
        conn = self.session.conn
        st = stocktake.current(conn) or stocktake.last_finished(conn)
        self.open_now = st is not None and st.status == "open"
        self.shown_id = st.id if st else None
        self.on_screen = st
        self.shelfSelector.clear()
        for shelf in shelving.shelves(conn):
            self.shelfSelector.addItem(self.tr("Shelf {shelf}").format(shelf=shelf.shelf), shelf.shelf)
        if st is not None and st.current_shelf is not None:
            self.shelfSelector.setCurrentIndex(max(0, self.shelfSelector.findData(st.current_shelf)))
        self.startButton.setEnabled(not self.open_now)
        self.finishButton.setEnabled(self.open_now)
        self.shelfSelector.setEnabled(self.open_now)
        self.printButton.setEnabled(st is not None)
        self.lostButton.setEnabled(st is not None and not self.open_now)  # a missing parcel may still turn up
        if st is None:
            for model in (self.missingModel, self.extraModel, self.misplacedModel):
                model.set_rows([])
            self.summary.setText(self.tr("No stocktake yet. Press Start a stocktake, then scan the first shelf's "
                                         "label."))
            self._titles()
            return
        found = stocktake.report(conn, st.id)
        self.missingModel.set_rows(found.missing)
        self.extraModel.set_rows(found.extra)
        self.misplacedModel.set_rows(found.misplaced)
        self._show_counts(found.stocktake, found.counts)
        self._titles()

    def _titles(self) -> None:
        """The lists' headings carry no counts (the summary line has them): a heading that changed on every scan
        made Qt lay the three lists out again each time (measured ~10 ms of a scan's ~25 ms on a loaded machine)."""
        self.missingTitle.setText(self.tr("Missing so far: not scanned yet") if self.open_now
                                  else self.tr("Missing: in the system, not on the shelf"))
        self.extraTitle.setText(self.tr("Extra: on the shelf, not in stock"))
        self.misplacedTitle.setText(self.tr("Misplaced: recorded on another shelf"))

    def _show_counts(self, st: stocktake.Stocktake, counts: stocktake.Counts) -> None:
        figures = self.tr("scanned {scanned} · missing {missing} · extra {extra} · misplaced {misplaced}").format(
            scanned=counts.scanned, missing=counts.missing, extra=counts.extra, misplaced=counts.misplaced)
        if st.status == "open":
            where = (self.tr("counting shelf {shelf}").format(shelf=st.current_shelf) if st.current_shelf
                     else self.tr("scan the first shelf's label"))
            text = self.tr("Stocktake open since {when}, {where}: {figures}").format(
                when=local_text(st.started_at, "%m-%d %H:%M"), where=where, figures=figures)
        else:
            text = self.tr("Stocktake finished {when}: {figures}").format(
                when=local_text(st.finished_at or st.started_at, "%m-%d %H:%M"), figures=figures)
        self.summary.setText(text)

    # ----- counting ----------------------------------------------------------------------------------------
    def start(self) -> None:
        self.op(lambda conn: stocktake.start(conn, clerk_id=self.session.clerk_id)).then(
            lambda _st: self.banner.show_message("ok", self.tr("Stocktake started. Scan the first shelf's label."))
        ).refresh().always(self.focus_scan).run()

    def _choose(self, shelf: int | None) -> None:
        if shelf is None or self.shown_id is None or not self.open_now:
            self.fail(StationError("stocktake_none"))
            self.focus_scan()
            return
        stocktake_id = self.shown_id
        self.op(lambda conn: stocktake.choose_shelf(conn, stocktake_id, shelf, clerk_id=self.session.clerk_id)).then(
            lambda _st: self.banner.show_message("info", self.tr(
                "Counting shelf {shelf}: scan every parcel on it.").format(shelf=shelf))
        ).refresh().always(self.focus_scan).run()

    def _on_scan(self) -> None:
        text = self.scanInput.text()
        self.scanInput.clear()
        if self.shown_id is None or not self.open_now:
            self.fail(StationError("stocktake_none"))
            return
        shelf = stocktake.shelf_from_scan(text)
        if shelf is not None:
            self._choose(shelf)
            return
        stocktake_id = self.shown_id
        self.op(lambda conn: stocktake.scan(conn, stocktake_id, text, clerk_id=self.session.clerk_id)).then(
            self._scanned).always(self.focus_scan).run()

    def _scanned(self, found: stocktake.Finding) -> None:
        """Only what this scan changed: the rest of the lists stay as they are (thousands of rows)."""
        if found.parcel_id:
            self.missingModel.remove(lambda m: m.parcel_id == found.parcel_id)
        if found.finding == "ok":
            self.banner.show_message("ok", self.tr("{waybill}: on its shelf.").format(waybill=found.waybill))
        elif found.finding == "misplaced":
            self.misplacedModel.prepend(found)
            self.banner.show_message("warn", self.tr(
                "{waybill} is recorded on shelf {recorded}: misplaced. Re-shelve it here or put it back.").format(
                waybill=found.waybill, recorded=found.recorded_shelf))
        else:
            self.extraModel.prepend(found)
            self.banner.show_message("warn", self.tr(
                "{waybill} is not in stock ({why}): extra. Put it aside.").format(
                waybill=found.waybill, why=self.reasons.get(found.status, found.status)))
        if self.on_screen is not None:
            self._show_counts(self.on_screen, stocktake.counts(self.session.conn, self.on_screen.id, is_open=True))

    def finish(self) -> None:
        if self.shown_id is None or not self.open_now:
            return
        stocktake_id = self.shown_id
        left = stocktake.counts(self.session.conn, stocktake_id).missing
        if left:
            answer = QMessageBox.question(self, self.tr("Finish the stocktake"), self.tr(
                "{n} parcels on the counted shelves were not scanned: they will be reported missing. "
                "Finish now?").format(n=left))
            if answer != QMessageBox.StandardButton.Yes:
                self.focus_scan()
                return
        self.op(lambda conn: stocktake.finish(conn, stocktake_id, clerk_id=self.session.clerk_id)).then(
            self._finished).refresh().always(self.focus_scan).run()

    def _finished(self, found: stocktake.Report) -> None:
        words = self.tr("Stocktake finished: missing {missing}, extra {extra}, misplaced {misplaced}.").format(
            missing=found.counts.missing, extra=found.counts.extra, misplaced=found.counts.misplaced)
        self.banner.show_message("ok", words + " " + self._print(found))

    # ----- corrections -------------------------------------------------------------------------------------
    def reshelve(self) -> None:
        chosen = self.misplacedModel.selected(self.misplacedTable)
        if not chosen or self.shown_id is None or not chosen[0].parcel_id:
            self.fail(StationError("stocktake_not_misplaced"))
            return
        stocktake_id, parcel_id = self.shown_id, chosen[0].parcel_id
        self.op(lambda conn: stocktake.reshelve(conn, stocktake_id, parcel_id, clerk_id=self.session.clerk_id)
                ).then(lambda p: self.banner.show_message("ok", self.tr(
                    "{waybill} re-shelved on shelf {shelf} layer {layer}: new pickup code {code}. Write it on the "
                    "parcel; the recipient gets a new text.").format(waybill=p.waybill, shelf=p.shelf, layer=p.layer,
                                                                     code=p.pickup_code))
                ).refresh().always(self.focus_scan).run()

    def mark_lost(self) -> None:
        chosen = self.missingModel.selected(self.missingTable)
        if not chosen or self.shown_id is None:
            self.fail(StationError("stocktake_not_missing"))
            return
        stocktake_id, missing = self.shown_id, chosen[0]
        answer = QMessageBox.question(self, self.tr("Mark lost"), self.tr(
            "Mark {waybill} (code {code}) as lost? It leaves the stock and its pickup text is cancelled.").format(
            waybill=missing.waybill, code=missing.pickup_code))
        if answer != QMessageBox.StandardButton.Yes:
            self.focus_scan()
            return
        self.op(lambda conn: stocktake.mark_lost(conn, stocktake_id, missing.parcel_id,
                                                 clerk_id=self.session.clerk_id)).then(
            lambda p: self.banner.show_message("ok", self.tr("{waybill} is marked lost.").format(waybill=p.waybill))
        ).refresh().always(self.focus_scan).run()

    # ----- the printed report ------------------------------------------------------------------------------
    def _print_shown(self) -> None:
        if self.shown_id is not None:
            self.banner.show_message("info", self._print(stocktake.report(self.session.conn, self.shown_id)))
        self.focus_scan()

    def _print(self, found: stocktake.Report) -> str:
        settings = self.session.printer
        if not settings.takes_a4:
            return self.tr("No A4 printer is set, so the report was not printed: set one under Printer, then press "
                           "Print report.")
        self.printer.submit(settings, PrintJob(f"stocktake-{found.stocktake.id[-8:]}",
                                               stocktake_report.pages(report_data(self.session.station.name, found),
                                                                      self.session.document_language),
                                               kind="stocktake_report"))
        return self.tr("Printing the stocktake report…")


def report_data(station: str, found: stocktake.Report) -> stocktake_report.StocktakeReport:
    st = found.stocktake
    return stocktake_report.StocktakeReport(
        station, st.id[-12:].upper(), local_text(st.started_at, "%Y-%m-%d %H:%M"),
        local_text(st.finished_at, "%Y-%m-%d %H:%M") if st.finished_at else "", sorted(st.shelves),
        found.counts.scanned, [(m.waybill, m.pickup_code, m.shelf, m.corrected) for m in found.missing],
        [(f.waybill, f.shelf, f.status) for f in found.extra],
        [(f.waybill, f.shelf, f.recorded_shelf or 0, f.corrected) for f in found.misplaced])
