"""The admin sub-commands: a text interface, so it lives with the GUI and shares its translations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from sync import client as sync_client

from .. import paths
from ..core import backups, clerks, db, device_settings, export, manifest, station
from ..core.errors import ManifestError, StationError
from ..labels import catalog, printer_jobs
from . import i18n
from .messages import (
    error_text,
    feed_refusal_text,
    manifest_lines,
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


def run_command(args: argparse.Namespace) -> int:
    data_dir = paths.data_dir(args.data_dir)
    app = QCoreApplication.instance() or QCoreApplication([])
    i18n.install(app, args.lang or device_settings.load(data_dir)["language"])
    try:
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
        return _print_test(data_dir, Path(args.out))
    if args.command == "restore":  # works on a closed database, and on a PC whose database is lost
        backups.restore(Path(args.file), data_dir)
        print(QCoreApplication.translate("Cli", "Restored {file}. The next sync will check it with the county.").format(
            file=args.file))
        return 0
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


def _print_test(data_dir: Path, out: Path) -> int:
    """Sample labels at this PC's label size, dpi, darkness and offsets."""
    printer = device_settings.load_printer(data_dir)
    options = printer_jobs.JobOptions.for_printer(printer)
    try:
        written = catalog.write_print_test(out, printer.size, options)
    except OSError as exc:
        raise StationError("export_failed", str(exc), path=str(out)) from exc
    for path in written:
        print(path)
    return 0
