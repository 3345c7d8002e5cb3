"""盘库: a shelf stocktake. Shelf by shelf the clerk scans every parcel on it; each scan is found on the shelf the
station recorded (ok), on another shelf (misplaced), or is not in stock at all (extra: picked up, returned, lost,
never received). Parcels in stock on a counted shelf that nobody scanned are missing. Everything scanned is in
the database (with its op), so a stocktake survives the app being closed and goes on where it was.

Corrections are ops: a misplaced parcel is re-shelved where it was found, with a new pickup code and a new text
(as on arrival); a missing parcel of a finished stocktake is marked lost and leaves the stock.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from . import couriers, journal, notifications, shelving, station
from .clock import from_iso, to_iso, utc_now
from .db import transaction
from .errors import StationError
from .ids import uuid7
from .parcels import Parcel, clean_scan, get, in_stock_by_waybill, latest_by_waybill, select

# a shelf label carries "shelf-layer" (labels/kinds/shelf_label.py); a bare shelf number is typed by hand
_SHELF_CODE = re.compile(r"^\s*(\d{1,2})(?:-\d{1,2})?\s*$")
LOST_REASON = "lost"  # parcels.return_reason of a parcel marked lost (the status CHECK knows no 'lost')


@dataclass(frozen=True)
class Stocktake:
    id: str
    status: str
    started_at: str
    finished_at: str | None
    current_shelf: int | None
    shelves: list[int]


@dataclass(frozen=True)
class Finding:
    """One scan: ``finding`` is ok, misplaced or extra; ``status`` the parcel's ('' if never received here)."""

    waybill: str
    shelf: int
    finding: str
    parcel_id: str | None
    recorded_shelf: int | None
    status: str
    corrected: str = ""  # 'reshelved' once corrected


@dataclass(frozen=True)
class Missing:
    parcel_id: str
    waybill: str
    shelf: int
    pickup_code: str
    corrected: str = ""  # 'lost' once marked


@dataclass(frozen=True)
class Counts:
    scanned: int
    ok: int
    misplaced: int
    extra: int
    missing: int


@dataclass(frozen=True)
class Report:
    stocktake: Stocktake
    counts: Counts
    missing: list[Missing]
    extra: list[Finding]
    misplaced: list[Finding]


def shelf_from_scan(text: str) -> int | None:
    """The shelf a scanned shelf label ("3-2") or a typed number ("3") names; None if it is not one."""
    found = _SHELF_CODE.match(text)
    return int(found.group(1)) if found else None


def _load(conn: sqlite3.Connection, row: sqlite3.Row | None) -> Stocktake | None:
    if row is None:
        return None
    shelves = [r[0] for r in conn.execute("SELECT shelf FROM stocktake_shelves WHERE stocktake_id = ? "
                                          "ORDER BY started_at, shelf", (row["id"],))]
    return Stocktake(row["id"], row["status"], row["started_at"], row["finished_at"], row["current_shelf"], shelves)


def current(conn: sqlite3.Connection) -> Stocktake | None:
    """The open stocktake, if one was started and not finished (also after the app was closed)."""
    return _load(conn, conn.execute("SELECT * FROM stocktakes WHERE status = 'open'").fetchone())


def get_stocktake(conn: sqlite3.Connection, stocktake_id: str) -> Stocktake:
    found = _load(conn, conn.execute("SELECT * FROM stocktakes WHERE id = ?", (stocktake_id,)).fetchone())
    if found is None:
        raise StationError("stocktake_none")
    return found


def last_finished(conn: sqlite3.Connection) -> Stocktake | None:
    return _load(conn, conn.execute("SELECT * FROM stocktakes WHERE status = 'finished' "
                                    "ORDER BY finished_at DESC LIMIT 1").fetchone())


def start(conn: sqlite3.Connection, *, clerk_id: str, now: datetime | None = None) -> Stocktake:
    if current(conn) is not None:
        raise StationError("stocktake_open")
    stocktake_id, at = uuid7(), to_iso(now or utc_now())
    with transaction(conn):
        conn.execute("INSERT INTO stocktakes (id, status, started_at, started_by) VALUES (?, 'open', ?, ?)",
                     (stocktake_id, at, clerk_id))
        journal.append(conn, "stocktake.started", {"stocktake_id": stocktake_id}, clerk_id=clerk_id,
                       entity_id=stocktake_id, at=at)
    return get_stocktake(conn, stocktake_id)


def _open(conn: sqlite3.Connection, stocktake_id: str) -> Stocktake:
    found = get_stocktake(conn, stocktake_id)
    if found.status != "open":
        raise StationError("stocktake_finished")
    return found


