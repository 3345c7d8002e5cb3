"""Time: stored as UTC ISO-8601, a business day is a local date."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """UTC ISO-8601 with milliseconds; sorts as text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def local_text(iso: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time shown in the machine's local time; empty for None."""
    return from_iso(iso).astimezone().strftime(fmt) if iso else ""
