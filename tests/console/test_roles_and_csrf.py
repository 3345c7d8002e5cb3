"""A viewer may read and nothing else: every admin action of the console (found from its routes, so a new one
cannot be forgotten here) is refused with 403 and changes nothing. A POST without the session's CSRF token is
refused too, whoever sends it."""

from __future__ import annotations

from starlette.routing import Route

from sync.server.console import console_app

from .support import ADMIN, VIEWER, csrf_of, login

# what a plausible admin would send to each admin action
FIELDS = {
    "/stations/add": {"code": "S009", "name": "新站"},
    "/stations/{code}/revoke": {"confirm": "yes"},
    "/stations/{code}/expire": {"confirm": "yes"},
    "/messages/send": {"kind": "announcement", "title": "通知", "text": "明天停电", "all": "all"},
    "/uploads/ref": {"kind": "couriers"},
    "/uploads/manifest": {},
    "/uploads/sale": {},
    "/releases/publish": {"version": "9.9.9", "url": "http://county.lan/setup.exe"},
    "/sms": {"sms_station_daily": "1", "sms_price_fen": "4"},
    "/sms/resume": {},
    "/sms/optout/add": {"phone": "13812345678", "note": "本人来电退订"},
    "/sms/optout/remove": {"id": "1"},
    "/sms/test": {"phone": "13812345678"},
    "/users/add": {"name": "王五", "role": "admin", "password": "another-pass-1", "password2": "another-pass-1"},
    "/users/{name}/disable": {"confirm": "yes"},
    "/users/{name}/enable": {},
    "/stations/{code}/status": {"status": "suspended", "since": "2026-01-01", "note": "装修"},
    "/subsidy/tiers": {"tiers": "level,from_pieces,to_pieces,mode,yuan\ntownship,0,,piece,0.10\n"},
    "/subsidy/tiers/upload": {},
    "/uploads/areas": {},
    "/uploads/stations": {},
}
FILES = {"/uploads/ref": "code,name,patterns\nzto,中通,^ZT\\d+$\n",
         "/uploads/manifest": "station,waybill,courier,recipient_name,recipient_phone\n"
                              "S001,ZT1234567890,zto,王,13812345678\n",
         "/uploads/sale": "station,lot_no,sold_g,sales_fen\nS001,L1,1000,500\n",
         "/subsidy/tiers/upload": "level,from_pieces,to_pieces,mode,yuan\ntownship,0,,band,5.00\n",
         "/uploads/areas": "code,name,level,parent_code\n500237000000,巫山县,county,\n"
                           "500237101000,双龙镇,township,500237000000\n",
         "/uploads/stations": "code,name,operator\nS010,新站,邮政\n"}


def admin_actions(tmp_path) -> set[str]:
    return {route.path for route in console_app(tmp_path / "scratch").routes
            if isinstance(route, Route) and getattr(route.endpoint, "admin_only", False)}


def state(county) -> list:
    return [county.query(sql) for sql in (
        "SELECT code FROM stations", "SELECT count(*) FROM feed", "SELECT count(*) FROM reference",
        "SELECT count(*) FROM releases", "SELECT * FROM server_settings",
        "SELECT revoked_at, expires_at FROM credentials",
        "SELECT name, role, disabled_at FROM console_users", "SELECT count(*) FROM enrolment_codes",
        "SELECT * FROM station_status", "SELECT * FROM station_records", "SELECT * FROM subsidy_tiers",
        "SELECT * FROM areas", "SELECT * FROM sms_optout", "SELECT * FROM sms_alarms",
        "SELECT count(*) FROM sms_texts", "SELECT * FROM console_audit")]


def post(page, county, path: str, token: str | None):
    url = county.url + path.replace("{code}", "S001").replace("{name}", ADMIN[0])
    fields = dict(FIELDS[path], **({"csrf": token} if token is not None else {}))
    if path in FILES:
        multipart = {**fields, "file": {"name": "data.csv", "mimeType": "text/csv", "buffer": FILES[path].encode()}}
        return page.request.post(url, multipart=multipart, max_redirects=0)
    return page.request.post(url, form=fields, max_redirects=0)


