"""CSV exports. Personal data is masked; files are written whole or not at all."""

from __future__ import annotations

import csv
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .clock import local_text
from .errors import StationError
from .parcels import select

PARCEL_COLUMNS = ("waybill", "courier", "status", "pickup_code", "received_at", "picked_up_at", "returned_at",
                  "phone")


# A text cell starting with one of these is run as a formula by Excel and WPS ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv_atomic(path: Path, header: tuple[str, ...], rows: Iterable[Sequence[object]]) -> int:
    """Write to a temporary file beside the target, fsync, then rename: a crash leaves the old file or the new."""
    path = Path(path)
    count = 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".csv", dir=path.parent)
        try:
            # utf-8-sig: Excel on a Chinese Windows opens it with the right characters.
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow([safe_cell(h) for h in header])
                for row in rows:
                    writer.writerow([safe_cell(v) for v in row])
                    count += 1
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StationError("export_failed", str(exc), path=str(path)) from exc
    return count


def export_parcels(conn: sqlite3.Connection, path: Path) -> int:
    """One row per parcel: waybill, courier, status, pickup code, times (local), masked phone."""
    rows = (
        (p.waybill, p.courier, p.status, p.pickup_code, local_text(p.received_at), local_text(p.picked_up_at),
         local_text(p.returned_at), p.masked_phone)
        for p in select(conn, "1", tail="ORDER BY received_at")
    )
    return write_csv_atomic(path, PARCEL_COLUMNS, rows)
