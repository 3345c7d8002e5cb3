"""The county server's SQLite storage: stations and credentials, the op ledger, feed, reference data."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from .. import protocol

DB_FILENAME = "county.db"
ENROLMENT_VALID = timedelta(days=30)
CREDENTIALS_VALID = timedelta(days=365)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def connect(data_dir: Path) -> sqlite3.Connection:
    data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None, timeout=30, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=30000")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def init(data_dir: Path) -> None:
    conn = connect(data_dir)
    try:
        conn.executescript(resources.files("sync.server").joinpath("schema.sql").read_text(encoding="utf-8"))
    finally:
        conn.close()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Refused(Exception):
    """A request the server will not carry out; ``status`` is the HTTP status, ``code`` the reason."""

    def __init__(self, status: int, code: str, detail: str = "") -> None:
        self.status, self.code = status, code
        super().__init__(f"{code}: {detail}" if detail else code)


def security_event(conn: sqlite3.Connection, station: str | None, event: str, detail: str) -> None:
    conn.execute("INSERT INTO security_log (at, station, event, detail) VALUES (?,?,?,?)",
                 (now_iso(), station, event, detail[:500]))


# ----- stations and credentials ------------------------------------------------------------------------------
def add_station(conn: sqlite3.Connection, code: str, name: str) -> str:
    """Create (or re-enrol) a station; returns a one-time enrolment code."""
    enrolment = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    with transaction(conn):
        conn.execute("INSERT INTO stations (code, name, created_at) VALUES (?,?,?) ON CONFLICT(code) DO NOTHING",
                     (code, name, now_iso()))
        conn.execute("INSERT INTO enrolment_codes (code_hash, station, expires_at) VALUES (?,?,?)",
                     (sha256(enrolment), code, (datetime.now(UTC) + ENROLMENT_VALID).isoformat()))
    return enrolment


def enroll(conn: sqlite3.Connection, code: str, device_id: str) -> tuple[str, str, str]:
    """Trade an enrolment code for a bearer token: (station code, station name, token)."""
    with transaction(conn):
        row = conn.execute("SELECT * FROM enrolment_codes WHERE code_hash = ?", (sha256(code.strip().upper()),)
                           ).fetchone()
        if row is None or row["used_at"] or row["expires_at"] < datetime.now(UTC).isoformat():
            security_event(conn, None, "enrol_refused", device_id)
            raise Refused(403, "enrolment_refused")
        conn.execute("UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ?", (now_iso(), row["code_hash"]))
        token = secrets.token_urlsafe(32)
        conn.execute("INSERT INTO credentials (token_hash, station, device_id, created_at, expires_at) "
                     "VALUES (?,?,?,?,?)", (sha256(token), row["station"], device_id, now_iso(),
                                            (datetime.now(UTC) + CREDENTIALS_VALID).isoformat()))
        name = conn.execute("SELECT name FROM stations WHERE code = ?", (row["station"],)).fetchone()[0]
    return row["station"], name, token


@dataclass(frozen=True)
class Caller:
    station: str
    device_id: str


def authenticate(conn: sqlite3.Connection, authorization: str | None) -> Caller:
    if not authorization or not authorization.startswith("Bearer "):
        raise Refused(401, "credentials_missing")
    row = conn.execute("SELECT * FROM credentials WHERE token_hash = ?", (sha256(authorization[7:].strip()),)
                       ).fetchone()
    if row is None:
        raise Refused(401, "credentials_unknown")
    if row["revoked_at"]:
        raise Refused(401, "credentials_revoked")
    if row["expires_at"] < datetime.now(UTC).isoformat():
        raise Refused(401, "credentials_expired")
    return Caller(row["station"], row["device_id"])


def revoke(conn: sqlite3.Connection, station: str) -> int:
    with transaction(conn):
        return conn.execute("UPDATE credentials SET revoked_at = ? WHERE station = ? AND revoked_at IS NULL",
                            (now_iso(), station)).rowcount


def expire(conn: sqlite3.Connection, station: str) -> int:
    """For county IT testing a station's renewal path: its credentials lapse now."""
    with transaction(conn):
        return conn.execute("UPDATE credentials SET expires_at = ? WHERE station = ?",
                            ((datetime.now(UTC) - timedelta(seconds=1)).isoformat(), station)).rowcount


