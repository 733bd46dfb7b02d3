"""A target's value per year, for the small trend on the overview and the goal pages."""

from __future__ import annotations

from dataclasses import dataclass

from goals.evidence import Evidence
from goals.models import Target
from goals.rules import ActivityPerYear, EveryIsoWeek
from goals.series import activity_dates, count_years, measurements
from indicators.catalogue import Catalogue


@dataclass(frozen=True)
class YearValue:
    year: int
    value: float
    complete: bool  # False for a count whose months stop before December


def yearly_values(target: Target, catalogue: Catalogue, evidence: Evidence) -> list[YearValue]:
    """Every year with a value, as the verdicts read them (chosen source, own measure)."""
    indicator = catalogue.indicator(target.indicator)
    rows = evidence.target_rows(target.id, indicator.measure)
    match target.rule:
        case EveryIsoWeek(parties=parties):
            weeks: dict[int, set[int]] = {}
            for date, _ in activity_dates(rows, parties):
                iso = date.isocalendar()
                weeks.setdefault(iso.year, set()).add(iso.week)
            return [YearValue(y, len(w), True) for y, w in sorted(weeks.items())]
        case ActivityPerYear():
            counts: dict[int, float] = {}
            for date, value in activity_dates(rows):
                counts[date.year] = counts.get(date.year, 0) + value
            return [YearValue(y, v, True) for y, v in sorted(counts.items())]
    if indicator.measure == "antal":
        return [YearValue(y, c.value, c.complete) for y, c in sorted(count_years(rows).items())]
    return [YearValue(y, m.value, True) for y, m in sorted(measurements(rows).items())]
