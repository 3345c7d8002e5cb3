"""The county's figures count pickup texts as they really went: sent by the real server's sender through the
generic HTTP gateway to a local vendor (some refused by it), never rows written by the test. Counted by hand:
texts by state (a merged text once), failed by reason, the parcels they carry, and the cost at the county's price."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from station_app.core import parcels
from sync import client as sync_client

from .sms_local import VendorLocal
from .support import TunedServer, new_station
from .test_sms_server import FAST, admin, at_once, wait_for

REFUSED = "13900000400"  # the vendor answers 400 for this phone


def send_through_vendor(tmp_path, price: str = "5"):
    """Two stations' parcels texted through a local vendor; returns the server and the vendor."""
    vendor = VendorLocal()
    vendor.status_for = lambda phone: 400 if phone == REFUSED else 200
    server = TunedServer(tmp_path / "county", env=FAST)
    server.data_dir.mkdir(parents=True)
    server.start()
    at_once(server)
    assert admin(server, "sms", "set", "--gateway", "http", "--http-url", vendor.url + "/send", "--http-params",
                 '{"phone": "mobile", "text": "content"}', "--price-fen", price).returncode == 0
    one, clerk1 = new_station(tmp_path, server, "S001")
    two, clerk2 = new_station(tmp_path, server, "S002")
    # S001: two parcels for one phone (one merged text), one the vendor refuses; S002: one parcel
    for waybill, phone in (("SF1000000000001", "13900001111"), ("YT1000000000002", "13900001111"),
                           ("ZT1000000000003", REFUSED)):
        parcels.receive(one, waybill, clerk_id=clerk1.id, phone=phone)
    parcels.receive(two, "SF2000000000001", clerk_id=clerk2.id, phone="13900002222")
    sync_client.Syncer(one).sync()
    sync_client.Syncer(two).sync()
    wait_for(lambda: server.query("SELECT count(*) FROM sms_texts WHERE state IN ('sent', 'failed')") == [(3,)],
             "three texts settled")
    assert sum(vendor.sent.values()) == 2  # the merged one and S002's; the refused one was not accepted
    return server, vendor


def figures_json(server, by: str) -> dict:
    today = datetime.now(UTC).astimezone(timezone(timedelta(hours=8))).date().isoformat()
    done = admin(server, "figures", "--from", today, "--to", today, "--by", by, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_texts_by_state_reason_and_cost_per_station_match_a_hand_count(tmp_path):
    server, vendor = send_through_vendor(tmp_path)
    try:
        by_station = {r["key"]: r["figures"] for r in figures_json(server, "station")["rows"]}
        total = figures_json(server, "county")["total"]
    finally:
        server.stop()
        vendor.close()
    texts = {code: {k: v for k, v in f.items() if k.startswith("texts")} for code, f in by_station.items()}
    assert texts["S001"] == {
        "texts.queued": 0, "texts.sent": 1, "texts.delivered": 0, "texts.failed": 1, "texts.unknown": 0,
        "texts.parcels": 3, "texts.waiting_parcels": 0, "texts.billed": 1, "texts.cost_fen": 5,
        "texts_failed.provider_refused": 1}
    assert texts["S002"] == {
        "texts.queued": 0, "texts.sent": 1, "texts.delivered": 0, "texts.failed": 0, "texts.unknown": 0,
        "texts.parcels": 1, "texts.waiting_parcels": 0, "texts.billed": 1, "texts.cost_fen": 5}
    assert (total["texts.sent"], total["texts.failed"], total["texts.parcels"], total["texts.cost_fen"]) == (2, 1, 4,
                                                                                                            10)


def test_the_cost_is_unknown_until_the_county_sets_its_price(tmp_path):
    server, vendor = send_through_vendor(tmp_path, price="0")
    try:
        total = figures_json(server, "county")["total"]
        assert (total["texts.billed"], total["texts.cost_fen"]) == (2, None)
        assert admin(server, "sms", "set", "--price-fen", "-1").returncode == 1  # refused, nothing changed
        assert admin(server, "sms", "set", "--price-fen", "4").returncode == 0
        assert figures_json(server, "county")["total"]["texts.cost_fen"] == 8
    finally:
        server.stop()
        vendor.close()
