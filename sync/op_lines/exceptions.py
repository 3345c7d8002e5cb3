"""问题件: the exceptions, complaints and claims register (station_app/core/exceptions_register.py writes these).

An exception is registered, may be taken in hand, and is resolved once; each step is one op with its clerk and time.
Only what the county needs travels: the villager's phone as its last four digits, photos as file names and
checksums (the pictures stay in the station's data folder)."""

from __future__ import annotations

import re

from ..ops import (
    TAIL,
    WAYBILL,
    Adds,
    Code,
    Fen,
    Id,
    Int,
    ListOf,
    Record,
    Text,
    Timestamp,
    declare,
    figure,
)

EXCEPTIONS_REGISTERED = figure("exceptions_registered", "count", keyed=True)  # by kind
EXCEPTIONS_RESOLVED = figure("exceptions_resolved", "count", keyed=True)  # by outcome
EXCEPTIONS_COMPENSATED = figure("exceptions_compensated_fen", "fen")  # compensation agreed, in fen

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_NOTE = Text(500, multiline=True)
PHOTO = Record(fields={"name": Text(100), "sha256": Text(64, _SHA256)})

declare("exception.registered", exception_id=Id(), number=Text(32), kind=Code(), topic=Code(), raised_by=Code(),
        raiser_name=Text(64), raiser_phone_tail=Text(4, TAIL), courier=Code(),
        waybills=ListOf(Text(64, WAYBILL), max_items=200), unknown_waybills=ListOf(Text(64, WAYBILL), max_items=200),
        description=_NOTE, photos=ListOf(PHOTO, max_items=20), deadline_days=Int(1, 365), deadline_at=Timestamp(),
        key="exception_id", adds=(Adds(EXCEPTIONS_REGISTERED, by="kind"),))
declare("exception.started", exception_id=Id(), note=_NOTE,
        not_counted="taken in hand: the register and the county's exception list follow it, no figure moves")
declare("exception.resolved", exception_id=Id(), outcome=Code(), amount_fen=Fen(hi=100_000_000), reason=_NOTE,
        adds=(Adds(EXCEPTIONS_RESOLVED, by="outcome"), Adds(EXCEPTIONS_COMPENSATED, "amount_fen")))
