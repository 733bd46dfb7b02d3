"""The åtgärder as the annual follow-up writes them: table headings, cells in kronor and the
summary sentence, shared by the page, the PDF and the workbook."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from goals.atgarder import AtgarderOverview, AtgardLine
from indicators.numbers import format_number

AREA_COLUMNS = ("Fokusområde", "Åtgärder", "Budget {year}", "Budget {before}", "Förändring")
ATGARD_COLUMNS = (
    "Åtgärd",
    "Ansvarig",
    "Status",
    "Kopplade mål",
    "Tid",
    "Budget {year}",
    "Budget {before}",
    "Förändring",
)


# The åtgärdsplan in Brå's template: orsak → åtgärd → operativa mål → när → vem → uppföljning.
PLAN_COLUMNS = (
    "Orsak",
    "Åtgärd",
    "Operativa mål",
    "När",
    "Vem",
    "Uppföljning {year}",
    "Motivering",
    "Kopplade mål",
)
PLAN_WIDTHS = (15, 14, 15, 8, 10, 10, 16, 12)


def plan_cells(line: AtgardLine) -> list[str]:
    """An åtgärd of the åtgärdsplan as table cells, in PLAN_COLUMNS order; the year's follow-up
    as sign and word ('✓ Grön'), never colour alone."""
    plan = line.plan
    follow_up = line.follow_up
    return [
        (plan.cause if plan else None) or "–",
        line.name,
        (plan.operational_goal if plan else None) or "–",
        (plan.when if plan else None) or "–",
        (plan.who if plan else None) or line.responsible,
        follow_up.label if follow_up else "Ej uppföljd",
        (follow_up.motivation if follow_up else None) or "–",
        ", ".join(line.linked_goals) or "–",
    ]


def column_headings(year: int, columns: tuple[str, ...] = ATGARD_COLUMNS) -> list[str]:
    return [c.format(year=year, before=year - 1) for c in columns]


def line_cells(line: AtgardLine) -> list[str]:
    """An åtgärd as the table cells the page and the PDF show, in ATGARD_COLUMNS order."""
    return [
        line.name,
        line.responsible,
        line.status,
        ", ".join(line.linked_goals) or "–",
        _span(line.start, line.end),
        kronor(line.budget),
        kronor(line.budget_before),
        _signedkronor(line.change),
    ]


def summary_sentence(overview: AtgarderOverview) -> str:
    """'5 åtgärder: Kommun 4, Polis 1; Pågående 4, Genomförd 1. Budget 2021: 3 200 000 kr …'."""
    count = len(overview.lines)
    parts = [
        f"{count} {'åtgärd' if count == 1 else 'åtgärder'}: {_counts(overview.by_party)}; "
        f"{_counts(overview.by_status)}."
    ]
    now, before = overview.total(), overview.total(before=True)
    if now is not None or before is not None:
        year = overview.year
        budget = f"Budget {year}: {kronor(now)} ({year - 1}: {kronor(before)}"
        change = "" if now is None or before is None else f", {_signedkronor(now - before)}"
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


def kronor(amount: float | None) -> str:
    return "–" if amount is None else f"{format_number(amount)}\u00a0kr"


def _signedkronor(amount: float | None) -> str:
    if amount is None:
        return "–"
    if amount == 0:
        return "oförändrat"
    return f"{'+' if amount > 0 else '−'}{format_number(abs(amount))}\u00a0kr"


def focus_area_cells(overview: AtgarderOverview) -> list[list[str]]:
    """Per focus area: åtgärder, the year's budget, the year before's and the change."""
    rows = []
    for area, lines in overview.focus_areas:
        part = AtgarderOverview(overview.year, tuple(lines))
        now, before = part.total(), part.total(before=True)
        change = None if now is None or before is None else now - before
        rows.append([area, str(len(lines)), kronor(now), kronor(before), _signedkronor(change)])
    return rows
