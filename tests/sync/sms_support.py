"""What SMS tests share: the admin CLI against a running server, sending at once (no merge wait, no quiet hours,
no pacing), polling with a deadline, and two stations' parcels texted through a local vendor."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta, timezone

from station_app.core import parcels
from sync import client as sync_client

from .sms_local import VendorLocal
from .support import TunedServer, new_station

FAST = {"COUNTY_SMS_INTERVAL": "0.2"}


def admin(server, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *args, "--data-dir", str(server.data_dir),
                           *server.database],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, input=stdin)


def at_once(server) -> None:
    assert admin(server, "sms", "set", "--merge-minutes", "0", "--quiet", "off", "--phone-minute", "100",
                 "--phone-hourly", "1000").returncode == 0


def wait_for(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


REFUSED = "13900000400"  # the vendor answers 400 for this phone


def send_through_vendor(tmp_path, price: str = "5"):
    """Two stations' parcels texted through a local vendor; returns the server and the vendor."""
    vendor = VendorLocal()
    vendor.status_for = lambda phone: 400 if phone == REFUSED else 200
    server = TunedServer(tmp_path / "county", env=FAST)
    server.data_dir.mkdir(parents=True)
    server.start()
    at_once(server)
    assert admin(server, "sms", "set", "--gateway", "http", "--http-url", vendor.url + "/send", "--http-params",
                 '{"phone": "mobile", "text": "content"}', "--price-fen", price).returncode == 0
    one, clerk1 = new_station(tmp_path, server, "S001")
    two, clerk2 = new_station(tmp_path, server, "S002")
    # S001: two parcels for one phone (one merged text), one the vendor refuses; S002: one parcel
    for waybill, phone in (("SF1000000000001", "13900001111"), ("YT1000000000002", "13900001111"),
                           ("ZT1000000000003", REFUSED)):
        parcels.receive(one, waybill, clerk_id=clerk1.id, phone=phone)
    parcels.receive(two, "SF2000000000001", clerk_id=clerk2.id, phone="13900002222")
    sync_client.Syncer(one).sync()
    sync_client.Syncer(two).sync()
    wait_for(lambda: server.query("SELECT count(*) FROM sms_texts WHERE state IN ('sent', 'failed')") == [(3,)],
             "three texts settled")
    assert sum(vendor.sent.values()) == 2  # the merged one and S002's; the refused one was not accepted
    return server, vendor


def figures_json(server, by: str) -> dict:
    today = datetime.now(UTC).astimezone(timezone(timedelta(hours=8))).date().isoformat()
    done = admin(server, "figures", "--from", today, "--to", today, "--by", by, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
