"""The statistics behind verdicts, against hand-checked values. Each test says how its value was
checked: a closed form, a published table, or an independent computation in the test itself
(another library function, numerical integration or solving the defining equations)."""

import math

import numpy as np
import pytest
from scipy import integrate, optimize
from scipy.stats import gamma, nbinom, norm, poisson
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson
from statsmodels.stats.rates import test_poisson_2indep as exact_conditional

from goals import stats

# Counts: intervals and tests widened by φ -----------------------------------------------------


def test_exact_poisson_interval_for_95_and_64():
    # Table: exact (Garwood) 95 % limits, e.g. Sahai & Khurshid's tables: 95 → 76.9–116.1.
    assert stats.count_interval(95) == pytest.approx((76.9, 116.1), abs=0.05)
    assert stats.count_interval(64) == pytest.approx((49.3, 81.7), abs=0.05)


def test_poisson_interval_for_zero_starts_at_zero():
    # Closed form: the upper limit for 0 is −ln(0.025) = 3.689.
    assert stats.count_interval(0) == pytest.approx((0.0, -math.log(0.025)), abs=1e-9)


def test_a_dispersion_factor_scales_the_interval_of_the_count_divided_by_it():
    # Independent: statsmodels' exact interval for 48, times φ = 2, is the interval of 96.
    low, high = confint_poisson(48, 1, method="exact-c", alpha=0.05)
    assert stats.count_interval(96, 2.0) == pytest.approx((2 * low, 2 * high), rel=1e-9)
    # Table: Garwood 48 → 35.39–63.64, so 96 with φ = 2 → 70.8–127.3.
    assert stats.count_interval(96, 2.0) == pytest.approx((70.8, 127.3), abs=0.05)


@pytest.mark.parametrize("earlier, later", [(110, 95), (10, 3), (0, 5), (5, 0), (100, 100)])
def test_change_between_two_counts_is_the_exact_conditional_test(earlier, later):
    # Independent: statsmodels' exact conditional test on the same counts.
    expected = exact_conditional(later, 1, earlier, 1, method="exact-cond").pvalue
    assert stats.count_change_p(earlier, later) == pytest.approx(expected, abs=1e-12)


def test_the_audits_value_for_110_and_95():
    assert stats.count_change_p(110, 95) == pytest.approx(0.3282, abs=0.0001)


def test_with_dispersion_the_test_is_on_the_counts_divided_by_phi():
    # Independent: φ = 2 turns 220 and 190 into 110 and 95 for statsmodels' exact test.
    expected = exact_conditional(95, 1, 110, 1, method="exact-cond").pvalue
    assert stats.count_change_p(220, 190, 2.0) == pytest.approx(expected, abs=1e-12)


def test_the_ratio_interval_is_clopper_pearson_on_the_later_counts_share():
    # Independent: the Clopper–Pearson interval of 3 out of 13, turned into odds = ratio.
    low, high = proportion_confint(3, 13, alpha=0.05, method="beta")
    assert stats.count_ratio_interval(10, 3) == pytest.approx(
        (low / (1 - low), high / (1 - high)), rel=1e-9
    )


@pytest.mark.parametrize("earlier, later", [(100, 70), (100, 75), (100, 80), (150, 120), (30, 12)])
def test_the_ratio_interval_and_the_test_never_contradict(earlier, later):
    # Closed form: the interval is the inverted test, so it excludes 1 exactly when p < 0.05.
    for phi in (1.0, 1.7):
        low, high = stats.count_ratio_interval(earlier, later, phi)
        excludes_one = high < 1 or low > 1
        assert excludes_one == (stats.count_change_p(earlier, later, phi) < 0.05)


def test_nothing_to_test_between_two_zeros_or_two_full_shares():
    assert stats.count_change_p(0, 0) is None
    assert stats.count_ratio_interval(0, 4) is None
    assert stats.share_change_p(0, 300, 0, 300) is None
    assert stats.share_change_p(100, 300, 100, 250) is None


# Shares ------------------------------------------------------------------------------------


def test_change_between_two_shares_is_a_score_test():
    # Hand: 20 % → 15 %, n = 300 each; pooled 17.5 %, z = 0.05 / sqrt(.175·.825·2/300) ≈ 1.61.
    assert stats.share_change_p(20, 300, 15, 300) == pytest.approx(0.11, abs=0.005)


def test_wilson_interval_in_percent():
    # Closed form: Wilson's centre (x + z²/2)/(n + z²) and half-width, z = 1.96.
    z, n, p = 1.959964, 300, 0.15
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    assert stats.wilson_interval(15, 300) == pytest.approx(
        ((centre - half) * 100, (centre + half) * 100), abs=1e-6
    )


def test_a_design_effect_divides_the_respondents():
    # Closed form: deff 2 with n = 600 is the interval of n = 300.
    assert stats.wilson_interval(15, 600, 2.0) == pytest.approx(stats.wilson_interval(15, 300))
    assert stats.share_change_p(20, 600, 15, 600, 2.0) == pytest.approx(
        stats.share_change_p(20, 300, 15, 300)
    )


