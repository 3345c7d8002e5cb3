"""Sync tests run the real county server (`county-server serve`) on 127.0.0.1 with a free port."""

from __future__ import annotations

import pytest

from sync import client as sync_client

from .support import CountyServer


@pytest.fixture
def server(tmp_path):
    county = CountyServer(tmp_path / "county")
    county.start()
    yield county
    county.stop()



@pytest.fixture
def enrolled(server, conn, boss):
    """The station from the root conftest, enrolled with the running server as S001."""
    code = server.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    assert sync_client.enroll(conn, server.url, code) == "S001"
    return conn

