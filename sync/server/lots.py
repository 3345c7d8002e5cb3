"""What the county knows of a station's produce lots, from its ledger: checked before a sale result is queued.

A lot is what the station's ``produce.taken_in`` op says. What is left of it = net weight − what the station
reported sold (``produce.sold``) − returned to the farmer − sale results the county queued that the station has
not entered or refused yet (a county sale comes back as ``produce.sold`` carrying its ``feed_seq``; a refusal
as ``feed.refused`` with its ``seq``).
"""

from __future__ import annotations

import json
import sqlite3


def left_g(conn: sqlite3.Connection, station: str, lot_no: str) -> int | None:
    """Grams of the lot still for sale, as the county knows it; None if the station never reported the lot."""
    # the lot's own ops are picked below: JSON is read in Python, so the SQL is the same on both back-ends
    rows = conn.execute("SELECT type, payload FROM ledger WHERE station = ? AND type IN "
                        "('produce.taken_in', 'produce.sold', 'produce.returned', 'feed.refused')",
                        (station,)).fetchall()
    net: int | None = None
    used = 0
    dealt_with: set[int] = set()  # feed seqs the station entered or refused
    for kind, raw in rows:
        payload = json.loads(raw)
        if kind != "feed.refused" and payload.get("lot_no") != lot_no:
            continue
        if kind == "produce.taken_in":
            net = _int(payload.get("net_g"))
        elif kind == "produce.sold":
            used += _int(payload.get("sold_g"))
            if isinstance(payload.get("feed_seq"), int):
                dealt_with.add(payload["feed_seq"])
        elif kind == "produce.returned":
            used += _int(payload.get("returned_g"))
        elif isinstance(payload.get("seq"), int):
            dealt_with.add(payload["seq"])
    if net is None:
        return None
    for seq, raw in conn.execute("SELECT seq, body FROM feed WHERE station = ? AND kind = 'sale_result'",
                                 (station,)):
        body = json.loads(raw)
        if seq not in dealt_with and body.get("lot_no") == lot_no:
            used += _int(body.get("sold_g"))
    return max(0, net - used)


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
