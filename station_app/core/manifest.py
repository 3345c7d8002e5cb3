"""Manifests of expected parcels: CSV import (UTF-8 or GBK, as Excel writes them), all or nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import couriers, journal
from .clock import to_iso, utc_now
from .db import transaction
from .errors import ManifestError, StationError
from .privacy import is_mobile, normalize_mobile

COLUMNS = ("waybill", "courier", "recipient_name", "recipient_phone")
_WAYBILL = re.compile(r"^[A-Za-z0-9-]{6,40}$")
_MASKED_PHONE = re.compile(r"^[0-9*]{0,7}\*+\d{4}$|^\d{4}$")  # 138****1234 or a bare tail, for privacy waybills
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Expected:
    waybill: str
    courier: str | None
    recipient_name: str
    recipient_phone: str  # full mobile, or '' with phone_tail set for a privacy waybill
    phone_tail: str


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030, a superset of the GBK Excel writes in China."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StationError("manifest_encoding", "neither UTF-8 nor GBK")


def parse(conn: sqlite3.Connection, raw: bytes) -> list[Expected]:
    """Every row checked; any problem raises ManifestError listing each bad line by its number."""
    reader = csv.reader(io.StringIO(decode(raw), newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise ManifestError([(1, "bad_header", ",".join(header))])
    problems: list[tuple[int, str, str]] = []
    rows: list[Expected] = []
    seen: dict[str, int] = {}
    for number, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue  # blank lines, which Excel likes to leave at the end
        if len(fields) < len(COLUMNS):
            problems.append((number, "too_few_columns", ",".join(fields)))
            continue
        waybill, courier_text, name, phone = (f.strip() for f in fields[: len(COLUMNS)])
        if not _WAYBILL.match(waybill):
            problems.append((number, "bad_waybill", waybill))
            continue
        if waybill.upper() in seen:
            problems.append((number, "duplicate_waybill", waybill))
            continue
        seen[waybill.upper()] = number
        courier = couriers.resolve(conn, courier_text)
        if courier_text and courier is None:
            problems.append((number, "unknown_courier", courier_text))
            continue
        if is_mobile(phone.replace(" ", "")):
            rows.append(Expected(waybill, courier, name, normalize_mobile(phone), phone.replace(" ", "")[-4:]))
        elif _MASKED_PHONE.match(phone):
            if not name:
                problems.append((number, "privacy_needs_name", phone))
                continue
            rows.append(Expected(waybill, courier, name, "", phone[-4:]))
        else:
            problems.append((number, "bad_phone", phone))
        if len(rows) > MAX_ROWS:
            problems.append((number, "too_many_rows", str(MAX_ROWS)))
            break
    if problems:
        raise ManifestError(problems)
    if not rows:
        raise ManifestError([(1, "empty", "")])
    return rows


def import_file(conn: sqlite3.Connection, path: Path, *, clerk_id: str | None) -> int:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StationError("file_unreadable", str(exc), path=str(path)) from exc
    return import_bytes(conn, raw, source=path.name, clerk_id=clerk_id)


def import_bytes(conn: sqlite3.Connection, raw: bytes, *, source: str, clerk_id: str | None) -> int:
    """Import a manifest in one transaction; a row for a waybill already expected is replaced."""
    rows = parse(conn, raw)
    now = to_iso(utc_now())
    with transaction(conn):
        conn.executemany(
            "INSERT OR REPLACE INTO manifest (waybill_key, waybill, courier, recipient_name, recipient_phone, "
            "phone_tail, source, imported_at) VALUES (?,?,?,?,?,?,?,?)",
            [(r.waybill.upper(), r.waybill, r.courier, r.recipient_name, r.recipient_phone, r.phone_tail,
              source, now) for r in rows],
        )
        # The op names the file and its waybills; the personal data came from the county already.
        journal.append(conn, "manifest.imported", {
            "source": source, "sha256": hashlib.sha256(raw).hexdigest(), "rows": len(rows),
            "waybills": [r.waybill for r in rows],
        }, clerk_id=clerk_id)
    return len(rows)


def find(conn: sqlite3.Connection, waybill: str) -> Expected | None:
    row = conn.execute("SELECT * FROM manifest WHERE waybill_key = ?", (waybill.strip().upper(),)).fetchone()
    if row is None:
        return None
    return Expected(row["waybill"], row["courier"], row["recipient_name"] or "", row["recipient_phone"] or "",
                    row["phone_tail"])
