"""农产品代销: consignors, intake with box labels, sale results, settlement and payout."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import money, produce, produce_today
from ..core.clock import local_day, local_text, to_iso, utc_now
from ..core.errors import StationError
from ..core.privacy import mask_name, mask_phone
from ..labels.elements import SIZES
from ..labels.elements import Page as PrintedPage
from ..labels.kinds import box_label, produce_receipt, settlement_statement
from .messages import fill_methods, money_methods
from .page import Page, PageHost
from .printing import PrintJob, can_print
from .scale_button import ScaleButton
from .widgets import Column, RowTable, ScanField, make_table, named


class ProducePage(Page):
    key, order = "F6", 60

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Produce")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("producePage")
        self.consignor: produce.Consignor | None = None
        self.products = produce.products(self.session.conn)

        self.consignorLookup = ScanField("consignorLookup", self.tr("Farmer's mobile number, then Enter"))
        self.consignorName = named(QLineEdit(), "consignorName")
        self.village = named(QLineEdit(), "consignorVillage")
        self.payout = named(QComboBox(), "payoutMethod")
        fill_methods(self.payout, produce.PAYOUTS)
        self.addConsignorButton = named(QPushButton(self.tr("Add farmer")), "addConsignorButton")
        self.consignorShown = named(QLabel(""), "consignorShown")
        self.product = named(QComboBox(), "productSelector")
        for p in self.products:
            self.product.addItem(p.name, p.code)
        self.grade = named(QComboBox(), "gradeSelector")
        self.gross = named(QLineEdit(placeholderText=self.tr("kg")), "grossKg")
        self.scaleButton = ScaleButton(self.session, self.gross, self.banner)
        self.tare = named(QLineEdit("0"), "tareKg")
        self.deduction = named(QLineEdit("0"), "deductionKg")
        self.price = named(QLineEdit(placeholderText=self.tr("yuan per kg")), "pricePerKg")
        self.boxes = named(QSpinBox(minimum=1, maximum=500, value=1), "boxCount")
        self.intakeButton = named(QPushButton(self.tr("Take in and print box labels")), "intakeButton")
        self.saleLot = ScanField("saleLotInput", self.tr("Lot number"))
        self.saleKg = named(QLineEdit(placeholderText=self.tr("kg")), "saleKg")
        self.saleYuan = named(QLineEdit(placeholderText=self.tr("yuan")), "saleYuan")
        self.saleButton = named(QPushButton(self.tr("Record sale")), "recordSaleButton")
        self.returnButton = named(QPushButton(self.tr("Return unsold")), "returnUnsoldButton")
        self.fees = named(QLineEdit("0"), "settlementFees")
        self.settleButton = named(QPushButton(self.tr("Settle with this farmer")), "settleButton")
        self.payButton = named(QPushButton(self.tr("Record payout")), "payoutButton")
        self.statement = named(QLabel(""), "statementLabel")
        self.statement.setWordWrap(True)
        self.last_settlement = ""
        self.last_payout_fen = 0
        self.todayModel: RowTable[produce_today.LotRow] = RowTable([
            Column(self.tr("Lot"), lambda r: r.lot_no),
            Column(self.tr("Farmer"), lambda r: f"{mask_name(r.farmer)} {mask_phone(r.phone)}"),
            Column(self.tr("Product"), lambda r: f"{r.product} {r.grade}"),
            Column(self.tr("Net"), lambda r: money.kg(r.net_g)),
            Column(self.tr("Boxes waiting / taken in"), lambda r: f"{r.boxes_in_station} / {r.boxes}"),
            Column(self.tr("Taken in at"), lambda r: local_text(r.created_at, "%H:%M"))])
        self.todayLots = make_table("todayLotsTable", self.todayModel)
        self._layout()

        self.consignorLookup.returnPressed.connect(self.lookup)
        self.addConsignorButton.clicked.connect(self.add_consignor)
        self.product.currentIndexChanged.connect(self._grades)
        self.intakeButton.clicked.connect(self.take_in)
        self.saleButton.clicked.connect(self.record_sale)
        self.returnButton.clicked.connect(self.return_unsold)
        self.settleButton.clicked.connect(self.settle)
        self.payButton.clicked.connect(self.pay)
        self._grades()

    def _layout(self) -> None:
        who = QGroupBox(self.tr("Farmer"))
        f1 = QFormLayout(who)
        f1.addRow(self.consignorLookup)
        f1.addRow(self.tr("Name"), self.consignorName)
        f1.addRow(self.tr("Village"), self.village)
        f1.addRow(self.tr("Paid by"), self.payout)
        f1.addRow(self.addConsignorButton)
        f1.addRow(self.consignorShown)
        intake = QGroupBox(self.tr("Intake"))
        f2 = QFormLayout(intake)
        f2.addRow(self.tr("Product"), self.product)
        f2.addRow(self.tr("Grade"), self.grade)
        gross = QHBoxLayout()
        gross.addWidget(self.gross)
        gross.addWidget(self.scaleButton)
        f2.addRow(self.tr("Gross (kg)"), gross)
        f2.addRow(self.tr("Tare (kg)"), self.tare)
        f2.addRow(self.tr("Deductions: moisture, rejects (kg)"), self.deduction)
        f2.addRow(self.tr("Price"), self.price)
        f2.addRow(self.tr("Boxes"), self.boxes)
        f2.addRow(self.intakeButton)
        money_box = QGroupBox(self.tr("Sales and settlement"))
        f3 = QFormLayout(money_box)
        f3.addRow(self.tr("Lot"), self.saleLot)
        f3.addRow(self.tr("Sold (kg)"), self.saleKg)
        f3.addRow(self.tr("Sales (yuan)"), self.saleYuan)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saleButton)
        buttons.addWidget(self.returnButton)
        f3.addRow(buttons)
        f3.addRow(self.tr("Fees to deduct (yuan)"), self.fees)
        settle = QHBoxLayout()
        settle.addWidget(self.settleButton)
        settle.addWidget(self.payButton)
        f3.addRow(settle)
        f3.addRow(self.statement)
        page = QVBoxLayout(self)
        row = QHBoxLayout()
        for box in (who, intake, money_box):
            row.addWidget(box)
        page.addLayout(row)
        page.addWidget(QLabel(self.tr("Lots taken in today")))
        page.addWidget(self.todayLots, 1)

    def focus_scan(self) -> None:
        self.consignorLookup.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.todayModel.set_rows(produce_today.lots_on(self.session.conn, local_day(utc_now())))

    def _weight(self, field: QLineEdit, name: str, default: str = "") -> int:
        """Grams from a weight field; a negative weight is named, not lumped with a typing error."""
        text = field.text().strip() or default
        if text[:1] in ("-", "−", "－"):
            money.parse_kg(text[1:])  # a typing error stays a typing error
            raise StationError("weight_negative", text, field=name)
        return money.parse_kg(text)

    def _grades(self, _index: int = 0) -> None:
        self.grade.clear()
        chosen = next((p for p in self.products if p.code == self.product.currentData()), None)
        self.grade.addItems(list(chosen.grades) if chosen else [])

    def lookup(self) -> None:
        found = produce.find_consignor(self.session.conn, self.consignorLookup.text())
        if found is None:
            self.banner.show_message("info", self.tr("New farmer: type the name and village, then Add farmer."))
            self.consignorName.setFocus()
            return
        self._use(found)

    def _use(self, farmer: produce.Consignor) -> None:
        self.consignor = farmer
        self.consignorShown.setText(f"{mask_name(farmer.name)} {mask_phone(farmer.phone)} {farmer.village}")
        self.gross.setFocus()

    def add_consignor(self) -> None:
        name, phone, village, payout = (self.consignorName.text(), self.consignorLookup.text(), self.village.text(),
                                         str(self.payout.currentData()))
        if self.op(lambda conn: produce.add_consignor(conn, name, phone, village=village, payout=payout,
                                                      clerk_id=self.session.clerk_id)).run():
            self.banner.show_message("ok", self.tr("Farmer added."))
            self.lookup()

    def take_in(self) -> None:
        if self.consignor is None:
            self.banner.show_message("warn", self.tr("Find or add the farmer first."))
            return
        farmer = self.consignor

        def intake(conn: sqlite3.Connection) -> produce.Lot:
            gross = self._weight(self.gross, self.tr("The gross weight"))
            tare = self._weight(self.tare, self.tr("The tare"), "0")
            deduction = self._weight(self.deduction, self.tr("The deductions"), "0")
            return produce.take_in(conn, produce.Intake(
                farmer.id, self.product.currentData() or "", self.grade.currentText(), gross, tare,
                deduction, money.parse_yuan(self.price.text()), self.boxes.value()), clerk_id=self.session.clerk_id)

        self.op(intake).then(self._taken_in).run()

    def _taken_in(self, lot: produce.Lot) -> None:
        self.banner.show_message("ok", self.tr("Lot {lot}: net {net}, {n} boxes.").format(
            lot=lot.lot_no, net=money.kg(lot.net_g), n=len(lot.boxes)))
        if self.session.printer.enabled:
            size = SIZES[self.session.printer.size]
            day = local_text(to_iso(utc_now()), "%m-%d")
            pages = [PrintedPage(size, box_label.layout(box_label.BoxLabel(
                code, lot.product.name, lot.grade, f"{i}/{len(lot.boxes)}", day, self.session.station.name, lot.trace),
                size, self.session.document_language)) for i, code in enumerate(lot.boxes, start=1)]
            self.printer.submit(self.session.printer, PrintJob(lot.lot_no, pages, kind="box_label"))
        self._print_receipt(lot)
        self.saleLot.setText(lot.lot_no)
        for field in (self.gross, self.price):
            field.clear()
        self.reload()

    def _print_receipt(self, lot: produce.Lot) -> None:
        """收货单 for the farmer: on the 80 mm receipt printer when there is one, else on A4."""
        settings = self.session.printer
        roll = settings.receipts_on_roll
        kind = "produce_receipt" if roll else "produce_receipt_a4"
        if not can_print(settings, kind):
            return
        farmer = self.consignor
        assert farmer is not None
        d = produce.lot_details(self.session.conn, lot.id)
        data = produce_receipt.ProduceReceipt(
            self.session.station.name, d.lot_no, farmer.name, mask_phone(farmer.phone), farmer.village,
            d.product_name, d.grade, money.kg(d.gross_g), money.kg(d.tare_g), money.kg(d.deduction_g),
            money.kg(d.net_g), money.yuan(d.price_fen_per_kg), money.yuan(d.value_fen), d.boxes,
            local_text(d.created_at))
        lang = self.session.document_language
        pages = produce_receipt.roll_pages(data, lang) if roll else produce_receipt.a4_pages(data, lang)
        self.printer.submit(settings, PrintJob(f"receipt-{lot.lot_no}", pages, kind=kind))

    def record_sale(self) -> None:
        lot_no, kg, yuan = self.saleLot.text().strip(), self.saleKg.text(), self.saleYuan.text()
        self.op(lambda conn: produce.record_sale(conn, lot_no, money.parse_kg(kg), money.parse_yuan(yuan),
                                                 source="manual", clerk_id=self.session.clerk_id)) \
            .then(lambda _id: self.banner.show_message("ok", self.tr("Sale recorded."))).run()

    def return_unsold(self) -> None:
        lot_no, kg = self.saleLot.text().strip(), self.saleKg.text()
        self.op(lambda conn: produce.return_unsold(conn, lot_no, money.parse_kg(kg), clerk_id=self.session.clerk_id)) \
            .then(lambda _r: self.banner.show_message("ok", self.tr("Unsold produce returned to the farmer."))).run()

    def settle(self) -> None:
        if self.consignor is None:
            self.banner.show_message("warn", self.tr("Find or add the farmer first."))
            return
        farmer, fees = self.consignor, self.fees.text() or "0"
        self.op(lambda conn: produce.settle(conn, farmer.id, fees_fen=money.parse_yuan(fees),
                                            clerk_id=self.session.clerk_id)).then(self._settled).run()

    def _settled(self, result: produce.Settlement) -> None:
        assert self.consignor is not None
        self.last_settlement, self.last_payout_fen = result.id, result.payout_fen
        summary = self.tr("Sales {sales} − commission {commission} − fees {fees} = pay {payout}").format(
            sales=money.yuan(result.sales_fen), commission=money.yuan(result.commission_fen),
            fees=money.yuan(result.fees_fen), payout=money.yuan(result.payout_fen))
        self.statement.setText(summary)
        self.banner.show_message("ok", summary)
        if self.session.printer.takes_a4:
            method = self.consignor.payout
            data = settlement_statement.Statement(
                self.session.station.name, result.id[-12:].upper(), local_text(to_iso(utc_now())),
                self.consignor.name, mask_phone(self.consignor.phone), self.consignor.village,
                [(lot, name, grade, money.kg(g), money.yuan(f)) for lot, name, grade, g, f in result.lines],
                money.yuan(result.sales_fen), money.yuan(result.commission_fen), money.yuan(result.fees_fen),
                money.yuan(result.payout_fen), money_methods().get(method, method))
            lang = self.session.document_language
            self.printer.submit(self.session.printer, PrintJob(f"statement-{result.id[-8:]}",
                                                               settlement_statement.pages(data, lang),
                                                               kind="settlement_statement"))

    def pay(self) -> None:
        method = self.payout.currentData() if self.consignor is None else self.consignor.payout
        if method == "cash" and self.last_settlement and QMessageBox.question(
                self, self.tr("Cash payout"), self.tr(
                    "Pay {amount} in cash to {name} now? Count the money out in front of the farmer.").format(
                    amount=money.yuan(self.last_payout_fen),
                    name=self.consignor.name if self.consignor is not None else "")
                ) != QMessageBox.StandardButton.Yes:
            self.banner.show_message("info", self.tr("Payout not recorded."))
            return
        settlement = self.last_settlement
        self.op(lambda conn: produce.record_payout(conn, settlement, method, clerk_id=self.session.clerk_id)) \
            .then(lambda _r: self.banner.show_message("ok", self.tr("Payout recorded."))).run()
