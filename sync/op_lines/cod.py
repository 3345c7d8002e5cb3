"""Cash on delivery (到付运费, 代收货款): an amount the recipient pays at pickup, owed on to the courier.

Collected money counts by courier and channel (cash goes into the drawer, so the day close expects it); a
supervisor may waive it with a reason; what is owed to a courier is collected minus remitted.
"""

from __future__ import annotations

from ..ops import CASH_IN, CASH_OUT, NOTE, Adds, Code, Fen, Id, Text, declare, figure
from ..ops import WAYBILL as WAYBILL_PATTERN

COD_CHANNELS = ("cash", "wechat", "alipay")
WAYBILL = Text(64, WAYBILL_PATTERN)

COD_COLLECTED = figure("cod_collected_fen", "fen", keyed=True)  # by courier
COD_BY_CHANNEL = figure("cod_fen", "fen", keyed=True)  # collected, by channel
COD_WAIVED = figure("cod_waived_fen", "fen", keyed=True)  # by courier
COD_REMITTED = figure("cod_remitted_fen", "fen", keyed=True)  # handed on to the courier, by courier

declare("cod.due_set", parcel_id=Id(), waybill=WAYBILL, courier=Code(), amount_fen=Fen(hi=10_000_000),
        not_counted="an amount due is not money yet: it counts when collected or waived")
declare("cod.collected", parcel_id=Id(), waybill=WAYBILL, courier=Code(), amount_fen=Fen(hi=10_000_000),
        channel=Code(), reference=Text(100),
        adds=(Adds(COD_COLLECTED, "amount_fen", by="courier"), Adds(COD_BY_CHANNEL, "amount_fen", by="channel"),
              Adds(CASH_IN, "amount_fen", when=("channel", "cash"))))
declare("cod.waived", parcel_id=Id(), waybill=WAYBILL, courier=Code(), amount_fen=Fen(hi=10_000_000), reason=NOTE,
        supervisor_id=Id(), adds=(Adds(COD_WAIVED, "amount_fen", by="courier"),))
declare("cod.remitted", remittance_id=Id(), courier=Code(), amount_fen=Fen(), channel=Code(), reference=Text(100),
        adds=(Adds(COD_REMITTED, "amount_fen", by="courier"),
              Adds(CASH_OUT, "amount_fen", when=("channel", "cash"))))
