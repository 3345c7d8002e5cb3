"""Counties push their daily rollups to the city: exactly once, a changed day replacing its old figures, the city's
totals the sum of the counties' own (read from each county's /api/figures), and no county writing another's."""

from __future__ import annotations

import gzip
import json
import time
from datetime import timedelta

import httpx

from station_app.core.clock import to_iso, utc_now
from sync.server import rollups
from tests.county_seed import china_time

from .support import batch, city_db, city_rows, county_total, make_county, period, post

COUNTY_ONLY = ("texts", "exceptions")  # figures the county keeps to itself: not pushed to the city


def test_city_totals_are_the_sum_of_the_counties_own_figures(world):
    city, counties = world
    for county in counties:
        county.push()
    rows = city_rows(city)
    assert set(rows) == {c.code for c in counties}
    start, end = period()
    total = city.figures(start, end)["total"]
    own = {county.code: county_total(county) for county in counties}
    for county in counties:
        assert own[county.code]["down.received"] > 0
        # the county's row at the city is the county's own total, figure for figure (texts, 问题件 stay at the county)
        assert rows[county.code] == {k: v for k, v in own[county.code].items() if not k.startswith(COUNTY_ONLY)}
    for name in ("down.received", "down.picked_up", "up.sent", "bills.amount_fen", "coverage.villages",
                 "coverage.villages_with_station", "enterprise.total.ZTO"):
        assert total.get(name) == sum(own[c.code].get(name, 0) for c in counties), name
    assert total["down.received"] == sum(2 * i + 3 for i in range(3))  # S1: i+2, S2: i+1 in each county


def test_a_resend_changes_nothing(world):
    city, counties = world
    county = counties[0]
    county.push()
    before = city_db(city, "SELECT * FROM city_rollups ORDER BY 1, 2, 3, 4, 5")
    assert "已推送 0 天" in county.push()  # nothing changed since the last acknowledged push
    # the same batch again (its answer lost on the way): answered from the city's record, applied once
    seq = city_db(city, "SELECT high_seq FROM counties WHERE code = ?", county.code)[0][0]
    today = county.server.query("SELECT max(day) FROM rollups")[0][0]  # a day the county has figures for
    first = batch(county, seq + 1, {today: [["S1", "parcels_received", "", 5]]})
    assert post(city, county.token(), first).json() == {"batch_id": first["batch_id"], "applied": [today],
                                                        "stale": [], "duplicate": False}
    again = dict(first, days=[{"day": today, "rows": [["S1", "parcels_received", "", 500]]}])
    assert post(city, county.token(), again).json()["duplicate"] is True
    assert city_db(city, "SELECT value FROM city_rollups WHERE county = ? AND day = ? AND figure = "
                   "'parcels_received'", county.code, today) == [(5,)]
    # an older batch arriving after a newer one is not applied
    late = batch(county, seq, {today: [["S1", "parcels_received", "", 7]]})
    assert post(city, county.token(), late).json()["stale"] == [today]
    # those batches stand for the county's own (its counter moved past them); once it forgets what the city
    # acknowledged, its next push puts its own figures back, whole
    county.server.execute("UPDATE city_link SET next_seq = ?", seq + 2)
    county.server.execute("DELETE FROM city_pushed_days")
    county.push()
    assert city_db(city, "SELECT * FROM city_rollups ORDER BY 1, 2, 3, 4, 5") == before


def test_a_changed_day_replaces_its_old_figures(world):
    city, counties = world
    county = counties[1]
    county.push()
    received = city_rows(city)[county.code]["down.received"]
    days_before = city_db(city, "SELECT day, seq FROM county_days WHERE county = ?", county.code)
    now = utc_now()
    county.receive("S1", ["739999990001", "739999990002"], ago=timedelta(0), picked=2, now=now)
    out = county.push()
    assert "已推送 1 天" in out, out  # only today changed
    row = city_rows(city)[county.code]
    assert row["down.received"] == received + 2
    assert row == {k: v for k, v in county_total(county).items() if not k.startswith(COUNTY_ONLY)}
    after = dict(city_db(city, "SELECT day, seq FROM county_days WHERE county = ?", county.code))
    changed = [d for d, seq in days_before if after[d] != seq]
    assert changed == [rollups.china_day(to_iso(now))]  # the one day the new ops fell on


def test_a_county_cannot_push_for_another(world):
    city, counties = world
    a, b = counties[0], counties[2]
    for county in (a, b):
        county.push()
    before = city_db(city, "SELECT * FROM city_rollups WHERE county = ? ORDER BY 1, 2, 3, 4, 5", b.code)
    today = period()[1].isoformat()
    forged = batch(b, 10**6, {today: [["S1", "parcels_received", "", 999]]})
    refused = post(city, a.token(), forged)  # A's credential, B's name
    assert refused.status_code == 403 and refused.json()["error"] == "county_mismatch"
    # A naming B's villages as its own areas: refused whole
    grab = batch(a, 10**6, {}, areas=[[f"{b.code}101201", "抢来的村", "village", f"{b.code}101000"]])
    taken = post(city, a.token(), grab)
    assert taken.status_code == 409 and taken.json()["error"] == "area_taken"
    assert post(city, "not-a-token", batch(b, 10**6, {})).status_code == 401
    assert city_db(city, "SELECT * FROM city_rollups WHERE county = ? ORDER BY 1, 2, 3, 4, 5", b.code) == before
    assert city_rows(city)[b.code]["down.received"] == county_total(b)["down.received"]


