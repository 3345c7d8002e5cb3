"""Figures: a period (picker), a grouping (county → township → village → station, or courier, product, route)
with drill-down, each figure beside the previous period and the same period last year, a bar chart drawn on the
server beside its table, and the export (.xlsx, CSV) of what is shown. ``/api/figures`` answers, behind the same
login, exactly what `county-server figures --json` prints."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import figures, xlsx
from . import periods, svg, units
from .web import HEADERS, Console, Ctx, Refused

BY = {"county": "全县", "township": "乡镇", "village": "建制村", "station": "站点", "courier": "快递企业",
      "product": "农产品品类", "route": "客货邮线路"}
DRILL = {"county": "township", "township": "village", "village": "station"}  # a row's click goes one level down
AREA = ["down.received", "down.picked_up", "down.returned", "down.overdue_rate", "up.sent", "up.produce_sales_fen",
        "bus.loaded", "bills.amount_fen"]
COLUMNS = {"county": AREA + ["coverage.rate"], "township": AREA + ["coverage.rate"],
           "village": AREA + ["coverage.rate"], "station": AREA,
           "courier": ["down.received", "down.picked_up", "down.returned", "down.dwell_median_h", "down.dwell_p90_h",
                       "down.overdue_rate", "up.sent", "up.fees_fen"],
           "product": ["up.produce_boxes", "up.produce_net_g", "up.produce_sales_fen"],
           "route": ["bus.runs", "bus.loaded", "bus.missing", "bus.loaded_per_day"]}
WITHIN = ("township", "village", "station")  # the levels a drill-down narrows to one area above


@dataclass(frozen=True)
class Source:
    """Where the figures page reads: a county's own rollups, or the city's, whose top level is its counties
    (sync/city/figures.py). Both answer in the shape of ``figures.compared``."""

    compared: Callable[[sqlite3.Connection, date, date, str], dict[str, Any]]
    context: Callable[[sqlite3.Connection], figures.Context]
    by_labels: dict[str, str]
    top: tuple[str, str]  # the drill-down's first step: its link and its name
    counties: bool = False  # the drill-down starts with several counties
    station_pages: bool = True  # a station's row links to its own page


COUNTY = Source(figures.compared, figures.context, BY, ("by=township", "全县"))


def routes(console: Console, source: Source = COUNTY) -> list[Route]:
    async def page(ctx: Ctx) -> Response:
        picked, by, within = _asked(ctx, source)
        result, trail = await console.db(shown, picked.span.start, picked.span.end, by, within, source)
        first = COLUMNS[by][0]
        chart = svg.bars(f"{units.label(first)}（深色本期，浅色上期）",
                         [(r["name"], r["figures"].get(first) or 0, units.shown(first, r["figures"].get(first)))
                          for r in result["rows"][:25]],
                         other=[(r.get("previous") or {}).get(first) or 0 for r in result["rows"][:25]])
        return console.render(ctx.request, "figures.html", user=ctx.user, csrf=ctx.csrf, title="指标",
                              picked=picked, kinds=periods.KINDS, by=by, by_labels=source.by_labels, within=within,
                              trail=trail, source=source,
                              result=result, columns=COLUMNS[by], drill=DRILL.get(by), units=units, chart=chart,
                              every=list(result["total"]), figures=figures)

    def export(kind: str) -> Any:
        async def handler(ctx: Ctx) -> Response:
            picked, by, within = _asked(ctx, source)
            result, _ = await console.db(shown, picked.span.start, picked.span.end, by, within, source)
            with tempfile.TemporaryDirectory(prefix="county-export-") as folder:
                path = Path(folder) / f"figures.{kind}"
                (xlsx.write_figures if kind == "xlsx" else xlsx.write_figures_csv)(result, path)
                body = path.read_bytes()
            name = f"figures-{by}-{picked.span.start}-{picked.span.end}.{kind}"
            media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if kind == "xlsx"
                     else "text/csv; charset=utf-8")
            return Response(body, media_type=media,
                            headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})
        return handler

    async def api(ctx: Ctx) -> Response:
        q = ctx.request.query_params
        by = q.get("by") or "county"
        try:
            start, end = date.fromisoformat(q.get("from", "")), date.fromisoformat(q.get("to", ""))
        except ValueError:
            raise Refused(400, "from 和 to 应为日期 YYYY-MM-DD / from and to must be dates") from None
        if not all(periods.FIRST_YEAR <= d.year <= periods.LAST_YEAR for d in (start, end)):
            raise Refused(400, "日期应在 2000 年到 2100 年之间 / dates must be within 2000..2100")
        try:
            result = await console.db(source.compared, start, end, by)
        except ValueError as err:
            raise Refused(400, str(err)) from None
        return JSONResponse(result, headers=HEADERS)

    return [Route("/figures", console.page(page), methods=["GET"]),
            Route("/figures/export.xlsx", console.page(export("xlsx")), methods=["GET"]),
            Route("/figures/export.csv", console.page(export("csv")), methods=["GET"]),
            Route("/api/figures", console.page(api, api=True), methods=["GET"])]


def _asked(ctx: Ctx, source: Source) -> tuple[periods.Picked, str, str]:
    q = ctx.request.query_params
    by = q.get("by") or "county"
    if by not in source.by_labels:
        raise Refused(400, f"没有这种分组，请从 {'、'.join(source.by_labels.values())} 中选择。")
    within = (q.get("within") or "")[:32]
    if within and by not in WITHIN:
        within = ""
    return periods.pick(q), by, within


def shown(conn: sqlite3.Connection, start: date, end: date, by: str, within: str, source: Source = COUNTY
          ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The compared figures (as the CLI's --json), narrowed to one county's townships (the city), one township's
    villages or one village's stations when drilled into; the total is then that area's own row. Returns the
    result and the trail of (link, name)."""
    result = source.compared(conn, start, end, by)
    trail: list[tuple[str, str]] = [source.top]
    if not within:
        return result, trail
    ctx = source.context(conn)
    county_of = {township: county for township, county in ctx.villages.values()}
    if by == "township":
        if within not in set(county_of.values()):
            raise Refused(404, f"没有区县 {within}，请从区县列表点进来。")
        chain = [("township", within)]
        result["rows"] = [r for r in result["rows"] if county_of.get(r["key"]) == within]
    elif by == "village":
        if within not in county_of:
            raise Refused(404, f"没有乡镇 {within}，请从乡镇列表点进来。")
        chain = [("township", county_of[within]), ("village", within)]
        result["rows"] = [r for r in result["rows"] if ctx.villages.get(r["key"], ("", ""))[0] == within]
    else:
        if within not in ctx.villages:
            raise Refused(404, f"没有建制村 {within}，请从建制村列表点进来。")
        township, county = ctx.villages[within]
        chain = [("township", county), ("village", township), ("station", within)]
        result["rows"] = [r for r in result["rows"] if ctx.area_of.get(r["key"], {}).get("village") == within]
    for level, code in chain[0 if source.counties else 1:]:  # a county's own console starts below itself
        trail.append((f"by={level}&within={code}", ctx.names.get(code, code)))
    above = source.compared(conn, start, end, {"township": "county", "village": "township", "station": "village"}[by])
    own = next((r for r in above["rows"] if r["key"] == within), None)
    if own is not None:
        result["total"], result["total_previous"] = own["figures"], own.get("previous") or {}
        result["total_last_year"] = own.get("last_year") or {}
    result["within"] = {"key": within, "name": ctx.names.get(within, within)}
    return result, trail
