"""短信设置 in the browser, against the real server's sender and local provider stand-ins: an alarm raised by the
provider's documented out-of-balance answer shows on the page and the overview and "resume" clears it; opt-outs
added and removed (masked, audited); a test text with the provider's answer; the texts figures on 分项业务 and the
station page match a hand count. Set CONSOLE_SCREENSHOTS=DIR to keep the pages as PNGs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from station_app.core import parcels
from sync import client as sync_client
from tests.sync.sms_local import KEY_ID, SECRET, AliyunLocal
from tests.sync.sms_support import FAST, admin, at_once, send_through_vendor, wait_for
from tests.sync.support import TunedServer, new_station

from .support import ADMIN, VIEWER, add_user, check_page, login

KEEP = Path(os.environ["CONSOLE_SCREENSHOTS"]) if os.environ.get("CONSOLE_SCREENSHOTS") else None


def with_users(server) -> None:
    for (name, password), role in ((ADMIN, "admin"), (VIEWER, "viewer")):
        assert add_user(server, name, role, password).returncode == 0


@pytest.fixture
def aliyun():
    local = AliyunLocal()
    yield local
    local.close()


def test_an_out_of_balance_alarm_shows_and_resume_clears_it(tmp_path, page, aliyun):
    aliyun.code_for = lambda phone: "isv.AMOUNT_NOT_ENOUGH"  # Alibaba Cloud's documented 余额不足 code
    server = TunedServer(tmp_path / "county", env=FAST)
    server.data_dir.mkdir(parents=True)
    with_users(server)
    server.start()
    try:
        at_once(server)
        assert admin(server, "sms", "set", "--gateway", "aliyun", "--endpoint", aliyun.url, "--sign-name",
                     "龙雾村便民服务站", "--template-code", "SMS_100", "--key-id", KEY_ID, "--secret-stdin",
                     stdin=SECRET + "\n").returncode == 0
        conn, clerk = new_station(tmp_path, server, "S001")
        parcels.receive(conn, "SF1234567890123", clerk_id=clerk.id, phone="13900001111")
        sync_client.Syncer(conn).sync()
        wait_for(lambda: server.query("SELECT count(*) FROM sms_alarms WHERE cleared_at IS NULL") == [(1,)],
                 "the alarm")

        login(page, server, VIEWER)  # a viewer sees the alarm, not the button
        assert "余额不足" in page.inner_text("#attention-sms")
        page.goto(server.url + "/sms")
        assert "isv.AMOUNT_NOT_ENOUGH" in page.inner_text("#sms-alarms")
        assert page.locator("#sms-resume").count() == 0
        page.context.clear_cookies()

        login(page, server, ADMIN)
        attention = page.inner_text("#attention-sms")
        assert "余额不足" in attention and "暂停" in attention
        check_page(page, "overview-sms-alarm", KEEP)
        page.click("#attention-sms a")
        page.wait_for_url(server.url + "/sms")
        alarm = page.locator("#sms-alarms")
        assert alarm.bounding_box()["y"] < page.locator("#sms-gateway").bounding_box()["y"]  # at the top
        assert "余额不足" in alarm.inner_text() and "isv.AMOUNT_NOT_ENOUGH" in alarm.inner_text()
        assert page.inner_text("#gateway-name") == "阿里云短信"
        assert "已就绪" in page.inner_text("#credentials")
        assert page.locator('[data-option="sms_template_code"]').inner_text().endswith("SMS_100")
        assert SECRET not in page.content() and KEY_ID not in page.content()
        assert "13900001111" not in page.content()
        check_page(page, "sms-alarm", KEEP)

        aliyun.code_for = lambda phone: "OK"  # the county topped up
        page.click("#sms-resume")
        page.wait_for_url(server.url + "/sms?done=resumed")
        assert page.locator("#sms-alarms").count() == 0 and "已恢复发送" in page.inner_text("#sms-done")
        wait_for(lambda: aliyun.sent["13900001111"] == 1, "the held text sent after resuming")
        assert server.query("SELECT value FROM server_settings WHERE key = 'sms_paused'") == [("",)]
        assert server.query("SELECT actor, action FROM console_audit WHERE action = 'sms_resume'") == [
            (ADMIN[0], "sms_resume")]
        page.goto(server.url + "/")
        assert page.locator("#attention-sms").count() == 0
    finally:
        server.stop()
    assert "Traceback" not in (tmp_path / "server.log").read_text(errors="replace")


def test_opt_outs_are_added_and_removed_masked_and_audited(county, page):
    login(page, county, ADMIN)
    page.goto(county.url + "/sms")
    page.fill("#optout-phone", "13912345678")
    page.fill("#optout-note", "本人来电退订")
    page.click("#optout-add")
    page.wait_for_url(county.url + "/sms?done=optout_added")
    row = page.locator('#sms-optouts tr[data-phone="139****5678"]')
    assert "本人来电退订" in row.inner_text()
    assert "13912345678" not in page.content()  # nowhere in the page, not even a hidden field
    assert county.query("SELECT phone FROM sms_optout") == [("13912345678",)]
    page.fill("#optout-phone", "1391234")  # a wrong number: a sentence, nothing changed
    page.click("#optout-add")
    assert "11 位大陆手机号" in page.inner_text("main")
    page.goto(county.url + "/sms")
    check_page(page, "sms-optouts", KEEP)
    page.click('#sms-optouts tr[data-phone="139****5678"] button')
    page.wait_for_url(county.url + "/sms?done=optout_removed")
    assert page.locator("#sms-optouts tr[data-phone]").count() == 0
    assert county.query("SELECT count(*) FROM sms_optout") == [(0,)]
    assert county.query("SELECT action, detail FROM console_audit WHERE action LIKE 'sms_optout%' ORDER BY id") == [
        ("sms_optout_add", "139****5678"), ("sms_optout_remove", "139****5678")]


def test_a_test_text_prints_the_providers_answer_with_the_phone_masked(tmp_path, page):
    server, vendor = send_through_vendor(tmp_path)
    with_users(server)
    try:
        login(page, server, ADMIN)
        page.goto(server.url + "/sms")
        assert page.inner_text("#gateway-name") == "通用 HTTP 短信网关"
        page.fill("#sms-test-phone", "13812345678")
        page.click("#sms-test-submit")
        tested = page.inner_text("#sms-tested")
        assert "138****5678" in tested and "已发送" in tested and '"result": "0"' in tested
        assert "13812345678" not in page.content()
        assert vendor.sent["13812345678"] == 1
        check_page(page, "sms-test", KEEP)
    finally:
        server.stop()
        vendor.close()


def test_the_texts_figures_on_the_business_and_station_pages_match_a_hand_count(tmp_path, page):
    server, vendor = send_through_vendor(tmp_path)  # S001: 1 sent (2 parcels), 1 refused; S002: 1 sent; 5 fen
    with_users(server)
    try:
        login(page, server, VIEWER)
        page.goto(server.url + "/business?kind=day")
        shown = {row.get_attribute("data-key"): row.locator("td.num").inner_text()
                 for row in page.locator("#texts tbody tr").all()}
        assert shown == {"texts.queued": "0 条", "texts.sent": "2 条", "texts.delivered": "0 条",
                         "texts.failed": "1 条", "texts.unknown": "0 条", "texts.parcels": "4 件",
                         "texts.waiting_parcels": "0 件", "texts.billed": "2 条", "texts.cost_fen": "0.10 元",
                         "texts_failed.provider_refused": "1 条"}
        check_page(page, "business-texts", KEEP)
        page.goto(server.url + "/stations/S001")
        month = page.locator("#station-texts tbody tr").first
        cells = {c.get_attribute("data-key"): c.inner_text() for c in month.locator("td[data-key]").all()}
        assert (cells["texts.sent"], cells["texts.failed"], cells["texts.parcels"], cells["texts.cost_fen"]) == (
            "1 条", "1 条", "3 件", "0.05 元")
        assert "平台拒绝 1 条" in month.inner_text()
        check_page(page, "station-texts", KEEP)
    finally:
        server.stop()
        vendor.close()


def test_an_admin_edits_the_settings_and_a_wrong_value_changes_nothing(county, page):
    login(page, county, ADMIN)
    page.goto(county.url + "/sms")
    page.fill("#sms_price_fen", "4")
    page.fill("#sms_quiet", "22:00-07:30")
    page.click("#sms-submit")
    page.wait_for_url(county.url + "/sms?done=saved")
    assert page.input_value("#sms_price_fen") == "4" and page.input_value("#sms_quiet") == "22:00-07:30"
    assert county.query("SELECT detail FROM console_audit WHERE action = 'sms_set'") == [
        ("sms_quiet=22:00-07:30, sms_price_fen=4",)]
    page.fill("#sms_price_fen", "-1")
    page.fill("#sms_merge_minutes", "5")
    page.click("#sms-submit")
    said = page.inner_text("main")
    assert "设置没有保存：每条短信单价" in said and "请改正后重新提交" in said
    assert county.query("SELECT key, value FROM server_settings WHERE key IN ('sms_price_fen', 'sms_merge_minutes')"
                        ) == [("sms_price_fen", "4")]  # neither the wrong one nor the right one beside it
