"""The figures 邮运通 is judged and paid on, for any period and grouping, read from the rollups kept at ingest.

Pure functions over a connection: the CLI, the JSON API and the console call these and show the same numbers.
A period is two China-time business days, both included. Each group's figures are one flat, ordered dict of
named numbers (money in fen, weight in grams, rates as fractions), so a table, a CSV row and a comparison all read
the same keys; ``LABELS`` names them in Chinese.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .. import ops
from . import derived, exceptions, sms, stations
from .areas import names as area_names
from .rollup_periods import (  # noqa: F401 (the console and the CLI read them here)
    Period,
    Sums,
    county_sums,
    daily,
    merge,
    next_month,
    period,
    sums_by_station,
)

GROUPINGS = ("county", "township", "village", "station", "courier", "product", "route")
POSTAL = ("EMS", "YZ", "POST", "CHINAPOST", "YZPY")  # 中国邮政 / EMS: not another express brand for 邮快合作
TEXTS, TEXTS_FAILED = "texts", "texts_failed"
TEXT_STATES = ("queued", "sent", "delivered", "failed", "unknown", "parcels", "waiting_parcels", "billed")

# the labels of the flat figure names; keyed ones are 'stem.key' and take their stem's label
LABELS = {
    "down.received": "下行 到件数", "down.picked_up": "下行 取件数", "down.returned": "下行 退回数",
    "down.dwell_median_h": "滞留时长 中位数（小时内）", "down.dwell_p90_h": "滞留时长 P90（小时内）",
    "down.overdue": "超期件数", "down.overdue_rate": "超期率",
    "up.sent": "上行 寄件数", "up.sent_by_courier": "寄件数 按快递企业", "up.fees_fen": "寄件收入（分）",
    "up.produce_boxes": "农产品 箱数", "up.produce_net_g": "农产品 净重（克）",
    "up.produce_sales_fen": "农产品 销售额（分）", "up.produce_boxes_by_product": "农产品箱数 按品类",
    "up.produce_net_by_product_g": "农产品净重（克） 按品类",
    "up.produce_sales_by_product_fen": "农产品销售额（分） 按品类",
    "enterprise.down": "快递进村 按企业", "enterprise.up": "寄递上行 按企业", "enterprise.total": "上下行合计 按企业",
    "bus.runs": "客货邮 交接班次", "bus.loaded": "客货邮 交运件数", "bus.missing": "客货邮 漏交件数",
    "bus.loaded_per_day": "客货邮 日均交运件数", "bus.loaded_by_route": "交运件数 按线路",
    "bus.missing_by_route": "漏交件数 按线路",
    "bills.paid": "缴费 笔数", "bills.voided": "缴费 作废笔数", "bills.amount_fen": "缴费 金额（分）",
    "bills.count_by_type": "缴费笔数 按类型", "bills.amount_by_type_fen": "缴费金额（分） 按类型",
    "texts.queued": "短信 排队中", "texts.sent": "短信 已发送", "texts.delivered": "短信 已送达",
    "texts.failed": "短信 发送失败", "texts.unknown": "短信 结果未知",
    "texts.parcels": "短信所含包裹数", "texts.waiting_parcels": "等待合并发送的包裹数",
    "texts.billed": "短信 计费条数", "texts.cost_fen": "短信费用（分）", "texts_failed": "短信失败 按原因",
    "coverage.villages": "建制村数", "coverage.villages_with_station": "有运营站点的建制村",
    "coverage.rate": "站点覆盖率", "coverage.cooperation_villages": "邮快合作建制村",
    "coverage.cooperation_rate": "邮快合作覆盖率",
    **exceptions.LABELS,
}


def _flat(s: Sums, name: str) -> int:
    return sum(v for (f, _), v in s.items() if f == name)


def keyed(s: Sums, name: str) -> dict[str, int]:
    return {k: v for (f, k), v in sorted(s.items()) if f == name and v}


def _hist(s: Sums, name: str, courier: str | None = None) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for (f, key), v in s.items():
        if f == name:
            who, _, low = key.rpartition("|")
            if courier is None or who == courier:
                out[int(low)] += v
    return dict(out)


def _quantile(hist: dict[int, int], q: float) -> int | None:
    """The hours within which a share q of the parcels were picked up (the bucket's upper bound)."""
    total = sum(hist.values())
    if total <= 0:
        return None
    seen = 0
    for low in sorted(hist):
        seen += hist[low]
        if seen >= q * total:
            return derived.upper(low)
    return derived.upper(max(hist))


def _prefix(stem: str, values: dict[str, int]) -> dict[str, int]:
    return {f"{stem}.{k}": v for k, v in values.items()}


# ----- the figure blocks ---------------------------------------------------------------------------------------
def down(s: Sums, overdue_h: int, courier: str | None = None) -> dict[str, Any]:
    """下行 快递进村: received, picked up, returned, dwell and overdue (for one courier, or all)."""
    def pick(flat: str, by_courier: str) -> int:
        return _flat(s, flat) if courier is None else s.get((by_courier, courier), 0)

    picked, returned = _hist(s, derived.DWELL_PICKED_UP, courier), _hist(s, derived.DWELL_RETURNED, courier)
    left = sum(picked.values()) + sum(returned.values())
    overdue = sum(v for low, v in (*picked.items(), *returned.items()) if low >= overdue_h)
    return {"down.received": pick(ops.PARCELS_RECEIVED, ops.PARCELS_RECEIVED_BY_COURIER),
            "down.picked_up": pick(ops.PARCELS_PICKED_UP, derived.PICKED_UP_BY_COURIER),
            "down.returned": pick(ops.PARCELS_RETURNED, derived.RETURNED_BY_COURIER),
            "down.dwell_median_h": _quantile(picked, 0.5), "down.dwell_p90_h": _quantile(picked, 0.9),
            "down.overdue": overdue, "down.overdue_rate": round(overdue / left, 4) if left else None}


def up(s: Sums, courier: str | None = None) -> dict[str, Any]:
    """上行: parcels sent (by courier), and for the whole group produce boxes, net weight and sales by product."""
    if courier is not None:
        return {"up.sent": s.get((ops.SENDINGS_BY_COURIER, courier), 0),
                "up.fees_fen": s.get((ops.SENDING_FEES_BY_COURIER, courier), 0)}
    return {"up.sent": _flat(s, ops.SENDINGS), **_prefix("up.sent_by_courier", keyed(s, ops.SENDINGS_BY_COURIER)),
            "up.fees_fen": _flat(s, ops.SENDING_FEES), **produce(s)}


def produce(s: Sums, product: str | None = None) -> dict[str, Any]:
    if product is not None:
        return {"up.produce_boxes": s.get((ops.PRODUCE_BOXES_BY_PRODUCT, product), 0),
                "up.produce_net_g": s.get((ops.PRODUCE_NET_BY_PRODUCT, product), 0),
                "up.produce_sales_fen": s.get((derived.SALES_BY_PRODUCT, product), 0)}
    return {"up.produce_boxes": _flat(s, ops.PRODUCE_BOXES), "up.produce_net_g": _flat(s, ops.PRODUCE_NET),
            "up.produce_sales_fen": _flat(s, ops.PRODUCE_SALES),
            **_prefix("up.produce_boxes_by_product", keyed(s, ops.PRODUCE_BOXES_BY_PRODUCT)),
            **_prefix("up.produce_net_by_product_g", keyed(s, ops.PRODUCE_NET_BY_PRODUCT)),
            **_prefix("up.produce_sales_by_product_fen", keyed(s, derived.SALES_BY_PRODUCT))}


def enterprise(s: Sums) -> dict[str, int]:
    """Up + down per enterprise (courier code): what the subsidy is paid on."""
    down_ = keyed(s, ops.PARCELS_RECEIVED_BY_COURIER)
    up_ = keyed(s, ops.SENDINGS_BY_COURIER)
    total = {c: down_.get(c, 0) + up_.get(c, 0) for c in sorted(set(down_) | set(up_))}
    return {**_prefix("enterprise.down", down_), **_prefix("enterprise.up", up_),
            **_prefix("enterprise.total", total)}


def bus(s: Sums, days: int, route: str | None = None) -> dict[str, Any]:
    """客货邮: runs closed, items handed to the bus, items left behind; per route when grouped by route."""
    def pick(flat: str, by_route: str) -> int:
        return _flat(s, flat) if route is None else s.get((by_route, route), 0)

    loaded = pick(ops.DISPATCH_LOADED, derived.LOADED_BY_ROUTE)
    out: dict[str, Any] = {"bus.runs": pick(ops.DISPATCH_RUNS, derived.RUNS_BY_ROUTE), "bus.loaded": loaded,
                           "bus.missing": pick(ops.DISPATCH_MISSING, derived.MISSING_BY_ROUTE),
                           "bus.loaded_per_day": round(loaded / days, 2)}
    if route is None:
        out |= {**_prefix("bus.loaded_by_route", keyed(s, derived.LOADED_BY_ROUTE)),
                **_prefix("bus.missing_by_route", keyed(s, derived.MISSING_BY_ROUTE))}
    return out


def bills(s: Sums) -> dict[str, int]:
    """Bills paid (a voided one is taken back by its void), voided, and amounts; counts and amounts by type."""
    return {"bills.paid": _flat(s, ops.BILLS_PAID), "bills.voided": _flat(s, ops.BILLS_VOIDED),
            "bills.amount_fen": _flat(s, ops.BILLS),
            **_prefix("bills.count_by_type", keyed(s, ops.BILLS_PAID_BY_TYPE)),
            **_prefix("bills.amount_by_type_fen", keyed(s, ops.BILLS))}


# ----- grouping ------------------------------------------------------------------------------------------------
@dataclass
class Context:
    """What grouping needs besides the rollups: where each station is, and the county's settings."""

    area_of: dict[str, dict[str, str]]  # station → {'county', 'township', 'village', 'station'} codes
    names: dict[str, str]
    villages: dict[str, tuple[str, str]]  # village → (township, county)
    overdue_h: int
    postal: tuple[str, ...]
    min_brands: int


def context(conn: sqlite3.Connection, min_brands: int | None = None) -> Context:
    if min_brands is not None and not 1 <= min_brands <= 100:
        raise ValueError("--min-brands 应为 1 到 100 / --min-brands must be 1..100")
    villages: dict[str, tuple[str, str]] = {}
    for village, township, county in conn.execute(
            "SELECT v.code, t.code, coalesce(t.parent_code, '') FROM areas v JOIN areas t ON t.code = v.parent_code "
            "WHERE v.level = 'village'"):
        villages[village] = (township, county)
    counties = [r[0] for r in conn.execute("SELECT code FROM areas WHERE level = 'county'")]
    area_of: dict[str, dict[str, str]] = {}
    for code, village in conn.execute("SELECT s.code, r.village FROM stations s LEFT JOIN station_records r "
                                      "ON r.code = s.code"):
        township, county = villages.get(village or "", ("", counties[0] if len(counties) == 1 else ""))
        area_of[code] = {"county": county, "township": township, "village": village or "", "station": code}
    names = area_names(conn) | {r[0]: r[1] for r in conn.execute("SELECT code, name FROM stations")}
    row = conn.execute("SELECT value FROM server_settings WHERE key = 'cooperation_min_brands'").fetchone()
    postal = conn.execute("SELECT value FROM server_settings WHERE key = 'postal_couriers'").fetchone()
    return Context(area_of, names, villages, int(sms.setting(conn, "sms_return_after_days")) * 24,
                   tuple(postal[0].split("|")) if postal else POSTAL,
                   min_brands if min_brands is not None else int(row[0]) if row else 1)


def coverage(conn: sqlite3.Connection, ctx: Context, p: Period, by_station: dict[str, Sums],
             level: str, code: str | None, status: dict[str, str] | None = None) -> dict[str, Any]:
    """建制村 with an active station on the period's last day / all 建制村 in the area; and 邮快合作: 建制村 whose
    stations received parcels of at least ``min_brands`` express brands other than 中国邮政/EMS in the period."""
    def inside(village: str) -> bool:
        township, county = ctx.villages[village]
        return code is None or {"county": county, "township": township, "village": village}[level] == code

    villages = [v for v in ctx.villages if inside(v)]
    status = stations.status_on(conn, p.end.isoformat()) if status is None else status
    active: set[str] = set()
    brands: dict[str, set[str]] = defaultdict(set)
    for station, where in ctx.area_of.items():
        village = where["village"]
        if village not in ctx.villages or not inside(village):
            continue
        if status.get(station) == "active":
            active.add(village)
        for (f, key), v in by_station.get(station, {}).items():
            if f == ops.PARCELS_RECEIVED_BY_COURIER and v > 0 and key.upper() not in ctx.postal:
                brands[village].add(key.upper())
    cooperating = [v for v in villages if len(brands[v]) >= ctx.min_brands]
    n = len(villages)
    return {"coverage.villages": n, "coverage.villages_with_station": len(active),
            "coverage.rate": round(len(active) / n, 4) if n else None,
            "coverage.cooperation_villages": len(cooperating),
            "coverage.cooperation_rate": round(len(cooperating) / n, 4) if n else None}


def texts_by_station(conn: sqlite3.Connection, p: Period) -> dict[str, Sums]:
    """Pickup texts made in the period (by the China day the sender made the text, after the merge window), by station:
    texts by their state now (a merged text counts once, whatever its parcels), failed ones by reason, the
    parcels they carry, and parcels still waiting for the merge window (not yet a text)."""
    out: dict[str, Sums] = defaultdict(dict)
    bounds = p.utc_bounds()
    for station, state, reason, n, carried, billed in conn.execute(
            "SELECT station, state, CASE WHEN state = 'failed' THEN reason ELSE '' END, count(*), sum(parcels), "
            "count(sent_at) FROM sms_texts WHERE kind != 'test' AND created_at >= ? AND created_at < ? "
            "GROUP BY 1, 2, 3", bounds):
        sums = out[station]
        state = "queued" if state == "sending" else state  # a text is 'sending' only for the moment of a round
        for where, value in (((TEXTS, state), n), ((TEXTS, "parcels"), carried), ((TEXTS, "billed"), billed),
                             ((TEXTS_FAILED, reason or "provider_refused"), n if state == "failed" else 0)):
            sums[where] = sums.get(where, 0) + int(value)
    for station, n in conn.execute("SELECT station, count(*) FROM sms_outbox WHERE state = 'queued' AND "
                                   "created_at >= ? AND created_at < ? GROUP BY station", bounds):
        out[station][(TEXTS, "waiting_parcels")] = int(n)
    return out


def texts(by_station: dict[str, Sums], members: Iterable[str], price_fen: int) -> dict[str, Any]:
    """Texts by state, failed by reason, and their cost: the county's price per text × the texts handed to the
    provider (sent, delivered, or failed after sending: the provider charges for each); None while the price is
    not set (``county-server sms set --price-fen N``)."""
    s = merge(by_station.get(m, {}) for m in members)
    out: dict[str, Any] = {f"texts.{state}": s.get((TEXTS, state), 0) for state in TEXT_STATES}
    out["texts.cost_fen"] = out["texts.billed"] * price_fen if price_fen > 0 else None
    return out | _prefix(TEXTS_FAILED, keyed(s, TEXTS_FAILED))


def texts_by_month(conn: sqlite3.Connection, station: str, today: date, months: int) -> list[dict[str, Any]]:
    """One station's texts per calendar month, newest first (the station page): the figures' own numbers."""
    out, first, price = [], today.replace(day=1), price_fen(conn)
    for _ in range(months):
        after = next_month(first)
        p = Period(first, min(after - timedelta(days=1), today))
        out.append({"month": first.isoformat()[:7], "figures": texts(texts_by_station(conn, p), [station], price)})
        first = (first - timedelta(days=1)).replace(day=1)
    return out


def price_fen(conn: sqlite3.Connection) -> int:
    return sms.config.number(conn, "sms_price_fen")


def figures(conn: sqlite3.Connection, start: date, end: date, by: str = "county",
            min_brands: int | None = None) -> dict[str, Any]:
    """The period's figures per group (``by``): {'period', 'by', 'as_of', 'rows': [{'key', 'name', 'figures'}],
    'total'}; a row's figures are a flat dict (see LABELS)."""
    if by not in GROUPINGS:
        raise ValueError(f"--by 应为 {'、'.join(GROUPINGS)} 之一 / --by must be one of {', '.join(GROUPINGS)}")
    p = period(start, end)
    return grouped(conn, context(conn, min_brands), p, by, sums_by_station(conn, p), texts_by_station(conn, p),
                   price_fen(conn), stations.status_on(conn, p.end.isoformat()), as_of(conn),
                   exceptions.cases(conn, p.start, p.end))


def grouped(conn: sqlite3.Connection, ctx: Context, p: Period, by: str, by_station: dict[str, Sums],
            sent: dict[str, Sums], price: int, status: dict[str, str], as_of_: str | None,
            problems: Sequence[exceptions.Case] = ()) -> dict[str, Any]:
    """The figures of stations' sums grouped by ``by``: what ``figures`` reads from a county, and the city server
    (sync/city) from the rollups its counties pushed (``ctx`` says where each station is). ``problems``: the
    county's 问题件 (kept in their own table, not in the rollups: a city has none)."""
    every = merge(by_station.values())
    rows: list[dict[str, Any]] = []
    if by in ("county", "township", "village", "station"):
        groups: dict[str, set[str]] = defaultdict(set)
        for station, where in ctx.area_of.items():
            groups[where[by]].add(station)
        if by != "station" and by != "county":  # every area of the level is listed, a silent one too
            for village, (township, _) in ctx.villages.items():
                groups.setdefault(village if by == "village" else township, set())
        for key in sorted(groups):
            members = groups[key]
            s = merge(by_station.get(m, {}) for m in members)
            block = {**down(s, ctx.overdue_h), **up(s), **enterprise(s), **bus(s, p.days), **bills(s),
                     **texts(sent, members, price), **exceptions.block(problems, p.start, p.end, stations=members)}
            if by != "station" and key:
                block |= coverage(conn, ctx, p, by_station, by, key, status)
            rows.append({"key": key, "name": ctx.names.get(key, "未指定区划" if not key else key), "figures": block})
    else:
        if by == "courier":
            keys = {k for (f, k) in every if f in (ops.PARCELS_RECEIVED_BY_COURIER, ops.SENDINGS_BY_COURIER,
                                                   derived.PICKED_UP_BY_COURIER, derived.RETURNED_BY_COURIER)}
            keys |= exceptions.couriers(problems)
        elif by == "product":
            keys = {k for (f, k) in every if f in (ops.PRODUCE_NET_BY_PRODUCT, derived.SALES_BY_PRODUCT)}
        else:
            keys = {k for (f, k) in every if f in (derived.RUNS_BY_ROUTE, derived.LOADED_BY_ROUTE)}
        for key in sorted(keys):
            if by == "courier":
                block = {**down(every, ctx.overdue_h, key), **up(every, key),
                         **exceptions.block(problems, p.start, p.end, courier=key)}
            elif by == "product":
                block = produce(every, key)
            else:
                block = bus(every, p.days, key)
            rows.append({"key": key, "name": key, "figures": block})
    total = {**down(every, ctx.overdue_h), **up(every), **enterprise(every), **bus(every, p.days), **bills(every),
             **texts(sent, sent, price), **exceptions.block(problems, p.start, p.end)}
    if ctx.villages:
        total |= coverage(conn, ctx, p, by_station, "county", None, status)
    return {"period": {"from": p.start.isoformat(), "to": p.end.isoformat(), "days": p.days}, "by": by,
            "as_of": as_of_, "rows": rows, "total": total}


def as_of(conn: sqlite3.Connection) -> str | None:
    """When the newest op the figures include reached the county (UTC)."""
    row = conn.execute("SELECT received_at FROM ledger ORDER BY rowid DESC LIMIT 1").fetchone()
    return str(row[0]) if row else None


def compared(conn: sqlite3.Connection, start: date, end: date, by: str = "county",
             min_brands: int | None = None) -> dict[str, Any]:
    """The period's figures, each row beside the previous period of the same length and the same period last
    year: rows gain 'previous' and 'last_year' (the same keys, None where that group had no row)."""
    p = period(start, end)
    now = figures(conn, start, end, by, min_brands)
    before = figures(conn, p.previous().start, p.previous().end, by, min_brands)
    year = figures(conn, p.last_year().start, p.last_year().end, by, min_brands)
    return beside(now, before, year)


def beside(now: dict[str, Any], before: dict[str, Any], year: dict[str, Any]) -> dict[str, Any]:
    """A period's figures with the previous period's and last year's set beside each row and the total."""
    for other, name in ((before, "previous"), (year, "last_year")):
        found = {r["key"]: r["figures"] for r in other["rows"]}
        for row in now["rows"]:
            row[name] = found.get(row["key"])
        now["total_" + name] = other["total"]
        now["period_" + name] = other["period"]
    return now


def change(current: Any, before: Any) -> float | None:
    """The relative change, or None when there is nothing to compare with."""
    if not isinstance(current, int | float) or not isinstance(before, int | float) or not before:
        return None
    return round((current - before) / before, 4)


def label(name: str) -> str:
    if name in LABELS:
        return LABELS[name]
    stem, _, key = name.rpartition(".")
    return f"{LABELS.get(stem, stem)}：{key}"
