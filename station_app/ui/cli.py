"""The admin sub-commands: a text interface, so it lives with the GUI and shares its translations."""

from __future__ import annotations

import argparse
import errno
import logging
import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from sync import client as sync_client

from .. import day_end, paths
from ..core import (
    backups,
    bills,
    clerks,
    dayclose,
    db,
    device_settings,
    export,
    folder_lock,
    manifest,
    money,
    settings,
    station,
    station_setup,
)
from ..core.errors import ManifestError, StationError
from ..labels import catalog, printer_jobs
from . import i18n
from .messages import (
    error_text,
    feed_refusal_text,
    manifest_lines,
    money_methods,
    set_aside_text,
    sync_code_text,
    sync_error_text,
)


def _open(data_dir: Path):
    conn = db.open_db(data_dir)
    if station.get(conn) is None:
        conn.close()
        raise StationError("no_station", str(data_dir))
    return conn


# Commands that change the database hold app.lock while they run, so a restore cannot swap the file under them.
WRITERS = ("init", "import-manifest", "add-clerk", "enroll", "set", "close-day")
LOCK_WAIT = 3.0  # seconds to wait for another command; the GUI holds the lock for as long as it runs

log = logging.getLogger("station_app.cli")


def run_command(args: argparse.Namespace) -> int:
    """Run one admin command; whatever happens, a sentence and an exit code, never a traceback."""
    data_dir = paths.data_dir(args.data_dir)
    app = QCoreApplication.instance() or QCoreApplication([])
    try:
        i18n.install(app, args.lang or device_settings.load(data_dir)["language"])
    except Exception:  # an unreadable station.ini: the command still speaks Chinese
        i18n.install(app, args.lang or "zh_CN")
    try:
        return _guarded(args, data_dir)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a sentence, the details in the log
        if _disk_full(exc) or (isinstance(exc, (OSError, sqlite3.Error)) and db.disk_nearly_full(data_dir)):
            return _say_disk_full(data_dir)
        where = _log_unexpected(data_dir, exc)
        text = QCoreApplication.translate(
            "Cli", "Something unexpected happened ({kind}); this was not done. Tell county IT and send them {log}.")
        print(text.format(kind=type(exc).__name__, log=where or data_dir / "logs"), file=sys.stderr)
        return 1


def _say_disk_full(data_dir: Path) -> int:
    text = QCoreApplication.translate(
        "Cli", "The disk is full, so this was not done. Free some space on the disk of {path} (or use another "
        "drive), then try again.")
    print(text.format(path=data_dir), file=sys.stderr)
    return 1


