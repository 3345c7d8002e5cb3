"""Restore against real processes and real files: never under a writer, never the wrong file, never the token.

Each test runs `station-app` as county IT would (a real process) against a real data folder; the processes
that write are real processes too.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from station_app.core import backups, db, journal, station
from sync.state import set_state

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "county-token-s3cr3t-0123456789abcdefXYZ"

# A writer as the counter is one: it holds the folder (as the app and every writing command do) and receives
# parcels in a loop, printing how many receives have committed.
WRITER = """
import sys
from pathlib import Path
from station_app.core import db, folder_lock, parcels
data = Path(sys.argv[1])
with folder_lock.app_held(data):
    conn = db.open_db(data)
    clerk = conn.execute("SELECT id FROM clerks LIMIT 1").fetchone()[0]
    n = 0
    while not (data / "stop-writer").exists():
        parcels.receive(conn, f"ZT{n:013d}", clerk_id=clerk, phone="13812345678")
        n += 1
        print(n, flush=True)
    conn.close()
"""


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "station_app", *args], capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, **(env or {})}, timeout=120, cwd=ROOT)


def make_station(folder: Path, code: str, *, token: str = "") -> None:
    conn = db.open_db(folder)
    station.init_station(conn, code, f"{code} 便民服务站", "王芳", "1234", capacity=9999)
    if token:
        with db.transaction(conn):
            for key, value in (("server", "https://county.example:8750"), ("token", token), ("station", code)):
                set_state(conn, key, value)
    conn.close()


def counts(folder: Path) -> tuple[str, int, int, str]:
    conn = db.connect(folder / db.DB_FILENAME)
    try:
        code = conn.execute("SELECT value FROM meta WHERE key = 'station_code'").fetchone()[0]
        parcels = conn.execute("SELECT count(*) FROM parcels").fetchone()[0]
        token = conn.execute("SELECT value FROM sync_state WHERE key = 'token'").fetchone()
        return code, parcels, journal.count(conn, "parcel.received"), token[0] if token else ""
    finally:
        conn.close()


def wait_for(predicate, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


@pytest.fixture
def here(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    make_station(folder, "S001", token=TOKEN)
    return folder


@pytest.fixture
def usb_copy(here: Path, tmp_path: Path) -> Path:
    made = cli("backup", "--data-dir", str(here), "--out", str(tmp_path / "usb" / "s001.db"))
    assert made.returncode == 0, made.stderr
    return tmp_path / "usb" / "s001.db"


# ----- item 3: never under a writer --------------------------------------------------------------------------------
def test_restore_is_refused_while_a_process_writes_and_every_committed_receive_survives(here, usb_copy):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(here)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    try:
        committed = 0
        while committed < 30:
            line = writer.stdout.readline()
            assert line, "the writer stopped early"
            committed = int(line)
        refused = cli("restore", str(usb_copy), "--data-dir", str(here))
        assert refused.returncode == 1
        assert "正在使用" in refused.stderr and "关闭" in refused.stderr  # in use; close it first
        assert_no_traceback(refused)
        for _ in range(30):  # the writer goes on writing after the refusal
            committed = int(writer.stdout.readline())
        (here / "stop-writer").touch()
        for line in writer.stdout:
            committed = int(line)
        assert writer.wait(60) == 0
    finally:
        writer.kill()
        writer.wait()
    code, parcels, received_ops, token = counts(here)
    assert (code, parcels, received_ops, token) == ("S001", committed, committed, TOKEN)
    # With the writer gone the same restore goes through, and the folder is the backup again.
    done = cli("restore", str(usb_copy), "--data-dir", str(here))
    assert done.returncode == 0, done.stderr
    assert counts(here) == ("S001", 0, 0, TOKEN)  # same station: this PC keeps its county key


def test_restore_is_refused_while_a_sync_holds_the_folder(here, usb_copy):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys; from filelock import FileLock\n"
        "lock = FileLock(sys.argv[1], thread_local=False); lock.acquire(); print('held', flush=True)\n"
        "sys.stdin.read()"), str(here / "sync.lock")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        refused = cli("restore", str(usb_copy), "--data-dir", str(here), "--lang", "en")
        assert refused.returncode == 1 and "sync is using the data folder" in refused.stderr
    finally:
        holder.stdin.close()
        holder.wait(30)
    assert cli("restore", str(usb_copy), "--data-dir", str(here)).returncode == 0


def test_the_running_app_holds_the_folder(tmp_path):
    here = tmp_path / "counter"
    make_station(here, "S001")  # not enrolled: the app tries no sync while it runs here
    usb_copy = tmp_path / "usb.db"
    assert cli("backup", "--data-dir", str(here), "--out", str(usb_copy)).returncode == 0
    env = {"QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-m", "station_app", "--data-dir", str(here)], cwd=ROOT,
                           env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from filelock import FileLock, Timeout

        def app_holds_it() -> bool:
            probe = FileLock(here / "app.lock", thread_local=False)
            try:
                probe.acquire(blocking=False)
            except Timeout:
                return True
            probe.release()
            return False

        wait_for(app_holds_it, "the app to open the folder", timeout=60)
        refused = cli("restore", str(usb_copy), "--data-dir", str(here))
        assert refused.returncode == 1 and "正在使用" in refused.stderr
        manifest = tmp_path / "m.csv"
        manifest.write_text("waybill,courier,recipient_name,recipient_phone\nYT1234567890123,,张三,13812345678\n",
                            encoding="utf-8")
        busy = cli("import-manifest", str(manifest), "--data-dir", str(here))  # a writing command waits, then says
        assert busy.returncode == 1 and "正在使用" in busy.stderr
    finally:
        app.kill()
        app.wait(30)
    assert cli("restore", str(usb_copy), "--data-dir", str(here)).returncode == 0  # the OS dropped the lock


# ----- item 4: never the wrong file --------------------------------------------------------------------------------
def test_a_file_that_merely_has_a_journal_table_is_refused(here, tmp_path):
    fake = tmp_path / "fake.db"
    other = sqlite3.connect(fake)
    other.executescript("CREATE TABLE journal (x); CREATE TABLE meta (key, value);"
                        "INSERT INTO meta VALUES ('station_code', 'S001'); PRAGMA user_version = 4;")
    other.close()
    refused = cli("restore", str(fake), "--data-dir", str(here))
    assert refused.returncode == 1 and "不是" in refused.stderr  # not a station backup
    assert_no_traceback(refused)
    assert counts(here)[0] == "S001" and not list((here / "backups").glob("station-before-restore-*"))


def test_a_backup_from_a_newer_app_is_refused(here, usb_copy, tmp_path):
    newer = tmp_path / "newer.db"
    newer.write_bytes(usb_copy.read_bytes())
    probe = sqlite3.connect(newer)
    probe.execute(f"PRAGMA user_version = {db.latest_version() + 1}")
    probe.close()
    refused = cli("restore", str(newer), "--data-dir", str(here), "--lang", "en")
    assert refused.returncode == 1 and "newer version" in refused.stderr
    assert counts(here)[0] == "S001"


def test_another_stations_backup_needs_confirmation_and_never_brings_a_token(here, tmp_path):
    theirs = tmp_path / "s002"
    make_station(theirs, "S002", token="the-other-stations-county-token")
    copy = tmp_path / "usb" / "s002.db"
    assert cli("backup", "--data-dir", str(theirs), "--out", str(copy)).returncode == 0
    refused = cli("restore", str(copy), "--data-dir", str(here))
    assert refused.returncode == 1 and "S002" in refused.stderr and "S001" in refused.stderr
    assert "--other-station" in refused.stderr
    assert counts(here) == ("S001", 0, 0, TOKEN)
    done = cli("restore", str(copy), "--data-dir", str(here), "--other-station")
    assert done.returncode == 0, done.stderr
    assert "enroll" in done.stdout  # this PC must join the county again
    assert counts(here) == ("S002", 0, 0, "")  # neither station's token


# ----- item 13: the token, read-only media ----------------------------------------------------------------------
def test_backups_do_not_carry_the_county_token(here, usb_copy, tmp_path):
    conn = db.open_db(here)
    daily = backups.take(conn, here)
    conn.close()
    for copy in (usb_copy, daily):
        assert TOKEN.encode() not in copy.read_bytes()
        assert backups.check_copy(copy).station_code == "S001"
    # A PC whose database is lost restores its own backup and is told to enrol again.
    fresh = tmp_path / "new-pc"
    done = cli("restore", str(usb_copy), "--data-dir", str(fresh))
    assert done.returncode == 0 and "enroll" in done.stdout
    assert counts(fresh) == ("S001", 0, 0, "")


def test_checking_a_backup_never_writes_to_it(here, usb_copy):
    before = usb_copy.read_bytes(), usb_copy.stat().st_mtime_ns
    assert backups.check_copy(usb_copy).station_code == "S001"
    assert (usb_copy.read_bytes(), usb_copy.stat().st_mtime_ns) == before
    assert sorted(p.name for p in usb_copy.parent.iterdir()) == ["s001.db"]  # no -wal or -shm beside it


@pytest.fixture
def small_mount(tmp_path: Path):
    """A real small filesystem (tmpfs, room for a new station database as its migrations grow), mounted by root;
    tests that need one run where that is possible."""
    point = tmp_path / "mnt"
    point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_backup_on_read_only_media_is_checked_and_restored(here, usb_copy, small_mount, tmp_path):
    (small_mount / "s001.db").write_bytes(usb_copy.read_bytes())
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    assert backups.check_copy(small_mount / "s001.db").station_code == "S001"
    done = cli("restore", str(small_mount / "s001.db"), "--data-dir", str(tmp_path / "new-pc"))
    assert done.returncode == 0, done.stderr
    assert counts(tmp_path / "new-pc")[0] == "S001"


def test_a_full_disk_is_said_plainly(small_mount, tmp_path):
    data = small_mount / "data"
    assert cli("init", "--data-dir", str(data), "--station-code", "S001", "--station-name", "站", "--clerk", "王芳",
               "--pin", "1234").returncode == 0
    manifest = tmp_path / "m.csv"
    manifest.write_text("waybill,courier,recipient_name,recipient_phone\n" + "".join(
        f"YT{n:013d},,张三{n},138{n:08d}\n" for n in range(20_000)), encoding="utf-8")
    filler = small_mount / "filler"

    def fill() -> None:
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while True:  # to the last block
                os.write(fd, b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)

    # With 160 KB left the database opens and the import runs out of space part-way (SQLITE_FULL);
    # with nothing left at all, SQLite may not even open it (a "disk I/O error"). Both say the disk is full.
    for free in (160 * 1024, 0):
        fill()
        os.truncate(filler, max(0, filler.stat().st_size - free))
        full = cli("import-manifest", str(manifest), "--data-dir", str(data))
        assert full.returncode == 1
        assert_no_traceback(full)
        assert "磁盘已满" in full.stderr, full.stderr
    filler.unlink()
    conn = db.connect(data / db.DB_FILENAME)
    assert conn.execute("SELECT count(*) FROM manifest").fetchone()[0] == 0  # nothing half-imported
    assert db.quick_check(conn) == []
    conn.close()


def test_a_backup_onto_a_full_drive_says_the_drive_is_full(here, small_mount):
    filler = small_mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    full = cli("backup", "--data-dir", str(here), "--out", str(small_mount / "usb.db"))
    assert full.returncode == 1
    assert_no_traceback(full)
    assert "磁盘已满" in full.stderr and str(small_mount) in full.stderr  # the drive, not the data folder
    assert not list(small_mount.glob("usb.db*"))  # no half file left on the drive


def test_a_sync_that_waited_through_a_restore_writes_nothing_to_the_old_file(here, usb_copy):
    from sync import client as sync_client
    from sync import lock

    conn = db.open_db(here)
    syncer = sync_client.Syncer(conn)  # opened before the restore, as `station-app sync` would be
    try:
        assert cli("restore", str(usb_copy), "--data-dir", str(here)).returncode == 0
        with pytest.raises(sync_client.SyncError) as err:
            syncer.sync()
        assert err.value.code == "database_replaced"
        with lock.held(here):  # and it let go of the folder's sync lock
            pass
    finally:
        syncer.close()
        conn.close()
