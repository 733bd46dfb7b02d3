"""Where and when: reported crime by area, by month and by weekday × time band for the year,
and the trygghetsmätning's areas. Every count under five is suppressed in every output: the
aggregates are not personal data, but a small cell in a small place can point at a person.

    Grid(file='uttag.xlsx', cells={('5', '18-24'): 12, ('1', '00-06'): 3 …})
    → shown as 12 and "färre än 5"
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

from indicators.catalogue import Catalogue
from indicators.kinds import Measure, PeriodType
from indicators.stored import Observation

Reader = Callable[[str], list[Observation]]
SUPPRESS_BELOW = 5
SUPPRESSED = "färre än 5"
WEEKDAY_TIME = "anmalda_brott.veckodag_tid"
TIME_BANDS = ("00-06", "06-12", "12-18", "18-24", "okand")
WEEKDAYS = ("1", "2", "3", "4", "5", "6", "7")
AREA_INDEX = "tm.totalindex"


def shown_count(value: float | None) -> str:
    """A count as it may be shown: suppressed under five, '–' when there is none."""
    from indicators.numbers import format_number

    if value is None:
        return "–"
    if 0 < value < SUPPRESS_BELOW:
        return SUPPRESSED
    return format_number(value)


def suppressed(value: float) -> bool:
    return 0 < value < SUPPRESS_BELOW


def _as_pairs(cells: dict[tuple[str, ...], float]) -> list[tuple[list[str], float]]:
    return [(list(key), value) for key, value in cells.items()]


def _from_pairs(cells: Any) -> Any:
    if isinstance(cells, list):
        return {tuple(key): value for key, value in cells}
    return cells


# JSON has no tuple keys: an approved lägesbild's snapshot (kommunlagesbild/approval.py) keeps
# the cells as [key, count] pairs and reads them back as the tuples they were.
Cells = Annotated[
    dict[tuple[str, ...], float],
    PlainSerializer(_as_pairs, when_used="json"),
    BeforeValidator(_from_pairs),
]


@dataclass(frozen=True)
class Counts:
    """Counts of one file for the year, keyed by area, month or (weekday, time band)."""

    file: str
    date_basis: str | None  # which date the police extract counted by
    cells: Cells

    @property
    def total(self) -> float:
        return sum(self.cells.values())


def _one_file(rows: list[Observation]) -> list[Observation]:
    """The rows of the latest import among those given: two extracts of the same year (counted
    by different dates, or a revision) would count the same crimes twice."""
    if not rows:
        return []
    latest = max(rows, key=lambda r: (r.imported_at, r.import_id)).import_id
    return [r for r in rows if r.import_id == latest]


def _counts(
    rows: list[Observation], key: Callable[[Observation], tuple[str, ...]]
) -> Counts | None:
    chosen = _one_file(rows)
    if not chosen:
        return None
    cells: defaultdict[tuple[str, ...], float] = defaultdict(float)
    for row in chosen:
        cells[key(row)] += row.value
    bases = {r.breakdown.get("datumgrund") for r in chosen} - {None}
    return Counts(chosen[0].file, ", ".join(sorted(b for b in bases if b)) or None, dict(cells))


def crime_by_area(read: Reader, catalogue: Catalogue, kommun_code: str, year: int) -> Counts | None:
    """Reported crimes of every code in the police extract per area of the kommun."""
    rows = [
        r
        for r in read(catalogue.crime_counts)
        if r.geo_code == kommun_code
        and r.year == year
        and r.measure == Measure.ANTAL
        and "omrade" in r.breakdown
    ]
    return _counts(rows, lambda r: (r.breakdown["omrade"],))


def crime_by_month(
    read: Reader, catalogue: Catalogue, kommun_code: str, year: int
) -> Counts | None:
    """Reported crimes per month of the year, from one file (the codes it holds)."""
    rows = [
        r
        for r in read(catalogue.crime_counts)
        if r.geo_code == kommun_code
        and r.year == year
        and r.measure == Measure.ANTAL
        and r.period_type is PeriodType.MANAD
    ]
    return _counts(rows, lambda r: (r.period[5:7],))


def crime_by_weekday_time(read: Reader, kommun_code: str, year: int) -> Counts | None:
    """Reported crimes per weekday (1 = måndag) and time band, aggregated on import."""
    rows = [
        r
        for r in read(WEEKDAY_TIME)
        if r.geo_code == kommun_code and r.year == year and r.measure == Measure.ANTAL
    ]
    return _counts(rows, lambda r: (r.breakdown["veckodag"], r.breakdown["tidsband"]))


@dataclass(frozen=True)
class AreaIndex:
    """The trygghetsmätning's totalindex per area in the latest survey up to the year."""

    year: int
    file: str
    areas: tuple[tuple[str, float], ...]  # highest (worst) first
    kommun: float | None


def survey_areas(read: Reader, kommun_code: str, year: int) -> AreaIndex | None:
    rows = [
        r
        for r in read(AREA_INDEX)
        if r.geo_code is not None
        and (r.geo_code == kommun_code or r.geo_code.startswith(f"{kommun_code}:"))
        and r.measure == Measure.INDEX_0_6
        and r.period_type is PeriodType.AR
        and r.year <= year
    ]
    if not rows:
        return None
    latest = max(r.year for r in rows)
    chosen = _one_file([r for r in rows if r.year == latest])
    areas = sorted(
        ((r.geo_name, r.value) for r in chosen if r.geo_code != kommun_code),
        key=lambda a: -a[1],
    )
    kommun = next((r.value for r in chosen if r.geo_code == kommun_code), None)
    return AreaIndex(latest, chosen[0].file, tuple(areas), kommun)
