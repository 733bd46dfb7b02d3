"""Swedish phrases that must not mislead near a status boundary."""

import pytest

from goals.words import probability_text, relation_text


@pytest.mark.parametrize(
    "probability, text",
    [
        (0.84, "84\u00a0%"),
        (0.796, "79,6\u00a0%"),
        (0.7999, "79,9\u00a0%"),
        (0.80, "80,0\u00a0%"),
        (0.203, "20,3\u00a0%"),
        (0.1996, "19,9\u00a0%"),
        (0.004, "under 1\u00a0%"),
        (0.996, "över 99\u00a0%"),
        (1.0, "över 99\u00a0%"),
        (0.0, "under 1\u00a0%"),
        (0.99, "99\u00a0%"),
        (0.01, "1\u00a0%"),
    ],
)
def test_probability_near_the_20_and_80_bands_keeps_its_side(probability, text):
    assert probability_text(probability) == text


def test_a_value_on_the_threshold_is_exactly_on_the_limit():
    assert relation_text(200, 200, "antal") == "exakt på gränsen 200"
