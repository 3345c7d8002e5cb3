"""`county-server`: run the server, and the admin commands for county staff (all take --data-dir)."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .. import ops
from . import county_cli, db, figures, lots, message_reads, operations, refdata, rollups, stations, storage, subsidy
from .console import masking

COUNTY_TZ = timezone(timedelta(hours=8))  # China Standard Time, no daylight saving


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    env_dir = os.environ.get("COUNTY_DATA_DIR")
    common.add_argument("--data-dir", default=env_dir, required=env_dir is None,
                        help="the server's data folder (or COUNTY_DATA_DIR)")
    common.add_argument("--database", default=db.database_url(), metavar="URL",
                        help="postgresql://… to keep the county on PostgreSQL (or COUNTY_DATABASE_URL); "
                             "default: SQLite, county.db in the data folder")
    parser = argparse.ArgumentParser(prog="county-server", description="Village Station county server")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[common])
    serve.add_argument("--host", default=os.environ.get("COUNTY_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("COUNTY_PORT", "8750")))
    serve.add_argument("--certfile", help="TLS certificate (PEM) signed by the county CA")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--workers", type=int, default=int(_env_float("COUNTY_WORKERS", 1)),
                       help="server processes (PostgreSQL only: SQLite has one writer)")
    limits = serve.add_argument_group("limits against slow or hostile clients")
    limits.add_argument("--header-timeout", type=float, default=_env_float("COUNTY_HEADER_TIMEOUT", 10.0),
                        help="seconds for a request head to arrive, from the connection or its first byte")
    limits.add_argument("--body-timeout", type=float, default=_env_float("COUNTY_BODY_TIMEOUT", 15.0),
                        help="longest pause while a body arrives; the whole body may take this plus 1 s "
                             "per 2 KB")
    limits.add_argument("--keep-alive", type=int, default=int(_env_float("COUNTY_KEEP_ALIVE", 5)),
                        help="seconds an idle connection is kept after an answer")
    limits.add_argument("--max-connections", type=int, default=int(_env_float("COUNTY_MAX_CONNECTIONS", 0)),
                        help="open connections at most (default: what the open-file limit allows, ≤ 4096); "
                             "past it the longest-idle connection is closed")
    limits.add_argument("--enrol-free-failures", type=int,
                        default=int(_env_float("COUNTY_ENROL_FREE_FAILURES", 5)),
                        help="failed enrolments per address before each further attempt must wait")
    station = sub.add_parser("station").add_subparsers(dest="action", required=True)
    add = station.add_parser("add", parents=[common], help="add a station; prints a one-time enrolment code")
    add.add_argument("--code", required=True)
    add.add_argument("--name", required=True)
    _station_record_options(add)
    simp = station.add_parser("import", parents=[common], help="add or update stations from a CSV: "
                              + ",".join(stations.IMPORT_COLUMNS))
    simp.add_argument("file")
    slist = station.add_parser("list", parents=[common], help="the county's stations (contacts masked)")
    slist.add_argument("--json", action="store_true")
    status = station.add_parser("status", parents=[common], help="a station is active, suspended or closed from "
                                "a day on")
    status.add_argument("--code", required=True)
    status.add_argument("--status", required=True, choices=tuple(stations.STATUSES))
    status.add_argument("--since", default="", help="YYYY-MM-DD, China time (default: today)")
    status.add_argument("--note", default="")
    area = sub.add_parser("area").add_subparsers(dest="action", required=True)
    aimp = area.add_parser("import", parents=[common], help="townships and 建制村: code,name,level,parent_code")
    aimp.add_argument("file")
    fig = sub.add_parser("figures", parents=[common], help="a period's figures beside the previous period and "
                         "last year")
    _period_options(fig)
    fig.add_argument("--by", choices=figures.GROUPINGS, default="county")
    fig.add_argument("--min-brands", type=int, help="express brands besides 中国邮政/EMS a 建制村 needs to count "
                     "as 邮快合作 (default: the county's setting, else 1)")
    out = fig.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--xlsx", metavar="FILE")
    out.add_argument("--csv", metavar="FILE")
    health = sub.add_parser("health", parents=[common], help="each station's sync health")
    _period_options(health, required=False)
    health.add_argument("--json", action="store_true")
    sub_ = sub.add_parser("subsidy").add_subparsers(dest="action", required=True)
    tiers = sub_.add_parser("tiers", parents=[common], help="the county's tier table: set FILE, or list")
    tiers.add_argument("what", choices=("set", "list"))
    tiers.add_argument("file", nargs="?")
    sheet = sub_.add_parser("sheet", parents=[common], help="volumes, increase, tier and amount per enterprise "
                            "and area")
    _period_options(sheet)
    sheet.add_argument("--level", choices=subsidy.LEVELS, default="township")
    sheet_out = sheet.add_mutually_exclusive_group()
    sheet_out.add_argument("--xlsx", metavar="FILE")
    sheet_out.add_argument("--json", action="store_true")
    projection = sub.add_parser("projection").add_subparsers(dest="action", required=True)
    projection.add_parser("rebuild", parents=[common], help="re-derive the figures from the permanent ledger")
    for action in ("revoke", "expire"):
        p = station.add_parser(action, parents=[common], help=f"{action} a station's credentials")
        p.add_argument("--code", required=True)
    ref = sub.add_parser("ref").add_subparsers(dest="action", required=True)
    imp = ref.add_parser("import", parents=[common], help="import a reference data file (CSV or JSON)")
    imp.add_argument("kind")
    imp.add_argument("file")
    manifest = sub.add_parser("manifest").add_subparsers(dest="action", required=True)
    mimp = manifest.add_parser("import", parents=[common], help="expected parcels by station (CSV)")
    mimp.add_argument("file")
    release = sub.add_parser("release").add_subparsers(dest="action", required=True)
    pub = release.add_parser("publish", parents=[common], help="tell stations a new app version is available")
    pub.add_argument("--version", required=True)
    pub.add_argument("--url", required=True, help="where county IT hosts the installer")
    sale = sub.add_parser("sale").add_subparsers(dest="action", required=True)
    sale_imp = sale.add_parser("import", parents=[common],
                               help="produce sale results (station,lot_no,sold_g,sales_fen)")
    sale_imp.add_argument("file")
    message = sub.add_parser("message").add_subparsers(dest="action", required=True)
    send = message.add_parser("send", parents=[common], help="an instruction or announcement to stations")
    send.add_argument("--station", required=True, help="a station code, or 'all'")
    send.add_argument("--kind", choices=("instruction", "announcement"), default="announcement")
    send.add_argument("--title", default="")
    send.add_argument("--text", required=True)
    listed = message.add_parser("list", parents=[common], help="the messages sent, with who has read them")
    listed.add_argument("--json", action="store_true")
    listed.add_argument("--limit", type=int, default=50)
    report = sub.add_parser("report").add_subparsers(dest="action", required=True)
    rep = report.add_parser("station", parents=[common], help="one station's day as JSON")
    rep.add_argument("code")
    rep.add_argument("--date", required=True, type=date.fromisoformat)
    _add_sms_commands(sub, common)
    _add_user_commands(sub, common)
    from . import city_cli  # `county-server city …`: the push to the city above (city_push.py)

    city_cli.add_parser(sub, common)
    operations.add_parser(sub, common)
    return parser


def _add_sms_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """`county-server sms …`: gateway, templates, limits, test text, opt-outs (sync/server/sms/commands.py)."""
    from .sms import commands

    commands.add_parser(sub, common)


def _add_user_commands(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """`county-server user …`: console accounts (sync/server/console/users_cli.py)."""
    from .console import users_cli

    users_cli.add_parser(sub, common)


def _station_record_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--village", help="the station's 建制村 (12-digit code, imported with area import)")
    parser.add_argument("--operator", default="", help="/".join(stations.OPERATORS))
    parser.add_argument("--services", default="", help="comma-separated, from the county's list: "
                        + ",".join(stations.SERVICES))
    parser.add_argument("--jiaoyou", action="store_true", help="a 交邮 station (on a 客货邮 route)")
    parser.add_argument("--contact", default="", help="contact phone (shown masked)")


def _period_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--from", dest="start", required=required, type=_day, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=required, type=_day, help="last day (included)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD / not a date: {text[:20]!r}") from exc


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def serve(args: argparse.Namespace, data_dir: Path) -> int:
    import logging

    import uvicorn

    from . import connections, http_limits
    from .app import HttpSettings, create_app

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    max_connections = args.max_connections or connections.default_max_connections()
    settings = HttpSettings(body=http_limits.BodyTiming(gap=args.body_timeout),
                            enrol_free_failures=args.enrol_free_failures)
    from .city_push import start_daily  # the daily push to the city, when `county-server city auto` turned it on
    # Our h11 protocol adds the head deadline and the connection cap uvicorn lacks (see connections.py).
    # No proxy headers: stations connect directly, and a forged X-Forwarded-For must not dodge the throttle.
    common: dict[str, Any] = dict(
        host=args.host, port=args.port, log_level="warning", ssl_certfile=args.certfile, ssl_keyfile=args.keyfile,
        timeout_graceful_shutdown=5, ws="none", timeout_keep_alive=args.keep_alive,
        h11_max_incomplete_event_size=16 * 1024, proxy_headers=False, backlog=2048)
    if args.workers <= 1:
        app = create_app(data_dir, settings)
        start_daily(data_dir)  # after the app made the database (two first connections at once: "database is locked")
        uvicorn.run(app, http=connections.guarded(args.header_timeout, max_connections), **common)
        return 0
    if not db.database_url():
        print("--workers 需要 PostgreSQL（--database）：SQLite 只有一个写入者 / --workers needs --database "
              "postgresql://… (SQLite has one writer)", file=sys.stderr)
        return 2
    # Worker processes start afresh (spawn): they build the app and the protocol from the environment.
    storage.init(data_dir)  # once, before the workers (each checks again under an advisory lock)
    start_daily(data_dir)
    os.environ.update({"COUNTY_DATA_DIR": str(data_dir), "COUNTY_BODY_TIMEOUT": str(args.body_timeout),
                       "COUNTY_ENROL_FREE_FAILURES": str(args.enrol_free_failures),
                       "COUNTY_HEADER_TIMEOUT": str(args.header_timeout),
                       "COUNTY_MAX_CONNECTIONS": str(max(16, max_connections // args.workers))})
    uvicorn.run("sync.server.app:from_environment", factory=True, workers=args.workers,
                http="sync.server.connections:FromEnvironment", **common)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.database and not db.is_postgresql(args.database):
        print("--database 应为 postgresql://… 地址 / --database must be a postgresql:// URL", file=sys.stderr)
        return 2
    if args.database:  # for this process and the server's workers (they read it again at start)
        os.environ[db.URL_ENV] = args.database
    else:
        os.environ.pop(db.URL_ENV, None)
    data_dir = Path(args.data_dir or getattr(args, "from_data_dir", None) or ".")
    if args.command == "serve":
        return serve(args, data_dir)
    if args.command in operations.COMMANDS:  # backup, migrate: on the database as a whole
        return operations.run(args, data_dir)
    try:
        storage.init(data_dir)
        conn = storage.connect(data_dir)
    except db.ERRORS as err:
        print(f"县级数据库无法打开 / the county database cannot be opened: {db.reason(err)}", file=sys.stderr)
        return 1
    try:
        if args.command == "user":  # console accounts: their own module
            from .console import users_cli

            return users_cli.run(conn, args)
        if args.command == "city":  # the push to the city above: its own module
            from . import city_cli

            return city_cli.run(conn, args)
        if args.command == "sms":  # pickup texts: their own module
            from .sms import commands

            return commands.run(conn, args, data_dir)
        return _admin(conn, args)
    except refdata.DataError as err:
        print("未保存任何内容 / refused, nothing stored:", *err.problems[:50], sep="\n  ", file=sys.stderr)
        return 1
    except ValueError as err:  # a period or option the county server cannot answer for
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"cannot read the file: {err}", file=sys.stderr)
        return 1
    except db.ERRORS as err:  # e.g. a full disk, a damaged county.db, PostgreSQL down: say so, no traceback
        print(f"县级数据库出错，未完成操作 / the county database refused: {db.reason(err)}", file=sys.stderr)
        return 1
    finally:
        conn.close()


def _admin(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    if args.command in ("area", "figures", "health", "subsidy", "projection") or (
            args.command == "station" and args.action in ("add", "import", "list", "status")):
        return county_cli.run(conn, args)
    if args.command == "station":
        changed = (storage.revoke if args.action == "revoke" else storage.expire)(conn, args.code)
        print(f"{changed} credentials {args.action}d")
    elif args.command == "ref":
        rows = refdata.validate_ref(args.kind, refdata.read_rows(Path(args.file)))
        print(f"{args.kind} version {storage.store_ref(conn, args.kind, rows)}: {len(rows)} rows")
    elif args.command == "manifest":
        stations = {r[0] for r in conn.execute("SELECT code FROM stations")}
        rows = refdata.validate_manifest(refdata.read_rows(Path(args.file)), stations)
        with storage.transaction(conn):
            for row in rows:
                storage.add_feed(conn, row["station"], "manifest", refdata.manifest_item(row))
        print(f"{len(rows)} expected parcels queued for {len({r['station'] for r in rows})} stations")
    elif args.command == "release":
        storage.publish_release(conn, args.version, args.url)
        print(f"stations will be told about {args.version}")
    elif args.command == "sale":
        with storage.transaction(conn):  # checked and queued in one go: no other import slips in between
            rows = refdata.validate_sales(refdata.read_rows(Path(args.file)),
                                          {r[0] for r in conn.execute("SELECT code FROM stations")},
                                          lambda station, lot_no: lots.left_g(conn, station, lot_no))
            for row in rows:
                storage.add_feed(conn, row["station"], "sale_result", {
                    "lot_no": row["lot_no"], "sold_g": int(row["sold_g"]), "sales_fen": int(row["sales_fen"])})
        print(f"{len(rows)} sale results queued")
    elif args.command == "message" and args.action == "list":
        print_messages(message_reads.sent(conn, max(1, min(args.limit, 1000))), args.json)
    elif args.command == "message":
        known = [r[0] for r in conn.execute("SELECT code FROM stations")]
        targets = known if args.station == "all" else [args.station]
        if not set(targets) <= set(known) or not targets:
            raise refdata.DataError([f"unknown station {args.station}"])
        with storage.transaction(conn):
            message_reads.send(conn, targets, args.kind, args.title, args.text)
        print(f"sent to {len(targets)} stations")
    elif args.command == "report":
        print(json.dumps(day_report(conn, args.code, args.date), ensure_ascii=False, indent=2))
    return 0


def print_messages(sent: list[dict[str, Any]], as_json: bool) -> None:
    """The messages sent, newest first, with their read counts and who has or has not read each."""
    if as_json:
        print(json.dumps(sent, ensure_ascii=False, indent=2))
        return
    if not sent:
        print("还没有发过消息 / no messages sent")
    for m in sent:
        read = "、".join(f"{r['station']}（{r['read_at']}）" for r in m["read"]) or "无"
        unread = "、".join(r["station"] for r in m["unread"]) or "无"
        print(f"{m['sent_at']} {m['kind']}《{masking.mask(m['title'])}》 已读 {m['read_count']}/{m['stations']} "
              f"已读: {read} 未读: {unread}")


def day_report(conn: sqlite3.Connection, station: str, day: date) -> dict[str, Any]:
    """A station's local business day: what its ops say happened (the rollups built at ingest through the op
    declarations), and what is on its shelves now.

    A bill counts on the business day it was logged for, and a voided bill not at all, as in the station's day
    close. Ops in the permanent ledger that do not match their declaration (stored before the server checked
    them: a NaN fee, a 2^63 weight) were never projected; they are listed as invalid."""
    start = datetime.combine(day, datetime.min.time(), COUNTY_TZ).astimezone(UTC)
    bounds = (start.isoformat()[:19], (start + timedelta(days=1)).isoformat()[:19])
    invalid: list[str] = []
    for op_id, kind, raw in conn.execute("SELECT op_id, type, payload FROM ledger WHERE station = ? AND "
                                         "created_at >= ? AND created_at < ?", (station, *bounds)):
        try:
            ops.validate(kind, json.loads(raw))
        except (ValueError, RecursionError):  # JSONDecodeError and OpInvalid are ValueErrors
            invalid.append(op_id)
    f, counts = rollups.figures(conn, station, day.isoformat())
    in_stock = conn.execute("SELECT count(*) FROM parcels WHERE station = ? AND status = 'in_stock'",
                            (station,)).fetchone()[0]
    texts = conn.execute("SELECT count(*) FROM sms_outbox WHERE station = ? AND state = 'sent' AND sent_at >= ? "
                         "AND sent_at < ?", (station, *bounds)).fetchone()[0]
    rejected = conn.execute("SELECT count(*) FROM rejections WHERE station = ? AND at >= ? AND at < ?",
                            (station, *bounds)).fetchone()[0]
    gaps = conn.execute("SELECT count(*), coalesce(sum(to_seq - from_seq + 1), 0) FROM seq_gaps WHERE station = ? "
                        "AND at >= ? AND at < ?", (station, *bounds)).fetchone()
    return {"station": station, "date": day.isoformat(),
            "sync": {"rejected_ops": rejected, "sequence_gaps": gaps[0], "missing_seqs": gaps[1]},
            "sending": {"accepted": f.flat(ops.SENDINGS), "fees_fen": f.flat(ops.SENDING_FEES),
                        "refused": f.flat(ops.SENDINGS_REFUSED)},
            "produce": {"net_g_taken_in": f.flat(ops.PRODUCE_NET), "sales_fen": f.flat(ops.PRODUCE_SALES),
                        "payout_fen": f.flat(ops.PRODUCE_SETTLED_PAYOUT)},
            "bills": {"paid": f.flat(ops.BILLS_PAID), "voided": f.flat(ops.BILLS_VOIDED),
                      "amount_fen": f.flat(ops.BILLS), "commission_fen": f.flat(ops.BILL_COMMISSION),
                      "by_type_fen": f.keyed(ops.BILLS), "by_channel_fen": f.keyed(ops.BILLS_BY_CHANNEL)},
            "parcels": {"received": f.flat(ops.PARCELS_RECEIVED), "picked_up": f.flat(ops.PARCELS_PICKED_UP),
                        "returned": f.flat(ops.PARCELS_RETURNED), "in_stock": in_stock, "notifications_sent": texts},
            "handovers": {"to_villagers": f.keyed(ops.PARCELS_HANDED_OVER),  # self · proxy · door
                          "bus_runs": f.flat(ops.DISPATCH_RUNS), "onto_bus": f.flat(ops.DISPATCH_LOADED),
                          "left_for_next_run": f.flat(ops.DISPATCH_MISSING)},
            "cash": {"in_fen": f.flat(ops.CASH_IN), "out_fen": f.flat(ops.CASH_OUT)},
            "figures": {name: f.value(name) for name in sorted(ops.FIGURES)},  # every declared figure, new lines too
            "ops": counts, "invalid_ops": {"count": len(invalid), "op_ids": invalid[:100]}}


if __name__ == "__main__":
    sys.exit(main())
