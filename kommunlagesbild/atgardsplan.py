"""The åtgärdsplan's links: which measures answer which problem of the lägesbild, and which
agreement targets they serve.

The measures template names them in two columns (indicators/sources/atgarder.py):

    Problem i lägesbilden        → the lägesbild's crime categories, by id or label
                                   ('Bilbrott', 'lagesbild.bilbrott', 'Misshandel')
    Delmål                       → a target's id, or a goal's id or title for all its targets

`link_names` says which names are known when a file is imported; `problem_measures` pairs each
problem of a year's lägesbild with the measures linked to it, so a problem nobody answers shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from goals.atgarder import AtgarderOverview, AtgardLine
from goals.models import Agreement, Goal
from indicators.catalogue import Catalogue
from indicators.sources import LinkNames
from indicators.values import normalise_label
from kommunlagesbild.brott import BRA_SOURCE, Category, code_list_indicators

# Brå's catch-all: its categories are named from each workbook, so no name can be checked.
BRA_OTHER = "lagesbild.ovrig"


def problem_labels(catalogue: Catalogue) -> dict[str, str]:
    """Problem id → label: every crime category a lägesbild can show (the code list's own and
    Brå's kommun indicators), as kommunlagesbild/brott.py builds them."""
    labels = {i: catalogue.indicator(i).label for i in code_list_indicators(catalogue)}
    for indicator in catalogue.indicators:
        if indicator.source == BRA_SOURCE and indicator.id != BRA_OTHER:
            labels[indicator.id] = indicator.label
    return labels


def link_names(catalogue: Catalogue, agreements: Iterable[Agreement]) -> LinkNames:
    """The names the template's link columns may use. An id or label wins over another
    category's alias ('Skadegörelsebrott' is the code list's label and an alias of Brå's)."""
    labels = problem_labels(catalogue)
    problems: dict[str, tuple[str, ...]] = {}
    for problem_id, label in labels.items():
        for name in (problem_id, label):
            _add(problems, name, problem_id)
    for indicator in catalogue.indicators:
        if indicator.id not in labels:
            continue
        for aliases in indicator.labels.values():
            for alias in aliases:
                problems.setdefault(normalise_label(alias), (indicator.id,))
    targets: dict[str, tuple[str, ...]] = {}
    examples: list[str] = []
    for agreement in agreements:
        for goal in agreement.goals:
            ids = [t.id for t in goal.targets]
            for target_id in ids:
                _add(targets, target_id, target_id)
                if target_id not in examples:
                    examples.append(target_id)
            for name in (goal.id, goal.title):
                for target_id in ids:
                    _add(targets, name, target_id)
    return LinkNames(problems, targets, tuple(labels.values()), tuple(examples))


def _add(names: dict[str, tuple[str, ...]], name: str, target: str) -> None:
    key = normalise_label(name)
    if target not in names.get(key, ()):
        names[key] = (*names.get(key, ()), target)


def addresses(problem_id: str, category: Category) -> bool:
    """A measure linked to an indicator answers each of its splits ('… (flickor)') too."""
    return category.id == problem_id or category.id.startswith(problem_id + ".")


@dataclass(frozen=True)
class ProblemMeasures:
    """A problem of the year's lägesbild and the measures of the year that answer it."""

    problem: str  # the category's label as the lägesbild shows it
    measures: tuple[AtgardLine, ...]


def problem_measures(
    categories: Sequence[Category], overview: AtgarderOverview | None
) -> list[ProblemMeasures]:
    """Each category of the lägesbild, in its order (most remarkable first), with the measures
    linked to it; an empty tuple is a problem no measure answers."""
    lines = overview.lines if overview is not None else ()
    return [
        ProblemMeasures(
            category.label,
            tuple(
                line
                for line in lines
                if line.plan is not None and any(addresses(p, category) for p in line.plan.problems)
            ),
        )
        for category in categories
    ]


def goal_measures(overview: AtgarderOverview, goal: Goal) -> list[AtgardLine]:
    """The year's measures linked to a goal: by its targets (Delmål) or by the goal itself
    (Kopplade mål, whose ids the overview shows as the goal's title)."""
    targets = {t.id for t in goal.targets}
    return [
        line
        for line in overview.lines
        if goal.title in line.linked_goals
        or (line.plan is not None and targets.intersection(line.plan.targets))
    ]


def target_measures(overview: AtgarderOverview, target_ids: Iterable[str]) -> list[AtgardLine]:
    """The year's measures linked (column Delmål) to any of these targets, in list order."""
    wanted = set(target_ids)
    return [
        line
        for line in overview.lines
        if line.plan is not None and wanted.intersection(line.plan.targets)
    ]
