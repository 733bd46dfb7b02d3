"""The statistics behind a verdict, as pure functions over scipy.special and statsmodels.

Counts are quasi-Poisson: Poisson widened by the dispersion factor φ ≥ 1 (goals/dispersion.py),
so an interval or a test on a count x with φ is the Poisson one on x/φ, scaled back by φ
(φ = 1 gives the exact Garwood interval and the exact conditional test). Shares are binomial with
n respondents divided by the survey's design effect (a BoU wave is a new cohort, and about a
quarter do not answer). Shares come in and go out in percent.

Forecasts carry their own uncertainty: a partial year from a gamma–Poisson (negative binomial)
predictive that knows the rate is only estimated, a year ahead from a level or a log-linear trend
whose parameter uncertainty enters the predictive. They never return NaN, and never claim a
probability of exactly 0 or 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

# scipy.special's functions, called as scipy.stats and statsmodels call them (the same floats),
# without importing those two: together a second of every cold `status`. statsmodels' GLM is
# imported where a trend is fitted, which a year already over never needs.
from goals.distributions import (
    NegativeBinomial,
    Poisson,
    beta_cdf,
    beta_ppf,
    beta_sf,
    chi2_ppf,
    score_interval_diff,
    score_test_diff,
)
from goals.distributions import wilson_interval as _wilson

LEVEL = 0.95
ALPHA = 1 - LEVEL
Op = Literal["<", "<=", ">", ">="]

# Gamma(½, 0), Jeffreys' prior for a Poisson rate: a year of zeros so far still leaves room for
# a crime later, so no forecast is ever certain.
RATE_PRIOR_SHAPE = 0.5
# Pseudo-counts that pull a short history's seasonal profile toward equal months: with H crimes
# in the earlier years the profile weighs H / (H + SEASON_PRIOR_COUNTS).
SEASON_PRIOR_COUNTS = 48.0
TREND_YEARS = 5  # fewer complete years: a level model without slope
MIN_YEARS_AHEAD = 3  # fewer complete years: no forecast for a year ahead at all
# How much a kommun's yearly crime level can drift per year (log scale) without a short series
# showing it: the level model's uncertainty grows by this per year between its data and the
# year forecast. Yearly changes of ±10 % are ordinary in Swedish kommun series.
GROWTH_SD = 0.10
MAX_SLOPE = math.log(2)  # a fitted trend steeper than doubling (halving) a year is not believed
PROBABILITY_FLOOR = 1e-4  # a model cannot know anything more surely than this


# Counts ----------------------------------------------------------------------------------------


def count_interval(count: float, phi: float = 1.0) -> tuple[float, float]:
    """95 % interval for a count with dispersion φ: φ × the exact (Garwood) interval of count/φ.

    95 with φ = 1 → (76.9, 116.1); with φ = 2 → 2 × Garwood(47.5) = (70.0, 126.0).
    """
    scaled = count / phi
    low = chi2_ppf(ALPHA / 2, 2 * scaled) / 2 if scaled > 0 else 0.0
    high = chi2_ppf(1 - ALPHA / 2, 2 * scaled + 2) / 2
    return float(low * phi), float(high * phi)


def count_change_p(earlier: float, later: float, phi: float = 1.0) -> float | None:
    """Two-sided p for a change between two yearly counts: the exact conditional test (the later
    count out of both is binomial with p = ½ when nothing changed), on the counts divided by φ.

    Central p = 2 × the smaller tail, computed through the incomplete beta function so that
    counts divided by φ need not be whole; with φ = 1 it is statsmodels'
    `test_poisson_2indep(method="exact-cond")`. None when both are zero.
    """
    if earlier == later == 0:
        return None
    a, b = earlier / phi, later / phi
    at_least = beta_cdf(0.5, b, a + 1) if b > 0 else 1.0  # P(K ≥ b)
    at_most = beta_sf(0.5, b + 1, a) if a > 0 else 1.0  # P(K ≤ b)
    return min(1.0, 2 * min(at_least, at_most))


def count_ratio_interval(
    earlier: float, later: float, phi: float = 1.0
) -> tuple[float, float] | None:
    """95 % interval of later/earlier, inverted from the same conditional test (Clopper–Pearson on
    the later count's part of both), so the interval excludes 1 exactly when p < 0.05.

    None when the earlier count is zero (no ratio to speak of).
    """
    if earlier <= 0:
        return None
    a, b = earlier / phi, later / phi
    low = beta_ppf(ALPHA / 2, b, a + 1) if b > 0 else 0.0
    high = beta_ppf(1 - ALPHA / 2, b + 1, a)
    return low / (1 - low), high / (1 - high)


# Shares ----------------------------------------------------------------------------------------


def wilson_interval(share_pct: float, n: float, design_effect: float = 1.0) -> tuple[float, float]:
    """Wilson 95 % interval for a share in percent with n respondents (n/deff effective)."""
    effective = n / design_effect
    low, high = _wilson(share_pct / 100 * effective, effective, ALPHA)
    return low * 100, high * 100


def share_change_p(
    earlier_pct: float,
    earlier_n: float,
    later_pct: float,
    later_n: float,
    design_effect: float = 1.0,
) -> float | None:
    """Two-sided p for a change between two shares (score test): 20 % → 15 %, n = 300 → 0.11.

    None when the test is undefined (both 0 % or both 100 %).
    """
    if earlier_pct == later_pct and earlier_pct in (0, 100):
        return None
    n1, n0 = later_n / design_effect, earlier_n / design_effect
    p = float(score_test_diff(later_pct / 100 * n1, n1, earlier_pct / 100 * n0, n0))
    return None if np.isnan(p) else p


def share_difference_interval(
    earlier_pct: float,
    earlier_n: float,
    later_pct: float,
    later_n: float,
    design_effect: float = 1.0,
) -> tuple[float, float] | None:
    """95 % score interval of later − earlier in percentage points, the interval that belongs to
    share_change_p's score test (it excludes 0 when p < 0.05)."""
    if earlier_pct == later_pct and earlier_pct in (0, 100):
        return None
    n1, n0 = later_n / design_effect, earlier_n / design_effect
    try:
        # 0.05, not ALPHA (1 − 0.95 in floating point): the alpha this interval has always had.
        low, high = score_interval_diff(later_pct / 100 * n1, n1, earlier_pct / 100 * n0, n0, 0.05)
    except ValueError:  # the score equation has no root inside (0, 1) at an extreme share
        return None
    if np.isnan(low) or np.isnan(high):
        return None
    return float(low) * 100, float(high) * 100


# Judging against a threshold ---------------------------------------------------------------


def meets(value: float, op: Op, threshold: float) -> bool:
    """'understiga 100' is '<': exactly 100 does not meet it."""
    return {
        "<": value < threshold,
        "<=": value <= threshold,
        ">": value > threshold,
        ">=": value >= threshold,
    }[op]


def interval_side(interval: tuple[float, float], op: Op, threshold: float) -> bool | None:
    """True if the whole interval meets the threshold, False if none of it does, else None."""
    low_meets, high_meets = (meets(bound, op, threshold) for bound in interval)
    return low_meets if low_meets == high_meets else None


# Forecasts -----------------------------------------------------------------------------------


def seasonal_share(
    covered_months: Sequence[int], history: Sequence[Mapping[int, float]], phi: float = 1.0
) -> tuple[float, float]:
    """The part of a year's count expected in `covered_months`, and its variance.

    `history` holds one {month: count} per complete earlier year of the same series. The share
    seen in it is shrunk toward equal months by SEASON_PRIOR_COUNTS pseudo-counts, so one thin
    year does not set the profile; without history every month weighs the same. The variance
    is that of a beta posterior: the history's counts (divided by φ) on top of the pseudo-counts.
    """
    covered = set(covered_months)
    equal = len(covered) / 12
    total = sum(sum(year.values()) for year in history)
    in_covered = sum(count for year in history for month, count in year.items() if month in covered)
    share = (in_covered + SEASON_PRIOR_COUNTS * equal) / (total + SEASON_PRIOR_COUNTS)
    return share, share * (1 - share) / (total / phi + SEASON_PRIOR_COUNTS + 1)


class Counts(Protocol):
    """An integer-valued predictive distribution (goals.distributions' discrete ones, like scipy's
    frozen ones)."""

    def cdf(self, k: float) -> float: ...

    def ppf(self, q: float) -> float: ...


@dataclass(frozen=True)
class Forecast:
    """A year's count predicted from part of it, or from earlier complete years."""

    expected: float  # the point the forecast names: the rate seen so far, or the level or trend
    interval: tuple[float, float]  # 95 % predictive interval of the year's count
    probability: float  # P(the rule holds at the end of the year), never exactly 0 or 1
    method: Literal["delår", "nivå", "trend"]
    dispersion: float  # the φ the predictive used (for a year ahead: at least the years' own)


def partial_year_forecast(
    counted: float,
    share: float,
    op: Op,
    threshold: float,
    phi: float = 1.0,
    share_variance: float = 0.0,
) -> Forecast:
    """A year with `counted` so far in months expected to hold `share` of it.

    The yearly rate λ has the gamma posterior of a quasi-Poisson count (Jeffreys' prior, counts
    divided by φ); the months to come are then negative binomial: on the scale divided by φ,
    NB(counted/φ + ½, share), the gamma–Poisson predictive, matched in mean and variance on the
    count's own scale. An uncertain seasonal share (`share_variance`) adds its variance by the
    delta method. The point forecast is the rate seen so far (counted / share).
    """
    if not 0 < share < 1:
        raise ValueError("a partial year's months hold part of the year, neither none nor all")
    shape = counted / phi + RATE_PRIOR_SHAPE
    mean = phi * shape * (1 - share) / share
    seasonal = (phi * shape / share**2) ** 2 * share_variance
    rest = _negative_binomial(mean, phi * mean / share + seasonal)
    return Forecast(
        counted / share,
        (counted + float(rest.ppf(ALPHA / 2)), counted + float(rest.ppf(1 - ALPHA / 2))),
        _probability(rest, counted, op, threshold),
        "delår",
        phi,
    )


def years_ahead_forecast(
    years: Sequence[int],
    counts: Sequence[float],
    year: int,
    op: Op,
    threshold: float,
    phi: float = 1.0,
    growth_sd: float = GROWTH_SD,
) -> Forecast:
    """A year still ahead from the complete years before it (at least MIN_YEARS_AHEAD).

    From TREND_YEARS complete years a log-linear quasi-Poisson trend whose parameter covariance
    enters the predictive. With fewer years (or a trend that cannot be believed) the level of the
    years without a slope — but a level that may drift: the log-level gets `growth_sd` of
    uncertainty per year between the years' midpoint and the year forecast, since a kommun's
    crime can rise or fall by about that much a year for reasons no short series shows. Either
    way the count around its mean has the larger of φ and the years' own spread.
    """
    if len(years) < MIN_YEARS_AHEAD:
        raise ValueError(f"a year ahead needs at least {MIN_YEARS_AHEAD} complete years")
    if len(years) >= TREND_YEARS:
        trend = _trend_forecast(years, counts, year, op, threshold, phi)
        if trend is not None:
            return trend
    return _level_forecast(years, counts, year, op, threshold, phi, growth_sd)


def _level_forecast(
    years: Sequence[int],
    counts: Sequence[float],
    year: int,
    op: Op,
    threshold: float,
    phi: float,
    growth_sd: float,
) -> Forecast:
    """The years' level, without a slope: too few years to extrapolate one. But the level may
    have moved by the forecast year: its log gets a drift per year of at least `growth_sd`, plus
    as much as the years themselves moved (their least-squares log slope), times the distance
    from the years' midpoint to the year forecast."""
    n, total = len(counts), sum(counts)
    mean_count = total / n
    spread = (
        sum((c - mean_count) ** 2 for c in counts) / mean_count / (n - 1) if mean_count > 0 else 0.0
    )
    scale = max(phi, spread)
    if total == 0:
        # No crime at all: the gamma–Poisson of n empty years (Jeffreys' prior) for the next.
        predicted: Counts = _negative_binomial(
            scale * RATE_PRIOR_SHAPE / n, scale**2 * RATE_PRIOR_SHAPE * (n + 1) / n**2
        )
    else:
        midpoint = sum(years) / n
        logs = [math.log(c + RATE_PRIOR_SHAPE) for c in counts]
        moved = sum((y - midpoint) * v for y, v in zip(years, logs, strict=True)) / sum(
            (y - midpoint) ** 2 for y in years
        )
        drift = (year - midpoint) ** 2 * (growth_sd**2 + moved**2)
        variance = scale / (total + RATE_PRIOR_SHAPE) + drift
        predicted = _LogNormalMixture(math.log(mean_count), math.sqrt(variance), scale)
    return Forecast(
        mean_count,
        (float(predicted.ppf(ALPHA / 2)), float(predicted.ppf(1 - ALPHA / 2))),
        _probability(predicted, 0, op, threshold),
        "nivå",
        scale,
    )


def _trend_forecast(
    years: Sequence[int],
    counts: Sequence[float],
    year: int,
    op: Op,
    threshold: float,
    phi: float,
) -> Forecast | None:
    """None when the fit cannot be believed (no counts, no convergence, an absurd slope)."""
    if not any(counts):
        return None
    # The modules themselves, not statsmodels.api: it imports all of statsmodels (datasets,
    # graphics, time series).
    from statsmodels.genmod.families import Poisson as PoissonFamily
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.tools.tools import add_constant

    last = max(years)
    design = add_constant(np.asarray(years, dtype=float) - last)
    try:
        fitted = GLM(np.asarray(counts, dtype=float), design, family=PoissonFamily()).fit()
    except (ValueError, np.linalg.LinAlgError):
        return None
    intercept, slope = (float(v) for v in fitted.params)
    if not (fitted.converged and math.isfinite(intercept) and abs(slope) <= MAX_SLOPE):
        return None
    scale = max(phi, float(fitted.pearson_chi2) / float(fitted.df_resid))
    at = np.array([1.0, year - last])
    variance = float(at @ (np.asarray(fitted.cov_params()) * scale) @ at)
    eta = intercept + slope * (year - last)
    predicted = _LogNormalMixture(eta, math.sqrt(max(variance, 0.0)), scale)
    return Forecast(
        math.exp(eta),
        (float(predicted.ppf(ALPHA / 2)), float(predicted.ppf(1 - ALPHA / 2))),
        _probability(predicted, 0, op, threshold),
        "trend",
        scale,
    )


def _negative_binomial(mean: float, variance: float) -> Counts:
    """The integer distribution with this mean and variance (Poisson when not overdispersed)."""
    if mean <= 0:
        return Poisson(0)
    if variance <= mean * (1 + 1e-9):
        return Poisson(mean)
    return NegativeBinomial(mean**2 / (variance - mean), mean / variance)


class _LogNormalMixture:
    """A count whose log-mean is normal (a level or trend with its standard error) and which,
    given its mean, is quasi-Poisson with dispersion φ; integrated by Gauss–Hermite quadrature."""

    NODES = 40

    def __init__(self, eta: float, se: float, phi: float):
        nodes, weights = np.polynomial.hermite_e.hermegauss(self.NODES)
        keep = weights > 1e-12 * weights.max()  # the far nodes weigh nothing and overflow
        self.weights = weights[keep] / weights[keep].sum()
        self.means = np.exp(eta + se * nodes[keep])
        self.phi = phi

    def cdf(self, k: float) -> float:
        if self.phi <= 1:
            parts = Poisson(self.means).cdf(k)
        else:
            parts = NegativeBinomial(self.means / (self.phi - 1), 1 / self.phi).cdf(k)
        return float(self.weights @ parts)

    def ppf(self, q: float) -> float:
        """The smallest count whose cdf reaches q (bisection; the cdf is monotone)."""
        if self.cdf(0) >= q:
            return 0.0
        low, high = 0, 1
        while self.cdf(high) < q:
            low, high = high, high * 2
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if self.cdf(middle) < q else (low, middle)
        return float(high)


def _probability(rest: Counts, counted: float, op: Op, threshold: float) -> float:
    """P(counted + rest meets the threshold) for an integer-valued `rest`, kept off 0 and 1."""
    room = threshold - counted
    if op == "<":
        p = rest.cdf(math.ceil(room) - 1)
    elif op == "<=":
        p = rest.cdf(math.floor(room))
    elif op == ">":
        p = 1 - rest.cdf(math.floor(room))
    else:
        p = 1 - rest.cdf(math.ceil(room) - 1)
    return min(max(float(p), PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR)
