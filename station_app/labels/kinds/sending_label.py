"""寄件面单 (100 × 150 mm): the station's label for a parcel sent with a station consignment number."""

from __future__ import annotations

from dataclasses import dataclass

from ...core import money, sending
from ...core.privacy import mask_name, mask_phone
from ..elements import QR, Code128, Element, Line, Size, Text
from ..words import DEFAULT, tr


@dataclass(frozen=True)
class SendingLabel:
    waybill: str
    courier: str
    sender: str  # masked name and phone
    recipient: str  # name and masked phone
    address: str
    item: str
    weight: str
    fee: str
    date: str
    station: str


def weight(grams: int, lang: str = DEFAULT) -> str:
    """2.35 公斤 / 2.35 kg: trailing zeros dropped."""
    number = f"{grams // 1000}.{grams % 1000:03d}".rstrip("0").rstrip(".")
    return tr(lang, "{n} kg", n=number)


def content(done: sending.Accepted, parcel: sending.Parcel, sender: sending.Sender, courier: str, station: str,
            day: str, lang: str = DEFAULT) -> SendingLabel:
    """What the label of an accepted parcel says: the sender masked (name and phone), the recipient's phone
    masked (the courier has it in the system), the address in full."""
    return SendingLabel(
        done.waybill, courier, f"{mask_name(sender.name)} {mask_phone(sender.phone)}",
        f"{parcel.recipient_name} {mask_phone(parcel.recipient_phone)}",
        f"{parcel.province}{parcel.city}{parcel.county}{parcel.address}", parcel.item, weight(parcel.weight_g, lang),
        money.yuan(done.quote.fee_fen), day, station)


def layout(d: SendingLabel, size: Size, lang: str = DEFAULT) -> list[Element]:
    w, m = size.width_mm, 3.0
    inner = w - 2 * m
    return [
        Text(m, m, inner * 0.6, 7, d.station, bold=True),
        Text(m + inner * 0.6, m, inner * 0.4, 7, d.courier, bold=True, align="right"),
        Code128(m, 13, inner, 24, d.waybill),
        Text(m, 38, inner, 6, d.waybill, align="center"),
        Line(m, 46, w - m, 46),
        Text(m, 49, 10.5, 6, tr(lang, "To")), Text(m + 12, 49, inner - 12, 8, d.recipient, bold=True),
        Text(m + 12, 59, inner - 12, 6, d.address[:26], max_mm=4.2),
        Text(m + 12, 66, inner - 12, 6, d.address[26:52], max_mm=4.2),
        Line(m, 75, w - m, 75),
        Text(m, 78, 10.5, 6, tr(lang, "From")), Text(m + 12, 78, inner - 12, 6, d.sender),
        Line(m, 88, w - m, 88),
        Text(m, 91, inner * 0.62, 6, tr(lang, "Item: {item}", item=d.item)),
        Text(m, 99, inner * 0.62, 6, tr(lang, "Weight: {weight}  Fee: {fee}", weight=d.weight, fee=d.fee)),
        Text(m, 107, inner * 0.62, 6, tr(lang, "Accepted: {date} inspected, real name", date=d.date)),
        QR(w - m - 30, 91, 30, f"waybill={d.waybill};station={d.station}"),
        Line(m, 125, w - m, 125),
        Text(m, 128, inner, 5, tr(lang, "Received by (signature):"), max_mm=5),
        Code128(m + inner * 0.45, 134, inner * 0.55, 12, d.waybill),
    ]
