"""The county's own admin commands (`county-server area|station|figures|health|subsidy|projection`): the map, the
stations' records, the figures and the subsidy sheet. Output is for people: Chinese first, no tracebacks."""

from __future__ import annotations

import argparse
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import areas, figures, health, rollups, stations, storage, subsidy, xlsx
from .refdata import DataError


def run(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    if args.command == "area":
        counts = areas.import_csv(conn, Path(args.file))
        print(f"已导入 区县 {counts['county']} 个、乡镇 {counts['township']} 个、建制村 {counts['village']} 个 / "
              f"imported {counts['county']} county, {counts['township']} townships, {counts['village']} villages")
    elif args.command == "station":
        station(conn, args)
    elif args.command == "figures":
        result = figures.compared(conn, args.start, args.end, args.by, args.min_brands)
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        elif args.xlsx:
            xlsx.write_figures(result, Path(args.xlsx))
            print(f"已写入 / written: {args.xlsx}")
        elif args.csv:
            xlsx.write_figures_csv(result, Path(args.csv))
            print(f"已写入 / written: {args.csv}")
        else:
            print_figures(result)
    elif args.command == "health":
        end = args.end or date.fromisoformat(stations.china_today())  # the county's day, not the PC's
        rows = health.health(conn, args.start or end - timedelta(days=6), end)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        for r in [] if args.json else rows:
            flag = "【超过一天未同步】" if r["silent"] else ""
            waiting = "未报告" if r["ops_not_uploaded"] is None else r["ops_not_uploaded"]
            print(f"{r['station']} {r['name']} 版本 {r['app_version'] or '未报告'} "
                  f"最近同步 {r['last_sync'] or '从未'} 最近日结 {r['last_day_closed'] or '无'} "
                  f"站点待上传 {waiting} 序号缺口 {r['ops_missing']} "
                  f"拒收 {r['refused_ops']} 安全事件 {r['security_events']} {flag}")
    elif args.command == "subsidy":
        run_subsidy(conn, args)
    elif args.command == "projection":
        with storage.transaction(conn):
            projected = rollups.rebuild(conn)
        print(f"已从账本重建统计 {projected} 条操作 / projected {projected} ops from the ledger again")
    return 0


def station(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    if args.action == "add":
        services = [s.strip() for s in args.services.replace("、", ",").split(",") if s.strip()]
        print(stations.add(conn, stations.Record(args.code, args.name, args.village or None, args.operator, services,
                                                 args.jiaoyou, args.contact)))
    elif args.action == "import":
        new = stations.import_csv(conn, Path(args.file))
        print(f"已导入；新站点 {len(new)} 个，一次性注册码如下 / imported; enrolment codes of new stations:")
        for code, enrolment in new:
            print(f"{code}\t{enrolment}")
    elif args.action == "status":
        stations.set_status(conn, args.code, args.status, args.since or stations.china_today(), args.note)
        print(f"{args.code}：自 {args.since or stations.china_today()} 起 {stations.STATUSES[args.status]}")
    else:
        rows = stations.listing(conn)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            print("\t".join([r["code"], r["name"], r["township_name"] or "-", r["village_name"] or "未指定建制村",
                             r["operator"] or "-", "、".join(r["services"]) or "-", "交邮" if r["jiaoyou"] else "",
                             stations.STATUSES.get(r["status"], r["status"]), r["contact"]]))


def run_subsidy(conn: sqlite3.Connection, args: argparse.Namespace) -> None:
    if args.action == "tiers":
        if args.what == "set":
            if not args.file:
                raise DataError(["请给出档位表文件 / give the tier table file: subsidy tiers set FILE"])
            chosen = subsidy.set_tiers(conn, Path(args.file))
            print(f"已设置补贴档位 {len(chosen)} 档 / {len(chosen)} tiers set")
        for t in subsidy.tiers(conn) if args.what == "list" else []:
            print(f"{t.level}\t{t.band()}\t{t.mode}\t{t.fen / 100:.2f} 元")
        return
    result = subsidy.sheet(conn, args.start, args.end, args.level)
    if not result["tiers_set"]:
        print(f"注意：{args.level} 级还没有补贴档位，金额均为 0（subsidy tiers set FILE）")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif args.xlsx:
        xlsx.write_sheet(result, Path(args.xlsx))
        print(f"已写入 / written: {args.xlsx}（合计 {result['total_fen'] / 100:.2f} 元）")
    else:
        for r in result["rows"]:
            print(f"{r['enterprise']}\t{r['area_name']}\t本期 {r['volume']}\t上期 {r['previous']}\t增量 {r['increase']}"
                  f"\t档位 {r['tier'] or '-'}\t{r['amount_fen'] / 100:.2f} 元")
        print(f"合计 {result['total_fen'] / 100:.2f} 元")


def _fmt(name: str, value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) and "fen" in name:
        return f"{value / 100:.2f}"
    if isinstance(value, float) and ("rate" in name):
        return f"{value:.1%}"
    return str(value)


def print_figures(result: dict[str, Any]) -> None:
    p = result["period"]
    print(f"{p['from']} 至 {p['to']}（{p['days']} 天）按 {result['by']}；数据截至 {result['as_of'] or '无数据'}")
    groups = [*result["rows"], {"key": "", "name": "合计", "figures": result["total"],
                                "previous": result["total_previous"], "last_year": result["total_last_year"]}]
    for row in groups:
        print(f"\n== {row['name']} {row['key']}")
        before, year = row.get("previous") or {}, row.get("last_year") or {}
        for name, value in row["figures"].items():
            change = figures.change(value, before.get(name))
            print(f"  {figures.label(name)}：{_fmt(name, value)}  上期 {_fmt(name, before.get(name))}"
                  f"{'' if change is None else f' ({change:+.1%})'}  去年同期 {_fmt(name, year.get(name))}")
