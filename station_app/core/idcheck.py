"""Checking identity numbers for real-name registration (实名收寄): resident ID and company credit code.

The arithmetic and the region table come from python-stdnum (`stdnum.cn.ric`, `stdnum.cn.uscc`, and its
`cn/loc` table of every county code GB/T 2260 has ever had). The order of the checks and the error codes are
ours, so the counter keeps telling the clerk which part of the number is wrong.

We do not call `ric.validate()` whole: it refuses a county code that did not exist in the holder's birth year,
but the code is the one in force when the card was issued, so every Chongqing resident born before 1997
(500237 巫山县 …) would be refused. A region passes here if the code has ever named a county.
"""

from __future__ import annotations

import functools
from datetime import date

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from .errors import StationError

# GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z), the last a check.
_USCC_CHARS = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")


@functools.cache
def _places() -> numdb.NumDB:
    return numdb.get("cn/loc")


def _place(code: str) -> dict[str, str]:
    """The properties stdnum's region table gives a six-digit code ('province', 'county' when known)."""
    return {key: value for _part, props in _places().info(code) for key, value in props.items()}


def check_resident_id(text: str, today: date | None = None) -> str:
    """A valid 18-digit resident ID (upper-case X), or StationError naming what is wrong."""
    value = text.strip().upper()
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise StationError("id_format", "18 characters: 17 digits and a digit or X")
    # A card always carries a county-level code, never a whole province's (xx0000).
    if value[2:6] == "0000" or "county" not in _place(value[:6]):
        raise StationError("id_region", value[:6])
    try:
        born = ric.get_birth_date(value)
    except ValidationError as exc:
        raise StationError("id_birth_date", value[6:14]) from exc
    if born.year < 1900 or born > (today or date.today()):
        raise StationError("id_birth_date", value[6:14])
    if ric.calc_check_digit(value) != value[17]:
        raise StationError("id_check_digit", value[17])
    return value


def check_credit_code(text: str) -> str:
    """A valid unified social credit code, or StationError."""
    value = text.strip().upper()
    if len(value) != 18 or any(ch not in _USCC_CHARS for ch in value):
        raise StationError("uscc_format", "18 characters, no I, O, S, V or Z")
    # The registering authority may be a province or city office (110000, 350100): only the province must exist.
    if not value[2:8].isdigit() or "province" not in _place(value[2:8]):
        raise StationError("uscc_region", value[2:8])
    try:
        uscc.validate(value)
    except ValidationError as exc:
        raise StationError("uscc_check_digit", value[17]) from exc
    return value


def mask_id(value: str) -> str:
    """5002**********1234: the region's first four and the last four."""
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "*" * len(value)


def with_check_digit(first17: str) -> str:
    """The full ID for 17 digits (tests and sample data build valid numbers with it)."""
    return first17 + ric.calc_check_digit(first17 + "0")


def credit_code_with_check(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)
