"""A period's sums read as whole months, odd days, or a month less the days outside the period (so a quarter
reads about ten days' rows) equal the plain sum of its days, for any period."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sync.server import rollup_periods, rollups, storage


def test_every_way_of_reading_a_period_gives_the_sum_of_its_days(tmp_path):
    storage.init(tmp_path, "")  # SQLite here whatever the environment names: the arithmetic is what is tested
    conn = storage.connect(tmp_path, "")
    rng = random.Random(7)
    first = date(2026, 1, 20)
    days = [first + timedelta(days=i) for i in range(130)]
    changes: rollups.Changes = {}
    for day in days:
        for station in ("S1", "S2"):
            if rng.random() < 0.7:
                changes[(station, day.isoformat(), "parcels_received", "")] = rng.randint(1, 40)
            if rng.random() < 0.3:  # a keyed figure that is absent on most days
                changes[(station, day.isoformat(), "parcels_received_by_courier", rng.choice(["ZTO", "YTO"]))] = 1
            if rng.random() < 0.03:  # a courier seen on a few days only: outside a period it must not show as 0
                changes[(station, day.isoformat(), "parcels_received_by_courier", "EMS")] = 1
    with storage.transaction(conn):
        rollups.write(conn, dict(changes))
    for _ in range(200):
        start = rng.choice(days)
        end = start + timedelta(days=rng.randint(0, 100))
        p = rollup_periods.Period(start, end)
        expected: dict[str, dict[tuple[str, str], int]] = {}
        for (station, day, figure, key), value in changes.items():
            if start.isoformat() <= day <= end.isoformat():
                sums = expected.setdefault(station, {})
                sums[(figure, key)] = sums.get((figure, key), 0) + value
        got = rollup_periods.sums_by_station(conn, p, ["parcels_received", "parcels_received_by_courier"])
        assert {s: v for s, v in got.items() if v} == expected, (start, end, rollup_periods.spans(p))
    february = rollup_periods.Period(date(2026, 2, 3), date(2026, 2, 27))
    assert any(sign < 0 for sign, *_ in rollup_periods.spans(february))  # the month-less-days way was tried
