"""The county console over HTTP on a loaded county (issue #13). Prints numbers; asserts nothing.

    .venv/bin/python benchmarks/county_console.py [--stations 300] [--days 90] [--per-day 10]

Loads N stations × D days of ops through the server's ingest path (benchmarks/county_figures.py's loader:
storage.apply_batch, one transaction per station-day), starts a real `county-server serve` on it, signs in as a
viewer through the login form, and times over HTTP: the overview page, a quarter's figures by township (the page
and /api/figures), and the subsidy .xlsx. The defaults (the issue's 300 stations and 90 days, 10 ops a day: 270 k
ops) finish in a few minutes here; the issue's county is --per-day 200 (≈ 5.4 M ops: hours to load here).
"""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.county_figures import load  # noqa: E402

NAME, PASSWORD = "基准测试", "benchmark-pass-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(data_dir), "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/openapi.json", timeout=1, trust_env=False).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("county server did not start")


def signed_in(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, trust_env=False, timeout=600)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    answer = client.post("/login", data={"csrf": token.group(1), "name": NAME, "password": PASSWORD})
    if answer.status_code != 303:
        raise SystemExit(f"sign-in failed: {answer.status_code}")
    return client


def timed(client: httpx.Client, label: str, path: str, runs: int = 3) -> None:
    best, size, status = float("inf"), 0, 0
    for _ in range(runs):
        began = time.perf_counter()
        answer = client.get(path)
        best = min(best, time.perf_counter() - began)
        size, status = len(answer.content), answer.status_code
    print(f"  {label:<44} {best:8.3f} s  (best of {runs}; HTTP {status}, {size / 1024:,.0f} KB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stations", type=int, default=300)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--per-day", type=int, default=10)
    args = parser.parse_args()
    last = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "county"
        ops = args.stations * args.days * args.per_day
        print(f"county of {args.stations} stations ({max(1, args.stations // 10)} townships) × {args.days} days × "
              f"{args.per_day} ops = {ops:,} ops")
        began = time.perf_counter()
        rate = load(data_dir, args.stations, args.days, args.per_day, last)
        print(f"  loaded through the ingest path in {time.perf_counter() - began:,.0f} s ({rate:,.0f} ops/s)")
        made = subprocess.run([sys.executable, "-m", "sync.server.cli", "user", "add", "--name", NAME, "--role",
                               "viewer", "--password-stdin", "--data-dir", str(data_dir)], input=PASSWORD + "\n",
                              capture_output=True, text=True, timeout=120)
        if made.returncode != 0:
            raise SystemExit(made.stderr)
        proc, url = serve(data_dir)
        try:
            client = signed_in(url)
            try:
                start = last - timedelta(days=min(args.days, 91) - 1)
                quarter = f"from={start}&to={last}"
                print(f"  quarter {start} – {last}")
                timed(client, "overview page /", "/")
                timed(client, "figures page, a quarter by township", f"/figures?kind=custom&{quarter}&by=township")
                timed(client, "/api/figures, a quarter by township", f"/api/figures?{quarter}&by=township")
                timed(client, "figures page, a quarter by station", f"/figures?kind=custom&{quarter}&by=station")
                timed(client, "subsidy .xlsx, a quarter by township",
                      f"/subsidy/sheet.xlsx?kind=custom&{quarter}&level=township")
            finally:
                client.close()
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
