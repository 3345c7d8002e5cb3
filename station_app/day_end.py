"""The day-end sequence (日结): close the day, save the report, take a backup, sync, as one function that the
day-close page, `station-app close-day` and a later scheduled close all run.

Only the close itself can refuse (a StationError, nothing done). After it, each step is tried and reported on
its own: a report that cannot be saved, a backup or a sync that fails is said, never undoes the close.
Printing is the caller's: the counter sends the report to its print service, the command line saves a file.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .core import backups, dayclose
from .core.errors import StationError
from .labels import pdf
from .labels.elements import Page
from .labels.kinds import reports as report_pages

log = logging.getLogger(__name__)

STEPS = ("close", "report", "print", "backup", "sync")  # in the order they run


@dataclass(frozen=True)
class Step:
    name: str  # one of STEPS
    ok: bool
    path: Path | None = None  # the file the step wrote
    error: Exception | None = None  # a StationError or a sync_client.SyncError, for the words on screen
    skipped: bool = False  # not tried (no printer, not joined to a county server …)


@dataclass
class DayEnd:
    totals: dayclose.DayTotals
    pages: list[Page]  # the day report, for the caller to print
    report: Path
    steps: list[Step] = field(default_factory=list)

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    @property
    def all_done(self) -> bool:
        return all(s.ok or s.skipped for s in self.steps)


def report_path(data_dir: Path, day: date) -> Path:
    return data_dir / "reports" / f"day-{day}.pdf"


def close_day(conn: sqlite3.Connection, data_dir: Path, day: date, counted_cash_fen: int, reason: str, *,
              clerk_id: str, station_name: str, names: dict[str, str], lang: str, report: Path | None = None,
              backup: bool = True, sync: Callable[[sqlite3.Connection], Step] | None = None) -> DayEnd:
    """Close ``day`` and do what follows. Raises StationError only when the close is refused.

    ``names``: codes in words for the report (payment methods, bill types). ``sync``: how to sync, e.g.
    :func:`sync_now`; None leaves it to the caller (the counter's sync panel runs its own)."""
    totals = dayclose.close(conn, day, counted_cash_fen, reason, clerk_id=clerk_id)
    pages = report_pages.day_close(totals, station_name, counted_cash_fen, reason, names, lang)
    done = DayEnd(totals, pages, report or report_path(data_dir, day), [Step("close", True)])
    done.steps.append(_save_report(done.report, pages))
    if backup:
        done.steps.append(_backup(conn, data_dir))
    if sync is not None:
        done.steps.append(sync(conn))
    return done


def _save_report(path: Path, pages: list[Page]) -> Step:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")  # a full disk leaves no half report under the real name
        tmp.write_bytes(pdf.render(pages))
        tmp.replace(path)
    except OSError as exc:
        log.warning("day report not saved: %s", type(exc).__name__)
        return Step("report", False, path, StationError("report_not_saved", str(exc), path=str(path)))
    return Step("report", True, path)


def _backup(conn: sqlite3.Connection, data_dir: Path) -> Step:
    try:
        return Step("backup", True, backups.take(conn, data_dir))
    except (StationError, OSError, sqlite3.Error) as exc:
        log.warning("day-end backup failed: %s", type(exc).__name__)
        err = exc if isinstance(exc, StationError) else StationError("backup_failed", str(exc),
                                                                      path=str(backups.folder(data_dir)))
        return Step("backup", False, backups.folder(data_dir), err)


def sync_now(conn: sqlite3.Connection, wait_s: float = 0.0) -> Step:
    """One full sync with the county; a station not joined to one skips the step."""
    from sync import client as sync_client  # here, not at the top: httpx costs the counter's start-up ~150 ms

    try:
        with sync_client.Syncer(conn) as syncer:
            syncer.sync(wait_s=wait_s)
    except sync_client.SyncError as err:
        return Step("sync", False, error=err, skipped=err.code == "not_enrolled")
    return Step("sync", True)
