"""The city console: the county console's login, sessions, CSRF and figures pages (sync/server/console) served from
the city's store, with the counties as the drill-down's top level, and a page of the counties and their pushes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from ..server import http_limits
from ..server.console import audit, barcodes, error_pages, forms, pages_auth, pages_figures, static_files
from ..server.console.web import Console, Ctx, Refused, make_templates
from . import figures, store

NAV = [("/", "区县"), ("/figures", "指标")]
CITY = pages_figures.Source(figures.compared, figures.context, figures.BY, ("by=county", "全市"), counties=True,
                            station_pages=False)
TEMPLATES = Path(__file__).parent / "templates"


def console_app(data_dir: Path, timing: http_limits.BodyTiming | None = None) -> Starlette:
    console = Console(data_dir, timing or http_limits.BodyTiming(), templates=make_templates(TEMPLATES),
                      connect=store.connect, brand="市级邮运通控制台", login_title="市级控制台登录", tool="city-server",
                      nav=NAV, home=("/", "回到区县列表"))
    routes: list[BaseRoute] = [static_files(), *pages_auth.routes(console), *pages_figures.routes(console, CITY),
                               *routes_of(console)]
    return Starlette(routes=routes, exception_handlers=error_pages(console))


def routes_of(console: Console) -> list[Route]:
    async def counties(ctx: Ctx) -> Response:
        rows = await console.db(store.counties)
        return console.render(ctx.request, "counties.html", user=ctx.user, csrf=ctx.csrf, title="区县", counties=rows)

    async def add(ctx: Ctx) -> Response:
        code = forms.text(ctx.form, "code", 32, label="区县编码")
        name = forms.text(ctx.form, "name", 50, label="区县名称")
        try:
            enrolment = await console.db(_add, code, name, ctx.user.name, ctx.address)
        except store.CountyError as err:
            raise Refused(400, str(err)) from None
        return console.render(ctx.request, "county_code.html", user=ctx.user, csrf=ctx.csrf, title="区县注册码",
                              code=code, name=name, enrolment=enrolment,
                              barcode=barcodes.code128_data_uri(enrolment))

    return [Route("/", console.page(counties), methods=["GET"]),
            Route("/counties/add", console.page(add, admin=True), methods=["POST"])]


def _add(conn: sqlite3.Connection, code: str, name: str, actor: str, address: str) -> str:
    enrolment = store.add_county(conn, code, name)
    audit.record(conn, actor, "county_add", f"{code} {name}", address)
    return enrolment
