"""`city-server`: run the city server, enrol its counties, its console accounts, and the city's figures (all take
--data-dir or CITY_DATA_DIR). A server of its own rather than `county-server --role city`: it holds no ledger,
stations or texts, only what counties push, so none of the county's tables, workers or endpoints come along."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from datetime import date
from pathlib import Path

from ..server import county_cli, xlsx
from ..server.console import users_cli
from . import figures, store


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    env_dir = os.environ.get("CITY_DATA_DIR")
    common.add_argument("--data-dir", default=env_dir, required=env_dir is None,
                        help="the city server's data folder (or CITY_DATA_DIR)")
    parser = argparse.ArgumentParser(prog="city-server", description="Village Station city server: the counties' "
                                     "figures side by side")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[common])
    serve.add_argument("--host", default=os.environ.get("CITY_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("CITY_PORT", "8760")))
    serve.add_argument("--certfile", help="TLS certificate (PEM)")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--header-timeout", type=float, default=10.0)
    serve.add_argument("--body-timeout", type=float, default=15.0)
    county = sub.add_parser("county", help="the counties that push to this city").add_subparsers(
        dest="action", required=True)
    add = county.add_parser("add", parents=[common], help="add a county (or enrol it again); prints a one-time code")
    add.add_argument("--code", required=True, help="the county's code, e.g. its 6-digit 行政区划代码 500237")
    add.add_argument("--name", required=True)
    listing = county.add_parser("list", parents=[common], help="the counties and what the city holds of each")
    listing.add_argument("--json", action="store_true")
    revoke = county.add_parser("revoke", parents=[common], help="refuse a county's credential from now on")
    revoke.add_argument("--code", required=True)
    fig = sub.add_parser("figures", parents=[common], help="the counties' figures side by side")
    fig.add_argument("--from", dest="start", required=True, type=_day)
    fig.add_argument("--to", dest="end", required=True, type=_day)
    fig.add_argument("--by", choices=tuple(figures.BY), default="county")
    out = fig.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--xlsx", metavar="FILE")
    users_cli.add_parser(sub, common)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD / not a date: {text[:20]!r}") from exc


def serve(args: argparse.Namespace, data_dir: Path) -> int:
    import logging

    import uvicorn

    from ..server import connections, http_limits
    from .app import create_app

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(data_dir, http_limits.BodyTiming(gap=args.body_timeout))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", ssl_certfile=args.certfile,
                ssl_keyfile=args.keyfile, timeout_graceful_shutdown=5, ws="none",
                http=connections.guarded(args.header_timeout, connections.default_max_connections()),
                h11_max_incomplete_event_size=16 * 1024, proxy_headers=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = Path(args.data_dir)
    if args.command == "serve":
        return serve(args, data_dir)
    try:
        store.init(data_dir)
        conn = store.connect(data_dir)
    except (OSError, sqlite3.DatabaseError) as err:
        print(f"无法打开市级数据库 / cannot open the city database: {err}", file=sys.stderr)
        return 1
    try:
        if args.command == "user":
            return users_cli.run(conn, args)
        return _admin(conn, args)
    except (store.CountyError, ValueError) as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"无法写入文件 / cannot write the file: {err}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as err:
        print(f"市级数据库拒绝了操作 / the city database refused: {err}", file=sys.stderr)
        return 1
    finally:
        conn.close()


def _admin(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    if args.command == "county" and args.action == "add":
        print(store.add_county(conn, args.code, args.name))
    elif args.command == "county" and args.action == "revoke":
        print(f"{store.revoke(conn, args.code)} county credential revoked")
    elif args.command == "county":
        rows = store.counties(conn)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        for r in [] if args.json else rows:
            print(f"{r['code']}\t{r['name']}\t{'已注册' if r['enrolled_at'] else '待注册'}\t站点 {r['stations']}\t"
                  f"{r['days']} 天 {r['first_day'] or '-'}..{r['last_day'] or '-'}\t"
                  f"最近推送 {r['last_push_at'] or '从未'}")
    else:
        result = figures.compared(conn, args.start, args.end, args.by)
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        elif args.xlsx:
            xlsx.write_figures(result, Path(args.xlsx))
            print(f"已写入 / written: {args.xlsx}")
        else:
            county_cli.print_figures(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