def test_a_viewer_is_refused_every_admin_action_and_sees_no_admin_forms(county, page, tmp_path):
    assert admin_actions(tmp_path) == set(FIELDS)  # every admin action is tried below
    county.admin("station", "add", "--code", "S001", "--name", "站")
    login(page, county, VIEWER)
    before = state(county)
    for path in FIELDS:
        answer = post(page, county, path, csrf_of(page))
        assert answer.status == 403, (path, answer.status)
        assert "只读账户只能查看" in answer.text(), path
    assert state(county) == before
    refused = county.query("SELECT count(*) FROM security_log WHERE event = 'console_forbidden'")
    assert refused == [(len(FIELDS),)]
    for where in ("/stations", "/stations/S001", "/messages", "/uploads", "/releases", "/sms", "/users", "/subsidy",
                  "/", "/figures", "/business", "/coverage"):
        page.goto(county.url + where)
        buttons = page.locator("main form[method=post] button[type=submit]")  # a period picker is a GET form
        assert buttons.count() == 0, (where, buttons.all_inner_texts())


def test_the_same_actions_work_for_an_admin(county, page, tmp_path):
    """The refusals above are the role's, not broken actions: an admin's identical requests go through."""
    county.admin("station", "add", "--code", "S001", "--name", "站")
    login(page, county, ADMIN)
    for path in FIELDS:
        if path.endswith("/disable"):  # an admin may not disable themself: tried on the viewer instead
            answer = page.request.post(county.url + f"/users/{VIEWER[0]}/disable",
                                       form={"csrf": csrf_of(page), "confirm": "yes"}, max_redirects=0)
        else:
            answer = post(page, county, path, csrf_of(page))
        if path == "/uploads/sale":  # reaches the sale check itself: the county's ledger has no lot L1
            assert answer.status == 422 and "没有批次 L1" in answer.text()
            continue
        if path == "/sms/resume":  # nothing is paused: said so, not a broken action
            assert answer.status == 400 and "不需要恢复" in answer.text()
            continue
        assert answer.status in (200, 303), (path, answer.status, answer.text()[:300])
    assert county.query("SELECT count(*) FROM releases") == [(1,)]
    assert county.query("SELECT status FROM station_status WHERE station = 'S001'") == [("suspended",)]
    assert county.query("SELECT level, mode, fen FROM subsidy_tiers") == [("township", "band", 500)]
    assert county.query("SELECT count(*) FROM areas") == [(2,)]
    assert county.query("SELECT operator FROM station_records WHERE code = 'S010'") == [("邮政",)]
    assert county.query("SELECT disabled_at IS NOT NULL FROM console_users WHERE name = ?", VIEWER[0]) == [(1,)]
    assert county.query("SELECT key, value FROM server_settings WHERE key IN ('sms_station_daily', 'sms_price_fen') "
                        "ORDER BY key") == [("sms_price_fen", "4"), ("sms_station_daily", "1")]
    assert county.query("SELECT action, detail FROM console_audit WHERE action LIKE 'sms_optout%' ORDER BY id") == [
        ("sms_optout_add", "138****5678"), ("sms_optout_remove", "138****5678")]
    assert county.query("SELECT detail FROM console_audit WHERE action = 'sms_test'") == [("138****5678 sent ",)]


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(county, page):
    login(page, county, ADMIN)
    other = page.context.browser.new_context()  # another person's session: its token is not this session's
    other_page = other.new_page()
    login(other_page, county, VIEWER)
    foreign = csrf_of(other_page)
    other.close()
    for token in (None, "", "forged", foreign):
        answer = post(page, county, "/stations/add", token)
        assert answer.status == 403, token
        assert "表单校验码缺失或无效" in answer.text()
    answer = page.request.post(county.url + "/login", form={"name": ADMIN[0], "password": ADMIN[1]},
                               max_redirects=0)  # the login form has its own token
    assert answer.status == 403 and "表单校验码无效" in answer.text()
    assert county.query("SELECT count(*) FROM stations") == [(0,)]
    assert page.url == county.url + "/"  # still signed in, on the overview
