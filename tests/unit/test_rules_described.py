"""Each rule in plain Swedish, as the overview, goal page and `goals --json` show it."""

from goals.describe import describe_target, target_label
from indicators.numbers import format_number


def test_every_target_has_a_description(agreement, catalogue):
    for target in agreement.targets:
        assert describe_target(target, agreement, catalogue).endswith(".")


def test_target_label(agreement, catalogue):
    tobak_ak6 = agreement.goal("tobak").targets[0]
    assert target_label(tobak_ak6, catalogue) == "Använder tobak, åk 6"


def test_swedish_number_format():
    assert format_number(1234.5, 1) == "1\u00a0234,5"
    assert format_number(2, 2) == "2,00"
    assert format_number(95) == "95"
