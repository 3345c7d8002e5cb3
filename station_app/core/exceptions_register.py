"""问题件: the register of exceptions, complaints and claims, and their lifecycle.

registered → in_progress → resolved (compensated with an amount / redelivered / returned / rejected with a reason);
each step is one transaction with its op (sync/op_lines/exceptions.py), its clerk and its time, and a step is never
taken twice. Each kind has a deadline in days from the county's reference data (``exception_deadlines``; the
built-in table until the county sends its own): an exception not resolved by then is overdue.

Parcels are named by waybill: one in this station's system is linked, one that is not is still kept and marked as
such. Photos are image files copied into the data folder under their checksum; only names and checksums travel.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from . import journal, refdata
from .clock import from_iso, local_day, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7
from .parcels import latest_by_waybill

KINDS = ("lost", "damaged", "wrong_delivery", "refused", "missing", "complaint", "claim")
TOPICS = ("double_charge", "not_notified", "attitude", "delay", "other")  # what a complaint is about
RAISED_BY = ("villager", "courier")
OUTCOMES = ("compensated", "redelivered", "returned", "rejected")
DEFAULT_DAYS = 7
PHOTO_DIR = "exception_photos"
PHOTO_TYPES = {b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png"}
MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTOS = 20
TEXT_MAX = 500
_WAYBILL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Entry:
    id: str
    number: str
    kind: str
    topic: str
    raised_by: str
    raiser_name: str
    raiser_phone: str
    courier: str
    description: str
    status: str
    registered_at: str
    registered_by: str
    deadline_days: int
    deadline_at: str
    started_at: str | None
    started_by: str | None
    progress_note: str
    resolved_at: str | None
    resolved_by: str | None
    outcome: str
    amount_fen: int
    reason: str

    def overdue(self, now: datetime | None = None) -> bool:
        return self.status != "resolved" and from_iso(self.deadline_at) < (now or utc_now())


@dataclass(frozen=True)
class Parcel:
    waybill: str
    parcel_id: str | None  # None: not in this station's system


def deadline_days(conn: sqlite3.Connection, kind: str) -> int:
    """The county's days to answer this kind (reference data), else the default."""
    for row in refdata.rows(conn, "exception_deadlines"):
        if str(row.get("kind", "")).strip() == kind:
            try:
                return min(max(int(row.get("days", DEFAULT_DAYS)), 1), 365)
            except (TypeError, ValueError):
                return DEFAULT_DAYS
    return DEFAULT_DAYS


def _one_line(text: str, code: str) -> str:
    text = text.strip()
    if len(text) > TEXT_MAX:
        raise StationError(code, text[:20], limit=TEXT_MAX)
    return text


def clean_waybill(scanned: str) -> str:
    """A waybill as scanned (trimmed), or a refusal naming what is not one."""
    waybill = scanned.strip()
    if not _WAYBILL.match(waybill):
        raise StationError("exception_waybill_invalid", waybill[:40], value=waybill[:40])
    return waybill


