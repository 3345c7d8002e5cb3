"""Figures as people read them: fen as 元, grams as 公斤, fractions as per cent, each with its unit (件, 笔, 个 …).
The figures themselves stay integers (fen, grams); only the page turns them into text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import figures

_COUNT_UNITS = (("coverage.", "个"), ("bills.", "笔"), ("texts.parcels", "件"), ("texts.waiting", "件"),
                ("texts", "条"), ("bus.runs", "班"),
                ("up.produce_boxes", "箱"))


def unit(name: str) -> str:
    if "fen" in name:
        return "元"
    if name.endswith("_g") or "_g." in name or name.startswith("up.produce_net"):
        return "公斤"
    if "rate" in name:
        return "%"
    if name.endswith("_h"):
        return "小时"
    if name == "bus.loaded_per_day":
        return "件/日"
    return next((u for prefix, u in _COUNT_UNITS if name.startswith(prefix)), "件")


def number(name: str, value: Any) -> str:
    """The value alone, in the unit ``unit(name)`` names (no unit text)."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    kind = unit(name)
    if kind == "元" and isinstance(value, int):
        return f"{Decimal(value) / 100:,.2f}"
    if kind == "公斤" and isinstance(value, int):
        return f"{Decimal(value) / 1000:,.3f}".rstrip("0").rstrip(".")
    if kind == "%":
        return f"{value * 100:.1f}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}"


def shown(name: str, value: Any) -> str:
    """'1,234 件', '150.00 元', '18.5 公斤', '30.0%', '6 小时内'; '—' where there is nothing."""
    text = number(name, value)
    if text == "—":
        return text
    kind = unit(name)
    if kind == "%":
        return text + "%"
    if kind == "小时":
        return f"{text} 小时内"
    return f"{text} {kind}"


def change(current: Any, before: Any) -> str:
    rate = figures.change(current, before)
    return "—" if rate is None else f"{rate * 100:+.1f}%"


TEXT_STATES = {"queued": "排队中", "sending": "发送中", "sent": "已发送", "delivered": "已送达", "failed": "发送失败",
               "unknown": "结果未知"}


# why a text failed or sending stopped (the sms package's reasons), as county staff read them
TEXT_REASONS = {"invalid_number": "号码无效", "rate_limited": "被限流（稍后重试）", "provider_busy": "平台繁忙",
                "out_of_balance": "余额不足或欠费停机", "template_rejected": "模板未通过或被拒",
                "signature_rejected": "签名未通过或被拒", "credentials_rejected": "凭据被拒",
                "credentials_missing": "缺少凭据", "provider_refused": "平台拒绝", "not_delivered": "未送达",
                "text_too_long": "内容超长", "opted_out_at_provider": "已在平台退订", "unknown": "结果未知",
                "gateway_unreachable": "网关连不上", "gateway_error": "网关出错", "clock_skew": "服务器时间不准",
                "opted_out": "已退订", "station_daily_limit": "超出站点每日限额",
                "phone_daily_limit": "超出手机号每日限额"}


def label(name: str) -> str:
    """The figure's Chinese name without the stored unit (分, 克): every value on a page carries its own unit."""
    if name.startswith("texts_failed."):
        return f"短信失败：{TEXT_REASONS.get(name[13:], name[13:])}"
    return figures.label(name).replace("（分）", "").replace("（克）", "").replace("（小时内）", "")