# ----- ops -----------------------------------------------------------------------------------------------------
def apply_batch(conn: sqlite3.Connection, caller: Caller, ops: list[Any],
                station_named: str | None = None) -> tuple[list[str], list[tuple[str, str]], int]:
    """Apply a batch in one transaction; each op is applied once, ever.

    Returns the op ids, (status, code) per op in order, and the highest device_seq seen from this device.
    """
    ids: list[str] = []
    results: list[tuple[str, str]] = []
    received = now_iso()
    with transaction(conn):
        for raw in ops:
            try:
                op = protocol.check_op(raw)
            except protocol.ProtocolError as err:
                op_id = str(raw.get("op_id", "?")) if isinstance(raw, dict) else "?"
                ids.append(op_id)
                results.append(_reject(conn, caller, op_id, err.code))
                continue
            ids.append(op["op_id"])
            results.append(_apply_one(conn, caller, op, received, station_named))
        high = conn.execute("SELECT max(device_seq) FROM ledger WHERE device_id = ?", (caller.device_id,)
                            ).fetchone()[0]
    return ids, results, high or 0


def _reject(conn: sqlite3.Connection, caller: Caller, op_id: str, code: str) -> tuple[str, str]:
    conn.execute("INSERT INTO rejections (op_id, station, code, at) VALUES (?,?,?,?)",
                 (op_id, caller.station, code, now_iso()))
    return ("rejected", code)


def _apply_one(conn: sqlite3.Connection, caller: Caller, op: dict[str, Any], received: str,
               station_named: str | None) -> tuple[str, str]:
    digest = protocol.payload_hash(op)
    seen = conn.execute("SELECT payload_hash FROM ledger WHERE op_id = ?", (op["op_id"],)).fetchone()
    if seen is not None:
        if seen[0] == digest:
            return ("duplicate", "")
        security_event(conn, caller.station, "op_conflict", op["op_id"])
        return _reject(conn, caller, op["op_id"], "conflict")
    named = {op.get("station"), station_named}
    if op["type"] == "station.created":
        named.add(op["payload"].get("code"))
    others = named - {None, caller.station}
    if others:  # the station is whoever the credentials belong to: an op naming another is refused
        security_event(conn, caller.station, "op_for_other_station", f"{op['op_id']} names {sorted(map(str, others))}")
        return _reject(conn, caller, op["op_id"], "wrong_station")
    conn.execute(
        "INSERT INTO ledger (op_id, station, device_id, device_seq, type, entity_id, payload, payload_hash,"
        " created_at, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (op["op_id"], caller.station, caller.device_id, op["device_seq"], op["type"], op.get("entity_id"),
         json.dumps(op["payload"], ensure_ascii=False, sort_keys=True), digest, op["created_at"], received))
    _project(conn, caller.station, op)
    return ("applied", "")


def _project(conn: sqlite3.Connection, station: str, op: dict[str, Any]) -> None:
    """Keep the report tables and the SMS outbox in step with the parcel ops."""
    p, at, kind = op["payload"], op["created_at"], op["type"]
    if kind == "parcel.received":
        conn.execute("INSERT OR IGNORE INTO parcels (parcel_id, station, waybill, status, received_at) "
                     "VALUES (?,?,?,'in_stock',?)", (p.get("parcel_id"), station, p.get("waybill", ""), at))
    elif kind == "parcel.picked_up":
        conn.execute("UPDATE parcels SET status='picked_up', picked_up_at=? WHERE parcel_id=?",
                     (at, p.get("parcel_id")))
    elif kind == "parcel.returned":
        conn.execute("UPDATE parcels SET status='returned', returned_at=? WHERE parcel_id=?",
                     (at, p.get("parcel_id")))
    elif kind == "parcel.pickup_undone":
        conn.execute("UPDATE parcels SET status='in_stock', picked_up_at=NULL WHERE parcel_id=?",
                     (p.get("parcel_id"),))
    if p.get("notification_id") and p.get("sms_body") is not None:
        conn.execute("INSERT OR IGNORE INTO sms_outbox (notification_id, station, parcel_id, phone, body, created_at)"
                     " VALUES (?,?,?,?,?,?)", (p["notification_id"], station, p.get("parcel_id"),
                                               p.get("recipient_phone", ""), p["sms_body"], at))


