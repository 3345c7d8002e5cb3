"""When to try the county again: back off after failures, with jitter, and never before ``Retry-After``."""

from __future__ import annotations

import random

AFTER_SUCCESS = 300.0  # seconds between syncs while the link works
FIRST_RETRY = 15.0
MAX_RETRY = 900.0
BUSY_RETRY = 60.0  # another sync of the same data folder is running: try again soon, it is not a failure


def next_delay(failures: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
    """Seconds until the next attempt. ``failures`` in a row (0 after a success); jitter spreads 300 stations
    that lost the link together so they do not all come back in the same second."""
    rng = rng or random.Random()
    if failures <= 0:
        base = AFTER_SUCCESS
    else:
        base = min(MAX_RETRY, FIRST_RETRY * 2 ** (failures - 1))
    delay = base * rng.uniform(0.5, 1.5)
    return max(delay, retry_after or 0.0)
