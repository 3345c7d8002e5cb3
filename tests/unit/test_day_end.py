"""The day-end sequence outside the GUI (station_app/day_end.py): close, report, backup, sync, step by step."""

from __future__ import annotations

import pymupdf
import pytest

from station_app import day_end
from station_app.core import dayclose, journal
from station_app.core.clock import local_day, utc_now
from station_app.core.errors import StationError


def close(conn, data_dir, boss, counted=0, reason="", **kw):
    return day_end.close_day(conn, data_dir, dayclose.business_day(conn), counted, reason, clerk_id=boss.id,
                             station_name="龙雾村便民服务站", names={}, lang="zh_CN", **kw)


def test_a_close_saves_the_report_takes_a_backup_and_says_each_step(conn, data_dir, boss):
    done = close(conn, data_dir, boss, counted=1000, reason="找零多收", sync=day_end.sync_now)
    today = local_day(utc_now())
    assert today in dayclose.closed_days(conn) and journal.count(conn, "day.closed") == 1
    assert [s.name for s in done.steps] == ["close", "report", "backup", "sync"]
    assert done.step("report").path == data_dir / "reports" / f"day-{today}.pdf"
    text = pymupdf.open(done.step("report").path)[0].get_text()
    assert "¥10.00" in text and "龙雾村便民服务站" in text
    assert done.step("backup").ok and done.step("backup").path.is_file()
    sync = done.step("sync")  # this station never joined a county: skipped, not failed
    assert not sync.ok and sync.skipped and sync.error.code == "not_enrolled"
    assert done.all_done


def test_a_report_that_cannot_be_saved_is_said_and_the_close_and_backup_stand(conn, data_dir, boss, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    done = close(conn, data_dir, boss, report=blocker / "day.pdf")
    assert local_day(utc_now()) in dayclose.closed_days(conn)
    report = done.step("report")
    assert not report.ok and isinstance(report.error, StationError) and report.error.code == "report_not_saved"
    assert report.error.params["path"] == str(blocker / "day.pdf")
    assert done.step("backup").ok and not done.all_done
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_refused_close_does_nothing_after_it(conn, data_dir, boss):
    with pytest.raises(StationError) as err:
        close(conn, data_dir, boss, counted=500)  # a difference without a reason
    assert err.value.code == "cash_difference_needs_reason"
    assert not dayclose.closed_days(conn)
    assert not (data_dir / "reports").exists() and not (data_dir / "backups").exists()
