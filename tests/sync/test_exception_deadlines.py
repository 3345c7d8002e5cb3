"""问题件 deadlines set by the county: `ref import exception_deadlines` reaches the station on sync and the next
entry of that kind gets the county's days; a bad file is refused whole (real county server)."""

from __future__ import annotations

from datetime import timedelta

from station_app.core import exceptions_register as ex
from station_app.core.clock import from_iso
from sync import client as sync_client


def test_the_countys_days_per_kind_reach_the_station(server, enrolled, boss, tmp_path):
    conn = enrolled
    assert ex.deadline_days(conn, "complaint") == 7  # built in until the county says otherwise
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,days\ncomplaint,ten\n", encoding="utf-8")
    refused = server.admin("ref", "import", "exception_deadlines", str(bad))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr and "days" in refused.stderr
    good = tmp_path / "deadlines.csv"
    good.write_text("kind,days\ncomplaint,3\nlost,30\n", encoding="utf-8")
    assert server.admin("ref", "import", "exception_deadlines", str(good)).returncode == 0
    sync_client.Syncer(conn).sync()
    assert (ex.deadline_days(conn, "complaint"), ex.deadline_days(conn, "lost")) == (3, 30)
    assert ex.deadline_days(conn, "damaged") == 7  # a kind the county left out
    entry = ex.register(conn, kind="complaint", topic="attitude", raised_by="villager", description="态度不好",
                        clerk_id=boss.id)
    assert from_iso(entry.deadline_at) - from_iso(entry.registered_at) == timedelta(days=3)
