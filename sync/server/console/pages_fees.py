"""派费与代收货款 for a period: per station and courier, the fees the stations earned from each courier (and what
the couriers paid), and the cash on delivery collected, waived and remitted. Read from the rollups the declared
ops (sync/op_lines/courier_fees.py, cod.py) fill at ingest; nothing else is counted here."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from ..rollup_periods import period, sums_by_station
from . import periods
from .web import Console, Ctx

# (figure, column head): each keyed by courier in the rollups
COLUMNS = [("courier_fees_fen", "派费收入"), ("courier_fees_paid_fen", "快递公司已付"),
           ("cod_collected_fen", "代收货款"), ("cod_waived_fen", "免收"), ("cod_remitted_fen", "已交快递公司")]


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        picked = periods.pick(ctx.request.query_params)
        data = await console.db(fees, picked.span.start, picked.span.end)
        return console.render(ctx.request, "fees.html", user=ctx.user, csrf=ctx.csrf, title="派费与代收货款",
                              picked=picked, kinds=periods.KINDS, columns=COLUMNS, **data)

    return [Route("/fees", console.page(page), methods=["GET"])]


def _courier_names(conn: sqlite3.Connection) -> dict[str, str]:
    """The county's courier list as last published (code → name); codes stand for themselves until then."""
    row = conn.execute("SELECT body FROM reference WHERE kind = 'couriers' ORDER BY version DESC LIMIT 1").fetchone()
    if row is None:
        return {}
    try:
        return {str(r["code"]): str(r["name"]) for r in json.loads(bytes(row[0]))["rows"]}
    except (ValueError, KeyError, TypeError):
        return {}


def fees(conn: sqlite3.Connection, start: date, end: date) -> dict[str, Any]:
    """Rows of (station, courier) with each column's fen, the county's total per courier, and COD owed (collected
    minus remitted in the period)."""
    by_station = sums_by_station(conn, period(start, end), [f for f, _ in COLUMNS])
    stations = {r[0]: r[1] for r in conn.execute("SELECT code, name FROM stations")}
    couriers = _courier_names(conn)
    rows: list[dict[str, Any]] = []
    totals: dict[str, dict[str, int]] = {}
    for station in sorted(by_station):
        sums = by_station[station]
        for courier in sorted({key for (_figure, key) in sums}):
            values = {f: sums.get((f, courier), 0) for f, _ in COLUMNS}
            if not any(values.values()):
                continue
            values["cod_owed_fen"] = values["cod_collected_fen"] - values["cod_remitted_fen"]
            rows.append({"station": station, "station_name": stations.get(station, station), "courier": courier,
                         "courier_name": couriers.get(courier, courier), "figures": values})
            total = totals.setdefault(courier, dict.fromkeys([*values], 0))
            for name, value in values.items():
                total[name] += value
    return {"rows": rows, "totals": [{"courier": c, "courier_name": couriers.get(c, c), "figures": totals[c]}
                                     for c in sorted(totals)]}
