"""分项业务 for a period, all read from the figures: produce by product and by 建制村, 客货邮 by route, bills by type
and pickup texts by state, each chart drawn on the server beside its table."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import figures
from . import periods, svg, units
from .web import Console, Ctx

PRODUCE = ["up.produce_boxes", "up.produce_net_g", "up.produce_sales_fen"]
ROUTE = ["bus.runs", "bus.loaded", "bus.missing", "bus.loaded_per_day"]
# short column heads for a month-by-month table (the station page)
TEXT_HEADS = {"texts.queued": "排队", "texts.sent": "已发送", "texts.delivered": "已送达", "texts.failed": "失败",
              "texts.unknown": "未知", "texts.parcels": "所含包裹", "texts.waiting_parcels": "待合并包裹",
              "texts.billed": "计费条数", "texts.cost_fen": "费用"}
TEXT_ROWS = ["texts.queued", "texts.sent", "texts.delivered", "texts.failed", "texts.unknown", "texts.parcels",
             "texts.waiting_parcels", "texts.billed", "texts.cost_fen"]


def routes(console: Console) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        picked = periods.pick(ctx.request.query_params)
        data = await console.db(business, picked.span.start, picked.span.end)
        charts = {
            "product": svg.bars("农产品销售额 按品类", [
                (r["name"], r["figures"]["up.produce_sales_fen"] or 0,
                 units.shown("up.produce_sales_fen", r["figures"]["up.produce_sales_fen"])) for r in data["product"]]),
            "route": svg.bars("客货邮交运件数 按线路", [
                (r["name"], r["figures"]["bus.loaded"], units.shown("bus.loaded", r["figures"]["bus.loaded"]))
                for r in data["by_route"]])}
        return console.render(ctx.request, "business.html", user=ctx.user, csrf=ctx.csrf, title="分项业务",
                              picked=picked, kinds=periods.KINDS, units=units, produce=PRODUCE, route=ROUTE,
                              charts=charts, text_rows=TEXT_ROWS, **data)

    return [Route("/business", console.page(page), methods=["GET"])]


def _keyed(total: dict[str, Any], stem: str) -> dict[str, Any]:
    return {k[len(stem) + 1:]: v for k, v in total.items() if k.startswith(stem + ".")}


def business(conn: sqlite3.Connection, start: date, end: date) -> dict[str, Any]:
    village = figures.figures(conn, start, end, "village")
    total = village["total"]
    bill_counts, bill_amounts = _keyed(total, "bills.count_by_type"), _keyed(total, "bills.amount_by_type_fen")
    return {"product": figures.figures(conn, start, end, "product")["rows"],
            "villages": [r for r in village["rows"] if any(r["figures"].get(k) for k in PRODUCE)],
            "by_route": figures.figures(conn, start, end, "route")["rows"], "total": total,
            "bills": [(t, bill_counts.get(t, 0), bill_amounts.get(t, 0))
                      for t in sorted({*bill_counts, *bill_amounts})],
            "text_failed": {k: v for k, v in total.items() if k.startswith("texts_failed.")}, "as_of": village["as_of"]}
