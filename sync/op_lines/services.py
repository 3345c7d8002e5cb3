"""一点多能: the other services of the counter (政务代办, 普惠金融, 农资, 代购, 交通, 电商帮办 …), one op per service
recorded for a villager, voided by a supervisor. What travels follows the catalogue's privacy class: the station
sends the name and phone as they may be shown (full, masked, or not at all), an ID number only masked."""

from __future__ import annotations

import re

from ..ops import MAX_ID, Adds, Code, Day, Fen, Id, Text, declare, figure

SERVICES_BY_CATEGORY = figure("services_by_category", "count", keyed=True)  # how many services, by category code
SERVICES_BY_CODE = figure("services_by_code", "count", keyed=True)  # how many, by catalogue service code
SERVICES_FEN = figure("services_fen", "fen", keyed=True)  # amounts handled, by category
SERVICE_FEES = figure("service_fees_fen", "fen")  # fees and commissions the station earned on services
SERVICES_VOIDED = figure("services_voided", "count")

_MASKED = re.compile(r"^[0-9A-Za-z*+\- ]{0,40}$")  # 138****1234, 5002**********1234, '' — never a whole number

declare("service.recorded", record_id=Id(), service_code=Code(), category=Code(), business_type=Text(64),
        villager_name=Text(64), villager_phone=Text(20, _MASKED), id_type=Code(), id_masked=Text(40, _MASKED),
        amount_fen=Fen(hi=100_000_000), fee_fen=Fen(hi=10_000_000), channel=Code(),
        amount_drawer=Code(), fee_drawer=Code(), reference=Text(100), business_day=Day(),
        key="record_id", day_field="business_day",
        adds=(Adds(SERVICES_BY_CATEGORY, by="category"), Adds(SERVICES_BY_CODE, by="service_code"),
              Adds(SERVICES_FEN, "amount_fen", by="category"), Adds(SERVICE_FEES, "fee_fen"),
              Adds("earnings_fen", "fee_fen", key="services"),
              Adds("cash_in_fen", "amount_fen", when=("amount_drawer", "in")),
              Adds("cash_out_fen", "amount_fen", when=("amount_drawer", "out")),
              Adds("cash_in_fen", "fee_fen", when=("fee_drawer", "in"))))
declare("service.voided", record_id=Id(), reason=Text(500, multiline=True), supervisor_id=Text(MAX_ID),
        cancels="service.recorded", adds=(Adds(SERVICES_VOIDED),))
