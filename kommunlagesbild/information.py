"""Annan relevant information: the BoU wave, the EST lägesbild summed over the year, the measures
in force and the activity log, each read from what is stored for the kommun.

    BouResult('Någon gång använt narkotika', 'åk 9', 2021, 7.0, n=410, region=8.2)
    EstYear(weeks=13, factors=(('Skadegörelse', Mean(1.8, 320)), …), events=(('Klotter', 14), …))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from est.lagesbild import (
    EVENTS,
    SURVEY,
    Mean,
    Survey,
    Week,
    events_from_rows,
    pooled,
    survey_from_rows,
)
from indicators.catalogue import Catalogue
from indicators.kinds import Measure, PeriodType
from indicators.overlap import choose
from indicators.stored import Observation

Reader = Callable[[str], list[Observation]]
BOU_SOURCE = "bou"
ACTIVITY_SOURCE = "aktivitetslogg"
TOP = 3  # factors and areas named as standing out


@dataclass(frozen=True)
class BouResult:
    indicator: str
    grade: str
    year: int
    value: float
    n: float | None
    region: float | None  # Skåne (the län) the same wave
    file: str


def bou_results(read: Reader, catalogue: Catalogue, kommun_code: str, year: int) -> list[BouResult]:
    """Every BoU indicator per grade (both sexes) in the latest wave up to the year."""
    found = []
    for indicator in (i for i in catalogue.indicators if i.source == BOU_SOURCE):
        rows = [
            r
            for r in read(indicator.id)
            if r.period_type is PeriodType.AR
            and r.measure == Measure.ANDEL_PCT
            and set(r.breakdown) == {"arskurs"}
            and r.year <= year
        ]
        chosen = choose(rows, lambda r: (r.geo_code, r.period, r.breakdown["arskurs"]))
        own = [r for r in chosen if r.geo_code == kommun_code]
        if not own:
            continue
        wave = max(r.year for r in own)
        for row in sorted((r for r in own if r.year == wave), key=lambda r: r.breakdown["arskurs"]):
            grade = row.breakdown["arskurs"]
            region = next(
                (
                    r.value
                    for r in chosen
                    if r.geo_code == kommun_code[:2]
                    and r.year == wave
                    and r.breakdown["arskurs"] == grade
                ),
                None,
            )
            found.append(
                BouResult(
                    indicator.label,
                    catalogue.value_label("arskurs", grade),
                    wave,
                    row.value,
                    row.n,
                    region,
                    row.file,
                )
            )
    return found


@dataclass(frozen=True)
class EstYear:
    """The weekly EST survey and event log over one year, all weeks together."""

    weeks: int  # weeks with answers
    factors: tuple[tuple[str, Mean], ...]  # (factor, mean over the year), highest first
    areas: tuple[tuple[str, Mean], ...]  # (area, mean of all factors), highest first
    events: tuple[tuple[str, int], ...]  # (kategori, events), most first
    files: tuple[str, ...]


def est_year(
    read: Reader, kommun_code: str, year: int, factor_labels: Mapping[str, str]
) -> EstYear | None:
    codes = _kommun_codes(read(SURVEY) + read(EVENTS), kommun_code)
    survey = survey_from_rows(read(SURVEY), codes)
    log = events_from_rows(read(EVENTS), codes)
    weeks = [w for w in survey.weeks if w.year == year]
    events: Counter[str] = Counter()
    for (week, category, _area, _level), count in log.counts.items():
        if week.year == year:
            events[category or "utan kategori"] += count
    if not weeks and not events:
        return None
    factors = [
        (factor_labels.get(f, f), mean)
        for f in sorted(survey.factor_ids)
        if (mean := survey.over(weeks, f, None)) is not None
    ]
    areas = [
        (area, mean)
        for area in survey.areas
        if area and (mean := _pooled_area(survey, weeks, area)) is not None
    ]
    files = sorted({f for w in weeks for f in survey.files[w]})
    return EstYear(
        len(weeks),
        tuple(sorted(factors, key=lambda f: -f[1].value)),
        tuple(sorted(areas, key=lambda a: -a[1].value)),
        tuple(events.most_common()),
        tuple(files),
    )


def _kommun_codes(rows: list[Observation], kommun_code: str) -> set[str]:
    return {
        r.geo_code
        for r in rows
        if r.geo_code and (r.geo_code == kommun_code or r.geo_code.startswith(f"{kommun_code}:"))
    }


def _pooled_area(survey: Survey, weeks: list[Week], area: str) -> Mean | None:
    """All factors' answers in one area over the weeks."""
    return pooled(survey.over(weeks, factor, area) for factor in survey.factor_ids)


@dataclass(frozen=True)
class Activities:
    """The activity log's entries of the year per activity type."""

    counts: tuple[tuple[str, int], ...]
    files: tuple[str, ...]


def activities(read: Reader, catalogue: Catalogue, year: int) -> Activities | None:
    counts: Counter[str] = Counter()
    files: set[str] = set()
    for indicator in (i for i in catalogue.indicators if i.source == ACTIVITY_SOURCE):
        for row in read(indicator.id):
            if row.year == year:
                counts[indicator.label] += int(row.value)
                files.add(row.file)
    if not counts:
        return None
    return Activities(tuple(counts.most_common()), tuple(sorted(files)))
