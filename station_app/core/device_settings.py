"""Device settings in ``station.ini`` in the data dir: language, and the label printer.

These belong to this PC and its hardware, not to the station's business data, so they live outside the
database and are never synced.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import StationError

FILENAME = "station.ini"
LANGUAGES = ("zh_CN", "en")
DEFAULTS = {"language": "zh_CN"}
# in the order the printer dialog offers them
BACKENDS = ("none", "system", "raw_queue", "network", "pdf_folder", "file")
PRINTER_LANGUAGES = ("tspl", "zpl")
DPIS = (203, 300)


@dataclass(frozen=True)
class PrinterSettings:
    backend: str = "none"  # none | system (through Qt) | raw_queue | network (port 9100) | file | pdf_folder
    queue: str = ""  # system printer or raw queue name
    host: str = ""
    port: int = 9100
    path: str = ""  # file to write raw jobs to, or folder for PDFs
    language: str = "tspl"  # tspl | zpl, for raw back-ends
    size: str = "60x40"
    dpi: int = 203
    darkness: int = 8
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    native_barcodes: bool = False
    auto_print: bool = True
    receipt_queue: str = ""  # system printer for 80 mm receipts, '' for none
    document_queue: str = ""  # system printer for A4 documents, '' for none

    @property
    def enabled(self) -> bool:
        return self.backend != "none"

    def route(self, paper: str) -> PrinterSettings | None:
        """Where a paper ('label', 'receipt', 'a4' — labels.catalog.PAPERS) prints, or None: nothing here takes it.

        A PDF folder takes every paper. Labels go to the label printer. Receipts go to the receipt printer, A4 to
        the A4 printer; without one, a system printer takes them (Qt sizes the page), a raw label printer never.
        """
        if self.backend == "pdf_folder" or (paper == "label" and self.enabled):
            return self
        queue = {"receipt": self.receipt_queue, "a4": self.document_queue}.get(paper, "")
        if queue:
            return replace(self, backend="system", queue=queue, offset_x_mm=0.0, offset_y_mm=0.0)
        if paper != "label" and self.backend == "system":
            return self
        return None

    @property
    def takes_a4(self) -> bool:
        """Can this PC print an A4 document (reports, hand-over lists, statements)?"""
        return self.route("a4") is not None

    @property
    def receipts_on_roll(self) -> bool:
        """An 80 mm receipt roll is there (or a PDF folder, which takes any size): receipts print narrow."""
        return bool(self.receipt_queue) or self.backend == "pdf_folder"

    def checked(self) -> PrinterSettings:
        """Refuse settings that cannot print, with the field named."""
        problems = [
            ("backend", self.backend in BACKENDS), ("language", self.language in PRINTER_LANGUAGES),
            ("dpi", self.dpi in DPIS), ("darkness", 0 <= self.darkness <= 15), ("port", 1 <= self.port <= 65535),
            ("offset", abs(self.offset_x_mm) <= 10 and abs(self.offset_y_mm) <= 10),
            ("queue", self.backend not in ("system", "raw_queue") or bool(self.queue.strip())),
            ("host", self.backend != "network" or bool(self.host.strip())),
            ("path", self.backend not in ("file", "pdf_folder") or bool(self.path.strip())),
        ]
        bad = [name for name, ok in problems if not ok]
        if bad:
            raise StationError("printer_setting_invalid", ",".join(bad), field=bad[0])
        return self


def _read(data_dir: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(data_dir / FILENAME, encoding="utf-8")
    return parser


def load(data_dir: Path) -> dict[str, str]:
    parser = _read(data_dir)
    values = dict(DEFAULTS)
    if parser.has_section("device"):
        values.update(parser["device"])
    if values["language"] not in LANGUAGES:
        values["language"] = DEFAULTS["language"]
    return values


def load_printer(data_dir: Path) -> PrinterSettings:
    """The printer settings; a damaged or hand-edited file falls back to field defaults, never a crash."""
    parser = _read(data_dir)
    if not parser.has_section("printer"):
        return PrinterSettings()
    section = parser["printer"]
    values: dict[str, Any] = {}
    for f in fields(PrinterSettings):
        if f.name not in section:
            continue
        try:
            if f.type == "bool":
                values[f.name] = section.getboolean(f.name)
            elif f.type == "int":
                values[f.name] = section.getint(f.name)
            elif f.type == "float":
                values[f.name] = section.getfloat(f.name)
            else:
                values[f.name] = section[f.name]
        except ValueError:
            continue
    settings = PrinterSettings(**values)
    try:
        return settings.checked()
    except StationError:
        return PrinterSettings()


def save(data_dir: Path, values: dict[str, str]) -> None:
    _write(data_dir, "device", {**load(data_dir), **values})


def save_printer(data_dir: Path, printer: PrinterSettings) -> None:
    """Save settings that can print: a PDF folder or a job file must be writable now, not at the first label."""
    printer.checked()
    if printer.backend == "pdf_folder":
        probe_folder(Path(printer.path))
    elif printer.backend == "file":
        probe_folder(Path(printer.path).parent)
    _write(data_dir, "printer", {k: str(v) for k, v in asdict(printer).items()})


def probe_folder(folder: Path) -> None:
    """Make the folder if needed and write a file into it; refuse with the path when that is not possible."""
    probe = folder / ".station-write-test"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StationError("printer_folder_refused", type(exc).__name__, path=str(folder)) from exc


def _write(data_dir: Path, section: str, values: dict[str, str]) -> None:
    """Write the whole file to a temporary name, then rename it over the old one."""
    parser = _read(data_dir)
    parser[section] = values
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (FILENAME + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        parser.write(out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, data_dir / FILENAME)
