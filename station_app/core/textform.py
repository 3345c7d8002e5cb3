"""One written form for matching what a clerk types against a list: the same word typed full-width,
traditional, upper-case or with spaces in it is the same word."""

from __future__ import annotations

import functools
import re
import unicodedata

from .. import paths

# Spaces and invisible characters a clerk or a pasted text may put between the characters of one word.
_IGNORED = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


@functools.cache
def _traditional() -> dict[int, str]:
    table: dict[int, str] = {}
    with open(paths.resource("reference", "traditional_chars.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\t" not in line:
                continue
            old, new = line.rstrip("\n").split("\t")[:2]
            table[ord(old)] = new
    return table


def normalize(text: str) -> str:
    """Full-width → half-width (NFKC), lower case, traditional → simplified characters, no spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_traditional())
    return _IGNORED.sub("", folded)
