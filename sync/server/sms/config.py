"""The county's SMS settings (server_settings table): templates, provider template codes, limits, quiet hours,
the gateway and its non-secret options. Secrets never live here (credentials.py)."""

from __future__ import annotations

import json
import re
import sqlite3
import string
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, timezone

from ... import ops
from .. import storage

COUNTY_TZ = timezone(timedelta(hours=8))
DEFAULT_TEMPLATE = ("【{station}】您的{courier}包裹（单号尾号{tail}）已到站，取件码 {code}，"
                    "请于 {deadline} 前凭取件码领取。")
DEFAULT_TEMPLATE_MANY = "【{station}】您有 {count} 个包裹已到站，取件码 {code}，请于 {deadline} 前凭取件码领取。"
TEMPLATE_FIELDS = ("station", "courier", "tail", "code", "deadline", "count")
GATEWAYS = ("log", "aliyun", "tencent", "http")
DEFAULTS = {
    "sms_template": DEFAULT_TEMPLATE, "sms_template_many": DEFAULT_TEMPLATE_MANY,
    "sms_return_after_days": "7", "sms_station_daily": "3000", "sms_phone_daily": "30",
    "sms_phone_minute": "1", "sms_phone_hourly": "5", "sms_merge_minutes": "10", "sms_quiet": "21:30-08:00",
    "sms_gateway": "log", "sms_sign_name": "", "sms_template_code": "", "sms_template_code_many": "",
    "sms_endpoint": "", "sms_region": "", "sms_app_id": "",
    "sms_http_url": "", "sms_http_method": "POST", "sms_http_params": "", "sms_http_success": "",
    "sms_price_fen": "0",  # what the provider charges per text, in fen: the figures' cost (0: not known)
    "sms_paused": "",  # why sending stopped (an alarm); cleared by `county-server sms set --resume`
}
NUMBERS = {"sms_return_after_days": (1, 90), "sms_station_daily": (0, 100_000), "sms_phone_daily": (0, 1000),
           "sms_phone_minute": (1, 100), "sms_phone_hourly": (1, 1000), "sms_merge_minutes": (0, 120),
           "sms_price_fen": (0, 10_000)}
QUIET = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
HTTP_ROLES = ("phone", "text", "sign", "template", "params", "ref", "token")
CODE = re.compile(r"^[A-Za-z0-9_.\-]{0,64}$")


def setting(conn: sqlite3.Connection, name: str) -> str:
    row = conn.execute("SELECT value FROM server_settings WHERE key = ?", (name,)).fetchone()
    return str(row[0]) if row else DEFAULTS[name]


def all_settings(conn: sqlite3.Connection) -> dict[str, str]:
    stored = dict(conn.execute("SELECT key, value FROM server_settings WHERE key LIKE 'sms\\_%' ESCAPE '\\'"
                               ).fetchall())
    return {name: str(stored.get(name, default)) for name, default in DEFAULTS.items()}


def check_template(template: str) -> None:
    """A template may use only the county's fields; ValueError otherwise."""
    used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    if used - set(TEMPLATE_FIELDS) or "" in used:
        raise ValueError(f"unknown fields {sorted(used - set(TEMPLATE_FIELDS))}")


def _text(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        ops.check_text(value, "value", limit)
        return value.strip()
    return check


def _choice(*allowed: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return value
    return check


def _code(value: str) -> str:
    if not CODE.match(value):
        raise ValueError("a provider code is letters, digits, _ . - (at most 64)")
    return value


def _url(value: str) -> str:
    if value and not re.match(r"^https?://[^\s/]+(/\S*)?$", value):
        raise ValueError("must be an http:// or https:// address")
    return value


def _quiet(value: str) -> str:
    if value != "off" and not QUIET.match(value):
        raise ValueError("must be HH:MM-HH:MM (China time) or off")
    return value


def _http_params(value: str) -> str:
    """A JSON object: our role (phone, text, sign, template, params, ref, token) -> the vendor's parameter name."""
    if not value:
        return value
    try:
        mapping = json.loads(value)
    except ValueError as err:
        raise ValueError("must be a JSON object such as {\"phone\": \"mobile\", \"text\": \"content\"}") from err
    if not isinstance(mapping, dict) or not all(isinstance(v, str) and v for v in mapping.values()) \
            or set(mapping) - set(HTTP_ROLES) or "phone" not in mapping:
        raise ValueError(f"keys from {', '.join(HTTP_ROLES)} (phone required), values parameter names")
    return json.dumps(mapping, ensure_ascii=False, sort_keys=True)


def _success(value: str) -> str:
    try:
        re.compile(value)
    except re.error as err:
        raise ValueError("must be a regular expression matched against the vendor's answer") from err
    return value


CHECKS: dict[str, Callable[[str], str]] = {
    "sms_gateway": _choice(*GATEWAYS), "sms_sign_name": _text(30), "sms_template_code": _code,
    "sms_template_code_many": _code, "sms_endpoint": _url, "sms_region": _code, "sms_app_id": _code,
    "sms_http_url": _url, "sms_http_method": _choice("GET", "POST", "JSON"), "sms_http_params": _http_params,
    "sms_http_success": _success, "sms_quiet": _quiet, "sms_paused": _text(300),
}


def check_setting(name: str, value: str) -> str:
    """The value as stored, or ValueError saying what is wrong."""
    if name in ("sms_template", "sms_template_many"):
        ops.check_text(value, name, 300)
        check_template(value)
        return value
    if name in CHECKS:
        try:
            return CHECKS[name](value)
        except ValueError as err:
            raise ValueError(f"{name}: {err}") from err
    if name not in NUMBERS:
        raise ValueError(f"unknown setting {name}")
    low, high = NUMBERS[name]
    if not value.strip().isdigit() or not low <= int(value) <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}")
    return str(int(value))


def change_settings(conn: sqlite3.Connection, values: dict[str, str]) -> dict[str, str]:
    """County staff change templates, limits or the gateway: all of them, or (ValueError) none."""
    checked = {name: check_setting(name, value) for name, value in values.items()}
    with storage.transaction(conn):
        conn.executemany("INSERT INTO server_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                         "value = excluded.value", list(checked.items()))
    return checked


def number(conn: sqlite3.Connection, name: str) -> int:
    try:
        return int(setting(conn, name))
    except ValueError:  # a damaged setting must not stop the texts
        return int(DEFAULTS[name])


# ----- quiet hours (China time) --------------------------------------------------------------------------------
def quiet_until(quiet: str, now: datetime) -> datetime | None:
    """The end of the quiet hours ``now`` falls in (UTC), or None when texts may go out now."""
    match = QUIET.match(quiet)
    if not match:
        return None
    start = time(int(match[1]), int(match[2]))
    end = time(int(match[3]), int(match[4]))
    local = now.astimezone(COUNTY_TZ)
    clock = local.time().replace(tzinfo=None)
    if start == end:
        return None
    if start < end:
        inside = start <= clock < end
        end_day = local.date()
    else:  # across midnight: 21:30-08:00
        inside = clock >= start or clock < end
        end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
    if not inside:
        return None
    return datetime.combine(end_day, end, COUNTY_TZ).astimezone(UTC)


def china_day_start(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(COUNTY_TZ).date(), time(), COUNTY_TZ).astimezone(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
