"""A target year by year, as the goal page charts and tabulates it."""

import datetime as dt

import pytest

from goals.evidence import Evidence
from goals.history import target_history
from goals.status import Status
from tests.unit.rows import AFTER_THE_PERIOD, bou, months, row


def history(agreement, catalogue, target_id, rows, today=AFTER_THE_PERIOD):
    target = next(t for t in agreement.targets if t.id == target_id)
    return target_history(target, agreement, catalogue, Evidence({target_id: rows}), today)


def test_years_carry_value_interval_origin_and_their_own_verdict(agreement, catalogue):
    rows = [row("2014", 150, line=1), row("2019", 96, line=10), row("2020", 104, line=12)]
    found = history(agreement, catalogue, "bostadsinbrott", rows)
    assert (found.first_year, found.last_year) == (2015, 2022)
    assert [p.year for p in found.points] == [2019, 2020, 2021, 2022]  # 2014 is before the window
    y2019 = found.point(2019)
    # The verdict's interval: the default φ = 1.5 times Garwood(64) = 49.3–81.7 (table).
    assert y2019.interval == pytest.approx((73.9, 122.6), abs=0.05)
    assert y2019.interval == y2019.verdict.ci
    assert y2019.verdict.status is Status.UPPNATT
    assert found.point(2020).verdict.status is Status.EJ_UPPNATT
    assert y2019.origins[0].file == "export.csv" and y2019.origins[0].places == "rad 10"
    assert found.point(2021).value is None
    assert found.point(2021).verdict.reason == "data saknas"


def test_a_partial_year_shows_its_projection_and_prediction_interval(agreement, catalogue):
    found = history(
        agreement, catalogue, "bostadsinbrott", months(2022, [8] * 6, line=5), dt.date(2022, 7, 10)
    )
    partial = found.point(2022)
    assert (partial.value, partial.complete, partial.months, partial.projected) == (
        48,
        False,
        6,
        96,
    )
    low, high = partial.projection_interval
    assert low < 96 < high
    assert partial.origins[0].places == "rad 5"


def test_a_comparison_has_one_verdict_at_the_wave_it_was_judged_on(agreement, catalogue):
    found = history(agreement, catalogue, "tobak.ak9", [bou("2016", 20, 300), bou("2021", 15, 300)])
    assert found.baseline_year == 2016 and found.last_year == 2023
    assert [(p.year, p.verdict is not None) for p in found.points] == [(2016, False), (2021, True)]
    assert found.point(2021).interval == pytest.approx((11.4, 19.5), abs=0.05)


def test_month_profile_beside_the_mean_of_earlier_complete_years(agreement, catalogue):
    from goals.history import month_profile

    target = next(t for t in agreement.targets if t.id == "bostadsinbrott")
    rows = months(2020, [10] * 12) + months(2021, [6] * 12) + months(2022, [7] * 3)
    profile = month_profile(target, catalogue, Evidence({"bostadsinbrott": rows}), 2022)
    assert profile.months == {1: 7, 2: 7, 3: 7}
    assert profile.earlier_mean[1] == 8 and profile.earlier_years == [2020, 2021]
    yearly = Evidence({"bostadsinbrott": [row("2022", 90)]})
    assert month_profile(target, catalogue, yearly, 2022) is None


def test_a_lower_bound_year_has_no_interval(agreement, catalogue):
    extract = [
        row("2021", 60, breakdown={"brottskod": code}, origin="polisen", status=None)
        for code in ("1201", "1203", "1208", "1209")
    ]
    found = history(agreement, catalogue, "skadegorelse", extract)
    point = found.point(2021)
    assert point.value == 240 and point.interval is None
    assert point.verdict.coverage.lower_bound
