"""The overview at ``/``: today against yesterday, this month so far against the same days of last month, a
30-day trend (drawn on the server, and as a table), and what needs attention: pickup texts paused by an alarm, and
stations silent for more than a day, with refused ops or security events in the last 30 days."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from ... import ops
from .. import figures
from ..health import health as station_health
from . import pages_sms, periods, svg, units
from .web import Console, Ctx

HEADLINE = ["down.received", "down.picked_up", "up.sent", "up.produce_sales_fen", "bus.loaded", "bills.amount_fen"]
TREND = (ops.PARCELS_RECEIVED, ops.SENDINGS)


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        data = await console.db(overview, periods.today())
        days = list(data["trend"].items())
        chart = svg.columns("近 30 天 到件数（件/日）", [(d, v[ops.PARCELS_RECEIVED]) for d, v in days])
        return console.render(ctx.request, "overview.html", user=ctx.user, csrf=ctx.csrf, title="概览",
                              headline=HEADLINE, units=units, sms_reasons=units.TEXT_REASONS, chart=chart,
                              trend_names=TREND, **data)

    return [Route("/", console.page(page), methods=["GET"])]


def _month_before(day: date) -> tuple[date, date]:
    """The same days of last month (1st to the same day, or that month's last day)."""
    last = day.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last.replace(day=min(day.day, last.day))


# the rollups the headline figures are made of: read alone, a month answers in a fraction of figures()' time
SOURCES = (ops.PARCELS_RECEIVED, ops.PARCELS_PICKED_UP, ops.SENDINGS, ops.SENDING_FEES, ops.PRODUCE_BOXES,
           ops.PRODUCE_NET, ops.PRODUCE_SALES, ops.DISPATCH_RUNS, ops.DISPATCH_LOADED, ops.DISPATCH_MISSING,
           ops.BILLS_PAID, ops.BILLS_VOIDED, ops.BILLS)


def headline(conn: sqlite3.Connection, start: date, end: date) -> dict[str, Any]:
    """The headline figures of the county for a period, by the figures' own definitions (figures.down, up …)."""
    p = figures.period(start, end)
    s = figures.county_sums(conn, p, SOURCES)
    block = {**figures.down(s, 0), **figures.up(s), **figures.bus(s, p.days), **figures.bills(s)}
    return {name: block[name] for name in HEADLINE}


def overview(conn: sqlite3.Connection, today: date) -> dict[str, Any]:
    def total(start: date, end: date) -> dict[str, Any]:
        return headline(conn, start, end)

    month = (today.replace(day=1), today)
    before = _month_before(today)
    since = today - timedelta(days=29)
    health = station_health(conn, since, today)
    attention = [h for h in health if h["silent"] or h["refused_ops"] or h["security_events"]]
    return {"today": today, "yesterday": today - timedelta(days=1), "month": month, "month_before": before,
            "now_day": total(today, today), "before_day": total(today - timedelta(days=1), today - timedelta(days=1)),
            "now_month": total(*month), "before_month": total(*before),
            "trend": figures.daily(conn, figures.period(since, today), TREND), "attention": attention,
            "sms_alarms": pages_sms.open_alarms(conn),
            "stations": len(health), "as_of": figures.as_of(conn)}
