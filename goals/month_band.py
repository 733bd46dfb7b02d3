"""The normal band of a monthly count: how many crimes a month can hold by chance alone, given the
same month of the earlier years (design.md "What changed, and the year so far").

A month's expected count μ is the mean of the same month in up to `HISTORY_YEARS` complete years
before the year. The count is quasi-Poisson around it: variance φ·μ, with φ the series'
dispersion (goals/dispersion.py), plus the uncertainty of μ itself, an average of k years
(variance φ·μ/k). So the band uses φ' = φ·(1 + 1/k) and reads as goals/stats.py reads every count
with φ: the Poisson 2,5 % and 97,5 % quantiles of μ/φ', scaled back by φ'. Counts are whole
numbers, so the limits are too (the lower rounded up, the upper down):

    μ = 8, φ = 1,5, k = 3  →  φ' = 2, Poisson(4) quantiles 1 and 8  →  band 2–16

Under the model a month falls outside the band at most one time in 20 (each tail ≤ 2,5 %), so a
month outside is a signal worth a look, not proof of a change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from goals.evidence import Evidence
from goals.forecast import series_dispersion
from goals.models import Target
from goals.series import YearCount
from indicators.catalogue import Catalogue
from indicators.lazy import lazy_module

# scipy.special loads when a band is first drawn, not when `status` reads an agreement.
if TYPE_CHECKING:
    from goals import distributions
else:
    distributions = lazy_module("goals.distributions")

HISTORY_YEARS = 3  # recent enough to follow a drifting level, long enough to average chance
LOW_QUANTILE, HIGH_QUANTILE = 0.025, 0.975  # a 95 % band, like every other interval here


@dataclass(frozen=True)
class MonthBand:
    """One month: its stored count (None when not stored yet) and the band chance allows."""

    year: int
    month: int
    value: float | None
    expected: float | None  # the same month's mean over the earlier years; None without history
    low: int | None  # a count below `low` or above `high` is outside the band
    high: int | None

    @property
    def outside(self) -> Literal["över", "under"] | None:
        if self.value is None or self.low is None or self.high is None:
            return None
        if self.value > self.high:
            return "över"
        return "under" if self.value < self.low else None


@dataclass(frozen=True)
class YearBand:
    """A year's twelve months with their bands, and what the bands rest on."""

    year: int
    months: tuple[MonthBand, ...]
    earlier_years: tuple[int, ...]  # the complete years behind the expected level
    phi: float  # the series' dispersion

    @property
    def has_band(self) -> bool:
        return bool(self.earlier_years)

    @property
    def outside(self) -> list[MonthBand]:
        return [m for m in self.months if m.outside]


def band_limits(expected: float, phi: float, history: int) -> tuple[int, int]:
    """The 95 % band of a count expected at `expected` (a mean of `history` years) with φ."""
    widened = phi * (1 + 1 / history)
    poisson = distributions.Poisson(expected / widened)
    low = widened * poisson.ppf(LOW_QUANTILE)
    high = widened * poisson.ppf(HIGH_QUANTILE)
    # 1e-9: 2 × 8,0000000001 from floating point must not round 16 down to 15.
    return math.ceil(low - 1e-9), math.floor(high + 1e-9)


def year_band(counts: Mapping[int, YearCount], year: int, phi: float) -> YearBand | None:
    """The months of `year` with their bands; None when the year has no month stored. Without a
    complete earlier year of months the months come without a band."""
    chosen = counts.get(year)
    if chosen is None or not chosen.months:
        return None
    earlier = [c for y, c in sorted(counts.items()) if y < year and c.monthly][-HISTORY_YEARS:]
    months = []
    for month in range(1, 13):
        expected = sum(c.months[month] for c in earlier) / len(earlier) if earlier else None
        low, high = (
            band_limits(expected, phi, len(earlier)) if expected else (None, None)
        )  # a month never seen before has no level to stray from
        months.append(MonthBand(year, month, chosen.months.get(month), expected, low, high))
    return YearBand(year, tuple(months), tuple(c.year for c in earlier), phi)


def target_bands(
    target: Target, catalogue: Catalogue, evidence: Evidence, year: int
) -> list[YearBand]:
    """The year before (for context) and the year, when the target is read as a count with months
    and the year's months have a band; [] otherwise. φ is the series' own, as its intervals use."""
    measure = catalogue.indicator(target.indicator).measure
    counts = target.rule.year_counts(evidence.target_rows(target.id, measure), measure)
    if not counts:
        return []
    phi = series_dispersion(target.indicator, counts).phi
    chosen = year_band(counts, year, phi)
    if chosen is None or not chosen.has_band:
        return []
    before = year_band(counts, year - 1, phi)
    return [before, chosen] if before is not None else [chosen]
