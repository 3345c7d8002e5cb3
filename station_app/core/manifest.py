"""Manifests of expected parcels: CSV import (UTF-8 or GBK, as Excel writes them), all or nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import couriers, journal
from .clock import to_iso, utc_now
from .db import transaction
from .errors import ManifestError, StationError
from .money import parse_yuan
from .privacy import is_mobile, normalize_mobile

COLUMNS = ("waybill", "courier", "recipient_name", "recipient_phone")
# an optional column after those: the amount the recipient pays at pickup (到付运费 / 代收货款), in yuan
COD_COLUMNS = ("cod", "cod_yuan", "到付", "到付金额", "代收货款")
_WAYBILL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{5,39}$")  # never "-…": a formula in Excel
_MASKED_PHONE = re.compile(r"^[0-9*]{0,7}\*+\d{4}$|^\d{4}$")  # 138****1234 or a bare tail, for privacy waybills
MAX_ROWS = 100_000
# Waybills per manifest.imported op: 2,000 of at most 40 characters are under 90 KB of JSON, so one op stays far
# below the county's upload limits (sync.protocol: 2 MB compressed, 16 MB of JSON per request) and a batch of
# them can be split by size.
OP_WAYBILLS = 2_000


@dataclass(frozen=True)
class Expected:
    waybill: str
    courier: str | None
    recipient_name: str
    recipient_phone: str  # full mobile, or '' with phone_tail set for a privacy waybill
    phone_tail: str
    route_code: str = ""  # the 客货邮 route bringing it, when the county's list names one (the inbound run)
    cod_fen: int = 0  # cash on delivery due at pickup; 0: none


def key(waybill: str) -> str:
    """How an expected waybill is matched: trimmed, case-insensitive."""
    return waybill.strip().upper()


def _store(conn: sqlite3.Connection, rows: list[Expected], source: str) -> None:
    """A row for a waybill already expected is replaced. Inside the caller's transaction."""
    now = to_iso(utc_now())
    conn.executemany(
        "INSERT OR REPLACE INTO manifest (waybill_key, waybill, courier, recipient_name, recipient_phone, "
        "phone_tail, source, imported_at, route_code, cod_fen) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(key(r.waybill), r.waybill, r.courier, r.recipient_name, r.recipient_phone, r.phone_tail, source, now,
          r.route_code, r.cod_fen) for r in rows],
    )


def expect_from_county(conn: sqlite3.Connection, waybill: str, courier_text: str, recipient_name: str,
                       recipient_phone: str, route_code: str = "", cod_fen: int = 0) -> Expected:
    """One expected parcel from the county's feed, inside the feed item's transaction.

    Checked as the county's data already was: a courier we cannot name stays unknown (the clerk picks it at
    the scan) and a number that is not a mobile keeps only its last four digits, as for a privacy waybill."""
    waybill = waybill.strip()
    if not waybill:
        raise ValueError("an expected parcel without its waybill")  # a malformed feed item
    courier = couriers.resolve(conn, courier_text) if courier_text else None
    try:
        phone = normalize_mobile(recipient_phone)
    except StationError:
        phone = ""
    tail = (phone or recipient_phone.replace(" ", ""))[-4:]
    row = Expected(waybill, courier, recipient_name.strip(), phone, tail, route_code.strip()[:32], cod_fen)
    _store(conn, [row], "county")
    return row


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, a superset of the GBK Excel writes in China.

    GB18030 decodes almost any bytes, so a file pasted together from a UTF-8 and a GBK file would come in as
    mojibake: when the whole is not UTF-8, each non-ASCII line must be GBK, and the first that is UTF-8
    Chinese while others are not is refused by its line number.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    first: str | None = None
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            kind = "utf-8"
        except UnicodeDecodeError:
            kind = "gbk"
        if first is None:
            first = kind
        elif kind != first:
            raise ManifestError([(number, "mixed_encoding", "")])
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise StationError("manifest_encoding", "neither UTF-8 nor GBK") from exc


def parse(conn: sqlite3.Connection, raw: bytes) -> list[Expected]:
    """Every row checked; any problem raises ManifestError listing each bad line by its number."""
    reader = csv.reader(io.StringIO(decode(raw), newline=""))
    problems: list[tuple[int, str, str]] = []
    records = _records(reader, problems)
    header = [h.strip().lower() for h in next(records, (1, []))[1]]
    if tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise ManifestError(problems or [(1, "bad_header", ",".join(header)[:80])])
    route_at = header.index("route_code") if "route_code" in header else None  # optional: the inbound run
    cod_col = next((header.index(c) for c in COD_COLUMNS if c in header), None)
    rows: list[Expected] = []
    seen: dict[str, int] = {}
    for number, fields in records:
        if not any(f.strip() for f in fields):
            continue  # blank lines, which Excel likes to leave at the end
        if len(fields) < len(COLUMNS):
            problems.append((number, "too_few_columns", ",".join(fields)))
            continue
        waybill, courier_text, name, phone = (f.strip() for f in fields[: len(COLUMNS)])
        route = fields[route_at].strip()[:32] if route_at is not None and route_at < len(fields) else ""
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
        cod_text = fields[cod_col].strip() if cod_col is not None and cod_col < len(fields) else ""
        try:
            cod_fen = parse_yuan(cod_text) if cod_text else 0
        except StationError:
            problems.append((number, "bad_cod", cod_text[:20]))
            continue
        if is_mobile(phone.replace(" ", "")):
            rows.append(Expected(waybill, courier, name, normalize_mobile(phone), phone.replace(" ", "")[-4:], route,
                                 cod_fen))
        elif _MASKED_PHONE.match(phone):
            if not name:
                problems.append((number, "privacy_needs_name", phone))
                continue
            rows.append(Expected(waybill, courier, name, "", phone[-4:], route, cod_fen))
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


def _records(reader: Iterator[list[str]], problems: list[tuple[int, str, str]]) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields); a line the csv module cannot read (a field over its 131,072-character limit,
    a NUL byte) ends the file with that line listed as a problem."""
    number = 0
    while True:
        number += 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append((number, "field_too_long" if "field larger" in str(exc) else "bad_csv", ""))
            return
        yield number, fields


def import_file(conn: sqlite3.Connection, path: Path, *, clerk_id: str | None) -> int:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StationError("file_unreadable", str(exc), path=str(path)) from exc
    return import_bytes(conn, raw, source=path.name, clerk_id=clerk_id)


def import_bytes(conn: sqlite3.Connection, raw: bytes, *, source: str, clerk_id: str | None) -> int:
    """Import a manifest in one transaction; a row for a waybill already expected is replaced."""
    rows = parse(conn, raw)
    with transaction(conn):
        _store(conn, rows, source)
        # The ops name the file and its waybills; the personal data came from the county already. A big file
        # becomes several ops so that each, even alone, stays far below the county's upload limit.
        digest = hashlib.sha256(raw).hexdigest()
        for start in range(0, len(rows), OP_WAYBILLS):
            part = [r.waybill for r in rows[start:start + OP_WAYBILLS]]
            journal.append(conn, "manifest.imported", {
                "source": source, "sha256": digest, "rows": len(part), "waybills": part,
            }, clerk_id=clerk_id)
    return len(rows)


def find(conn: sqlite3.Connection, waybill: str) -> Expected | None:
    row = conn.execute("SELECT * FROM manifest WHERE waybill_key = ?", (key(waybill),)).fetchone()
    if row is None:
        return None
    return Expected(row["waybill"], row["courier"], row["recipient_name"] or "", row["recipient_phone"] or "",
                    row["phone_tail"], row["route_code"])
