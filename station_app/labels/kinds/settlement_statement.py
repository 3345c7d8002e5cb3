"""农产品代销结算单 (A4): the farmer's own statement, dated, with their name in full and every lot sold."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, tr
from . import document


@dataclass(frozen=True)
class Statement:
    station: str
    number: str
    date: str  # local date and time of the settlement
    farmer: str  # in full: the statement is the farmer's own
    phone: str  # masked
    village: str
    lines: list[tuple[str, str, str, str, str]]  # lot, product, grade, kg text, yuan text
    sales: str
    commission: str
    fees: str
    payout: str
    payout_method: str


def pages(d: Statement, lang: str = DEFAULT) -> list[Page]:
    rows = [document.Row(tr(lang, "Consignor: {farmer} {phone} {village}", farmer=d.farmer, phone=d.phone,
                            village=d.village).strip(), True),
            document.Row(tr(lang, "Settled: {date}", date=d.date)), document.Row(tr(lang, "Lots sold:"), True)]
    rows += [document.Row(tr(lang, "{lot}  {product} {grade}  sold {kg}  sales {amount}", lot=lot, product=product,
                             grade=grade, kg=kg, amount=fen)) for lot, product, grade, kg, fen in d.lines]
    rows += [document.Row(tr(lang, "Sales {sales}  commission {commission}  fees {fees}", sales=d.sales,
                             commission=d.commission, fees=d.fees)),
             document.Row(tr(lang, "To pay {payout} ({method})", payout=d.payout, method=d.payout_method), True)]
    return document.pages(document.Document(
        tr(lang, "Settlement statement · {station}", station=d.station), d.number, rows,
        [tr(lang, "Consignor's signature:"), tr(lang, "Clerk's signature:")], subtitle=d.date))
