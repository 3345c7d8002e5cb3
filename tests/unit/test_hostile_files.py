"""Files that come from outside: manifests pasted together, absurd fields, huge imports, cells that are formulas."""

from __future__ import annotations

import csv
import json
import os
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest

from station_app.core import export, journal, manifest, spreadsheet
from station_app.core.errors import ManifestError
from sync import protocol

ROOT = Path(__file__).resolve().parents[2]
HEADER = "waybill,courier,recipient_name,recipient_phone\n"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "station_app", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, cwd=ROOT, env=dict(os.environ))


@pytest.fixture
def station_dir(tmp_path: Path) -> Path:
    data = tmp_path / "d"
    made = cli("init", "--data-dir", str(data), "--station-code", "S001", "--station-name", "站", "--clerk", "王芳",
               "--pin", "1234")
    assert made.returncode == 0, made.stderr
    return data


def manifest_rows(data: Path) -> list[tuple[str, str]]:
    from station_app.core import db

    conn = db.connect(data / db.DB_FILENAME)
    try:
        return [tuple(r) for r in conn.execute("SELECT waybill, recipient_name FROM manifest ORDER BY waybill")]
    finally:
        conn.close()


def test_a_manifest_mixing_utf8_and_gbk_is_refused_with_its_line(station_dir, tmp_path):
    lines = [f"YT{n:013d},,张三{n},13812345678\n".encode() for n in range(1, 6)]
    lines[3] = "YT0000000000004,,李四,13812345678\n".encode("gbk")  # line 5 of the file, pasted from a GBK one
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + b"".join(lines))
    refused = cli("import-manifest", str(path), "--data-dir", str(station_dir))
    assert refused.returncode == 1, refused.stdout
    assert "第 5 行" in refused.stderr
    assert "编码" in refused.stderr
    assert manifest_rows(station_dir) == []  # not imported as mojibake
    # A whole file in GBK, or in UTF-8, still comes in.
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes((HEADER + "YT0000000000004,,李四,13812345678\n").encode("gbk"))
    assert cli("import-manifest", str(gbk), "--data-dir", str(station_dir)).returncode == 0
    assert manifest_rows(station_dir) == [("YT0000000000004", "李四")]


def test_a_field_over_the_csv_limit_is_a_clear_error(station_dir, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(HEADER + "YT0000000000001,,张三,13812345678\n" + "YT0000000000002,,\"" + "x" * 140_000
                    + "\",13812345678\n", encoding="utf-8")
    refused = cli("import-manifest", str(path), "--data-dir", str(station_dir), "--lang", "en")
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert "line 3" in refused.stderr and "too long" in refused.stderr
    assert manifest_rows(station_dir) == []


def test_a_huge_manifest_becomes_ops_that_each_fit_the_upload_limit(conn, boss):
    chars = string.ascii_uppercase + string.digits
    rng = random.Random(11)
    waybills = [rng.choice(string.ascii_uppercase) + "".join(rng.choices(chars, k=39)) for _ in range(100_000)]
    raw = (HEADER + "".join(f"{w},,,138{n % 10**8:08d}\n" for n, w in enumerate(waybills))).encode()
    assert manifest.import_bytes(conn, raw, source="county.csv", clerk_id=boss.id) == 100_000
    ops = journal.pending(conn, limit=1000)
    imported = [op for op in ops if op.type == "manifest.imported"]
    assert len(imported) > 1
    seen: list[str] = []
    for op in imported:
        body = {"protocol": protocol.VERSION, "station": "S001", "ops": [{
            "op_id": op.op_id, "device_seq": op.device_seq, "type": op.type, "entity_id": op.entity_id,
            "payload": op.payload, "clerk_id": op.clerk_id, "created_at": op.created_at}]}
        # Alone, each op is far below both limits, so a batch can always be cut to fit.
        assert len(protocol.encode(body)) < protocol.MAX_COMPRESSED_BYTES // 8
        assert len(json.dumps(body, ensure_ascii=False).encode()) < protocol.MAX_BODY_BYTES // 64
        assert op.payload["rows"] == len(op.payload["waybills"])
        seen += op.payload["waybills"]
    assert seen == waybills  # every waybill once, in the file's order


HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1", "plain", "张三"]


def test_exported_cells_are_never_formulas(tmp_path):
    out = tmp_path / "x.csv"
    export.write_csv_atomic(out, ("name", "n"), [(value, -5) for value in HOSTILE])
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))[1:]
    assert [r[0] for r in rows] == ["'" + v for v in HOSTILE[:5]] + HOSTILE[5:]
    assert {r[1] for r in rows} == {"-5"}  # a number stays a number

    from openpyxl import load_workbook

    book = spreadsheet.write_xlsx(tmp_path / "x.xlsx", {"s": (("name", "n"), [(v, -5) for v in HOSTILE])})
    sheet = load_workbook(book)["s"]
    cells = [sheet.cell(row=i, column=1) for i in range(2, len(HOSTILE) + 2)]
    assert all(c.data_type == "s" for c in cells)  # text, not formulas
    assert [c.value for c in cells] == ["'" + v for v in HOSTILE[:5]] + HOSTILE[5:]
    assert sheet.cell(row=2, column=2).value == -5


def test_a_waybill_starting_with_a_minus_is_refused(conn, boss):
    """A waybill that starts with '-' is not a waybill (and would be a formula in Excel)."""
    with pytest.raises(ManifestError) as err:
        manifest.import_bytes(conn, (HEADER + "-12345678901,,张三,13812345678\n").encode(), source="m.csv",
                              clerk_id=boss.id)
    assert err.value.problems[0][:2] == (2, "bad_waybill")
