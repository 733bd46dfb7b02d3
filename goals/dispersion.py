"""Overdispersion of a monthly count series: how much more it varies than Poisson.

Reported crime is not Poisson: one burglar's series of break-ins or a night of mass-reported
klotter moves a month by more than chance alone would. The dispersion factor φ is Pearson's χ²
per degree of freedom of the monthly counts around a log-linear model with a year and a month
effect (the seasonal profile, scaled to each year's level); φ ≥ 1. For a table of complete years
that model's fit is the independence fit, row total × column total / grand total, so no
iterative fit is needed and months or years of zeros do no harm.

With fewer months than `statistics.yaml` asks for, the indicator's documented default is used.
Intervals, tests and forecasts for counts are widened by φ (quasi-Poisson), see goals/stats.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from indicators.lazy import lazy_module
from indicators.statistics import StatisticsSettings, load_statistics

# Rule types import this module to name the factor; numpy loads when one is first estimated,
# so reading an agreement (`goals`, `schema`) stays quick.
if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")

MONTHS = range(1, 13)


@dataclass(frozen=True)
class Dispersion:
    """φ for one series, and where it came from."""

    phi: float
    # 'estimated' from the series; else statistics.yaml's 'default' (short history) or 'fixed'
    basis: Literal["estimated", "default", "fixed"]
    months: int = 0  # months in complete years behind an estimate
    raw: float | None = None  # Pearson χ²/df before φ was held at 1 or more

    @property
    def estimated(self) -> bool:
        return self.basis == "estimated"


def pearson_dispersion(years: Sequence[Mapping[int, float]]) -> tuple[float, int] | None:
    """Pearson χ²/df of complete years of monthly counts around year × month effects.

    `years` holds one {month: count} per complete year. None when there is nothing to estimate
    from (no degrees of freedom, or no counts at all).
    """
    table = np.array([[float(year[m]) for m in MONTHS] for year in years], dtype=float)
    if table.size == 0:
        return None
    # Rows or columns without a single count have fitted value 0 and carry no information.
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    rows, columns = table.shape
    freedom = (rows - 1) * (columns - 1)
    if rows < 2 or columns < 2:
        return None
    fitted = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    chi2 = float(((table - fitted) ** 2 / fitted).sum())
    return chi2 / freedom, len(years) * 12


def dispersion(
    indicator: str,
    years: Sequence[Mapping[int, float]],
    settings: StatisticsSettings | None = None,
) -> Dispersion:
    """φ for an indicator's series from its complete years of months, or its default."""
    chosen = (settings or load_statistics()).dispersion
    fixed = chosen.fixed_for(indicator)
    if fixed is not None:
        return Dispersion(fixed, "fixed")
    complete = [year for year in years if set(year) >= set(MONTHS)]
    found = pearson_dispersion(complete) if len(complete) * 12 >= chosen.min_months else None
    if found is None:
        return Dispersion(chosen.default_for(indicator), "default")
    raw, months = found
    return Dispersion(max(1.0, raw), "estimated", months, raw)