def test_the_audits_otrygghet_change_27_to_24_percent():
    # The audit's case: 2018 27 % of 1 213, 2021 24 % of 1 246. Hand: pooled p = 25.5 %,
    # se = sqrt(.255·.745·(1/1213 + 1/1246)) = 0.01758, z = 1.71: p ≈ 0.088, not significant.
    p = stats.share_change_p(27, 1213, 24, 1246)
    assert p == pytest.approx(0.088, abs=0.003)
    low, high = stats.share_difference_interval(27, 1213, 24, 1246)
    # The change's interval holds 0 like the test says (−3 pp ± 1.96 · 0.0176 ≈ −6.4 to +0.4),
    # where the level's interval (21,7–26,4 %) seemed to exclude 2018's 27 %.
    assert low == pytest.approx(-6.4, abs=0.1) and high == pytest.approx(0.4, abs=0.1)
    assert low < 0 < high


# Judging -----------------------------------------------------------------------------------


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


# Forecasts ---------------------------------------------------------------------------------


def test_seasonal_share_without_history_is_equal_months():
    assert stats.seasonal_share(range(1, 7), []) == (0.5, pytest.approx(0.25 / 49))


def test_seasonal_share_is_shrunk_toward_equal_months():
    # Closed form: 2 years of 120 with 72 in spring: (144 + 48 · ½) / (240 + 48) = 168/288.
    heavy_spring = {m: (12.0 if m <= 6 else 8.0) for m in range(1, 13)}
    share, variance = stats.seasonal_share(range(1, 7), [heavy_spring, heavy_spring])
    assert share == pytest.approx(168 / 288)
    # Closed form: a beta posterior's variance, S(1 − S) / (240 + 48 + 1); with φ = 2 the
    # history counts half: S(1 − S) / (120 + 48 + 1).
    assert variance == pytest.approx(share * (1 - share) / 289)
    _, wider = stats.seasonal_share(range(1, 7), [heavy_spring, heavy_spring], phi=2.0)
    assert wider == pytest.approx(share * (1 - share) / 169)
    # Ten such years weigh more: (720 + 24) / (1200 + 48).
    assert stats.seasonal_share(range(1, 7), [heavy_spring] * 10)[0] == pytest.approx(744 / 1248)


def test_seasonal_share_of_an_empty_history_is_equal_months():
    assert stats.seasonal_share([1, 2, 3], [{m: 0 for m in range(1, 13)}])[0] == pytest.approx(0.25)


def test_half_year_forecast_is_the_gamma_poisson_predictive():
    forecast = stats.partial_year_forecast(48, 0.5, "<", 100)
    assert forecast.expected == 96
    # Independent: integrate P(Poisson(λ/2·…) ≤ 51) over the gamma posterior of the yearly
    # rate seen in half a year: λ·½ ~ Gamma(48 + ½, 1), the rest of the year Poisson(λ·½).
    expected, _ = integrate.quad(
        lambda mu: poisson.cdf(51, mu) * gamma.pdf(mu, 48.5), 0, 200, limit=200
    )
    assert forecast.probability == pytest.approx(expected, abs=1e-6)
    assert forecast.probability == pytest.approx(0.637, abs=0.001)
    # Wider than the pure Poisson forecast's 0.6995, which took the rate as known.
    assert forecast.probability < poisson.cdf(51, 48)


def test_half_year_forecast_with_dispersion_matches_the_scaled_predictive_in_moments():
    forecast = stats.partial_year_forecast(48, 0.5, "<", 100, phi=2.0)
    # Closed form: on the scale divided by φ the rest is NB(24 + ½, ½): mean 24.5 and variance
    # 49; times φ = 2 the rest has mean 49 and variance 196, the NB below.
    mean, variance = 49.0, 196.0
    expected = nbinom.cdf(51, mean**2 / (variance - mean), mean / variance)
    assert forecast.probability == pytest.approx(expected, abs=1e-12)
    assert forecast.dispersion == 2.0


def test_a_forecast_of_zeros_so_far_projects_zero_but_is_never_certain():
    forecast = stats.partial_year_forecast(0, 0.5, "<", 100)
    assert forecast.expected == 0
    assert 0 < forecast.probability < 1


def test_projection_probability_for_floors():
    # Closed form: the rest of the year is NB(3 + ½, ½) for 3 so far in half a year;
    # '≥ 3' already holds (probability held just below 1), '> 0' with 0 so far is 1 − P(rest=0).
    assert stats.partial_year_forecast(3, 0.5, ">=", 3).probability == 1 - stats.PROBABILITY_FLOOR
    assert stats.partial_year_forecast(0, 0.5, ">", 0).probability == pytest.approx(
        1 - 0.5**0.5, abs=1e-12
    )


