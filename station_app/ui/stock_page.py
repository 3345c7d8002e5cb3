"""库存: parcels on the shelves by shelf, overdue tiers with reminders, returns to the courier, search."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core import export, shelving, stock
from ..core.parcels import Parcel
from ..labels.catalog import shelf_page
from ..labels.elements import SIZES
from ..labels.kinds import batch_sheet
from ..labels.kinds.pickup_sticker import for_parcel
from ..labels.kinds.shelf_label import ShelfLabel
from .page import Page, PageHost
from .printing import PrintJob
from .search_panel import SearchPanel
from .session import parcel_colour, parcel_columns
from .text_status import TextColumn
from .widgets import Column, RowTable, ScanField, heading, make_table, named

TIER_COLOURS = {"remind": "#fff3c4", "return": "#ffd0d0"}


class StockPage(Page):
    key, order = "F4", 40

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Stock")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("stockPage")
        self.tiers: dict[str, str] = {}

        self.viewSelector = named(QComboBox(), "stockViewSelector")
        self.viewSelector.addItem(self.tr("All on the shelves"), "all")
        self.viewSelector.addItem(self.tr("Overdue: remind again"), "remind")
        self.viewSelector.addItem(self.tr("Overdue: due for return"), "return")
        self.shelfFilter = named(QComboBox(), "stockShelfFilter")
        tier_words = {"remind": self.tr("remind"), "return": self.tr("return")}
        columns = parcel_columns(self.session)
        columns.insert(1, Column(self.tr("Overdue"), lambda p: tier_words.get(self.tiers.get(p.id, ""), "")))
        self.texts = TextColumn()  # what became of each parcel's pickup text, as the county reports it
        columns.insert(5, self.texts.column())
        self.model = RowTable(columns, lambda p: TIER_COLOURS.get(self.tiers.get(p.id, "")) or parcel_colour(p))
        self.stockTable = make_table("stockTable", self.model)
        self.countLabel = named(QLabel(""), "stockCount")
        self.remindButton = named(QPushButton(self.tr("Send reminder SMS")), "remindButton")
        self.exportButton = named(QPushButton(self.tr("Export CSV…")), "exportButton")
        self.batchSheetButton = named(QPushButton(self.tr("Print code sheet (A4)")), "batchSheetButton")
        self.shelfLabelsButton = named(QPushButton(self.tr("Print shelf labels")), "shelfLabelsButton")
        self.returnInput = ScanField("returnScanInput", self.tr("Scan a parcel to return it to the courier"))
        self.returnReason = named(QComboBox(), "returnReason")
        reasons = {"overdue": self.tr("Overdue"), "refused": self.tr("Refused by recipient"),
                   "damaged": self.tr("Damaged"), "wrong_station": self.tr("Wrong station")}
        for code in stock.RETURN_REASONS:  # core's list; the words are the page's
            self.returnReason.addItem(reasons.get(code, code), code)
        self.search = SearchPanel(self.session, self.banner)
        self.search.setObjectName("searchPanel")
        self._layout()

        self.viewSelector.activated.connect(lambda _i: self.reload())
        self.shelfFilter.activated.connect(lambda _i: self.reload())
        self.remindButton.clicked.connect(self.remind)
        self.exportButton.clicked.connect(self._export)
        self.batchSheetButton.clicked.connect(self.print_batch_sheet)
        self.shelfLabelsButton.clicked.connect(self.print_shelf_labels)
        self.returnInput.returnPressed.connect(self._on_return_scan)
        self.search.changed.connect(self.reload)
        self.search.found.connect(self._make_room_for_results)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.viewSelector)
        top.addWidget(QLabel(self.tr("Shelf")))
        top.addWidget(self.shelfFilter)
        top.addWidget(self.countLabel)
        top.addStretch(1)
        top.addWidget(self.remindButton)
        top.addWidget(self.batchSheetButton)
        top.addWidget(self.shelfLabelsButton)
        top.addWidget(self.exportButton)
        returns = QHBoxLayout()
        returns.addWidget(QLabel(self.tr("Return (退回)")))
        returns.addWidget(self.returnInput, 1)
        returns.addWidget(QLabel(self.tr("Reason")))
        returns.addWidget(self.returnReason)
        shelf_part = QWidget()
        upper = QVBoxLayout(shelf_part)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(heading(self.tr("Parcels on the shelves")))
        upper.addLayout(top)
        upper.addWidget(self.stockTable, 1)
        upper.addLayout(returns)
        search_part = QWidget()
        lower = QVBoxLayout(search_part)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(heading(self.tr("Search any parcel")))
        lower.addWidget(self.search, 1)
        # The clerk can drag the divider; a search with results takes most of the height (the shelf list
        # keeps a few rows), so the results are not squeezed into three rows on a 768-pixel screen.
        self.splitter = named(QSplitter(Qt.Orientation.Vertical), "stockSplitter")
        self.shelfPart = shelf_part
        self.splitter.addWidget(shelf_part)
        self.splitter.addWidget(search_part)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.stockTable.setMinimumHeight(90)
        self.search.searchTable.setMinimumHeight(90)
        box = QVBoxLayout(self)
        box.addWidget(self.splitter)
        for widget in (self.viewSelector, self.shelfFilter, self.remindButton, self.exportButton, self.returnReason,
                       self.batchSheetButton, self.shelfLabelsButton):
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def _make_room_for_results(self, count: int) -> None:
        if count:
            total = sum(self.splitter.sizes())
            upper = self.shelfPart.minimumSizeHint().height()
            self.splitter.setSizes([upper, total - upper])

    def focus_scan(self) -> None:
        self.returnInput.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        conn = self.session.conn
        shelf = self.shelfFilter.currentData()
        self.shelfFilter.clear()
        self.shelfFilter.addItem(self.tr("All"), None)
        for s in shelving.shelves(conn):
            self.shelfFilter.addItem(str(s.shelf), s.shelf)
        self.shelfFilter.setCurrentIndex(max(0, self.shelfFilter.findData(shelf)))
        view = self.viewSelector.currentData()
        overdue = stock.overdue(conn)
        self.tiers = {p.id: tier for p, tier in overdue}
        rows: list[Parcel]
        if view == "all":
            rows = stock.in_stock(conn, self.shelfFilter.currentData())
        else:
            rows = [p for p, tier in overdue if tier == view]
            if shelf is not None:
                rows = [p for p in rows if p.shelf == shelf]
        self.texts.load(conn, rows)
        self.model.set_rows(rows)
        self.countLabel.setText(self.tr("{n} parcels").format(n=len(rows)))

    def remind(self) -> None:
        chosen = self.model.selected(self.stockTable) or [p for p in self.model.rows
                                                          if self.tiers.get(p.id) == "remind"]
        ids = [p.id for p in chosen]
        self.op(lambda conn: stock.remind(conn, ids, clerk_id=self.session.clerk_id)).then(self._reminded).run()

    def _reminded(self, count: int) -> None:
        self.banner.show_message("ok" if count else "warn", self.tr("{n} reminder SMS queued.").format(n=count))
        self.reload()
        self.focus_scan()

    def _on_return_scan(self) -> None:
        text = self.returnInput.text()
        self.returnInput.clear()
        self.return_parcel(text, self.returnReason.currentData())

    def return_parcel(self, text: str, reason: str) -> None:
        self.op(lambda conn: stock.return_to_courier(conn, text, reason, clerk_id=self.session.clerk_id)).then(
            lambda parcel: self.banner.show_message("ok", self.tr("{waybill} ({code}) returned to {courier}.").format(
                waybill=parcel.waybill, code=parcel.pickup_code, courier=self.session.courier_name(parcel.courier)))
        ).refresh().run()
        self.focus_scan()

    # ----- printing -------------------------------------------------------------------------------------
    def print_batch_sheet(self) -> None:
        """A4 sheets of pickup codes for the parcels listed (or selected), for stations without a label roll."""
        settings = self.session.printer
        chosen = self.model.selected(self.stockTable) or self.model.rows
        if not settings.takes_a4:
            self.banner.show_message("warn", self.tr("An A4 sheet needs a system printer or a PDF folder; set one "
                                                     "under Printer."))
        elif not chosen:
            self.banner.show_message("warn", self.tr("No parcels in the list."))
        else:
            stickers = [for_parcel(p, self.session.courier_name(p.courier), self.session.station.name)
                        for p in chosen]
            sheet = batch_sheet.pages(stickers, self.session.document_language)
            self.printer.submit(settings, PrintJob(f"codes-{len(stickers)}", sheet,
                                                   kind="batch_sheet"))
            self.banner.show_message("info", self.tr("Printing a sheet of {n} pickup codes…").format(n=len(chosen)))
        self.focus_scan()

    def print_shelf_labels(self) -> None:
        settings = self.session.printer
        if not settings.enabled:
            self.banner.show_message("warn", self.tr("No printer is set up. Choose one under Printer."))
        else:
            size = SIZES[settings.size]
            lang = self.session.document_language
            pages = [shelf_page(ShelfLabel(s.shelf, layer, self.session.station.name), size, lang)
                     for s in shelving.shelves(self.session.conn) for layer in range(1, s.layers + 1)]
            self.printer.submit(settings, PrintJob("shelf-labels", pages, kind="shelf_label"))
            self.banner.show_message("info", self.tr("Printing {n} shelf labels…").format(n=len(pages)))
        self.focus_scan()

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export parcels"), "parcels.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_to(path)
        self.focus_scan()

    def export_to(self, path: str) -> None:
        from pathlib import Path

        self.op(lambda conn: export.export_parcels(conn, Path(path))).then(lambda count: self.banner.show_message(
            "ok", self.tr("Exported {n} parcels to {path}.").format(n=count, path=path))).run()
