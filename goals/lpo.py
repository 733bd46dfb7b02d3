"""The LPO view's content: every agreement's goals with their status for one chosen year.

Pure: the page passes in the agreements and each one's evaluated year (None when the year lies
outside the agreement's period), and gets rows to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from goals.describe import KIND_LABELS
from goals.evaluate import StatusReport
from goals.models import Agreement
from goals.status import Status


@dataclass(frozen=True)
class GoalRow:
    id: str
    title: str
    kind_label: str
    status: Status


@dataclass(frozen=True)
class AgreementRow:
    agreement: Agreement
    goals: list[GoalRow]  # empty when the year lies outside the agreement's period

    @property
    def in_period(self) -> bool:
        return bool(self.goals)


def lpo_rows(judged: Sequence[tuple[Agreement, StatusReport | None]]) -> list[AgreementRow]:
    """One row per agreement, ordered by kommun and then period, so a kommun's agreements
    stand one after another."""
    rows = [
        AgreementRow(
            agreement,
            []
            if report is None
            else [
                GoalRow(r.goal.id, r.goal.title, KIND_LABELS[r.goal.kind], r.status)
                for r in report.goals
            ],
        )
        for agreement, report in judged
    ]
    return sorted(rows, key=lambda r: (r.agreement.kommun.name, r.agreement.period))


def chosen_year(
    asked: str | None, agreements: Sequence[Agreement], default_years: Sequence[int]
) -> tuple[int, str | None]:
    """The year the address asks for, if some agreement covers it; otherwise the latest of the
    agreements' default years (each its latest year with data), with the reason."""
    default = max(default_years, default=min((a.period[0] for a in agreements), default=0))
    if not asked:
        return default, None
    covered = {year for agreement in agreements for year in agreement.years}
    if asked.strip().isdigit() and int(asked) in covered:
        return int(asked), None
    return default, f"”{asked}” är inget år i något avtals period; visar {default}."
