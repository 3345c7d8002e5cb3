"""Printing every label and document: one path, the back-ends, and one print lane (ui/workers.py: one job at
a time, in order, off the main thread) so the scan field never waits.

Every job names its kind (labels/catalog.py); the kind's paper decides where it goes (:func:`target`): labels
to the label printer, 80 mm receipts to the receipt printer, A4 documents to the A4 printer, everything into
the folder when the station saves PDFs. A failure is told in words that fit the kind (:func:`failure_text`).

Back-ends: a system printer through Qt (the page painted at the printer's resolution), raw TSPL/ZPL to a
CUPS or Windows queue, raw to a network printer on port 9100, raw to a file, or PDFs saved into a folder.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QSizeF, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ..core.device_settings import PrinterSettings
from ..core.errors import StationError
from ..core.ids import uuid7
from ..labels import catalog, pdf, printer_jobs, raster
from ..labels.elements import Page
from .messages import error_text
from .workers import Lane

log = logging.getLogger(__name__)
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class PrintJob:
    name: str  # used for PDF file names and the print queue's job title
    pages: list[Page]
    id: str = ""
    kind: str = "pickup_sticker"  # a name in labels.catalog.KINDS: decides the paper and the failure words

    def __post_init__(self) -> None:
        if self.kind not in catalog.KINDS:
            raise ValueError(f"unknown print kind {self.kind!r}: add it to labels/catalog.py")


def target(settings: PrinterSettings, kind: str) -> PrinterSettings | None:
    """Where a kind prints with these settings (its paper's route), or None when this PC has nothing for it."""
    return settings.route(catalog.KINDS[kind].paper)


def can_print(settings: PrinterSettings, kind: str) -> bool:
    return target(settings, kind) is not None


def _what(kind: str) -> str:
    return {
        "pickup_sticker": QCoreApplication.translate("Printing", "The pickup sticker"),
        "shelf_label": QCoreApplication.translate("Printing", "The shelf labels"),
        "sending_label": QCoreApplication.translate("Printing", "The sending label"),
        "box_label": QCoreApplication.translate("Printing", "The box labels"),
        "batch_sheet": QCoreApplication.translate("Printing", "The sheet of pickup codes"),
        "handover_list": QCoreApplication.translate("Printing", "The driver's hand-over list"),
        "produce_receipt": QCoreApplication.translate("Printing", "The farmer's intake receipt"),
        "produce_receipt_a4": QCoreApplication.translate("Printing", "The farmer's intake receipt"),
        "settlement_statement": QCoreApplication.translate("Printing", "The farmer's settlement statement"),
        "bill_receipt": QCoreApplication.translate("Printing", "The payment receipt"),
        "exception_slip": QCoreApplication.translate("Printing", "The exception slip"),
        "service_receipt": QCoreApplication.translate("Printing", "The service receipt"),
        "cod_receipt": QCoreApplication.translate("Printing", "The cash on delivery receipt"),
        "courier_statement": QCoreApplication.translate("Printing", "The courier fee statement"),
        "day_close_report": QCoreApplication.translate("Printing", "The day-close report"),
        "period_report": QCoreApplication.translate("Printing", "The report"),
        "stocktake_report": QCoreApplication.translate("Printing", "The stocktake report"),
    }.get(kind, QCoreApplication.translate("Printing", "The print job"))


def _after(kind: str) -> str:
    """What stays done although the paper did not come out, and how to get it again."""
    return {
        "pickup_sticker": QCoreApplication.translate(
            "Printing", "The parcel is received; select it on Parcels in and press Reprint sticker."),
        "shelf_label": QCoreApplication.translate("Printing", "Print them again from Stock."),
        "batch_sheet": QCoreApplication.translate("Printing", "Print the sheet again from Stock."),
        "sending_label": QCoreApplication.translate(
            "Printing", "The parcel is accepted; write the waybill number on it or print the label again."),
        "box_label": QCoreApplication.translate(
            "Printing", "The lot is taken in; write the box codes on the boxes or print the labels again."),
        "handover_list": QCoreApplication.translate(
            "Printing", "The hand-over is closed; press Reprint hand-over list on Hand-over when the printer works."),
        "produce_receipt": QCoreApplication.translate(
            "Printing", "The lot is taken in; give the farmer the lot number written down."),
        "produce_receipt_a4": QCoreApplication.translate(
            "Printing", "The lot is taken in; give the farmer the lot number written down."),
        "settlement_statement": QCoreApplication.translate(
            "Printing", "The settlement is recorded; show the farmer the figures on the screen."),
        "bill_receipt": QCoreApplication.translate(
            "Printing", "The payment is logged; write the receipt by hand if the payer needs one."),
        "exception_slip": QCoreApplication.translate(
            "Printing", "The entry is in the register; press Print slip on Exceptions when the printer works."),
        "service_receipt": QCoreApplication.translate(
            "Printing", "The service is recorded; write the receipt by hand if the villager needs one."),
        "day_close_report": QCoreApplication.translate(
            "Printing", "The day is closed and the report is saved in the reports folder."),
        "stocktake_report": QCoreApplication.translate(
            "Printing", "The stocktake is kept; press Print report on Stocktake when the printer works."),
    }.get(kind, "")


def failure_text(kind: str, err: StationError) -> str:
    """The red line for a job that did not print: what, why (the printer's problem), what is already done."""
    return " ".join(part for part in (QCoreApplication.translate("Printing", "{what} was not printed:").format(
        what=_what(kind)), error_text(err), _after(kind)) if part)


def raw_job(settings: PrinterSettings, pages: list[Page]) -> bytes:
    options = printer_jobs.JobOptions.for_printer(settings)
    return printer_jobs.tspl(pages, options) if settings.language == "tspl" else printer_jobs.zpl(pages, options)


def print_now(settings: PrinterSettings, job: PrintJob) -> str:
    """Print in the calling (worker) thread; returns where it went. Raises StationError with a reason."""
    routed = target(settings, job.kind)
    if routed is None:
        raise StationError("printer_not_for_kind", job.kind, kind=job.kind)
    settings = routed
    backend = settings.backend
    if backend == "none":
        raise StationError("printer_not_set")
    if backend == "pdf_folder":
        folder = Path(settings.path)
        out = folder / f"{job.name}.pdf"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = out.with_suffix(".pdf.tmp")
            tmp.write_bytes(pdf.render(job.pages, dpi=settings.dpi,
                                       offset_mm=(settings.offset_x_mm, settings.offset_y_mm)))
            tmp.replace(out)
        except OSError as exc:
            raise StationError("printer_folder_unwritable", str(exc), path=str(folder)) from exc
        return str(out)
    if backend == "system":
        return _print_system(settings, job)
    data = raw_job(settings, job.pages)
    if backend == "file":
        try:
            with open(settings.path, "ab") as stream:
                stream.write(data)
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


class PrintService(QObject):
    """Queues print jobs on one worker thread, in order; results come back as signals on the main thread."""

    printed = Signal(str, str)
    failed = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lane = Lane(self)  # one printer, one job at a time, in order
        self.kinds: dict[str, str] = {}  # job id → kind, for the words of a failure

    def submit(self, settings: PrinterSettings, job: PrintJob) -> str:
        job_id = job.id or uuid7()
        self.kinds[job_id] = job.kind
        self.lane.submit(lambda: _print_logged(settings, replace(job, id=job_id)),
                         lambda where: self.printed.emit(job_id, where),
                         lambda err: self.failed.emit(job_id, err))
        return job_id

    def failure_text(self, job_id: str, err: StationError) -> str:
        return failure_text(self.kinds.get(job_id, ""), err)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.lane.wait(msecs)


def _print_logged(settings: PrinterSettings, job: PrintJob) -> str:
    """On the print lane: a driver can fail in any way; the counter carries on and says what did not print."""
    try:
        return print_now(settings, job)
    except StationError as err:
        log.warning("print failed: %s", err.code)
        raise
    except Exception as exc:
        log.exception("print failed unexpectedly")
        raise StationError("printer_failed", type(exc).__name__) from exc
