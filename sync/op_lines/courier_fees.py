"""派费 (代收代派): what each courier owes the station per parcel, and the monthly statement agreed and paid.

A fee is earned when the station does the work the courier pays for: a parcel handed over (delivered), sent
back (returned), or sent through the station (sent). The rate is the county's (reference data ``courier_rates``)
in force that day; the op carries the fen so every reader (day close, reports, county rollups) sums the same.
"""

from __future__ import annotations

import re

from ..ops import CASH_IN, EARNINGS, NOTE, Adds, Code, Fen, Id, Int, Text, declare, figure
from ..ops import WAYBILL as WAYBILL_PATTERN

FEE_KINDS = ("delivered", "returned", "sent")
MONTH = Text(7, re.compile(r"^\d{4}-\d{2}$"))
WAYBILL = Text(64, WAYBILL_PATTERN)

COURIER_FEES = figure("courier_fees_fen", "fen", keyed=True)  # 派费 earned, by courier
COURIER_FEE_PIECES = figure("courier_fee_pieces", "count", keyed=True)  # pieces paid for, by kind
COURIER_FEES_PAID = figure("courier_fees_paid_fen", "fen", keyed=True)  # what couriers paid, by courier

# parcel_id names the parcel, or the sending for a parcel sent
declare("courier_fee.earned", parcel_id=Id(), waybill=WAYBILL, courier=Code(), kind=Code(), fee_fen=Fen(hi=100_000),
        adds=(Adds(COURIER_FEES, "fee_fen", by="courier"), Adds(COURIER_FEE_PIECES, by="kind"),
              Adds(EARNINGS, "fee_fen", key="courier_fees")))
# a hand-over undone by a supervisor: the fee it earned is taken back
declare("courier_fee.reversed", parcel_id=Id(), waybill=WAYBILL, courier=Code(), kind=Code(),
        fee_fen=Fen(hi=100_000),
        adds=(Adds(COURIER_FEES, "fee_fen", by="courier", sign=-1), Adds(COURIER_FEE_PIECES, by="kind", sign=-1),
              Adds(EARNINGS, "fee_fen", key="courier_fees", sign=-1)))
declare("courier_statement.agreed", statement_id=Id(), courier=Code(), month=MONTH, amount_fen=Fen(),
        theirs_fen=Fen(), differences=Int(0, 1_000_000), note=NOTE,
        not_counted="the month's fees already counted as each was earned: agreeing moves no figure")
declare("courier_statement.paid", statement_id=Id(), courier=Code(), month=MONTH, amount_fen=Fen(),
        channel=Code(), reference=Text(100),
        adds=(Adds(COURIER_FEES_PAID, "amount_fen", by="courier"),
              Adds(CASH_IN, "amount_fen", when=("channel", "cash"))))
