"""`county-server user …`: accounts from the server's shell; the password only on standard input, hashed."""

from __future__ import annotations

import json

from tests.sync.support import CountyServer

from .support import add_user


def test_user_add_list_disable_enable(tmp_path):
    county = CountyServer(tmp_path / "county")
    done = add_user(county, "王科长", "admin", "a-long-password")
    assert done.returncode == 0 and "已添加用户 王科长" in done.stdout
    stored = county.query("SELECT password_hash FROM console_users")[0][0]
    assert stored.startswith("scrypt$") and "a-long-password" not in stored
    again = add_user(county, "王科长", "viewer", "a-long-password")
    assert again.returncode == 1 and "已经有了" in again.stderr and "Traceback" not in again.stderr
    short = add_user(county, "赵六", "viewer", "short")
    assert short.returncode == 1 and "密码至少 8 个字符" in short.stderr
    listing = json.loads(county.admin("user", "list", "--json").stdout)
    assert [(u["name"], u["role"], u["disabled_at"]) for u in listing] == [("王科长", "admin", None)]
    assert county.admin("user", "disable", "--name", "王科长").returncode == 0
    assert "disabled" in county.admin("user", "list").stdout
    missing = county.admin("user", "enable", "--name", "nobody")
    assert missing.returncode == 1 and "没有用户 nobody" in missing.stderr
    assert county.admin("user", "enable", "--name", "王科长").returncode == 0
    actions = county.query("SELECT actor, action FROM console_audit ORDER BY id")
    assert actions == [("cli", "user_add"), ("cli", "user_disable"), ("cli", "user_enable")]
