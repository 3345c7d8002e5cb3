"""Printing labels: the back-ends, and a one-job-at-a-time worker so the scan field never waits.

Back-ends: a system printer through Qt (the label painted at the printer's resolution), raw TSPL/ZPL to a
CUPS or Windows queue, raw to a network printer on port 9100, raw to a file, or PDFs saved into a folder.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRunnable, QSizeF, QThreadPool, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..core.device_settings import PrinterSettings
from ..core.errors import StationError
from ..core.ids import uuid7
from ..labels import pdf, printer_jobs, raster
from ..labels.elements import Page

log = logging.getLogger(__name__)
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class PrintJob:
    name: str  # used for PDF file names and the print queue's job title
    pages: list[Page]
    id: str = ""


def raw_job(settings: PrinterSettings, pages: list[Page]) -> bytes:
    options = printer_jobs.JobOptions.for_printer(settings)
    return printer_jobs.tspl(pages, options) if settings.language == "tspl" else printer_jobs.zpl(pages, options)


def print_now(settings: PrinterSettings, job: PrintJob) -> str:
    """Print in the calling (worker) thread; returns where it went. Raises StationError with a reason."""
    backend = settings.backend
    if backend == "none":
        raise StationError("printer_not_set")
    if backend == "pdf_folder":
        folder = Path(settings.path)
        target = folder / f"{job.name}.pdf"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".pdf.tmp")
            tmp.write_bytes(pdf.render(job.pages, dpi=settings.dpi,
                                       offset_mm=(settings.offset_x_mm, settings.offset_y_mm)))
            tmp.replace(target)
        except OSError as exc:
            raise StationError("printer_folder_unwritable", str(exc), path=str(folder)) from exc
        return str(target)
    if backend == "system":
        return _print_system(settings, job)
    data = raw_job(settings, job.pages)
    if backend == "file":
        try:
            with open(settings.path, "ab") as out:
                out.write(data)
        except OSError as exc:
            raise StationError("printer_folder_unwritable", str(exc), path=settings.path) from exc
        return settings.path
    if backend == "network":
        try:
            with socket.create_connection((settings.host, settings.port), timeout=5) as conn:
                conn.sendall(data)
        except OSError as exc:
            raise StationError("printer_unreachable", str(exc), host=settings.host, port=settings.port) from exc
        return f"{settings.host}:{settings.port}"
    return _send_raw_queue(settings.queue, data, job.name)


def _send_raw_queue(queue: str, data: bytes, title: str) -> str:
    if sys.platform == "win32":
        try:
            import win32print  # type: ignore[import-not-found]
        except ImportError as exc:
            raise StationError("printer_raw_unsupported", "pywin32 missing") from exc
        handle = win32print.OpenPrinter(queue)
        try:
            win32print.StartDocPrinter(handle, 1, (title, None, "RAW"))
            win32print.WritePrinter(handle, data)
            win32print.EndDocPrinter(handle)
        finally:
            win32print.ClosePrinter(handle)
        return queue
    lp = shutil.which("lp")
    if lp is None:
        raise StationError("printer_raw_unsupported", "no lp command")
    done = subprocess.run([lp, "-d", queue, "-o", "raw", "-t", title], input=data, capture_output=True,
                          timeout=30)
    if done.returncode != 0:
        raise StationError("printer_queue_refused", done.stderr.decode(errors="replace")[:200], queue=queue)
    return queue


def _print_system(settings: PrinterSettings, job: PrintJob) -> str:
    """Paint the label bitmap at the printer's own resolution: bars stay on whole dots."""
    info = QPrinterInfo.printerInfo(settings.queue)
    if info.isNull():
        raise StationError("printer_queue_unknown", settings.queue, queue=settings.queue)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setResolution(settings.dpi)
    printer.setDocName(job.name)
    first = job.pages[0].size
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(first.width_mm, first.height_mm), QPageSize.Unit.Millimeter),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise StationError("printer_queue_refused", "begin failed", queue=settings.queue)
    try:
        dots = printer.resolution() / MM_PER_INCH
        for i, page in enumerate(job.pages):
            if i:
                printer.newPage()
            grey = raster.render(page, printer.resolution()).convert("L")
            image = QImage(grey.tobytes(), grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
            painter.drawImage(round(settings.offset_x_mm * dots), round(settings.offset_y_mm * dots), image)
    finally:
        painter.end()
    return settings.queue


class _Signals(QObject):
    printed = Signal(str, str)  # job id, where
    failed = Signal(str, object)  # job id, StationError


class _Task(QRunnable):
    def __init__(self, settings: PrinterSettings, job: PrintJob, signals: _Signals) -> None:
        super().__init__()
        self.settings, self.job, self.signals = settings, job, signals

    def run(self) -> None:
        try:
            where = print_now(self.settings, self.job)
        except StationError as err:
            log.warning("print failed: %s", err.code)
            self.signals.failed.emit(self.job.id, err)
        except Exception as exc:  # a driver can fail in any way; the counter must carry on
            log.exception("print failed unexpectedly")
            self.signals.failed.emit(self.job.id, StationError("printer_failed", type(exc).__name__))
        else:
            self.signals.printed.emit(self.job.id, where)


class PrintService(QObject):
    """Queues print jobs on one worker thread, in order; results come back as signals on the main thread."""

    printed = Signal(str, str)
    failed = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one printer, one job at a time, in order
        self.signals = _Signals(self)
        self.signals.printed.connect(self.printed)
        self.signals.failed.connect(self.failed)

    def submit(self, settings: PrinterSettings, job: PrintJob) -> str:
        job_id = job.id or uuid7()
        self.pool.start(_Task(settings, PrintJob(job.name, job.pages, job_id), self.signals))
        return job_id

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
