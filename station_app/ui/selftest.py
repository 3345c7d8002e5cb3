"""`station-app --self-test`: what an installed copy must manage, checked in a few seconds and offscreen.

Used by CI on the frozen bundle and by county IT after installing: resources, fonts and translations are
found, a database is created in a temporary data dir, a parcel is received through the window, a label
renders to PDF and TSPL with a barcode, and the app exits cleanly.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(tempfile.mkdtemp(prefix="station-selftest-"))
    checks: list[tuple[str, bool, str]] = []
    try:
        from .. import __version__, paths
        from ..core import db, journal, station
        from ..labels import catalog, pdf, printer_jobs
        from ..labels.elements import SIZES
        from . import app as app_module
        from . import i18n

        checks.append(("resources", paths.resource("sounds", "ok.wav").is_file(), str(paths.app_root())))
        qm = paths.translation("station_zh_CN.qm")
        checks.append(("translations", qm.is_file(), str(qm)))
        application = app_module.create_app(data_dir, "zh_CN")
        family = application.font().family()
        checks.append(("CJK font", family is not None and bool(paths.cjk_fonts()), family))
        checks.append(("Chinese interface", i18n.install(application, "zh_CN")
                       and application.translate("Pages", "Pickup") == "取件出库", ""))
        conn = db.open_db(data_dir)
        checks.append(("database", db.schema_version(conn) == db.latest_version(), str(data_dir)))
        station.init_station(conn, "SELFTEST", "自检站", "自检", "1234")
        window = app_module.open_window(conn, data_dir)
        keys = [window.tabs.tabText(i).split()[-1] for i in range(window.tabs.count())]
        # pages register themselves on import: a bundle that left a page module out shows fewer tabs. The counter
        # has the pages F2-F12, Shift+F3, Shift+F4 and Shift+F8 (a new page's key is added here: this is what a
        # bundle is checked against)
        expected = [f"F{n}" for n in range(2, 13)] + ["Shift+F3", "Shift+F4", "Shift+F8"]
        checks.append(("pages", sorted(keys) == sorted(expected), " ".join(keys)))
        window.loginPage.pinInput.setText("1234")
        window.loginPage.try_login()
        window.receivePage.phoneInput.setText("13812345678")
        window.receivePage.receive("SF1234567890123")
        checks.append(("receive through the window", journal.count(conn, "parcel.received") == 1,
                       window.receivePage.lastPickupCode.text()))
        from ..core import prohibited

        found = prohibited.check(conn, "過年的鞭炮")  # traditional text through the bundled converter
        checks.append(("prohibited items", bool(found), ", ".join(f.category for f in found)))
        pages = catalog.KINDS["pickup_sticker"].sample(SIZES["60x40"])
        label_pdf, tspl = pdf.render(pages), printer_jobs.tspl(pages)
        (bitmap,) = printer_jobs.bitmap_from_tspl(tspl)
        checks.append(("label render", label_pdf.startswith(b"%PDF") and b"/FontFile2" in label_pdf
                       and bitmap.getbbox() is not None, f"{len(label_pdf)} B PDF, {len(tspl)} B TSPL"))
        window.syncPanel.shutdown()
        window.close()
        conn.close()
        print(f"Village Station {__version__} self-test")
    except Exception as exc:  # report, never a traceback for county IT
        checks.append(("start-up", False, f"{type(exc).__name__}: {exc}"))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    for name, ok, detail in checks:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}  {detail}")
    passed = sum(ok for _, ok, _ in checks)
    print(f"{passed} passed, {len(checks) - passed} failed")
    sys.stdout.flush()
    return 0 if passed == len(checks) else 1
