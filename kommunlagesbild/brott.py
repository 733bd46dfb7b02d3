"""Kartläggning, extent and development: every crime category as counts and rates per 100 000
over up to ten years, a trend that knows about chance, and the year against län, riket and
other kommuner where Brå's kommun indicators give them.

Two kinds of category:

    Brå's kommun indicators (lagesbild.*): yearly, kommun + län + riket, antal and per_100k
        Category('lagesbild.bilbrott', 'Bilbrott', 'bra', years=(…2024: 310, 685,2 …),
                 references=(Skåne 540,1; Riket 402,3))
    the code list's crime indicators (misshandel, bostadsinbrott …): counts as the goals read
    them (goals/series.py chooses among overlapping sources), rates from SCB's population.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from goals.coverage import codes_coverage, missing_codes, months_coverage
from goals.dispersion import dispersion
from goals.evidence import BENEATH_TARGET
from goals.forecast import series_dispersion
from goals.points import Origin, origins
from goals.series import YearCount, count_years
from indicators.catalogue import Catalogue
from indicators.code_list import CodeList
from indicators.geography import comparison_level
from indicators.kinds import Measure, PeriodType
from indicators.lazy import lazy_module
from indicators.overlap import choose
from indicators.stored import Observation

if TYPE_CHECKING:
    from goals import stats
else:
    stats = lazy_module("goals.stats")

Reader = Callable[[str], list[Observation]]
YEARS = 10  # the kartläggning looks this far back
MIN_TREND_YEARS = 5  # fewer complete years: no trend is drawn, the years are only listed
RIKET = "00"
BRA_SOURCE = "bra_kommunindikatorer"
# The standing of a category is its rate against riket, times where a trend beyond chance takes
# it in this many years: a category at riket's level that grows 10 % a year stands out too.
TREND_HORIZON = 5
PER = 100_000


@dataclass(frozen=True)
class YearFigure:
    year: int
    count: float | None
    rate: float | None  # per 100 000 invånare
    origins: tuple[Origin, ...] = ()
    complete: bool = True  # False: months or brottskoder missing, so it is not the year's count
    preliminary: bool = False
    note: str = ""  # what an incomplete count lacks, in words (goals/coverage.py)


@dataclass(frozen=True)
class Reference:
    """Another geography's figures for the year: län, riket or a comparison kommun."""

    name: str
    level: Literal["lan", "riket", "kommun"]
    count: float | None
    rate: float | None
    origins: tuple[Origin, ...] = ()


@dataclass(frozen=True)
class Trend:
    """A log-linear (quasi-Poisson) trend over the complete years: the change per year with its
    95 % interval, of the rate when every year's population is known, else of the count."""

    first: int
    last: int
    per_year: float  # 0.06 = +6 % a year
    interval: tuple[float, float]
    of: Literal["rate", "count"]

    @property
    def direction(self) -> Literal["okar", "minskar"] | None:
        """None when the interval holds 0: no change beyond chance."""
        low, high = self.interval
        if low > 0:
            return "okar"
        return "minskar" if high < 0 else None


@dataclass(frozen=True)
class Change:
    """The year's count against the year before, the test widened by φ."""

    earlier: float
    later: float
    ratio_interval: tuple[float, float] | None
    p: float | None

    @property
    def beyond_chance(self) -> bool:
        return self.p is not None and self.p < 0.05


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    origin: Literal["bra", "kodlista"]
    year: int
    years: tuple[YearFigure, ...]  # the kommun's, oldest first, at most YEARS ending at `year`
    references: tuple[Reference, ...] = ()
    trend: Trend | None = None
    change: Change | None = None
    phi: float = 1.0

    @property
    def current(self) -> YearFigure | None:
        return next((f for f in self.years if f.year == self.year), None)

    def reference(self, level: str) -> Reference | None:
        return next((r for r in self.references if r.level == level), None)

    @property
    def riket_ratio(self) -> float | None:
        """The kommun's rate as a multiple of riket's the same year."""
        riket, current = self.reference("riket"), self.current
        if riket is None or current is None or not riket.rate or current.rate is None:
            return None
        return current.rate / riket.rate

    @property
    def standing(self) -> float:
        """log(rate against riket × the trend over TREND_HORIZON years); 0 is unremarkable."""
        score = math.log(self.riket_ratio) if self.riket_ratio else 0.0
        if self.trend and self.trend.direction:
            score += TREND_HORIZON * math.log1p(self.trend.per_year)
        return score


