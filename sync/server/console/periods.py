"""The console's period picker: a kind (day, week, month, quarter, year or custom) and a day inside it, read from a
page's query string, as the two China-time days the figures take. A period that holds today ends today, so it is
compared with a previous period of the same (elapsed) length."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from starlette.datastructures import QueryParams

from .. import stations
from ..figures import Period, period
from .web import Refused

FIRST_YEAR, LAST_YEAR = 2000, 2100
KINDS = {"day": "日", "week": "周", "month": "月", "quarter": "季度", "year": "年", "custom": "自定义"}


@dataclass(frozen=True)
class Picked:
    kind: str
    anchor: date
    span: Period

    def query(self) -> str:
        """The picker's own part of a link (the other pages and exports keep the same period)."""
        if self.kind == "custom":
            return f"kind=custom&from={self.span.start}&to={self.span.end}"
        return f"kind={self.kind}&date={self.anchor}"


def today() -> date:
    return date.fromisoformat(stations.china_today())


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        raise Refused(400, f"{name}「{text[:20]}」不是日期，请按 年-月-日（如 2026-05-01）填写。") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:  # the year before must exist too (comparisons)
        raise Refused(400, f"{name}应在 {FIRST_YEAR} 年到 {LAST_YEAR} 年之间。")
    return day


def pick(params: QueryParams, default: str = "month") -> Picked:
    kind = params.get("kind") or default
    if kind not in KINDS:
        raise Refused(400, "没有这种统计周期，请从 日、周、月、季度、年、自定义 中选择。")
    now = today()
    anchor = _day(params.get("date"), "日期") or now
    if kind == "custom":
        start, end = _day(params.get("from"), "开始日期") or now, _day(params.get("to"), "结束日期") or now
    elif kind == "day":
        start = end = anchor
    elif kind == "week":
        start = anchor - timedelta(days=anchor.weekday())
        end = start + timedelta(days=6)
    elif kind == "month":
        start = anchor.replace(day=1)
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    elif kind == "quarter":
        start = anchor.replace(month=(anchor.month - 1) // 3 * 3 + 1, day=1)
        end = (start.replace(day=28) + timedelta(days=70)).replace(day=1) - timedelta(days=1)
    else:
        start, end = anchor.replace(month=1, day=1), anchor.replace(month=12, day=31)
    if kind != "custom" and start <= now < end:
        end = now
    try:
        return Picked(kind, anchor, period(start, end))
    except ValueError as err:
        raise Refused(400, f"{str(err).split(' / ')[0]}，请改正后再查。") from None
