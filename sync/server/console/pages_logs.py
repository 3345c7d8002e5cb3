"""The audit log (every change through the console or `user` commands) and the security log (the server's
security_log table: refused enrolments, refused ops, sign-in failures and lock-outs), newest first."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from . import audit
from .web import Console, Ctx

ACTIONS = {"login": "登录", "logout": "退出", "user_add": "添加用户", "user_disable": "停用用户",
           "user_enable": "启用用户", "station_add": "添加站点", "station_reenrol": "重新生成注册码",
           "station_revoke": "吊销站点凭证", "station_expire": "使站点凭证过期", "message_send": "发送消息",
           "ref_import": "上传参考数据", "manifest_import": "上传到件清单", "sale_import": "上传销售结果",
           "release_publish": "发布版本", "sms_set": "修改短信设置",
           "station_status": "修改站点状态", "area_import": "导入区划", "station_import": "导入站点名录",
           "subsidy_tiers": "修改补贴档位"}


def routes(console: Console) -> list[Route]:
    async def audit_page(ctx: Ctx) -> Response:
        rows = await console.db(audit.recent)
        return console.render(ctx.request, "audit.html", user=ctx.user, csrf=ctx.csrf, title="审计日志",
                              rows=rows, actions=ACTIONS)

    async def security_page(ctx: Ctx) -> Response:
        rows = await console.db(lambda conn: conn.execute(
            "SELECT * FROM security_log ORDER BY rowid DESC LIMIT 300").fetchall())
        return console.render(ctx.request, "security.html", user=ctx.user, csrf=ctx.csrf, title="安全日志", rows=rows)

    return [Route("/audit", console.page(audit_page), methods=["GET"]),
            Route("/security", console.page(security_page), methods=["GET"])]
