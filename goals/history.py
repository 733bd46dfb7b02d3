"""A target year by year, as a goal page charts it: value, interval, projection, verdict, origin.

Each year is read exactly as the verdicts read it (chosen source, own measure), so the chart,
its table and the verdict can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from goals import stats
from goals.evaluate import judge
from goals.evidence import Evidence
from goals.models import Agreement, Target
from goals.rules import ActivityPerYear, Comparison, EveryIsoWeek
from goals.series import PRELIMINARY, activity_dates, count_years, measurements
from goals.status import Verdict
from indicators.catalogue import Catalogue

YEARS_BEFORE_PERIOD = 4  # enough earlier years to see a trend without drowning the period


@dataclass(frozen=True)
class Origin:
    """Where a value came from: one file, the rows or cells read, when and how final."""

    file: str
    sheet: str | None
    places: str  # 'rad 17–28', 'cell C7', 'summerat'
    imported_at: str
    status: str | None


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


@dataclass(frozen=True)
class History:
    points: list[YearPoint]
    baseline_year: int | None  # the comparison year of a change rule
    first_year: int
    last_year: int

    @property
    def has_values(self) -> bool:
        return any(p.value is not None for p in self.points)

    def point(self, year: int) -> YearPoint | None:
        return next((p for p in self.points if p.year == year), None)


def target_history(
    target: Target, agreement: Agreement, catalogue: Catalogue, evidence: Evidence, today: dt.date
) -> History:
    """The target's years from a few before the period to its end (and the wave after it, which
    can stand in for a comparison year), each with the verdict it got."""
    indicator = catalogue.indicator(target.indicator)
    rows = evidence.target_rows(target.id, indicator.measure)
    first, last = agreement.period
    baseline = getattr(target.rule, "baseline_year", None)
    shown_from = min(first - YEARS_BEFORE_PERIOD, baseline or first)
    shown_to = last + isinstance(target.rule, Comparison)
    points = [
        p for p in _points(target, indicator.measure, rows) if shown_from <= p.year <= shown_to
    ]
    verdicts = _verdicts(target, agreement, catalogue, evidence, today)
    judged = [_with_verdict(p, verdicts.get(p.year)) for p in points]
    return History(
        sorted(judged + _years_without_value(points, verdicts), key=lambda p: p.year),
        baseline,
        shown_from,
        shown_to,
    )


def _verdicts(
    target: Target, agreement: Agreement, catalogue: Catalogue, evidence: Evidence, today: dt.date
) -> dict[int, Verdict]:
    """Each year's verdict; a comparison has one, shown at the wave it was judged on."""
    if isinstance(target.rule, Comparison):
        verdict = judge(target, agreement, catalogue, evidence, target.rule.intended_year, today)
        return {verdict.judged_year or target.rule.intended_year: verdict}
    return {
        year: judge(target, agreement, catalogue, evidence, year, today) for year in agreement.years
    }


def _with_verdict(point: YearPoint, verdict: Verdict | None) -> YearPoint:
    if verdict is None:
        return point
    projected = (
        verdict.projected if not point.complete and verdict.judged_year == point.year else None
    )
    return YearPoint(
        point.year,
        point.value,
        point.interval,
        point.complete,
        point.preliminary,
        point.months,
        point.origins,
        projected,
        verdict.ci if projected is not None else None,
        verdict,
    )


def _years_without_value(
    points: list[YearPoint], verdicts: Mapping[int, Verdict]
) -> list[YearPoint]:
    """Years of the period with no value of their own still get a row for their verdict (a
    trend forecast, or 'data saknas')."""
    have = {p.year for p in points}
    return [
        YearPoint(
            year,
            None,
            None,
            False,
            False,
            0,
            (),
            verdict.projected,
            verdict.ci if verdict.projected is not None else None,
            verdict,
        )
        for year, verdict in sorted(verdicts.items())
        if year not in have
    ]


def _points(target: Target, measure: str, rows: list[dict[str, Any]]) -> list[YearPoint]:
    match target.rule:
        case EveryIsoWeek(parties=parties):
            return _activity_points(rows, activity_dates(rows, parties), weeks=True)
        case ActivityPerYear():
            return _activity_points(rows, activity_dates(rows), weeks=False)
    if measure == "antal":
        return _count_points(rows)
    return _survey_points(rows, measure)


