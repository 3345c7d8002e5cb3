"""打印机设置: back-end and printer, label size, dpi, darkness, offset calibration, receipt and A4 printers,
test print. Only the fields the chosen method needs are shown; the dialog keeps one size whatever is shown,
so it does not jump between openings, and the message area has room for a whole sentence."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import device_settings
from ..core.device_settings import PrinterSettings
from ..core.errors import StationError
from ..labels import catalog
from ..labels.elements import SIZES, STICKER_SIZES
from .messages import error_text
from .printing import PrintJob, PrintService
from .session import Session
from .widgets import named


def queue_names() -> list[str]:
    """Printers this computer already has (Qt's list, plus CUPS queues); never a network discovery."""
    names = set(QPrinterInfo.availablePrinterNames())
    if shutil.which("lpstat"):
        try:
            listed = subprocess.run(["lpstat", "-e"], capture_output=True, text=True, timeout=5).stdout
            names.update(line.strip() for line in listed.splitlines() if line.strip())
        except (OSError, subprocess.TimeoutExpired):
            pass
    return sorted(names)


class PrinterDialog(QDialog):
    def __init__(self, session: Session, service: PrintService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printerDialog")
        self.setWindowTitle(self.tr("Printer"))
        self.session, self.service = session, service
        current = device_settings.load_printer(session.data_dir)
        self.backend = named(QComboBox(), "printerBackend")
        words = {"none": self.tr("No printer"), "system": self.tr("System printer"),
                 "raw_queue": self.tr("Label printer on a queue (raw TSPL/ZPL)"),
                 "network": self.tr("Network label printer (port 9100)"),
                 "pdf_folder": self.tr("Save PDF into a folder"), "file": self.tr("Raw job to a file")}
        for code in device_settings.BACKENDS:  # core's list; the words are the dialog's
            self.backend.addItem(words.get(code, code), code)
        self.queue = named(QComboBox(editable=True), "printerQueue")
        queues = queue_names()
        self.queue.addItems(queues)
        self.host = named(QLineEdit(current.host), "printerHost")
        self.port = named(QSpinBox(minimum=1, maximum=65535, value=current.port), "printerPort")
        self.path = named(QLineEdit(current.path), "printerPath")
        self.browseButton = named(QPushButton(self.tr("Browse…")), "printerBrowseButton")
        self.language = named(QComboBox(), "printerLanguage")
        makers = {"tspl": "TSPL (TSC, Xprinter …)", "zpl": "ZPL (Zebra …)"}  # printer brands, not words to translate
        for code in device_settings.PRINTER_LANGUAGES:
            self.language.addItem(makers.get(code, code.upper()), code)
        self.labelSize = named(QComboBox(), "labelSize")
        for name in STICKER_SIZES:
            self.labelSize.addItem(f"{SIZES[name].width_mm:g} × {SIZES[name].height_mm:g} mm", name)
        self.dpi = named(QComboBox(), "printerDpi")
        for dpi in device_settings.DPIS:
            self.dpi.addItem(f"{dpi} dpi", dpi)
        self.darkness = named(QSpinBox(minimum=0, maximum=15, value=current.darkness), "printerDarkness")
        self.offsetX = named(QDoubleSpinBox(minimum=-10, maximum=10, singleStep=0.25, value=current.offset_x_mm,
                                            suffix=" mm"), "offsetX")
        self.offsetY = named(QDoubleSpinBox(minimum=-10, maximum=10, singleStep=0.25, value=current.offset_y_mm,
                                            suffix=" mm"), "offsetY")
        self.native = named(QCheckBox(self.tr("Use the printer's own barcode command")), "nativeBarcodes")
        self.native.setChecked(current.native_barcodes)
        self.autoPrint = named(QCheckBox(self.tr("Print a pickup sticker for every parcel received")), "autoPrint")
        self.autoPrint.setChecked(current.auto_print)
        self.receiptQueue = named(QComboBox(editable=True), "receiptQueue")
        self.documentQueue = named(QComboBox(editable=True), "documentQueue")
        for combo, chosen in ((self.receiptQueue, current.receipt_queue), (self.documentQueue, current.document_queue)):
            combo.addItem("")
            combo.addItems(queues)
            combo.setCurrentText(chosen)
            edit = combo.lineEdit()
            if edit is not None:  # editable combos always have one
                edit.setPlaceholderText(self.tr("none"))
        self.testButton = named(QPushButton(self.tr("Test print")), "testPrintButton")
        self.message = named(QLabel(""), "printerMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setFixedHeight(self.message.fontMetrics().lineSpacing() * 4)  # a long sentence fits
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        for combo, value in ((self.backend, current.backend), (self.language, current.language),
                             (self.labelSize, current.size), (self.dpi, current.dpi)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.queue.setCurrentText(current.queue)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.testButton.clicked.connect(self.test_print)
        self.service.printed.connect(self._printed)
        self.service.failed.connect(self._failed)
        self.test_job = ""

        self.browseButton.clicked.connect(self.browse)

        self.form = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browseButton)
        self.rows: dict[str, QWidget | QHBoxLayout] = {}
        for key, label, field in (
                ("queue", self.tr("Printer / queue"), self.queue), ("host", self.tr("Network address"), self.host),
                ("port", self.tr("Port"), self.port), ("path", self.tr("Folder or file"), path_row),
                ("language", self.tr("Printer language"), self.language),
                ("size", self.tr("Label size"), self.labelSize),
                ("dpi", self.tr("Resolution"), self.dpi), ("darkness", self.tr("Darkness (0-15)"), self.darkness),
                ("offsetX", self.tr("Shift right"), self.offsetX), ("offsetY", self.tr("Shift down"), self.offsetY),
                ("native", "", self.native), ("autoPrint", "", self.autoPrint),
                ("receipt", self.tr("Receipt printer (80 mm)"), self.receiptQueue),
                ("document", self.tr("A4 printer"), self.documentQueue)):
            if label:
                self.form.addRow(label, field)
            else:
                self.form.addRow(field)
            self.rows[key] = field
        self.form.insertRow(0, self.tr("Printer type"), self.backend)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.testButton)
        column.addWidget(self.message)
        column.addStretch(1)
        column.addWidget(buttons)
        self._fix_size()
        self._show_fields()
        self.backend.currentIndexChanged.connect(lambda _i: self._show_fields())

    # The fields each method needs; everything else is hidden.
    FIELDS = {
        "none": ("receipt", "document"),
        "system": ("queue", "size", "dpi", "offsetX", "offsetY", "autoPrint", "receipt", "document"),
        "raw_queue": ("queue", "language", "size", "dpi", "darkness", "offsetX", "offsetY", "native", "autoPrint",
                      "receipt", "document"),
        "network": ("host", "port", "language", "size", "dpi", "darkness", "offsetX", "offsetY", "native",
                    "autoPrint", "receipt", "document"),
        "file": ("path", "language", "size", "dpi", "darkness", "offsetX", "offsetY", "native", "autoPrint",
                 "receipt", "document"),
        "pdf_folder": ("path", "size", "dpi", "offsetX", "offsetY", "autoPrint"),
    }

    def _fix_size(self) -> None:
        """One size for every method: the largest any method needs, so opening it never jumps."""
        chosen = self.backend.currentIndex()
        width = height = 0
        for index in range(self.backend.count()):
            self.backend.setCurrentIndex(index)
            self._show_fields()
            layout = self.layout()
            if layout is not None:
                layout.activate()
            hint = self.sizeHint()
            width, height = max(width, hint.width()), max(height, hint.height())
        self.backend.setCurrentIndex(chosen)
        self.setFixedSize(max(width, 560), height)

    def _show_fields(self) -> None:
        needed = self.FIELDS.get(self.backend.currentData(), ())
        for key, field in self.rows.items():
            self.form.setRowVisible(field, key in needed)  # type: ignore[arg-type]
        self.testButton.setVisible(self.backend.currentData() != "none")
        self.message.setText("")

    def browse(self) -> None:
        """Choose the folder for PDFs (or the file for raw jobs) in a file dialog instead of typing a path."""
        dialog = QFileDialog(self, self.tr("Folder for the PDFs") if self.backend.currentData() == "pdf_folder"
                             else self.tr("File for the print jobs"), self.path.text())
        dialog.setObjectName("printerPathDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        if self.backend.currentData() == "pdf_folder":
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        else:
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if dialog.exec() and dialog.selectedFiles():
            self.path.setText(dialog.selectedFiles()[0])

    def settings(self) -> PrinterSettings:
        return replace(PrinterSettings(), backend=self.backend.currentData(), queue=self.queue.currentText().strip(),
                       host=self.host.text().strip(), port=self.port.value(), path=self.path.text().strip(),
                       language=self.language.currentData(), size=self.labelSize.currentData(),
                       dpi=self.dpi.currentData(),
                       darkness=self.darkness.value(), offset_x_mm=self.offsetX.value(),
                       offset_y_mm=self.offsetY.value(), native_barcodes=self.native.isChecked(),
                       auto_print=self.autoPrint.isChecked(), receipt_queue=self.receiptQueue.currentText().strip(),
                       document_queue=self.documentQueue.currentText().strip())

    def save(self) -> bool:
        try:
            device_settings.save_printer(self.session.data_dir, self.settings())
        except StationError as err:
            self._say("error", error_text(err))
            return False
        self.session.printer = device_settings.load_printer(self.session.data_dir)
        self._say("ok", self.tr("Saved."))
        return True

    def _say(self, kind: str, text: str) -> None:
        self.message.setProperty("kind", kind)
        self.message.setStyleSheet("color:#b00020;" if kind == "error" else "")
        self.message.setText(text)

    def test_print(self) -> None:
        settings = self.settings()
        try:
            settings.checked()
        except StationError as err:
            self._say("error", error_text(err))
            return
        pages = catalog.KINDS["pickup_sticker"].sample(SIZES[settings.size])
        self.test_job = self.service.submit(settings, PrintJob("test-print", pages))
        self._say("info", self.tr("Printing a test label…"))

    def _printed(self, job_id: str, where: str) -> None:
        if job_id == self.test_job:
            self._say("ok", self.tr("Test label sent to {where}. Check that the barcode is sharp and the "
                                         "text sits inside the label; adjust the shift if not.").format(where=where))

    def _failed(self, job_id: str, err: StationError) -> None:
        if job_id == self.test_job:
            self._say("error", error_text(err))
