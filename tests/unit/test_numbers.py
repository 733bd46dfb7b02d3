"""indicators/numbers.py writes numbers as Babel's sv_SE pattern does, without Babel's cost."""

from __future__ import annotations

import math
import random

import pytest
from babel.numbers import format_decimal

from indicators.numbers import format_number


def babel(value: float, decimals: int) -> str:
    """What format_number returned when it called Babel (before it was written out)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale="sv_SE", decimal_quantization=True)
    return text.replace("\u202f", "\u00a0")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1\u00a0234,5"),
        (-1234.5, 1, "-1\u00a0234,5"),
        (999, 0, "999"),
        (1000, 0, "1\u00a0000"),
        (10_000_000, 0, "10\u00a0000\u00a0000"),
        (2.5, 0, "2"),  # half to even
        (3.5, 0, "4"),
        (0.125, 2, "0,12"),
        (1.005, 2, "1,00"),  # 1.005 is its shortest text; no binary surprise either way
        (0.05, 1, "0,0"),
        (-0.4, 0, "-0"),
        (7, 2, "7,00"),
        (math.inf, 1, "∞"),
        (-math.inf, 0, "-∞"),
        (math.nan, 0, "NaN"),
    ],
)
def test_hand_checked_numbers(value, decimals, expected):
    assert format_number(value, decimals) == expected
    assert babel(value, decimals) == expected


def test_the_same_text_as_babel_for_many_numbers():
    draw = random.Random(21)
    values: list[float] = [0.0, -0.0, 0.5, -0.5, 1e15, 123456789012.345]
    for _ in range(3000):
        scale = 10 ** draw.randint(-3, 9)
        values.append(draw.uniform(-1, 1) * scale)
        values.append(round(draw.uniform(-1, 1) * scale, draw.randint(0, 4)))
        values.append(draw.randint(-(10**9), 10**9))
    for value in values:
        for decimals in (0, 1, 2, 3):
            assert format_number(value, decimals) == babel(value, decimals), (value, decimals)
