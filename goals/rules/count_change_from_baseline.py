"""Change against a baseline for a count: each calendar year of the period must have fewer (or
more) reported crimes than the baseline year ('misshandel … ska minska', against 2022).

A complete year is held against the complete baseline year with the exact-conditional test of
two counts divided by the dispersion φ (goals/rules/against_baseline.py), so the verdict says
whether the change is beyond chance. A year not yet complete in data is judged as a threshold
would judge it (goals/rules/threshold_every_year.py), with the baseline year's count as the
threshold: already decided, too early, a forecast of the rest of the year, or of a year not yet
begun. The baseline itself must be a complete year with every code of the indicator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from goals.coverage import codes_coverage
from goals.points import YearPoint, count_points
from goals.rules.against_baseline import Direction, against_baseline
from goals.rules.base import Baseline, Case, RuleType
from goals.rules.threshold_every_year import (
    CountSeries,
    ThresholdEveryYear,
    count_series,
    count_verdict,
)
from goals.rules.verdicts import cannot_judge
from goals.series import Measurement, count_measurements
from goals.status import Verdict
from goals.words import DIRECTION_WORDS
from indicators.kinds import Measure
from indicators.stored import Observation

if TYPE_CHECKING:
    from goals.models import Agreement
    from indicators.catalogue import Indicator


class CountChangeFromBaseline(RuleType):
    """Each calendar year's count must be lower (or higher) than the baseline year's."""

    type: Literal["count_change_from_baseline"] = Field(
        description="Regeltypen: ett antal (anmälda brott) mot ett utgångsår, bedömt varje "
        "kalenderår; ett pågående år skrivs fram som för en tröskel."
    )
    baseline_year: int = Field(
        description="Utgångsåret, t.ex. 2022, det sista året före perioden 2023–2026."
    )
    direction: Direction = Field(
        default="lower",
        description="'lower' för färre än utgångsåret ('ska minska'), 'higher' för fler.",
    )

    def series(self, case: Case) -> CountSeries:
        return count_series(case)

    def judge(self, case: Case, series: CountSeries, year: int) -> Verdict:
        base = series.years.get(self.baseline_year)
        if base is None or not base.complete:
            held = "finns inte" if base is None else "är inte ett helt år"
            return cannot_judge(
                case,
                f"utgångsåret {self.baseline_year} saknas",
                f"{case.indicator.label} för utgångsåret {self.baseline_year} {held} i data från "
                f"{case.source}; målet jämför varje år med {self.baseline_year}. Läs in hela "
                f"{self.baseline_year}.",
                year,
            )
        if self.baseline_year in series.missing_codes:
            coverage = codes_coverage(
                series.missing_codes[self.baseline_year], series.codes, base.files
            )
            return cannot_judge(
                case,
                f"utgångsåret {self.baseline_year} är ofullständigt",
                f"{coverage.note} Ett ofullständigt utgångsår ger ingen rättvis jämförelse.",
                year,
                coverage=coverage,
            )
        counted = series.years.get(year)
        if counted is not None and counted.complete and year not in series.missing_codes:
            wave = Measurement(
                year, counted.value, None, counted.preliminary, ", ".join(counted.files)
            )
            values = {**count_measurements(case.rows), year: wave}
            return against_baseline(case, self.direction, self.baseline_year, values, wave, "")
        as_threshold = ThresholdEveryYear(
            type="threshold_every_year",
            op="<" if self.direction == "lower" else ">",
            value=base.value,
        )
        verdict = count_verdict(case, as_threshold, series, year)
        return replace(
            verdict,
            explanation=f"{self._rule_words(case, base.value)} {verdict.explanation}",
            target=self.target_json(),
            compared_with={"year": self.baseline_year, "value": base.value},
        )

    def _rule_words(self, case: Case, base: float) -> str:
        return (
            f"Regel: antalet ska vara {DIRECTION_WORDS[self.direction]} än "
            f"{self.baseline_year} års {case.text(base)} {case.indicator.unit}. Ett år som inte "
            f"är helt i data bedöms som mot en tröskel på {case.text(base)}:"
        )

    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        return count_points(rows)

    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        first, last = agreement.period
        return (
            f"{subject} ska vara {DIRECTION_WORDS[self.direction]} än år {self.baseline_year}, "
            f"bedömt varje kalenderår {first}–{last}. Skillnaden prövas mot slumpen med ett exakt "
            "villkorat test med överspridningen φ; ett pågående år skrivs fram."
        )

    def target_json(self) -> dict[str, Any]:
        return {"direction": self.direction, "baseline_year": self.baseline_year}

    def baseline(self) -> Baseline:
        return Baseline(self.baseline_year, DIRECTION_WORDS[self.direction])
