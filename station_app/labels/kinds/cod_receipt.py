"""到付/代收货款收款凭条 (80 mm): what the recipient paid on delivery, for which parcel, how."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, tr
from . import receipt


@dataclass(frozen=True)
class CodReceipt:
    station: str
    number: str  # printed as Code 128: the waybill
    courier: str
    recipient: str  # masked name and phone
    amount: str  # yuan text
    channel: str  # in the document language
    reference: str
    paid_at: str  # local time text


def pages(d: CodReceipt, lang: str = DEFAULT) -> list[Page]:
    Field = receipt.Field
    fields = [Field(tr(lang, "Waybill:"), d.number), Field(tr(lang, "Courier:"), d.courier),
              Field(tr(lang, "Recipient:"), d.recipient or "-"),
              Field(tr(lang, "Paid on delivery:"), d.amount, bold=True), Field(tr(lang, "Channel:"), d.channel),
              Field(tr(lang, "Reference:"), d.reference or "-"), Field(tr(lang, "Time:"), d.paid_at)]
    return receipt.pages(d.station, tr(lang, "Cash on delivery receipt"), d.number, fields,
                         [tr(lang, "Collected for the courier. Keep this receipt.")])
