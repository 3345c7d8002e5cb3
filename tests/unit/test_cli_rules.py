"""The command line keeps the counter's rules: `station-app set` refuses what the settings dialog refuses, and
`station-app close-day` runs the day-close page's sequence (real processes, real files)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pymupdf

from station_app.core import dayclose, db, settings
from station_app.core.clock import local_day, utc_now


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "station_app", *args], capture_output=True, text=True,
                          encoding="utf-8", env=dict(os.environ), timeout=60)


def make_station(tmp_path: Path) -> str:
    data = str(tmp_path / "d")
    made = run("init", "--data-dir", data, "--station-code", "S001", "--station-name", "槐花村便民服务站",
               "--clerk", "王芳", "--pin", "1234")
    assert made.returncode == 0, made.stderr
    return data


def stored(data: str, name: str) -> str:
    conn = db.open_db(Path(data))
    try:
        return settings.get(conn, name)
    finally:
        conn.close()


def test_set_refuses_a_reminder_after_the_return_as_the_dialog_does(tmp_path: Path):
    data = make_station(tmp_path)
    refused = run("set", "remind_after_days", "9", "--data-dir", data)  # the return is after 7 days
    assert refused.returncode == 1
    assert "提醒" in refused.stderr and "退回" in refused.stderr and "Traceback" not in refused.stderr
    assert stored(data, "remind_after_days") == "3"
    assert run("set", "return_after_days", "12", "--data-dir", data).returncode == 0
    done = run("set", "remind_after_days", "9", "--data-dir", data)
    assert done.returncode == 0 and "9" in done.stdout
    assert stored(data, "remind_after_days") == "9"
    assert run("set", "return_after_days", "9", "--data-dir", data).returncode == 1  # not down to the reminder


def test_set_refuses_a_document_language_that_is_not_a_choice_in_a_sentence(tmp_path: Path):
    data = make_station(tmp_path)
    refused = run("set", "document_language", "fr", "--data-dir", data)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "fr" in refused.stderr and "zh_CN, en" in refused.stderr and "请" in refused.stderr
    assert stored(data, "document_language") == "zh_CN"
    assert run("set", "document_language", "en", "--data-dir", data).returncode == 0
    assert stored(data, "document_language") == "en"


def test_close_day_writes_the_report_takes_a_backup_and_refuses_in_sentences(tmp_path: Path):
    data = make_station(tmp_path)
    out = tmp_path / "usb" / "day.pdf"
    unexplained = run("close-day", "--counted", "10", "--clerk", "王芳", "--pin", "1234", "--out", str(out),
                      "--data-dir", data)
    assert unexplained.returncode == 1 and "原因" in unexplained.stderr and "Traceback" not in unexplained.stderr
    wrong_pin = run("close-day", "--counted", "0", "--clerk", "王芳", "--pin", "9999", "--data-dir", data)
    assert wrong_pin.returncode == 1 and "密码" in wrong_pin.stderr and not out.exists()

    done = run("close-day", "--counted", "10", "--reason", "多收找零", "--clerk", "王芳", "--pin", "1234",
               "--out", str(out), "--data-dir", data)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and "备份" in done.stdout and "县级服务器" in done.stdout  # not joined: said
    assert "¥10.00" in pymupdf.open(out)[0].get_text()
    conn = db.open_db(Path(data))
    try:
        assert local_day(utc_now()) in dayclose.closed_days(conn)
    finally:
        conn.close()
    assert list((Path(data) / "backups").glob("station-daily-*.db"))


def test_set_takes_only_what_the_settings_dialog_offers(tmp_path: Path):
    data = make_station(tmp_path)
    for name, value in (("next_code_seq", "5"), ("consignment_next", "1"), ("cash_float_fen", "100"),
                        ("no_such_thing", "1")):
        refused = run("set", name, value, "--data-dir", data)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
        # says what is wrong (this one cannot be set here) and what to do (the ones that can)
        assert name in refused.stderr and "不能在这里修改" in refused.stderr, refused.stderr
        assert all(offered in refused.stderr for offered in settings.EDITABLE)
    assert stored(data, "next_code_seq") == "1"  # the next pickup code is still the station's own
    assert stored(data, "cash_float_fen") == "0"
    assert run("set", "idle_lock_minutes", "15", "--data-dir", data).returncode == 0
    assert stored(data, "idle_lock_minutes") == "15"