def _waybills(scanned: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for waybill in (clean_waybill(raw) for raw in scanned if raw.strip()):
        seen.setdefault(waybill.upper(), waybill)
    return list(seen.values())


def store_photo(source: Path, data_dir: Path) -> tuple[str, str]:
    """Copy an image into the data folder under its checksum: (file name, sha256). Refused: not a JPEG/PNG, too big."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise StationError("exception_photo_unreadable", source.name, name=source.name) from exc
    suffix = next((s for magic, s in PHOTO_TYPES.items() if raw.startswith(magic)), None)
    if suffix is None or len(raw) > MAX_PHOTO_BYTES:
        raise StationError("exception_photo_invalid", source.name, name=source.name)
    digest = hashlib.sha256(raw).hexdigest()
    name = f"{digest[:32]}{suffix}"
    folder = data_dir / PHOTO_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():  # the same picture twice is one file
        partial = target.with_suffix(".part")
        shutil.copyfile(source, partial)
        partial.replace(target)
    return name, digest


def _next_number(conn: sqlite3.Connection, now: datetime) -> str:
    prefix = f"E{local_day(now):%y%m%d}-"
    row = conn.execute("SELECT max(number) FROM exceptions WHERE number LIKE ?", (prefix + "%",)).fetchone()
    n = int(row[0].rsplit("-", 1)[1]) + 1 if row[0] else 1
    return f"{prefix}{n:03d}"


def register(conn: sqlite3.Connection, *, kind: str, raised_by: str, description: str, clerk_id: str,
             topic: str = "", raiser_name: str = "", raiser_phone: str = "", courier: str = "",
             waybills: list[str] | None = None, photos: list[Path] | None = None, data_dir: Path | None = None,
             now: datetime | None = None) -> Entry:
    """A new exception, with its parcels (a waybill not in the system is kept and noted) and photos. One op."""
    now = now or utc_now()
    if kind not in KINDS:
        raise StationError("exception_kind_missing", kind)
    if raised_by not in RAISED_BY:
        raise StationError("exception_raiser_missing", raised_by)
    topic = topic if kind == "complaint" else ""
    if kind == "complaint" and topic not in TOPICS:
        raise StationError("exception_topic_missing", topic)
    description = _one_line(description, "exception_text_too_long")
    if not description:
        raise StationError("exception_needs_description")
    raiser_name = raiser_name.strip()[:64]
    phone = "".join(raiser_phone.split())
    if phone and not (phone.isdigit() and len(phone) in (4, 11)):
        raise StationError("exception_phone_invalid", "", value=phone[-4:])
    found = [(w, latest_by_waybill(conn, w)) for w in _waybills(waybills or [])]
    if kind != "complaint" and not found:
        raise StationError("exception_needs_parcel")
    if len(photos or []) > MAX_PHOTOS:
        raise StationError("exception_too_many_photos", "", limit=MAX_PHOTOS)
    stored = [store_photo(p, data_dir) for p in photos or []] if data_dir is not None else []
    courier = courier or next((p.courier for _, p in found if p is not None), "")
    days = deadline_days(conn, kind)
    at, deadline = to_iso(now), to_iso(now + timedelta(days=days))
    exception_id = uuid7()
    with transaction(conn):
        number = _next_number(conn, now)
        conn.execute("INSERT INTO exceptions (id, number, kind, topic, raised_by, raiser_name, raiser_phone, courier, "
                     "description, registered_at, registered_by, deadline_days, deadline_at) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     (exception_id, number, kind, topic, raised_by, raiser_name, phone, courier, description, at,
                      clerk_id, days, deadline))
        conn.executemany("INSERT INTO exception_parcels (exception_id, waybill, parcel_id) VALUES (?,?,?)",
                         [(exception_id, w, p.id if p else None) for w, p in found])
        conn.executemany("INSERT OR IGNORE INTO exception_photos (exception_id, file_name, sha256) VALUES (?,?,?)",
                         [(exception_id, name, digest) for name, digest in stored])
        journal.append(conn, "exception.registered", {
            "exception_id": exception_id, "number": number, "kind": kind, "topic": topic, "raised_by": raised_by,
            "raiser_name": _masked_name(raiser_name), "raiser_phone_tail": phone[-4:], "courier": courier,
            "waybills": [w for w, p in found if p is not None], "unknown_waybills": [w for w, p in found if p is None],
            "description": description, "photos": [{"name": n, "sha256": d} for n, d in dict(stored).items()],
            "deadline_days": days, "deadline_at": deadline}, clerk_id=clerk_id, entity_id=exception_id, at=at)
    return get(conn, exception_id)


def _masked_name(name: str) -> str:
    """王芳 → 王*: the county needs to tell entries apart, not to know who."""
    return f"{name[0]}*" if name else ""


def start(conn: sqlite3.Connection, exception_id: str, note: str, *, clerk_id: str,
          now: datetime | None = None) -> Entry:
    """Taken in hand (contacted the courier, asked for the claim form …); once."""
    note = _one_line(note, "exception_text_too_long")
    at = to_iso(now or utc_now())
    with transaction(conn):
        entry = get(conn, exception_id)
        if entry.status != "registered":
            raise StationError("exception_already_" + entry.status, entry.number, number=entry.number)
        conn.execute("UPDATE exceptions SET status = 'in_progress', started_at = ?, started_by = ?, progress_note = ? "
                     "WHERE id = ?", (at, clerk_id, note, exception_id))
        journal.append(conn, "exception.started", {"exception_id": exception_id, "note": note},
                       clerk_id=clerk_id, entity_id=exception_id, at=at)
    return get(conn, exception_id)


def resolve(conn: sqlite3.Connection, exception_id: str, outcome: str, *, clerk_id: str, amount_fen: int = 0,
            reason: str = "", now: datetime | None = None) -> Entry:
    """Closed with its outcome: compensated needs an amount, rejected needs a reason; once."""
    _not_resolved(get(conn, exception_id))  # said first: no outcome can change a closed entry
    if outcome not in OUTCOMES:
        raise StationError("exception_needs_outcome", outcome)
    reason = _one_line(reason, "exception_text_too_long")
    if outcome == "rejected" and not reason:
        raise StationError("exception_reject_needs_reason")
    if outcome == "compensated" and not 0 < amount_fen <= 100_000_000:
        raise StationError("exception_needs_amount")
    if outcome != "compensated":
        amount_fen = 0
    at = to_iso(now or utc_now())
    with transaction(conn):
        _not_resolved(get(conn, exception_id))  # again inside: another PC may have resolved it meanwhile
        conn.execute("UPDATE exceptions SET status = 'resolved', resolved_at = ?, resolved_by = ?, outcome = ?, "
                     "amount_fen = ?, reason = ? WHERE id = ?", (at, clerk_id, outcome, amount_fen, reason,
                                                                 exception_id))
        journal.append(conn, "exception.resolved", {"exception_id": exception_id, "outcome": outcome,
                                                    "amount_fen": amount_fen, "reason": reason},
                       clerk_id=clerk_id, entity_id=exception_id, at=at)
    return get(conn, exception_id)


def _not_resolved(entry: Entry) -> None:
    if entry.status == "resolved":
        raise StationError("exception_already_resolved", entry.number, number=entry.number)


_COLUMNS = ", ".join(Entry.__dataclass_fields__)


def get(conn: sqlite3.Connection, exception_id: str) -> Entry:
    row = conn.execute(f"SELECT {_COLUMNS} FROM exceptions WHERE id = ?", (exception_id,)).fetchone()
    if row is None:
        raise StationError("exception_unknown", exception_id)
    return Entry(*row)


def listed(conn: sqlite3.Connection, *, open_only: bool = False, limit: int = 500) -> list[Entry]:
    """Open ones first by deadline, then the resolved, newest first."""
    where = "WHERE status != 'resolved'" if open_only else ""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM exceptions {where} ORDER BY status = 'resolved', "
                        "CASE WHEN status = 'resolved' THEN '' ELSE deadline_at END, registered_at DESC LIMIT ?",
                        (limit,))
    return [Entry(*r) for r in rows]


def overdue(conn: sqlite3.Connection, now: datetime | None = None) -> list[Entry]:
    """Open exceptions past their deadline, the longest overdue first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM exceptions WHERE status != 'resolved' AND deadline_at < ? "
                        "ORDER BY deadline_at", (to_iso(now or utc_now()),))
    return [Entry(*r) for r in rows]


def parcels_of(conn: sqlite3.Connection, exception_id: str) -> list[Parcel]:
    return [Parcel(w, p) for w, p in conn.execute(
        "SELECT waybill, parcel_id FROM exception_parcels WHERE exception_id = ? ORDER BY rowid", (exception_id,))]


def photos_of(conn: sqlite3.Connection, exception_id: str) -> list[tuple[str, str]]:
    return [(n, d) for n, d in conn.execute(
        "SELECT file_name, sha256 FROM exception_photos WHERE exception_id = ? ORDER BY file_name", (exception_id,))]
