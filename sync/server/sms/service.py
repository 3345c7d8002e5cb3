"""The gateway the county chose, built from its settings and secrets, and the sender running in the server
process: one background thread per process, woken after each upload and every few seconds. Several processes
(uvicorn workers on PostgreSQL later) are safe: claims are atomic (sender.py)."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .. import db, storage
from . import config, credentials
from .gateways import Gateway, HttpGateway, HttpOptions, LogGateway
from .providers import AliyunGateway, ProviderOptions, TencentGateway
from .sender import raise_alarm, run_round

log = logging.getLogger("county.sms")
INTERVAL_S = float(os.environ.get("COUNTY_SMS_INTERVAL", "5"))
HTTP_TIMEOUT_S = float(os.environ.get("COUNTY_SMS_HTTP_TIMEOUT", "10"))  # a vendor's answer; later: 'unknown'
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def build_gateway(conn: sqlite3.Connection, data_dir: Path) -> Gateway:
    """The configured gateway. CredentialsError when its secrets are missing or the file is too open."""
    values = config.all_settings(conn)
    kind = values["sms_gateway"]
    secrets = credentials.load(data_dir, kind)
    if kind == "aliyun" or kind == "tencent":
        options = ProviderOptions(values["sms_sign_name"], values["sms_template_code"],
                                  values["sms_template_code_many"] or values["sms_template_code"],
                                  values["sms_endpoint"], values["sms_region"], values["sms_app_id"])
        return AliyunGateway(options, secrets) if kind == "aliyun" else TencentGateway(options, secrets)
    if kind == "http":
        names = json.loads(values["sms_http_params"]) if values["sms_http_params"] else {"phone": "mobile",
                                                                                         "text": "content"}
        return HttpGateway(HttpOptions(values["sms_http_url"], values["sms_http_method"], names,
                                       values["sms_http_success"], values["sms_sign_name"],
                                       values["sms_template_code"], values["sms_template_code_many"],
                                       HTTP_TIMEOUT_S), secrets)
    return LogGateway(data_dir / "sms.log")


class Worker:
    """The server process's sender. ``wake()`` is all an upload does: no database work on the ingest path."""

    def __init__(self, data_dir: Path, clock: Clock = utc_now, interval: float = INTERVAL_S) -> None:
        self.data_dir, self.clock, self.interval = data_dir, clock, interval
        self.event, self.stopping = threading.Event(), threading.Event()
        self.thread: threading.Thread | None = None
        self._gateway: Gateway | None = None
        self._built_from: dict[str, str] | None = None
        self._missing_said = ""

    def start(self) -> None:
        self.thread = threading.Thread(target=self._loop, name="sms-sender", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.event.set()
        if self.thread is not None:
            self.thread.join(15)

    def wake(self) -> None:
        self.event.set()

    def _loop(self) -> None:
        conn = storage.connect(self.data_dir)
        try:
            while not self.stopping.is_set():
                self.event.clear()
                try:
                    busy = self.round(conn)
                except db.Busy:  # PostgreSQL: another server process claimed the same texts first; go again
                    busy = True
                except Exception as err:  # noqa: BLE001 - a full disk, a locked file, a provider SDK's surprise:
                    # the thread must live on; the type only (an SDK's message may carry a phone)
                    log.warning("sms round failed: %s", type(err).__name__)
                    busy = False
                if not busy:
                    self.event.wait(self.interval)
        finally:
            conn.close()

    def round(self, conn: sqlite3.Connection) -> bool:
        """One round; True when there may be more to send at once."""
        gateway = self.gateway(conn)
        if gateway is None:
            return False
        done = run_round(conn, gateway, self.clock())
        if done.alarm:
            log.warning("sms paused: %s", done.alarm)  # no phone, no secret: the reason code only
        return done.sent + done.failed + done.composed > 0 and not done.alarm

    def gateway(self, conn: sqlite3.Connection) -> Gateway | None:
        values = config.all_settings(conn)
        values.pop("sms_paused")
        where = credentials.path(self.data_dir)  # new secrets mean a new client, as new settings do
        values["credentials_changed"] = str(where.stat().st_mtime_ns) if where.exists() else ""
        if self._gateway is None or values != self._built_from:
            try:
                self._gateway = build_gateway(conn, self.data_dir)
            except credentials.CredentialsError as err:
                if str(err) != self._missing_said:  # once, not every round
                    self._missing_said = str(err)
                    from .gateways import ALARM, Answer

                    with storage.transaction(conn):
                        raise_alarm(conn, values["sms_gateway"], Answer(ALARM, "credentials_missing",
                                                                        "credentials", str(err)), self.clock())
                self._gateway = None
                return None
            self._built_from, self._missing_said = values, ""
        return self._gateway
