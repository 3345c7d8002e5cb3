"""Phone numbers and names: validation and the masks shown wherever the full value is not needed."""

from __future__ import annotations

import re

from .errors import StationError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SEPARATORS = re.compile(r"[\s\-()（）]")


def normalize_mobile(text: str) -> str:
    """A mainland mobile number as 11 digits, or StationError('phone_invalid')."""
    digits = _SEPARATORS.sub("", text.strip())
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix):]
    if not _MOBILE.match(digits):
        raise StationError("phone_invalid", mask_phone(digits), value=mask_phone(digits))
    return digits


def is_mobile(text: str) -> bool:
    return bool(_MOBILE.match(text))


def normalize_tail(text: str) -> str:
    tail = text.strip()
    if not (len(tail) == 4 and tail.isdigit()):
        raise StationError("tail_invalid", tail)
    return tail


def mask_phone(phone: str) -> str:
    """138****1234; a bare tail is shown as ****1234."""
    if len(phone) == 11:
        return f"{phone[:3]}****{phone[-4:]}"
    if len(phone) <= 4:
        return f"****{phone}" if phone else ""
    return "*" * (len(phone) - 4) + phone[-4:]


def mask_name(name: str) -> str:
    """张* / 张*明 / 欧阳** : the family name and, for three or more characters, the last one."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
