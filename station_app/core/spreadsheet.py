"""Reports as .xlsx (openpyxl) and CSV, personal data masked; written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import StationError
from .export import safe_cell, write_csv_atomic
from .reports import Report


def report_sheets(report: Report, names: dict[str, str]) -> dict[str, tuple[tuple[str, ...], list[Sequence[object]]]]:
    """Sheet name → (header, rows). Money in fen and yuan columns both, so nothing needs a float to add up."""
    return {
        "daily": (("date", "down_parcels_in", "up_sent_and_boxes"),
                  [(d.isoformat(), report.down_by_day[d], report.up_by_day[d]) for d in report.days]),
        "couriers": (("courier", "name", "down_parcels_in", "up_parcels_sent", "sending_fees_fen"),
                     [(c, names.get(c, c), report.down_by_courier.get(c, 0), report.up_by_courier.get(c, 0),
                       report.sending_fees_by_courier_fen.get(c, 0))
                      for c in sorted(set(report.down_by_courier) | set(report.up_by_courier))]),
        "earnings": (("business_line", "fen"), [list(item) for item in sorted(report.earnings_fen.items())]),
        "rates": (("measure", "count", "of", "rate"),
                  [("returned", report.returned, report.received, round(report.return_rate, 4)),
                   ("overdue_in_stock", report.overdue, report.in_stock, round(report.overdue_rate, 4))]),
    }


def write_xlsx(path: Path, sheets: dict[str, tuple[tuple[str, ...], list[Sequence[object]]]]) -> Path:
    from openpyxl import Workbook  # imported here: ~0.2 s that start-up should not pay

    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
        os.close(fd)
        book.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise StationError("export_failed", str(exc), path=str(path)) from exc
    return path


def write_csvs(folder: Path, sheets: dict[str, tuple[tuple[str, ...], list[Sequence[object]]]]) -> list[Path]:
    return [Path(folder) / f"{name}.csv" for name, (header, rows) in sheets.items()
            if write_csv_atomic(Path(folder) / f"{name}.csv", header, rows) >= 0]