def test_a_partial_year_is_between_none_and_all_of_a_year():
    with pytest.raises(ValueError):
        stats.partial_year_forecast(10, 1.0, "<", 100)


def test_a_level_forecast_below_five_years_has_no_slope_but_may_drift():
    forecast = stats.years_ahead_forecast([2018, 2019, 2020], [100, 90, 110], 2022, "<", 100)
    assert forecast.method == "nivå" and forecast.expected == 100
    # Closed form: the years spread exactly as Poisson ((0 + 100 + 100)/100/2 = 1), so φ = 1.
    # The log-level is log 100 with variance 1/(300 + ½) for the level and, three years from
    # the midpoint 2019, 3² · (0.10² + b²) for drift, b the least-squares slope of
    # log(count + ½) = log(110.5/100.5)/2.
    b = math.log(110.5 / 100.5) / 2
    sd = math.sqrt(1 / 300.5 + 9 * (0.01 + b**2))
    # Independent: integrate P(Poisson(μ) ≤ 99) over the normal log-mean with scipy's quad.
    expected, _ = integrate.quad(
        lambda z: poisson.cdf(99, math.exp(math.log(100) + sd * z)) * norm.pdf(z), -9, 9
    )
    assert forecast.probability == pytest.approx(expected, abs=1e-4)
    assert 0.4 < forecast.probability < 0.6  # Osäkert, as a flat series at the threshold is


def test_a_trend_from_five_years_follows_the_log_linear_fit_and_its_uncertainty():
    years, counts = [2016, 2017, 2018, 2019, 2020], [130, 120, 110, 100, 92]
    forecast = stats.years_ahead_forecast(years, counts, 2022, "<", 100)
    assert forecast.method == "trend"
    # Independent: solve the Poisson GLM's score equations Σμ = Σy and Σxμ = Σxy.
    x, y = np.array([-4, -3, -2, -1, 0.0]), np.array(counts, dtype=float)

    def score(params):
        mu = np.exp(params[0] + params[1] * x)
        return [mu.sum() - y.sum(), (x * mu).sum() - (x * y).sum()]

    a, b = optimize.fsolve(score, [math.log(92), -0.1])
    assert forecast.expected == pytest.approx(math.exp(a + 2 * b), rel=1e-6)
    # Independent: the predictive integrated over the normal log-mean with scipy's quad, using
    # the Fisher information of the fit (φ = 1: the years spread less than Poisson).
    mu = np.exp(a + b * x)
    information = np.array([[mu.sum(), (x * mu).sum()], [(x * mu).sum(), (x * x * mu).sum()]])
    at = np.array([1.0, 2.0])
    se = math.sqrt(at @ np.linalg.inv(information) @ at)
    expected, _ = integrate.quad(
        lambda z: poisson.cdf(99, math.exp(a + 2 * b + se * z)) * norm.pdf(z), -9, 9
    )
    assert forecast.probability == pytest.approx(expected, abs=1e-4)


def test_the_audits_trend_on_0_0_1_is_finite_and_modest():
    forecast = stats.years_ahead_forecast([2018, 2019, 2020], [0, 0, 1], 2022, "<", 100)
    assert math.isfinite(forecast.expected) and forecast.expected < 1
    # Three years ahead of a single crime the level is very uncertain, but never astronomic.
    assert forecast.interval[1] < 50
    assert 0 < forecast.probability < 1


def test_a_trend_that_only_diverges_falls_back_to_the_level():
    # Σxμ = Σxy has no finite solution when the only count is the last year: no trend is believed.
    forecast = stats.years_ahead_forecast(list(range(2016, 2021)), [0, 0, 0, 0, 1], 2022, "<", 5)
    assert forecast.method == "nivå" and forecast.expected == pytest.approx(0.2)


def test_the_audits_100_90_110_is_uncertain_not_off_track():
    forecast = stats.years_ahead_forecast([2019, 2020, 2021], [100, 90, 110], 2024, "<", 100)
    assert 0.2 <= forecast.probability < 0.8


def test_a_year_ahead_needs_three_complete_years():
    with pytest.raises(ValueError):
        stats.years_ahead_forecast([2018, 2019], [100, 90], 2020, "<", 100)


def test_a_series_of_zeros_projects_zero():
    forecast = stats.years_ahead_forecast([2018, 2019, 2020], [0, 0, 0], 2022, "<", 100)
    # The point is 0; the interval still allows a crime or two (Jeffreys' prior, never certain).
    assert forecast.expected == 0 and forecast.interval[0] == 0 and forecast.interval[1] <= 2
    assert forecast.probability == 1 - stats.PROBABILITY_FLOOR


def test_an_extreme_share_without_a_score_interval_gives_none_not_an_error():
    # 0 % against 0,5 % of 50 (a quarter of a pupil, a published rounding): the score equation
    # has no root, so there is no interval to show; the test itself still answers.
    assert stats.share_difference_interval(0, 50, 0.5, 50) is None
    assert stats.share_change_p(0, 50, 0.5, 50) is not None
