"""交接单 (A4) for the driver: every item going on the run with its barcode, the items that stay behind
named as text (they are not on the bus, so nothing to scan), and signature lines."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, mark, tr
from . import document

KIND_WORDS = {"sending": mark("sent parcel"), "box": mark("produce box")}
PER_LINE = 4  # codes per line in the list of items that stay behind


@dataclass(frozen=True)
class HandoverList:
    station: str
    number: str
    route: str  # route code and mode
    leg: str  # from → to, as the bus goes with these items
    departs: str  # local date and time
    closed_at: str
    items: list[tuple[str, str]]  # (code, kind) on the bus
    missing: list[str]  # codes left for the next run


def pages(d: HandoverList, lang: str = DEFAULT) -> list[Page]:
    rows = [document.Row(tr(lang, "Route: {route}  {leg}", route=d.route, leg=d.leg), True),
            document.Row(tr(lang, "Run: {departs}  Handed over: {closed_at}", departs=d.departs,
                            closed_at=d.closed_at)),
            document.Row(tr(lang, "On the bus: {count}", count=len(d.items)), True)]
    rows += [document.Row(f"{n}. {code}  {tr(lang, KIND_WORDS[kind]) if kind in KIND_WORDS else kind}", barcode=code)
             for n, (code, kind) in enumerate(d.items, 1)]
    rows.append(document.Row(tr(lang, "Not on the bus (next run): {count}", count=len(d.missing)) if d.missing
                             else tr(lang, "Not on the bus: none"), True))
    rows += [document.Row("  ".join(d.missing[i:i + PER_LINE])) for i in range(0, len(d.missing), PER_LINE)]
    return document.pages(document.Document(tr(lang, "Bus hand-over list · {station}", station=d.station), d.number,
                                            rows, [tr(lang, "Driver's signature:"), tr(lang, "Clerk's signature:")],
                                            subtitle=d.departs))
