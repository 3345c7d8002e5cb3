"""The rest of the admin CLI in the browser (messages, releases, text settings, users, a station's day), and
every page fitting a 1366×768 office screen with its title and navigation. Set CONSOLE_SCREENSHOTS=DIR to keep
a PNG of each page for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

from station_app.core import parcels
from sync import client as sync_client

from .support import ADMIN, check_page, login


def test_messages_releases_settings_and_users_from_the_browser(county, page, conn, boss):
    code = county.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    county.admin("station", "add", "--code", "S002", "--name", "石桥村便民服务站")
    assert sync_client.enroll(conn, county.url, code) == "S001"
    login(page, county, ADMIN)
    page.goto(county.url + "/messages")
    page.fill("#message-title", "停电通知")
    page.fill("#message-text", "明天上午停电，请联系 13812345678 的电工。")
    page.check('input[name=station][value="S001"]')
    page.click("#message-send")
    assert "消息已发往 1 个站点" in page.inner_text("#sent-notice")
    row = page.locator("#sent tbody tr").first.inner_text()
    assert "停电通知" in row and "138****5678" in row and "13812345678" not in row
    sync_client.Syncer(conn).sync()  # the station fetches its feed
    assert [r["body"] for r in conn.execute("SELECT body FROM county_messages")] and \
        "停电通知" in conn.execute("SELECT body FROM county_messages").fetchone()[0]
    page.goto(county.url + "/releases")
    page.fill("#release-version", "1.4.2")
    page.fill("#release-url", "http://county.lan/station-setup-1.4.2.exe")
    page.click("#release-submit")
    assert "1.4.2" in page.inner_text("#releases") and "最新版" in page.inner_text("#releases")
    page.goto(county.url + "/sms")
    page.fill("#sms_phone_daily", "abc")
    page.click("#sms-submit")
    assert "设置没有保存" in page.inner_text("#reason")
    page.goto(county.url + "/sms")
    page.fill("#sms_phone_daily", "5")
    page.click("#sms-submit")
    assert page.input_value("#sms_phone_daily") == "5"
    page.goto(county.url + "/users")
    page.fill("#user-name", "赵会计")
    page.select_option("#user-role", "viewer")
    page.fill("#user-password", "viewer-pass-22")
    page.fill("#user-password2", "viewer-pass-22")
    page.click("#user-add-submit")
    assert "赵会计" in page.inner_text("#users")
    audit = page.goto(county.url + "/audit") and page.inner_text("#audit")
    for action in ("发送消息", "发布版本", "修改短信设置", "添加用户"):
        assert action in audit


def _seed(county, conn, boss, page) -> None:
    code = county.admin("station", "add", "--code", "S001", "--name", "龙雾村便民服务站").stdout.strip()
    county.admin("station", "add", "--code", "S002", "--name", "石桥村便民服务站")
    assert sync_client.enroll(conn, county.url, code) == "S001"
    parcels.receive(conn, "ZT1234567890123", clerk_id=boss.id, phone="13812345678")
    sync_client.Syncer(conn).sync()
    county.admin("message", "send", "--station", "all", "--title", "端午值班", "--text", "端午节期间照常营业。")
    county.admin("release", "publish", "--version", "1.4.2", "--url", "http://county.lan/setup-1.4.2.exe")


def test_every_page_fits_an_office_screen(county, page, conn, boss, tmp_path):
    _seed(county, conn, boss, page)
    keep = Path(os.environ["CONSOLE_SCREENSHOTS"]) if os.environ.get("CONSOLE_SCREENSHOTS") else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    page.goto(county.url + "/login")
    shots = [("login", None)]
    check_page(page, "login", keep, nav=False)
    login(page, county, ADMIN)
    pages = {"stations": "/stations", "station-day": "/stations/S001/day", "messages": "/messages",
             "uploads": "/uploads", "releases": "/releases", "sms": "/sms", "users": "/users", "audit": "/audit",
             "security": "/security", "not-found": "/no/such/page"}
    for name, path in pages.items():
        page.goto(county.url + path)
        shots.append((name, path))
        check_page(page, name, keep)
    page.goto(county.url + "/uploads")
    bad = tmp_path / "bad.csv"
    bad.write_text("station,waybill\nS404,x\n", encoding="utf-8")
    page.set_input_files("#manifest-file", str(bad))
    page.click("#manifest-submit")
    check_page(page, "upload-errors", keep)
    page.goto(county.url + "/stations")
    page.fill("#station-code", "S003")
    page.fill("#station-name", "黄桷村便民服务站")
    page.click("#station-add-submit")
    page.wait_for_selector("#enrol-code")
    check_page(page, "enrolment", keep)
    page.goto(county.url + "/stations")
    page.locator('tr[data-code="S001"] button', has_text="吊销").click()
    check_page(page, "confirm", keep)
    assert "S001" in page.goto(county.url + "/stations").text()
