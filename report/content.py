"""The annual follow-up's content, once: the page, the HTML, the PDF and the Excel all render
this, so they tell the board the same story in the same order."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from goals.atgarder import AtgarderOverview, atgarder_for_year
from goals.coverage import incomplete_note
from goals.describe import target_label
from goals.evaluate import StatusReport, check_year, evaluate, judge
from goals.evidence import Evidence
from goals.history import target_history
from goals.models import Agreement, Goal, Target
from goals.points import YearValue
from goals.status import ROLL_UP_ORDER, Status, Verdict
from goals.trend import yearly_values
from goals.words import difference_text, value_text
from indicators.catalogue import Catalogue
from indicators.kinds import Measure
from indicators.times import date_of

# Better statuses later in the ladder; "kan inte bedömas" is no step up or down from anything.
LADDER = [s for s in ROLL_UP_ORDER if s is not Status.KAN_INTE_BEDOMAS]


@dataclass(frozen=True)
class TargetEntry:
    target: Target
    label: str
    measure: Measure
    verdict: Verdict
    previous: Verdict | None  # the year before, when it is in the period
    change: str  # '88 mot 93 året före: en minskning med 5', or why there is none
    trend: list[YearValue]
    # The 95 % interval of each year's value where it has one, as the goal page's chart draws it.
    intervals: dict[int, tuple[float, float]] = field(default_factory=dict)
    # False when this year's or the year before's count is incomplete (codes, months or a
    # definition missing): then no 'better' or 'worse' is said.
    comparable: bool = True


@dataclass(frozen=True)
class GoalEntry:
    goal: Goal
    status: Status
    targets: list[TargetEntry]


@dataclass(frozen=True)
class Comment:
    """One saved version of the analysts' text on a goal for the year (Markdown subset)."""

    goal_id: str
    text: str
    author: str
    saved_at: str


@dataclass(frozen=True)
class Approval:
    by: str
    at: str


@dataclass(frozen=True)
class AnnualReport:
    agreement: Agreement
    year: int
    goals: list[GoalEntry]
    made_on: dt.date
    atgarder: AtgarderOverview | None = None
    comments: dict[str, Comment] = field(default_factory=dict)  # goal id → current text
    approval: Approval | None = None

    def comment(self, goal_id: str) -> Comment | None:
        return self.comments.get(goal_id)

    @property
    def state(self) -> str:
        """'Fastställd 2023-03-14 av Anna Berg.' or that this is a draft."""
        if self.approval:
            return f"Fastställd {date_of(self.approval.at)} av {self.approval.by}."
        return f"Utkast, sammanställt {self.made_on.isoformat()}; ej fastställt."

    @property
    def goal_counts(self) -> Counter[Status]:
        return Counter(entry.status for entry in self.goals)

    @property
    def target_counts(self) -> Counter[Status]:
        return Counter(t.verdict.status for entry in self.goals for t in entry.targets)

    @property
    def improved(self) -> list[TargetEntry]:
        return [t for t in self._targets() if _step(t) > 0]

    @property
    def worsened(self) -> list[TargetEntry]:
        return [t for t in self._targets() if _step(t) < 0]

    def _targets(self) -> list[TargetEntry]:
        return [t for entry in self.goals for t in entry.targets]


def annual_report(
    agreement: Agreement, catalogue: Catalogue, evidence: Evidence, year: int, today: dt.date
) -> AnnualReport:
    check_year(agreement, year)
    current = evaluate(agreement, catalogue, evidence, year, today)
    first, _ = agreement.period
    previous = evaluate(agreement, catalogue, evidence, year - 1, today) if year > first else None
    goals = [
        GoalEntry(
            result.goal,
            result.status,
            [
                _target_entry(t, agreement, catalogue, evidence, current, previous, today)
                for t in result.goal.targets
            ],
        )
        for result in current.goals
    ]
    return AnnualReport(
        agreement, year, goals, today, atgarder_for_year(agreement, evidence.atgarder, year)
    )


def _target_entry(
    target: Target,
    agreement: Agreement,
    catalogue: Catalogue,
    evidence: Evidence,
    current: StatusReport,
    previous: StatusReport | None,
    today: dt.date,
) -> TargetEntry:
    year = current.year
    measure = catalogue.indicator(target.indicator).measure
    verdict = current.verdicts[target.id]
    # Later years belong to their own follow-ups, except the survey wave a verdict was judged on.
    last = max(year, verdict.judged_year or year)
    trend = [v for v in yearly_values(target, catalogue, evidence) if year - 6 < v.year <= last]
    before = previous.verdicts[target.id] if previous else None
    earlier = before or judge(target, agreement, catalogue, evidence, year - 1, today)
    incomplete = [
        note
        for note in (incomplete_note(verdict.coverage), incomplete_note(earlier.coverage))
        if note
    ]
    shown = {v.year for v in trend}
    history = target_history(target, agreement, catalogue, evidence, today)
    intervals = {p.year: p.interval for p in history.points if p.interval and p.year in shown}
    return TargetEntry(
        target,
        target_label(target, catalogue),
        measure,
        verdict,
        before,
        (
            f"Inte jämförbart med året före, eftersom underlaget är ofullständigt: "
            f"{' '.join(incomplete)}"
            if incomplete
            else _change(trend, year, measure)
        ),
        trend,
        intervals,
        not incomplete,
    )


def _change(trend: list[YearValue], year: int, measure: Measure) -> str:
    values = {v.year: v for v in trend if v.complete}
    now, then = values.get(year), values.get(year - 1)
    if now is None:
        return f"Inget helt år {year} att jämföra."
    if then is None:
        return f"{value_text(now.value, measure)} år {year}; inget värde för {year - 1} att jämföra med."
    return (
        f"{value_text(now.value, measure)} mot {value_text(then.value, measure)} året före: "
        f"{difference_text(then.value, now.value, measure)}."
    )


def _step(entry: TargetEntry) -> int:
    if entry.previous is None or not entry.comparable:
        return 0
    now, then = entry.verdict.status, entry.previous.status
    if now not in LADDER or then not in LADDER:
        return 0
    return LADDER.index(now) - LADDER.index(then)
