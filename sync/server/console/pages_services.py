"""便民服务与到车: the 一点多能 evidence (services by category, station and period, with amounts) and the inbound
客货邮 runs (items per route per day both ways, on-time arrivals, shortfalls), all read from the rollups the
declared ops fill at ingest (sync/op_lines/services.py, inbound_runs.py)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from . import periods, svg, units
from .web import Console, Ctx

SERVICE_FIGURES = ("services_by_category", "services_fen")
ROUTE_FIGURES = ("inbound_items", "dispatch_loaded_by_route", "inbound_runs", "inbound_on_time", "inbound_short",
                 "inbound_unannounced")


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        picked = periods.pick(ctx.request.query_params)
        data = await console.db(register, picked.span.start, picked.span.end)
        chart = svg.bars("便民服务笔数 按类别", [(r["name"], r["count"], f"{r['count']:,} 笔")
                                          for r in data["categories"]])
        return console.render(ctx.request, "services.html", user=ctx.user, csrf=ctx.csrf, title="便民服务与到车",
                              picked=picked, kinds=periods.KINDS, units=units, chart=chart, **data)

    return [Route("/services", console.page(page), methods=["GET"])]


def _sums(conn: sqlite3.Connection, figures: tuple[str, ...], start: date, end: date,
          group: str) -> list[sqlite3.Row]:
    marks = ",".join("?" * len(figures))
    return conn.execute(f"SELECT {group}, figure, key, SUM(value) AS value FROM rollups WHERE figure IN ({marks}) "
                        f"AND day >= ? AND day <= ? GROUP BY {group}, figure, key ORDER BY {group}, key",
                        (*figures, start.isoformat(), end.isoformat())).fetchall()


def category_names(conn: sqlite3.Connection) -> dict[str, str]:
    """The county's catalogue in force names each category; a code it no longer lists shows as itself."""
    row = conn.execute("SELECT body FROM reference WHERE kind = 'service_catalog' ORDER BY version DESC "
                       "LIMIT 1").fetchone()
    rows = json.loads(row[0])["rows"] if row else []
    return {str(r.get("category")): str(r.get("category_name") or r.get("category")) for r in rows}


def register(conn: sqlite3.Connection, start: date, end: date) -> dict[str, Any]:
    names = category_names(conn)
    stations = {r[0]: r[1] for r in conn.execute("SELECT code, name FROM stations")}
    categories: dict[str, dict[str, Any]] = {}
    by_station: dict[str, dict[str, Any]] = {}
    for r in _sums(conn, SERVICE_FIGURES, start, end, "station"):
        cat = categories.setdefault(r["key"], {"key": r["key"], "name": names.get(r["key"], r["key"]), "count": 0,
                                               "fen": 0})
        where = by_station.setdefault(r["station"], {"station": r["station"], "name": stations.get(r["station"], ""),
                                                     "count": 0, "fen": 0, "categories": {}})
        field = "count" if r["figure"] == "services_by_category" else "fen"
        cat[field] += int(r["value"])
        where[field] += int(r["value"])
        if field == "count":
            where["categories"][cat["name"]] = where["categories"].get(cat["name"], 0) + int(r["value"])
    for where in by_station.values():  # a category whose only service was voided shows nothing
        where["categories"] = {name: n for name, n in where["categories"].items() if n}
    days: dict[tuple[str, str], dict[str, int]] = {}
    totals: dict[str, dict[str, int]] = {}
    for r in _sums(conn, ROUTE_FIGURES, start, end, "day"):
        if not r["key"]:
            continue  # a run whose route the county could not tell
        days.setdefault((r["day"], r["key"]), {})[r["figure"]] = int(r["value"])
        route = totals.setdefault(r["key"], {})
        route[r["figure"]] = route.get(r["figure"], 0) + int(r["value"])
    return {"categories": sorted((c for c in categories.values() if c["count"] or c["fen"]),
                                 key=lambda c: -c["count"]),
            "stations": sorted(by_station.values(), key=lambda s: s["station"]),
            "route_days": [{"day": d, "route": k, **v} for (d, k), v in sorted(days.items())],
            "routes": [{"route": k, **v} for k, v in sorted(totals.items())],
            "total_count": sum(c["count"] for c in categories.values()),
            "total_fen": sum(c["fen"] for c in categories.values())}
