"""The 消息 page shows, per message, which stations have read it (a station reports its clerk's reading) and
which have not. Set CONSOLE_SCREENSHOTS=DIR to keep a PNG of the page."""

from __future__ import annotations

import os
from pathlib import Path

from station_app.core import county_messages
from sync import client as sync_client

from .support import ADMIN, check_page, login


def test_the_messages_page_shows_who_has_read_each_message(county, page, conn, boss):
    code = county.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    county.admin("station", "add", "--code", "S002", "--name", "石桥村便民服务站")
    assert sync_client.enroll(conn, county.url, code) == "S001"
    login(page, county, ADMIN)
    page.goto(county.url + "/messages")
    page.fill("#message-title", "防汛通知")
    page.fill("#message-text", "今晚暴雨，包裹请放高处。")
    page.check("#message-all")
    page.click("#message-send")
    row = page.locator("#sent tbody tr").first
    assert "已读 0/2" in row.locator(".read-count").inner_text()

    sync_client.Syncer(conn).sync()  # the station fetches the message; the clerk opens it; the read goes back
    county_messages.mark_read(conn, [m["seq"] for m in county_messages.unread(conn)], clerk_id=boss.id)
    sync_client.Syncer(conn).sync()

    page.goto(county.url + "/messages")
    row = page.locator("#sent tbody tr").first
    assert "已读 1/2" in row.locator(".read-count").inner_text()
    assert "龙雾村便民服务站" in row.locator(".read").inner_text()
    assert "石桥村便民服务站" in row.locator(".unread").inner_text()
    assert "龙雾村" not in row.locator(".unread").inner_text()
    keep = Path(os.environ["CONSOLE_SCREENSHOTS"]) if os.environ.get("CONSOLE_SCREENSHOTS") else None
    check_page(page, "messages-read", keep)
