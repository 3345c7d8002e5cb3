"""问题件: the stations' open exceptions, complaints and claims (the overdue first), and for a period each station's
and courier's figures (registered, resolved, late, overdue at the end, median time to resolve) — the same numbers
as 指标 (sync/server/exceptions.py)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import exceptions
from . import periods, units
from .web import Console, Ctx

COLUMNS = ["exceptions.registered", "exceptions.resolved", "exceptions.resolved_late", "exceptions.open_overdue",
           "exceptions.resolve_median_h", "exceptions.compensated_fen"]
HEADS = {
    "exceptions.registered": "期内登记", "exceptions.resolved": "期内办结", "exceptions.resolved_late": "其中超期办结",
    "exceptions.open_overdue": "期末超期未办结", "exceptions.resolve_median_h": "办结时长中位数",
    "exceptions.compensated_fen": "赔偿金额",
}


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        picked = periods.pick(ctx.request.query_params)
        data = await console.db(register, picked.span.start, picked.span.end)
        return console.render(ctx.request, "exceptions.html", user=ctx.user, csrf=ctx.csrf, title="问题件",
                              picked=picked, kinds=periods.KINDS, units=units, columns=COLUMNS,
                              heads=HEADS, **data)

    return [Route("/exceptions", console.page(page), methods=["GET"])]


def register(conn: sqlite3.Connection, start: date, end: date) -> dict[str, Any]:
    open_now = exceptions.open_cases(conn)
    return {"open": open_now, "overdue": sum(c["overdue"] for c in open_now),
            "by_station": exceptions.summary(conn, "station", start, end),
            "by_courier": exceptions.summary(conn, "courier", start, end),
            "total": exceptions.block(exceptions.cases(conn, start, end), start, end)}
