"""A scale that sends lines but no weight (noise, blank lines) ends the weighing at its timeout, never hangs."""

from __future__ import annotations

import sys

import pytest

from station_app.devices.scale import Scale, ScaleError

from ..devices import SimulatedScale

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals are POSIX")


def test_noise_without_a_weight_is_silent_at_the_timeout():
    sim = SimulatedScale(["", "#####"])
    scale = Scale(sim.path)
    try:
        with pytest.raises(ScaleError) as err:
            scale.take_stable(timeout=0.5)
        assert err.value.code == "silent"
    finally:
        scale.close()
        sim.stop()


def test_each_weight_is_handed_on_as_it_comes():
    sim = SimulatedScale(["US,GS,+  1.100kg"] * 5 + ["US,GS,+  1.200kg"] * 5 + ["ST,GS,+  1.250kg"])
    scale = Scale(sim.path)
    seen: list[int] = []
    try:
        assert scale.take_stable(timeout=5, on_reading=seen.append) == 1250
        assert seen[-1] == 1250 and 1200 in seen and set(seen) <= {1100, 1200, 1250}
    finally:
        scale.close()
        sim.stop()
