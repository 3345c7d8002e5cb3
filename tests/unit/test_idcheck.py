"""Real-name registration checks: GB 11643 resident IDs and GB 32100 unified social credit codes."""

from __future__ import annotations

from datetime import date

import pytest

from station_app.core import idcheck
from station_app.core.errors import StationError

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("number", [
    "11010519491231002X",  # the standard's own example, check digit X
    idcheck.with_check_digit("44030819990101123"),
    idcheck.with_check_digit("50023719850615123"),  # Chongqing Wushan: code from 1997, holder born before
    idcheck.with_check_digit("50022819700101123"),  # 梁平县, a code withdrawn in 2016 that cards still carry
])
def test_valid_resident_ids(number):
    assert idcheck.check_resident_id(number.lower(), TODAY) == number.upper()


@pytest.mark.parametrize("number,code", [
    ("110105194912310021", "id_check_digit"),
    ("11010519491231002", "id_format"),
    ("1101051949123100XX", "id_format"),
    (idcheck.with_check_digit("11010519490230002"), "id_birth_date"),  # 30 February
    (idcheck.with_check_digit("11010520300101002"), "id_birth_date"),  # born in the future
    (idcheck.with_check_digit("99010519491231002"), "id_region"),
    (idcheck.with_check_digit("50000019850615123"), "id_region"),
    (idcheck.with_check_digit("50999919850615123"), "id_region"),  # a real province, a county that never was
])
def test_invalid_resident_ids(number, code):
    with pytest.raises(StationError) as err:
        idcheck.check_resident_id(number, TODAY)
    assert err.value.code == code


def test_credit_codes():
    valid = "91350100M000100Y43"  # a published example with a correct check character
    assert idcheck.check_credit_code(valid.lower()) == valid
    assert idcheck.check_credit_code(idcheck.credit_code_with_check("9150023772000001X")).startswith("915002")
    for bad, code in (("91350100M000100Y44", "uscc_check_digit"), ("91350100M000100YI3", "uscc_format"),
                      ("9135010", "uscc_format"),
                      (idcheck.credit_code_with_check("91AB0100M000100Y4"), "uscc_region"),
                      (idcheck.credit_code_with_check("91990100M000100Y4"), "uscc_region")):
        with pytest.raises(StationError) as err:
            idcheck.check_credit_code(bad)
        assert err.value.code == code


def test_masking():
    assert idcheck.mask_id("11010519491231002X") == "1101**********002X"
