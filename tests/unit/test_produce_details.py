"""Produce in core: a lot's details for the intake receipt, and one name for paying by bank card."""

from __future__ import annotations

import pytest

from station_app.core import db, produce, station
from station_app.core.errors import StationError


def test_lot_details_carry_the_weighing_the_price_and_the_value(conn, boss):
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", village="龙雾村", clerk_id=boss.id)
    found = produce.find_consignor(conn, "13700001111")
    assert found is not None and (found.id, found.name, found.village, found.payout) == (farmer, "刘大爷", "龙雾村",
                                                                                          "cash")
    lot = produce.take_in(conn, produce.Intake(farmer, "WS-CUILI", "一级", 25_350, 1_200, 150, 667, 3),
                          clerk_id=boss.id)
    d = produce.lot_details(conn, lot.id)
    assert (d.lot_no, d.grade, d.gross_g, d.tare_g, d.deduction_g, d.net_g) == (lot.lot_no, "一级", 25_350, 1_200,
                                                                                 150, 24_000)
    assert d.value_fen == 16_008 and d.boxes == lot.boxes  # 24.000 kg × 6.67 yuan
    with pytest.raises(StationError) as err:
        produce.lot_details(conn, "no-such-lot")
    assert err.value.code == "lot_unknown"


def test_bank_card_is_the_one_name_and_the_old_one_still_reads(conn, boss):
    farmer = produce.add_consignor(conn, "刘大爷", "13700001111", payout="bank", clerk_id=boss.id)  # the old name
    assert produce.find_consignor(conn, "13700001111").payout == "bank_card"
    assert produce.PAYOUTS[-1] == "bank_card" and "bank" not in produce.PAYOUTS
    with pytest.raises(StationError):
        produce.add_consignor(conn, "张三", "13700002222", payout="bank_transfer", clerk_id=boss.id)
    assert farmer


def test_the_migration_moves_stored_bank_payouts_to_bank_card(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / db.DB_FILENAME
    old = db.connect(path)
    db.apply_migrations(old, path, [m for m in db.migrations() if m[0] < 7])
    station.init_station(old, "S001", "龙雾村便民服务站", "王芳", "1234")
    old.execute("INSERT INTO consignors (id, name, phone, village, payout, payout_account, created_at) "
                "VALUES ('c1', '刘大爷', '13700001111', '', 'bank', '', '2026-11-01T00:00:00Z')")
    old.commit()
    old.close()
    new = db.open_db(data)
    assert new.execute("SELECT payout FROM consignors WHERE id = 'c1'").fetchone()[0] == "bank_card"
    new.close()