def reconcile(conn: sqlite3.Connection, caller: Caller, day: str, digest: str) -> dict[str, Any]:
    """Compare a station's op ids for a UTC day with the ledger; on mismatch send ours so it can re-send.

    Never a full overwrite: the station only re-sends what the county lacks."""
    rows = conn.execute("SELECT op_id, type FROM ledger WHERE station = ? AND substr(created_at, 1, 10) = ?",
                        (caller.station, day)).fetchall()
    ids = [r[0] for r in rows]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    if protocol.op_digest(ids) == digest:
        return {"match": True, "counts": counts}
    return {"match": False, "counts": counts, "op_ids": ids}


# ----- feed ----------------------------------------------------------------------------------------------------
def add_feed(conn: sqlite3.Connection, station: str, kind: str, body: dict[str, Any]) -> None:
    """Inside the caller's transaction."""
    conn.execute("INSERT INTO feed (station, kind, body, created_at) VALUES (?,?,?,?)",
                 (station, kind, json.dumps(body, ensure_ascii=False), now_iso()))


def read_feed(conn: sqlite3.Connection, caller: Caller, after: int, limit: int) -> dict[str, Any]:
    rows = conn.execute("SELECT seq, kind, body FROM feed WHERE station = ? AND seq > ? ORDER BY seq LIMIT ?",
                        (caller.station, after, max(1, min(limit, 1000)))).fetchall()
    items = [{"seq": r["seq"], "kind": r["kind"], "body": json.loads(r["body"])} for r in rows]
    return {"items": items, "next": items[-1]["seq"] if items else after}


# ----- reference data ------------------------------------------------------------------------------------------
def current_refs(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT kind, max(version) AS version FROM reference GROUP BY kind").fetchall()
    out = []
    for r in rows:
        ref = conn.execute("SELECT sha256, length(body) AS size FROM reference WHERE kind = ? AND version = ?",
                           (r["kind"], r["version"])).fetchone()
        out.append({"kind": r["kind"], "version": r["version"], "sha256": ref["sha256"], "size": ref["size"]})
    return out


def ref_body(conn: sqlite3.Connection, kind: str, version: int) -> bytes:
    row = conn.execute("SELECT body FROM reference WHERE kind = ? AND version = ?", (kind, version)).fetchone()
    if row is None:
        raise Refused(404, "ref_unknown")
    return bytes(row[0])


def store_ref(conn: sqlite3.Connection, kind: str, rows: list[dict[str, Any]]) -> int:
    """A new version of a kind, whole; stations swap to it atomically after checking its hash."""
    body = json.dumps({"kind": kind, "rows": rows}, ensure_ascii=False, sort_keys=True).encode()
    with transaction(conn):
        version = (conn.execute("SELECT max(version) FROM reference WHERE kind = ?", (kind,)).fetchone()[0] or 0) + 1
        conn.execute("INSERT INTO reference (kind, version, sha256, body, created_at) VALUES (?,?,?,?,?)",
                     (kind, version, sha256(body), body, now_iso()))
    return version


# ----- releases ------------------------------------------------------------------------------------------------
def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def publish_release(conn: sqlite3.Connection, version: str, url: str) -> None:
    if not version_key(version) or not url.strip():
        raise Refused(400, "release_invalid")
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO releases (version, url, created_at) VALUES (?,?,?)",
                     (version, url.strip(), now_iso()))


def newest_release(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute("SELECT version, url FROM releases").fetchall()
    if not rows:
        return {}
    best = max(rows, key=lambda r: version_key(r["version"]))
    return {"version": best["version"], "url": best["url"]}
