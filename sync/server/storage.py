"""The county server's SQLite storage: stations and credentials, the op ledger, feed, reference data."""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from .. import ops, protocol
from . import db, message_reads, rollups, schema_versions, sms, writer

DB_FILENAME = db.SQLITE_FILENAME
ENROLMENT_VALID = timedelta(days=30)
CREDENTIALS_VALID = timedelta(days=365)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def connect(data_dir: Path, url: str | None = None) -> sqlite3.Connection:
    """The county database: county.db in the data folder, or PostgreSQL when COUNTY_DATABASE_URL names one
    (``county-server --database`` sets it for the process and its workers); ``url`` "" forces SQLite. db.py."""
    return db.connect(data_dir, url)


def init(data_dir: Path, url: str | None = None) -> None:
    conn = connect(data_dir, url)
    try:
        if db.dialect(conn) == "sqlite":
            # SQLite's baseline, then the steps for files made by older servers (PostgreSQL starts at today's shape)
            conn.executescript(resources.files("sync.server").joinpath("schema.sql").read_text(encoding="utf-8"))
            migrate(conn)
        schema_versions.apply(conn)
    finally:
        conn.close()


# Columns added after the first release: a county database made by an older server gets them once.
ADDED_COLUMNS: dict[str, dict[str, str]] = {
    "rejections": {"detail": "TEXT NOT NULL DEFAULT ''", "device_seq": "INTEGER"},
    "parcels": {"recipient_phone": "TEXT NOT NULL DEFAULT ''", "courier": "TEXT NOT NULL DEFAULT ''",
                "pickup_code": "TEXT NOT NULL DEFAULT ''"},
    "sms_outbox": {"kind": "TEXT NOT NULL DEFAULT 'arrival'", "claimed_by": "TEXT", "claimed_at": "TEXT"},
    # what the device last said about itself with an upload (protocol.StationStatus); NULL: never said
    "devices": {"app_version": "TEXT", "ops_waiting": "INTEGER", "status_at": "TEXT",
                # kept at ingest so the console's health page reads 300 rows, not the ledger (migration 0002)
                "seqs_received": "INTEGER NOT NULL DEFAULT 0", "last_received_at": "TEXT"},
}
SCHEMA_VERSION = 3  # 3: rollups keyed by courier, product, route and dwell (sync/server/derived.py)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring an existing county database up to this server's shape; safe to run at every start."""
    with transaction(conn):
        for table, columns in ADDED_COLUMNS.items():
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            for name, declaration in columns.items():
                if name not in have:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")
        conn.execute("CREATE TABLE IF NOT EXISTS rollups (station TEXT NOT NULL, day TEXT NOT NULL, figure TEXT "
                     "NOT NULL, key TEXT NOT NULL DEFAULT '', value INTEGER NOT NULL, "
                     "PRIMARY KEY (station, day, figure, key))")
        conn.execute("CREATE INDEX IF NOT EXISTS ledger_entity ON ledger(station, entity_id)")
        conn.execute("CREATE INDEX IF NOT EXISTS sms_outbox_queue ON sms_outbox(state, created_at)")
        conn.execute("CREATE INDEX IF NOT EXISTS sms_outbox_station_day ON sms_outbox(station, created_at)")
        conn.execute("CREATE INDEX IF NOT EXISTS sms_outbox_phone_day ON sms_outbox(phone, created_at)")
        # the receipts round asks for the last days' sent texts of one gateway, not every text it ever sent
        conn.execute("CREATE INDEX IF NOT EXISTS sms_texts_receipts ON sms_texts(gateway, state, sent_at)")
        if conn.execute("PRAGMA user_version").fetchone()[0] < 1:
            # Devices enrolled before they were owned: each belongs to the station of its first credential,
            # and its high sequence counts only what that station sent, within range.
            conn.execute("INSERT INTO devices (device_id, station, token_hash, enrolled_at) "
                         "SELECT device_id, station, token_hash, created_at FROM credentials ORDER BY created_at "
                         "ON CONFLICT DO NOTHING")
            conn.execute("UPDATE devices SET high_seq = coalesce((SELECT max(device_seq) FROM ledger l WHERE "
                         "l.device_id = devices.device_id AND l.station = devices.station AND l.device_seq "
                         "BETWEEN 1 AND ?), 0)", (ops.MAX_SEQ,))
            # Texts queued with words a station wrote are not sent: the county writes its own now.
            conn.execute("UPDATE sms_outbox SET state = 'held' WHERE state = 'queued'")
            conn.execute("PRAGMA user_version = 1")
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            rollups.rebuild(conn)  # figures came from ledger scans or fewer keys before: project the ledger once
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


