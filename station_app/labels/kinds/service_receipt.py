"""便民服务凭条 (80 mm): a service recorded at the counter where money changed hands, every figure with its label."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, tr
from . import receipt


@dataclass(frozen=True)
class ServiceReceipt:
    station: str
    number: str
    service: str  # the catalogue's name
    business_type: str
    villager: str  # masked name and phone
    id_masked: str
    amount: str  # yuan text, '' when no amount
    paid_out: bool  # the counter paid the amount out (助农取款)
    fee: str
    total: str  # what the villager handed over
    channel: str
    reference: str
    business_day: str
    done_at: str  # local time text


def pages(d: ServiceReceipt, lang: str = DEFAULT) -> list[Page]:
    Field = receipt.Field
    fields = [Field(tr(lang, "Service:"), d.service, bold=True)]
    if d.business_type:
        fields.append(Field(tr(lang, "Business:"), d.business_type))
    fields.append(Field(tr(lang, "For:"), d.villager or "-"))
    if d.id_masked:
        fields.append(Field(tr(lang, "ID:"), d.id_masked))
    if d.amount:
        fields.append(Field(tr(lang, "Paid out:") if d.paid_out else tr(lang, "Sum:"), d.amount, bold=True))
    fields += [Field(tr(lang, "Service fee:"), d.fee), Field(tr(lang, "Total taken:"), d.total, bold=True),
               Field(tr(lang, "Paid with:"), d.channel), Field(tr(lang, "Voucher:"), d.reference or "-"),
               Field(tr(lang, "Business day:"), d.business_day), Field(tr(lang, "Time:"), d.done_at)]
    return receipt.pages(d.station, tr(lang, "Service receipt"), d.number, fields,
                         [tr(lang, "Check the service and the amount, and keep this receipt.")])
