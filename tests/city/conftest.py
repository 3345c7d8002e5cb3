"""Three counties and one city on loopback: real `county-server` and `city-server` processes; each county's two
stations make their ops with the station core and sync them with the real client. Built once (a few
seconds, once for the folder); every test pushes first, so none depends on another having run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.county_seed import china_time

from .support import CITY_ADMIN, CITY_VIEWER, CityServer, County, H, make_county

COUNTIES = (("500230", "丰都县"), ("500231", "垫江县"), ("500233", "忠县"))


@pytest.fixture(scope="package")
def world(tmp_path_factory) -> Iterator[tuple[CityServer, list[County]]]:
    root = tmp_path_factory.mktemp("city")
    city = CityServer(root / "city" / "data")
    for (name, password), role in ((CITY_ADMIN, "admin"), (CITY_VIEWER, "viewer")):
        assert city.admin("user", "add", "--name", name, "--role", role, "--password-stdin",
                          stdin=password + "\n").returncode == 0
    city.start()
    counties: list[County] = []
    try:
        with china_time():
            for i, (code, name) in enumerate(COUNTIES):
                county = make_county(root / code, code, name)
                counties.append(county)
                # each county a different day: i+2 parcels at S1 (one picked up), i+1 at S2 yesterday
                county.receive("S1", [f"73{code}{n:04d}" for n in range(i + 2)], picked=1)
                county.receive("S2", [f"EA{code}{n:03d}CN" for n in range(i + 1)], ago=26 * H)
                enrolment = city.admin("county", "add", "--code", code, "--name", name)
                assert enrolment.returncode == 0, enrolment.stderr
                enrolled = county.admin("city", "enroll", "--url", city.url, "--code", enrolment.stdout.strip())
                assert enrolled.returncode == 0, enrolled.stderr
        yield city, counties
    finally:
        for county in counties:
            for conn, _ in county.stations.values():
                conn.close()
            county.server.stop()
        city.stop()
    for log in (city.log, *(c.server.data_dir.parent / "server.log" for c in counties)):
        text = log.read_text(errors="replace") if log.exists() else ""
        assert "Traceback" not in text, text[-3000:]  # no request may end in an unhandled error
