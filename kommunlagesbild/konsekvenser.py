"""Consequences: otrygghet, utsatthet and avstått aktivitet, from NTU (as Brå publishes it per
kommun, län and riket, with its 95 % interval) and the trygghetsmätning (share with n: a Wilson
interval), in the latest survey up to the year.

    Share('Otrygghet utomhus (NTU)', 2024, 24.0, (20.0, 28.0), n=480,
          lan=27.5, riket=28.1, earlier=(2017, 23.0))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goals.points import Origin
from indicators.catalogue import Catalogue
from indicators.kinds import Measure, PeriodType
from indicators.lazy import lazy_module
from indicators.overlap import choose
from indicators.stored import Observation
from kommunlagesbild.brott import RIKET, YEARS, row_origin

if TYPE_CHECKING:
    from goals import stats
else:
    stats = lazy_module("goals.stats")

Reader = Callable[[str], list[Observation]]
NTU_SOURCE = "ntu"
SURVEY_SHARES = ("tm.otrygg_ute_kvall",)  # trygghetsmätning items published as a share


@dataclass(frozen=True)
class Share:
    label: str
    source_id: str  # the catalogue's source id
    source: str  # its label
    year: int
    value: float  # percent
    interval: tuple[float, float] | None
    n: float | None
    lan: float | None = None
    riket: float | None = None
    earlier: tuple[int, float] | None = None  # the first survey of the ten years, for development
    origin: Origin | None = None

    @property
    def overlaps_earlier(self) -> bool | None:
        """Whether the earlier value lies inside this year's interval (no change beyond chance
        can be claimed then); None without an interval or an earlier value."""
        if self.interval is None or self.earlier is None:
            return None
        low, high = self.interval
        return low <= self.earlier[1] <= high


def consequences(read: Reader, catalogue: Catalogue, kommun_code: str, year: int) -> list[Share]:
    indicators = [
        i.id
        for i in catalogue.indicators
        if i.source == NTU_SOURCE and i.measure == Measure.ANDEL_PCT
    ]
    found = [_share(read, catalogue, i, kommun_code, year) for i in [*indicators, *SURVEY_SHARES]]
    return [s for s in found if s is not None]


def _share(
    read: Reader, catalogue: Catalogue, indicator: str, kommun_code: str, year: int
) -> Share | None:
    rows = [
        r
        for r in read(indicator)
        if r.period_type is PeriodType.AR and not r.breakdown and year - YEARS < r.year <= year
    ]
    chosen = choose(rows, lambda r: (r.geo_code, r.period, r.measure))
    own = {
        r.year: r for r in chosen if r.geo_code == kommun_code and r.measure == Measure.ANDEL_PCT
    }
    if not own:
        return None
    latest = own[max(own)]
    bounds = {
        r.measure: r.value
        for r in chosen
        if r.geo_code == kommun_code
        and r.year == latest.year
        and r.measure in (Measure.KI95_UNDRE_PCT, Measure.KI95_OVRE_PCT)
    }
    interval: tuple[float, float] | None = None
    if len(bounds) == 2:
        interval = (bounds[Measure.KI95_UNDRE_PCT], bounds[Measure.KI95_OVRE_PCT])
    elif latest.n:
        interval = stats.wilson_interval(latest.value, latest.n)

    def other(code: str) -> float | None:
        return next(
            (
                r.value
                for r in chosen
                if r.geo_code == code and r.year == latest.year and r.measure == Measure.ANDEL_PCT
            ),
            None,
        )

    first = min(own)
    return Share(
        catalogue.indicator(indicator).label,
        catalogue.indicator(indicator).source,
        catalogue.source_of(indicator).label,
        latest.year,
        latest.value,
        interval,
        latest.n,
        other(kommun_code[:2]),
        other(RIKET),
        (first, own[first].value) if first != latest.year else None,
        row_origin(latest),
    )
