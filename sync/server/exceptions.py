"""问题件 at the county: each station's exceptions, complaints and claims, kept at ingest from the ``exception.*``
ops (the hook is ``rollups.project``) in the ledger's transaction, and rebuilt from the ledger with the figures.

A step that arrives for an entry the county does not know, or a second resolution, changes nothing (a station
takes each step once; the ledger keeps whatever came). Times are the stations' own step times; days are China
days; date arithmetic is done here in Python so the SQL stays plain (SQLite or PostgreSQL)."""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from .. import ops

CHINA = timezone(timedelta(hours=8))
KIND_NAMES = {"lost": "丢失", "damaged": "破损", "wrong_delivery": "错投/错取", "refused": "拒收",
              "missing": "袋内缺件", "complaint": "投诉", "claim": "理赔"}
TOPIC_NAMES = {"double_charge": "二次收费", "not_notified": "未通知取件", "attitude": "服务态度", "delay": "时效延误",
               "other": "其他"}
STATUS_NAMES = {"registered": "已登记", "in_progress": "处理中", "resolved": "已办结"}
OUTCOME_NAMES = {"compensated": "已赔偿", "redelivered": "已重新投递", "returned": "已退回", "rejected": "不予受理"}
LABELS = {"exceptions.registered": "问题件 登记数", "exceptions.resolved": "问题件 办结数",
          "exceptions.resolved_late": "问题件 超期办结数", "exceptions.open_overdue": "问题件 期末超期未办结",
          "exceptions.resolve_median_h": "问题件 办结时长中位数（小时内）",
          "exceptions.compensated_fen": "问题件 赔偿金额（分）"}


def _moment(text: str) -> datetime:
    return ops.parse_timestamp(text, "at").astimezone(UTC)


def _day(moment: datetime) -> str:
    return moment.astimezone(CHINA).date().isoformat()


