"""问题件处理单 (80 mm): an exception as registered and, once resolved, its outcome, for the villager or courier
to sign; the entry's number as Code 128 so a scan finds it again. Kinds, steps and outcomes come as the register's
codes and are printed in the station's document language."""

from __future__ import annotations

from dataclasses import dataclass

from ..elements import Page
from ..words import DEFAULT, tr
from . import receipt

LINE = 15  # characters of the description per line across the roll (CJK at the value size)


@dataclass(frozen=True)
class ExceptionSlip:
    station: str
    number: str  # E261125-001
    kind: str  # the register's codes: lost, damaged … (core/exceptions_register.py)
    raised_by: str  # villager · courier
    raiser: str  # masked name and phone
    courier: str  # the courier's name
    waybills: list[tuple[str, bool]]  # (waybill, in this station's system)
    description: str
    registered_at: str  # local time text
    deadline: str
    status: str  # registered · in_progress · resolved
    outcome: str  # '' while open
    amount: str  # yuan text of a compensation, else ''
    reason: str
    photos: int


def _words(lang: str) -> dict[str, str]:
    return {
        "lost": tr(lang, "Lost"), "damaged": tr(lang, "Damaged"), "wrong_delivery": tr(lang, "Wrong delivery"),
        "refused": tr(lang, "Refused"), "missing": tr(lang, "Missing from the bag"),
        "complaint": tr(lang, "Complaint"), "claim": tr(lang, "Claim"),
        "villager": tr(lang, "Villager"), "courier": tr(lang, "Courier"),
        "registered": tr(lang, "Registered"), "in_progress": tr(lang, "In progress"),
        "resolved": tr(lang, "Resolved"), "compensated": tr(lang, "Compensated"),
        "redelivered": tr(lang, "Redelivered"), "returned": tr(lang, "Returned"), "rejected": tr(lang, "Rejected"),
    }


def pages(d: ExceptionSlip, lang: str = DEFAULT) -> list[Page]:
    Field, words = receipt.Field, _words(lang)
    fields = [Field(tr(lang, "Kind:"), words.get(d.kind, d.kind), bold=True),
              Field(tr(lang, "Raised by:"), f"{words.get(d.raised_by, d.raised_by)} {d.raiser}".strip()),
              Field(tr(lang, "Courier:"), d.courier or "-")]
    fields += [Field(tr(lang, "Waybill:") if i == 0 else " ",
                     w if known else tr(lang, "{waybill} (not in system)", waybill=w))
               for i, (w, known) in enumerate(d.waybills)]
    fields += [Field(tr(lang, "Details:"), "")]
    fields += [Field("", d.description[i:i + LINE]) for i in range(0, min(len(d.description), 8 * LINE), LINE)]
    fields += [Field(tr(lang, "Photos:"), str(d.photos)), Field(tr(lang, "Registered:"), d.registered_at),
               Field(tr(lang, "Answer by:"), d.deadline, bold=True),
               Field(tr(lang, "Status:"), words.get(d.status, d.status))]
    if d.outcome:
        outcome = words.get(d.outcome, d.outcome)
        fields.append(Field(tr(lang, "Outcome:"), f"{outcome} {d.amount}".strip(), bold=True))
        if d.reason:
            fields += [Field("", d.reason[i:i + LINE]) for i in range(0, min(len(d.reason), 4 * LINE), LINE)]
    footer = [tr(lang, "Villager / courier signature:"), "", tr(lang, "Clerk signature:"), "",
              tr(lang, "Keep this slip; quote its number when you ask about it.")]
    return receipt.pages(d.station, tr(lang, "Exception slip"), d.number, fields, footer)
