"""同步: the status line, "sync now", and automatic sync in a worker thread that never freezes the counter."""

from __future__ import annotations

import logging
import random
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ..core import db
from ..core.clock import local_text
from .messages import feed_refusal_text, sync_code_text, sync_error_text
from .widgets import named
from .workers import Lane

if TYPE_CHECKING:
    import httpx

    from sync.client import SyncError, SyncReport

log = logging.getLogger(__name__)


def _status_style(colour: str) -> str:
    return f"font-size:14px; color:{colour};"  # small type: two lines fit the header row


class _SyncJob:
    """One sync on the panel's lane: a connection of its own for the sync, one HTTP client for the panel's life.

    The lane runs one sync at a time, so the client is never used by two threads at once."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.http: httpx.Client | None = None

    def __call__(self) -> tuple[SyncReport | None, SyncError | None]:
        from sync import client

        conn = db.connect(self.data_dir / db.DB_FILENAME)
        try:
            server = client.state(conn, "server")
            if self.http is None and server:
                self.http = client.make_http(server, client.state(conn, "ca_file"))
            return client.Syncer(conn, http=self.http).sync(), None
        except client.SyncError as err:
            return None, err
        except Exception as exc:  # a bug in sync must not take the counter down
            log.exception("sync failed unexpectedly")
            return None, client.SyncError("server_error", type(exc).__name__)
        finally:
            conn.close()


class SyncPanel(QWidget):
    """The status line (``syncStatus``) and button (``syncNowButton``); schedules the next sync itself."""

    notice = Signal(str, str)  # (kind, text) for the window's message area, after the clerk pressed the button

    def __init__(self, data_dir: Path, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self.conn = conn
        self.failures = 0
        self.running = False
        self.syncNowButton = named(QPushButton(self.tr("Sync now")), "syncNowButton")
        self.syncStatus = named(QLabel(""), "syncStatus")
        # small type, up to two lines, and it takes only the width left in the header: never widens the window
        self.syncStatus.setWordWrap(True)
        self.syncStatus.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.syncStatus.setStyleSheet(_status_style("#1a1a1a"))
        self.syncNowButton.setProperty("header", True)
        self.messagesButton = named(QPushButton(""), "countyMessagesButton")
        self.messagesButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.messagesButton.clicked.connect(self.show_messages)
        self.syncNowButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.syncStatus, 1)
        row.addWidget(self.messagesButton)
        row.addWidget(self.syncNowButton)
        self.syncLane = Lane(self)  # one sync at a time, off the main thread
        self.syncJob = _SyncJob(data_dir)
        self.timer = QTimer(self, singleShot=True)
        self.timer.setObjectName("syncRetryTimer")
        self.timer.timeout.connect(self.sync_now)
        self.syncNowButton.clicked.connect(self._sync_clicked)
        self.refresh()

    def enrolled(self) -> bool:
        from sync import state

        return bool(state.state(self.conn, "token"))

    def start(self, first_delay_s: float = 5.0) -> None:
        if self.enrolled():
            self.timer.start(int(first_delay_s * 1000))

    def sync_now(self) -> bool:
        """Start a sync unless one runs; False when this station is not joined to a county server."""
        if self.running:
            return True
        if not self.enrolled():
            self.refresh()
            return False
        self.running = True
        self.syncNowButton.setEnabled(False)
        self.syncStatus.setText(self.tr("Syncing…"))
        self.syncStatus.setStyleSheet(_status_style("#1a1a1a"))
        self.syncLane.submit(self.syncJob, lambda outcome: self._finished(*outcome))
        return True

    def _sync_clicked(self) -> None:
        if not self.sync_now():
            self.notice.emit("warn", self.not_joined_text())

    def not_joined_text(self) -> str:
        return self.tr("Cannot sync: this computer is not connected to the county server yet. Ask the county's "
                       "technician to connect it (they bring a connection code).")

    def _finished(self, _report: SyncReport | None, error: SyncError | None) -> None:
        from sync import schedule

        self.running = False
        self.syncNowButton.setEnabled(True)
        if getattr(error, "code", "") == "sync_busy":  # the day-end `station-app sync` holds the folder
            delay = schedule.BUSY_RETRY * random.uniform(0.5, 1.5)
        else:
            self.failures = 0 if error is None else self.failures + 1
            delay = schedule.next_delay(self.failures, getattr(error, "retry_after", None), random.Random())
        self.timer.start(int(delay * 1000))
        self.refresh(error, delay)

    def refresh(self, error: SyncError | None = None, next_delay: float | None = None) -> None:
        """Last success, pending count, refused ops, and any error in words."""
        from sync import state as client

        unread = client.unread_messages(self.conn) if self.enrolled() else []
        self.messagesButton.setVisible(bool(unread))
        self.messagesButton.setText(self.tr("County messages ({n})").format(n=len(unread)))
        if not self.enrolled():
            self.syncStatus.setText(self.tr("Not connected to the county server; ask the county's technician."))
            self.syncStatus.setToolTip(self.not_joined_text())
            self.syncStatus.setStyleSheet(_status_style("#8a5a00"))
            return
        parts = []
        last = client.state(self.conn, "last_success")
        parts.append(self.tr("Last sync {time}").format(time=local_text(last, "%m-%d %H:%M")) if last
                     else self.tr("Never synced"))
        parts.append(self.tr("{n} to upload").format(n=client.pending_count(self.conn)))
        refused = client.rejections(self.conn)
        if refused:
            parts.append(self.tr("{n} refused by the county: tell county IT").format(n=len(refused)))
        # the attention list: which ops were refused and why, on hover
        self.syncStatus.setToolTip("\n".join(f"{local_text(r['at'])}  {r['type'] or ''}  {r['code']}"
                                              for r in refused[:30]))
        aside = client.set_aside(self.conn)
        if aside:
            parts.append(self.tr("{n} too large to upload: tell county IT").format(n=len(aside)))
        if client.state(self.conn, "seq_suspicious"):
            parts.append(sync_code_text("seq_suspicious"))
        if client.state(self.conn, "restore_detected"):
            parts.append(self.tr("database was restored from a backup: tell county IT"))
        from .. import __version__

        newer = client.newer_version(self.conn, __version__)
        if newer:
            parts.append(self.tr("version {v} is available: ask county IT ({url})").format(v=newer[0], url=newer[1]))
        if error is not None:
            parts.append(sync_error_text(error))
            if next_delay:
                parts.append(self.tr("next try in {m} min").format(m=max(1, round(next_delay / 60))))
        self.syncStatus.setText(" · ".join(parts))
        if not refused:
            self.syncStatus.setToolTip(" · ".join(parts))
        bad = error is not None or refused or aside
        self.syncStatus.setStyleSheet(_status_style("#c62828" if bad else "#1e7b34"))

    def shutdown(self) -> None:
        self.timer.stop()
        self.syncLane.wait(30_000)

    def show_messages(self) -> None:
        """Instructions and announcements from the county; read once, then they leave the button."""
        import json

        from PySide6.QtWidgets import QMessageBox

        from sync import state as client

        unread = client.unread_messages(self.conn)
        lines = []
        for m in unread:
            body = json.loads(m["body"])
            if m["kind"] == "feed_refused":  # an item the station could not enter, and why
                lines.append("• " + feed_refusal_text(body.get("item_kind", ""), body.get("code", ""),
                                                      body.get("params", {})))
                continue
            text = body.get("text") or body.get("body") or " ".join(f"{k}: {v}" for k, v in body.items())
            lines.append(f"• {body.get('title', '')} {text}".strip())
        QMessageBox.information(self, self.tr("County messages"), "\n".join(lines) or self.tr("No new messages."))
        client.mark_read(self.conn, [m["seq"] for m in unread])
        self.refresh()
