"""Money typed and shown as yuan, kept as integer fen; weights typed as kg, kept as grams. No floats."""

from __future__ import annotations

import re

from .errors import StationError

_DECIMAL = re.compile(r"^\d{1,9}(\.\d{0,3})?$")


def _scaled(text: str, places: int, code: str) -> int:
    value = text.strip().replace("¥", "").replace(",", "").replace("，", "")
    if not _DECIMAL.match(value) or ("." in value and len(value.split(".")[1]) > places):
        raise StationError(code, text)
    whole, _, frac = value.partition(".")
    return int(whole) * 10**places + int((frac + "0" * places)[:places])


def parse_yuan(text: str) -> int:
    """'12.8' → 1280 fen."""
    return _scaled(text, 2, "money_invalid")


def parse_kg(text: str) -> int:
    """'2.35' → 2350 g."""
    return _scaled(text, 3, "weight_invalid")


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def kg(grams: int) -> str:
    return f"{grams // 1000}.{grams % 1000:03d} kg"


def signed_yuan(fen: int) -> str:
    """A difference: '+¥10.00', '-¥5.00', '¥0.00'."""
    return f"+{yuan(fen)}" if fen > 0 else yuan(fen)


def kg_number(grams: int) -> str:
    """'1.234' for 1234 g, the unit left to the caller's language (公斤 / kg)."""
    return f"{grams // 1000}.{grams % 1000:03d}"
