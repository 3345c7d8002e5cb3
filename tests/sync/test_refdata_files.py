"""A county file with a line that has more columns than its header (an unquoted comma in a name): the admin CLI
refuses it by line number in Chinese and English and stores nothing; never a traceback (real processes)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from . import pg


def county(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def count(data: Path, sql: str) -> int:
    if pg.enabled():
        return pg.run(pg.database_for(data), sql)[0][0]
    conn = sqlite3.connect(data / "county.db")
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "county"
    assert county(folder, "station", "add", "--code", "S001", "--name", "龙雾村便民服务站").returncode == 0
    return folder


def refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "未保存任何内容" in result.stderr and all(w in result.stderr for w in words), result.stderr


def test_a_manifest_line_with_more_columns_than_the_header_is_refused_by_its_line(data, tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("station,waybill,courier,recipient_name,recipient_phone\n"
                    "S001,ZT000000000001,中通,王芳,13812345678\n"
                    "S001,ZT000000000002,中通,李,四,13812345679\n", encoding="utf-8")  # a comma in the name
    refused(county(data, "manifest", "import", str(path)), "第 3 行", "应有 5 列，实有 6 列", "line 3")
    assert count(data, "SELECT count(*) FROM feed") == 0  # not even the good line


def test_reference_and_sale_files_are_refused_alike(data, tmp_path):
    path = tmp_path / "couriers.csv"
    path.write_text("code,name,patterns\nZTO,中通,^ZT\\d{12}$\nYTO,圆通,^YT\\d{13}$,extra\n", encoding="utf-8")
    refused(county(data, "ref", "import", "couriers", str(path)), "第 3 行", "line 3")
    sales = tmp_path / "sales.csv"
    sales.write_text("station,lot_no,sold_g,sales_fen\nS001,L1,100,200,300\n", encoding="utf-8")
    refused(county(data, "sale", "import", str(sales)), "第 2 行")
    nul = tmp_path / "nul.csv"
    nul.write_text('code,name,patterns\nZTO,"中通\x00,^ZT\n', encoding="utf-8")
    refused(county(data, "ref", "import", "couriers", str(nul)), "空字符")
    assert count(data, "SELECT count(*) FROM reference") == 0
