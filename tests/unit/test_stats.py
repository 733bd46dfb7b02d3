"""The statistics behind verdicts, against hand-checked values."""

import pytest

from goals import stats


def test_exact_poisson_interval_for_95_and_64():
    assert stats.poisson_interval(95) == pytest.approx((76.9, 116.1), abs=0.05)
    assert stats.poisson_interval(64) == pytest.approx((49.3, 81.7), abs=0.05)


def test_poisson_interval_for_zero_starts_at_zero():
    assert stats.poisson_interval(0) == pytest.approx((0.0, 3.69), abs=0.01)


def test_change_between_two_counts_is_an_exact_conditional_test():
    assert stats.poisson_change_p(110, 95) == pytest.approx(0.33, abs=0.005)


def test_change_between_two_shares_is_a_score_test():
    assert stats.share_change_p(20, 300, 15, 300) == pytest.approx(0.11, abs=0.005)


def test_wilson_interval_in_percent():
    assert stats.wilson_interval(15, 300) == pytest.approx((11.4, 19.5), abs=0.05)


@pytest.mark.parametrize(
    "value, op, threshold, expected",
    [
        (200, "<", 200, False),
        (199, "<", 200, True),
        (2.0, "<=", 2.0, True),
        (2.01, "<=", 2.0, False),
        (5, ">=", 5, True),
        (5, ">", 5, False),
    ],
)
def test_meets_reads_the_operator_strictly(value, op, threshold, expected):
    assert stats.meets(value, op, threshold) is expected


def test_interval_side():
    assert stats.interval_side((49.3, 81.7), "<", 100) is True
    assert stats.interval_side((76.9, 116.1), "<", 100) is None
    assert stats.interval_side((101.0, 140.0), "<", 100) is False


def test_seasonal_share_without_history_is_equal_months():
    assert stats.seasonal_share(range(1, 7), []) == 0.5


def test_seasonal_share_from_earlier_years():
    heavy_spring = {m: (12.0 if m <= 6 else 8.0) for m in range(1, 13)}
    assert stats.seasonal_share(range(1, 7), [heavy_spring, heavy_spring]) == pytest.approx(0.6)


def test_half_year_projection_doubles_without_history():
    forecast = stats.project_year(48, 0.5, "<", 100)
    assert forecast.expected == 96
    # The rest of the year is Poisson(48): P(rest <= 51) by hand (scipy.stats.poisson.cdf).
    assert forecast.probability == pytest.approx(0.6995, abs=0.001)
    assert forecast.interval[0] > 48 and forecast.interval[1] > forecast.expected


def test_projection_probability_for_floors():
    assert stats.project_year(3, 0.5, ">=", 3).probability == 1.0
    assert stats.project_year(0, 0.5, ">", 0).probability == 0.0


def test_trend_forecast_follows_a_log_linear_decline():
    forecast = stats.trend_forecast([2017, 2018, 2019], [100, 91, 80], 2020, "<", 100)
    # Poisson GLM by hand: a·r^x with Σμ = Σy = 271 and Σxμ = Σxy = 251 gives r ≈ 0.895, 72.1.
    assert forecast.expected == pytest.approx(72.1, abs=0.1)
    assert forecast.probability > 0.99


def test_trend_needs_three_years():
    with pytest.raises(ValueError):
        stats.trend_forecast([2018, 2019], [100, 90], 2020, "<", 100)


def test_counts_stored_as_floats_are_tested_as_counts():
    assert stats.poisson_change_p(110.0, 95.0) == pytest.approx(stats.poisson_change_p(110, 95))


def test_nothing_to_test_between_two_zeros_or_two_full_shares():
    assert stats.poisson_change_p(0, 0) is None
    assert stats.share_change_p(0, 300, 0, 300) is None
    assert stats.share_change_p(100, 300, 100, 250) is None


def test_seasonal_share_of_an_empty_history_is_equal_months():
    assert stats.seasonal_share([1, 2, 3], [{m: 0 for m in range(1, 13)}]) == pytest.approx(0.25)


def test_a_trend_of_zeros_forecasts_zero():
    forecast = stats.trend_forecast([2018, 2019, 2020], [0, 0, 0], 2022, "<", 100)
    assert (forecast.expected, forecast.probability) == (0, 1)
