"""农产品收货单: what was weighed and taken in for the farmer, to compare with the statement later.

The farmer keeps it, so their own name is printed in full (only the phone is masked). On an 80 mm receipt
printer it is a roll receipt; without one it is an A4 sheet that also lists every box with its barcode.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, tr
from . import document, receipt


@dataclass(frozen=True)
class ProduceReceipt:
    station: str
    lot_no: str
    farmer: str  # the farmer's own name, in full
    phone: str  # masked
    village: str
    product: str
    grade: str
    gross: str
    tare: str
    deduction: str
    net: str
    price: str  # per kg
    value: str  # net × price, for reference: the sale decides what is paid
    boxes: list[str]  # box codes
    taken_at: str  # local date and time


def _fields(d: ProduceReceipt, lang: str) -> list[receipt.Field]:
    Field = receipt.Field
    return [Field(tr(lang, "Consignor:"), f"{d.farmer} {d.phone}", bold=True),
            Field(tr(lang, "Village:"), d.village or "-"), Field(tr(lang, "Taken in:"), d.taken_at),
            Field(tr(lang, "Lot:"), d.lot_no), Field(tr(lang, "Product, grade:"), f"{d.product} {d.grade}", bold=True),
            Field(tr(lang, "Gross:"), d.gross), Field(tr(lang, "Tare:"), d.tare),
            Field(tr(lang, "Deduction:"), d.deduction), Field(tr(lang, "Net:"), d.net, bold=True),
            Field(tr(lang, "Reference price:"), f"{d.price}/kg"), Field(tr(lang, "Reference value:"), d.value),
            Field(tr(lang, "Boxes:"), tr(lang, "{count} boxes", count=len(d.boxes)))]


def _signatures(lang: str) -> list[str]:
    return [tr(lang, "Consignor's signature:"), tr(lang, "Clerk's signature:")]


def roll_pages(d: ProduceReceipt, lang: str = DEFAULT) -> list[Page]:
    return receipt.pages(d.station, tr(lang, "Produce receipt"), d.lot_no, _fields(d, lang),
                         [tr(lang, "Payment follows the sale results."), *_signatures(lang)])


def a4_pages(d: ProduceReceipt, lang: str = DEFAULT) -> list[Page]:
    rows = [document.Row(f"{f.label}{f.value}", f.bold) for f in _fields(d, lang)]
    rows.append(document.Row(tr(lang, "Box codes:"), True))
    rows += [document.Row(tr(lang, "Box {number}/{count}  {code}", number=i, count=len(d.boxes), code=code),
                          barcode=code) for i, code in enumerate(d.boxes, 1)]
    rows.append(document.Row(tr(lang, "Payment follows the sale results.")))
    return document.pages(document.Document(tr(lang, "Produce receipt · {station}", station=d.station), d.lot_no,
                                            rows, _signatures(lang), subtitle=d.taken_at))
