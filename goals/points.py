"""A target's value per year as charts, tables and small trends show it: value, interval, how
complete and how final, and where it came from.

Rule types build their points from these helpers (goals/rules/), reading each year exactly as
their verdicts read it, so a chart, its table and the verdict can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goals.forecast import series_dispersion
from goals.series import count_years, measurements
from goals.status import Verdict
from indicators.kinds import Measure, Revision
from indicators.lazy import lazy_module
from indicators.overlap import combined_revision
from indicators.stored import Observation

# scipy and statsmodels load when a verdict first needs them, not when an agreement is read.
if TYPE_CHECKING:
    from goals import stats
else:
    stats = lazy_module("goals.stats")


@dataclass(frozen=True)
class Origin:
    """Where a value came from: one file, the rows or cells read, when and how final."""

    file: str
    sheet: str | None
    places: str  # 'rad 17–28', 'cell C7', 'summerat'
    imported_at: str
    revision: Revision | None


@dataclass(frozen=True)
class YearPoint:
    year: int
    value: float | None  # None for a year of the period without a value of its own
    interval: tuple[float, float] | None  # 95 % interval of the value, when it has one
    complete: bool  # False for a count whose months stop before December
    preliminary: bool
    months: int  # months counted, 12 for a whole year
    origins: tuple[Origin, ...]
    projected: float | None = None  # the whole year expected, for a year not yet complete
    projection_interval: tuple[float, float] | None = None
    verdict: Verdict | None = None  # the year's verdict, for years of the period
    note: str = ""  # why a value stands without rows of its own ('0: loggen täcker året …')


@dataclass(frozen=True)
class YearValue:
    """A year's value for the small trends: the point without its interval and origins."""

    year: int
    value: float
    complete: bool  # False for a count whose months stop before December


def count_points(rows: Sequence[Observation]) -> list[YearPoint]:
    """A count per year with the interval its verdict uses (widened by the series' φ)."""
    counts = count_years(rows)
    phi = series_dispersion(rows[0].indicator, counts).phi if rows else 1.0
    points = []
    for year, count in sorted(counts.items()):
        interval = stats.count_interval(count.value, phi) if count.complete else None
        points.append(
            YearPoint(
                year,
                count.value,
                interval,
                count.complete,
                count.preliminary,
                len(count.covered),
                origins(rows, year, count.files),
            )
        )
    return points


def survey_points(rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
    points = []
    for year, found in measurements(rows).items():
        interval = (
            stats.wilson_interval(found.value, found.n)
            if measure == Measure.ANDEL_PCT and found.n
            else None
        )
        points.append(
            YearPoint(
                year,
                found.value,
                interval,
                True,
                found.preliminary,
                12,
                origins(rows, year, (found.file,)),
            )
        )
    return points


def activity_points(rows: Sequence[Observation], yearly: dict[int, float]) -> list[YearPoint]:
    """One point per year of a logged activity: its count, or the weeks it was held in."""
    files = tuple(dict.fromkeys(row.file for row in rows))
    return [
        YearPoint(year, value, None, True, False, 12, origins(rows, year, files))
        for year, value in sorted(yearly.items())
    ]


ZERO_NOTE = "loggen täcker året utan någon sådan aktivitet, så värdet är 0"


def with_zero_years(points: Sequence[YearPoint], covered: Iterable[int]) -> list[YearPoint]:
    """Zero is a value: a year that a source listing every event covers (the activity log has
    some entry that year) but that has no point of its own counts 0, not missing. A year the
    source does not cover stays missing. The one place this rule lives: the goal pages, the
    annual report and the Excel export all read their points through it."""
    have = {p.year for p in points}
    zeros = [
        YearPoint(year, 0.0, None, True, False, 12, (), note=ZERO_NOTE)
        for year in covered
        if year not in have
    ]
    return sorted([*points, *zeros], key=lambda p: p.year)


def origins(rows: Sequence[Observation], year: int, files: Sequence[str]) -> tuple[Origin, ...]:
    """The stored rows of `year` in the files the value was read from, grouped per file."""
    grouped: dict[tuple[str, str | None, str], list[Observation]] = {}
    for row in rows:
        if row.period[:4] == str(year) and row.file in files:
            grouped.setdefault((row.file, row.sheet, row.imported_at), []).append(row)
    return tuple(
        Origin(
            file, sheet, _places(parts), imported_at, combined_revision(p.revision for p in parts)
        )
        for (file, sheet, imported_at), parts in grouped.items()
    )


def _places(parts: list[Observation]) -> str:
    cells = sorted({p.cell for p in parts if p.cell})
    if cells:
        return (
            ("cell " if len(cells) == 1 else "celler ")
            + ", ".join(cells[:6])
            + (" …" if len(cells) > 6 else "")
        )
    numbers = sorted({p.row for p in parts if p.row})
    if not numbers:
        return "summerat vid import"
    if len(numbers) == 1:
        return f"rad {numbers[0]}"
    return (
        f"rader {numbers[0]}–{numbers[-1]}"
        if numbers[-1] - numbers[0] + 1 == len(numbers)
        else f"{len(numbers)} rader mellan {numbers[0]} och {numbers[-1]}"
    )


def activity_weeks(dates: Sequence[tuple[dt.date, float]]) -> dict[int, float]:
    """ISO year → the number of its weeks with at least one logged activity."""
    weeks: dict[int, set[int]] = {}
    for date, _ in dates:
        iso = date.isocalendar()
        weeks.setdefault(iso.year, set()).add(iso.week)
    return {year: float(len(held)) for year, held in weeks.items()}


def activity_counts(dates: Sequence[tuple[dt.date, float]]) -> dict[int, float]:
    """Calendar year → logged activities."""
    counts: dict[int, float] = {}
    for date, value in dates:
        counts[date.year] = counts.get(date.year, 0) + value
    return counts