transaction = db.transaction  # BEGIN IMMEDIATE on SQLite, SERIALIZABLE on PostgreSQL (db.Busy on a conflict)


class Refused(Exception):
    """A request the server will not carry out; ``status`` is the HTTP status, ``code`` the reason."""

    def __init__(self, status: int, code: str, detail: str = "") -> None:
        self.status, self.code = status, code
        super().__init__(f"{code}: {detail}" if detail else code)


def security_event(conn: sqlite3.Connection, station: str | None, event: str, detail: str) -> None:
    conn.execute("INSERT INTO security_log (at, station, event, detail) VALUES (?,?,?,?)",
                 (now_iso(), station, event, printable(detail, 500)))


def printable(text: str, limit: int) -> str:
    """Hostile text made safe to store and log: bounded, valid UTF-8, one line."""
    return ops.CONTROL.sub("?", text[:limit].encode("utf-8", "replace").decode("utf-8"))


# ----- stations and credentials ------------------------------------------------------------------------------
def add_station(conn: sqlite3.Connection, code: str, name: str) -> str:
    """Create (or re-enrol) a station; returns a one-time enrolment code."""
    with transaction(conn):
        return add_station_in(conn, code, name)


def add_station_in(conn: sqlite3.Connection, code: str, name: str) -> str:
    """add_station inside the caller's transaction (the county's station record is written in the same one)."""
    enrolment = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    conn.execute("INSERT INTO stations (code, name, created_at) VALUES (?,?,?) ON CONFLICT(code) DO NOTHING",
                 (code, name, now_iso()))
    conn.execute("INSERT INTO enrolment_codes (code_hash, station, expires_at) VALUES (?,?,?)",
                 (sha256(enrolment), code, (datetime.now(UTC) + ENROLMENT_VALID).isoformat()))
    return enrolment


def enroll(conn: sqlite3.Connection, code: str, device_id: str) -> tuple[str, str, str]:
    """Trade an enrolment code for a bearer token: (station code, station name, token).

    A device id belongs to the station that first enrolled it: another station naming it is refused (it
    would share, and could push up, that device's sequence)."""
    try:
        ops.Id().check(device_id, "device_id")
    except ops.OpInvalid as err:
        raise Refused(400, "device_id_invalid", err.detail) from err
    code = code.strip().upper() if isinstance(code, str) and len(code) <= 64 and code.isascii() else ""
    refusal: Refused | None = None
    with transaction(conn):  # a refusal is logged in this transaction and raised after it commits
        row = conn.execute("SELECT * FROM enrolment_codes WHERE code_hash = ?", (sha256(code),)).fetchone()
        owner = conn.execute("SELECT station FROM devices WHERE device_id = ?", (device_id,)).fetchone()
        if row is None or row["used_at"] or row["expires_at"] < datetime.now(UTC).isoformat():
            security_event(conn, None, "enrol_refused", device_id)
            refusal = Refused(403, "enrolment_refused")
        elif owner is not None and owner[0] != row["station"]:
            security_event(conn, row["station"], "device_taken", f"{device_id} belongs to {owner[0]}")
            refusal = Refused(409, "device_taken", "this device id belongs to another station")
        else:
            conn.execute("UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ?",
                         (now_iso(), row["code_hash"]))
            token = secrets.token_urlsafe(32)
            conn.execute("INSERT INTO credentials (token_hash, station, device_id, created_at, expires_at) "
                         "VALUES (?,?,?,?,?)", (sha256(token), row["station"], device_id, now_iso(),
                                                (datetime.now(UTC) + CREDENTIALS_VALID).isoformat()))
            conn.execute("INSERT INTO devices (device_id, station, token_hash, enrolled_at) VALUES (?,?,?,?) "
                         "ON CONFLICT(device_id) DO UPDATE SET token_hash = excluded.token_hash",
                         (device_id, row["station"], sha256(token), now_iso()))
            name = conn.execute("SELECT name FROM stations WHERE code = ?", (row["station"],)).fetchone()[0]
    if refusal is not None:
        raise refusal
    return row["station"], name, token