def ranked(categories: Sequence[Category]) -> list[Category]:
    """Most remarkable first: high against riket and rising beyond chance."""
    return sorted(categories, key=lambda c: -c.standing)


# Brå's kommun indicators ---------------------------------------------------------------------


def bra_categories(
    read: Reader, catalogue: Catalogue, kommun_code: str, year: int
) -> list[Category]:
    """One category per Brå indicator (and per kön or kategori where Brå splits it) with kommun
    figures in the ten years up to `year`."""
    found = []
    for indicator in catalogue.indicators:
        if indicator.source != BRA_SOURCE:
            continue
        rows = [r for r in read(indicator.id) if r.period_type is PeriodType.AR]
        for split in sorted({_split_key(r) for r in rows}):
            part = [r for r in rows if _split_key(r) == split]
            category = _bra_category(indicator.id, indicator.label, split, part, kommun_code, year)
            if category is not None:
                found.append(category)
    return found


def _split_key(row: Observation) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(row.breakdown.items()))


def _bra_category(
    indicator: str,
    label: str,
    split: tuple[tuple[str, str], ...],
    rows: list[Observation],
    kommun_code: str,
    year: int,
) -> Category | None:
    chosen = choose(rows, lambda r: (r.geo_code, r.period, r.measure))
    by_geo: dict[str, dict[int, dict[Measure, Observation]]] = {}
    for row in chosen:
        if row.geo_code is not None and year - YEARS < row.year <= year:
            by_geo.setdefault(row.geo_code, {}).setdefault(row.year, {})[row.measure] = row
    own = by_geo.get(kommun_code, {})
    if year not in own:
        return None
    years = tuple(_bra_figure(y, own[y]) for y in sorted(own))
    references = tuple(
        _reference(code, by_geo[code][year], kommun_code)
        for code in sorted(by_geo, key=lambda c: (len(c), c))
        if code != kommun_code and year in by_geo[code] and not code.startswith(f"{kommun_code}:")
    )
    name = label + "".join(f" ({value})" for _, value in split)
    phi = dispersion(indicator, []).phi
    category_id = indicator + "".join(f".{value}" for _, value in split)
    return Category(
        category_id,
        name,
        "bra",
        year,
        years,
        tuple(r for r in references if r is not None),
        trend(years, phi),
        change(years, year, phi),
        phi,
    )


def _bra_figure(year: int, measures: Mapping[Measure, Observation]) -> YearFigure:
    count, rate = measures.get(Measure.ANTAL), measures.get(Measure.PER_100K)
    return YearFigure(
        year,
        count.value if count else None,
        rate.value if rate else None,
        _distinct(row_origin(r) for r in (count, rate) if r is not None),
    )


def _reference(
    code: str, measures: Mapping[Measure, Observation], kommun_code: str
) -> Reference | None:
    level = comparison_level(code, kommun_code)
    if level is None:
        return None  # another län: not this kommun's comparison
    any_row = next(iter(measures.values()))
    count, rate = measures.get(Measure.ANTAL), measures.get(Measure.PER_100K)
    return Reference(
        any_row.geo_name,
        level,
        count.value if count else None,
        rate.value if rate else None,
        _distinct(row_origin(r) for r in (count, rate) if r is not None),
    )


def _distinct(found: Iterable[Origin]) -> tuple[Origin, ...]:
    """Antal and per 100 000 often stand in one row: name the row once."""
    return tuple(dict.fromkeys(found))


def row_origin(row: Observation) -> Origin:
    place = (
        f"cell {row.cell}" if row.cell else f"rad {row.row}" if row.row else "summerat vid import"
    )
    return Origin(row.file, row.sheet, place, row.imported_at, row.revision)


# The code list's crime indicators ------------------------------------------------------------


def code_list_indicators(catalogue: Catalogue) -> list[str]:
    """The crime categories the code list defines in their own right (not a part of, or a wider
    reading of, another), as the goals count them."""
    return [
        i.id
        for i in catalogue.indicators
        if catalogue.is_counted_from_crime_codes(i.id)
        and i.compared_to is None
        and not i.id.startswith(f"{catalogue.crime_counts}.")
    ]


