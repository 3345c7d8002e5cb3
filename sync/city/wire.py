"""The county → city push on the wire, shared by both ends: a batch of whole days of a county's rollups with its
map and stations, and the checks the city runs on it (a hostile body is refused whole, with a reason)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..server.storage import Refused
from .store import Push

VERSION = 1
MAX_ROWS = 400_000  # rollup rows in one batch; a county's day is never split across batches
MAX_DAYS = 400
MAX_AREAS = 100_000
MAX_STATIONS = 50_000
MAX_INT = 2**63 - 1
LEVELS = ("county", "township", "village")
STATUSES = ("active", "suspended", "closed")
BATCH_ID = re.compile(r"[0-9A-Za-z-]{8,64}")
SAFE = re.compile(r"[^\x00-\x1f\x7f]*")


def _text(value: Any, what: str, most: int, least: int = 0) -> str:
    if not isinstance(value, str) or not least <= len(value) <= most or not SAFE.fullmatch(value):
        raise Refused(400, "push_invalid", f"{what} must be text of {least}..{most} printable characters")
    return value


def _day(value: Any, what: str) -> str:
    text = _text(value, what, 10, 10)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Refused(400, "push_invalid", f"{what} must be a day YYYY-MM-DD") from None
    if not 2000 <= day.year <= 2100:
        raise Refused(400, "push_invalid", f"{what} must be within 2000..2100")
    return text


def _list(body: dict[str, Any], name: str, most: int) -> list[Any]:
    value = body.get(name, [])
    if not isinstance(value, list) or len(value) > most:
        raise Refused(400, "push_invalid", f"{name} must be a list of at most {most}")
    return value


def _row(value: Any, size: int, what: str) -> list[Any]:
    if not isinstance(value, list) or len(value) != size:
        raise Refused(400, "push_invalid", f"each of {what} must be a list of {size}")
    return value


def read_push(body: dict[str, Any], county: str) -> Push:
    """The batch a county sent, checked; a batch naming another county is refused (403)."""
    if body.get("protocol") != VERSION:
        raise Refused(400, "protocol_unsupported", f"this city speaks protocol {VERSION}")
    if body.get("county") != county:
        raise Refused(403, "county_mismatch", "a county pushes only its own figures")
    batch_id = body.get("batch_id")
    if not isinstance(batch_id, str) or not BATCH_ID.fullmatch(batch_id):
        raise Refused(400, "push_invalid", "batch_id must be 8..64 letters, digits or -")
    seq = body.get("seq")
    if type(seq) is not int or not 1 <= seq <= MAX_INT:
        raise Refused(400, "push_invalid", "seq must be a positive integer")
    areas = []
    for a in _list(body, "areas", MAX_AREAS):
        code, name, level, parent = _row(a, 4, "areas")
        if level not in LEVELS:
            raise Refused(400, "push_invalid", f"an area's level must be one of {', '.join(LEVELS)}")
        areas.append((_text(code, "area code", 32, 1), _text(name, "area name", 100, 1), level,
                      None if parent is None else _text(parent, "parent code", 32, 1)))
    if len({a[0] for a in areas}) != len(areas):
        raise Refused(400, "push_invalid", "an area is listed twice")
    stations, status = [], []
    for s in _list(body, "stations", MAX_STATIONS):
        code, name, village, added, history = _row(s, 5, "stations")
        stations.append((_text(code, "station code", 64, 1), _text(name, "station name", 100, 1),
                         _text(village, "station village", 32), _day(added, "station added")))
        if not isinstance(history, list) or len(history) > 100:
            raise Refused(400, "push_invalid", "a station's status history must be a list of at most 100")
        for h in history:
            since, state = _row(h, 2, "status history")
            if state not in STATUSES:
                raise Refused(400, "push_invalid", f"a status must be one of {', '.join(STATUSES)}")
            status.append((code, _day(since, "status since"), state))
    known = {s[0] for s in stations}
    if len(known) != len(stations) or len({s[:2] for s in status}) != len(status):
        raise Refused(400, "push_invalid", "a station or a station's status day is listed twice")
    days: dict[str, list[tuple[str, str, str, int]]] = {}
    total = 0
    for d in _list(body, "days", MAX_DAYS):
        if not isinstance(d, dict):
            raise Refused(400, "push_invalid", "each day must be an object")
        day = _day(d.get("day"), "day")
        if day in days:
            raise Refused(400, "push_invalid", f"day {day} is listed twice")
        rows = _list(d, "rows", MAX_ROWS)
        total += len(rows)
        if total > MAX_ROWS:
            raise Refused(413, "push_too_large", f"at most {MAX_ROWS} rows in one batch")
        checked = []
        for r in rows:
            station, figure, key, value = _row(r, 4, "rows")
            if station not in known:
                raise Refused(400, "push_invalid", "a row names a station the batch does not list")
            if type(value) is not int or not -MAX_INT <= value <= MAX_INT:
                raise Refused(400, "push_invalid", "a value must be an integer")
            checked.append((station, _text(figure, "figure", 64, 1), _text(key, "key", 200), value))
        if len({r[:3] for r in checked}) != len(checked):
            raise Refused(400, "push_invalid", f"day {day} lists a station's figure and key twice")
        days[day] = checked
    return Push(batch_id, seq, areas, stations, status, days)
