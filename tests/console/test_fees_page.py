"""派费与代收货款 at the county: a station's fees and cash on delivery, made by its real core and synced to the real
county server, reach the rollups through the declared ops and show per courier on the console's /fees page."""

from __future__ import annotations

from station_app.core import cod, parcels, pickup, stock
from sync import client as sync_client
from tests.sync.support import new_station

from .support import VIEWER, login


def test_fees_and_cod_per_courier_on_the_console(county, page, tmp_path):
    conn, clerk = new_station(tmp_path, county, "S001")
    got = [parcels.receive(conn, f"7312345678{n:02d}", clerk_id=clerk.id, phone="13812345678",
                           current_courier="ZTO").parcel for n in range(3)]
    cod.set_due(conn, got[0].id, 2_550, clerk_id=clerk.id)
    cod.collect(conn, got[0].id, "cash", "", clerk_id=clerk.id)
    pickup.confirm(conn, [got[0].id, got[1].id], pickup.Handover("self"), clerk_id=clerk.id)  # ¥0.60 each
    stock.return_to_courier(conn, got[2].waybill, "refused", clerk_id=clerk.id)  # ¥0.30
    cod.remit(conn, "ZTO", 1_000, "transfer", "TR1", clerk_id=clerk.id)
    sync_client.Syncer(conn).sync()
    conn.close()

    rollups = dict(((f, k), v) for f, k, v in county.query(
        "SELECT figure, key, sum(value) FROM rollups WHERE station = 'S001' AND figure IN "
        "('courier_fees_fen', 'cod_collected_fen', 'cod_remitted_fen', 'earnings_fen') GROUP BY figure, key"))
    assert rollups == {("courier_fees_fen", "ZTO"): 150, ("cod_collected_fen", "ZTO"): 2_550,
                       ("cod_remitted_fen", "ZTO"): 1_000, ("earnings_fen", "courier_fees"): 150}

    login(page, county, VIEWER)
    page.goto(county.url + "/fees")
    row = page.locator('#fees-stations tr[data-key="S001/ZTO"] td')
    assert [row.nth(i).inner_text().strip() for i in range(8)] == [
        "S001 站", "ZTO", "1.50", "0.00", "25.50", "0.00", "10.00", "15.50"]
    assert page.locator('#fees-couriers tr[data-key="ZTO"]').count() == 1
    assert page.locator("nav a.here").inner_text() == "派费"
