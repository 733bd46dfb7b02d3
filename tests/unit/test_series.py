"""Counts stay whole numbers from file to verdict (issue 14, point 2)."""

from __future__ import annotations

from goals.series import count_years
from goals.status import Status
from tests.unit.rows import row
from tests.unit.rules.judging import verdict

# SOL's burglary label holds every code of the indicator, so no count here is a lower bound.
CODE = {"brottstyp": "Inbrottsstöld i bostad"}


def test_four_quarters_of_25_are_exactly_100_and_do_not_understiga_100(agreement, catalogue):
    quarters = [row(f"2022-Q{q}", 25, breakdown=CODE) for q in (1, 2, 3, 4)]
    counted = count_years(quarters)[2022]
    assert counted.value == 100 and counted.complete
    assert counted.months == {}  # never spread over months as fractions
    result = verdict(agreement, catalogue, "bostadsinbrott", quarters, 2022)
    assert result.value == 100 and result.status == Status.EJ_UPPNATT


def test_quarters_with_thirds_sum_exactly(agreement, catalogue):
    # 100 / 3 per month would not add back up in floating point; the quarters themselves do.
    quarters = [
        row(f"2022-Q{q}", v, breakdown=CODE)
        for q, v in zip((1, 2, 3, 4), (33, 34, 16, 16), strict=True)
    ]
    assert count_years(quarters)[2022].value == 99
    result = verdict(agreement, catalogue, "bostadsinbrott", quarters, 2022)
    assert result.status == Status.UPPNATT


def test_three_quarters_cover_nine_months(agreement, catalogue):
    quarters = [row(f"2022-Q{q}", 25, breakdown=CODE) for q in (1, 2, 3)]
    counted = count_years(quarters)[2022]
    assert counted.value == 75 and counted.covered == frozenset(range(1, 10))
    assert not counted.complete


def test_months_and_a_quarter_are_each_summed_in_their_own_type(agreement, catalogue):
    rows = [row(f"2022-{m:02d}", 7, breakdown=CODE) for m in range(1, 10)]
    rows.append(row("2022-Q4", 40, breakdown=CODE))
    counted = count_years(rows)[2022]
    assert counted.value == 9 * 7 + 40 and counted.complete
    assert sorted(counted.months) == list(range(1, 10))


def test_a_yearly_total_is_used_as_published(agreement, catalogue):
    rows = [row("2022", 100, breakdown=CODE)]
    assert count_years(rows)[2022].value == 100
