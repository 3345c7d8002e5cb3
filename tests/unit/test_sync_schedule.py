"""The retry schedule: backing off, capped, jittered, and never before the server's Retry-After."""

from __future__ import annotations

import random

from sync import schedule


def test_backs_off_doubling_up_to_the_cap_with_jitter():
    rng = random.Random(1)
    for failures, base in ((1, 15), (2, 30), (3, 60), (6, 480), (20, 900)):
        delays = [schedule.next_delay(failures, rng=rng) for _ in range(200)]
        assert base * 0.5 <= min(delays) and max(delays) <= base * 1.5
        assert max(delays) - min(delays) > base * 0.5  # really spread out


def test_retry_after_is_honoured_and_success_waits_the_normal_interval():
    rng = random.Random(2)
    assert all(schedule.next_delay(1, retry_after=120, rng=rng) >= 120 for _ in range(50))
    assert all(150 <= schedule.next_delay(0, rng=rng) <= 450 for _ in range(50))
