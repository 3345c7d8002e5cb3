"""kill -9 in the middle of receiving: every parcel has its op and every op its parcel."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from station_app.core import db, journal, station

WORKER = """
import sys
from pathlib import Path
from station_app.core import db, parcels, station
conn = db.open_db(Path(sys.argv[1]))
boss = conn.execute("SELECT id FROM clerks").fetchone()[0]
print("ready", flush=True)
i = 0
while True:
    parcels.receive(conn, f"SF{i:013d}", clerk_id=boss, phone="13812345678")
    i += 1
"""


def test_kill_during_receives_leaves_each_parcel_with_its_op(data_dir, conn):
    station.init_station(conn, "S001", "站", "王芳", "1234")
    conn.close()
    counts = []
    for reached in (1, 25, 80):  # killed at three points in the stream, seen in the file, on any machine's pace
        proc = subprocess.Popen([sys.executable, "-c", WORKER, str(data_dir)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        watcher = sqlite3.connect(data_dir / db.DB_FILENAME, timeout=30)
        deadline = time.monotonic() + 60
        while watcher.execute("SELECT count(*) FROM parcels").fetchone()[0] < reached:
            assert proc.poll() is None and time.monotonic() < deadline, f"{reached} parcels never arrived"
            time.sleep(0.002)
        watcher.close()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        check = db.open_db(data_dir)
        parcels_n = check.execute("SELECT count(*) FROM parcels").fetchone()[0]
        orphans = check.execute(
            "SELECT count(*) FROM parcels p WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.entity_id = p.id "
            "AND j.type = 'parcel.received')").fetchone()[0]
        ghosts = check.execute(
            "SELECT count(*) FROM journal j WHERE j.type = 'parcel.received' AND NOT EXISTS "
            "(SELECT 1 FROM parcels p WHERE p.id = j.entity_id)").fetchone()[0]
        assert (orphans, ghosts) == (0, 0)
        assert journal.count(check, "parcel.received") == parcels_n
        assert check.execute("SELECT count(*) FROM notifications").fetchone()[0] == parcels_n
        assert db.quick_check(check) == []
        counts.append(parcels_n)
        check.execute("DELETE FROM notifications")  # next round starts its numbering again
        check.execute("DELETE FROM parcels")
        check.execute("DELETE FROM journal WHERE type = 'parcel.received'")
        check.close()
    assert all(n >= r for n, r in zip(counts, (1, 25, 80), strict=True)), counts  # nothing committed was lost