def choose_shelf(conn: sqlite3.Connection, stocktake_id: str, shelf: int, *, clerk_id: str,
                 now: datetime | None = None) -> Stocktake:
    """Count ``shelf`` next (a shelf counted before goes on: its scans are kept)."""
    _open(conn, stocktake_id)
    if shelf not in {s.shelf for s in shelving.shelves(conn)}:
        raise StationError("stocktake_shelf_unknown", str(shelf), shelf=shelf)
    at = to_iso(now or utc_now())
    with transaction(conn):
        conn.execute("INSERT INTO stocktake_shelves (stocktake_id, shelf, started_at) VALUES (?,?,?) "
                     "ON CONFLICT (stocktake_id, shelf) DO NOTHING", (stocktake_id, shelf, at))
        conn.execute("UPDATE stocktakes SET current_shelf = ? WHERE id = ?", (shelf, stocktake_id))
        journal.append(conn, "stocktake.shelf_chosen", {"stocktake_id": stocktake_id, "shelf": shelf},
                       clerk_id=clerk_id, entity_id=stocktake_id, at=at)
    return get_stocktake(conn, stocktake_id)


def scan(conn: sqlite3.Connection, stocktake_id: str, scanned: str, *, clerk_id: str,
         now: datetime | None = None) -> Finding:
    """One parcel found on the shelf being counted; every lookup is one index probe (waybill_key, the scan's key)."""
    waybill = clean_scan(scanned)
    key = waybill.upper()
    at = to_iso(now or utc_now())
    with transaction(conn):
        row = conn.execute("SELECT status, current_shelf FROM stocktakes WHERE id = ?", (stocktake_id,)).fetchone()
        if row is None:
            raise StationError("stocktake_none")
        if row["status"] != "open":
            raise StationError("stocktake_finished")
        shelf = row["current_shelf"]
        if shelf is None:
            raise StationError("stocktake_shelf_first")
        before = conn.execute("SELECT shelf FROM stocktake_scans WHERE stocktake_id = ? AND waybill_key = ?",
                              (stocktake_id, key)).fetchone()
        if before is not None:
            raise StationError("stocktake_already_scanned", waybill, waybill=waybill, shelf=before[0])
        parcel = in_stock_by_waybill(conn, waybill)
        if parcel is not None:
            finding = "ok" if parcel.shelf == shelf else "misplaced"
            found = Finding(parcel.waybill, shelf, finding, parcel.id, parcel.shelf, parcel.status)
        else:
            earlier = latest_by_waybill(conn, waybill)
            status = "" if earlier is None else (LOST_REASON if earlier.return_reason == LOST_REASON
                                                 else earlier.status)
            found = Finding(waybill, shelf, "extra", earlier.id if earlier else None, None, status)
        conn.execute("INSERT INTO stocktake_scans (stocktake_id, waybill_key, waybill, shelf, finding, parcel_id,"
                     " recorded_shelf, status, scanned_at) VALUES (?,?,?,?,?,?,?,?,?)",
                     (stocktake_id, key, found.waybill, shelf, found.finding, found.parcel_id, found.recorded_shelf,
                      found.status, at))
        journal.append(conn, "stocktake.scanned", {
            "stocktake_id": stocktake_id, "shelf": shelf, "waybill": found.waybill, "finding": found.finding,
            "parcel_id": found.parcel_id, "recorded_shelf": found.recorded_shelf or 0,
        }, clerk_id=clerk_id, entity_id=stocktake_id, at=at)
    return found


def to_find(conn: sqlite3.Connection, stocktake_id: str, shelf: int) -> list[Parcel]:
    """Parcels the station has on ``shelf`` that this stocktake has not scanned anywhere yet."""
    return select(conn, "status = 'in_stock' AND shelf = ? AND NOT EXISTS (SELECT 1 FROM stocktake_scans s "
                  "WHERE s.stocktake_id = ? AND s.parcel_id = parcels.id)", (shelf, stocktake_id),
                  tail="ORDER BY layer, pickup_code")


def _corrections(conn: sqlite3.Connection, stocktake_id: str) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT parcel_id, kind FROM stocktake_corrections "
                                             "WHERE stocktake_id = ?", (stocktake_id,))}


def missing(conn: sqlite3.Connection, stocktake_id: str) -> list[Missing]:
    """Open: parcels in stock on the counted shelves, not scanned. Finished: those it found missing then."""
    st = get_stocktake(conn, stocktake_id)
    done = _corrections(conn, stocktake_id)
    if st.status == "finished":
        rows = conn.execute("SELECT parcel_id, waybill, shelf, pickup_code FROM stocktake_missing "
                            "WHERE stocktake_id = ? ORDER BY shelf, pickup_code", (stocktake_id,)).fetchall()
        return [Missing(r[0], r[1], r[2], r[3], done.get(r[0], "")) for r in rows]
    return [Missing(p.id, p.waybill, p.shelf, p.pickup_code, done.get(p.id, ""))
            for shelf in sorted(st.shelves) for p in to_find(conn, stocktake_id, shelf)]


