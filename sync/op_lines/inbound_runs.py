"""The inbound 客货邮 run (到车): the bus arrives, the clerk starts the run, every parcel received until it is closed
belongs to it; the close says when the bus came against the timetable, what came, what the county's list expected
and did not come (短少, one op per item until an exceptions register takes them) and what came unannounced."""

from __future__ import annotations

from ..ops import Adds, Code, Id, Int, ListOf, Text, Timestamp, declare, figure

INBOUND_RUNS = figure("inbound_runs", "count", keyed=True)  # runs closed, by route
INBOUND_ON_TIME = figure("inbound_on_time", "count", keyed=True)  # of them on time, by route
INBOUND_ITEMS = figure("inbound_items", "count", keyed=True)  # parcels that came on the run, by route
INBOUND_UNANNOUNCED = figure("inbound_unannounced", "count", keyed=True)  # came but not on the county's list
INBOUND_SHORT = figure("inbound_short", "count", keyed=True)  # on the list, did not come (短少), by route

WAYBILLS = ListOf(Text(64), max_items=100_000)

declare("inbound.started", run_id=Id(), route_code=Code(), scheduled_at=Timestamp(nullable=True),
        arrived_at=Timestamp(), plate=Text(16), driver=Text(64), expected=WAYBILLS,
        not_counted="the bus is at the counter: the run counts when it is closed")
declare("inbound.closed", run_id=Id(), route_code=Code(), scheduled_at=Timestamp(nullable=True),
        arrived_at=Timestamp(), late_minutes=Int(-100_000, 100_000), punctuality=Code(), received=WAYBILLS,
        missing=WAYBILLS, unannounced=WAYBILLS,
        adds=(Adds(INBOUND_RUNS, by="route_code"), Adds(INBOUND_ON_TIME, by="route_code",
                                                         when=("punctuality", "on_time")),
              Adds(INBOUND_ITEMS, "received", by="route_code"),
              Adds(INBOUND_UNANNOUNCED, "unannounced", by="route_code")))
declare("inbound.item_missing", run_id=Id(), route_code=Code(), waybill=Text(64),
        adds=(Adds(INBOUND_SHORT, by="route_code"),))
