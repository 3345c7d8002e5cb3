"""County figures that need an earlier op of the same thing, kept in the rollups beside the declared ones.

The op declarations key a figure by a field of the op itself. A pickup does not name its courier, a sale its
product, a bus run's close its route, and nobody writes down how long a parcel sat on the shelf: the county reads
those from the station's earlier ops in its own ledger (the parcel's receipt and courier corrections, the lot's
intake, the run's opening). Only ops created at or before the op being projected are read, so a rebuild of the
whole ledger gives the same numbers as ingest did (a station pushes in its own order).

Dwell time is kept as a histogram (figure ``dwell_*``, key ``courier|bucket``), so a quarter's median and p90 are
read from a few thousand rows instead of every parcel.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

PICKED_UP_BY_COURIER = "parcels_picked_up_by_courier"
RETURNED_BY_COURIER = "parcels_returned_by_courier"
DWELL_PICKED_UP = "dwell_picked_up_h"  # key 'courier|bucket': parcels picked up after that many hours
DWELL_RETURNED = "dwell_returned_h"  # key 'courier|bucket': parcels sent back after that many hours
SALES_BY_PRODUCT = "produce_sales_by_product_fen"
SOLD_BY_PRODUCT = "produce_sold_by_product_g"
RUNS_BY_ROUTE = "dispatch_runs_by_route"
LOADED_BY_ROUTE = "dispatch_loaded_by_route"
MISSING_BY_ROUTE = "dispatch_missing_by_route"
FIGURES = (PICKED_UP_BY_COURIER, RETURNED_BY_COURIER, DWELL_PICKED_UP, DWELL_RETURNED, SALES_BY_PRODUCT,
           SOLD_BY_PRODUCT, RUNS_BY_ROUTE, LOADED_BY_ROUTE, MISSING_BY_ROUTE)

# Bucket lower bounds in hours: finer within the first day, then whole days up to 90 (so an overdue limit of any
# whole number of days, 1..90, falls on a bucket's edge); a bucket's key is its lower bound. Few buckets keep the
# rollups small (a station's day holds couriers × buckets rows at most). The median and p90 are given as the
# bucket's upper bound ("within N hours").
BUCKETS = (0, 1, 2, 3, 4, 6, 8, 12, 18, *range(24, 90 * 24 + 1, 24))


def bucket(hours: float) -> int:
    found = 0
    for low in BUCKETS:
        if hours >= low:
            found = low
    return found


def upper(low: int) -> int:
    """The hours a bucket reaches up to (the last one is open: 'more than 720')."""
    later = [b for b in BUCKETS if b > low]
    return later[0] if later else low


def _ops_of(conn: sqlite3.Connection, station: str, entity: Any, kinds: tuple[str, ...],
            at: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(type, created_at, payload) of the station's ops about one thing created at or before ``at``, oldest
    first."""
    marks = ",".join("?" * len(kinds))
    # The thing's few ops come from the (station, entity_id) index and are filtered and sorted here: asked to
    # bound or sort them by time, SQLite walks the station's whole (station, created_at) index instead, and ingest
    # slows as the ledger grows (no INDEXED BY: PostgreSQL has none).
    rows = conn.execute(f"SELECT type, created_at, payload, device_seq FROM ledger WHERE "
                        f"station = ? AND entity_id = ? AND type IN ({marks})", (station, str(entity), *kinds)
                        ).fetchall()
    for kind, created, raw, _ in sorted((r for r in rows if r[1] <= at), key=lambda r: (r[1], r[3])):
        try:
            yield kind, created, json.loads(raw)
        except ValueError:
            continue


def _parcel(conn: sqlite3.Connection, station: str, parcel_id: Any, at: str) -> tuple[str, str] | None:
    """(courier, received at) of a parcel as its ops up to ``at`` say, or None if its receipt is not here."""
    courier = received = None
    for kind, created, p in _ops_of(conn, station, parcel_id, ("parcel.received", "parcel.courier_changed"), at):
        if kind == "parcel.received" and received is None and p.get("parcel_id") == parcel_id:
            courier, received = str(p.get("courier", "")), created
        elif kind == "parcel.courier_changed" and received is not None and p.get("parcel_id") == parcel_id:
            courier = str(p.get("to", ""))
    return (courier or "", received) if received is not None else None


def _hours(since: str, until: str) -> float:
    start = datetime.fromisoformat(since.replace("Z", "+00:00"))
    end = datetime.fromisoformat(until.replace("Z", "+00:00"))
    return max(0.0, (end - start).total_seconds() / 3600)


def contributions(conn: sqlite3.Connection, station: str, kind: str, p: Mapping[str, Any],
                  at: str) -> Iterator[tuple[str, str, int]]:
    """(figure, key, amount) this op adds to the derived figures, on the op's own day."""
    if kind in ("parcel.picked_up", "parcel.returned", "parcel.pickup_undone"):
        parcel = _parcel(conn, station, p["parcel_id"], at)
        if parcel is None:
            return
        courier, received = parcel
        if kind == "parcel.returned":
            yield RETURNED_BY_COURIER, courier, 1
            yield DWELL_RETURNED, f"{courier}|{bucket(_hours(received, at))}", 1
        elif kind == "parcel.picked_up":
            yield PICKED_UP_BY_COURIER, courier, 1
            yield DWELL_PICKED_UP, f"{courier}|{bucket(_hours(received, at))}", 1
        else:  # an undone pickup takes back the last hand-over of this parcel before it
            pickups = [c for k, c, q in _ops_of(conn, station, p["parcel_id"], ("parcel.picked_up",), at)
                       if q.get("parcel_id") == p["parcel_id"]]
            if pickups:
                yield PICKED_UP_BY_COURIER, courier, -1
                yield DWELL_PICKED_UP, f"{courier}|{bucket(_hours(received, pickups[-1]))}", -1
    elif kind == "produce.sold":
        product = next((str(q["product_code"]) for k, c, q in _ops_of(conn, station, p["lot_id"],
                                                                       ("produce.taken_in",), at)
                        if q.get("lot_id") == p["lot_id"] and "product_code" in q), "")
        yield SALES_BY_PRODUCT, product, int(p["sales_fen"])
        yield SOLD_BY_PRODUCT, product, int(p["sold_g"])
    elif kind == "dispatch.closed":
        route = next((str(q["route_code"]) for k, c, q in _ops_of(conn, station, p["dispatch_id"],
                                                                   ("dispatch.opened",), at)
                      if q.get("dispatch_id") == p["dispatch_id"] and "route_code" in q), "")
        yield RUNS_BY_ROUTE, route, 1
        yield LOADED_BY_ROUTE, route, len(p["scanned"])
        yield MISSING_BY_ROUTE, route, len(p["missing"])
