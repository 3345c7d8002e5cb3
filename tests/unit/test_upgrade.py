"""Upgrades: a database made by the previous schema version opens in this one with every row kept."""

from __future__ import annotations

import sqlite3

from station_app.core import db, journal, parcels, pickup, station


def test_a_previous_version_database_migrates_with_nothing_lost(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / db.DB_FILENAME
    old = db.connect(path)
    previous = db.migrations()[:-1]
    db.apply_migrations(old, path, previous)  # the schema the last release shipped
    assert db.schema_version(old) == previous[-1][0]
    _, boss = station.init_station(old, "S001", "龙雾村便民服务站", "王芳", "1234")
    for i in range(50):
        parcels.receive(old, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678")
    first = pickup.lookup(old, "13812345678")[0]
    # a hand-over as the last release wrote it (today's pickup also reads tables the new migration adds)
    with old:
        old.execute("UPDATE parcels SET status = 'picked_up', picked_up_at = received_at, picked_up_by = ?, "
                    "handover = 'self' WHERE id = ?", (boss.id, first.id))
    before = {table: old.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
              for (table,) in old.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%'")}
    old.close()

    new = db.open_db(data)  # what the new version does at start
    assert db.schema_version(new) == db.latest_version()
    for table, rows in before.items():
        after = new.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        kept = list(rows[0].keys()) if rows else []  # a migration may add columns; the old ones keep every value
        assert [tuple(r[k] for k in kept) for r in after] == [tuple(r) for r in rows], table
    copies = list((data / "backups").glob("station-before-v*.db"))
    assert len(copies) == 1
    saved = sqlite3.connect(copies[0])
    assert saved.execute("SELECT count(*) FROM parcels").fetchone()[0] == 50  # the copy taken before migrating
    assert journal.count(new, "parcel.received") == 50
    parcels.receive(new, "YT0000000000001", clerk_id=boss.id, phone="13812345678")  # and work goes on
    new.close()
