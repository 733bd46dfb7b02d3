"""The agreement as the `goals --json` document of design.md (keys fixed; more may be added)."""

from __future__ import annotations

from typing import Any

from goals.describe import describe_target
from goals.models import Agreement, Goal, Target
from indicators.catalogue import Catalogue


def goals_document(agreement: Agreement, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "agreement": {
            "id": agreement.id,
            "title": agreement.title,
            "kommun": agreement.kommun.model_dump(),
            "parties": [party.model_dump() for party in agreement.parties],
            "period": list(agreement.period),
            "focus_areas": [area.model_dump() for area in agreement.focus_areas],
        },
        "goals": [_goal(goal, agreement, catalogue) for goal in agreement.goals],
    }


def agreement_summary(agreement: Agreement) -> dict[str, Any]:
    """One agreement as `agreements --json` lists it (design.md, "Several agreements")."""
    return {
        "id": agreement.id,
        "title": agreement.title,
        "kommun": agreement.kommun.model_dump(),
        "period": list(agreement.period),
        "goals": len(agreement.goals),
    }


def _goal(goal: Goal, agreement: Agreement, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "id": goal.id,
        "kind": goal.kind,
        "focus_area": goal.focus_area,
        "title": goal.title,
        "wording": goal.wording,
        "measured_with": goal.measured_with,
        "targets": [_target(target, agreement, catalogue) for target in goal.targets],
    }


def _target(target: Target, agreement: Agreement, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "id": target.id,
        "indicator": target.indicator,
        "geography": target.geography.model_dump(),
        "breakdown": dict(target.breakdown),
        "rule": target.rule.model_dump(),
        "description": describe_target(target, agreement, catalogue),
        "source": catalogue.source_of(target.indicator).label,
    }
