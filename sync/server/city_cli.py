"""`county-server city enroll|push|auto|status`: the county's link to the city above it (sync/server/city_push.py)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date

from . import city_push


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    city = sub.add_parser("city", help="push the county's daily figures to the city").add_subparsers(
        dest="action", required=True)
    enroll = city.add_parser("enroll", parents=[common], help="enrol with the city server (its one-time code)")
    enroll.add_argument("--url", required=True, help="the city server, e.g. https://city.example:8760")
    enroll.add_argument("--code", required=True, help="the one-time code from `city-server county add`")
    push = city.add_parser("push", parents=[common], help="push the days changed since the last acknowledged push")
    push.add_argument("--since", help="look at days from YYYY-MM-DD on (default: the last "
                      f"{city_push.WINDOW_DAYS} days; every day on a first push)")
    auto = city.add_parser("auto", parents=[common], help="the daily push while `serve` runs: --at HH:MM, or --off")
    when = auto.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", help="China time, e.g. 01:30")
    when.add_argument("--off", action="store_true")
    city.add_parser("status", parents=[common], help="the city this county pushes to, and the last push")


def run(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    try:
        if args.action == "enroll":
            county, name = city_push.enroll(conn, args.url, args.code)
            print(f"已向市级注册：{name}（{county}）/ enrolled with the city as {county}")
        elif args.action == "push":
            since = _day(args.since) if args.since else None
            report = city_push.push(conn, since)
            print(f"已推送 {len(report.days)} 天、{report.rows} 行（{report.batches} 批，{report.sent_bytes} 字节）/ "
                  f"pushed {len(report.days)} days, {report.rows} rows in {report.batches} batches")
        elif args.action == "auto":
            city_push.set_auto(conn, None if args.off else args.at)
            print("已关闭每日自动推送 / daily push off" if args.off else
                  f"county-server serve 运行时每天北京时间 {args.at} 后推送 / daily push at {args.at} China time")
        else:
            here = city_push.link(conn)
            if here is None:
                print("未向市级注册 / not enrolled with a city")
            else:
                print(f"市级 {here['url']} 区县 {here['county']} {here['name']} "
                      f"最近推送 {here['last_push_at'] or '从未'}"
                      f"{' 最近错误 ' + here['last_error'] if here['last_error'] else ''}")
    except city_push.CityError as err:
        print(err, file=sys.stderr)
        return 1
    except ValueError:
        print("时间应为 HH:MM、日期应为 YYYY-MM-DD，请改正。/ a time is HH:MM, a day YYYY-MM-DD", file=sys.stderr)
        return 1
    return 0


def _day(text: str) -> str:
    return date.fromisoformat(text).isoformat()
