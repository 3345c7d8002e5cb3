"""Province and city agree: every province is known, and a city of another province is refused."""

from __future__ import annotations

import csv

import pytest

from station_app import paths
from station_app.core import fees, regions, sending
from station_app.core.errors import StationError

from .support import parcel

FITS = [("重庆", "重庆"), ("重庆", "重庆市"), ("重庆", "万州区"), ("重庆", "万州"), ("重庆", "重庆市万州区"),
        ("重庆", "石柱"), ("广东", "深圳"), ("广东", "深圳市南山区"), ("广东", "廣州"), ("广东", "广州 市"),
        ("北京", "朝阳区"), ("辽宁", "朝阳"), ("湖北", "恩施州"), ("湖北", "神农架"), ("新疆", "石河子"),
        ("青海", "海南州"), ("吉林", "吉林市"), ("四川", "阿坝"), ("内蒙古", "锡林郭勒盟"), ("海南", "陵水黎族自治县"),
        ("浙江", "义乌"), ("浙江", "江北区"), ("江苏", "昆山市"), ("广东", ""), ("省内", "深圳")]
REFUSED = [("重庆", "深圳", "广东"), ("重庆", "深圳市", "广东"), ("重庆", "深圳市南山区", "广东"),
           ("重庆", "广东省深圳市", "广东"), ("北京", "成都", "四川"), ("湖南", "恩施", "湖北"),
           ("四川", "重庆市", "重庆"), ("上海", "杭州", "浙江")]


@pytest.mark.parametrize("province,city", FITS)
def test_cities_that_fit_or_are_unknown_pass(province, city):
    regions.check_city(province, city)


@pytest.mark.parametrize("province,city,belongs", REFUSED)
def test_a_city_of_another_province_is_refused(province, city, belongs):
    with pytest.raises(StationError) as err:
        regions.check_city(province, city)
    assert err.value.code == "city_not_in_province" and err.value.params["belongs"] == belongs


def test_the_data_covers_every_province_and_the_price_table(conn, boss):
    with open(paths.resource("reference", "regions.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    cities = [r for r in rows if r["level"] == "city"]
    assert len({r["province"] for r in rows}) == 34  # 23 provinces, 5 regions, 4 municipalities, HK, Macao
    assert len(cities) >= 333  # every prefecture-level division, plus the province-administered cities
    assert set(fees.destinations(conn)) <= {r["province"] for r in rows}
    names = [r["name"] for r in cities]
    assert len(names) == len(set(names))
    assert {n for n, provinces in regions.regions().city_of if len(provinces) > 1} == set()


def test_accept_refuses_before_anything_is_written(conn, boss, sender):
    from station_app.core import journal

    with pytest.raises(StationError) as err:
        sending.accept(conn, parcel(sender, province="重庆", city="深圳市"), clerk_id=boss.id)
    assert err.value.code == "city_not_in_province"
    assert journal.count(conn, "sending.accepted") == 0 and journal.count(conn, "sending.refused") == 0
    assert sending.accept(conn, parcel(sender, province="重庆", city="万州区"), clerk_id=boss.id).waybill
