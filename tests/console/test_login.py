"""Signing in to the console in a real browser: the session cookie's flags, lock-out per account and per
address, and signing out."""

from __future__ import annotations

import re
import ssl

import httpx
import trustme

from tests.sync.support import CountyServer

from .support import ADMIN, VIEWER, add_user, login


def test_login_lands_on_the_overview_with_a_strict_httponly_cookie_and_logout_ends_the_session(county, page):
    page.goto(county.url + "/stations")
    page.wait_for_url(re.compile(r".*/login$"))  # not signed in: to the login page
    assert page.inner_text("h1") == "县级控制台登录"
    login(page, county, ADMIN)
    assert page.inner_text("h1") == "概览"
    assert "张主任（管理员）" in page.inner_text("header")
    cookie = next(c for c in page.context.cookies() if c["name"] == "county_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and not cookie["secure"]  # plain http here
    page.click("#logout")
    page.wait_for_url(re.compile(r".*/login$"))
    assert county.query("SELECT count(*) FROM console_sessions") == [(0,)]
    page.goto(county.url + "/audit")
    page.wait_for_url(re.compile(r".*/login$"))
    assert [r[0] for r in county.query("SELECT action FROM console_audit WHERE actor = ? ORDER BY id", ADMIN[0])] \
        == ["login", "logout"]


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(county, page):
    page.goto(county.url + "/login")
    for _ in range(5):
        page.fill("#login-name", VIEWER[0])
        page.fill("#login-password", "not-the-password")
        page.click("#login-submit")
        assert "用户名或密码不对" in page.inner_text("#login-error")
    page.fill("#login-name", VIEWER[0])
    page.fill("#login-password", VIEWER[1])
    page.click("#login-submit")
    assert "已被锁定" in page.inner_text("#login-error")
    assert page.context.cookies() and not [c for c in page.context.cookies() if c["name"] == "county_session"]
    events = [r[0] for r in county.query("SELECT event FROM security_log ORDER BY rowid")]
    assert events.count("console_login_failed") == 5 and events.count("console_locked") == 1
    # an admin enabling the account again lifts the lock
    assert county.admin("user", "enable", "--name", VIEWER[0]).returncode == 0
    login(page, county, VIEWER)
    assert "李干事（只读）" in page.inner_text("header")


def _attempt(client: httpx.Client, name: str, password: str) -> httpx.Response:
    form = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    return client.post("/login", data={"csrf": token, "name": name, "password": password})


def test_an_address_with_many_failures_must_wait_whatever_the_account(county):
    with httpx.Client(base_url=county.url, trust_env=False, timeout=20) as client:
        for n in range(10):  # names that do not exist: no account is locked by these
            assert _attempt(client, f"nobody{n}", "wrong-password").status_code == 401
        answer = _attempt(client, ADMIN[0], ADMIN[1])
    assert answer.status_code == 429 and int(answer.headers["Retry-After"]) > 0
    assert "登录失败次数过多" in answer.text
    assert county.query("SELECT count(*) FROM security_log WHERE event = 'console_login_throttled'") == [(1,)]


def test_the_session_cookie_is_secure_under_tls(tmp_path):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    files = {name: tmp_path / name for name in ("ca.pem", "cert.pem", "key.pem")}
    ca.cert_pem.write_to_path(files["ca.pem"])
    cert.cert_chain_pems[0].write_to_path(files["cert.pem"])
    cert.private_key_pem.write_to_path(files["key.pem"])
    server = CountyServer(tmp_path / "county", tls=(files["cert.pem"], files["key.pem"]), ca=files["ca.pem"])
    server.data_dir.mkdir(parents=True)
    assert add_user(server, ADMIN[0], "admin", ADMIN[1]).returncode == 0
    server.start()
    try:
        trusted = ssl.create_default_context(cafile=files["ca.pem"])
        with httpx.Client(base_url=server.url, trust_env=False, verify=trusted, timeout=20) as client:
            answer = _attempt(client, *ADMIN)
    finally:
        server.stop()
    assert answer.status_code == 303
    session = next(h for h in answer.headers.get_list("set-cookie") if h.startswith("county_session="))
    assert {"Secure", "HttpOnly", "SameSite=strict"} <= {part.strip() for part in session.split(";")}
