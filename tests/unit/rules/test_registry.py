"""The registry of rule types: the only list, in design.md's order, and it refuses at start-up
(when goals.rules is imported) a rule type that is not complete."""

from typing import Any, Literal

import pytest
from pydantic import Field

from goals.models import Agreement
from goals.rules import RULE_TYPES, ThresholdEveryYear
from goals.rules.base import RuleType, RuleTypeError, registry


class HalfDone(RuleType):
    """A rule type that judges but cannot chart, describe or report itself."""

    type: Literal["half_done"] = Field(description="Regeltypen.")

    def series(self, case: Any) -> Any:
        return None

    def judge(self, case: Any, series: Any, year: int) -> Any:
        return None


def test_the_shipped_rule_types_in_the_order_of_design_md():
    assert list(RULE_TYPES) == [
        "threshold_every_year",
        "comparison",
        "change_from_baseline",
        "activity_per_year",
        "every_iso_week",
        "count_change_from_baseline",
        "bedomning",
    ]


def test_a_half_implemented_rule_type_is_refused_naming_what_it_lacks():
    with pytest.raises(RuleTypeError) as caught:
        registry(ThresholdEveryYear, HalfDone)
    message = str(caught.value)
    assert "HalfDone" in message
    assert "describe, points, target_json" in message


def test_something_that_is_not_a_rule_type_is_refused():
    class Stray:
        pass

    with pytest.raises(RuleTypeError, match="Stray is not a RuleType"):
        registry(Stray)  # type: ignore[arg-type]


def test_two_rule_types_with_one_type_are_refused():
    class Again(ThresholdEveryYear):
        pass

    with pytest.raises(RuleTypeError, match="both have type 'threshold_every_year'"):
        registry(ThresholdEveryYear, Again)


def test_a_rule_type_must_name_its_type_with_one_literal():
    class Loose(ThresholdEveryYear):
        type: str = Field(description="Regeltypen.")  # type: ignore[assignment]

    with pytest.raises(RuleTypeError, match="must narrow `type` to one Literal string"):
        registry(Loose)


def test_the_agreement_accepts_exactly_the_registered_rule_types():
    schema = Agreement.model_json_schema()
    rule = schema["$defs"]["Target"]["properties"]["rule"]
    assert set(rule["discriminator"]["mapping"]) == set(RULE_TYPES)
