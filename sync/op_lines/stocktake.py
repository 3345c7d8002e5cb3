"""盘库 (shelf stocktake): the ops a stocktake writes and the figures the county reads from them.

A stocktake's scans are kept as ops so nothing counted is lost; what it found counts once, when it is finished
(per station and day: stocktakes, and the missing, extra and misplaced parcels they found). Corrections are ops
of their own: a misplaced parcel re-shelved with a new pickup code (and a new text, as on arrival), a missing
parcel marked lost.
"""

from __future__ import annotations

import re

from ..ops import LAYER, PICKUP_CODE, SHELF, SMS, WAYBILL, Adds, Id, Int, ListOf, Text, declare, figure

STOCKTAKES = figure("stocktakes", "count")
STOCKTAKE_MISSING = figure("stocktake_missing", "count")
STOCKTAKE_EXTRA = figure("stocktake_extra", "count")
STOCKTAKE_MISPLACED = figure("stocktake_misplaced", "count")
PARCELS_LOST = figure("parcels_lost", "count")

WAYBILLS = ListOf(Text(64), max_items=100_000)  # as scanned, trimmed (an extra may be any waybill)

declare("stocktake.started", stocktake_id=Id(),
        not_counted="a stocktake counts when it is finished, with what it found")
declare("stocktake.shelf_chosen", stocktake_id=Id(), shelf=SHELF,
        not_counted="which shelf is being counted: the finished stocktake says what was found")
FINDING = Text(16, re.compile(r"^(ok|misplaced|extra)$"))

declare("stocktake.scanned", stocktake_id=Id(), shelf=SHELF, waybill=Text(64), finding=FINDING,
        parcel_id=Id(nullable=True), recorded_shelf=Int(0, 999),
        not_counted="one scan of a stocktake: the finished stocktake says what was found")
declare("stocktake.finished", stocktake_id=Id(), shelves=ListOf(SHELF, max_items=999), scanned=Int(0, 1_000_000),
        missing=WAYBILLS, extra=WAYBILLS, misplaced=WAYBILLS,
        adds=(Adds(STOCKTAKES), Adds(STOCKTAKE_MISSING, "missing"), Adds(STOCKTAKE_EXTRA, "extra"),
              Adds(STOCKTAKE_MISPLACED, "misplaced")))
declare("parcel.reshelved", sends_text=True, parcel_id=Id(), waybill=Text(64, WAYBILL), stocktake_id=Id(),
        from_code=Text(16, PICKUP_CODE), pickup_code=Text(16, PICKUP_CODE), shelf=SHELF, layer=LAYER, **SMS,
        not_counted="the parcel stays in stock under a new code: the county's parcel list and its text follow it")
declare("parcel.marked_lost", parcel_id=Id(), waybill=Text(64, WAYBILL), stocktake_id=Id(), pickup_code=Text(16),
        note=Text(200), adds=(Adds(PARCELS_LOST),))
