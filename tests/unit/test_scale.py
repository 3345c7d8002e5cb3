"""The bench scale: a simulated scale writing to a pseudo-terminal, read through pyserial like the real one."""

from __future__ import annotations

import pytest

from station_app.devices.scale import Reading, Scale, ScaleError, parse

from ..devices import SimulatedScale


@pytest.mark.parametrize("line,reading", [
    ("ST,GS,+  1.234kg", Reading(1234, True)), ("US,GS,+  1.230kg", Reading(1230, False)),
    ("+001.234 kg", Reading(1234, None)), ("1234 g", Reading(1234, None)), ("ST,NT,-  0.050kg", Reading(-50, True)),
    ("12.5kg", Reading(12500, None)), ("garbage", None),
])
def test_parse_lines_of_common_scales(line, reading):
    assert parse(line) == reading


def test_overload_is_an_error():
    with pytest.raises(ScaleError) as err:
        parse("OL,GS,+  0.000kg")
    assert err.value.code == "overload"


def test_a_weighing_waits_until_the_scale_is_stable():
    sim = SimulatedScale(["US,GS,+  0.800kg", "US,GS,+  2.150kg", "US,GS,+  2.310kg", "ST,GS,+  2.300kg"])
    scale = Scale(sim.path)
    try:
        assert scale.take_stable(timeout=5) == 2300
    finally:
        scale.close()
        sim.stop()


def test_a_scale_without_a_stable_flag_is_taken_when_the_weight_repeats():
    sim = SimulatedScale(["+000.950 kg", "+001.480 kg", "+001.500 kg"])
    scale = Scale(sim.path)
    try:
        assert scale.take_stable(timeout=5) == 1500
    finally:
        scale.close()
        sim.stop()


def test_no_such_port():
    with pytest.raises(ScaleError) as err:
        Scale("/dev/no-such-scale")
    assert err.value.code == "port"
