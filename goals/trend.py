"""A target's value per year, for the small trend on the overview and the goal pages."""

from __future__ import annotations

from goals.evidence import Evidence
from goals.models import Target
from goals.points import YearValue
from indicators.catalogue import Catalogue


def yearly_values(target: Target, catalogue: Catalogue, evidence: Evidence) -> list[YearValue]:
    """Every year with a value, as the verdicts read them (chosen source, own measure)."""
    measure = catalogue.indicator(target.indicator).measure
    points = target.rule.points(evidence.target_rows(target.id, measure), measure)
    return [YearValue(p.year, p.value, p.complete) for p in points if p.value is not None]