def _count_points(rows: list[dict[str, Any]]) -> list[YearPoint]:
    points = []
    for year, count in sorted(count_years(rows).items()):
        interval = stats.poisson_interval(count.value) if count.complete else None
        points.append(
            YearPoint(
                year,
                count.value,
                interval,
                count.complete,
                count.preliminary,
                len(count.covered),
                _origins(rows, year, count.files),
            )
        )
    return points


def _survey_points(rows: list[dict[str, Any]], measure: str) -> list[YearPoint]:
    points = []
    for year, found in measurements(rows).items():
        interval = (
            stats.wilson_interval(found.value, found.n)
            if measure == "andel_pct" and found.n
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
                _origins(rows, year, (found.file,)),
            )
        )
    return points


def _activity_points(
    rows: list[dict[str, Any]], dates: list[tuple[dt.date, float]], weeks: bool
) -> list[YearPoint]:
    by_year: dict[int, set[int] | float] = {}
    for date, value in dates:
        if weeks:
            iso = date.isocalendar()
            by_year.setdefault(iso.year, set()).add(iso.week)  # type: ignore[union-attr]
        else:
            by_year[date.year] = by_year.get(date.year, 0) + value  # type: ignore[operator]
    files = tuple(dict.fromkeys(row["file"] for row in rows))
    return [
        YearPoint(
            year,
            float(len(v)) if isinstance(v, set) else float(v),
            None,
            True,
            False,
            12,
            _origins(rows, year, files),
        )
        for year, v in sorted(by_year.items())
    ]


def _origins(
    rows: Sequence[Mapping[str, Any]], year: int, files: Sequence[str]
) -> tuple[Origin, ...]:
    """The stored rows of `year` in the files the value was read from, grouped per file."""
    grouped: dict[tuple[str, str | None, str], list[Mapping[str, Any]]] = {}
    for row in rows:
        if row["period"][:4] == str(year) and row["file"] in files:
            grouped.setdefault((row["file"], row["sheet"], row["imported_at"]), []).append(row)
    return tuple(
        Origin(file, sheet, _places(parts), imported_at, _status(parts))
        for (file, sheet, imported_at), parts in grouped.items()
    )


def _places(parts: list[Mapping[str, Any]]) -> str:
    cells = sorted({p["cell"] for p in parts if p["cell"]})
    if cells:
        return (
            ("cell " if len(cells) == 1 else "celler ")
            + ", ".join(cells[:6])
            + (" …" if len(cells) > 6 else "")
        )
    numbers = sorted({p["row"] for p in parts if p["row"]})
    if not numbers:
        return "summerat vid import"
    if len(numbers) == 1:
        return f"rad {numbers[0]}"
    return (
        f"rader {numbers[0]}–{numbers[-1]}"
        if numbers[-1] - numbers[0] + 1 == len(numbers)
        else f"{len(numbers)} rader mellan {numbers[0]} och {numbers[-1]}"
    )


def _status(parts: list[Mapping[str, Any]]) -> str | None:
    statuses = {p["status"] for p in parts}
    if PRELIMINARY in statuses:
        return PRELIMINARY
    return "slutlig" if statuses == {"slutlig"} else None


@dataclass(frozen=True)
class MonthProfile:
    """A count's months in one year beside the average month of its earlier complete years."""

    year: int
    months: dict[int, float]
    earlier_mean: dict[int, float]
    earlier_years: list[int]


def month_profile(
    target: Target, catalogue: Catalogue, evidence: Evidence, year: int
) -> MonthProfile | None:
    """None unless the target is a count with months stored for `year`."""
    indicator = catalogue.indicator(target.indicator)
    if indicator.measure != "antal" or isinstance(target.rule, (EveryIsoWeek, ActivityPerYear)):
        return None
    counts = count_years(evidence.target_rows(target.id, indicator.measure))
    chosen = counts.get(year)
    if chosen is None or not chosen.months:
        return None
    earlier = [c for y, c in sorted(counts.items()) if y < year and len(c.months) == 12]
    mean = (
        {m: sum(c.months[m] for c in earlier) / len(earlier) for m in range(1, 13)}
        if earlier
        else {}
    )
    return MonthProfile(year, dict(chosen.months), mean, [c.year for c in earlier])
