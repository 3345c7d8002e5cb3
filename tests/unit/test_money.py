"""Yuan and kilograms in, fen and grams kept, shown back the same: never a float."""

from __future__ import annotations

import pytest

from station_app.core import money
from station_app.core.errors import StationError


def test_round_trips():
    assert money.parse_yuan("12.8") == 1280 and money.parse_yuan("¥1,271.25") == 127125 and money.parse_yuan("3") == 300
    assert money.yuan(127125) == "¥1,271.25" and money.yuan(5) == "¥0.05" and money.yuan(-150) == "-¥1.50"
    assert money.parse_kg("2.35") == 2350 and money.parse_kg("0.005") == 5 and money.kg(49000) == "49.000 kg"


@pytest.mark.parametrize("text", ["", "abc", "1.234", "-3", "1e3", "0.1.2"])
def test_bad_money_is_refused(text):
    with pytest.raises(StationError):
        money.parse_yuan(text)


def test_differences_carry_their_sign_and_weights_leave_the_unit_to_the_language():
    assert money.signed_yuan(250) == "+¥2.50" and money.signed_yuan(-750) == "-¥7.50"
    assert money.signed_yuan(0) == "¥0.00"
    assert money.kg_number(18_500) == "18.500"
