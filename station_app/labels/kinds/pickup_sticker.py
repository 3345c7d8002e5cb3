"""取件码贴纸: the pickup code as large as fits, courier, waybill tail, masked phone, date, station, Code 128."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.clock import local_text
from ...core.parcels import Parcel
from ..elements import Code128, Element, Line, Size, Text
from ..words import DEFAULT, tr


@dataclass(frozen=True)
class PickupSticker:
    pickup_code: str
    courier: str
    waybill: str
    phone: str  # already masked: 138****5678 or ****5678
    date: str  # local date as the clerk reads it, e.g. 11-23
    station: str


def layout(d: PickupSticker, size: Size, lang: str = DEFAULT) -> list[Element]:
    w, h, m = size.width_mm, size.height_mm, 1.5
    inner = w - 2 * m
    owner = tr(lang, "{courier}  tail {tail}  {phone}", courier=d.courier, tail=d.waybill[-4:], phone=d.phone)
    return [
        Text(m, m, inner * 0.7, h * 0.09, d.station),
        Text(m + inner * 0.7, m, inner * 0.3, h * 0.09, d.date, align="right"),
        Text(m, m + h * 0.11, inner, h * 0.30, d.pickup_code, bold=True, align="center"),
        Line(m, m + h * 0.44, w - m, m + h * 0.44, width=0.25),
        Text(m, m + h * 0.46, inner, h * 0.10, owner, align="center"),
        Code128(m, m + h * 0.59, inner, h * 0.26, d.waybill),
        Text(m, m + h * 0.87, inner, h * 0.085, d.waybill, align="center"),
    ]


def for_parcel(parcel: Parcel, courier_name: str, station_name: str) -> PickupSticker:
    """The sticker for a parcel on the shelf: the phone masked, the date in local time."""
    return PickupSticker(parcel.pickup_code, courier_name, parcel.waybill, parcel.masked_phone,
                         local_text(parcel.received_at, "%m-%d"), station_name)