@dataclass(frozen=True)
class Caller:
    station: str
    device_id: str


def authenticate(conn: sqlite3.Connection, authorization: str | None) -> Caller:
    if not authorization or not authorization.startswith("Bearer "):
        raise Refused(401, "credentials_missing")
    row = conn.execute("SELECT c.*, d.station AS owner FROM credentials c LEFT JOIN devices d "
                       "ON d.device_id = c.device_id WHERE c.token_hash = ?", (sha256(authorization[7:].strip()),)
                       ).fetchone()
    if row is None:
        raise Refused(401, "credentials_unknown")
    if row["owner"] is not None and row["owner"] != row["station"]:
        raise Refused(403, "device_taken")  # enrolled with another station's device id before ids were owned
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
@dataclass
class BatchResult:
    ids: list[str]
    results: list[tuple[str, str]]  # (status, code) per op, in order
    high: int  # the highest device_seq this station itself sent from this device
    details: dict[str, str] = field(default_factory=dict)  # op id -> why it was rejected, in words
    gaps: list[tuple[int, int]] = field(default_factory=list)  # device_seq ranges skipped, seen in this batch
    figure_changes: rollups.Changes = field(default_factory=dict)  # written once at the end of the batch
    applied: int = 0  # ops applied
    new_seqs: int = 0  # of which with a sequence number the device had not used before (health's gap count)

    def answer(self) -> dict[str, Any]:
        return protocol.results_answer(self.ids, self.results, self.high, details=self.details,
                                       gaps=self.gaps[:50])


def apply_batch(conn: sqlite3.Connection, caller: Caller, batch: list[Any],
                station_named: str | None = None, status: protocol.StationStatus | None = None) -> BatchResult:
    """Apply a batch in one transaction; each op is applied once, ever. What the station says about itself
    (``status``) is kept for its device in the same transaction.

    Every op is checked against its declaration (sync/ops.py) first: one that fails is rejected with its reason
    and logged, and the rest of the batch still applies. The checks, digests and JSON are done before the write
    transaction (they need no database), so the single writer holds the file only for the writes."""
    done = BatchResult([], [], 0)
    received = now_iso()
    prepared = [_prepare(raw) for raw in batch]
    with writer.turn(conn), transaction(conn):
        high = _device_high(conn, caller)
        known = _known_ops(conn, [p.op["op_id"] for p in prepared if p.op is not None])
        taken = _taken_seqs(conn, caller.device_id, [p.op["device_seq"] for p in prepared if p.op is not None])
        for p in prepared:
            done.ids.append(p.echo)
            seq = p.seq
            if seq is not None:  # an op's place in its device's sequence
                if seq > high + 1:
                    done.gaps.append((high + 1, seq - 1))
                    conn.execute("INSERT INTO seq_gaps (device_id, station, from_seq, to_seq, at) VALUES (?,?,?,?,?)",
                                 (caller.device_id, caller.station, high + 1, seq - 1, received))
                high = max(high, seq)
            if p.op is None:
                security_event(conn, caller.station, "op_invalid", f"{p.echo}: {p.error[0]} {p.error[1]}")
                done.results.append(_reject(conn, caller, p.echo, p.error[0], p.error[1], seq, done))
                continue
            done.results.append(_apply_one(conn, caller, p, received, station_named, done, known, taken))
        rollups.write(conn, done.figure_changes)
        conn.execute("UPDATE devices SET high_seq = ?, seqs_received = seqs_received + ?, last_received_at = "
                     "CASE WHEN ? > 0 THEN ? ELSE last_received_at END WHERE device_id = ? AND station = ?",
                     (high, done.new_seqs, done.applied, received, caller.device_id, caller.station))
        if status is not None:
            _note_status(conn, caller, status, received)
    done.high = high
    return done


