"""Search by recipient name through the distinct-name table (migration 0006): the same parcels, in the same order,
as a LIKE over every parcel, with two-character names and names far past the search limit."""

from __future__ import annotations

from datetime import timedelta

from station_app.core import db, parcels, station, stock
from station_app.core.clock import to_iso, utc_now


def _names_table(conn) -> dict[str, int]:
    return dict(conn.execute("SELECT recipient_name, parcels FROM recipient_names").fetchall())


def _counted(conn) -> dict[str, int]:
    return dict(conn.execute("SELECT recipient_name, count(*) FROM parcels GROUP BY recipient_name").fetchall())


def _like(conn, text: str) -> list[str]:
    """What search did before: LIKE over every parcel, newest first."""
    return [r[0] for r in conn.execute("SELECT id FROM parcels WHERE recipient_name LIKE ? ORDER BY received_at DESC"
                                       f" LIMIT {stock.SEARCH_LIMIT}", (f"%{text}%",))]


def _bulk(conn, boss, names: list[str]) -> None:
    """Many parcels at once (picked up long ago), each a second apart, written as rows: receive() per parcel
    would take minutes for more than SEARCH_LIMIT."""
    start = utc_now() - timedelta(days=400)
    rows = [(f"id-{i:05d}", f"BK{i:010d}", f"BK{i:010d}", "YTO", name, "13812345678", "5678", "picked_up", 1, 1,
             f"1-1-{i:04d}", to_iso(start + timedelta(seconds=i)), boss.id) for i, name in enumerate(names)]
    with db.transaction(conn):
        conn.executemany("INSERT INTO parcels (id, waybill, waybill_key, courier, recipient_name, recipient_phone,"
                         " phone_tail, status, shelf, layer, pickup_code, received_at, received_by)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def test_name_search_matches_the_full_scan_past_the_limit(conn, boss):
    # 张三 on 700 parcels (past the 500 limit), 张三丰 on 200, 王芳 / 王芳芳 / 李四 on fewer, interleaved in time
    names = ["张三"] * 700 + ["张三丰"] * 200 + ["王芳"] * 90 + ["王芳芳"] * 60 + ["李四"] * 50 + [""] * 10
    names = [names[(i * 7919) % len(names)] for i in range(len(names))]  # a fixed shuffle (7919 is prime)
    _bulk(conn, boss, names)
    for text in ("张三", "三丰", "张三丰", "王芳", "芳芳", "王", "四", "张", "赵六", "张三丰丰"):
        found = [p.id for p in stock.search(conn, text)]
        assert found == _like(conn, text), text
    assert len(stock.search(conn, "张三")) == stock.SEARCH_LIMIT
    assert len(stock.search(conn, "王芳")) == 150
    assert _names_table(conn) == _counted(conn)


def test_the_names_table_follows_every_change_of_parcels(conn, boss):
    first = parcels.receive(conn, "SF0000000000001", clerk_id=boss.id, phone="13812345678", name="王芳").parcel
    second = parcels.receive(conn, "SF0000000000002", clerk_id=boss.id, phone="13812345678", name="王芳").parcel
    assert _names_table(conn)["王芳"] == 2
    parcels.set_recipient(conn, second.id, "13912345678", "王小芳", clerk_id=boss.id)  # a corrected name
    assert [p.id for p in stock.search(conn, "王芳")] == [first.id]
    assert [p.id for p in stock.search(conn, "小芳")] == [second.id]
    parcels.set_recipient(conn, first.id, "13912345678", "王小芳", clerk_id=boss.id)
    assert stock.search(conn, "王芳") == [] and "王芳" not in _names_table(conn)
    with db.transaction(conn):  # nothing deletes parcels today; the table must still follow if it ever does
        conn.execute("DELETE FROM notifications WHERE parcel_id = ?", (first.id,))
        conn.execute("DELETE FROM parcels WHERE id = ?", (first.id,))
    assert _names_table(conn) == _counted(conn) == {"王小芳": 1}


def test_an_older_database_gets_its_names_on_upgrade(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / db.DB_FILENAME
    old = db.connect(path)
    before = [m for m in db.migrations() if m[0] < 6]
    db.apply_migrations(old, path, before)
    _, boss = station.init_station(old, "S001", "龙雾村便民服务站", "王芳", "1234")
    for i, name in enumerate(["张三", "张三", "王芳芳"]):
        parcels.receive(old, f"SF{i:013d}", clerk_id=boss.id, phone="13812345678", name=name)
    old.close()
    new = db.open_db(data)
    assert _names_table(new) == {"张三": 2, "王芳芳": 1}
    assert [p.recipient_name for p in stock.search(new, "王芳")] == ["王芳芳"]
    new.close()
