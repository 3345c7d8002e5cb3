"""`station-app`: the counter GUI by default, admin sub-commands for county IT and scripts."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .core import settings


def build_parser() -> argparse.ArgumentParser:
    # --data-dir and --lang are accepted before or after the sub-command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="data folder (default: $STATION_DATA_DIR, else the user data dir)")
    common.add_argument("--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS,
                        help="interface language (default from station.ini)")
    parser = argparse.ArgumentParser(prog="station-app", parents=[common],
                                     description="Village Station counter app (村级便民服务站)")
    parser.add_argument("--version", action="version", version=__version__)
    # For benchmarks and smoke tests: quit as soon as the first window is usable, printing the time taken.
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen (fonts, translations, database, a receive, a label)")
    sub = parser.add_subparsers(dest="command")

    init = sub.add_parser("init", parents=[common], help="create a station non-interactively")
    init.add_argument("--station-code", required=True)
    init.add_argument("--station-name", required=True)
    init.add_argument("--clerk", required=True, help="first clerk's name; becomes a supervisor")
    init.add_argument("--pin", required=True, help="first clerk's PIN, 4-8 digits")
    init.add_argument("--shelves", type=int, default=4)
    init.add_argument("--layers", type=int, default=4)
    init.add_argument("--capacity", type=int, default=40, help="parcels per layer")

    imp = sub.add_parser("import-manifest", parents=[common], help="import a CSV of expected parcels")
    imp.add_argument("path")

    exp = sub.add_parser("export", parents=[common], help="export data as CSV (personal data masked)")
    exp.add_argument("what", choices=("parcels",))
    exp.add_argument("--out", required=True)

    clerk = sub.add_parser("add-clerk", parents=[common], help="add a clerk")
    clerk.add_argument("--name", required=True)
    clerk.add_argument("--pin", required=True)
    clerk.add_argument("--role", choices=("clerk", "supervisor"), default="clerk")

    test = sub.add_parser("print-test", parents=[common],
                          help="write every label kind as PDF, TSPL and ZPL files, for calibration")
    test.add_argument("--out", required=True, help="folder for the files")
    test.add_argument("--document-language", choices=settings.DOCUMENT_LANGUAGES,
                      help="language of the printed words (default: the station's setting, else zh_CN)")

    enroll = sub.add_parser("enroll", parents=[common], help="join the county server with a one-time code")
    enroll.add_argument("--server", required=True, help="e.g. https://county.example:8750")
    enroll.add_argument("--code", required=True, help="the enrolment code county IT gave you")
    enroll.add_argument("--ca", default="", help="the county CA certificate (PEM) for TLS")

    sync = sub.add_parser("sync", parents=[common], help="one full sync with the county; exit 0 only on success")
    sync.add_argument("--wait", type=float, default=600.0, metavar="SECONDS",
                      help="how long to wait while another sync of this data folder runs (default 600)")

    backup = sub.add_parser("backup", parents=[common], help="a consistent copy of the station database")
    backup.add_argument("--out", required=True, help="the file to write, e.g. on a USB drive")
    restore = sub.add_parser("restore", parents=[common], help="put a backup in place (the app must be closed)")
    restore.add_argument("file")
    restore.add_argument("--other-station", action="store_true",
                         help="the backup is of another station and this PC is to become it (enrol again after)")

    setting = sub.add_parser("set", parents=[common],
                             help="change a station setting, with the rules the settings dialog applies")
    setting.add_argument("name", help="e.g. remind_after_days, return_after_days, document_language")
    setting.add_argument("value")

    close = sub.add_parser("close-day", parents=[common],
                           help="close the business day: cash count, day report (PDF), backup, sync")
    close.add_argument("--counted", required=True, metavar="YUAN", help="cash counted in the till, in yuan")
    close.add_argument("--reason", default="", help="why the counted cash differs from the expected cash")
    close.add_argument("--clerk", required=True, help="the clerk who counted (name)")
    close.add_argument("--pin", required=True, help="that clerk's PIN")
    close.add_argument("--out", default="", help="where to write the day report PDF (default: reports/ in the "
                                                 "data folder)")
    close.add_argument("--no-sync", action="store_true", help="do not sync with the county afterwards")

    sub.add_parser("check", parents=[common], help="check the database file is sound")
    sub.add_parser("gui", parents=[common], help="open the counter app (the default)")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a Windows console may not be UTF-8
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    args.lang = getattr(args, "lang", None)
    if args.self_test:
        from .ui.selftest import run as self_test

        return self_test()
    if args.command in (None, "gui"):
        from .ui.app import run

        return run(args)
    from .ui.cli import run_command

    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
