"""Built-in reference data: shipped rows, or a loud error, never a quiet empty list."""

from __future__ import annotations

import sys

import pytest

from station_app.core import refdata


def test_each_builtin_kind_has_rows():
    for kind in ("prohibited_items", "price_table", "bus_runs", "bill_types", "produce_catalog", "regions"):
        assert refdata.builtin(kind), kind


def test_missing_builtin_data_is_an_error_not_an_empty_list(conn):
    with pytest.raises(refdata.BuiltinDataMissing, match="no_such_kind"):
        refdata.builtin("no_such_kind")
    with pytest.raises(refdata.BuiltinDataMissing):  # nor through the rows the counter reads
        refdata.rows(conn, "no_such_kind")


def test_a_damaged_builtin_file_is_an_error_naming_the_line_not_a_crash(tmp_path, monkeypatch):
    folder = tmp_path / "resources" / "reference"
    folder.mkdir(parents=True)
    (folder / "bus_runs.csv").write_text("route_code,mode\nSL-LW,bus\nSL-HH,bus,extra\n", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # an installed bundle whose files live in tmp_path
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(refdata.BuiltinDataMissing, match="line 3"):
        refdata.builtin("bus_runs")