def findings(conn: sqlite3.Connection, stocktake_id: str, finding: str) -> list[Finding]:
    """Scans of one kind (ok, misplaced, extra), newest first."""
    done = _corrections(conn, stocktake_id)
    rows = conn.execute("SELECT waybill, shelf, finding, parcel_id, recorded_shelf, status FROM stocktake_scans "
                        "WHERE stocktake_id = ? AND finding = ? ORDER BY scanned_at DESC, waybill",
                        (stocktake_id, finding)).fetchall()
    return [Finding(r[0], r[1], r[2], r[3], r[4], r[5] or "", done.get(r[3] or "", "")) for r in rows]


def counts(conn: sqlite3.Connection, stocktake_id: str, *, is_open: bool | None = None) -> Counts:
    """What a stocktake found so far; ``is_open`` when the caller knows it (a scan: one query fewer)."""
    by = dict(conn.execute("SELECT finding, count(*) FROM stocktake_scans WHERE stocktake_id = ? GROUP BY finding",
                           (stocktake_id,)).fetchall())
    if is_open is None:
        is_open = get_stocktake(conn, stocktake_id).status == "open"
    if not is_open:
        lost = conn.execute("SELECT count(*) FROM stocktake_missing WHERE stocktake_id = ?",
                            (stocktake_id,)).fetchone()[0]
    else:
        lost = conn.execute(
            "SELECT count(*) FROM stocktake_shelves AS t CROSS JOIN parcels AS p ON p.status = 'in_stock' "
            "AND p.shelf = t.shelf WHERE t.stocktake_id = ? AND NOT EXISTS (SELECT 1 FROM stocktake_scans s "
            "WHERE s.stocktake_id = t.stocktake_id AND s.parcel_id = p.id)", (stocktake_id,)).fetchone()[0]
    return Counts(sum(by.values()), by.get("ok", 0), by.get("misplaced", 0), by.get("extra", 0), lost)


def report(conn: sqlite3.Connection, stocktake_id: str) -> Report:
    return Report(get_stocktake(conn, stocktake_id), counts(conn, stocktake_id), missing(conn, stocktake_id),
                  findings(conn, stocktake_id, "extra"), findings(conn, stocktake_id, "misplaced"))


def finish(conn: sqlite3.Connection, stocktake_id: str, *, clerk_id: str, now: datetime | None = None) -> Report:
    """Close the stocktake: what is missing now is kept as its finding; the op carries what it found."""
    st = _open(conn, stocktake_id)
    if not st.shelves:
        raise StationError("stocktake_shelf_first")
    at = to_iso(now or utc_now())
    with transaction(conn):
        gone = missing(conn, stocktake_id)
        conn.executemany("INSERT INTO stocktake_missing (stocktake_id, parcel_id, waybill, shelf, pickup_code) "
                         "VALUES (?,?,?,?,?)", [(stocktake_id, m.parcel_id, m.waybill, m.shelf, m.pickup_code)
                                               for m in gone])
        conn.execute("UPDATE stocktakes SET status = 'finished', finished_at = ? WHERE id = ?", (at, stocktake_id))
        scans = conn.execute("SELECT waybill, finding FROM stocktake_scans WHERE stocktake_id = ? ORDER BY waybill",
                             (stocktake_id,)).fetchall()
        journal.append(conn, "stocktake.finished", {
            "stocktake_id": stocktake_id, "shelves": sorted(st.shelves), "scanned": len(scans),
            "missing": [m.waybill for m in gone], "extra": [r[0] for r in scans if r[1] == "extra"],
            "misplaced": [r[0] for r in scans if r[1] == "misplaced"],
        }, clerk_id=clerk_id, entity_id=stocktake_id, at=at)
    return report(conn, stocktake_id)


def _not_corrected(conn: sqlite3.Connection, stocktake_id: str, parcel_id: str) -> None:
    if conn.execute("SELECT 1 FROM stocktake_corrections WHERE stocktake_id = ? AND parcel_id = ?",
                    (stocktake_id, parcel_id)).fetchone():
        raise StationError("stocktake_already_corrected")


def _free_layer(conn: sqlite3.Connection, shelf: int) -> int:
    """The first layer of ``shelf`` with room (the first layer if all are full: the parcel is there anyway)."""
    for s in shelving.shelves(conn):
        if s.shelf == shelf:
            return next((layer for layer in range(1, s.layers + 1)
                         if shelving.in_stock_at(conn, shelf, layer) < s.capacity), 1)
    return 1


