"""Search by recipient name at a million parcels (stock.search, issue #12). Prints numbers, no limits.

    .venv/bin/python benchmarks/name_search.py [--parcels 1000000] [--people 20000] [--data-dir DIR]

What it builds (fast path): a station made by the real migrations (so the recipient_names triggers run on every
row), then N parcels written with executemany in 20,000-row batches inside one transaction, without journal
ops (search never reads them). Recipients are a village's worth of people (--people, 张三 and 王芳 among them)
with common surnames and one- or two-character given names; a few receive most parcels (a shop, a farm
co-operative), most receive a few; dates run over five years. A --data-dir already holding enough parcels is
reused.

Then it times stock.search() (the real function, rows fetched) for each kind of name query, and the old
full-table LIKE for a few of them (--baseline N, 0 to skip), and prints p50 / p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from station_app.core import db, parcels, station, stock  # noqa: E402
from station_app.core.clock import to_iso  # noqa: E402
from station_app.core.ids import uuid7  # noqa: E402

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕建国志文利辉鹏斌林云飞春梅海波宇"
         "浩天佳琪子涵欣怡雨婷晨阳梓轩一诺俊杰思远家豪建华德福永贵成富有财光荣万里小红小明大山二娃三妹四")
START = datetime(2021, 11, 1, tzinfo=UTC)


def people(count: int, rng: random.Random) -> list[str]:
    """Distinct names, the first two 张三 and 王芳; about a quarter have a one-character given name."""
    names = ["张三", "王芳"]
    seen = set(names)
    surname_weights = [1 / (rank + 1) for rank in range(len(SURNAMES))]
    while len(names) < count:
        given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.25 else 2))
        name = rng.choices(SURNAMES, surname_weights)[0] + given
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def build(data_dir: Path, count: int, population: list[str]) -> None:
    conn = db.open_db(data_dir)
    if station.get(conn) is not None and conn.execute("SELECT count(*) FROM parcels").fetchone()[0] >= count:
        conn.close()
        return
    _, boss = station.init_station(conn, "BENCH", "基准测试站", "王芳", "1234", shelves=20, layers=5, capacity=400)
    rng = random.Random(12)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(population))]  # a few receive most parcels
    recipients = rng.choices(population, weights, k=count)
    step = timedelta(days=5 * 365) / count
    start = time.perf_counter()
    # The triggers make each INSERT keep a statement journal; in memory it costs half as much as in a temp file.
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("BEGIN")
    batch = []
    for i, name in enumerate(recipients):
        phone = f"13{rng.randint(0, 999_999_999):09d}"
        at = to_iso(START + step * i)
        status = "in_stock" if i >= count - 1500 else "picked_up"
        shelf, layer = 1 + (i // 5) % 20, 1 + i % 5
        batch.append((uuid7(), f"YT{i:013d}", f"YT{i:013d}", "YTO", name, phone, phone[-4:], status, shelf, layer,
                      f"{shelf}-{layer}-{i % 9999 + 1:04d}", at, boss.id, at if status == "picked_up" else None))
        if len(batch) == 20_000:
            _flush(conn, batch)
    _flush(conn, batch)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    names = conn.execute("SELECT count(*) FROM recipient_names").fetchone()[0]
    print(f"built {count:,} parcels for {names:,} distinct names in {time.perf_counter() - start:.0f} s", flush=True)
    conn.close()


def _flush(conn, batch: list[tuple]) -> None:
    conn.executemany(
        "INSERT INTO parcels (id, waybill, waybill_key, courier, recipient_name, recipient_phone, phone_tail, status,"
        " shelf, layer, pickup_code, received_at, received_by, picked_up_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        batch)
    batch.clear()


def queries(population: list[str], rng: random.Random, each: int) -> dict[str, list[str]]:
    two = [n for n in population if len(n) == 2]
    three = [n for n in population if len(n) == 3]
    absent = [s + g for s in SURNAMES for g in "鑫淼焱垚"] + ["欧阳修远", "诸葛亮明"]
    absent = [n for n in absent if n not in set(population)]
    return {
        "2-char full name (张三, 王芳 …)": ["张三", "王芳"] + rng.sample(two, each - 2),
        "3-char full name": rng.sample(three, each),
        "2-char part (given name)": [n[1:] for n in rng.sample(three, each)],
        "name nobody has": rng.sample(absent, min(each, len(absent))),
        "1 character (a surname)": rng.sample(SURNAMES, min(each, len(SURNAMES))),
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def old_like(conn, text: str) -> list[parcels.Parcel]:
    """What search did before migration 0006: LIKE over every parcel."""
    return parcels.select(conn, "recipient_name LIKE ?", (f"%{text}%",),
                          tail=f"ORDER BY received_at DESC LIMIT {stock.SEARCH_LIMIT}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parcels", type=int, default=1_000_000)
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=200, help="queries per kind")
    ap.add_argument("--baseline", type=int, default=5, help="queries per kind timed the old way")
    ap.add_argument("--data-dir", type=Path)
    args = ap.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="name-bench-"))
    population = people(args.people, random.Random(3))
    build(data_dir, args.parcels, population)
    conn = db.open_db(data_dir)
    total = conn.execute("SELECT count(*) FROM parcels").fetchone()[0]
    print(f"{total:,} parcels in {data_dir}")
    print(f"{'query kind':34} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'rows p50':>8}"
          f" {'old p50':>8} {'old max':>8}")
    for kind, texts in queries(population, random.Random(5), args.queries).items():
        stock.search(conn, texts[0])  # warm the page cache for this kind once
        timings, rows = [], []
        for text in texts:
            t0 = time.perf_counter()
            found = stock.search(conn, text)
            timings.append((time.perf_counter() - t0) * 1000)
            rows.append(len(found))
        old = []
        for text in texts[:args.baseline]:
            t0 = time.perf_counter()
            expected = old_like(conn, text)
            old.append((time.perf_counter() - t0) * 1000)
            # same parcels as before (the order of parcels received in the same microsecond is SQLite's)
            assert {p.id for p in stock.search(conn, text)} == {p.id for p in expected}, text
        old_cells = f" {pct(old, 0.5):8.1f} {max(old):8.1f}" if old else ""
        print(f"{kind:34} {len(texts):4d} {pct(timings, 0.5):8.2f} {pct(timings, 0.99):8.2f} {max(timings):8.2f}"
              f" {pct(rows, 0.5):8d}{old_cells}", flush=True)
    conn.close()


if __name__ == "__main__":
    main()
