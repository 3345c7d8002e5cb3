"""The county console: web pages for county staff (Chinese, server-rendered, no script, no CDN), served by
`county-server serve` beside the station API. Each pages_* module owns one part of the console."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from .. import http_limits
from . import (
    pages_admin,
    pages_auth,
    pages_business,
    pages_coverage,
    pages_fees,
    pages_figures,
    pages_logs,
    pages_map_uploads,
    pages_messages,
    pages_overview,
    pages_sms,
    pages_station,
    pages_stations,
    pages_subsidy,
    pages_uploads,
    sessions,
)
from .web import Console, Ctx


def console_app(data_dir: Path, timing: http_limits.BodyTiming | None = None) -> Starlette:
    console = Console(data_dir, timing or http_limits.BodyTiming())
    static = Path(str(resources.files("sync.server.console").joinpath("static")))
    routes: list[BaseRoute] = [Mount("/static", StaticFiles(directory=static), name="static")]
    for module in (pages_auth, pages_overview, pages_figures, pages_subsidy, pages_business, pages_coverage,
                   pages_stations, pages_station, pages_messages, pages_uploads, pages_map_uploads, pages_sms,
                   pages_admin, pages_logs, pages_fees):
        routes.extend(module.routes(console))

    async def signed_in(request: Request) -> Ctx | None:  # so a wrong address still shows the navigation
        session = await console.db(sessions.find, request.cookies.get(sessions.COOKIE))
        return Ctx(request, session.user, session.csrf) if session else None

    async def not_found(request: Request, _exc: Exception) -> Response:
        return console.refused(request, 404, "没有这个页面，请从上方导航进入。", await signed_in(request))

    async def not_allowed(request: Request, _exc: Exception) -> Response:
        return console.refused(request, 405, "这个页面不接受这种请求，请从控制台页面操作。", await signed_in(request))

    return Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed})
