"""派费对账: each courier's monthly statement (what it owes the station per piece), reconciled against the
courier's own file, agreed and marked paid; and the cash on delivery collected for it, remitted with a reference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import clerks, cod, courier_fees, courier_reconcile, money, spreadsheet
from ..core.clock import local_day, local_text, utc_now
from ..core.errors import ManifestError, StationError
from ..labels import pdf
from ..labels.kinds import courier_statement
from .messages import error_text, fill_methods, manifest_lines
from .page import Page, PageHost
from .widgets import Column, RowTable, heading, make_table, named


@dataclass(frozen=True)
class DiffRow:
    what: str  # ours_only · theirs_only · amount
    waybill: str
    ours: int | None
    theirs: int | None


class FeesPage(Page):
    key, order = "Shift+F8", 85

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Courier fees")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("feesPage")
        self.statement: courier_fees.Statement | None = None
        self.reconciled: courier_reconcile.Reconciliation | None = None
        self.feesCourier = named(QComboBox(), "feesCourier")
        self.feesMonth = named(QLineEdit(local_day(utc_now()).strftime("%Y-%m")), "feesMonth")
        self.feesMonth.setMaxLength(7)
        self.feesMonth.setFixedWidth(120)
        self.showButton = named(QPushButton(self.tr("Show")), "showStatementButton")
        self.summary = named(QLabel(""), "statementSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdfButton = named(QPushButton(self.tr("Statement PDF…")), "statementPdfButton")
        self.xlsxButton = named(QPushButton(self.tr("Statement .xlsx…")), "statementXlsxButton")
        self.importButton = named(QPushButton(self.tr("Import the courier's statement…")), "importCourierFileButton")
        self.reconcileSummary = named(QLabel(self.tr("Import the courier's own file (CSV or .xlsx of waybills) "
                                                     "to compare it with ours.")), "reconcileSummary")
        self.reconcileSummary.setWordWrap(True)
        words = self._diff_words()
        self.diffModel: RowTable[DiffRow] = RowTable([
            Column(self.tr("Difference"), lambda r: words[r.what]), Column(self.tr("Waybill"), lambda r: r.waybill),
            Column(self.tr("Ours"), lambda r: "-" if r.ours is None else money.yuan(r.ours)),
            Column(self.tr("Theirs"), lambda r: "-" if r.theirs is None else money.yuan(r.theirs))],
            lambda r: {"ours_only": "#fff3c4", "theirs_only": "#ffd6d6", "amount": "#ffe0b2"}[r.what])
        self.reconcileTable = make_table("reconcileTable", self.diffModel)
        self.agreeButton = named(QPushButton(self.tr("Agree the statement")), "agreeStatementButton")
        self.paidAmount = named(QLineEdit(placeholderText=self.tr("Amount paid (yuan)")), "paidAmount")
        self.paidChannel = named(QComboBox(), "paidChannel")
        fill_methods(self.paidChannel, courier_fees.CHANNELS)
        self.paidReference = named(QLineEdit(placeholderText=self.tr("Transfer reference")), "paidReference")
        self.markPaidButton = named(QPushButton(self.tr("Mark paid")), "markPaidButton")
        self.codOwed = named(QLabel(""), "codOwed")
        self.remitAmount = named(QLineEdit(placeholderText=self.tr("Amount remitted (yuan)")), "remitAmount")
        self.remitChannel = named(QComboBox(), "remitChannel")
        fill_methods(self.remitChannel, cod.REMIT_CHANNELS)
        self.remitReference = named(QLineEdit(placeholderText=self.tr("Reference of the remittance")),
                                    "remitReference")
        self.remitButton = named(QPushButton(self.tr("Record remittance")), "remitCodButton")
        self._layout()

        self.feesCourier.currentIndexChanged.connect(lambda _i: self.reload())
        self.feesMonth.returnPressed.connect(self.reload)
        self.showButton.clicked.connect(self.reload)
        self.pdfButton.clicked.connect(lambda: self._save("pdf"))
        self.xlsxButton.clicked.connect(lambda: self._save("xlsx"))
        self.importButton.clicked.connect(self._import)
        self.agreeButton.clicked.connect(self.agree)
        self.markPaidButton.clicked.connect(self.mark_paid)
        self.remitButton.clicked.connect(self.remit)

    def _diff_words(self) -> dict[str, str]:
        return {"ours_only": self.tr("on ours, not on theirs"), "theirs_only": self.tr("on theirs, not on ours"),
                "amount": self.tr("amounts differ")}

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Courier")))
        top.addWidget(self.feesCourier)
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.feesMonth)
        top.addWidget(self.showButton)
        top.addStretch(1)
        top.addWidget(self.pdfButton)
        top.addWidget(self.xlsxButton)
        rec = QHBoxLayout()
        rec.addWidget(self.reconcileSummary, 1)
        rec.addWidget(self.importButton)
        rec.addWidget(self.agreeButton)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("The courier paid")), 0, 0)
        for col, widget in enumerate((self.paidAmount, self.paidChannel, self.paidReference, self.markPaidButton), 1):
            grid.addWidget(widget, 0, col)
        grid.addWidget(self.codOwed, 1, 0)
        for col, widget in enumerate((self.remitAmount, self.remitChannel, self.remitReference, self.remitButton), 1):
            grid.addWidget(widget, 1, col)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(heading(self.tr("Statement")))
        box.addWidget(self.summary)
        box.addWidget(heading(self.tr("Reconciliation")))
        box.addLayout(rec)
        box.addWidget(self.reconcileTable, 1)
        box.addWidget(heading(self.tr("Payment and cash on delivery")))
        box.addLayout(grid)

    def _fill_couriers(self) -> None:
        if self.feesCourier.count():
            return
        self.feesCourier.blockSignals(True)
        for code, name in self.session.courier_names.items():
            self.feesCourier.addItem(name, code)
        self.feesCourier.blockSignals(False)

    def focus_scan(self) -> None:
        self.feesMonth.setFocus(Qt.FocusReason.OtherFocusReason)

    def settings_changed(self) -> None:
        self.feesCourier.clear()
        self._fill_couriers()

    def reload(self) -> None:
        self._fill_couriers()
        courier, month = self.feesCourier.currentData() or "", self.feesMonth.text()
        before = self.statement
        if not self.op(lambda conn: courier_fees.statement(conn, courier, month)).then(self._show).run():
            self.statement = None
            self.summary.setText("")
        if before is None or self.statement is None or (before.courier, before.month) != (
                self.statement.courier, self.statement.month):
            self._show_reconciliation(None)  # another courier or month: the comparison was of another statement

    def _show(self, found: courier_fees.Statement) -> None:
        self.statement = found
        kinds = {"delivered": self.tr("handed over"), "returned": self.tr("returned"),
                 "sent": self.tr("sent via the station")}
        parts = [self.tr("{courier} {month}: {n} parcels received.").format(
            courier=found.courier_name, month=found.month, n=found.received)]
        parts += [self.tr("{kind}: {n} pieces, {amount}.").format(kind=kinds[k], n=found.pieces[k],
                                                                  amount=money.yuan(found.fees_fen[k]))
                  for k in courier_fees.FEE_KINDS]
        parts.append(self.tr("Due to the station: {amount}.").format(amount=money.yuan(found.total_fen)) + "\n")
        parts.append(self.tr("Cash on delivery this month: collected {c}, remitted {r}.").format(
            c=money.yuan(found.cod_collected_fen), r=money.yuan(found.cod_remitted_fen)))
        agreed = found.agreed
        if agreed and agreed["paid_at"]:
            parts.append(self.tr("Agreed {at}; paid {amount} on {paid} ({reference}).").format(
                at=local_text(agreed["agreed_at"]), amount=money.yuan(agreed["paid_fen"]),
                paid=local_text(agreed["paid_at"]), reference=agreed["reference"] or "-"))
        elif agreed:
            parts.append(self.tr("Agreed {at}; not paid yet.").format(at=local_text(agreed["agreed_at"])))
        else:
            parts.append(self.tr("Not agreed yet."))
        self.summary.setText("  ".join(parts))
        self.codOwed.setText(self.tr("Cash on delivery owed to {courier}: {amount}").format(
            courier=found.courier_name, amount=money.yuan(found.cod_owed_fen)))
        self.agreeButton.setEnabled(agreed is None)
        self.markPaidButton.setEnabled(bool(agreed) and not (agreed or {}).get("paid_at"))
        if agreed and not self.paidAmount.text():
            self.paidAmount.setText(money.yuan(agreed["amount_fen"]).lstrip("¥").replace(",", ""))

    # ----- reconciliation ---------------------------------------------------------------------------------
    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The courier's statement"), "",
                                              self.tr("CSV or Excel files (*.csv *.xlsx)"))
        if path:
            self.reconcile(Path(path))

    def reconcile(self, path: Path) -> None:
        if self.statement is None:
            return
        ours = self.statement
        self.op(lambda _conn: courier_reconcile.reconcile(ours, courier_reconcile.read_file(path))).explain(
            _file_words).then(self._show_reconciliation).run()

    def _show_reconciliation(self, result: courier_reconcile.Reconciliation | None) -> None:
        self.reconciled = result
        if result is None:
            self.diffModel.set_rows([])
            self.reconcileSummary.setText(self.tr("Import the courier's own file (CSV or .xlsx of waybills) to "
                                                  "compare it with ours."))
            return
        rows = ([DiffRow("ours_only", d.waybill, d.ours_fen, d.theirs_fen) for d in result.ours_only]
                + [DiffRow("theirs_only", d.waybill, d.ours_fen, d.theirs_fen) for d in result.theirs_only]
                + [DiffRow("amount", d.waybill, d.ours_fen, d.theirs_fen) for d in result.amounts_differ])
        self.diffModel.set_rows(rows)
        self.reconcileSummary.setText(self.tr(
            "Ours {ours}, theirs {theirs}; {matched} waybills agree. {a} on ours only, {b} on theirs only, "
            "{c} with different amounts.").format(
            ours=money.yuan(result.ours_fen), theirs=money.yuan(result.theirs_fen), matched=result.matched,
            a=len(result.ours_only), b=len(result.theirs_only), c=len(result.amounts_differ)))
        self.banner.show_message("ok" if not result.differences else "warn", self.reconcileSummary.text())

    def agree(self) -> None:
        if self.statement is None:
            return
        courier, month = self.statement.courier, self.statement.month
        theirs = self.reconciled.theirs_fen if self.reconciled else self.statement.total_fen
        differences = self.reconciled.differences if self.reconciled else 0
        self.op(lambda conn: courier_fees.agree(conn, courier, month, theirs, differences,
                                                clerk_id=self.session.clerk_id)).then(
            lambda _id: self.banner.show_message("ok", self.tr("Statement agreed."))).refresh().run()

    def mark_paid(self) -> None:
        if self.statement is None:
            return
        courier, month = self.statement.courier, self.statement.month
        amount, channel, reference = self.paidAmount.text(), self.paidChannel.currentData(), self.paidReference.text()
        self.op(lambda conn: courier_fees.mark_paid(conn, courier, month, money.parse_yuan(amount), channel,
                                                    reference, clerk_id=self.session.clerk_id)).then(
            lambda _none: self.banner.show_message("ok", self.tr("Payment recorded."))).refresh().run()

    def remit(self) -> None:
        courier = self.feesCourier.currentData() or ""
        amount, reference = self.remitAmount.text(), self.remitReference.text()
        channel = self.remitChannel.currentData()
        if self.op(lambda conn: cod.remit(conn, courier, money.parse_yuan(amount), channel, reference,
                                          clerk_id=self.session.clerk_id)).then(
                lambda _id: self.banner.show_message("ok", self.tr("Remittance recorded."))).refresh().run():
            self.remitAmount.clear()
            self.remitReference.clear()

    # ----- the statement as a document ------------------------------------------------------------------------
    def _save(self, kind: str) -> None:
        if self.statement is None:
            return
        found = self.statement
        name = f"paifei-{found.courier}-{found.month}.{kind}"
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the statement"), name)
        if target:
            self.op(lambda _conn: self.write(found, kind, Path(target))).then(
                lambda written: self.banner.show_message("ok", self.tr("Saved to {path}.").format(
                    path=written))).run()

    def write(self, found: courier_fees.Statement, kind: str, path: Path) -> Path:
        if kind == "xlsx":
            return spreadsheet.write_xlsx(path, statement_sheets(found))
        agreed = found.agreed or {}
        doc = courier_statement.CourierStatement(
            self.session.station.name, found.courier_name, found.month, found.received, found.pieces,
            {k: money.yuan(v) for k, v in found.fees_fen.items()}, money.yuan(found.total_fen),
            money.yuan(found.cod_collected_fen), money.yuan(found.cod_remitted_fen), money.yuan(found.cod_owed_fen),
            [(line.waybill, line.kind, money.yuan(line.fee_fen), local_text(line.earned_at, "%Y-%m-%d"))
             for line in found.lines],
            local_text(agreed.get("agreed_at"), "%Y-%m-%d"),
            clerks.get_clerk(self.session.conn, agreed["agreed_by"]).name if agreed else "",
            money.yuan(agreed["paid_fen"]) if agreed.get("paid_fen") else "",
            local_text(agreed.get("paid_at"), "%Y-%m-%d"), agreed.get("reference") or "")
        try:
            path.write_bytes(pdf.render(courier_statement.pages(doc, self.session.document_language)))
        except OSError as exc:
            raise StationError("export_failed", str(exc), path=str(path)) from exc
        return path


def statement_sheets(found: courier_fees.Statement) -> dict[str, tuple[tuple[str, ...], list[Sequence[object]]]]:
    """The statement as sheets: a summary by kind and every waybill; fen columns so nothing needs a float."""
    summary: list[Sequence[object]] = [[k, found.pieces[k], found.fees_fen[k]] for k in courier_fees.FEE_KINDS]
    summary += [["total", sum(found.pieces.values()), found.total_fen], ["received", found.received, 0],
                ["cod_collected", 0, found.cod_collected_fen], ["cod_remitted", 0, found.cod_remitted_fen],
                ["cod_owed_now", 0, found.cod_owed_fen]]
    return {"summary": (("what", "pieces", "fen"), summary),
            "waybills": (("waybill", "kind", "fee_fen", "earned_at"),
                         [[line.waybill, line.kind, line.fee_fen, line.earned_at] for line in found.lines])}


def _file_words(err: StationError) -> str:
    """A courier's file that cannot be read: the reason, and its first bad lines."""
    if not isinstance(err, ManifestError):
        return error_text(err)
    lines = manifest_lines(err)
    return (error_text(StationError("courier_file_invalid", count=len(err.problems))) + "\n"
            + "\n".join(lines[:8]) + ("\n…" if len(lines) > 8 else ""))
