"""The city's figures: the counties' pushed rollups read over a period and grouped by the county's own figure code
(sync/server/figures.py), with the county as the top level (city → county → township → village → station).

A station is keyed ``county:station`` here (station codes are a county's own). The city judges every county by
one rule: overdue after the default return period, 中国邮政/EMS as the postal brands, one other brand for 邮快合作.
Pickup texts are not pushed (a county's SMS figures stay at the county)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date
from typing import Any

from ..server import figures, rollup_periods
from ..server.sms import config as sms_config

BY = {"county": "区县", "township": "乡镇", "village": "建制村", "station": "站点", "courier": "快递企业",
      "product": "农产品品类", "route": "客货邮线路"}
OVERDUE_H = int(sms_config.DEFAULTS["sms_return_after_days"]) * 24


def station_key(county: str, station: str) -> str:
    return f"{county}:{station}"


def context(conn: sqlite3.Connection) -> figures.Context:
    names = {r[0]: r[1] for r in conn.execute("SELECT code, name FROM counties")}
    villages: dict[str, tuple[str, str]] = {}
    for county, village, township in conn.execute(
            "SELECT v.county, v.code, t.code FROM city_areas v JOIN city_areas t ON t.county = v.county AND "
            "t.code = v.parent_code WHERE v.level = 'village' AND t.level = 'township'"):
        villages[village] = (township, county)
    names |= {r[0]: r[1] for r in conn.execute("SELECT code, name FROM city_areas WHERE level != 'county'")}
    area_of: dict[str, dict[str, str]] = {}
    for county, code, name, village in conn.execute("SELECT county, code, name, village FROM city_stations"):
        key = station_key(county, code)
        township = villages[village][0] if village in villages else ""
        area_of[key] = {"county": county, "township": township, "village": village, "station": key}
        names[key] = name
    return figures.Context(area_of, names, villages, OVERDUE_H, figures.POSTAL, 1)


def sums_by_station(conn: sqlite3.Connection, p: figures.Period) -> dict[str, figures.Sums]:
    """Each station's sums over the period, read as the county reads its own (rollup_periods.spans)."""
    out: dict[str, figures.Sums] = defaultdict(dict)
    table = {"day": ("city_rollups", "day"), "month": ("city_rollups_month", "month")}
    selects, args = [], []
    parts = rollup_periods.spans(p)
    for sign, unit, first, last in parts:
        name_of, column = table[unit]
        selects.append(f"SELECT county, station, figure, key, {'' if sign > 0 else '-'}value AS value FROM {name_of} "
                       f"WHERE {column} BETWEEN ? AND ?")
        args += [first, last]
    having = " HAVING sum(value) != 0" if any(sign < 0 for sign, *_ in parts) else ""
    for county, station, name, key, value in conn.execute(
            f"SELECT county, station, figure, key, sum(value) FROM ({' UNION ALL '.join(selects)}) AS spans "
            f"GROUP BY county, station, figure, key{having}", args).fetchall():
        out[station_key(county, station)][(name, key)] = int(value)
    return out


def status_on(conn: sqlite3.Connection, day: str) -> dict[str, str]:
    """Each station's status on a day, as its county keeps it (sync/server/stations.status_on)."""
    out = {station_key(r[0], r[1]): "active" if r[2] <= day else "not_yet"
           for r in conn.execute("SELECT county, code, added_day FROM city_stations")}
    for county, station, state in conn.execute(
            "SELECT county, station, status FROM city_station_status s WHERE since = (SELECT max(since) FROM "
            "city_station_status t WHERE t.county = s.county AND t.station = s.station AND t.since <= ?)", (day,)):
        out[station_key(county, station)] = state
    return out


def city_figures(conn: sqlite3.Connection, start: date, end: date, by: str = "county") -> dict[str, Any]:
    """The period's figures per group, in the shape of the county's ``figures.figures``."""
    if by not in BY:
        raise ValueError(f"--by 应为 {'、'.join(BY)} 之一 / --by must be one of {', '.join(BY)}")
    p = figures.period(start, end)
    result = figures.grouped(conn, context(conn), p, by, sums_by_station(conn, p), {}, 0,
                             status_on(conn, p.end.isoformat()), as_of(conn))
    for block in [result["total"], *(r["figures"] for r in result["rows"])]:
        # texts and 问题件 are not pushed: no zeros that look like figures
        for name in [n for n in block if n.startswith(("texts", "exceptions"))]:
            del block[name]
    return result


def compared(conn: sqlite3.Connection, start: date, end: date, by: str = "county") -> dict[str, Any]:
    """The period's figures beside the previous period and the same period last year (as ``figures.compared``)."""
    p = figures.period(start, end)
    return figures.beside(city_figures(conn, start, end, by),
                          city_figures(conn, p.previous().start, p.previous().end, by),
                          city_figures(conn, p.last_year().start, p.last_year().end, by))


def as_of(conn: sqlite3.Connection) -> str | None:
    """When the newest push the figures include arrived (UTC)."""
    row = conn.execute("SELECT max(last_push_at) FROM counties").fetchone()
    return str(row[0]) if row and row[0] else None
