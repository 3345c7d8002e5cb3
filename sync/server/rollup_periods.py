"""A period of China-time business days and the rollups read over it: each station's sums, the county's, a trend.

Whole months are read from the monthly rollups, the odd days around them from the daily ones (or, where fewer, as
their month less the days outside the period), so a quarter costs about what ten days do.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from .. import ops
from . import derived
from .rollups import CHINA

Sums = dict[tuple[str, str], int]  # (figure, key) → value over the period


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def last_year(self) -> Period:
        return Period(_year_before(self.start), _year_before(self.end))

    def utc_bounds(self) -> tuple[str, str]:
        """The period's first and after-last moments as UTC text, for tables that keep UTC times."""
        first = datetime.combine(self.start, time(), CHINA).astimezone(UTC)
        after = datetime.combine(self.end + timedelta(days=1), time(), CHINA).astimezone(UTC)
        return first.isoformat()[:19], after.isoformat()[:19]


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def period(start: date, end: date) -> Period:
    if end < start:
        raise ValueError("结束日期早于开始日期 / --to is before --from")
    if (end - start).days > 3 * 366:
        raise ValueError("一次最多查询三年 / at most three years at a time")
    return Period(start, end)


# ----- reading the rollups -------------------------------------------------------------------------------------
def sums_by_station(conn: sqlite3.Connection, p: Period, only: Iterable[str] | None = None) -> dict[str, Sums]:
    """Each station's sums over the period (of the ``only`` figures, else all): the signed spans (``spans``) read
    over the (figure, day) and (figure, month) indexes and summed in one query."""
    out: dict[str, Sums] = defaultdict(dict)
    names = sorted(only if only is not None else {*ops.FIGURES, *derived.FIGURES})
    marks = ",".join("?" * len(names))
    column = {"day": ("rollups", "day"), "month": ("rollups_month", "month")}
    selects, args = [], []
    parts = spans(p)
    for sign, unit, first, last in parts:
        table, at = column[unit]
        selects.append(f"SELECT station, figure, key, {'' if sign > 0 else '-'}value AS value FROM {table} "
                       f"WHERE figure IN ({marks}) AND {at} BETWEEN ? AND ?")
        args += [*names, first, last]
    # a figure only outside the period nets to 0 after a month less its outside days: left out, as a read of the
    # days alone would never have found it
    having = " HAVING sum(value) != 0" if any(sign < 0 for sign, *_ in parts) else ""
    for station, name, key, value in conn.execute(f"SELECT station, figure, key, sum(value) FROM ("
                                                  f"{' UNION ALL '.join(selects)}) AS spans GROUP BY station, "
                                                  f"figure, key{having}", args):
        out[station][(name, key)] = int(value)
    return out


def spans(p: Period) -> list[tuple[int, str, str, str]]:
    """The period as signed spans of the rollups: (sign, 'day' or 'month', first, last). Whole months come from the
    monthly table; a month's odd part from its days, or, when the month's days outside the period are fewer, as
    the whole month less those days (a quarter ending today reads its last month whole: the rest is future)."""
    out: list[tuple[int, str, str, str]] = []
    month = p.start.replace(day=1)
    while month <= p.end:
        after = next_month(month)
        lo, hi = max(p.start, month), min(p.end, after - timedelta(days=1))
        inside, length = (hi - lo).days + 1, (after - month).days
        if inside < length and inside <= length - inside:
            out.append((1, "day", lo.isoformat(), hi.isoformat()))
        else:
            if out and out[-1][:2] == (1, "month") and inside == length:  # consecutive whole months: one span
                out[-1] = (1, "month", out[-1][2], month.isoformat()[:7])
            else:
                out.append((1, "month", month.isoformat()[:7], month.isoformat()[:7]))
            if lo > month:
                out.append((-1, "day", month.isoformat(), (lo - timedelta(days=1)).isoformat()))
            if hi < after - timedelta(days=1):
                out.append((-1, "day", (hi + timedelta(days=1)).isoformat(), (after - timedelta(days=1)).isoformat()))
        month = after
    return out


def county_sums(conn: sqlite3.Connection, p: Period, only: Iterable[str]) -> Sums:
    """The whole county's sums of a few figures over the period (for a page that shows only those)."""
    return merge(sums_by_station(conn, p, only).values())


def daily(conn: sqlite3.Connection, p: Period, names: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Each day's county-wide sum of a few figures (for a trend): {day: {figure: value}}, every day present."""
    out = {(p.start + timedelta(days=i)).isoformat(): dict.fromkeys(names, 0) for i in range(p.days)}
    marks = ",".join("?" * len(names))
    for day, name, value in conn.execute(f"SELECT day, figure, sum(value) FROM rollups WHERE figure IN ({marks}) AND "
                                         "day BETWEEN ? AND ? GROUP BY day, figure",
                                         (*names, p.start.isoformat(), p.end.isoformat())):
        out[day][name] = int(value)
    return out


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def merge(parts: Iterable[Sums]) -> Sums:
    total: Sums = {}
    for part in parts:
        for where, value in part.items():
            total[where] = total.get(where, 0) + value
    return total
