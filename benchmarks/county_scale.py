"""Issue #13's county at scale: N stations × D days × P ops a day loaded through the server's ingest path
(storage.apply_batch in-process, one transaction per station-day), cached on disk between runs, then timed over HTTP
against a real `county-server serve`: the overview page, a quarter's figures by township (page and /api/figures),
the subsidy .xlsx. Prints numbers; asserts nothing. The machine is shared: the numbers are indicative.

    .venv/bin/python benchmarks/county_scale.py [--stations 300] [--days 90] [--per-day 200]
                                                [--cache /var/tmp/county-scale] [--before DIR]

The issue's county is the default (≈ 5.4 M ops). The load resumes where it stopped (the cache is keyed by the
parameters; a day finished is a day kept) and prints its rate and a projection of the whole. --max-minutes stops
the load early: the pages are then timed on the days loaded so far, and the projection says what the whole would
take. --before DIR also runs benchmarks/county_ingest.py (50 stations over HTTP) on the code in DIR (e.g. an
export of main before the ingest change) beside this tree's, and prints both.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.county_console import NAME, PASSWORD, serve, signed_in, timed  # noqa: E402
from benchmarks.county_figures import _areas  # noqa: E402
from benchmarks.county_ingest import station_day  # noqa: E402
from station_app.core.ids import uuid7  # noqa: E402
from sync.server import stations, storage  # noqa: E402
from sync.server.rollups import CHINA  # noqa: E402

VERSION = 1  # bump when the generated county changes shape


def load(data_dir: Path, n: int, days: int, per_day: int, last: date, max_minutes: float) -> tuple[int, int]:
    """Load (or go on loading) the county; returns (days loaded, ops loaded). Progress is kept in state.json."""
    state_path = data_dir / "state.json"
    if not state_path.exists():
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        storage.init(data_dir)
        conn = storage.connect(data_dir)
        villages = _areas(conn, n)
        callers = []
        for i in range(n):
            code = f"S{i:03d}"
            enrolment = stations.add(conn, stations.Record(code, f"{code} 站", villages[i]))
            device = uuid7()
            storage.enroll(conn, enrolment, device)
            callers.append([code, device])
        conn.close()
        state_path.write_text(json.dumps({"callers": callers, "days_done": 0, "ops": 0, "seconds": 0.0}))
    state = json.loads(state_path.read_text())
    storage.init(data_dir)  # a county cached by an older server is migrated first, as `serve` would
    conn = storage.connect(data_dir)
    callers = [storage.Caller(c, d) for c, d in state["callers"]]
    shelves: list[list[str]] = [[] for _ in range(n)]
    began = time.perf_counter()
    total = days * n * per_day
    try:
        for d in range(state["days_done"], days):
            if (time.perf_counter() - began) / 60 > max_minutes:
                break
            day = last - timedelta(days=days - 1 - d)
            start = datetime.combine(day, clock(8), CHINA).astimezone(UTC)
            spent = time.perf_counter()
            for i, caller in enumerate(callers):
                rng = random.Random(f"{i}/{d}")
                storage.apply_batch(conn, caller, station_day(rng, i, per_day, d * per_day + 1, start, shelves[i]))
            state["days_done"], state["ops"] = d + 1, state["ops"] + n * per_day
            state["seconds"] += time.perf_counter() - spent
            state_path.write_text(json.dumps(state))
            rate = state["ops"] / state["seconds"]
            print(f"  day {d + 1}/{days} loaded: {state['ops']:,} ops at {rate:,.0f} ops/s; the whole "
                  f"{total:,} in ≈ {total / rate / 60:,.0f} min", flush=True)
        # No sender ran during the load: the history's texts went out long ago in the field. Left queued, the
        # server's first sender round would compose two million texts while the pages are timed.
        with storage.transaction(conn):
            conn.execute("UPDATE sms_outbox SET state = 'sent' WHERE state = 'queued'")
    finally:
        conn.close()
    return state["days_done"], state["ops"]


def ingest_rows(tree: Path, label: str) -> None:
    script = tree / "benchmarks" / "county_ingest.py"
    if tree != ROOT:
        shutil.copy(ROOT / "benchmarks" / "county_ingest.py", script)
    done = subprocess.run([sys.executable, str(script), "--stations", "50"], cwd=tree, capture_output=True, text=True,
                          timeout=1800)
    rows = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not rows:
        print(f"  ingest ({label}): failed {done.stderr[-300:]}")
        return
    r = json.loads(rows[-1])
    print(f"  ingest over HTTP, 50 stations × 500 ops at once ({label}): {r['ops_s']:,.0f} ops/s, "
          f"p50 {r['p50']:.2f} s, p99 {r['p99']:.2f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stations", type=int, default=300)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--per-day", type=int, default=200)
    parser.add_argument("--cache", default="/var/tmp/county-scale")
    parser.add_argument("--max-minutes", type=float, default=float("inf"), help="stop loading after this long")
    parser.add_argument("--before", help="a tree of the code before the ingest change, to compare ingest with")
    parser.add_argument("--last", default="", help="the last day loaded (default: the cached county's, else today "
                        "in China time)")
    args = parser.parse_args()
    shape = f"v{VERSION}-s{args.stations}-d{args.days}-p{args.per_day}-"
    cached = sorted(Path(args.cache).glob(shape + "*/county/state.json"))
    if args.last:
        last = date.fromisoformat(args.last)
    elif cached:  # go on with the county loaded before, whatever day it is now
        last = date.fromisoformat(cached[-1].parent.parent.name.removeprefix(shape))
    else:
        last = datetime.now(CHINA).date()
    key = shape + last.isoformat()
    data_dir = Path(args.cache) / key / "county"
    total = args.stations * args.days * args.per_day
    print(f"county of {args.stations} stations × {args.days} days × {args.per_day} ops = {total:,} ops "
          f"(cache {data_dir}; shared machine: indicative)", flush=True)
    days, ops = load(data_dir, args.stations, args.days, args.per_day, last, args.max_minutes)
    size = sum(f.stat().st_size for f in data_dir.glob("county.db*"))
    print(f"  loaded {days} of {args.days} days: {ops:,} ops, {size / 2**20:,.0f} MiB on disk "
          f"({size / max(1, ops):,.0f} bytes/op)", flush=True)
    if days < args.days:
        print(f"  NOT the full county: the pages below are timed on {days} days", flush=True)
    made = subprocess.run([sys.executable, "-m", "sync.server.cli", "user", "add", "--name", NAME, "--role", "viewer",
                           "--password-stdin", "--data-dir", str(data_dir)], input=PASSWORD + "\n",
                          capture_output=True, text=True, timeout=600)
    if made.returncode != 0 and "已" not in made.stderr + made.stdout:
        print(f"  (user add: {(made.stderr or made.stdout).strip()[-200:]})")
    proc, url = serve(data_dir)
    try:
        client = signed_in(url)
        try:
            start = last - timedelta(days=min(args.days, 91) - 1)
            quarter = f"from={start}&to={last}"
            print(f"  quarter {start} – {last}                              target", flush=True)
            timed(client, "overview page /                    (≤ 1 s)", "/")
            timed(client, "figures page, quarter by township  (≤ 1 s)", f"/figures?kind=custom&{quarter}&by=township")
            timed(client, "/api/figures, quarter by township  (≤ 1 s)", f"/api/figures?{quarter}&by=township")
            timed(client, "subsidy .xlsx, quarter by township (≤ 5 s)",
                  f"/subsidy/sheet.xlsx?kind=custom&{quarter}&level=township")
        finally:
            client.close()
    finally:
        proc.terminate()
        proc.wait(60)
    if args.before:
        ingest_rows(Path(args.before).resolve(), "before")
        ingest_rows(ROOT, "after")


if __name__ == "__main__":
    main()
