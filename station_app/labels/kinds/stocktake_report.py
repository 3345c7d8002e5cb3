"""盘库报告 (A4): what a stocktake found, shelf by shelf counted — missing, extra and misplaced parcels with what
was done about each — and signature lines."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, join, mark, tr
from . import document

# why a parcel on the shelf is not in stock; and what was done about a finding
REASONS = {"picked_up": mark("already picked up"), "returned": mark("returned to courier"),
           "lost": mark("marked lost"), "": mark("never received here")}
DONE = {"reshelved": mark("re-shelved"), "lost": mark("marked lost"), "": mark("open")}


@dataclass(frozen=True)
class StocktakeReport:
    station: str
    number: str  # the stocktake's id, short
    started: str  # local date and time
    finished: str  # local date and time, '' while open
    shelves: list[int]
    scanned: int
    missing: list[tuple[str, str, int, str]]  # (waybill, pickup code, shelf, done)
    extra: list[tuple[str, int, str]]  # (waybill, found on shelf, reason)
    misplaced: list[tuple[str, int, int, str]]  # (waybill, found on shelf, recorded shelf, done)


def pages(d: StocktakeReport, lang: str = DEFAULT) -> list[Page]:
    shelves = join(lang, [str(s) for s in d.shelves])
    rows = [document.Row(tr(lang, "Shelves counted: {shelves}  Parcels scanned: {scanned}", shelves=shelves,
                            scanned=d.scanned), True),
            document.Row(tr(lang, "Started: {started}  Finished: {finished}", started=d.started,
                            finished=d.finished or tr(lang, "not yet"))),
            document.Row(tr(lang, "Missing (in the system, not on the shelf): {count}", count=len(d.missing)), True)]
    rows += [document.Row(tr(lang, "{waybill}  code {code}  shelf {shelf}  · {done}", waybill=w, code=c, shelf=s,
                             done=tr(lang, DONE.get(done, DONE[""])))) for w, c, s, done in d.missing]
    rows.append(document.Row(tr(lang, "Extra (on the shelf, not in stock): {count}", count=len(d.extra)), True))
    rows += [document.Row(tr(lang, "{waybill}  found on shelf {shelf}  · {reason}", waybill=w, shelf=s,
                             reason=tr(lang, REASONS.get(r, REASONS[""])))) for w, s, r in d.extra]
    rows.append(document.Row(tr(lang, "Misplaced (recorded on another shelf): {count}", count=len(d.misplaced)),
                             True))
    rows += [document.Row(tr(lang, "{waybill}  found on shelf {shelf}, recorded on shelf {recorded}  · {done}",
                             waybill=w, shelf=s, recorded=r, done=tr(lang, DONE.get(done, DONE[""]))))
             for w, s, r, done in d.misplaced]
    return document.pages(document.Document(tr(lang, "Stocktake report · {station}", station=d.station), d.number,
                                            rows, [tr(lang, "Counted by (signature):"),
                                                   tr(lang, "Checked by (signature):")],
                                            subtitle=d.finished or d.started))
