"""短信设置 at ``/sms``: the gateway in use and its non-secret options (whether its credentials are present, never
their values), templates, merge window, quiet hours, limits and the price per text; open alarms at the top with
"resume sending"; the opt-out list (masked); a test text. Everything goes through the sms package's own functions
(the CLI's), so the console and `county-server sms` cannot differ. Secrets are entered only with the CLI."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from .. import storage
from ..sms import commands, config, credentials
from ..sms.gateways import mask
from . import audit, forms, units
from .web import Console, Ctx, Refused, redirect

# setting -> (label, the longest value the form takes)
SETTINGS = {
    "sms_gateway": ("短信网关", 10), "sms_sign_name": ("短信签名", 30), "sms_template_code": ("单件模板编号", 64),
    "sms_template_code_many": ("多件模板编号", 64), "sms_endpoint": ("服务地址（空：平台公网地址）", 300),
    "sms_region": ("地域", 64), "sms_app_id": ("SmsSdkAppId（腾讯云）", 64), "sms_http_url": ("HTTP 网关地址", 300),
    "sms_http_method": ("HTTP 方式", 10), "sms_http_params": ("HTTP 参数名（JSON）", 300),
    "sms_http_success": ("成功应答匹配（正则）", 200),
    "sms_template": ("单件通知模板", 300), "sms_template_many": ("多件通知模板", 300),
    "sms_merge_minutes": ("合并时间窗（分钟）", 5), "sms_quiet": ("免打扰时段（北京时间，off 为不设）", 11),
    "sms_phone_minute": ("每个手机号每分钟最多条数", 5), "sms_phone_hourly": ("每个手机号每小时最多条数", 5),
    "sms_phone_daily": ("每个手机号每天最多条数", 5), "sms_station_daily": ("每个站点每天最多条数", 6),
    "sms_return_after_days": ("几天后退回（通知里写的期限）", 3), "sms_price_fen": ("每条短信单价（分，0 为未知）", 6),
}
GROUPS = (("网关与模板编号", ("sms_gateway", "sms_sign_name", "sms_template_code", "sms_template_code_many",
                        "sms_endpoint", "sms_region", "sms_app_id", "sms_http_url", "sms_http_method",
                        "sms_http_params", "sms_http_success")),
          ("短信模板", ("sms_template", "sms_template_many")),
          ("合并、免打扰、限额与单价", ("sms_merge_minutes", "sms_quiet", "sms_phone_minute", "sms_phone_hourly",
                              "sms_phone_daily", "sms_station_daily", "sms_return_after_days", "sms_price_fen")))
# the options each gateway reads (shown beside the gateway in use)
OPTIONS = {"log": (), "aliyun": ("sms_sign_name", "sms_template_code", "sms_template_code_many", "sms_endpoint",
                                 "sms_region"),
           "tencent": ("sms_sign_name", "sms_template_code", "sms_template_code_many", "sms_endpoint", "sms_region",
                       "sms_app_id"),
           "http": ("sms_http_url", "sms_http_method", "sms_http_params", "sms_http_success", "sms_sign_name",
                    "sms_template_code", "sms_template_code_many")}
GATEWAY_NAMES = {"log": "日志网关（仅开发测试，不真正发送）", "aliyun": "阿里云短信", "tencent": "腾讯云短信",
                 "http": "通用 HTTP 短信网关"}


def open_alarms(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute("SELECT id, at, gateway, reason, code, detail FROM sms_alarms WHERE "
                                          "cleared_at IS NULL ORDER BY id")]


def credentials_state(data_dir: Path, gateway: str) -> tuple[bool, str]:
    """(present, a sentence): whether the gateway's secrets are there; never their values."""
    if gateway == "log":
        return True, "日志网关不需要凭据。"
    try:
        found = credentials.load(data_dir, gateway)
    except credentials.CredentialsError as err:
        return False, str(err)
    if not any(found.values()):  # an HTTP vendor that needs no token
        return True, "未设置令牌（供应商不需要令牌时可以这样）。"
    return True, "凭据已配置（保存在服务器上仅服务用户可读的文件或环境变量里，这里不显示）。"


def sms_state(conn: sqlite3.Connection, data_dir: Path) -> dict[str, Any]:
    values = config.all_settings(conn)
    present, said = credentials_state(data_dir, values["sms_gateway"])
    optouts = [{"id": r[0], "phone": mask(r[1]), "at": r[2], "note": r[3]}
               for r in conn.execute("SELECT rowid, phone, at, note FROM sms_optout ORDER BY at DESC")]
    return {"values": values, "alarms": open_alarms(conn), "paused": values["sms_paused"],
            "credentials_present": present, "credentials_said": said, "optouts": optouts,
            "options": OPTIONS.get(values["sms_gateway"], ())}


