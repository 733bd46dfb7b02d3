"""The åtgärder (measures taken) behind the agreement, as the annual follow-up reports them.

The list comes from the latest import of the åtgärder template; budgets are the stored
`atgard.budget` observations (one per åtgärd and year). A year's overview holds the åtgärder
that ran that year or had a budget that year or the year before, so an åtgärd whose money
stopped still shows what it had. report/atgarder.py writes them as tables and sentences.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from goals.models import Agreement
from indicators.store import Store
from indicators.stored import Observation, read_observations
from indicators.values import normalise_label

BUDGET = "atgard.budget"

STATUS_LABELS = {
    "planerad": "Planerad",
    "pagaende": "Pågående",
    "genomford": "Genomförd",
    "avbruten": "Avbruten",
}
NO_FOCUS_AREA = "Inget fokusområde angivet"


FOLLOW_UP_LABELS = {"gron": "Grön", "gul": "Gul", "rod": "Röd"}
# Never colour alone: each follow-up status has its own sign, read with its word.
FOLLOW_UP_ICONS = {"gron": "✓", "gul": "!", "rod": "✗"}


@dataclass(frozen=True)
class FollowUp:
    """A measure's follow-up for one year in Brå's template: grön, gul or röd, with why."""

    status: str | None  # 'gron', 'gul', 'rod'; None when only a motivation was written
    motivation: str | None

    @property
    def label(self) -> str:
        """'✓ Grön' — sign and word; 'Ej angiven' without a status."""
        if self.status is None:
            return "Ej angiven"
        return f"{FOLLOW_UP_ICONS[self.status]} {FOLLOW_UP_LABELS[self.status]}"


@dataclass(frozen=True)
class AtgardPlan:
    """The åtgärdsplan's columns: orsak → åtgärd → operativa mål → när → vem → uppföljning."""

    cause: str | None = None  # orsak: the problem of the lägesbild the measure answers
    operational_goal: str | None = None
    when: str | None = None
    who: str | None = None
    follow_ups: dict[int, FollowUp] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # the lägesbild's problems (crime category ids) it answers
    targets: tuple[str, ...] = ()  # the agreement targets (ids) it serves


@dataclass(frozen=True)
class AtgardRecord:
    """One row of the åtgärder template, with its budgets by year."""

    name: str
    status: str
    focus_area: str | None = None
    responsible: str | None = None
    linked_goals: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    comment: str | None = None
    budgets: dict[int, float] = field(default_factory=dict)
    plan: AtgardPlan | None = None


@dataclass(frozen=True)
class AtgardList:
    records: tuple[AtgardRecord, ...]
    file: str
    imported_at: str


@dataclass(frozen=True)
class AtgardLine:
    name: str
    focus_area: str
    responsible: str
    status: str  # Swedish label
    linked_goals: tuple[str, ...]  # goal titles; an id the agreement does not know as written
    start: dt.date | None
    end: dt.date | None
    comment: str | None
    budget: float | None  # the year's, in kronor
    budget_before: float | None  # the year before
    plan: AtgardPlan | None = None
    follow_up: FollowUp | None = None  # the year's, from the plan

    @property
    def change(self) -> float | None:
        """Only between two stated budgets: a missing cell is not taken as zero."""
        if self.budget is None or self.budget_before is None:
            return None
        return self.budget - self.budget_before


@dataclass(frozen=True)
class AtgarderOverview:
    year: int
    lines: tuple[AtgardLine, ...]  # by focus area (the agreement's order first), then file order
    file: str | None = None
    imported_at: str | None = None

    @property
    def focus_areas(self) -> list[tuple[str, list[AtgardLine]]]:
        grouped: dict[str, list[AtgardLine]] = {}
        for line in self.lines:
            grouped.setdefault(line.focus_area, []).append(line)
        return list(grouped.items())

    @property
    def planned(self) -> list[AtgardLine]:
        """The lines with the åtgärdsplan's columns filled in."""
        return [line for line in self.lines if line.plan is not None]

    @property
    def by_party(self) -> Counter[str]:
        return Counter(line.responsible for line in self.lines)

    @property
    def by_status(self) -> Counter[str]:
        return Counter(line.status for line in self.lines)

    def total(self, before: bool = False) -> float | None:
        amounts = [line.budget_before if before else line.budget for line in self.lines]
        known = [a for a in amounts if a is not None]
        return sum(known) if known else None


