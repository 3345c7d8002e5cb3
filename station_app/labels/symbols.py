"""Barcode and QR module patterns from the field's own libraries; drawing them is the renderers' job."""

from __future__ import annotations

from functools import lru_cache

import barcode
import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_MODULES = 10  # Code 128 quiet zone each side


def code128_encodable(data: str) -> bool:
    """Code 128 carries printable ASCII only: a Chinese word must never reach the encoder."""
    return bool(data) and all(" " <= ch <= "~" for ch in data)


@lru_cache(maxsize=512)
def code128_modules(data: str) -> str:
    """'1101…': one character per module, bars are '1'; python-barcode picks the shortest code sets."""
    return barcode.get_barcode_class("code128")(data).build()[0]


@lru_cache(maxsize=512)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def runs(modules: str) -> list[tuple[int, int]]:
    """(start, length) of each bar, in modules."""
    bars, start = [], None
    for i, m in enumerate(modules + "0"):
        if m == "1" and start is None:
            start = i
        elif m == "0" and start is not None:
            bars.append((start, i - start))
            start = None
    return bars
