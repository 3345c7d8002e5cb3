"""The county's figures count pickup texts as they really went: sent by the real server's sender through the
generic HTTP gateway to a local vendor (some refused by it), never rows written by the test. Counted by hand:
texts by state (a merged text once), failed by reason, the parcels they carry, and the cost at the county's price."""

from __future__ import annotations

from .sms_support import admin, figures_json, send_through_vendor


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