def atgard_list(store: Store) -> AtgardList | None:
    """The current åtgärder with their current budgets, or None before any åtgärder import."""
    rows = store.current_measures()
    if not rows:
        return None
    budgets = _budgets(read_observations(store, BUDGET))
    source = next(i for i in store.imports() if i["id"] == rows[0]["import_id"])
    records = tuple(_record(row, budgets.get(row["name"], {})) for row in rows)
    return AtgardList(records, source["file"], source["imported_at"])


def _budgets(stored: Sequence[Observation]) -> dict[str, dict[int, float]]:
    budgets: dict[str, dict[int, float]] = {}
    for row in stored:
        budgets.setdefault(row.breakdown.get("atgard", ""), {})[row.year] = row.value
    return budgets


def _record(row: dict[str, Any], budgets: dict[int, float]) -> AtgardRecord:
    return AtgardRecord(
        name=row["name"],
        status=row["status"],
        focus_area=row["focus_area"],
        responsible=row["responsible"],
        linked_goals=tuple(row["linked_goals"]),
        start=_date(row["start"]),
        end=_date(row["end"]),
        comment=row["comment"],
        budgets=budgets,
        plan=_plan(row.get("plan")),
    )


def _plan(stored: dict[str, Any] | None) -> AtgardPlan | None:
    if stored is None:
        return None
    return AtgardPlan(
        cause=stored.get("orsak"),
        operational_goal=stored.get("operativa_mal"),
        when=stored.get("nar"),
        who=stored.get("vem"),
        follow_ups={
            int(year): FollowUp(entry.get("status"), entry.get("motivering"))
            for year, entry in (stored.get("uppfoljning") or {}).items()
        },
        problems=tuple(stored.get("problems") or ()),
        targets=tuple(stored.get("targets") or ()),
    )


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def atgarder_for_year(
    agreement: Agreement, atgarder: AtgardList | None, year: int
) -> AtgarderOverview:
    if atgarder is None:
        return AtgarderOverview(year, ())
    lines = [
        _line(agreement, record, year) for record in atgarder.records if _belongs(record, year)
    ]
    order = [area.title for area in agreement.focus_areas]
    lines.sort(
        key=lambda line: order.index(line.focus_area) if line.focus_area in order else len(order)
    )
    return AtgarderOverview(year, tuple(lines), atgarder.file, atgarder.imported_at)


def _belongs(record: AtgardRecord, year: int) -> bool:
    if year in record.budgets or year - 1 in record.budgets:
        return True
    started = record.start is None or record.start.year <= year
    ongoing = record.end is None or record.end.year >= year
    return started and ongoing


def _line(agreement: Agreement, record: AtgardRecord, year: int) -> AtgardLine:
    goals = {goal.id: goal.title for goal in agreement.goals}
    return AtgardLine(
        name=record.name,
        focus_area=_focus_area(agreement, record.focus_area),
        responsible=record.responsible or "Ingen ansvarig angiven",
        status=STATUS_LABELS.get(record.status, record.status),
        linked_goals=tuple(goals.get(goal, goal) for goal in record.linked_goals),
        start=record.start,
        end=record.end,
        comment=record.comment,
        budget=record.budgets.get(year),
        budget_before=record.budgets.get(year - 1),
        plan=record.plan,
        follow_up=record.plan.follow_ups.get(year) if record.plan else None,
    )


def _focus_area(agreement: Agreement, written: str | None) -> str:
    """The agreement's title for a focus area given by title or id, else the text as written."""
    if not written:
        return NO_FOCUS_AREA
    wanted = normalise_label(written)
    for area in agreement.focus_areas:
        if wanted in (normalise_label(area.title), normalise_label(area.id)):
            return area.title
    return written