def routes(console: Console) -> list[Route]:
    async def show(ctx: Ctx, tested: dict[str, str] | None = None, done: str = "") -> Response:
        data = await console.db(sms_state, console.data_dir)
        return console.render(ctx.request, "sms.html", user=ctx.user, csrf=ctx.csrf, title="短信设置",
                              settings=SETTINGS, groups=GROUPS, gateways=GATEWAY_NAMES, reasons=units.TEXT_REASONS,
                              tested=tested, done=done or ctx.request.query_params.get("done", ""), **data)

    async def page(ctx: Ctx) -> Response:
        return await show(ctx)

    async def save(ctx: Ctx) -> Response:
        sent = {name: forms.text(ctx.form, name, limit, required=False, label=label)
                for name, (label, limit) in SETTINGS.items() if name in ctx.form}
        await console.db(_save, sent, ctx.user.name, ctx.address)
        return redirect("/sms?done=saved")

    async def resume(ctx: Ctx) -> Response:
        await console.db(_resume, ctx.user.name, ctx.address)
        return redirect("/sms?done=resumed")

    async def optout_add(ctx: Ctx) -> Response:
        phone = forms.text(ctx.form, "phone", 20, label="手机号")
        note = forms.text(ctx.form, "note", 100, required=False, label="说明")
        await console.db(_optout, True, phone, note, ctx.user.name, ctx.address)
        return redirect("/sms?done=optout_added")

    async def optout_remove(ctx: Ctx) -> Response:
        row = forms.text(ctx.form, "id", 20, label="退订记录")
        if not row.isdigit():
            raise Refused(400, "退订记录不对，请回到短信设置页面重新操作。")
        phone = await console.db(lambda conn: conn.execute("SELECT phone FROM sms_optout WHERE rowid = ?",
                                                           (int(row),)).fetchone())
        if phone is None:
            raise Refused(404, "这条退订记录已不存在（可能已被恢复），请刷新页面。")
        await console.db(_optout, False, phone[0], "", ctx.user.name, ctx.address)
        return redirect("/sms?done=optout_removed")

    async def test(ctx: Ctx) -> Response:
        phone = forms.text(ctx.form, "phone", 20, label="手机号")
        answer = await console.db(_test, console.data_dir, phone, ctx.user.name, ctx.address)
        return await show(ctx, tested=answer)

    return [Route("/sms", console.page(page), methods=["GET"]),
            Route("/sms", console.page(save, admin=True), methods=["POST"]),
            Route("/sms/resume", console.page(resume, admin=True), methods=["POST"]),
            Route("/sms/optout/add", console.page(optout_add, admin=True), methods=["POST"]),
            Route("/sms/optout/remove", console.page(optout_remove, admin=True), methods=["POST"]),
            Route("/sms/test", console.page(test, admin=True), methods=["POST"])]


def _save(conn: sqlite3.Connection, sent: dict[str, str], actor: str, address: str) -> None:
    """Only what the admin changed (an empty field clears a text setting; a number must stay a number)."""
    now = config.all_settings(conn)
    changed = {name: value for name, value in sent.items() if value.strip() != now[name].strip()}
    if not changed:
        raise Refused(400, "没有修改任何设置。")
    try:
        done = config.change_settings(conn, changed)
    except ValueError as err:  # ops.OpInvalid too: the setting's own check says why
        said = str(err)
        name = next((n for n in sorted(SETTINGS, key=len, reverse=True) if said.startswith(n)), "")
        raise Refused(400, f"设置没有保存：{SETTINGS[name][0] if name else ''}填写有误（{said}），"
                           "请改正后重新提交。") from None
    with storage.transaction(conn):
        audit.record(conn, actor, "sms_set", ", ".join(f"{k}={v}" for k, v in done.items()), address)


def _resume(conn: sqlite3.Connection, actor: str, address: str) -> None:
    alarms = open_alarms(conn)
    if not alarms and not config.setting(conn, "sms_paused"):
        raise Refused(400, "短信发送没有暂停，不需要恢复。")
    commands.resume(conn)  # what `county-server sms set --resume` does
    with storage.transaction(conn):
        audit.record(conn, actor, "sms_resume", "; ".join(f"{a['reason']} {a['code']}" for a in alarms), address)


def _optout(conn: sqlite3.Connection, add: bool, phone: str, note: str, actor: str, address: str) -> None:
    try:
        changed = commands.change_optout(conn, add, phone.strip(), note)
    except ValueError as err:
        raise Refused(400, str(err)) from None
    if not changed:
        raise Refused(400, f"{mask(phone)} {'已在退订名单里' if add else '不在退订名单里'}，没有改动。")
    with storage.transaction(conn):
        audit.record(conn, actor, "sms_optout_add" if add else "sms_optout_remove", mask(phone), address)


def _test(conn: sqlite3.Connection, data_dir: Path, phone: str, actor: str, address: str) -> dict[str, str]:
    try:
        answer = commands.send_test(conn, data_dir, phone.strip())
    except (ValueError, credentials.CredentialsError) as err:
        raise Refused(400, str(err)) from None
    with storage.transaction(conn):
        audit.record(conn, actor, "sms_test", f"{answer['phone']} {answer['status']} {answer['reason']}", address)
    return answer
