"""Comparison: the intended wave must be lower (or higher) than the baseline wave ('ett minskat
tobaksbruk i åk 6 år 2020, jämfört med 2016'), judged once, on the intended wave or, if it is
missing, the nearest later wave up to the year after the period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from goals.points import YearPoint, count_points, survey_points
from goals.rules.against_baseline import Direction, against_baseline, yearly_values
from goals.rules.base import Baseline, Case, RuleType
from goals.rules.verdicts import cannot_judge
from goals.series import Measurement
from goals.status import Verdict
from goals.words import DIRECTION_WORDS
from indicators.kinds import Measure
from indicators.stored import Observation

if TYPE_CHECKING:
    from goals.models import Agreement
    from indicators.catalogue import Indicator


class Comparison(RuleType):
    """The intended wave must be lower (or higher) than the baseline wave."""

    type: Literal["comparison"] = Field(description="Regeltypen: jämförelse mellan två mätningar.")
    intended_year: int = Field(description="Året då målet ska vara nått, t.ex. 2020.")
    baseline_year: int = Field(description="Jämförelseåret, t.ex. 2016.")
    direction: Direction = Field(
        description="'lower' för lägre än jämförelseåret, 'higher' för högre."
    )
    fallback: Literal["nearest_later_wave", "none"] = Field(
        default="nearest_later_wave",
        description="Saknas mätning det avsedda året: använd närmast följande mätning "
        "till och med året efter periodens slut, eller ingen.",
    )

    judged_each_year = False
    years_after_period = 1  # a later wave can stand in for the intended one (BoU 2021 for 2020)

    @model_validator(mode="after")
    def _baseline_before_intended(self) -> Comparison:
        if self.baseline_year >= self.intended_year:
            raise ValueError(
                f"jämförelseåret {self.baseline_year} måste ligga före året {self.intended_year}"
            )
        return self

    def series(self, case: Case) -> dict[int, Measurement]:
        return yearly_values(case)

    def judge(self, case: Case, series: Mapping[int, Measurement], year: int) -> Verdict:
        if year < self.intended_year:
            return cannot_judge(
                case,
                f"bedöms med {self.intended_year} års mätning",
                f"Målet gäller {self.intended_year} års mätning jämförd med "
                f"{self.baseline_year}; {year} bedöms det inte.",
                year,
            )
        last = case.agreement.period[1] + 1
        candidates = (
            [self.intended_year] if self.fallback == "none" else range(self.intended_year, last + 1)
        )
        wave = next((series[y] for y in candidates if y in series), None)
        if wave is None:
            span = (
                str(self.intended_year)
                if self.fallback == "none"
                else f"{self.intended_year}–{last}"
            )
            return cannot_judge(
                case,
                "mätning saknas",
                f"Ingen mätning {span} från {case.source} har lästs in.",
                year,
            )
        note = (
            ""
            if wave.year == self.intended_year
            else f" Någon mätning {self.intended_year} finns inte; närmast följande mätning, "
            f"{wave.year}, används."
        )
        return against_baseline(case, self.direction, self.baseline_year, series, wave, note)

    def judged_years(self, years: range) -> Sequence[int]:
        return [self.intended_year]

    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        return count_points(rows) if measure == Measure.ANTAL else survey_points(rows, measure)

    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        text = (
            f"{subject} ska vara {DIRECTION_WORDS[self.direction]} i "
            f"{self.intended_year} års mätning än i {self.baseline_year} års mätning."
        )
        if self.fallback == "nearest_later_wave":
            text += (
                f" Finns ingen mätning {self.intended_year} används närmast följande "
                f"mätning till och med {agreement.period[1] + 1}, och bedömningen säger det."
            )
        return text

    def target_json(self) -> dict[str, Any]:
        return {"direction": self.direction, "baseline_year": self.baseline_year}

    def baseline(self) -> Baseline:
        return Baseline(self.baseline_year, DIRECTION_WORDS[self.direction])
