"""The city console in headless Chromium: the county console's login and figures pages served from the city's
store, every county side by side, drilling city → county → township → village → station, the .xlsx download,
and the counties page (a viewer refused adding one; an admin gets its one-time code). Set CONSOLE_SCREENSHOTS=DIR
to keep the pages as PNGs."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import openpyxl

from sync.server.console.units import shown
from tests.console.support import check_page, csrf_of, login

from .support import CITY_ADMIN, CITY_VIEWER, period

KEEP = Path(os.environ["CONSOLE_SCREENSHOTS"]) if os.environ.get("CONSOLE_SCREENSHOTS") else None
RECEIVED = '[data-figure="down.received"]'


def test_the_city_figures_page_shows_every_county_and_drills_down(world, page, tmp_path):
    city, counties = world
    for county in counties:
        county.push()
    start, end = period()
    api = city.figures(start, end)
    login(page, city, CITY_VIEWER)
    check_page(page, "city-counties", KEEP, nav=False)
    assert [page.locator(f'#counties tr[data-code="{c.code}"] td').nth(1).inner_text() for c in counties] == [
        c.name for c in counties]
    page.goto(city.url + f"/figures?kind=custom&from={start}&to={end}&by=county")
    check_page(page, "city-figures", KEEP, nav=False)
    assert page.inner_text("header .brand") == "市级邮运通控制台"
    rows = page.locator("#figures-rows tbody tr")
    assert [rows.nth(i).get_attribute("data-key") for i in range(rows.count())] == [c.code for c in counties]
    for r in api["rows"]:  # each county's number as `city-server figures --json` has it
        cell = page.inner_text(f'#figures-rows tr[data-key="{r["key"]}"] {RECEIVED}')
        assert cell.startswith(shown("down.received", r["figures"]["down.received"]) + "\n") or cell.startswith(
            shown("down.received", r["figures"]["down.received"]) + "环比"), cell
    assert page.inner_text(f"#figures-total {RECEIVED}") == shown("down.received", api["total"]["down.received"])
    first = counties[0]
    page.click(f'#figures-rows tr[data-key="{first.code}"] a.drill')
    page.wait_for_url(f"**within={first.code}**")
    assert page.inner_text("#figures-total th") == first.name
    towns = page.locator("#figures-rows tbody tr")
    assert [towns.nth(i).get_attribute("data-key") for i in range(towns.count())] == [
        f"{first.code}101000", f"{first.code}102000"]
    page.click(f'#figures-rows tr[data-key="{first.code}101000"] a.drill')
    page.wait_for_url(f"**within={first.code}101000**")
    page.click(f'#figures-rows tr[data-key="{first.code}101201"] a.drill')
    page.wait_for_url(f"**within={first.code}101201**")
    assert page.inner_text("#trail").startswith(f"全市 › {first.name} › 丰都一镇 › 丰都一镇1村")
    station = page.locator("#figures-rows tbody tr")
    assert station.count() == 1 and station.first.get_attribute("data-key") == f"{first.code}:S1"
    assert page.inner_text(f'#figures-rows tr[data-key="{first.code}:S1"] {RECEIVED}').startswith("2 件")
    check_page(page, "city-figures-station", KEEP, nav=False)
    page.click('#trail a:has-text("全市")')
    page.wait_for_url("**by=county**")
    with page.expect_download() as got:
        page.click("#export-xlsx")
    got.value.save_as(tmp_path / "city.xlsx")
    cells = [c for row in openpyxl.load_workbook(tmp_path / "city.xlsx").active.iter_rows(values_only=True)
             for c in row]
    assert all(c.name in cells for c in counties)


def test_counties_page_a_viewer_is_refused_and_an_admin_gets_a_code(world, page):
    city, _ = world
    login(page, city, CITY_VIEWER)
    assert page.locator("#county-add").count() == 0
    refused = page.request.post(city.url + "/counties/add", form={"csrf": csrf_of(page), "code": "500298",
                                                                  "name": "只读县"})
    assert refused.status == 403
    page.click("#logout")
    login(page, city, CITY_ADMIN)
    no_csrf = httpx.post(city.url + "/counties/add", data={"code": "500298", "name": "无令牌县"}, trust_env=False,
                         cookies={c["name"]: c["value"] for c in page.context.cookies()})
    assert no_csrf.status_code == 403
    page.fill("#county-code", "500297")
    page.fill("#county-name", "新加县")
    page.click("#county-add-submit")
    code = page.inner_text("#enrol-code").strip()
    check_page(page, "city-county-code", KEEP, nav=False)
    assert httpx.post(city.url + "/v1/enroll", json={"code": code}, trust_env=False).json()["county"] == "500297"
    page.goto(city.url + "/stations")  # a county console's page: not here, and the way back is the city's
    assert page.inner_text("#reason") == "没有这个页面，请从上方导航进入。"
    page.click("text=回到区县列表")
    assert page.locator('#counties tr[data-code="500297"]').count() == 1
    assert "只读县" not in page.content()
