"""Station coverage, the map as a table: each township with its 建制村, those with an active station on the
period's last day, and those in 邮快合作 (parcels of an express brand besides 中国邮政/EMS in the period), and under
it each 建制村 with its stations. Read from the figures, so it matches `county-server figures --by township`."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import figures, stations
from . import periods, units
from .web import Console, Ctx


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        picked = periods.pick(ctx.request.query_params)
        data = await console.db(coverage, picked.span.start, picked.span.end)
        return console.render(ctx.request, "coverage.html", user=ctx.user, csrf=ctx.csrf, title="站点覆盖",
                              picked=picked, kinds=periods.KINDS, units=units, statuses=stations.STATUSES, **data)

    return [Route("/coverage", console.page(page), methods=["GET"])]


def coverage(conn: sqlite3.Connection, start: date, end: date) -> dict[str, Any]:
    townships = figures.figures(conn, start, end, "township")
    villages = figures.figures(conn, start, end, "village")
    ctx = figures.context(conn)
    status = stations.status_on(conn, end.isoformat())
    at: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for code, where in ctx.area_of.items():
        at[where["village"]].append((code, ctx.names.get(code, code), status.get(code, "active")))
    by_township: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in villages["rows"]:
        if row["key"] in ctx.villages:
            by_township[ctx.villages[row["key"]][0]].append(
                {"key": row["key"], "name": row["name"], "stations": sorted(at.get(row["key"], [])),
                 "covered": row["figures"].get("coverage.villages_with_station", 0) > 0,
                 "cooperation": row["figures"].get("coverage.cooperation_villages", 0) > 0})
    return {"townships": [r for r in townships["rows"] if r["key"]], "villages": by_township,
            "total": townships["total"], "unplaced": sorted(at.get("", []))}
