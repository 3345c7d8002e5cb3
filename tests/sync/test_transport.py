"""TLS with the county's own CA, Retry-After from a busy server, and `station-app sync` as a day-end task."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading

import pytest
import trustme

from station_app.core import parcels
from sync import client as sync_client

from .support import CountyServer


@pytest.fixture
def tls_server(tmp_path):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    files = {name: tmp_path / name for name in ("ca.pem", "cert.pem", "key.pem")}
    ca.cert_pem.write_to_path(files["ca.pem"])
    cert.cert_chain_pems[0].write_to_path(files["cert.pem"])
    cert.private_key_pem.write_to_path(files["key.pem"])
    server = CountyServer(tmp_path / "county", tls=(files["cert.pem"], files["key.pem"]), ca=files["ca.pem"])
    server.start()
    yield server, files["ca.pem"]
    server.stop()


def test_tls_with_the_county_ca_works_and_an_unknown_certificate_is_refused(tls_server, conn, boss):
    server, ca_file = tls_server
    assert server.url.startswith("https://")
    code = server.admin("station", "add", "--code", "S001", "--name", "站").stdout.strip()
    with pytest.raises(sync_client.SyncError) as err:  # the system trust store does not know the county CA
        sync_client.enroll(conn, server.url, code)
    assert err.value.code == "tls_untrusted"
    assert sync_client.enroll(conn, server.url, code, ca_file=str(ca_file)) == "S001"
    parcels.receive(conn, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    assert sync_client.Syncer(conn).sync().applied > 0


class Busy(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(503)
        self.send_header("Retry-After", "120")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


def test_a_busy_server_s_retry_after_reaches_the_schedule(conn, boss):
    busy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Busy)
    threading.Thread(target=busy.serve_forever, daemon=True).start()
    try:
        with pytest.raises(sync_client.SyncError) as err:
            sync_client.enroll(conn, f"http://127.0.0.1:{busy.server_address[1]}", "CODE")
        assert (err.value.code, err.value.retry_after) == ("server_busy", 120.0)
    finally:
        busy.shutdown()


def test_station_app_sync_exits_zero_only_on_success(server, enrolled, boss, data_dir):
    parcels.receive(enrolled, "SF1234567890123", clerk_id=boss.id, phone="13812345678")
    run = [sys.executable, "-m", "station_app", "sync", "--data-dir", str(data_dir)]
    ok = subprocess.run(run, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert ok.returncode == 0 and "同步完成" in ok.stdout
    server.stop()
    down = subprocess.run(run, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert down.returncode == 1 and "无法连接县平台" in down.stderr
