"""盘库 at the county: a station's stocktake and its corrections travel as ops to the real county server; the
county's parcel list follows them (a new pickup code with its new text, a lost parcel), and the station's page on
the console shows the last stocktake with its missing, extra and misplaced counts."""

from __future__ import annotations

from station_app.core import parcels, shelving, stocktake
from sync import client as sync_client

from .support import VIEWER, login


def test_a_stocktake_reaches_the_county_and_its_station_page(county, page, conn, boss):
    code = county.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    assert sync_client.enroll(conn, county.url, code) == "S001"
    shelving.configure(conn, [(1, 3, 50), (2, 3, 50)], clerk_id=boss.id)
    shelving.set_current(conn, 2, 1, clerk_id=boss.id)
    moved, gone = (parcels.receive(conn, w, clerk_id=boss.id, phone="13812345678", name="张三").parcel
                   for w in ("YT2000000000001", "YT2000000000002"))
    st = stocktake.start(conn, clerk_id=boss.id)
    stocktake.choose_shelf(conn, st.id, 1, clerk_id=boss.id)
    stocktake.scan(conn, st.id, moved.waybill, clerk_id=boss.id)  # misplaced: recorded on shelf 2
    stocktake.scan(conn, st.id, "JT0000000000099", clerk_id=boss.id)  # extra: never received
    stocktake.choose_shelf(conn, st.id, 2, clerk_id=boss.id)  # gone is missing
    stocktake.finish(conn, st.id, clerk_id=boss.id)
    new_code = stocktake.reshelve(conn, st.id, moved.id, clerk_id=boss.id).pickup_code
    stocktake.mark_lost(conn, st.id, gone.id, clerk_id=boss.id)
    sync_client.Syncer(conn).sync()

    assert county.query("SELECT count(*) FROM ledger WHERE type LIKE 'stocktake.%' OR type IN "
                        "('parcel.reshelved', 'parcel.marked_lost')") == [(8,)]
    assert county.query("SELECT pickup_code, status FROM parcels WHERE parcel_id = ?", moved.id) == [(new_code,
                                                                                                   "in_stock")]
    assert county.query("SELECT status FROM parcels WHERE parcel_id = ?", gone.id) == [("lost",)]
    queued = county.query("SELECT notification_id FROM sms_outbox WHERE parcel_id = ? ORDER BY created_at", moved.id)
    assert len(queued) == 2  # the arrival's text and the new code's
    assert dict(county.query("SELECT figure, sum(value) FROM rollups WHERE station = 'S001' AND figure IN "
                             "('stocktakes', 'stocktake_missing', 'stocktake_extra', 'stocktake_misplaced', "
                             "'parcels_lost') GROUP BY figure")) == {
        "stocktakes": 1, "stocktake_missing": 1, "stocktake_extra": 1, "stocktake_misplaced": 1, "parcels_lost": 1}

    login(page, county, VIEWER)
    page.goto(county.url + "/stations/S001")
    cell = page.locator("#health-stocktake")
    for key, value in (("missing", "1"), ("extra", "1"), ("misplaced", "1"), ("lost", "1")):
        assert cell.locator(f'[data-key="{key}"]').inner_text() == value
    assert "从未盘库" not in cell.inner_text()