@dataclass
class _Prepared:
    """An op as received, checked: what to answer with, its sequence, and either the op or why it is refused."""

    echo: str
    seq: int | None
    op: dict[str, Any] | None = None
    digest: str = ""
    payload: str = ""
    error: tuple[str, str] = ("", "")


def _prepare(raw: Any) -> _Prepared:
    seq = raw.get("device_seq") if isinstance(raw, dict) else None
    done = _Prepared(_echo_id(raw), seq if type(seq) is int and 1 <= seq <= ops.MAX_SEQ else None)
    try:
        op = ops.check_op(raw)
    except ops.OpInvalid as err:
        done.error = (err.code, err.detail)
        return done
    done.op, done.digest = op, protocol.payload_hash(op)
    done.payload = json.dumps(op["payload"], ensure_ascii=False, sort_keys=True, allow_nan=False)
    return done


_CHUNK = 500  # ids per IN (...): well under every SQL back-end's limit on parameters


def _known_ops(conn: sqlite3.Connection, op_ids: list[str]) -> dict[str, str]:
    """op_id → payload_hash of those already in the ledger: one look-up per batch instead of one per op."""
    found: dict[str, str] = {}
    unique = list(dict.fromkeys(op_ids))
    for i in range(0, len(unique), _CHUNK):
        part = unique[i:i + _CHUNK]
        found.update((r[0], r[1]) for r in conn.execute(
            f"SELECT op_id, payload_hash FROM ledger WHERE op_id IN ({','.join('?' * len(part))})", part))
    return found


def _taken_seqs(conn: sqlite3.Connection, device_id: str, seqs: list[int]) -> set[int]:
    """The device's sequence numbers among ``seqs`` already in the ledger (a station restored from an old copy)."""
    found: set[int] = set()
    unique = list(dict.fromkeys(seqs))
    for i in range(0, len(unique), _CHUNK):
        part = unique[i:i + _CHUNK]
        found.update(r[0] for r in conn.execute(
            f"SELECT device_seq FROM ledger WHERE device_id = ? AND device_seq IN ({','.join('?' * len(part))})",
            (device_id, *part)))
    return found


def _note_status(conn: sqlite3.Connection, caller: Caller, status: protocol.StationStatus, at: str) -> None:
    """Keep what was said; a field not said keeps its last value (an older station says nothing)."""
    if status.app_version is None and status.ops_waiting is None:
        return
    conn.execute("UPDATE devices SET app_version = coalesce(?, app_version), ops_waiting = coalesce(?, ops_waiting), "
                 "status_at = ? WHERE device_id = ? AND station = ?",
                 (status.app_version, status.ops_waiting, at, caller.device_id, caller.station))


def _device_high(conn: sqlite3.Connection, caller: Caller) -> int:
    row = conn.execute("SELECT high_seq FROM devices WHERE device_id = ? AND station = ?",
                       (caller.device_id, caller.station)).fetchone()
    if row is None:  # a credential older than owned devices, whose device nobody else claims: it owns it now
        conn.execute("INSERT INTO devices (device_id, station, token_hash, enrolled_at) VALUES (?,?,?,?) "
                     "ON CONFLICT (device_id) DO NOTHING", (caller.device_id, caller.station, "", now_iso()))
        return 0
    return int(row[0])


