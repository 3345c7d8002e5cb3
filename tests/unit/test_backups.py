"""Backups taken while the counter writes restore to a consistent database; a bad file is never restored."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from station_app.core import backups, db, journal, parcels
from station_app.core.errors import StationError


def test_a_backup_taken_during_writes_restores_consistent(conn, boss, data_dir, tmp_path):
    stop = threading.Event()

    def writer():
        own = db.open_db(data_dir)
        i = 0
        while not stop.is_set():
            parcels.receive(own, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678")
            i += 1
        own.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backups.to_file(conn, tmp_path / f"usb/copy{n}.db") for n in range(3)]
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        backups.check_copy(copy)
        probe = db.connect(copy)
        n_parcels = probe.execute("SELECT count(*) FROM parcels").fetchone()[0]
        assert journal.count(probe, "parcel.received") == n_parcels  # each parcel with its op, none without
        probe.close()
    conn.close()
    backups.restore(copies[-1], data_dir)
    back = db.open_db(data_dir)
    assert db.quick_check(back) == []
    assert list((data_dir / "backups").glob("station-before-restore-*.db"))  # what was there is kept aside
    back.close()


def test_daily_copies_rotate(conn, boss, data_dir):
    """Copies from earlier days (renamed to their days' stamps) plus today's: the newest KEEP stay."""
    older = []
    for day in range(1, backups.KEEP + 4):  # KEEP + 3 earlier days
        copy = backups.take(conn, data_dir)
        older.append(copy.rename(copy.with_name(f"station-daily-200011{day:02d}T200000Z.db")))
    other = db.backup_copy(conn, backups.folder(data_dir), "before-restore")  # another label: not rotated
    today = backups.take(conn, data_dir)
    kept = sorted(backups.folder(data_dir).glob("station-daily-*.db"))
    assert len(kept) == backups.KEEP
    assert kept == sorted(older[4:] + [today])  # the four oldest went, today's copy stayed
    assert other.exists()


def test_a_damaged_file_is_refused_and_nothing_is_replaced(conn, boss, data_dir, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    with pytest.raises(StationError) as err:
        backups.restore(junk, data_dir)
    assert err.value.code == "backup_unreadable"
    assert journal.count(conn) > 0  # the live database is untouched


def test_backup_and_restore_commands(conn, boss, data_dir, tmp_path):
    parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678")
    out = tmp_path / "usb" / "station.db"
    run = [sys.executable, "-m", "station_app"]
    made = subprocess.run(run + ["backup", "--data-dir", str(data_dir), "--out", str(out)], capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert made.returncode == 0 and out.is_file()
    conn.close()
    fresh = tmp_path / "new-pc"
    restored = subprocess.run(run + ["restore", str(out), "--data-dir", str(fresh)], capture_output=True, text=True,
                              encoding="utf-8", timeout=60)
    assert restored.returncode == 0, restored.stderr
    again = db.open_db(fresh)
    assert again.execute("SELECT waybill FROM parcels").fetchone()[0] == "SF0000000000001"
    again.close()
