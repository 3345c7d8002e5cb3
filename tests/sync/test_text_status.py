"""Texts' statuses travel from the real county server's feed to the station, onto the call list; the clerk's call
travels back to the county's ledger and figures."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from station_app.core import calllist, notifications, parcels
from sync import client as sync_client


def text_of(conn, parcel) -> str:
    return notifications.for_parcel(conn, parcel.id)[0]["id"]


def county_feeds(server, parcel, nid, state, reason="", at="2026-11-25T02:00:00.000Z") -> None:
    """A notification_status item as the county's SMS sender writes it (sync/server/sms: status_body)."""
    body = {"notification_id": nid, "state": state, "reason": reason, "at": at, "parcel_id": parcel.id,
            "waybill": parcel.waybill}
    server.execute("INSERT INTO feed (station, kind, body, created_at) VALUES ('S001', 'notification_status', ?, "
                   "'2026-11-25T02:00:00Z')", json.dumps(body))


def states(conn, *got) -> list[tuple[str, str]]:
    found = notifications.text_status(conn, [p.id for p in got])
    return [(found[p.id].state, found[p.id].reason) for p in got]


def test_text_statuses_reach_the_station_and_its_call_list(server, enrolled, boss):
    a = parcels.receive(enrolled, "SF1234567890001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    b = parcels.receive(enrolled, "SF1234567890002", clerk_id=boss.id, phone="13900001111", name="李四").parcel
    c = parcels.receive(enrolled, "SF1234567890003", clerk_id=boss.id, phone="13700002222", name="王五").parcel
    sync_client.Syncer(enrolled).sync()  # the county has the ops and asks its own sender for the texts
    # whatever its sender says meanwhile (queued, sent) can never take back a receipt, so these hold in any order:
    # one text never reached the phone, one did, one phone had opted out; and an item naming a state no county
    # sends is refused and reported, and the feed goes on past it
    county_feeds(server, a, text_of(enrolled, a), "sent")
    county_feeds(server, a, text_of(enrolled, a), "failed", "invalid_number")
    county_feeds(server, b, text_of(enrolled, b), "delivered", at="2026-11-25T02:00:07Z")
    county_feeds(server, b, text_of(enrolled, b), "lost")
    county_feeds(server, c, text_of(enrolled, c), "failed", "opted_out")
    report = sync_client.Syncer(enrolled).sync()
    assert report.feed_refused == 1
    assert states(enrolled, a, b, c) == [("failed", "invalid_number"), ("delivered", ""), ("failed", "opted_out")]
    assert notifications.text_status(enrolled, [b.id])[b.id].at == "2026-11-25T02:00:07.000Z"
    assert {d.parcel.waybill: d.causes for d in calllist.due(enrolled)} == {
        "SF1234567890001": ("text_failed",), "SF1234567890003": ("opted_out",)}
    refused = sync_client.feed_refusals(enrolled)
    assert [(r["kind"], r["code"]) for r in refused] == [("notification_status", "feed_item_malformed")]

    # the clerk phones; the call reaches the county's ledger and its figures
    calllist.mark_called(enrolled, a.id, "本人接听，明天来取", clerk_id=boss.id)
    sync_client.Syncer(enrolled).sync()
    told = [json.loads(r[0]) for r in server.query("SELECT payload FROM ledger WHERE type = 'parcel.called'")]
    assert told == [{"parcel_id": a.id, "waybill": "SF1234567890001", "cause": "text_failed",
                     "note": "本人接听，明天来取"}]
    china_day = datetime.now(timezone(timedelta(hours=8))).date().isoformat()  # the county counts China days
    day = server.admin("report", "station", "S001", "--date", china_day)
    assert day.returncode == 0, day.stderr
    assert json.loads(day.stdout)["figures"]["calls_made"] == 1
    assert [d.parcel.waybill for d in calllist.due(enrolled)] == ["SF1234567890003"]


def test_a_delivery_time_from_the_provider_is_kept(server, enrolled, boss):
    a = parcels.receive(enrolled, "SF1234567890001", clerk_id=boss.id, phone="13812345678", name="张三").parcel
    sync_client.Syncer(enrolled).sync()
    body = {"notification_id": text_of(enrolled, a), "state": "delivered", "reason": "",
            "at": "2026-11-25T02:00:09.000Z", "delivered_at": "2026-11-25T02:00:03Z", "text_id": "t-1",
            "parcels_in_text": 1, "parcel_id": a.id, "waybill": a.waybill}
    server.execute("INSERT INTO feed (station, kind, body, created_at) VALUES ('S001', 'notification_status', ?, "
                   "'2026-11-25T02:00:09Z')", json.dumps(body))
    sync_client.Syncer(enrolled).sync()
    status = notifications.text_status(enrolled, [a.id])[a.id]
    assert (status.state, status.at) == ("delivered", "2026-11-25T02:00:03.000Z")
