"""The county console: web pages for county staff (Chinese, server-rendered, no script, no CDN), served by
`county-server serve` beside the station API. Each pages_* module owns one part of the console."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any

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
    pages_exceptions,
    pages_fees,
    pages_figures,
    pages_logs,
    pages_map_uploads,
    pages_messages,
    pages_overview,
    pages_services,
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
    routes: list[BaseRoute] = [static_files()]
    for module in (pages_auth, pages_overview, pages_figures, pages_subsidy, pages_business, pages_coverage,
                   pages_stations, pages_station, pages_messages, pages_uploads, pages_map_uploads, pages_sms,
                   pages_admin, pages_logs, pages_exceptions, pages_services,
                   pages_fees):
        routes.extend(module.routes(console))
    return Starlette(routes=routes, exception_handlers=error_pages(console))


def static_files() -> Mount:
    """The style sheet and images every console page links (installed with the package: no CDN)."""
    static = Path(str(resources.files("sync.server.console").joinpath("static")))
    return Mount("/static", StaticFiles(directory=static), name="static")


def error_pages(console: Console) -> dict[Any, Callable[[Request, Exception], Awaitable[Response]]]:
    """A wrong address or method answered as a console page (with the navigation for whoever is signed in)."""

    async def signed_in(request: Request) -> Ctx | None:  # so a wrong address still shows the navigation
        session = await console.db(sessions.find, request.cookies.get(sessions.COOKIE))
        return Ctx(request, session.user, session.csrf) if session else None

    async def not_found(request: Request, _exc: Exception) -> Response:
        return console.refused(request, 404, "没有这个页面，请从上方导航进入。", await signed_in(request))

    async def not_allowed(request: Request, _exc: Exception) -> Response:
        return console.refused(request, 405, "这个页面不接受这种请求，请从控制台页面操作。", await signed_in(request))

    return {404: not_found, 405: not_allowed}