def _echo_id(raw: Any) -> str:
    """The op id to answer with: the one sent when it is storable text, else '?'."""
    op_id = raw.get("op_id") if isinstance(raw, dict) else None
    if isinstance(op_id, str) and len(op_id) <= 100:
        return printable(op_id, 100)
    return "?"


def _reject(conn: sqlite3.Connection, caller: Caller, op_id: str, code: str, detail: str, seq: int | None,
            done: BatchResult) -> tuple[str, str]:
    conn.execute("INSERT INTO rejections (op_id, station, code, at, detail, device_seq) VALUES (?,?,?,?,?,?)",
                 (op_id, caller.station, code, now_iso(), detail, seq))
    if detail:
        done.details[op_id] = detail
    return ("rejected", code)


def _apply_one(conn: sqlite3.Connection, caller: Caller, prepared: _Prepared, received: str,
               station_named: str | None, done: BatchResult, known: dict[str, str],
               taken: set[int]) -> tuple[str, str]:
    """One checked op; ``known`` and ``taken`` are the ledger's ids and this device's sequence numbers, kept up to
    date as the batch goes (an op repeated within one batch is a duplicate of the first)."""
    op, digest = prepared.op, prepared.digest
    assert op is not None
    seen = known.get(op["op_id"])
    if seen is not None:
        if seen == digest:
            return ("duplicate", "")
        security_event(conn, caller.station, "op_conflict", op["op_id"])
        return _reject(conn, caller, op["op_id"], "conflict", "another op has this op_id", op["device_seq"], done)
    named = {op.get("station"), station_named}
    if op["type"] == "station.created":
        named.add(op["payload"].get("code"))
    others = named - {None, caller.station}
    if others:  # the station is whoever the credentials belong to: an op naming another is refused
        security_event(conn, caller.station, "op_for_other_station", f"{op['op_id']} names {sorted(map(str, others))}")
        return _reject(conn, caller, op["op_id"], "wrong_station", "names another station", op["device_seq"], done)
    refused = message_reads.refusal(conn, caller.station, op)  # a read of a message not sent to this station
    if refused:
        security_event(conn, caller.station, "message_not_sent", f"{op['op_id']}: {refused}")
        return _reject(conn, caller, op["op_id"], "message_not_sent", refused, op["device_seq"], done)
    if op["device_seq"] in taken:
        # applied all the same (a station restored from an old copy numbers new ops again), but noted
        security_event(conn, caller.station, "seq_reused", f"{op['op_id']} seq {op['device_seq']}")
    else:
        done.new_seqs += 1
    done.applied += 1
    conn.execute(
        "INSERT INTO ledger (op_id, station, device_id, device_seq, type, entity_id, payload, payload_hash,"
        " created_at, received_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (op["op_id"], caller.station, caller.device_id, op["device_seq"], op["type"], op.get("entity_id"),
         prepared.payload, digest, op["created_at"], received))
    known[op["op_id"]] = digest
    taken.add(op["device_seq"])
    _project(conn, caller.station, op, done.figure_changes)
    return ("applied", "")


