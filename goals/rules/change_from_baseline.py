"""Change from a baseline: each survey year of the period must be lower (or higher) than the
baseline year ('antalet människor som känner sig otrygga ska minska', against 2018)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from goals.points import YearPoint, count_points, survey_points
from goals.rules.against_baseline import Direction, against_baseline, yearly_values
from goals.rules.base import Baseline, Case, RuleType
from goals.rules.verdicts import no_survey
from goals.series import Measurement
from goals.status import Verdict
from goals.words import DIRECTION_WORDS
from indicators.kinds import Measure
from indicators.stored import Observation

if TYPE_CHECKING:
    from goals.models import Agreement
    from indicators.catalogue import Indicator


class ChangeFromBaseline(RuleType):
    """Each survey year of the period must be lower (or higher) than the baseline year."""

    type: Literal["change_from_baseline"] = Field(
        description="Regeltypen: förändring mot ett utgångsår, bedömd varje mätår."
    )
    baseline_year: int = Field(description="Utgångsåret, t.ex. den sista mätningen före perioden.")
    direction: Direction = Field(
        description="'lower' för lägre än utgångsåret, 'higher' för högre."
    )

    def series(self, case: Case) -> dict[int, Measurement]:
        return yearly_values(case)

    def judge(self, case: Case, series: Mapping[int, Measurement], year: int) -> Verdict:
        found = series.get(year)
        if found is None:
            return no_survey(case, series, year)
        return against_baseline(case, self.direction, self.baseline_year, series, found, "")

    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        return count_points(rows) if measure == Measure.ANTAL else survey_points(rows, measure)

    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        first, last = agreement.period
        return (
            f"{subject} ska vara {DIRECTION_WORDS[self.direction]} än i "
            f"{self.baseline_year} års mätning, bedömt varje mätår {first}–{last}."
        )

    def target_json(self) -> dict[str, Any]:
        return {"direction": self.direction, "baseline_year": self.baseline_year}

    def baseline(self) -> Baseline:
        return Baseline(self.baseline_year, DIRECTION_WORDS[self.direction])
