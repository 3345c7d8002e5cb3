"""The county's figures: rollups per station, business day (China time), figure and key, kept at ingest in the
ledger's transaction from what each op's declaration in ``sync/ops.py`` says it adds, and rebuilt from the ledger."""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections.abc import Mapping
from datetime import timedelta, timezone
from typing import Any

from .. import ops
from . import derived, exceptions, message_reads

Changes = dict[tuple[str, str, str, str], int]  # (station, day, figure, key) → change
OPS_FIGURE = "ops"  # how many ops of each type: kept beside the declared figures, keyed by type
CHINA = timezone(timedelta(hours=8))  # China Standard Time, no daylight saving


_UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z")


def china_day(at: str) -> str:
    if _UTC_TIME.fullmatch(at):  # what stations send: the day follows from the UTC date and hour alone
        return _china_day_of_hour(at[:13])
    return ops.parse_timestamp(at, "created_at").astimezone(CHINA).date().isoformat()


@functools.lru_cache(maxsize=4096)
def _china_day_of_hour(hour: str) -> str:
    return ops.parse_timestamp(hour + ":00:00+00:00", "created_at").astimezone(CHINA).date().isoformat()


def ledger_lookup(conn: sqlite3.Connection, station: str) -> ops.Lookup:
    """The station's own op of a type about one thing (stations journal it under that thing's id)."""
    def find(op_type: str, key_field: str, value: Any) -> dict[str, Any] | None:
        for (raw,) in conn.execute("SELECT payload FROM ledger WHERE station = ? AND entity_id = ? AND type = ? "
                                   "ORDER BY received_at, device_seq", (station, str(value), op_type)):
            payload: dict[str, Any] = json.loads(raw)
            if payload.get(key_field) == value:
                return payload
        return None
    return find


def _add_figures(conn: sqlite3.Connection, station: str, kind: str, p: Mapping[str, Any], at: str, sign: int,
                 changes: Changes) -> None:
    day = ops.business_day(kind, p) or china_day(at)
    for name, key, amount in ops.contributions(kind, p, ledger_lookup(conn, station)):
        where = (station, day, name, key or "")
        changes[where] = changes.get(where, 0) + sign * amount


def write(conn: sqlite3.Connection, changes: Changes) -> None:
    """Add a batch's figure changes (few rows: one per station, day, figure and key) inside its transaction."""
    conn.executemany("INSERT INTO rollups (station, day, figure, key, value) VALUES (?,?,?,?,?) ON CONFLICT "
                     "(station, day, figure, key) DO UPDATE SET value = rollups.value + excluded.value",
                     [(*where, value) for where, value in changes.items()])
    # the same by month, so a quarter reads three months per station instead of ninety days
    months: dict[tuple[str, str, str, str], int] = {}
    for (station, day, name, key), value in changes.items():
        months[(station, day[:7], name, key)] = months.get((station, day[:7], name, key), 0) + value
    conn.executemany("INSERT INTO rollups_month (station, month, figure, key, value) VALUES (?,?,?,?,?) ON CONFLICT "
                     "(station, month, figure, key) DO UPDATE SET value = rollups_month.value + excluded.value",
                     [(*where, value) for where, value in months.items()])
    changes.clear()


def project(conn: sqlite3.Connection, station: str, kind: str, p: dict[str, Any], at: str,
                     changes: Changes, whole_ledger: bool = False) -> None:
    """Add what the op's declaration says it adds; a correction (a void) takes its op's figures back, once.

    With ``whole_ledger`` (a rebuild) every correction is already there, so a corrected op adds nothing and its
    correction takes nothing back."""
    find = ledger_lookup(conn, station)
    message_reads.project(conn, station, kind, p)  # who read which county message: kept beside the figures
    exceptions.project(conn, station, kind, p, at)  # 问题件: each entry and its steps
    counted = (station, china_day(at), OPS_FIGURE, kind)
    changes[counted] = changes.get(counted, 0) + 1
    if not (kind in ops.CANCELLED_BY and ops.cancelled(kind, p, find)):  # voided before it arrived: nothing
        _add_figures(conn, station, kind, p, at, 1, changes)
    for name, derived_key, amount in derived.contributions(conn, station, kind, p, at):  # courier, route, dwell …
        where = (station, counted[1], name, derived_key)
        changes[where] = changes.get(where, 0) + amount
    target = ops.OPS[kind].cancels
    if target is None or whole_ledger:
        return
    key = ops.OPS[target].key
    assert key is not None
    cancelled = find(target, key, p[key])
    corrections = conn.execute("SELECT count(*) FROM ledger WHERE station = ? AND entity_id = ? AND type = ?",
                               (station, str(p[key]), kind)).fetchone()[0]
    if cancelled is not None and corrections == 1:  # this op is the first correction of it: take it back
        row = conn.execute("SELECT created_at FROM ledger WHERE station = ? AND entity_id = ? AND type = ? ORDER BY "
                           "received_at, device_seq LIMIT 1", (station, str(p[key]), target)).fetchone()
        _add_figures(conn, station, target, cancelled, row[0], -1, changes)


def rebuild(conn: sqlite3.Connection) -> int:
    """Project a whole ledger again (inside the caller's transaction); ops that do not match their declaration
    (stored before the server checked them) are left out. Returns how many ops were projected."""
    conn.execute("DELETE FROM rollups")
    conn.execute("DELETE FROM rollups_month")
    message_reads.clear(conn)
    exceptions.clear(conn)
    projected, changes = 0, Changes()
    for station, kind, raw, at in conn.execute("SELECT station, type, payload, created_at FROM ledger "
                                               "ORDER BY rowid").fetchall():
        try:
            payload = json.loads(raw)
            ops.validate(kind, payload)
            china_day(at)
        except (ValueError, RecursionError):  # JSONDecodeError and OpInvalid are ValueErrors
            continue
        project(conn, station, kind, payload, at, changes, whole_ledger=True)
        projected += 1
    write(conn, changes)
    return projected


def figures(conn: sqlite3.Connection, station: str, day: str) -> tuple[ops.Figures, dict[str, int]]:
    """A station's business day as its rollups say: the declared figures, and its op counts by type."""
    found, counts = ops.Figures(), {}
    for name, key, value in conn.execute("SELECT figure, key, value FROM rollups WHERE station = ? AND day = ?",
                                         (station, day)):
        if name == OPS_FIGURE:
            counts[key] = value
        elif name in ops.FIGURES:
            found.add(name, key if ops.FIGURES[name].keyed else None, value)
    return found, counts
