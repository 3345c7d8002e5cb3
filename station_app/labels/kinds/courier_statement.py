"""派费对账单 (A4): the station's statement to one courier for one month — pieces and fees by kind, cash on
delivery collected and remitted, and every waybill with its fee."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, mark, tr
from . import document

KINDS = {"delivered": mark("handed over"), "returned": mark("returned"), "sent": mark("sent via the station")}


@dataclass(frozen=True)
class CourierStatement:
    station: str
    courier: str  # its name
    month: str
    received: int
    pieces: dict[str, int]  # by kind
    fees: dict[str, str]  # yuan text by kind
    total: str
    cod_collected: str
    cod_remitted: str
    cod_owed: str
    lines: list[tuple[str, str, str, str]]  # waybill, kind, fee text, local date
    agreed_on: str = ""  # local date, '' while open
    agreed_by: str = ""
    paid: str = ""  # yuan text, '' until paid
    paid_on: str = ""
    reference: str = ""


def pages(d: CourierStatement, lang: str = DEFAULT) -> list[Page]:
    rows = [document.Row(tr(lang, "Courier: {courier}  Month: {month}", courier=d.courier, month=d.month), True),
            document.Row(tr(lang, "Parcels received: {count}", count=d.received))]
    rows += [document.Row(tr(lang, "{kind}: {count} pieces, {amount}", kind=tr(lang, KINDS[k]), count=d.pieces[k],
                             amount=d.fees[k])) for k in KINDS]
    rows += [document.Row(tr(lang, "Fees due to the station: {amount}", amount=d.total), True),
             document.Row(tr(lang, "Cash on delivery collected {collected}, remitted {remitted} this month; "
                                   "owed to the courier now {owed}", collected=d.cod_collected,
                             remitted=d.cod_remitted, owed=d.cod_owed))]
    if d.paid:
        rows.append(document.Row(tr(lang, "Agreed {date} by {clerk}; paid {amount} on {paid} ({reference})",
                                    date=d.agreed_on, clerk=d.agreed_by, amount=d.paid, paid=d.paid_on,
                                    reference=d.reference or "-")))
    elif d.agreed_on:
        rows.append(document.Row(tr(lang, "Agreed {date} by {clerk}", date=d.agreed_on, clerk=d.agreed_by)))
    rows.append(document.Row(tr(lang, "Waybills ({count}):", count=len(d.lines)), True))
    rows += [document.Row(f"{waybill}  {tr(lang, KINDS[kind])}  {fee}  {day}")
             for waybill, kind, fee, day in d.lines]
    return document.pages(document.Document(
        tr(lang, "Courier fee statement · {station}", station=d.station), "", rows,
        [tr(lang, "Courier's signature:"), tr(lang, "Clerk's signature:")], subtitle=d.month))
