"""Forecasts of a yearly count as the count rules use them: the series' dispersion, a partial
year from its months so far, and a year still ahead from the complete years before it.

The statistics are goals/stats.py's; this module picks what goes into them from a target's
yearly counts (goals/series.py), so every rule that projects a count does it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goals.dispersion import Dispersion, dispersion
from goals.series import YearCount
from indicators.lazy import lazy_module

# scipy and statsmodels load when a forecast is first made, not when an agreement is read.
if TYPE_CHECKING:
    from goals import stats
else:
    stats = lazy_module("goals.stats")

MIN_MONTHS = 3  # fewer months of a year: too early to say anything about the whole year


def series_dispersion(indicator: str, counts: Mapping[int, YearCount]) -> Dispersion:
    """φ from the series' complete years of months, or the indicator's documented default."""
    return dispersion(indicator, [c.months for _, c in sorted(counts.items()) if c.monthly])


@dataclass(frozen=True)
class PartialYear:
    forecast: stats.Forecast
    share: float  # the part of a year the counted months are expected to hold
    history_years: int  # complete earlier years behind the seasonal profile


def too_early(counted: YearCount) -> bool:
    return len(counted.covered) < MIN_MONTHS


def project_partial_year(
    counted: YearCount,
    counts: Mapping[int, YearCount],
    op: stats.Op,
    threshold: float,
    phi: float,
) -> PartialYear:
    """The whole year from the months counted, on the seasonal profile of earlier years."""
    history = [
        c.months for y, c in sorted(counts.items()) if y < counted.year and c.monthly and c.complete
    ]
    share, spread = stats.seasonal_share(sorted(counted.covered), history, phi)
    forecast = stats.partial_year_forecast(counted.value, share, op, threshold, phi, spread)
    return PartialYear(forecast, share, len(history))


def complete_years_before(counts: Mapping[int, YearCount], year: int) -> list[int]:
    return sorted(y for y, c in counts.items() if c.complete and y < year)


def project_year_ahead(
    counts: Mapping[int, YearCount], year: int, op: stats.Op, threshold: float, phi: float
) -> stats.Forecast | None:
    """A year not yet begun in data; None with fewer than stats.MIN_YEARS_AHEAD complete years."""
    complete = complete_years_before(counts, year)
    if len(complete) < stats.MIN_YEARS_AHEAD:
        return None
    return stats.years_ahead_forecast(
        complete, [counts[y].value for y in complete], year, op, threshold, phi
    )


def same_months_before(counted: YearCount, counts: Mapping[int, YearCount]) -> float | None:
    """Last year's count in the months `counted` has, when last year has all of them."""
    before = counts.get(counted.year - 1)
    if before is None or not before.monthly or not counted.covered <= set(before.months):
        return None
    return sum(before.months[m] for m in counted.covered)
