"""Built-in reference data: shipped rows, or a loud error, never a quiet empty list."""

from __future__ import annotations

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
