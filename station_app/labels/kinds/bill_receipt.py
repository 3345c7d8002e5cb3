"""缴费凭条 (80 mm): a bill paid at the counter, every figure with its label."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, tr
from . import receipt


@dataclass(frozen=True)
class BillReceipt:
    station: str
    number: str
    bill_type: str
    account: str
    payer: str  # masked name and phone
    amount: str  # yuan text
    commission: str
    total: str
    channel: str
    reference: str
    business_day: str
    paid_at: str  # local time text


def pages(d: BillReceipt, lang: str = DEFAULT) -> list[Page]:
    Field = receipt.Field
    fields = [Field(tr(lang, "Bill type:"), d.bill_type, bold=True), Field(tr(lang, "Account:"), d.account),
              Field(tr(lang, "Paid by:"), d.payer or "-"), Field(tr(lang, "Amount:"), d.amount, bold=True),
              Field(tr(lang, "Commission:"), d.commission), Field(tr(lang, "Total taken:"), d.total, bold=True),
              Field(tr(lang, "Channel:"), d.channel), Field(tr(lang, "Reference:"), d.reference or "-"),
              Field(tr(lang, "Business day:"), d.business_day), Field(tr(lang, "Time:"), d.paid_at)]
    return receipt.pages(d.station, tr(lang, "Bill receipt"), d.number, fields,
                         [tr(lang, "Check the account and the amount, and keep this receipt.")])
