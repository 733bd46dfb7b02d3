"""The dispersion factor φ of a monthly count series, against hand-checked values."""

import numpy as np
import pytest
import statsmodels.api as sm

from goals.dispersion import dispersion, pearson_dispersion
from indicators.statistics import (
    DispersionSettings,
    IndicatorDispersion,
    StatisticsSettings,
    load_statistics,
)


def year(counts):
    return dict(enumerate(counts, start=1))


def test_alternating_months_by_hand():
    # Hand: every row total 120 and column total 20, so every fitted value is 10; each of the
    # 24 cells is 20 or 0 away by 10: χ² = 24 · 10²/10 = 240 on (2 − 1)(12 − 1) = 11 df.
    years = [year([20, 0] * 6), year([0, 20] * 6)]
    assert pearson_dispersion(years) == (pytest.approx(240 / 11), 24)


def test_a_seasonal_profile_that_repeats_is_not_overdispersion():
    # Hand: year 2 is year 1 doubled, so year × month effects fit exactly: χ² = 0.
    profile = [12, 10, 8, 9, 11, 7, 6, 5, 9, 10, 12, 14]
    raw, months = pearson_dispersion([year(profile), year([2 * c for c in profile])])
    assert raw == pytest.approx(0.0) and months == 24


def test_the_closed_form_is_the_quasi_poisson_glm_with_year_and_month_effects():
    # Independent: statsmodels' Poisson GLM with year and month dummies, Pearson χ² / df.
    rng = np.random.default_rng(7)
    table = rng.negative_binomial(5, 5 / 13, size=(4, 12)).astype(float)  # mean 8, φ ≈ 2.6
    years = [year(row) for row in table]
    y = table.ravel()
    year_of, month_of = np.repeat(np.arange(4), 12), np.tile(np.arange(12), 4)
    design = np.column_stack(
        [np.ones(48)]
        + [(year_of == i).astype(float) for i in range(1, 4)]
        + [(month_of == m).astype(float) for m in range(1, 12)]
    )
    fitted = sm.GLM(y, design, family=sm.families.Poisson()).fit()
    raw, _ = pearson_dispersion(years)
    assert raw == pytest.approx(fitted.pearson_chi2 / fitted.df_resid, rel=1e-6)


def test_empty_months_and_years_do_no_harm():
    # A month that never has a crime carries no information: it drops out of the table and
    # its degrees of freedom (hand: 2 years × 11 months, df = 10).
    raw, _ = pearson_dispersion([year([20, 0] * 5 + [0, 0]), year([0, 20] * 5 + [0, 0])])
    assert np.isfinite(raw)
    assert pearson_dispersion([year([0] * 12), year([0] * 12)]) is None


SETTINGS = StatisticsSettings(
    dispersion=DispersionSettings(
        min_months=24,
        default=1.5,
        indicators={
            "skadegorelse": IndicatorDispersion(default=2.0),
            "x": IndicatorDispersion(fixed=3.0),
        },
    )
)


def test_short_history_uses_the_indicators_documented_default():
    one_year = [year([8] * 12)]
    assert dispersion("bostadsinbrott", one_year, SETTINGS).phi == 1.5
    short = dispersion("skadegorelse", one_year, SETTINGS)
    assert (short.phi, short.basis) == (2.0, "default")


def test_a_fixed_value_replaces_the_estimate():
    assert dispersion("x", [year([20, 0] * 6), year([0, 20] * 6)], SETTINGS).phi == 3.0


def test_phi_is_estimated_from_24_months_and_never_below_one():
    estimated = dispersion("bostadsinbrott", [year([20, 0] * 6), year([0, 20] * 6)], SETTINGS)
    assert (estimated.phi, estimated.basis, estimated.months) == (
        pytest.approx(240 / 11),
        "estimated",
        24,
    )
    calm = dispersion("bostadsinbrott", [year([8] * 12), year([16] * 12)], SETTINGS)
    assert (calm.phi, calm.raw) == (1.0, pytest.approx(0.0))


def test_a_partial_year_is_not_used_for_the_estimate():
    years = [year([20, 0] * 6), {1: 5, 2: 40}]
    assert dispersion("bostadsinbrott", years, SETTINGS).basis == "default"


def test_the_shipped_settings_validate_and_name_every_crime_indicator():
    shipped = load_statistics()
    assert shipped.dispersion.default >= 1
    assert {"bostadsinbrott", "skadegorelse"} <= set(shipped.dispersion.indicators)
    assert shipped.design_effect_for("bou") == 1.0
    assert shipped.design_effect_for("okand") == 1.0
