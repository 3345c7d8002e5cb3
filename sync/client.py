"""The station's side of the sync: push the journal, pull the feed and reference data, reconcile a day.

Every step is safe to interrupt: an upload batch is marked acknowledged only after the county answered it,
and each feed item or reference snapshot is applied together with its cursor in one local transaction.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from station_app import __version__
from station_app.core import (
    couriers,
    db,
    journal,
    refdata,
    station,
)
from station_app.core.clock import to_iso, utc_now

from . import feed, lock, protocol
from .state import (  # noqa: F401 (re-exported: callers use client.state, client.rejections …)
    feed_refusals,
    mark_read,
    newer_version,
    note_sent,
    pending_count,
    rejections,
    sent_high,
    set_aside,
    set_state,
    state,
    unread_messages,
)

# With no record of what this folder sent (the database was moved to a new PC), a restore is believed up to
# this many ops past the local journal: years of a busy counter, far below what would break the numbering.
MAX_UNRECORDED_GAP = 10_000_000



class SyncError(Exception):
    """Why a sync stopped: ``code`` for the words on screen, ``retry_after`` seconds if the server said."""

    def __init__(self, code: str, detail: str = "", retry_after: float | None = None) -> None:
        self.code, self.retry_after = code, retry_after
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass
class SyncReport:
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    batches: int = 0
    feed_items: int = 0
    refs_updated: list[str] = field(default_factory=list)
    resent: int = 0
    restore_detected: bool = False
    feed_refused: int = 0  # county feed items this station could not apply: recorded, reported, passed
    set_aside: int = 0  # ops too large to upload ever: set aside with their reason
    seq_suspicious: bool = False  # the county claimed more ops from this device than it ever sent


def _wire(op: journal.Op) -> dict[str, Any]:
    return {"op_id": op.op_id, "device_seq": op.device_seq, "type": op.type, "entity_id": op.entity_id,
            "payload": op.payload, "clerk_id": op.clerk_id, "created_at": op.created_at}


def make_http(server: str, ca_file: str = "", timeout: float = 20.0) -> httpx.Client:
    """One client per worker: creating one costs tens of ms. The county CA, if given, is the only trust root."""
    return httpx.Client(base_url=server.rstrip("/"), trust_env=False, verify=ca_file or True,
                        timeout=httpx.Timeout(timeout, connect=5.0))


def enroll(conn: sqlite3.Connection, server: str, code: str, ca_file: str = "",
           http: httpx.Client | None = None) -> str:
    """Trade the county's one-time code for credentials; returns the station code the county knows."""
    here = station.get(conn)
    if here is None:
        raise SyncError("no_station")
    client = http or make_http(server, ca_file)
    answer = _call(client, "POST", "/v1/enroll", body={"code": code, "device_id": here.device_id})
    token, county_code = answer.get("token"), answer.get("station")
    if not isinstance(token, str) or not isinstance(county_code, str):
        raise SyncError("server_nonsense", "enrolment answer")
    with db.transaction(conn):
        for key, value in (("server", server.rstrip("/")), ("token", token), ("station", county_code),
                           ("ca_file", ca_file)):
            set_state(conn, key, value)
    return county_code


def _call(client: httpx.Client, method: str, path: str, *, token: str = "", body: dict[str, Any] | bytes | None = None,
          params: dict[str, Any] | None = None, raw: bool = False) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    content = None
    if body is not None:
        content = body if isinstance(body, bytes) else protocol.encode(body)  # bytes: encoded already
        headers.update({"Content-Encoding": "xz", "Content-Type": "application/json"})
    try:
        response = client.request(method, path, content=content, headers=headers, params=params)
    except httpx.ConnectError as exc:
        if "CERTIFICATE_VERIFY_FAILED" in str(exc):  # not the county's certificate: never send anything
            raise SyncError("tls_untrusted", str(exc)[:200]) from exc
        raise SyncError("network", type(exc).__name__) from exc
    except httpx.TransportError as exc:
        raise SyncError("network", type(exc).__name__) from exc
    if response.status_code == 413:  # the body is over the county's limit: the caller splits it
        raise SyncError("body_too_large")
    if response.status_code in (429, 503):
        retry = response.headers.get("retry-after", "")
        raise SyncError("server_busy", str(response.status_code), float(retry) if retry.isdigit() else None)
    if response.status_code != 200:
        try:
            code = response.json().get("error", "")
        except (ValueError, AttributeError):
            code = ""
        if response.status_code in (401, 403):
            raise SyncError(code if code.startswith(("credentials_", "enrolment_")) else "credentials_unknown")
        raise SyncError("server_error", f"{response.status_code} {code}")
    if raw:
        return response.content
    try:
        answer = response.json()
    except ValueError as exc:
        raise SyncError("server_nonsense", "not JSON") from exc
    if not isinstance(answer, dict):
        raise SyncError("server_nonsense", "not an object")
    return answer


