"""Slowing down repeated enrolment failures per address (in memory: a restart forgives, which is fine: the
codes are 64 random bits, the throttle is against noise and load, not the only thing between a guesser and a
code). A few failures are free; after that the next attempt must wait ``base`` seconds, and each further failure
doubles the wait, up to a cap."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class _Record:
    failures: int
    last: float


class FailureThrottle:
    def __init__(self, free: int = 5, base: float = 5.0, cap: float = 900.0, forget_after: float = 3600.0,
                 max_addresses: int = 10_000) -> None:
        self.free, self.base, self.cap = free, base, cap
        self.forget_after, self.max_addresses = forget_after, max_addresses
        self._records: dict[str, _Record] = {}

    def wait(self, address: str, now: float | None = None) -> float:
        """Seconds this address must still wait before its next attempt (0: go ahead)."""
        now = time.monotonic() if now is None else now
        record = self._records.get(address)
        if record is None:
            return 0.0
        if now - record.last > self.forget_after:
            del self._records[address]
            return 0.0
        if record.failures < self.free:
            return 0.0
        delay = min(self.cap, self.base * 2.0 ** (record.failures - self.free))
        return max(0.0, record.last + delay - now)

    def failed(self, address: str, now: float | None = None) -> int:
        """Count a failure; returns how many this address has had lately."""
        now = time.monotonic() if now is None else now
        record = self._records.pop(address, None)  # re-inserted last: dict order is age order
        if record is None or now - record.last > self.forget_after:
            record = _Record(0, now)
        record.failures += 1
        record.last = now
        self._records[address] = record
        while len(self._records) > self.max_addresses:  # a flood of addresses forgets the oldest first
            del self._records[next(iter(self._records))]
        return record.failures

    def succeeded(self, address: str) -> None:
        self._records.pop(address, None)
