"""Each station's sync health for the console and `county-server health`: last sync, last day close, silence,
refused ops and security events, and the ops the county lacks (seen as sequence gaps, and said by the station)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .figures import Period, period


def _said(conn: sqlite3.Connection, station: str) -> tuple[str | None, int | None, str | None]:
    """What the station's device that spoke last said about itself (after a restore on a new PC the old device
    stays in the table with its old words: the newest is the counter in use)."""
    row = conn.execute("SELECT app_version, ops_waiting, status_at FROM devices WHERE station = ? AND status_at "
                       "IS NOT NULL ORDER BY status_at DESC LIMIT 1", (station,)).fetchone()
    return (row[0], None if row[1] is None else int(row[1]), row[2]) if row else (None, None, None)


def health(conn: sqlite3.Connection, start: date, end: date, now: datetime | None = None,
           only: str | None = None) -> list[dict[str, Any]]:
    """Each station's sync health: last sync, last day close, silent for more than a day, and in the period
    refused ops and security events. Two counts of ops the county lacks, from two sides:

    - ``ops_missing``: seen by the county, sequence gaps (numbers below a device's highest that never arrived);
    - ``ops_not_uploaded``: said by the station at its last upload (ops still waiting there, including any too
      large to send), with ``app_version`` and ``status_at``; None while it has said nothing (an older app).

    ``only``: one station's."""
    now = now or datetime.now(UTC)
    first, after = period(start, end).utc_bounds()
    out = []
    # counted once for every station (a per-station query each would walk the same indexes 300 times)
    closes = dict(conn.execute("SELECT station, max(day) FROM rollups WHERE figure = 'ops' AND key = 'day.closed' "
                               "AND value > 0 GROUP BY station").fetchall())
    refusals = dict(conn.execute("SELECT station, count(*) FROM rejections WHERE at >= ? AND at < ? GROUP BY "
                                 "station", (first, after)).fetchall())
    events = dict(conn.execute("SELECT station, count(*) FROM security_log WHERE at >= ? AND at < ? GROUP BY "
                               "station", (first, after)).fetchall())
    # kept per device at ingest (storage.apply_batch): the newest arrival and the sequence numbers below the highest
    # that never came; reading the ledger for these took seconds at a county's 5 M ops
    devices = {r[0]: (r[1], int(r[2] or 0)) for r in conn.execute(
        "SELECT station, max(last_received_at), sum(high_seq - seqs_received) FROM devices GROUP BY station")}
    for code, name in conn.execute("SELECT code, name FROM stations WHERE ? IS NULL OR code = ? ORDER BY code",
                                   (only, only)).fetchall():
        last, missing = devices.get(code, (None, 0))
        closed = closes.get(code)
        closed_day = None
        if closed is not None:  # the business day the newest close was for (made on that China day)
            day = date.fromisoformat(closed)
            lo, hi = Period(day, day).utc_bounds()
            for (raw,) in conn.execute("SELECT payload FROM ledger WHERE station = ? AND "
                                       "type = 'day.closed' AND created_at >= ? AND created_at < ?", (code, lo, hi)):
                closed_day = max(closed_day or "", str(json.loads(raw).get("day")))
        refused, security = refusals.get(code, 0), events.get(code, 0)
        seen = datetime.fromisoformat(last.replace("Z", "+00:00")) if last else None
        said = _said(conn, code)
        out.append({"station": code, "name": name, "last_sync": last, "last_day_closed": closed_day,
                    "app_version": said[0], "ops_missing": max(0, missing), "ops_not_uploaded": said[1],
                    "status_at": said[2], "refused_ops": refused,
                    "security_events": security, "silent": seen is None or now - seen > timedelta(days=1)})
    return out
