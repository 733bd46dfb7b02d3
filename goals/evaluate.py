"""Judge every target and goal of an agreement for a year (design.md "The verdict").

Pure: the stored evidence, the year and today's date in; verdicts with their numbers, an
explanation and a drafted sentence out. What each rule means lives in its module in
goals/rules/; statistics are in goals/stats.py, wording helpers in goals/words.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from goals.evidence import Evidence
from goals.forecast import series_dispersion
from goals.models import Agreement, Goal, Target
from goals.rules import Case
from goals.series import count_years
from goals.status import Status, Verdict, roll_up
from goals.words import period_text
from goals.year_to_date import year_to_date
from indicators.catalogue import Catalogue

# Judged for good: a recorded "delvis uppnått" is judged, not met.
FINAL = (Status.UPPNATT, Status.DELVIS_UPPNATT, Status.EJ_UPPNATT)


class YearOutsidePeriod(ValueError):
    """A year the agreement does not cover; the message names the period in Swedish."""


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    status: Status
    verdicts: dict[str, Verdict]


@dataclass(frozen=True)
class StatusReport:
    year: int
    goals: list[GoalResult]

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return {tid: v for result in self.goals for tid, v in result.verdicts.items()}

    def to_json(self) -> dict[str, Any]:
        """design.md's `status` shape."""
        return {
            "year": self.year,
            "goals": [
                {
                    "id": r.goal.id,
                    "title": r.goal.title,
                    "status": r.status.value,
                    "label": r.status.label,
                    "targets": [verdict_json(tid, v) for tid, v in r.verdicts.items()],
                }
                for r in self.goals
            ],
        }


def verdict_json(target_id: str, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": target_id,
        "status": verdict.status.value,
        "label": verdict.short,
        "qualifier": verdict.qualifier.value if verdict.qualifier else None,
        "value": verdict.value,
        "unit": verdict.unit,
        "ci": list(verdict.ci) if verdict.ci else None,
        "target": dict(verdict.target),
        "compared_with": dict(verdict.compared_with) if verdict.compared_with else None,
        "judged_year": verdict.judged_year,
        "probability": verdict.probability,
        "preliminary": verdict.preliminary,
        "period": dict(verdict.period) if verdict.period else None,
        "projected": verdict.projected,
        "coverage": verdict.coverage.to_json() if verdict.coverage else None,
        "dispersion": verdict.dispersion,
        "change_ci": list(verdict.change_ci) if verdict.change_ci else None,
        "year_to_date": dict(verdict.year_to_date) if verdict.year_to_date else None,
        # A recorded assessment (bedömning av säkerhetsenheten), never a computed verdict.
        "assessment": dict(verdict.assessment) if verdict.assessment else None,
        "explanation": verdict.explanation,
        "sentence": verdict.sentence,
    }


def evaluate(
    agreement: Agreement,
    catalogue: Catalogue,
    evidence: Evidence,
    year: int | None = None,
    today: dt.date | None = None,
) -> StatusReport:
    today = today or dt.date.today()
    year = default_year(agreement, evidence, today) if year is None else year
    check_year(agreement, year)
    results = []
    for goal in agreement.goals:
        verdicts = {
            t.id: judge(t, agreement, catalogue, evidence, year, today) for t in goal.targets
        }
        results.append(GoalResult(goal, roll_up(v.status for v in verdicts.values()), verdicts))
    return StatusReport(year, results)


def check_year(agreement: Agreement, year: int) -> None:
    first, last = agreement.period
    if not first <= year <= last:
        raise YearOutsidePeriod(
            f"{year} ligger utanför överenskommelsens period {first}–{last}; välj ett år "
            f"{first}–{last}."
        )


def default_year(agreement: Agreement, evidence: Evidence, today: dt.date) -> int:
    """The latest year of the period that has any data; without data, the latest begun year."""
    first, last = agreement.period
    with_data = [y for y in evidence.years() if first <= y <= last]
    return max(with_data) if with_data else max(first, min(last, today.year))


def judge(
    target: Target,
    agreement: Agreement,
    catalogue: Catalogue,
    evidence: Evidence,
    year: int,
    today: dt.date,
) -> Verdict:
    """One target's verdict for `year`, with the period so far ('uppnått 2 av 4 år') when the
    rule judges every year."""
    indicator = catalogue.indicator(target.indicator)
    source = catalogue.source_of(target.indicator).label
    case = Case(target, indicator, source, agreement, catalogue, evidence, today)
    rule = target.rule
    series = rule.series(case)
    verdict = _with_year_to_date(rule.judge(case, series, year), case, year)
    if not rule.judged_each_year:
        return verdict
    years = [rule.judge(case, series, y) for y in agreement.years if y <= year]
    return _with_period(verdict, years, len(agreement.years), year)


def _with_year_to_date(verdict: Verdict, case: Case, year: int) -> Verdict:
    """Counts of crime with monthly data: the year so far and the rolling 12 months against a
    year earlier, with the verdict's φ (or the series' own when the verdict used none)."""
    if not case.catalogue.is_counted_from_crime_codes(case.indicator.id):
        return verdict
    counts = count_years(case.rows)
    phi = verdict.dispersion or series_dispersion(case.indicator.id, counts).phi
    return replace(verdict, year_to_date=year_to_date(counts, year, phi))


def _with_period(verdict: Verdict, years: list[Verdict], period_years: int, year: int) -> Verdict:
    judged = [v for v in years if v.status in FINAL]
    met = sum(v.status is Status.UPPNATT for v in judged)
    period = {"met": met, "judged": len(judged), "years": period_years}
    return replace(
        verdict, period=period, explanation=f"{verdict.explanation} {period_text(period, year)}"
    )