def _file_identity(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """Which file on disk the connection's database path names now (device, inode)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            try:
                info = Path(file).stat()
            except OSError:
                return None
            return info.st_dev, info.st_ino
    return None


class Syncer:
    """One station's sync over one HTTP client; used by the GUI worker and by `station-app sync`."""

    def __init__(self, conn: sqlite3.Connection, http: httpx.Client | None = None) -> None:
        self.conn = conn
        self.server, self.token = state(conn, "server"), state(conn, "token")
        if not self.server or not self.token:
            raise SyncError("not_enrolled")
        self.station_code = state(conn, "station")
        self.http = http or make_http(self.server, state(conn, "ca_file"))
        self.db_file = _file_identity(conn)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Syncer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def call(self, method: str, path: str, **kw: Any) -> Any:
        return _call(self.http, method, path, token=self.token, **kw)

    def sync(self, wait_s: float = 0.0) -> SyncReport:
        """Push, pull the feed and reference data, reconcile recent days; records the outcome for the screen.

        One sync at a time per data folder: waits up to ``wait_s`` for another one, else SyncError('sync_busy')
        (the other sync records its own outcome, so this one records nothing)."""
        try:
            with lock.held(lock.data_dir_of(self.conn), wait_s):
                if _file_identity(self.conn) != self.db_file:
                    # a restore swapped station.db while this sync waited: writing now would go to the old,
                    # unlinked file and be lost; the person runs the sync again on the restored database
                    raise SyncError("database_replaced")
                return self._sync()
        except lock.SyncBusy as exc:
            raise SyncError("sync_busy") from exc

    def _sync(self) -> SyncReport:
        report = SyncReport()
        try:
            self.push(report)
            self.pull_feed(report)
            self.pull_reference(report)
            self.check_release()
            self.reconcile(report)
            if not self.push(report):  # what the feed wrote (sales entered, refusals) and what reconcile re-queued
                self.say_status()  # nothing left to send: the county still hears how this station stands
        except SyncError as err:
            with db.transaction(self.conn):
                set_state(self.conn, "last_error", err.code)
                set_state(self.conn, "last_error_at", to_iso(utc_now()))
            raise
        # the sync went through, but something in it needs a person: say what
        problem = ("feed_refused" if report.feed_refused else "op_too_large" if report.set_aside
                   else "seq_suspicious" if report.seq_suspicious else "")
        with db.transaction(self.conn):
            set_state(self.conn, "last_success", to_iso(utc_now()))
            set_state(self.conn, "last_error", problem)
            if problem:
                set_state(self.conn, "last_error_at", to_iso(utc_now()))
        return report

    # ----- upload --------------------------------------------------------------------------------------------
    def push(self, report: SyncReport) -> int:
        """Upload pending ops in batches of at most MAX_BATCH_OPS ops that also fit the county's body limits;
        an op that cannot fit even alone is set aside with its reason and the rest go on. Returns the batches
        sent (each says the station's status too)."""
        after, sent = 0, 0
        while candidates := journal.pending(self.conn, after_seq=after, limit=protocol.MAX_BATCH_OPS):
            wire = [_wire(op) for op in candidates]
            batch, body = self._fit(wire)
            while True:
                if not batch:  # the first op alone is over the limit
                    size = len(json.dumps(wire[0], ensure_ascii=False, separators=(",", ":")).encode())
                    self._set_aside(wire[0]["op_id"], "op_too_large", size, report)
                    after = wire[0]["device_seq"]
                    break
                note_sent(self.data_dir, batch[-1]["device_seq"])  # before sending: the county may keep it
                try:
                    answer = self.call("POST", "/v1/ops", body=body)
                except SyncError as err:
                    if err.code != "body_too_large":
                        raise
                    # the county's limit is lower than this app's protocol says: halve and try again
                    batch = batch[: len(batch) // 2]
                    body = protocol.encode(self._body(batch))
                    continue
                try:
                    results = protocol.read_results(answer, [op["op_id"] for op in batch])
                except protocol.ProtocolError as err:
                    raise SyncError("server_nonsense", err.code) from err
                self._acknowledge(results, answer.get("device_high_seq"), report)
                report.batches += 1
                sent += 1
                after = batch[-1]["device_seq"]
                break
        return sent

    def say_status(self) -> None:
        """An upload of no ops: only the app version and the ops still waiting (set aside, too large)."""
        answer = self.call("POST", "/v1/ops", body=self._body([]))
        if answer.get("count") != 0:
            raise SyncError("server_nonsense", "status")

    def _waiting(self) -> int:
        """Ops the county has not got: pending, or set aside as too large to send."""
        return int(self.conn.execute("SELECT count(*) FROM journal WHERE sync_state IN ('pending', 'too_large')"
                                     ).fetchone()[0])

    def _body(self, batch: list[dict[str, Any]]) -> dict[str, Any]:
        """The upload, with what the station says about itself: its version, and the ops still waiting once
        this batch is in (the batch's own ops are pending until the answer)."""
        return {"protocol": protocol.VERSION, "station": self.station_code, "ops": batch,
                protocol.APP_VERSION_FIELD: __version__,
                protocol.OPS_WAITING_FIELD: max(0, self._waiting() - len(batch))}

    def _fit(self, wire: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], bytes]:
        """The longest run of ``wire`` whose body is within both the decompressed and the compressed limit
        (xz ratios vary, so the compressed size is measured, halving until it fits). [] if the first op alone
        cannot fit."""
        budget = protocol.MAX_BODY_BYTES - len(json.dumps(self._body([])).encode()) - 64
        total, count = 0, 0
        for op in wire:
            total += len(json.dumps(op, ensure_ascii=False, separators=(",", ":")).encode()) + 1
            if total > budget:
                break
            count += 1
        batch = wire[:count]
        while batch:
            body = protocol.encode(self._body(batch))
            if len(body) <= protocol.MAX_COMPRESSED_BYTES:
                return batch, body  # sent as measured: encoded once
            batch = batch[: len(batch) // 2]
        return [], b""

    def _set_aside(self, op_id: str, reason: str, size: int, report: SyncReport) -> None:
        with db.transaction(self.conn):
            journal.set_aside(self.conn, op_id, reason, size, to_iso(utc_now()))
        report.set_aside += 1

    @property
    def data_dir(self) -> Path:
        return lock.data_dir_of(self.conn)

    def _acknowledge(self, results: list[tuple[str, str, str]], high: Any, report: SyncReport) -> None:
        now = to_iso(utc_now())
        with db.transaction(self.conn):
            for op_id, status, code in results:
                if status == "rejected":
                    journal.mark_rejected(self.conn, op_id, code, now)
                else:
                    journal.mark_acked(self.conn, op_id)
                setattr(report, status, getattr(report, status) + 1)
            self._adopt_high(high, now, report)

    def _adopt_high(self, high: Any, now: str, report: SyncReport) -> None:
        """The county has seen later ops from this device than this database holds: it was restored from an
        older copy, so number new ops after the county's and tell the clerk. Never beyond what this folder
        itself sent (a county answer, or another station posing as this device, must not push the numbering
        to the end of its range), and never an absurd value."""
        local_high = journal.high_seq(self.conn)
        if not isinstance(high, int) or isinstance(high, bool) or high <= local_high:
            return
        sent = sent_high(self.data_dir)
        ceiling = min(sent if sent is not None else local_high + MAX_UNRECORDED_GAP, journal.MAX_DEVICE_SEQ)
        if high > ceiling:
            set_state(self.conn, "seq_suspicious", f"{now} county said {min(high, 2**63)}, sent {sent}")
            report.seq_suspicious = True
        if journal.continue_after(self.conn, min(high, ceiling)):
            set_state(self.conn, "restore_detected", now)
            report.restore_detected = True

    # ----- feed ----------------------------------------------------------------------------------------------
    def pull_feed(self, report: SyncReport) -> None:
        while True:
            after = int(state(self.conn, "feed_cursor", "0"))
            answer = self.call("GET", "/v1/feed", params={"after": after, "limit": 500})
            items = answer.get("items")
            if not isinstance(items, list):
                raise SyncError("server_nonsense", "feed")
            if not items:
                return
            for item in items:
                outcome = self.apply_feed_item(item)
                report.feed_items += outcome != "skipped"
                report.feed_refused += outcome == "refused"
            if int(state(self.conn, "feed_cursor", "0")) <= after:
                return  # the county sent nothing new after the cursor: do not ask again forever

    def apply_feed_item(self, item: dict[str, Any]) -> str:
        """One item and the cursor past it, in one transaction: 'applied', 'refused' or 'skipped' (sync/feed.py)."""
        seq = item.get("seq") if isinstance(item, dict) else None
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 < seq <= journal.MAX_DEVICE_SEQ:
            raise SyncError("server_nonsense", "feed item")
        return feed.apply_item(self.conn, seq, item.get("kind"), item.get("body"))

    # ----- reference data ------------------------------------------------------------------------------------
    def pull_reference(self, report: SyncReport) -> None:
        answer = self.call("GET", "/v1/ref")
        refs = answer.get("refs")
        if not isinstance(refs, list):
            raise SyncError("server_nonsense", "ref list")
        for ref in refs:
            kind, version, digest = ref.get("kind"), ref.get("version"), ref.get("sha256")
            if kind not in protocol.REF_KINDS or not isinstance(version, int) or not isinstance(digest, str):
                raise SyncError("server_nonsense", "ref entry")
            held = refdata.held_version(self.conn, kind)
            if held is not None and held >= version:
                continue
            data = self.call("GET", f"/v1/ref/{kind}/{version}", raw=True)
            if hashlib.sha256(data).hexdigest() != digest:
                raise SyncError("ref_corrupt", kind)  # cut off or altered: the version in force stays
            self.apply_reference(kind, version, digest, data)
            report.refs_updated.append(kind)

    def apply_reference(self, kind: str, version: int, digest: str, data: bytes) -> None:
        try:
            rows = json.loads(data)["rows"]
        except (ValueError, KeyError, TypeError) as exc:
            raise SyncError("ref_corrupt", kind) from exc
        with db.transaction(self.conn):
            refdata.store(self.conn, kind, version, digest, data.decode())
            if kind == "couriers":
                couriers.replace_all(self.conn, rows)

    def check_release(self) -> None:
        """Remember the newest version the county offers; the counter shows it, the clerk decides."""
        answer = self.call("GET", "/v1/release")
        version, url = answer.get("version"), answer.get("url")
        with db.transaction(self.conn):
            set_state(self.conn, "newest_version", version if isinstance(version, str) else "")
            set_state(self.conn, "newest_url", url if isinstance(url, str) else "")

    # ----- end-of-day reconcile ------------------------------------------------------------------------------
    def reconcile(self, report: SyncReport, days: int = 3) -> bool:
        """Compare recent days with the county; ops it lacks are marked pending again. True if any were."""
        recent = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT substr(created_at, 1, 10) FROM journal WHERE sync_state = 'acked' "
            "ORDER BY 1 DESC LIMIT ?", (days,))]
        resent = 0
        for day in recent:
            ids = [r[0] for r in self.conn.execute(
                "SELECT op_id FROM journal WHERE sync_state = 'acked' AND substr(created_at, 1, 10) = ?", (day,))]
            counts = dict(self.conn.execute(
                "SELECT type, count(*) FROM journal WHERE sync_state = 'acked' AND substr(created_at, 1, 10) = ? "
                "GROUP BY type", (day,)).fetchall())
            answer = self.call("POST", "/v1/reconcile", body={"day": day, "digest": protocol.op_digest(ids),
                                                               "counts": counts})
            if answer.get("match") is True:
                continue
            theirs = answer.get("op_ids")
            if not isinstance(theirs, list):
                raise SyncError("server_nonsense", "reconcile")
            missing = set(ids) - set(theirs)
            with db.transaction(self.conn):
                journal.mark_pending(self.conn, sorted(missing))
            resent += len(missing)
        report.resent += resent
        return resent > 0
