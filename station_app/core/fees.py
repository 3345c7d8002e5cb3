"""Sending fees from the county's price table: courier × destination zone, first weight plus steps.

A bulky light parcel is charged by volumetric weight (length × width × height in cm ÷ the divisor, in kg)
when that is more than what it weighs. Money in fen, weight in grams, no floats.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import refdata
from .errors import StationError


@dataclass(frozen=True)
class Quote:
    courier: str
    zone: str
    actual_g: int
    volumetric_g: int
    chargeable_g: int
    fee_fen: int


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def quote(conn: sqlite3.Connection, courier: str, province: str, weight_g: int,
          dims_cm: tuple[int, int, int] | None = None) -> Quote:
    if weight_g <= 0:
        raise StationError("weight_invalid", str(weight_g))
    for row in refdata.rows(conn, "price_table"):
        if row["courier"] == courier and province in str(row["destinations"]).split("|"):
            break
    else:
        raise StationError("no_price", f"{courier} → {province}", courier=courier, province=province)
    divisor = int(row["volumetric_divisor"])
    volumetric = _ceil_div(dims_cm[0] * dims_cm[1] * dims_cm[2] * 1000, divisor) if dims_cm else 0
    chargeable = max(weight_g, volumetric)
    first_g, step_g = int(row["first_weight_g"]), int(row["step_g"])
    steps = _ceil_div(max(0, chargeable - first_g), step_g)
    fee = int(row["first_fee_fen"]) + steps * int(row["step_fee_fen"])
    return Quote(courier, str(row["zone"]), weight_g, volumetric, chargeable, fee)


def destinations(conn: sqlite3.Connection) -> list[str]:
    """Every province the price table knows, for the picker."""
    seen: dict[str, None] = {}
    for row in refdata.rows(conn, "price_table"):
        for province in str(row["destinations"]).split("|"):
            seen.setdefault(province, None)
    return list(seen)
