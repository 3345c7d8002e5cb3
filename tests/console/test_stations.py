"""Stations in the browser: adding one shows its one-time enrolment code large and as a barcode that a real
decoder reads back, and a station enrolling with that code shows as enrolled; revoking is audited."""

from __future__ import annotations

import re

import zxingcpp
from PIL import Image

from sync import client as sync_client

from .support import ADMIN, login


def test_add_a_station_read_its_code_and_barcode_and_enrol_with_it(county, page, conn, boss, tmp_path):
    login(page, county, ADMIN)
    page.goto(county.url + "/stations")
    page.fill("#station-code", "S001")
    page.fill("#station-name", "龙雾村便民服务站")
    page.click("#station-add-submit")
    shown = page.inner_text("#enrol-code").strip()
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}", shown)
    page.locator("#enrol-barcode").screenshot(path=str(tmp_path / "barcode.png"))
    decoded = zxingcpp.read_barcodes(Image.open(tmp_path / "barcode.png").convert("L"))
    assert [(d.format.name, d.text) for d in decoded] == [("Code128", shown)]
    # the code is never stored or logged in the clear
    logs = str(county.query("SELECT * FROM console_audit")) + str(county.query("SELECT * FROM security_log"))
    assert shown not in logs
    assert sync_client.enroll(conn, county.url, decoded[0].text) == "S001"
    page.goto(county.url + "/stations")
    row = page.locator('tr[data-code="S001"]')
    assert "龙雾村便民服务站" in row.inner_text() and "已注册" in row.inner_text()
    row.locator("button", has_text="吊销").click()
    assert "确定要吊销站点 S001 的凭证吗" in page.inner_text("#confirm-question")
    assert county.query("SELECT count(*) FROM credentials WHERE revoked_at IS NULL") == [(1,)]  # not yet
    page.click("#confirm-yes")
    page.wait_for_url(re.compile(r".*done=revoke$"))
    assert "凭证已吊销或过期" in page.locator('tr[data-code="S001"]').inner_text()
    page.goto(county.url + "/audit")
    text = page.inner_text("#audit")
    assert "添加站点" in text and "吊销站点凭证" in text and "张主任" in text


def test_a_station_code_with_bad_characters_is_refused_with_a_reason(county, page):
    login(page, county, ADMIN)
    page.goto(county.url + "/stations")
    page.evaluate("document.querySelector('#station-code').removeAttribute('pattern')")
    page.fill("#station-code", "S 1;drop")
    page.fill("#station-name", "x")
    page.click("#station-add-submit")
    assert "站点编号只能是" in page.inner_text("#reason")
    assert county.query("SELECT count(*) FROM stations") == [(0,)]
