"""A target year by year, as a goal page charts it: value, interval, projection, verdict, origin.

Each year is read exactly as the verdicts read it (the rule's own points: chosen source, own
measure), so the chart, its table and the verdict can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from goals.evaluate import judge
from goals.evidence import Evidence
from goals.models import Agreement, Target
from goals.points import YearPoint
from goals.status import Verdict
from goals.trend import target_points
from indicators.catalogue import Catalogue

YEARS_BEFORE_PERIOD = 4  # enough earlier years to see a trend without drowning the period


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
    first, last = agreement.period
    compared = target.rule.baseline()
    baseline = compared.year if compared else None
    shown_from = min(first - YEARS_BEFORE_PERIOD, baseline or first)
    shown_to = last + target.rule.years_after_period
    points = [
        p for p in target_points(target, catalogue, evidence) if shown_from <= p.year <= shown_to
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
    """The verdict of each year the rule judges; a rule with one verdict for the period shows it
    at the wave it was judged on."""
    verdicts = {}
    for year in target.rule.judged_years(agreement.years):
        verdict = judge(target, agreement, catalogue, evidence, year, today)
        shown_at = year if target.rule.judged_each_year else verdict.judged_year or year
        verdicts[shown_at] = verdict
    return verdicts


def _with_verdict(point: YearPoint, verdict: Verdict | None) -> YearPoint:
    if verdict is None:
        return point
    projected = (
        verdict.projected if not point.complete and verdict.judged_year == point.year else None
    )
    # A count without some of its codes is a lower bound: an interval around it would pretend
    # to know where the whole count lies.
    lower_bound = verdict.coverage is not None and verdict.coverage.lower_bound
    return replace(
        point,
        interval=None if lower_bound else point.interval,
        projected=projected,
        projection_interval=verdict.ci if projected is not None else None,
        verdict=verdict,
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
    """None unless the target is read as a count with months stored for `year`."""
    measure = catalogue.indicator(target.indicator).measure
    counts = target.rule.year_counts(evidence.target_rows(target.id, measure), measure)
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
