"""盘库 at the county: a station's last stocktake as its ops put it into the rollups (stocktake.finished adds one
stocktake and its missing, extra and misplaced parcels to the China day it was finished; parcel.marked_lost adds
the parcels marked lost). Read by the console's station page; nothing of a villager is in these figures."""

from __future__ import annotations

import sqlite3
from typing import Any

FIGURES = ("stocktakes", "stocktake_missing", "stocktake_extra", "stocktake_misplaced", "parcels_lost")


def last_stocktake(conn: sqlite3.Connection, station: str) -> dict[str, Any] | None:
    """The last day the station finished a stocktake, with that day's counts; None if it never did."""
    day = conn.execute("SELECT max(day) FROM rollups WHERE station = ? AND figure = 'stocktakes' AND value > 0",
                       (station,)).fetchone()[0]
    if day is None:
        return None
    marks = ",".join("?" * len(FIGURES))
    values = {r[0]: int(r[1]) for r in conn.execute(
        f"SELECT figure, sum(value) FROM rollups WHERE station = ? AND day = ? AND figure IN ({marks}) "
        "GROUP BY figure", (station, day, *FIGURES))}
    lost_since = conn.execute("SELECT sum(value) FROM rollups WHERE station = ? AND day >= ? "
                              "AND figure = 'parcels_lost'", (station, day)).fetchone()[0]
    return {"day": day, "stocktakes": values.get("stocktakes", 0), "missing": values.get("stocktake_missing", 0),
            "extra": values.get("stocktake_extra", 0), "misplaced": values.get("stocktake_misplaced", 0),
            "lost_since": int(lost_since or 0)}
