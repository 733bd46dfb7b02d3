"""The rule types a target can have: the registry keyed by the `type` discriminator.

This is the only place that lists the rule types; each is one module in this package (see
goals/rules/base.py for what a rule type must answer). The order is the order the agreement's
schema and its error messages list them in. Importing this package checks every rule type, so
an incomplete one stops the app and the command line at start-up with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from goals.rules.activity_per_year import ActivityPerYear
from goals.rules.base import Baseline, Case, ReferenceLine, RuleType, RuleTypeError, registry
from goals.rules.bedomning import Bedomning
from goals.rules.change_from_baseline import ChangeFromBaseline
from goals.rules.comparison import Comparison
from goals.rules.count_change_from_baseline import CountChangeFromBaseline
from goals.rules.every_iso_week import EveryIsoWeek
from goals.rules.threshold_every_year import ThresholdEveryYear

RULE_TYPES = registry(
    ThresholdEveryYear,
    Comparison,
    ChangeFromBaseline,
    ActivityPerYear,
    EveryIsoWeek,
    CountChangeFromBaseline,
    Bedomning,
)

if TYPE_CHECKING:
    Rule = RuleType
else:
    Rule = Annotated[Union[tuple(RULE_TYPES.values())], Field(discriminator="type")]  # noqa: UP007

__all__ = [
    "RULE_TYPES",
    "ActivityPerYear",
    "Baseline",
    "Bedomning",
    "Case",
    "ChangeFromBaseline",
    "Comparison",
    "CountChangeFromBaseline",
    "EveryIsoWeek",
    "ReferenceLine",
    "Rule",
    "RuleType",
    "RuleTypeError",
    "ThresholdEveryYear",
]
