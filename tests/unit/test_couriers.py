"""Recognising the courier from a waybill: patterns, ambiguity, the bag's courier, learned prefixes."""

from __future__ import annotations

import pytest

from station_app.core import couriers, parcels


@pytest.mark.parametrize("waybill,expected", [
    ("SF1234567890123", "SF"), ("sf1234567890123", "SF"), ("YT1234567890123", "YTO"),
    ("JT1234567890123", "JT"), ("JD0012345678901", "JD"), ("JDVA12345678901", "JD"),
    ("DPK123456789012", "DBL"), ("EA123456789CN", "EMS"), ("9876543210123", "EMS"),
    ("731234567890", "ZTO"), ("3112345678901", "YUNDA"), ("7712345678901", "STO"),
])
def test_unambiguous_formats(conn, boss, waybill, expected):
    assert couriers.recognise(conn, waybill) == expected


def test_ambiguous_prefix_ranks_both_and_the_bags_courier_wins(conn, boss):
    ranked = couriers.rank(conn, "4312345678901")
    assert {c.code for c in ranked} == {"YUNDA", "STO"}
    assert couriers.recognise(conn, "4312345678901", current="STO") == "STO"
    assert couriers.recognise(conn, "4312345678901", current="YUNDA") == "YUNDA"


def test_learning_from_confirmed_choices_changes_the_ranking(conn, boss):
    first = parcels.receive(conn, "4399999999901", clerk_id=boss.id, phone="13800000000").parcel
    assert first.courier == "YUNDA"  # by the order of the built-in list
    parcels.change_courier(conn, first.id, "STO", clerk_id=boss.id)  # the clerk knows better
    assert couriers.rank(conn, "4399999999902")[0].code == "STO"
    assert parcels.receive(conn, "4399999999902", clerk_id=boss.id, phone="13800000000").parcel.courier == "STO"


def test_unknown_format_is_never_refused(conn, boss):
    assert couriers.recognise(conn, "ABC123456") == couriers.UNKNOWN
    assert couriers.recognise(conn, "ABC123456", current="ZTO") == "ZTO"
    got = parcels.receive(conn, "ABC123456", clerk_id=boss.id, phone="13800000000").parcel
    assert got.courier == couriers.UNKNOWN


def test_courier_names_resolve_as_people_write_them(conn, boss):
    assert couriers.resolve(conn, "中通") == "ZTO"
    assert couriers.resolve(conn, "中通快递") == "ZTO"
    assert couriers.resolve(conn, "zto") == "ZTO"
    assert couriers.resolve(conn, "EMS") == "EMS"
    assert couriers.resolve(conn, "邮政") == "EMS"
    assert couriers.resolve(conn, "火星快递") is None