def project(conn: sqlite3.Connection, station: str, kind: str, p: Mapping[str, Any], at: str) -> None:
    """Keep one step (inside the ledger's transaction); other ops pass by."""
    if kind == "exception.registered":
        registered = _moment(at)
        conn.execute(
            "INSERT INTO exception_cases (station, exception_id, number, kind, topic, raised_by, courier, parcels, "
            "unknown_parcels, registered_at, registered_day, deadline_at, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (station, exception_id) DO NOTHING",
            (station, p["exception_id"], p["number"], p["kind"], p["topic"], p["raised_by"], p["courier"],
             len(p["waybills"]), len(p["unknown_waybills"]), at, _day(registered), p["deadline_at"], "registered"))
    elif kind == "exception.started":
        conn.execute("UPDATE exception_cases SET status = 'in_progress', started_at = ? WHERE station = ? AND "
                     "exception_id = ? AND status = 'registered'", (at, station, p["exception_id"]))
    elif kind == "exception.resolved":
        row = conn.execute("SELECT registered_at FROM exception_cases WHERE station = ? AND exception_id = ? AND "
                           "status != 'resolved'", (station, p["exception_id"])).fetchone()
        if row is None:
            return
        resolved = _moment(at)
        minutes = max(0, int((resolved - _moment(row[0])).total_seconds() // 60))
        conn.execute("UPDATE exception_cases SET status = 'resolved', resolved_at = ?, resolved_day = ?, outcome = ?, "
                     "amount_fen = ?, resolve_minutes = ? WHERE station = ? AND exception_id = ?",
                     (at, _day(resolved), p["outcome"], p["amount_fen"], minutes, station, p["exception_id"]))


def clear(conn: sqlite3.Connection) -> None:
    """Before a rebuild projects the ledger again."""
    conn.execute("DELETE FROM exception_cases")


@dataclass(frozen=True)
class Case:
    station: str
    exception_id: str
    number: str
    kind: str
    topic: str
    raised_by: str
    courier: str
    parcels: int
    unknown_parcels: int
    registered_at: str
    registered_day: str
    deadline_at: str
    status: str
    started_at: str | None
    resolved_at: str | None
    resolved_day: str | None
    outcome: str
    amount_fen: int
    resolve_minutes: int | None

    def open_at(self, moment: datetime) -> bool:
        return _moment(self.registered_at) <= moment and (self.resolved_at is None
                                                           or _moment(self.resolved_at) > moment)

    def overdue_at(self, moment: datetime) -> bool:
        return self.open_at(moment) and _moment(self.deadline_at) < moment

    @property
    def late(self) -> bool:
        return self.resolved_at is not None and _moment(self.resolved_at) > _moment(self.deadline_at)


_COLUMNS = ", ".join(Case.__dataclass_fields__)


def cases(conn: sqlite3.Connection, start: date | None = None, end: date | None = None) -> list[Case]:
    """Every entry that touches the period (registered by its end and not resolved before its start); all without
    a period."""
    if start is None or end is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM exception_cases ORDER BY registered_at")
    else:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM exception_cases WHERE registered_day <= ? AND "
                            "(resolved_day IS NULL OR resolved_day >= ?) ORDER BY registered_at",
                            (end.isoformat(), start.isoformat()))
    return [Case(*r) for r in rows]


def period_end(end: date, now: datetime | None = None) -> datetime:
    """The moment a period's open entries are counted at: the end of its last China day, or now if sooner."""
    last = datetime.combine(end + timedelta(days=1), datetime.min.time(), CHINA).astimezone(UTC)
    return min(last, now or datetime.now(UTC))


def block(found: Iterable[Case], start: date, end: date, *, stations: set[str] | None = None,
          courier: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    """A group's 问题件 figures for the period: registered and resolved in it (late ones, compensation), the median
    time to resolve of those resolved in it, and those overdue and still open at its end."""
    chosen = [c for c in found if (stations is None or c.station in stations)
              and (courier is None or c.courier == courier)]
    first, last, at = start.isoformat(), end.isoformat(), period_end(end, now)
    resolved = [c for c in chosen if c.resolved_day is not None and first <= c.resolved_day <= last]
    minutes = [c.resolve_minutes for c in resolved if c.resolve_minutes is not None]
    return {
        "exceptions.registered": sum(first <= c.registered_day <= last for c in chosen),
        "exceptions.resolved": len(resolved),
        "exceptions.resolved_late": sum(c.late for c in resolved),
        "exceptions.open_overdue": sum(c.overdue_at(at) for c in chosen),
        "exceptions.resolve_median_h": -(-statistics.median_low(minutes) // 60) if minutes else None,
        "exceptions.compensated_fen": sum(c.amount_fen for c in resolved),
    }


def couriers(found: Iterable[Case]) -> set[str]:
    return {c.courier for c in found if c.courier}


def open_cases(conn: sqlite3.Connection, now: datetime | None = None) -> list[dict[str, Any]]:
    """Every entry not resolved, the most overdue first, as the console lists them."""
    now = now or datetime.now(UTC)
    names = dict(conn.execute("SELECT code, name FROM stations").fetchall())
    rows = conn.execute(f"SELECT {_COLUMNS} FROM exception_cases WHERE status != 'resolved' ORDER BY deadline_at")
    out = []
    for case in (Case(*r) for r in rows):
        late = now - _moment(case.deadline_at)
        out.append({"station": case.station, "station_name": names.get(case.station, ""), "number": case.number,
                    "kind": KIND_NAMES.get(case.kind, case.kind), "topic": TOPIC_NAMES.get(case.topic, case.topic),
                    "courier": case.courier, "status": STATUS_NAMES.get(case.status, case.status),
                    "registered_at": case.registered_at, "deadline_at": case.deadline_at,
                    "overdue": late > timedelta(0), "overdue_days": late.days if late > timedelta(0) else 0,
                    "parcels": case.parcels, "unknown_parcels": case.unknown_parcels})
    return out


def summary(conn: sqlite3.Connection, by: str, start: date, end: date,
            now: datetime | None = None) -> list[dict[str, Any]]:
    """Per station (``by='station'``) or courier: open and overdue now, and the period's figures."""
    now = now or datetime.now(UTC)
    every = cases(conn)
    names = dict(conn.execute("SELECT code, name FROM stations").fetchall()) if by == "station" else {}
    keys = sorted({c.station if by == "station" else c.courier for c in every})
    out = []
    for key in keys:
        mine = [c for c in every if (c.station if by == "station" else c.courier) == key]
        out.append({"key": key, "name": names.get(key, key) or "未注明快递", "open": sum(c.open_at(now) for c in mine),
                    "overdue": sum(c.overdue_at(now) for c in mine), "figures": block(mine, start, end, now=now)})
    return out
