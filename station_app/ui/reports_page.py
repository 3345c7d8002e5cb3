"""报表: this month (or a chosen one) as charts and figures; PDF, Excel and CSV export; backups."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core import backups, reports, spreadsheet
from ..core.errors import StationError
from ..labels import pdf, raster
from ..labels.kinds import reports as report_pages
from .messages import error_text
from .page import Page, PageHost
from .widgets import named


class ReportsPage(Page):
    key, order = "F10", 100

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", "Reports")

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("reportsPage")
        self.report: reports.Report | None = None
        self._building = 0  # the latest build asked for: an older one that ends later is dropped
        self.month = named(QLineEdit(f"{date.today():%Y-%m}", maxLength=7), "reportMonth")
        self.month.setPlaceholderText("2026-11")
        self.month.setFixedWidth(self.month.fontMetrics().horizontalAdvance("2026-11") + 24)
        self.shown_month = date.today().replace(day=1)
        self.picture = named(QLabel(), "reportPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.reportScroll = named(QScrollArea(), "reportScroll")
        self.reportScroll.setWidget(self.picture)
        self.reportScroll.setWidgetResizable(True)
        self.status = named(QLabel(), "reportStatus")  # says a build is under way; empty when the picture is current
        self.status.hide()
        self.pdfButton = named(QPushButton(self.tr("Save PDF…")), "reportPdfButton")
        self.xlsxButton = named(QPushButton(self.tr("Export Excel…")), "reportXlsxButton")
        self.csvButton = named(QPushButton(self.tr("Export CSV…")), "reportCsvButton")
        self.usbButton = named(QPushButton(self.tr("Back up to USB drive…")), "backupUsbButton")
        self.restoreButton = named(QPushButton(self.tr("Restore from backup…")), "restoreButton")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addStretch(1)
        for button in (self.pdfButton, self.xlsxButton, self.csvButton, self.usbButton, self.restoreButton):
            top.addWidget(button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addWidget(self.reportScroll, 1)
        self.month.returnPressed.connect(self._month_typed)
        self.pdfButton.clicked.connect(lambda: self._save("pdf"))
        self.xlsxButton.clicked.connect(lambda: self._save("xlsx"))
        self.csvButton.clicked.connect(lambda: self._save("csv"))
        self.usbButton.clicked.connect(self._backup_usb)
        self.restoreButton.clicked.connect(self._restore)

    def _month_typed(self) -> None:
        """A month that does not exist is refused with a sentence; the report shown stays as it was."""
        typed = self.month.text()
        self.op(lambda _conn: reports.parse_month(typed)).then(self._show_month).run()

    def _show_month(self, chosen: date) -> None:
        self.shown_month = chosen
        self.month.setText(f"{chosen:%Y-%m}")
        self.reload()

    def reload(self) -> None:
        """Build the month on a worker (a big month takes seconds): the counter stays usable, the exports wait."""
        start, end = reports.month_range(self.shown_month)
        end = min(end, date.today()) if start <= date.today() else end
        station_name, names = self.session.station.name, dict(self.session.courier_names)
        language = self.session.document_language
        self._building += 1
        ticket = self._building
        self.status.setText(self.tr("Building the report…"))
        self.status.show()
        for button in (self.pdfButton, self.xlsxButton, self.csvButton):
            button.setEnabled(False)

        def build(conn: sqlite3.Connection) -> tuple[reports.Report, Image.Image]:
            report = reports.build(conn, start, end)
            page = report_pages.period(report, station_name, names, language)[0]
            return report, raster.render(page, 110, grey=True)  # the same drawing as the PDF, at screen resolution

        self.op(build).then(lambda built: self._built(ticket, *built)).always(
            lambda: self._build_ended(ticket)).run_in_background()

    def _built(self, ticket: int, report: reports.Report, grey: Image.Image) -> None:
        if ticket != self._building:  # the clerk asked for another month meanwhile
            return
        self.report = report
        image = QImage(grey.tobytes(), grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8).copy()
        self.picture.setPixmap(QPixmap.fromImage(image))

    def _build_ended(self, ticket: int) -> None:
        if ticket != self._building:
            return
        self.status.clear()
        self.status.hide()
        for button in (self.pdfButton, self.xlsxButton, self.csvButton):
            button.setEnabled(self.report is not None)

    def write(self, kind: str, path: Path) -> Path:
        assert self.report is not None
        if kind == "pdf":
            pages = report_pages.period(self.report, self.session.station.name, self.session.courier_names,
                                        self.session.document_language)
            try:
                path.write_bytes(pdf.render(pages))
            except OSError as exc:  # the same sentence as a spreadsheet that cannot be written
                raise StationError("export_failed", str(exc), path=str(path)) from exc
            return path
        sheets = spreadsheet.report_sheets(self.report, self.session.courier_names)
        if kind == "xlsx":
            return spreadsheet.write_xlsx(path, sheets)
        spreadsheet.write_csvs(path, sheets)
        return path

    def _save(self, kind: str) -> None:
        if self.report is None:  # the buttons are greyed out until a build has ended
            return
        if kind == "csv":
            target = QFileDialog.getExistingDirectory(self, self.tr("Folder for the CSV files"))
        else:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), f"report.{kind}")
        if not target:
            return
        self.op(lambda _conn: self.write(kind, Path(target))).then(
            lambda written: self.banner.show_message("ok", self.tr("Saved to {path}.").format(path=written))).run()

    def _backup_usb(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The USB drive"))
        if not folder:
            return
        target = Path(folder) / f"station-{date.today():%Y%m%d}.db"
        # a large database on a slow stick takes a while: copied on a worker, the counter stays usable
        self.usbButton.setEnabled(False)
        self.banner.show_message("info", self.tr("Backing up to the USB drive… Leave the drive in."))
        self.op(lambda conn: backups.to_file(conn, target)).then(lambda path: self.banner.show_message(
            "ok", self.tr("Backup written to {path}. Keep the drive somewhere safe.").format(path=path))
        ).always(lambda: self.usbButton.setEnabled(True)).run_in_background()

    def _restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Backup to restore"), "", "*.db")
        if path:
            self.restore(Path(path), confirm=True)

    def restore(self, path: Path, *, confirm: bool = False) -> bool:
        """Check the copy, then put it in place and close the app; the next sync checks it with the county."""
        from PySide6.QtWidgets import QApplication, QMessageBox

        here = self.session.station.code  # another station's copy: the CLI, on purpose
        if not self.op(lambda _conn: backups.check_copy(path, here=here)).run():
            return False
        if confirm and QMessageBox.question(self, self.tr("Restore from backup"), self.tr(
                "Replace the station's data with this backup? Today's work after the backup is lost here (the "
                "county still has what was synced). The app closes afterwards.")) != QMessageBox.StandardButton.Yes:
            return False
        self.host.release_database()
        try:
            backups.restore(path, self.session.data_dir)
        except StationError as err:  # the connection is closed already: no page op; say so in a box, and close
            QMessageBox.warning(self, self.tr("Restore from backup"), error_text(err) + "\n" + self.tr(
                "The app closes now; start it again."))
            QApplication.quit()
            return False
        done = self.tr("Restored. Start the app again; the next sync checks the data with the county.")
        QMessageBox.information(self, self.tr("Restore from backup"), done)
        QApplication.quit()
        return True
