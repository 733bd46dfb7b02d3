"""What a rule type is: an agreement model that also knows what it means.

Each rule type is one module in this package: a `RuleType` subclass holding the fields the
agreement file writes and the behaviour behind the protocol below. goals/rules/__init__.py is the
registry keyed by `type`, the only place that knows the list; evaluation, history, charts, pages
and the report ask the rule and never ask what type it is.

A rule type answers, for one target:
- what it needs from the evidence (`series`, read once for every year judged),
- how it judges a year (`judge`; `judged_each_year` says whether the period is summed up),
- its yearly points for charts, tables and trends (`points`),
- its reference line, baseline and threshold (`reference_line`, `baseline`, `threshold`),
- its plain-Swedish description (`describe`) and its JSON for `status` (`target_json`).
"""

from __future__ import annotations

import datetime as dt
import inspect
import typing
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from goals.points import YearPoint
from goals.series import YearCount, count_years
from goals.status import Verdict
from goals.words import join_words, value_text
from indicators.kinds import Measure
from indicators.stored import Observation

if TYPE_CHECKING:  # the agreement's models hold rules, so rules see them only as types
    from goals.evidence import Evidence
    from goals.models import Agreement, Target
    from indicators.catalogue import Catalogue, Indicator


class RuleTypeError(TypeError):
    """A rule type the registry cannot use: raised when goals.rules is imported (start-up)."""


@dataclass(frozen=True)
class Case:
    """One target as it is judged: its indicator, its agreement and the evidence at hand."""

    target: Target
    indicator: Indicator
    source: str  # the source's name for users, e.g. 'Polisens trygghetsmätning'
    agreement: Agreement
    catalogue: Catalogue
    evidence: Evidence
    today: dt.date

    @property
    def rows(self) -> list[Observation]:
        return self.evidence.target_rows(self.target.id, self.indicator.measure)

    @property
    def subject(self) -> str:
        """How a sentence about the target begins: 'Andelen som använder tobak i åk 9'."""
        subject = self.indicator.subject or self.indicator.label
        if self.target.breakdown and self.indicator.measure == Measure.ANDEL_PCT:
            groups = [self.catalogue.value_label(k, v) for k, v in self.target.breakdown.items()]
            return f"{subject} i {join_words(groups)}"
        return subject

    def text(self, value: float) -> str:
        return value_text(value, self.indicator.measure)


@dataclass(frozen=True)
class ReferenceLine:
    """What a chart draws as the goal: one level over the period, or a level per year."""

    label: str  # the goal page's legend: 'Målet: under 100'
    level: float | Mapping[int, float]
    brief: str  # the legend of a small chart in the board's documents: 'Mål: under 100'

    @property
    def lowest(self) -> float:
        """One level for a chart too small for a step per year."""
        return float(min(self.level.values()) if isinstance(self.level, Mapping) else self.level)


@dataclass(frozen=True)
class Baseline:
    """The year a target is compared with (its value comes from the data) and which way the
    target's value should differ from it."""

    year: int
    wanted: str  # 'lägre' or 'högre'


class RuleType(BaseModel, ABC):
    """The protocol of a rule type. Subclasses narrow `type` to a one-value Literal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str

    judged_each_year: ClassVar[bool] = True  # False: one verdict for the period (comparison)
    years_after_period: ClassVar[int] = 0  # later years a chart or trend still shows
    axis_title: ClassVar[str | None] = None  # when the value is not the indicator's measure
    # True: the verdict is a recorded assessment (bedömning av säkerhetsenheten) that an analyst
    # or admin records per year on the goal page, not a computation.
    assessed: ClassVar[bool] = False
    # True: the rule counts events in a source that lists every one (the activity log), so a
    # year the source covers without such an event is 0, not missing (goals/trend.py).
    counts_every_event: ClassVar[bool] = False

    @abstractmethod
    def series(self, case: Case) -> Any:
        """What the rule needs from the evidence, read once for every year it judges."""

    @abstractmethod
    def judge(self, case: Case, series: Any, year: int) -> Verdict:
        """The target's verdict for `year` from the series `series` returned."""

    @abstractmethod
    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        """The target's value per year, as the verdicts read it, for charts and trends."""

    @abstractmethod
    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        """What the rule asks, in one or two plain Swedish sentences."""

    @abstractmethod
    def target_json(self) -> dict[str, Any]:
        """What the target asks for, as `status --json` writes it under "target"."""

    def judged_years(self, years: range) -> Sequence[int]:
        """The years of the period that get a verdict of their own on the goal page."""
        return years

    def year_counts(self, rows: Sequence[Observation], measure: Measure) -> Mapping[int, YearCount]:
        """The count per year when the rule reads its series as counts (for the month chart);
        empty when it does not."""
        return count_years(rows) if measure == Measure.ANTAL else {}

    def reference_line(self, period: tuple[int, int], measure: Measure) -> ReferenceLine | None:
        return None

    def baseline(self) -> Baseline | None:
        """The year the target is compared with, drawn on charts from the data."""
        return None

    def threshold(self) -> float | None:
        """The fixed value every year is held against, drawn on the small trends."""
        return None

    def named_parties(self) -> tuple[str, ...]:
        """Party ids the rule names; the agreement checks they exist."""
        return ()


def registry(*rule_types: type[RuleType]) -> dict[str, type[RuleType]]:
    """The rule types keyed by their `type`, in the order given (the order error messages list
    them in); refuses anything that is not a complete rule type."""
    found: dict[str, type[RuleType]] = {}
    for rule_type in rule_types:
        key = _discriminator(rule_type)
        if key in found:
            raise RuleTypeError(
                f"rule types {found[key].__name__} and {rule_type.__name__} both have type {key!r}"
            )
        found[key] = rule_type
    return found


def _discriminator(rule_type: type[RuleType]) -> str:
    name = getattr(rule_type, "__name__", repr(rule_type))
    if not (inspect.isclass(rule_type) and issubclass(rule_type, RuleType)):
        raise RuleTypeError(f"{name} is not a RuleType (goals/rules/base.py)")
    if inspect.isabstract(rule_type):
        missing = ", ".join(sorted(rule_type.__abstractmethods__))
        raise RuleTypeError(f"rule type {name} does not implement {missing}")
    annotation = rule_type.model_fields["type"].annotation
    values = typing.get_args(annotation) if typing.get_origin(annotation) is typing.Literal else ()
    if len(values) != 1 or not isinstance(values[0], str):
        raise RuleTypeError(f"rule type {name} must narrow `type` to one Literal string")
    return values[0]