def reshelve(conn: sqlite3.Connection, stocktake_id: str, parcel_id: str, *, clerk_id: str,
             now: datetime | None = None) -> Parcel:
    """A misplaced parcel stays where it was found: a new pickup code there, and a new text with that code."""
    now = now or utc_now()
    at = to_iso(now)
    with transaction(conn):
        row = conn.execute("SELECT shelf FROM stocktake_scans WHERE stocktake_id = ? AND parcel_id = ? "
                           "AND finding = 'misplaced'", (stocktake_id, parcel_id)).fetchone()
        if row is None:
            raise StationError("stocktake_not_misplaced")
        _not_corrected(conn, stocktake_id, parcel_id)
        parcel = get(conn, parcel_id)
        if parcel.status != "in_stock":
            raise StationError("parcel_not_in_stock", parcel.waybill, waybill=parcel.waybill, status=parcel.status)
        shelf = row[0]
        slot = shelving.Slot(shelf, _free_layer(conn, shelf))
        code = shelving.take_code(conn, slot)
        conn.execute("UPDATE parcels SET shelf = ?, layer = ?, pickup_code = ? WHERE id = ?",
                     (slot.shelf, slot.layer, code, parcel_id))
        notifications.cancel_for(conn, parcel_id, now)  # a text with the old code must not go out
        sms: dict[str, str] = {}
        if parcel.recipient_phone:  # a privacy waybill has no number to text: the clerk tells them
            here = station.get(conn)
            body = notifications.render(conn, station=here.name if here else "", courier=couriers.names(conn).get(
                parcel.courier, "快递"), waybill=parcel.waybill, code=code, received=from_iso(parcel.received_at))
            sms = {"notification_id": notifications.queue(conn, parcel_id, "arrival", parcel.recipient_phone,
                                                          body, now), "sms_body": body}
        conn.execute("INSERT INTO stocktake_corrections (stocktake_id, parcel_id, kind, at, clerk_id) "
                     "VALUES (?,?, 'reshelved', ?,?)", (stocktake_id, parcel_id, at, clerk_id))
        journal.append(conn, "parcel.reshelved", {
            "parcel_id": parcel_id, "waybill": parcel.waybill, "stocktake_id": stocktake_id,
            "from_code": parcel.pickup_code, "pickup_code": code, "shelf": slot.shelf, "layer": slot.layer, **sms,
        }, clerk_id=clerk_id, entity_id=parcel_id, at=at)
    return get(conn, parcel_id)


def mark_lost(conn: sqlite3.Connection, stocktake_id: str, parcel_id: str, *, clerk_id: str, note: str = "",
              now: datetime | None = None) -> Parcel:
    """A parcel a finished stocktake found missing leaves the stock as lost (its texts not yet sent are cancelled).

    The exceptions register (built beside this line) will take lost parcels over; until then the row keeps
    status 'returned' with return reason 'lost' (SQLite cannot widen the status CHECK without rebuilding parcels)
    and the op says what happened."""
    now = now or utc_now()
    at = to_iso(now)
    with transaction(conn):
        st = get_stocktake(conn, stocktake_id)
        if st.status != "finished":
            raise StationError("stocktake_lost_after_finish")
        row = conn.execute("SELECT pickup_code FROM stocktake_missing WHERE stocktake_id = ? AND parcel_id = ?",
                           (stocktake_id, parcel_id)).fetchone()
        if row is None:
            raise StationError("stocktake_not_missing")
        _not_corrected(conn, stocktake_id, parcel_id)
        parcel = get(conn, parcel_id)
        if parcel.status != "in_stock":
            raise StationError("parcel_not_in_stock", parcel.waybill, waybill=parcel.waybill, status=parcel.status)
        conn.execute("UPDATE parcels SET status = 'returned', returned_at = ?, return_reason = ? WHERE id = ?",
                     (at, LOST_REASON, parcel_id))
        notifications.cancel_for(conn, parcel_id, now)
        conn.execute("INSERT INTO stocktake_corrections (stocktake_id, parcel_id, kind, at, clerk_id) "
                     "VALUES (?,?, 'lost', ?,?)", (stocktake_id, parcel_id, at, clerk_id))
        journal.append(conn, "parcel.marked_lost", {
            "parcel_id": parcel_id, "waybill": parcel.waybill, "stocktake_id": stocktake_id,
            "pickup_code": parcel.pickup_code, "note": note.strip()[:200],
        }, clerk_id=clerk_id, entity_id=parcel_id, at=at)
    return get(conn, parcel_id)
