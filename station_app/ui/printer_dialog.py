"""打印机设置: back-end and printer, label size, dpi, darkness, offset calibration, test print."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
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
        self.backend = QComboBox(objectName="printerBackend")
        for code, text in (("none", self.tr("No printer")), ("system", self.tr("System printer")),
                           ("raw_queue", self.tr("Label printer on a queue (raw TSPL/ZPL)")),
                           ("network", self.tr("Network label printer (port 9100)")),
                           ("pdf_folder", self.tr("Save PDF into a folder")), ("file", self.tr("Raw job to a file"))):
            self.backend.addItem(text, code)
        self.queue = QComboBox(objectName="printerQueue", editable=True)
        self.queue.addItems(queue_names())
        self.host = QLineEdit(current.host, objectName="printerHost")
        self.port = QSpinBox(objectName="printerPort", minimum=1, maximum=65535, value=current.port)
        self.path = QLineEdit(current.path, objectName="printerPath")
        self.language = QComboBox(objectName="printerLanguage")
        self.language.addItem("TSPL (TSC, Xprinter …)", "tspl")
        self.language.addItem("ZPL (Zebra …)", "zpl")
        self.size = QComboBox(objectName="labelSize")
        for name in STICKER_SIZES:
            self.size.addItem(f"{SIZES[name].width_mm:g} × {SIZES[name].height_mm:g} mm", name)
        self.dpi = QComboBox(objectName="printerDpi")
        self.dpi.addItem("203 dpi", 203)
        self.dpi.addItem("300 dpi", 300)
        self.darkness = QSpinBox(objectName="printerDarkness", minimum=0, maximum=15, value=current.darkness)
        self.offsetX = QDoubleSpinBox(objectName="offsetX", minimum=-10, maximum=10, singleStep=0.25,
                                      value=current.offset_x_mm, suffix=" mm")
        self.offsetY = QDoubleSpinBox(objectName="offsetY", minimum=-10, maximum=10, singleStep=0.25,
                                      value=current.offset_y_mm, suffix=" mm")
        self.native = QCheckBox(self.tr("Use the printer's own barcode command"), objectName="nativeBarcodes")
        self.native.setChecked(current.native_barcodes)
        self.autoPrint = QCheckBox(self.tr("Print a pickup sticker for every parcel received"), objectName="autoPrint")
        self.autoPrint.setChecked(current.auto_print)
        self.testButton = QPushButton(self.tr("Test print"), objectName="testPrintButton")
        self.message = QLabel("", objectName="printerMessage")
        self.message.setWordWrap(True)
        for combo, value in ((self.backend, current.backend), (self.language, current.language),
                             (self.size, current.size), (self.dpi, current.dpi)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.queue.setCurrentText(current.queue)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.testButton.clicked.connect(self.test_print)
        self.service.printed.connect(self._printed)
        self.service.failed.connect(self._failed)
        self.test_job = ""

        form = QFormLayout(self)
        form.addRow(self.tr("Printer type"), self.backend)
        form.addRow(self.tr("Printer / queue"), self.queue)
        form.addRow(self.tr("Network address"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Folder or file"), self.path)
        form.addRow(self.tr("Printer language"), self.language)
        form.addRow(self.tr("Label size"), self.size)
        form.addRow(self.tr("Resolution"), self.dpi)
        form.addRow(self.tr("Darkness (0-15)"), self.darkness)
        form.addRow(self.tr("Shift right"), self.offsetX)
        form.addRow(self.tr("Shift down"), self.offsetY)
        form.addRow(self.native)
        form.addRow(self.autoPrint)
        form.addRow(self.testButton)
        form.addRow(self.message)
        form.addRow(buttons)

    def settings(self) -> PrinterSettings:
        return replace(PrinterSettings(), backend=self.backend.currentData(), queue=self.queue.currentText().strip(),
                       host=self.host.text().strip(), port=self.port.value(), path=self.path.text().strip(),
                       language=self.language.currentData(), size=self.size.currentData(), dpi=self.dpi.currentData(),
                       darkness=self.darkness.value(), offset_x_mm=self.offsetX.value(),
                       offset_y_mm=self.offsetY.value(), native_barcodes=self.native.isChecked(),
                       auto_print=self.autoPrint.isChecked())

    def save(self) -> bool:
        try:
            device_settings.save_printer(self.session.data_dir, self.settings())
        except StationError as err:
            self.message.setText(error_text(err))
            return False
        self.session.printer = device_settings.load_printer(self.session.data_dir)
        self.message.setText(self.tr("Saved."))
        return True

    def test_print(self) -> None:
        settings = self.settings()
        try:
            settings.checked()
        except StationError as err:
            self.message.setText(error_text(err))
            return
        pages = catalog.KINDS["pickup_sticker"].sample(SIZES[settings.size])
        self.test_job = self.service.submit(settings, PrintJob("test-print", pages))
        self.message.setText(self.tr("Printing a test label…"))

    def _printed(self, job_id: str, where: str) -> None:
        if job_id == self.test_job:
            self.message.setText(self.tr("Test label sent to {where}. Check that the barcode is sharp and the "
                                         "text sits inside the label; adjust the shift if not.").format(where=where))

    def _failed(self, job_id: str, err: StationError) -> None:
        if job_id == self.test_job:
            self.message.setText(error_text(err))
