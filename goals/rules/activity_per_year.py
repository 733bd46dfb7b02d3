"""Activity per year: at least `min` logged activities of the target's kind in every year of the
period ('årligen ta fram en gemensam problembild'), counted from the säkerhetsenhet's activity
log. A year the log covers without the activity counts zero."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from goals.points import YearPoint, activity_counts, activity_points
from goals.rules.base import Case, ReferenceLine, RuleType
from goals.rules.verdicts import cannot_judge, log_missing, logged, not_begun, year_running
from goals.series import YearCount, activity_dates
from goals.status import Status, Verdict
from goals.words import lower_first, value_text
from indicators.kinds import Measure
from indicators.stored import Observation

if TYPE_CHECKING:
    from goals.models import Agreement
    from indicators.catalogue import Indicator


class ActivityPerYear(RuleType):
    """At least `min` logged activities of the target's kind in every year of the period."""

    type: Literal["activity_per_year"] = Field(
        description="Regeltypen: minst ett visst antal aktiviteter per kalenderår."
    )
    counts_every_event: ClassVar[bool] = True
    min: int = Field(default=1, ge=1, description="Minsta antal per kalenderår.")

    def series(self, case: Case) -> list[tuple[dt.date, float]]:
        return activity_dates(case.rows)

    def judge(self, case: Case, series: list[tuple[dt.date, float]], year: int) -> Verdict:
        if begun := not_begun(case, year):
            return begun
        count = sum(value for date, value in series if date.year == year)
        label = case.indicator.label
        sentence = (
            f"{label}: {value_text(count, 'antal')} under {year} enligt aktivitetsloggen "
            f"(målet är minst {self.min} per år)."
        )
        if count >= self.min:
            return logged(
                case,
                Status.UPPNATT,
                count,
                year,
                sentence,
                f"Aktivitetsloggen har {_how_many(case, count)} {year}; minst {self.min} behövs.",
            )
        if year_running(case, year):
            return cannot_judge(
                case,
                "året pågår",
                f"{year} pågår och har {_how_many(case, count)} hittills; året "
                "bedöms när målet är nått "
                "eller året är slut.",
                year,
                value=count,
            )
        if missing := log_missing(case, year):
            return missing
        return logged(
            case,
            Status.EJ_UPPNATT,
            count,
            year,
            sentence,
            f"Aktivitetsloggen täcker {year} men har {_how_many(case, count)}; minst "
            f"{self.min} behövs. Ett år som loggen täcker "
            "utan aktiviteten räknas som noll.",
        )

    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        return activity_points(rows, activity_counts(activity_dates(rows)))

    def year_counts(self, rows: Sequence[Observation], measure: Measure) -> Mapping[int, YearCount]:
        return {}  # activities are counted per year, never as a monthly series

    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        first, last = agreement.period
        how_many = (
            f"en {indicator.label.lower()}" if self.min == 1 else f"{self.min} {indicator.unit}"
        )
        return (
            f"Minst {how_many} per kalenderår {first}–{last} enligt aktivitetsloggen. Ett år som "
            "loggen täcker utan en sådan aktivitet räknas som noll och är inte uppnått."
        )

    def target_json(self) -> dict[str, Any]:
        return {"per": "year", "min": self.min}

    def reference_line(self, period: tuple[int, int], measure: Measure) -> ReferenceLine:
        return ReferenceLine(
            f"Målet: minst {self.min} per år",
            self.min,
            f"Mål: minst {value_text(self.min, 'antal')} per år",
        )


def _how_many(case: Case, count: float) -> str:
    """'1 trygghetsvandring', '3 trygghetsvandringar'."""
    noun = lower_first(case.indicator.label) if count == 1 else case.indicator.unit
    return f"{value_text(count, 'antal')} {noun}"