def _disk_full(exc: BaseException | None) -> bool:
    """Anywhere in the chain of causes: no space left (OSError) or SQLite's SQLITE_FULL."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return True
        if isinstance(exc, sqlite3.Error) and (getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
                                                or "disk is full" in str(exc)):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _log_unexpected(data_dir: Path, exc: BaseException) -> Path | None:
    """The traceback goes to logs/cli.log in the data folder (if it can be written), never to the screen."""
    try:
        folder = data_dir / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "cli.log", encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    try:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    finally:
        log.removeHandler(handler)
        handler.close()
    return folder / "cli.log"


def _guarded(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        if args.command in WRITERS:
            with folder_lock.app_held(data_dir, wait=LOCK_WAIT):
                return _dispatch(args, data_dir)
        return _dispatch(args, data_dir)
    except ManifestError as err:
        print(error_text(err), file=sys.stderr)
        for line in manifest_lines(err):
            print("  " + line, file=sys.stderr)
        return 1
    except sync_client.SyncError as err:
        print(sync_error_text(err), file=sys.stderr)
        return 1
    except StationError as err:
        if err.code == "disk_full" or _disk_full(err):  # a backup, export, restore that ran out of space
            return _say_disk_full(Path(err.params.get("path") or data_dir))
        if err.code == "no_station":
            text = QCoreApplication.translate(
                "Cli", "No station in {path}. Create one first with: station-app init --data-dir …")
            print(text.format(path=data_dir), file=sys.stderr)
        else:
            print(error_text(err), file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command == "init":
        conn = db.open_db(data_dir)
        try:
            made, first = station.init_station(conn, args.station_code, args.station_name, args.clerk, args.pin,
                                               shelves=args.shelves, layers=args.layers, capacity=args.capacity)
        finally:
            conn.close()
        text = QCoreApplication.translate("Cli", "Station {code} {name} created in {path}; supervisor: {clerk}.")
        print(text.format(code=made.code, name=made.name, path=data_dir, clerk=first.name))
        return 0
    if args.command == "print-test":  # needs no station: county IT calibrates printers before set-up
        return _print_test(data_dir, Path(args.out), args.document_language or _document_language(data_dir))
    if args.command == "restore":  # works on a closed database, and on a PC whose database is lost
        return _restore(Path(args.file), data_dir, other_station=args.other_station)
    conn = _open(data_dir)
    try:
        if args.command == "import-manifest":
            count = manifest.import_file(conn, Path(args.path), clerk_id=None)
            print(QCoreApplication.translate("Cli", "Imported {count} expected parcels.").format(count=count))
        elif args.command == "export":
            count = export.export_parcels(conn, Path(args.out))
            text = QCoreApplication.translate("Cli", "Exported {count} parcels to {path}.")
            print(text.format(count=count, path=args.out))
        elif args.command == "add-clerk":
            added = clerks.add_clerk(conn, args.name, args.pin, args.role, by=None)
            print(QCoreApplication.translate("Cli", "Clerk {name} added.").format(name=added.name))
        elif args.command == "enroll":
            county_code = sync_client.enroll(conn, args.server, args.code, args.ca)
            print(QCoreApplication.translate("Cli", "Enrolled with the county as station {code}.").format(
                code=county_code))
        elif args.command == "sync":
            with sync_client.Syncer(conn) as syncer:
                try:
                    report = syncer.sync(wait_s=max(0.0, args.wait))
                except sync_client.SyncError as err:
                    if err.code != "sync_busy":
                        raise
                    text = QCoreApplication.translate(
                        "Cli", "Another sync of this station is still running (the counter or another command); "
                        "waited {seconds} s. Try again later.")
                    print(text.format(seconds=round(args.wait)), file=sys.stderr)
                    return 1
            text = QCoreApplication.translate(
                "Cli", "Sync done: {applied} ops uploaded, {duplicate} already there, {rejected} refused; "
                "{feed} feed items, reference data updated: {refs}.")
            print(text.format(applied=report.applied, duplicate=report.duplicate, rejected=report.rejected,
                              feed=report.feed_items, refs=", ".join(report.refs_updated) or "-"))
            for line in sync_attention_lines(conn, report):
                print(line, file=sys.stderr)
        elif args.command == "set":
            changed = station_setup.save(conn, {args.name: args.value}, clerk_id=None)
            text = (QCoreApplication.translate("Cli", "Setting {name} is now {value}.") if changed else
                    QCoreApplication.translate("Cli", "Setting {name} was already {value}; nothing changed."))
            print(text.format(name=args.name, value=settings.get(conn, args.name)))
        elif args.command == "close-day":
            return _close_day(conn, data_dir, args)
        elif args.command == "backup":
            path = backups.to_file(conn, Path(args.out))
            print(QCoreApplication.translate("Cli", "Backup written to {path}.").format(path=path))
        elif args.command == "check":
            problems = db.quick_check(conn)
            if problems:
                text = QCoreApplication.translate("Cli", "The database has problems; call county IT:")
                print(text, *problems[:20], sep="\n", file=sys.stderr)
                return 1
            print(QCoreApplication.translate("Cli", "The database is sound."))
    finally:
        conn.close()
    return 0


def _close_day(conn: sqlite3.Connection, data_dir: Path, args: argparse.Namespace) -> int:
    """The day-end sequence the counter runs (day_end), each step said in a line; 1 when a step failed."""
    counted = money.parse_yuan(args.counted)
    clerk = next((c for c in clerks.list_clerks(conn) if c.name == args.clerk.strip()), None)
    if clerk is None:
        raise StationError("clerk_unknown", args.clerk)
    clerks.login(conn, clerk.id, args.pin)
    names = {t.code: t.name for t in bills.types(conn)}
    names.update(money_methods())
    here = station.get(conn)
    done = day_end.close_day(
        conn, data_dir, dayclose.business_day(conn), counted, args.reason, clerk_id=clerk.id,
        station_name=here.name if here else "", names=names, lang=settings.get(conn, "document_language"),
        report=Path(args.out) if args.out else None, sync=None if args.no_sync else day_end.sync_now)
    print(QCoreApplication.translate("Cli", "Day {day} closed: expected cash {expected}, counted {counted}.").format(
        day=done.totals.day, expected=money.yuan(done.totals.expected_cash_fen), counted=money.yuan(counted)))
    for step in done.steps[1:]:
        line = _step_line(step)
        print(line, file=sys.stdout if step.ok or step.skipped else sys.stderr)
    return 0 if done.all_done else 1


def _step_line(step: day_end.Step) -> str:
    if step.name == "report":
        if step.ok:
            return QCoreApplication.translate("Cli", "Day report written to {path}.").format(path=step.path)
    elif step.name == "backup":
        if step.ok:
            return QCoreApplication.translate("Cli", "Backup written to {path}.").format(path=step.path)
    elif step.name == "sync":
        if step.ok:
            return QCoreApplication.translate("Cli", "Synced with the county.")
        if step.skipped:
            return QCoreApplication.translate(
                "Cli", "Not synced: this computer is not joined to a county server (station-app enroll).")
        return sync_error_text(step.error or Exception())
    if isinstance(step.error, StationError):
        return error_text(step.error)
    return QCoreApplication.translate("Cli", "Step {step} did not work; see the log.").format(step=step.name)


def sync_attention_lines(conn, report: sync_client.SyncReport) -> list[str]:  # type: ignore[no-untyped-def]
    """What this sync could not do, for the person who ran it: refused feed items, ops set aside."""
    import json

    lines = []
    for row in sync_client.feed_refusals(conn)[: report.feed_refused][::-1]:
        message = conn.execute("SELECT body FROM county_messages WHERE seq = ?", (row["seq"],)).fetchone()
        params = json.loads(message[0]).get("params", {}) if message else {}
        lines.append(feed_refusal_text(row["kind"], row["code"], params))
    for row in sync_client.set_aside(conn)[: report.set_aside]:
        lines.append(set_aside_text(row["type"] or "", row["bytes"]))
    if report.seq_suspicious:
        lines.append(sync_code_text("seq_suspicious"))
    return lines


def _restore(path: Path, data_dir: Path, *, other_station: bool) -> int:
    done = backups.restore(path, data_dir, other_station=other_station)
    if done.enrolled:
        text = QCoreApplication.translate("Cli", "Restored {file}. The next sync will check it with the county.")
    else:
        text = QCoreApplication.translate(
            "Cli", "Restored {file} (station {code}). Backups do not carry the county key, so this PC must join "
            "the county again: ask county IT for an enrolment code, then run station-app enroll.")
    print(text.format(file=path, code=done.info.station_code))
    return 0


def _document_language(data_dir: Path) -> str:
    """The station's document language; the default before there is a station (print-test needs none)."""
    if not (data_dir / db.DB_FILENAME).exists():
        return settings.DOCUMENT_LANGUAGES[0]
    conn = db.open_db(data_dir)
    try:
        return settings.get(conn, "document_language")
    finally:
        conn.close()


def _print_test(data_dir: Path, out: Path, lang: str) -> int:
    """Sample labels at this PC's label size, dpi, darkness and offsets, in the document language."""
    printer = device_settings.load_printer(data_dir)
    options = printer_jobs.JobOptions.for_printer(printer)
    try:
        written = catalog.write_print_test(out, printer.size, options, lang)
    except OSError as exc:
        raise StationError("export_failed", str(exc), path=str(out)) from exc
    for path in written:
        print(path)
    return 0
