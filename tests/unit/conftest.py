"""Fixtures of the unit tests: a registered sender."""

from __future__ import annotations

import pytest

from station_app.core import sending

from .support import ID


@pytest.fixture
def sender(conn, boss):
    return sending.register_sender(conn, name="张三", phone="13812345678", id_type="resident_id", id_number=ID,
                                   clerk_id=boss.id)
