"""The admin commands as county IT runs them: real processes, real files, exit codes."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "station_app", *args], capture_output=True, text=True,
                          encoding="utf-8", env=full_env, timeout=60)


def test_init_import_export_check(tmp_path: Path):
    data = str(tmp_path / "d")
    made = run("init", "--data-dir", data, "--station-code", "S001", "--station-name", "槐花村便民服务站",
               "--clerk", "王芳", "--pin", "1234", "--shelves", "2")
    assert made.returncode == 0, made.stderr
    assert "槐花村便民服务站" in made.stdout and "创建" in made.stdout  # Chinese by default
    again = run("init", "--data-dir", data, "--station-code", "S002", "--station-name", "x", "--clerk", "y",
                "--pin", "1234")
    assert again.returncode == 1 and "已经有站点" in again.stderr

    manifest = tmp_path / "m.csv"
    manifest.write_bytes("waybill,courier,recipient_name,recipient_phone\nSF1234567890123,顺丰,张三,13812345678\n"
                         .encode("gbk"))
    imported = run("import-manifest", str(manifest), "--data-dir", data)
    assert imported.returncode == 0 and "1" in imported.stdout

    bad = tmp_path / "bad.csv"
    bad.write_text("waybill,courier,recipient_name,recipient_phone\nSF1,顺丰,张三,138\nYT1234567890123,,李四,1\n",
                   encoding="utf-8")
    refused = run("import-manifest", str(bad), "--data-dir", data, "--lang", "en")
    assert refused.returncode == 1
    assert "line 2" in refused.stderr and "line 3" in refused.stderr

    out = tmp_path / "parcels.csv"
    exported = run("export", "parcels", "--data-dir", data, "--out", str(out))
    assert exported.returncode == 0
    assert list(csv.reader(out.open(encoding="utf-8-sig")))[0][0] == "waybill"
    assert run("check", "--data-dir", data).returncode == 0
    assert run("add-clerk", "--data-dir", data, "--name", "李明", "--pin", "5678").returncode == 0


def test_data_dir_from_the_environment_and_a_missing_station(tmp_path: Path):
    data = tmp_path / "env-dir"
    made = run("init", "--station-code", "S001", "--station-name", "站", "--clerk", "王芳", "--pin", "1234",
               env={"STATION_DATA_DIR": str(data)})
    assert made.returncode == 0 and (data / "station.db").is_file()
    empty = run("check", "--data-dir", str(tmp_path / "nothing-here"))
    assert empty.returncode == 1 and "station-app init" in empty.stderr


def test_gui_without_a_display_explains_instead_of_crashing(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "station_app", "--data-dir", str(tmp_path)], env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    if sys.platform.startswith("linux"):
        assert result.returncode == 2 and "DISPLAY" in result.stderr


def test_print_test_writes_every_kind_the_app_prints_named_by_kind(tmp_path: Path):
    from station_app.labels import catalog

    out = tmp_path / "out"
    done = run("print-test", "--data-dir", str(tmp_path / "d"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = {p.name for p in out.iterdir()}
    expected = {f"{k.name}.pdf" for k in catalog.KINDS.values()}
    expected |= {f"{k.name}.{ext}" for k in catalog.KINDS.values() if k.thermal for ext in ("tspl", "zpl")}
    assert names == expected
    assert {"handover_list.pdf", "bill_receipt.pdf", "produce_receipt.pdf", "settlement_statement.pdf",
            "day_close_report.pdf", "period_report.pdf", "pickup_sticker.tspl"} <= names
    assert "bill_receipt.tspl" not in names  # an 80 mm receipt is not a job for a label printer
    assert all(str(out / name) in done.stdout for name in names)


def test_print_test_speaks_the_station_document_language(tmp_path: Path):
    """The samples come out in the station's document language, or the one asked for."""
    import pymupdf

    from station_app.core import db, settings, station

    def words(folder: Path) -> str:
        with pymupdf.open(folder / "bill_receipt.pdf") as doc:
            return "".join(page.get_text() for page in doc)

    data = tmp_path / "d"
    assert run("print-test", "--data-dir", str(data), "--out", str(tmp_path / "zh")).returncode == 0
    assert "缴费类型" in words(tmp_path / "zh")  # no station yet: Chinese
    conn = db.open_db(data)
    _, boss = station.init_station(conn, "S001", "龙雾村便民服务站", "王芳", "1234")
    settings.change(conn, "document_language", "en", clerk_id=boss.id)
    conn.close()
    assert run("print-test", "--data-dir", str(data), "--out", str(tmp_path / "en")).returncode == 0
    assert "Bill type" in words(tmp_path / "en") and "缴费类型" not in words(tmp_path / "en")
    done = run("print-test", "--data-dir", str(data), "--out", str(tmp_path / "asked"), "--document-language", "zh_CN")
    assert done.returncode == 0 and "缴费类型" in words(tmp_path / "asked")
