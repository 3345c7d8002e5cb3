"""Errors a person can cause.

Core code has no Qt, so it cannot translate. Each error carries a stable ``code`` and the values to fill
in; ``ui.messages`` turns the code into a sentence in the clerk's language. ``str(err)`` is an English
fallback for logs and tests.
"""

from __future__ import annotations

from typing import Any


class StationError(Exception):
    """A refusal caused by input or state; nothing was changed."""

    def __init__(self, code: str, detail: str = "", /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code}: {detail}" if detail else code)


class ManifestError(StationError):
    """A manifest file that cannot be imported; ``problems`` lists (line number, problem code, value)."""

    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        self.problems = problems
        summary = "; ".join(f"line {n}: {p} {v!r}" for n, p, v in problems[:20])
        super().__init__("manifest_invalid", summary, count=len(problems))
