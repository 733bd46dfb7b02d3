"""The measures (åtgärder) behind the agreement, as the annual follow-up reports them.

The list comes from the latest import of the measures template; budgets are the stored
`atgard.budget` observations (one per measure and year). A year's overview holds the measures
that ran that year or had a budget that year or the year before, so a measure whose money
stopped still shows what it had.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from goals.models import Agreement
from indicators.numbers import format_number
from indicators.store import Store
from indicators.values import normalise_label

STATUS_LABELS = {
    "planerad": "Planerad",
    "pagaende": "Pågående",
    "genomford": "Genomförd",
    "avbruten": "Avbruten",
}
NO_FOCUS_AREA = "Inget fokusområde angivet"


@dataclass(frozen=True)
class MeasureRecord:
    """One row of the measures template, with its budgets by year."""

    name: str
    status: str
    focus_area: str | None = None
    responsible: str | None = None
    linked_goals: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    comment: str | None = None
    budgets: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class MeasureList:
    records: tuple[MeasureRecord, ...]
    file: str
    imported_at: str


@dataclass(frozen=True)
class MeasureLine:
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

    @property
    def change(self) -> float | None:
        """Only between two stated budgets: a missing cell is not taken as zero."""
        if self.budget is None or self.budget_before is None:
            return None
        return self.budget - self.budget_before


@dataclass(frozen=True)
class MeasuresOverview:
    year: int
    lines: tuple[MeasureLine, ...]  # by focus area (the agreement's order first), then file order
    file: str | None = None
    imported_at: str | None = None

    @property
    def focus_areas(self) -> list[tuple[str, list[MeasureLine]]]:
        grouped: dict[str, list[MeasureLine]] = {}
        for line in self.lines:
            grouped.setdefault(line.focus_area, []).append(line)
        return list(grouped.items())

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


def measure_list(store: Store) -> MeasureList | None:
    """The current measures with their current budgets, or None before any measures import."""
    rows = store.current_measures()
    if not rows:
        return None
    budgets = _budgets(store.observations("atgard.budget"))
    source = next(i for i in store.imports() if i["id"] == rows[0]["import_id"])
    records = tuple(_record(row, budgets.get(row["name"], {})) for row in rows)
    return MeasureList(records, source["file"], source["imported_at"])


def _budgets(stored: pd.DataFrame) -> dict[str, dict[int, float]]:
    budgets: dict[str, dict[int, float]] = {}
    for row in stored.to_dict("records") if not stored.empty else []:
        name = json.loads(row["breakdown"]).get("atgard")
        budgets.setdefault(name, {})[int(row["period"][:4])] = float(row["value"])
    return budgets


def _record(row: dict[str, Any], budgets: dict[int, float]) -> MeasureRecord:
    return MeasureRecord(
        name=row["name"],
        status=row["status"],
        focus_area=row["focus_area"],
        responsible=row["responsible"],
        linked_goals=tuple(row["linked_goals"]),
        start=_date(row["start"]),
        end=_date(row["end"]),
        comment=row["comment"],
        budgets=budgets,
    )


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def measures_for_year(
    agreement: Agreement, measures: MeasureList | None, year: int
) -> MeasuresOverview:
    if measures is None:
        return MeasuresOverview(year, ())
    lines = [
        _line(agreement, record, year) for record in measures.records if _belongs(record, year)
    ]
    order = [area.title for area in agreement.focus_areas]
    lines.sort(
        key=lambda line: order.index(line.focus_area) if line.focus_area in order else len(order)
    )
    return MeasuresOverview(year, tuple(lines), measures.file, measures.imported_at)


def _belongs(record: MeasureRecord, year: int) -> bool:
    if year in record.budgets or year - 1 in record.budgets:
        return True
    started = record.start is None or record.start.year <= year
    ongoing = record.end is None or record.end.year >= year
    return started and ongoing


def _line(agreement: Agreement, record: MeasureRecord, year: int) -> MeasureLine:
    goals = {goal.id: goal.title for goal in agreement.goals}
    return MeasureLine(
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


AREA_COLUMNS = ("Fokusområde", "Åtgärder", "Budget {year}", "Budget {before}", "Förändring")
MEASURE_COLUMNS = (
    "Åtgärd",
    "Ansvarig",
    "Status",
    "Kopplade mål",
    "Tid",
    "Budget {year}",
    "Budget {before}",
    "Förändring",
)


def column_headings(year: int, columns: tuple[str, ...] = MEASURE_COLUMNS) -> list[str]:
    return [c.format(year=year, before=year - 1) for c in columns]


def line_cells(line: MeasureLine) -> list[str]:
    """A measure as the table cells the page and the PDF show, in MEASURE_COLUMNS order."""
    return [
        line.name,
        line.responsible,
        line.status,
        ", ".join(line.linked_goals) or "–",
        _span(line.start, line.end),
        _kronor(line.budget),
        _kronor(line.budget_before),
        _signed_kronor(line.change),
    ]


def summary_sentence(overview: MeasuresOverview) -> str:
    """'5 åtgärder: Kommun 4, Polis 1; Pågående 4, Genomförd 1. Budget 2021: 3 200 000 kr …'."""
    count = len(overview.lines)
    parts = [
        f"{count} {'åtgärd' if count == 1 else 'åtgärder'}: {_counts(overview.by_party)}; "
        f"{_counts(overview.by_status)}."
    ]
    now, before = overview.total(), overview.total(before=True)
    if now is not None or before is not None:
        year = overview.year
        budget = f"Budget {year}: {_kronor(now)} ({year - 1}: {_kronor(before)}"
        change = "" if now is None or before is None else f", {_signed_kronor(now - before)}"
        parts.append(f"{budget}{change}), summa av de angivna beloppen.")
    return " ".join(parts)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counter.most_common())


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{start.isoformat()}–{end.isoformat()}"
    if start:
        return f"från {start.isoformat()}"
    return f"till {end.isoformat()}" if end else "–"


def _kronor(amount: float | None) -> str:
    return "–" if amount is None else f"{format_number(amount)}\u00a0kr"


def _signed_kronor(amount: float | None) -> str:
    if amount is None:
        return "–"
    if amount == 0:
        return "oförändrat"
    return f"{'+' if amount > 0 else '−'}{format_number(abs(amount))}\u00a0kr"


def focus_area_cells(overview: MeasuresOverview) -> list[list[str]]:
    """Per focus area: measures, the year's budget, the year before's and the change."""
    rows = []
    for area, lines in overview.focus_areas:
        part = MeasuresOverview(overview.year, tuple(lines))
        now, before = part.total(), part.total(before=True)
        change = None if now is None or before is None else now - before
        rows.append([area, str(len(lines)), _kronor(now), _kronor(before), _signed_kronor(change)])
    return rows
