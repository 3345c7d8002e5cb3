"""One written form for matching what a clerk types against a list: the same word typed full-width,
traditional, upper-case or with spaces in it is the same word."""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc

# Spaces and invisible characters a clerk or a pasted text may put between the characters of one word.
_IGNORED = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


@functools.cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")  # the field's own converter (OpenCC), traditional → simplified


def normalize(text: str) -> str:
    """Full-width → half-width (NFKC), lower case, traditional → simplified characters, no spaces."""
    folded = _to_simplified().convert(unicodedata.normalize("NFKC", text)).casefold()
    return _IGNORED.sub("", folded)