def test_hostile_pushes_get_a_4xx_with_a_reason(world):
    city, counties = world
    county = counties[0]
    token = county.token()
    good = batch(county, 10**9, {})
    bodies = [b"not json", b'{"protocol": 1, "county": "x"', json.dumps(dict(good, seq=-1)).encode(),
              json.dumps(dict(good, seq=2**70)).encode(), json.dumps(dict(good, batch_id="a")).encode(),
              json.dumps(dict(good, protocol=99)).encode(), json.dumps(dict(good, days="x")).encode(),
              json.dumps(dict(good, days=[{"day": "2026-02-30", "rows": []}])).encode(),
              json.dumps(dict(good, days=[{"day": "2026-01-01", "rows": [["S9", "f", "", 1]]}])).encode(),
              json.dumps(dict(good, days=[{"day": "2026-01-01", "rows": [["S1", "f", "", 1.5]]}])).encode(),
              json.dumps(dict(good, days=[{"day": "2026-01-01", "rows": [["S1", "f", "", 1], ["S1", "f", "", 2]]}]
                              )).encode(),
              json.dumps(dict(good, days=[{"day": "2026-01-01", "rows": []}] * 2)).encode(),
              json.dumps(dict(good, stations=[["S1", "x\u0000", "", "2026-01-01", []]])).encode(),
              json.dumps(dict(good, areas=[["1", "a", "planet", None]])).encode(),
              b'{"protocol": 1, "seq": NaN}', b"[" * 100 + b"]" * 100, b"[1, 2]"]
    for body in bodies:
        answer = post(city, token, body)
        assert 400 <= answer.status_code < 500, (body[:80], answer.status_code, answer.text)
        assert answer.json()["error"], body[:80]
    bomb = gzip.compress(b" " * (80 * 1024 * 1024))
    assert post(city, token, bomb, **{"Content-Encoding": "gzip"}).status_code == 413
    assert post(city, token, b"x" * (9 * 1024 * 1024)).status_code == 413
    assert city_db(city, "SELECT count(*) FROM push_batches WHERE seq = ?", 10**9) == [(0,)]


def test_enrolment_codes_are_one_time(world, tmp_path):
    city, counties = world
    code = city.admin("county", "add", "--code", "500299", "--name", "试验县").stdout.strip()
    first = httpx.post(city.url + "/v1/enroll", json={"code": code}, trust_env=False)
    assert first.status_code == 200 and first.json()["county"] == "500299"
    assert httpx.post(city.url + "/v1/enroll", json={"code": code}, trust_env=False).status_code == 403
    assert httpx.post(city.url + "/v1/enroll", json={"code": 5}, trust_env=False).status_code == 400
    wrong = counties[0].admin("city", "enroll", "--url", city.url, "--code", "0000-0000-0000-0000")
    assert wrong.returncode == 1 and "注册码" in wrong.stderr and "Traceback" not in wrong.stderr
    # enrolling again gives a new credential; the old one is refused from then on
    again = city.admin("county", "add", "--code", "500299", "--name", "试验县").stdout.strip()
    assert httpx.post(city.url + "/v1/enroll", json={"code": again}, trust_env=False).status_code == 200
    assert post(city, first.json()["token"], {}).status_code == 401


def test_serve_pushes_daily_when_a_city_is_configured(world, tmp_path):
    city, _ = world
    with china_time():
        county = make_county(tmp_path, "500232", "梁平区")
        try:
            county.receive("S1", ["735002320001", "735002320002", "735002320003"], picked=1)
            code = city.admin("county", "add", "--code", "500232", "--name", "梁平区").stdout.strip()
            assert county.admin("city", "enroll", "--url", city.url, "--code", code).returncode == 0
            assert "500232" not in city_rows(city)  # enrolling pushes nothing
            assert county.admin("city", "auto", "--at", "00:00").returncode == 0
            county.server.stop()
            county.server.start()  # `serve` starts the daily push; its time (00:00) has come today
            deadline = time.monotonic() + 60
            while "500232" not in city_rows(city):
                assert time.monotonic() < deadline, "the county's daily push did not reach the city"
                time.sleep(0.2)
            assert city_rows(city)["500232"] == {k: v for k, v in county_total(county).items()
                                                 if not k.startswith(COUNTY_ONLY)}
            assert "最近推送 20" in county.admin("city", "status").stdout
        finally:
            for conn, _ in county.stations.values():
                conn.close()
            county.server.stop()
