"""A target's value per year, for the small trend on the overview and the goal pages."""

from __future__ import annotations

from goals.evidence import Evidence
from goals.models import Target
from goals.points import YearPoint, YearValue, with_zero_years
from indicators.catalogue import Catalogue


def covered_years(target: Target, evidence: Evidence) -> frozenset[int]:
    """The years in which a year without the target's event counts 0: those the activity log
    covers (any entry that year), for a rule counting logged events. A survey or a crime
    statistic covers no year this way: a year without its value is missing."""
    return evidence.log_years if target.rule.counts_every_event else frozenset()


def target_points(target: Target, catalogue: Catalogue, evidence: Evidence) -> list[YearPoint]:
    """The target's points as the verdicts read them, a covered year without events as 0."""
    measure = catalogue.indicator(target.indicator).measure
    points = target.rule.points(evidence.target_rows(target.id, measure), measure)
    return with_zero_years(points, covered_years(target, evidence))


def yearly_values(target: Target, catalogue: Catalogue, evidence: Evidence) -> list[YearValue]:
    """Every year with a value, as the verdicts read them (chosen source, own measure); a year
    the activity log covers without the activity is 0."""
    return [
        YearValue(p.year, p.value, p.complete)
        for p in target_points(target, catalogue, evidence)
        if p.value is not None
    ]
