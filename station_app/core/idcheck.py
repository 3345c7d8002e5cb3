"""Checking identity numbers for real-name registration (实名收寄): resident ID and company credit code."""

from __future__ import annotations

from datetime import date

from .errors import StationError

# GB 11643-1999: the 18th character is a check over the first 17 digits.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# GB/T 2260 province-level codes (the first two digits of the region code).
PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50,
                       51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82})
# GB 32100-2015: unified social credit code, 18 characters from this alphabet, the last a check.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_resident_id(text: str, today: date | None = None) -> str:
    """A valid 18-digit resident ID (upper-case X), or StationError naming what is wrong."""
    value = text.strip().upper()
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise StationError("id_format", "18 characters: 17 digits and a digit or X")
    if int(value[:2]) not in PROVINCES or value[2:6] == "0000":
        raise StationError("id_region", value[:6])
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise StationError("id_birth_date", value[6:14]) from exc
    if born.year < 1900 or born > (today or date.today()):
        raise StationError("id_birth_date", value[6:14])
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[17]:
        raise StationError("id_check_digit", value[17])
    return value


def check_credit_code(text: str) -> str:
    """A valid unified social credit code, or StationError."""
    value = text.strip().upper()
    if len(value) != 18 or any(ch not in _USCC_CHARS for ch in value):
        raise StationError("uscc_format", "18 characters, no I, O, S, V or Z")
    if not value[2:8].isdigit() or int(value[2:4]) not in PROVINCES:
        raise StationError("uscc_region", value[2:8])
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    if _USCC_CHARS[(31 - total % 31) % 31] != value[17]:
        raise StationError("uscc_check_digit", value[17])
    return value


def mask_id(value: str) -> str:
    """5002**********1234: the region's first four and the last four."""
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "*" * len(value)


def with_check_digit(first17: str) -> str:
    """The full ID for 17 digits (tests and sample data build valid numbers with it)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return first17 + _ID_CHECK[total % 11]


def credit_code_with_check(first17: str) -> str:
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC_CHARS[(31 - total % 31) % 31]
