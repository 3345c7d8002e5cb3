"""`county-server sms …`: the gateway, templates and limits (set), one test text (test), opt-outs (optout),
what the texts are doing (status). Messages for county IT in Chinese; a secret is read from stdin only."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from .. import storage
from . import config, credentials
from .compose import render
from .gateways import Message, mask
from .queue import MOBILE
from .service import build_gateway

# flag -> setting
FLAGS = {"template": "sms_template", "template_many": "sms_template_many",
         "return_after_days": "sms_return_after_days", "station_daily": "sms_station_daily",
         "phone_daily": "sms_phone_daily", "phone_minute": "sms_phone_minute", "phone_hourly": "sms_phone_hourly",
         "merge_minutes": "sms_merge_minutes", "quiet": "sms_quiet", "gateway": "sms_gateway",
         "sign_name": "sms_sign_name", "template_code": "sms_template_code",
         "template_code_many": "sms_template_code_many", "endpoint": "sms_endpoint", "region": "sms_region",
         "app_id": "sms_app_id", "http_url": "sms_http_url", "http_method": "sms_http_method",
         "http_params": "sms_http_params", "http_success": "sms_http_success",
         "price_fen": "sms_price_fen"}
HELP = {"template": "one parcel; fields {station} {courier} {tail} {code} {deadline} {count}",
        "template_many": "several parcels for one phone (count and codes)", "quiet": "HH:MM-HH:MM China time, or off",
        "merge_minutes": "parcels for one phone within this many minutes go out as one text (default 10)",
        "gateway": "log | aliyun | tencent | http", "sign_name": "the registered signature (签名)",
        "template_code": "the provider's code of the approved one-parcel template",
        "template_code_many": "the provider's code of the approved several-parcels template",
        "endpoint": "the provider's address (default: its public endpoint)", "app_id": "Tencent SmsSdkAppId",
        "http_params": 'JSON: {"phone": "mobile", "text": "content", "sign": …, "template": …, "params": …, '
                       '"ref": …, "token": …}',
        "http_method": "GET, POST (form) or JSON",
        "price_fen": "what the provider charges per text, in fen, for the figures' cost (0: not known)",
        "http_success": "a regular expression the answer must match"}


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    texts = sub.add_parser("sms").add_subparsers(dest="action", required=True)
    set_ = texts.add_parser("set", parents=[common], help="the gateway, templates, limits and quiet hours")
    for flag in FLAGS:
        set_.add_argument("--" + flag.replace("_", "-"), help=HELP.get(flag))
    set_.add_argument("--key-id", help="AccessKey ID / SecretId (stored 0600 beside the database, not in it)")
    set_.add_argument("--secret-stdin", action="store_true",
                      help="read the AccessKey secret / SecretKey / HTTP token from stdin")
    set_.add_argument("--resume", action="store_true", help="resume sending after an alarm was dealt with")
    test = texts.add_parser("test", parents=[common], help="send one test text and print the provider's answer")
    test.add_argument("--phone", required=True)
    optout = texts.add_parser("optout", parents=[common], help="退订: phones that get no texts")
    optout.add_argument("change", choices=("add", "remove", "list"))
    optout.add_argument("--phone")
    optout.add_argument("--note", default="")
    texts.add_parser("status", parents=[common], help="texts by state, and open alarms")


def run(conn: sqlite3.Connection, args: argparse.Namespace, data_dir: Path) -> int:
    try:
        if args.action == "set":
            return _set(conn, args, data_dir)
        if args.action == "test":
            return _test(conn, args.phone, data_dir)
        if args.action == "optout":
            return _optout(conn, args)
        return _status(conn)
    except credentials.CredentialsError as err:
        print(str(err), file=sys.stderr)
        return 1


def _set(conn: sqlite3.Connection, args: argparse.Namespace, data_dir: Path) -> int:
    chosen = {FLAGS[flag]: getattr(args, flag) for flag in FLAGS if getattr(args, flag) is not None}
    secret = sys.stdin.readline().strip() if args.secret_stdin else ""
    if args.resume or "sms_gateway" in chosen or args.key_id or secret:  # what was refused has been dealt with
        chosen["sms_paused"] = ""
    if args.secret_stdin and not secret:
        print("没有从标准输入读到密钥：请用 echo 密钥 | county-server sms set … --secret-stdin。", file=sys.stderr)
        return 1
    try:
        changed = config.change_settings(conn, chosen)
    except ValueError as err:  # ops.OpInvalid too
        print(f"设置有误，未作任何修改：{err}", file=sys.stderr)
        return 1
    if args.key_id or secret:
        gateway = config.setting(conn, "sms_gateway")
        if gateway == "log":
            print("日志网关不需要凭据：请同时给出 --gateway aliyun|tencent|http。", file=sys.stderr)
            return 1
        where = credentials.save(data_dir, gateway, {"key_id": args.key_id or "", "secret": secret})
        print(f"{gateway} 凭据已写入 {where}（仅本用户可读）")
    if chosen.get("sms_paused") == "":
        resume(conn)
    for name, value in changed.items():
        print(f"{name} = {value}")
    return 0


def _test(conn: sqlite3.Connection, phone: str, data_dir: Path) -> int:
    try:
        answer = send_test(conn, data_dir, phone)
    except ValueError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(json.dumps(answer, ensure_ascii=False))
    return 0 if answer["status"] == "sent" else 1


def send_test(conn: sqlite3.Connection, data_dir: Path, phone: str) -> dict[str, str]:
    """One test text through the configured gateway; the provider's answer with the phone masked (the CLI and
    the console print this). ValueError for a wrong phone, CredentialsError for missing secrets."""
    if not MOBILE.match(phone):
        raise ValueError("手机号应为 11 位大陆手机号，例如 13812345678。")
    gateway = build_gateway(conn, data_dir)
    fields = {"station": "测试站", "courier": "测试快递", "tail": "0000", "code": "1-1-0001",
              "deadline": f"{datetime.now(UTC):%m月%d日}", "count": "1"}
    from .compose import used_fields

    message = Message("test" + storage.sha256(storage.now_iso())[:16], phone, render(conn, fields, "test"),
                      {name: fields[name] for name in used_fields(conn, False)}, False)
    try:
        answer = gateway.send(message)
    finally:
        getattr(gateway, "close", lambda: None)()  # an HTTP client per test: not left open in the server
    return {"gateway": gateway.name, "phone": mask(phone), "status": answer.status, "reason": answer.reason,
            "code": answer.code, "detail": answer.detail, "provider_id": answer.provider_id or ""}


def resume(conn: sqlite3.Connection) -> None:
    """Sending resumes and the open alarms are cleared (what was refused has been dealt with)."""
    with storage.transaction(conn):
        conn.execute("INSERT INTO server_settings (key, value) VALUES ('sms_paused', '') ON CONFLICT(key) DO UPDATE "
                     "SET value = excluded.value")
        conn.execute("UPDATE sms_alarms SET cleared_at = ? WHERE cleared_at IS NULL", (storage.now_iso(),))


def _optout(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    if args.change == "list":
        for phone, at, note in conn.execute("SELECT phone, at, note FROM sms_optout ORDER BY at"):
            print(f"{mask(phone)}\t{at}\t{note}")
        return 0
    try:
        change_optout(conn, args.change == "add", args.phone or "", args.note)
    except ValueError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"{mask(args.phone)} {'已退订' if args.change == 'add' else '已恢复接收'}")
    return 0


def change_optout(conn: sqlite3.Connection, add: bool, phone: str, note: str = "") -> bool:
    """退订 (add) or receive again (remove); True when the list changed. ValueError for a wrong phone."""
    if not MOBILE.match(phone):
        raise ValueError("请给出 11 位大陆手机号，例如 13812345678。")
    with storage.transaction(conn):
        if add:
            done = conn.execute("INSERT INTO sms_optout (phone, at, note) VALUES (?,?,?) ON CONFLICT(phone) DO "
                                "NOTHING", (phone, storage.now_iso(), storage.printable(note, 100)))
        else:
            done = conn.execute("DELETE FROM sms_optout WHERE phone = ?", (phone,))
    return done.rowcount > 0


def _status(conn: sqlite3.Connection) -> int:
    states = dict(conn.execute("SELECT state, count(*) FROM sms_texts GROUP BY state").fetchall())
    alarms = [dict(r) for r in conn.execute("SELECT at, gateway, reason, code FROM sms_alarms WHERE cleared_at IS "
                                            "NULL ORDER BY id")]
    print(json.dumps({"gateway": config.setting(conn, "sms_gateway"), "paused": config.setting(conn, "sms_paused"),
                      "texts": states, "alarms": alarms}, ensure_ascii=False, indent=2))
    return 0
