"""Phone and ID numbers masked wherever the console shows free text (log details, message texts)."""

from __future__ import annotations

import re

_ID = re.compile(r"(?<!\d)(\d{4})\d{10}(\d{3}[\dXx])(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask(text: object) -> str:
    value = "" if text is None else str(text)
    return _MOBILE.sub(r"\1****\2", _ID.sub(r"\1**********\2", value))
