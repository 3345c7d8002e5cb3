"""Cash on delivery: from the manifest or entered at receipt, collected or waived before the hand-over, counted
in the day's cash, owed to the courier until remitted."""

from __future__ import annotations

import pytest

from station_app.core import cod, dayclose, journal, manifest, parcels, pickup
from station_app.core.errors import ManifestError, StationError

MANIFEST = ("waybill,courier,recipient_name,recipient_phone,代收货款\n"
            "SF0000000000001,SF,张三,13812345678,25.50\n"
            "YT0000000000002,YTO,李四,13912345678,\n").encode("gbk")


@pytest.fixture
def shelf(conn, boss):
    manifest.import_bytes(conn, MANIFEST, source="m.csv", clerk_id=boss.id)
    a = parcels.receive(conn, "SF0000000000001", clerk_id=boss.id).parcel
    b = parcels.receive(conn, "YT0000000000002", clerk_id=boss.id).parcel
    return a, b


def test_manifest_cod_column_is_optional_and_checked(conn, boss):
    rows = manifest.parse(conn, MANIFEST)
    assert [r.cod_fen for r in rows] == [2550, 0]
    bad = "waybill,courier,recipient_name,recipient_phone,cod\nSF0000000000001,SF,张三,13812345678,abc\n"
    with pytest.raises(ManifestError) as err:
        manifest.parse(conn, bad.encode())
    assert err.value.problems == [(2, "bad_cod", "abc")]


def test_a_cod_parcel_is_not_handed_over_until_collected(conn, boss, shelf):
    a, b = shelf
    assert cod.due(conn, a).amount_fen == 2550 and cod.due(conn, b) is None
    with pytest.raises(StationError) as err:
        pickup.confirm(conn, [a.id], pickup.Handover("self"), clerk_id=boss.id)
    assert err.value.code == "cod_unpaid" and err.value.params["amount"] == "¥25.50"
    assert parcels.get(conn, a.id).status == "in_stock" and journal.count(conn, "parcel.picked_up") == 0
    with pytest.raises(StationError) as err:
        cod.collect(conn, a.id, "wechat", " ", clerk_id=boss.id)
    assert err.value.code == "reference_needed"
    done = cod.collect(conn, a.id, "cash", "", clerk_id=boss.id)
    assert done.status == "collected" and done.amount_fen == 2550
    with pytest.raises(StationError) as err:
        cod.collect(conn, a.id, "cash", "", clerk_id=boss.id)
    assert err.value.code == "cod_already_settled"
    assert pickup.confirm(conn, [a.id], pickup.Handover("self"), clerk_id=boss.id)[0].status == "picked_up"


def test_entered_at_receipt_and_waived_by_a_supervisor(conn, boss, shelf):
    _, b = shelf
    cod.set_due(conn, b.id, 1200, clerk_id=boss.id)
    with pytest.raises(StationError):
        pickup.confirm(conn, [b.id], pickup.Handover("self"), clerk_id=boss.id)
    with pytest.raises(StationError) as err:
        cod.waive(conn, b.id, "", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="1234")
    assert err.value.code == "waive_needs_reason"
    with pytest.raises(StationError) as err:
        cod.waive(conn, b.id, "快递员同意免收", clerk_id=boss.id, supervisor_id=boss.id, supervisor_pin="0000")
    assert err.value.code == "pin_wrong" and cod.due(conn, b).status == "due"
    assert cod.waive(conn, b.id, "快递员同意免收", clerk_id=boss.id, supervisor_id=boss.id,
                     supervisor_pin="1234").status == "waived"
    pickup.confirm(conn, [b.id], pickup.Handover("self"), clerk_id=boss.id)
    assert cod.owed(conn, "YTO") == 0  # waived: nothing collected, nothing owed


def test_cod_cash_is_expected_in_the_drawer_and_owed_until_remitted(conn, boss, shelf):
    a, _ = shelf
    day = dayclose.business_day(conn)
    before = dayclose.totals(conn, day).expected_cash_fen
    cod.collect(conn, a.id, "cash", "", clerk_id=boss.id)
    after = dayclose.totals(conn, day)
    assert after.expected_cash_fen - before == 2550
    assert after.cod_fen == {"cash": 2550}
    assert cod.owed(conn, "SF") == 2550
    with pytest.raises(StationError) as err:
        cod.remit(conn, "SF", 3000, "transfer", "TR1", clerk_id=boss.id)
    assert err.value.code == "remit_too_much"
    with pytest.raises(StationError) as err:
        cod.remit(conn, "SF", 2550, "cash", "", clerk_id=boss.id)
    assert err.value.code == "remit_needs_reference"
    cod.remit(conn, "SF", 2550, "cash", "SF-RCPT-1", clerk_id=boss.id)
    assert cod.owed(conn, "SF") == 0
    assert dayclose.totals(conn, day).expected_cash_fen == before  # handed to the courier in cash
    dayclose.close(conn, day, before, "", clerk_id=boss.id)  # balances: no difference, no reason needed
