"""Cash on delivery from the county's expected-parcels list: an optional cod_fen column travels in the feed to the
station, whose pickup then asks for it; a bad amount is refused at the county with its line."""

from __future__ import annotations

import pytest

from station_app.core import cod, parcels, pickup
from station_app.core.errors import StationError
from sync import client as sync_client


def test_cod_from_the_county_manifest_reaches_the_pickup(server, enrolled, boss, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("station,waybill,courier,recipient_name,recipient_phone,cod_fen\n"
                   "S001,SF0000000000001,顺丰,张三,13812345678,12.50\n", encoding="utf-8")
    refused = server.admin("manifest", "import", str(bad))
    assert refused.returncode != 0 and "line 2" in refused.stderr and "cod_fen" in refused.stderr
    good = tmp_path / "good.csv"
    good.write_text("station,waybill,courier,recipient_name,recipient_phone,cod_fen\n"
                    "S001,SF0000000000001,顺丰,张三,13812345678,2550\n"
                    "S001,SF0000000000002,顺丰,张三,13812345678,\n", encoding="utf-8")
    assert server.admin("manifest", "import", str(good)).returncode == 0
    sync_client.Syncer(enrolled).sync()
    first = parcels.receive(enrolled, "SF0000000000001", clerk_id=boss.id).parcel
    second = parcels.receive(enrolled, "SF0000000000002", clerk_id=boss.id).parcel
    assert cod.due(enrolled, first).amount_fen == 2550 and cod.due(enrolled, second) is None
    with pytest.raises(StationError) as err:
        pickup.confirm(enrolled, [first.id], pickup.Handover("self"), clerk_id=boss.id)
    assert err.value.code == "cod_unpaid"
