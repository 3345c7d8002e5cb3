"""`county-server user add|list|disable|enable`: county staff accounts for the console, from the server's shell.
The password comes on standard input (never on the command line, where `ps` and shell history would keep it)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys

from . import accounts


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    user = sub.add_parser("user", help="county staff accounts for the web console").add_subparsers(
        dest="action", required=True)
    add = user.add_parser("add", parents=[common], help="add an account (password on standard input)")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=accounts.ROLES, required=True)
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help="read the password from the first line of standard input")
    listing = user.add_parser("list", parents=[common], help="the accounts")
    listing.add_argument("--json", action="store_true")
    for action in ("disable", "enable"):
        p = user.add_parser(action, parents=[common], help=f"{action} an account (enable also clears a lock-out)")
        p.add_argument("--name", required=True)


def run(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    try:
        if args.action == "add":
            password = sys.stdin.readline().rstrip("\r\n")
            user = accounts.add_user(conn, args.name, args.role, password, "cli")
            print(f"已添加用户 {user.name}（{user.role}）")
        elif args.action == "list":
            rows = [dict(r) for r in accounts.list_users(conn)]
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            for r in [] if args.json else rows:
                state = "disabled" if r["disabled_at"] else "active"
                print(f"{r['name']}\t{r['role']}\t{state}\tlast login {r['last_login_at'] or '-'}")
        else:
            accounts.set_disabled(conn, args.name, args.action == "disable", "cli")
            print(f"{'已停用' if args.action == 'disable' else '已启用'}用户 {args.name}")
    except accounts.AccountError as err:
        print(err.message, file=sys.stderr)
        return 1
    return 0
