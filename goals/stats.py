"""The statistics behind a verdict, as pure functions over scipy and statsmodels.

Counts are Poisson (a kommun's yearly crimes), shares are binomial with n respondents (a BoU
wave is a new cohort, and about a quarter do not answer). Shares come in and go out in percent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import statsmodels.api as sm
from scipy.stats import poisson
from statsmodels.stats.proportion import proportion_confint, test_proportions_2indep
from statsmodels.stats.rates import confint_poisson, test_poisson_2indep

LEVEL = 0.95
ALPHA = 1 - LEVEL
Op = Literal["<", "<=", ">", ">="]


def poisson_interval(count: float) -> tuple[float, float]:
    """Exact (Garwood) 95 % interval for a count: 95 → (76.9, 116.1)."""
    low, high = confint_poisson(count, 1, method="exact-c", alpha=ALPHA)
    return float(low), float(high)


def poisson_change_p(earlier: float, later: float) -> float | None:
    """Two-sided p for a change between two yearly counts, conditional exact test.

    None when both are zero: there is nothing to compare.
    """
    earlier, later = round(earlier), round(later)  # stored counts are floats; the test wants ints
    if earlier == later == 0:
        return None
    return float(test_poisson_2indep(later, 1, earlier, 1, method="exact-cond").pvalue)


def wilson_interval(share_pct: float, n: float) -> tuple[float, float]:
    """Wilson 95 % interval for a share in percent with n respondents."""
    low, high = proportion_confint(share_pct / 100 * n, n, alpha=ALPHA, method="wilson")
    return float(low) * 100, float(high) * 100


def share_change_p(
    earlier_pct: float, earlier_n: float, later_pct: float, later_n: float
) -> float | None:
    """Two-sided p for a change between two shares (score test): 20 % → 15 %, n = 300 → 0.11.

    None when the test is undefined (both 0 % or both 100 %).
    """
    if earlier_pct == later_pct and earlier_pct in (0, 100):
        return None
    result = test_proportions_2indep(
        later_pct / 100 * later_n, later_n, earlier_pct / 100 * earlier_n, earlier_n, method="score"
    )
    p = float(result.pvalue)
    return None if np.isnan(p) else p


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


def seasonal_share(covered_months: Sequence[int], history: Sequence[Mapping[int, float]]) -> float:
    """The part of a year's count expected in `covered_months`, from complete earlier years.

    `history` holds one {month: count} per complete earlier year of the same series. Without
    history, or with no counts in the history's covered months, every month weighs the same.
    """
    covered = set(covered_months)
    total = sum(sum(year.values()) for year in history)
    in_covered = sum(count for year in history for month, count in year.items() if month in covered)
    return in_covered / total if in_covered > 0 else len(covered) / 12


@dataclass(frozen=True)
class Forecast:
    """A year's count predicted from part of it, or from the trend of earlier years."""

    expected: float
    interval: tuple[float, float]
    probability: float  # P(the rule holds at the end of the year)


def project_year(counted: float, share: float, op: Op, threshold: float) -> Forecast:
    """Project a partial year: the months still to come are Poisson with the rate seen so far.

    `share` is seasonal_share() for the months counted. With share 0 nothing is known.
    """
    expected_rest = counted / share * (1 - share) if share > 0 else 0.0
    rest = poisson(expected_rest)
    interval = (counted + float(rest.ppf(ALPHA / 2)), counted + float(rest.ppf(1 - ALPHA / 2)))
    return Forecast(
        counted + expected_rest, interval, _probability_count_meets(rest, counted, op, threshold)
    )


def trend_forecast(
    years: Sequence[int], counts: Sequence[float], year: int, op: Op, threshold: float
) -> Forecast:
    """A year still ahead, from a log-linear Poisson trend on complete years (three or more)."""
    if len(years) < 3:
        raise ValueError("a trend needs at least three complete years")
    if not any(counts):
        # The GLM cannot fit a series of zeros; its trend is plainly zero.
        return Forecast(0.0, (0.0, 0.0), _probability_count_meets(poisson(0), 0, op, threshold))
    origin = min(years)
    design = sm.add_constant(np.asarray(years, dtype=float) - origin)
    fitted = sm.GLM(np.asarray(counts, dtype=float), design, family=sm.families.Poisson()).fit()
    expected = float(fitted.predict(np.array([[1.0, year - origin]]))[0])
    predicted = poisson(expected)
    interval = (float(predicted.ppf(ALPHA / 2)), float(predicted.ppf(1 - ALPHA / 2)))
    return Forecast(expected, interval, _probability_count_meets(predicted, 0, op, threshold))


def _probability_count_meets(rest, counted: float, op: Op, threshold: float) -> float:
    """P(counted + rest meets the threshold) for an integer-valued `rest`."""
    room = threshold - counted
    below = {"<": float(rest.cdf(np.ceil(room) - 1)), "<=": float(rest.cdf(np.floor(room)))}
    if op in below:
        return below[op]
    return 1 - (
        float(rest.cdf(np.floor(room))) if op == ">" else float(rest.cdf(np.ceil(room) - 1))
    )
