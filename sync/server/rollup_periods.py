"""A period of China-time business days and the rollups read over it: each station's sums, the county's, a trend.

Whole months are read from the monthly rollups, the odd days around them from the daily ones, so a quarter costs
about what a day does.
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
    """Each station's sums over the period (of the ``only`` figures, else all), one query over the (figure, day)
    index."""
    out: dict[str, Sums] = defaultdict(dict)
    names = sorted(only if only is not None else {*ops.FIGURES, *derived.FIGURES})
    marks = ",".join("?" * len(names))
    days, months = _split(p)
    parts = [(f"SELECT station, figure, key, sum(value) FROM rollups WHERE figure IN ({marks}) AND day BETWEEN ? "
              "AND ? GROUP BY station, figure, key", (*names, first.isoformat(), last.isoformat()))
             for first, last in days]
    if months:
        parts.append((f"SELECT station, figure, key, sum(value) FROM rollups_month WHERE figure IN ({marks}) AND "
                      "month BETWEEN ? AND ? GROUP BY station, figure, key", (*names, months[0], months[1])))
    for sql, args in parts:
        for station, name, key, value in conn.execute(sql, args):
            sums = out[station]
            sums[(name, key)] = sums.get((name, key), 0) + int(value)
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


def _split(p: Period) -> tuple[list[tuple[date, date]], tuple[str, str] | None]:
    """The period as its odd days before and after its whole months, and the first and last whole month."""
    first = p.start if p.start.day == 1 else next_month(p.start)
    after = next_month(p.end) if next_month(p.end) - timedelta(days=1) == p.end else p.end.replace(day=1)
    if first >= after:  # no whole month inside
        return [(p.start, p.end)], None
    days = [(a, b) for a, b in ((p.start, first - timedelta(days=1)), (after, p.end)) if a <= b]
    return days, (first.isoformat()[:7], (after - timedelta(days=1)).isoformat()[:7])


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def merge(parts: Iterable[Sums]) -> Sums:
    total: Sums = {}
    for part in parts:
        for where, value in part.items():
            total[where] = total.get(where, 0) + value
    return total