def code_list_categories(
    read: Reader,
    catalogue: Catalogue,
    codes: CodeList,
    kommun_code: str,
    year: int,
    population: Mapping[int, float],
) -> list[Category]:
    """The code list's categories with a count for `year`. A year whose file lacks some of the
    category's brottskoder, or some months, is shown with what it lacks and left out of the
    trend and the change: it is a lower bound, not the year's count."""
    found = []
    for indicator in code_list_indicators(catalogue):
        rows = [
            r
            for r in read(indicator)
            if r.geo_code == kommun_code
            and r.measure == Measure.ANTAL
            and set(r.breakdown) <= BENEATH_TARGET
        ]
        counts = count_years(rows)
        if year not in counts:
            continue
        phi = series_dispersion(indicator, counts).phi
        absent = missing_codes(rows, indicator, codes, counts)
        years = tuple(
            YearFigure(
                y,
                c.value,
                c.value / population[y] * PER if population.get(y) else None,
                origins(rows, y, c.files),
                c.complete and y not in absent,
                c.preliminary,
                _note(c, absent.get(y), codes, y),
            )
            for y, c in counts.items()
            if year - YEARS < y <= year
        )
        label = catalogue.indicator(indicator).label
        found.append(
            Category(
                indicator,
                label,
                "kodlista",
                year,
                years,
                (),
                trend(years, phi),
                change(years, year, phi),
                phi,
            )
        )
    return found


def _note(count: YearCount, absent: tuple[str, ...] | None, codes: CodeList, year: int) -> str:
    notes = []
    if not count.complete:
        notes.append(months_coverage(count.covered, year).note)
    if absent:
        notes.append(codes_coverage(absent, codes, count.files).note)
    return " ".join(notes)


# Chance --------------------------------------------------------------------------------------


def change(years: Sequence[YearFigure], year: int, phi: float) -> Change | None:
    """The year's count against the year before, both complete."""
    counts = {f.year: f.count for f in years if f.complete and f.count is not None}
    later, earlier = counts.get(year), counts.get(year - 1)
    if later is None or earlier is None:
        return None
    return Change(
        earlier,
        later,
        stats.count_ratio_interval(earlier, later, phi),
        stats.count_change_p(earlier, later, phi),
    )


def trend(years: Sequence[YearFigure], phi: float) -> Trend | None:
    """A quasi-Poisson log-linear trend over the complete years (at least MIN_TREND_YEARS): the
    standard error widened by the larger of φ and the series' own Pearson dispersion, so a
    jumpy series never shows a trend that is only noise."""
    usable = [f for f in years if f.complete and f.count is not None]
    if len(usable) < MIN_TREND_YEARS:
        return None
    exposures = [_exposure(f) for f in usable]
    of: Literal["rate", "count"] = "rate" if all(e for e in exposures) else "count"
    import numpy as np
    from statsmodels.genmod.families import Poisson
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

    x = np.array([f.year for f in usable], dtype=float)
    y = np.array([f.count for f in usable], dtype=float)
    design = np.column_stack([np.ones_like(x), x - x.mean()])
    offset = np.log(np.array(exposures, dtype=float)) if of == "rate" else None
    if y.sum() == 0:
        return None
    with warnings.catch_warnings():
        # A series on an exact curve fits perfectly; statsmodels warns, the slope is still right.
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        fitted = GLM(y, design, family=Poisson(), offset=offset).fit()
    pearson = float(fitted.pearson_chi2) / max(1.0, float(fitted.df_resid))
    scale = max(1.0, phi, pearson)
    slope, se = float(fitted.params[1]), float(fitted.bse[1]) * math.sqrt(scale)
    z = 1.959963984540054
    return Trend(
        int(x.min()),
        int(x.max()),
        math.expm1(slope),
        (math.expm1(slope - z * se), math.expm1(slope + z * se)),
        of,
    )


def _exposure(figure: YearFigure) -> float | None:
    """The population in 100 000s behind a figure: from its count and rate."""
    if figure.count and figure.rate:
        return figure.count / figure.rate
    return None