def _project(conn: sqlite3.Connection, station: str, op: dict[str, Any], changes: rollups.Changes) -> None:
    """Keep the parcel list, the figures and the SMS outbox in step with an op (already checked against its
    declaration). A station only ever changes its own parcels and figures."""
    p, at, kind = op["payload"], op["created_at"], op["type"]
    if kind == "parcel.received":
        conn.execute("INSERT INTO parcels (parcel_id, station, waybill, status, received_at, "
                     "recipient_phone, courier, pickup_code) VALUES (?,?,?,'in_stock',?,?,?,?) "
                     "ON CONFLICT (parcel_id) DO NOTHING",
                     (p["parcel_id"], station, p["waybill"], at, p.get("recipient_phone", ""), p["courier"],
                      p["pickup_code"]))
    elif kind == "parcel.recipient_set":
        conn.execute("UPDATE parcels SET recipient_phone = ? WHERE parcel_id = ? AND station = ?",
                     (p["recipient_phone"], p["parcel_id"], station))
    elif kind == "parcel.courier_changed":
        conn.execute("UPDATE parcels SET courier = ? WHERE parcel_id = ? AND station = ?",
                     (p["to"], p["parcel_id"], station))
    elif kind == "parcel.picked_up":
        conn.execute("UPDATE parcels SET status='picked_up', picked_up_at=? WHERE parcel_id=? AND station = ?",
                     (at, p["parcel_id"], station))
    elif kind == "parcel.returned":
        conn.execute("UPDATE parcels SET status='returned', returned_at=? WHERE parcel_id=? AND station = ?",
                     (at, p["parcel_id"], station))
    elif kind == "parcel.pickup_undone":
        conn.execute("UPDATE parcels SET status='in_stock', picked_up_at=NULL, pickup_code = ? "
                     "WHERE parcel_id=? AND station = ?", (p["pickup_code"], p["parcel_id"], station))
    elif kind == "parcel.reshelved":  # 盘库: a new pickup code, and the new text carries it
        conn.execute("UPDATE parcels SET pickup_code = ? WHERE parcel_id = ? AND station = ?",
                     (p["pickup_code"], p["parcel_id"], station))
    elif kind == "parcel.marked_lost":
        conn.execute("UPDATE parcels SET status = 'lost' WHERE parcel_id = ? AND station = ?",
                     (p["parcel_id"], station))
    rollups.project(conn, station, kind, p, at, changes)
    if ops.OPS[kind].sends_text and p.get("notification_id"):
        sms.queue_pickup_text(conn, station, p["parcel_id"], p["notification_id"],
                              "reminder" if kind == "parcel.reminded" else "arrival")


def reconcile(conn: sqlite3.Connection, caller: Caller, day: str, digest: str) -> dict[str, Any]:
    """Compare a station's op ids for a UTC day with the ledger; on mismatch send ours so it can re-send.

    Never a full overwrite: the station only re-sends what the county lacks."""
    try:
        ops.Day().check(day, "day")
    except ops.OpInvalid as err:
        raise Refused(400, "reconcile_invalid", err.detail) from err
    # the range walks the (station, created_at) index over one day, not the station's whole ledger
    rows = conn.execute("SELECT op_id, type FROM ledger WHERE station = ? AND created_at >= ? AND created_at < ? "
                        "AND substr(created_at, 1, 10) = ?", (caller.station, day, day + "~", day)).fetchall()
    ids = [r[0] for r in rows]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    if protocol.op_digest(ids) == digest:
        return {"match": True, "counts": counts}
    return {"match": False, "counts": counts, "op_ids": ids}


# ----- feed ----------------------------------------------------------------------------------------------------
def add_feed(conn: sqlite3.Connection, station: str, kind: str, body: dict[str, Any], at: str = "") -> None:
    """Inside the caller's transaction; ``at``: one moment for copies that belong together (a message's)."""
    conn.execute("INSERT INTO feed (station, kind, body, created_at) VALUES (?,?,?,?)",
                 (station, kind, json.dumps(body, ensure_ascii=False), at or now_iso()))


def read_feed(conn: sqlite3.Connection, caller: Caller, after: int, limit: int) -> dict[str, Any]:
    after = max(0, min(after, ops.MAX_SEQ))  # a cursor beyond SQLite's integers is no cursor
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
    if not 0 < version <= ops.MAX_SEQ or kind not in protocol.REF_KINDS:
        raise Refused(404, "ref_unknown")
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
        conn.execute("INSERT INTO releases (version, url, created_at) VALUES (?,?,?) ON CONFLICT (version) DO "
                     "UPDATE SET url = excluded.url, created_at = excluded.created_at",
                     (version, url.strip(), now_iso()))


def newest_release(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute("SELECT version, url FROM releases").fetchall()
    if not rows:
        return {}
    best = max(rows, key=lambda r: version_key(r["version"]))
    return {"version": best["version"], "url": best["url"]}
