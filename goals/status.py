"""The status ladder: the verdict ids, their Swedish labels and icons, and the goal roll-up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from goals.coverage import Coverage

if TYPE_CHECKING:  # the rule types judge with verdicts, and the agreement's models hold rules
    from goals.models import Goal


class Status(StrEnum):
    UPPNATT = "uppnatt"
    DELVIS_UPPNATT = "delvis_uppnatt"  # only ever a recorded assessment, never computed
    EJ_UPPNATT = "ej_uppnatt"
    PA_VAG = "pa_vag"
    OSAKERT = "osakert"
    INTE_PA_VAG = "inte_pa_vag"
    KAN_INTE_BEDOMAS = "kan_inte_bedomas"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def icon(self) -> str:
        """A glyph that carries the status without colour (WCAG 1.4.1)."""
        return _ICONS[self]


_LABELS = {
    Status.UPPNATT: "Uppnått",
    Status.DELVIS_UPPNATT: "Delvis uppnått",
    Status.EJ_UPPNATT: "Ej uppnått",
    Status.PA_VAG: "På väg",
    Status.OSAKERT: "Osäkert",
    Status.INTE_PA_VAG: "Inte på väg",
    Status.KAN_INTE_BEDOMAS: "Kan inte bedömas",
}
_ICONS = {
    Status.UPPNATT: "✓",
    Status.DELVIS_UPPNATT: "◑",
    Status.EJ_UPPNATT: "✕",
    Status.PA_VAG: "↗",
    Status.OSAKERT: "◐",
    Status.INTE_PA_VAG: "↘",
    Status.KAN_INTE_BEDOMAS: "?",
}

# A goal is only as good as its worst-placed target; "kan inte bedömas" outranks the good
# statuses so that a goal is never shown as met while part of it is unknown.
ROLL_UP_ORDER = (
    Status.EJ_UPPNATT,
    Status.INTE_PA_VAG,
    Status.OSAKERT,
    Status.DELVIS_UPPNATT,
    Status.KAN_INTE_BEDOMAS,
    Status.PA_VAG,
    Status.UPPNATT,
)

MEANINGS = {
    Status.UPPNATT: "Året är slut eller redan avgjort, och målet håller.",
    Status.EJ_UPPNATT: "Året är slut eller redan avgjort (till exempel 101 inbrott i oktober), "
    "och målet håller inte.",
    Status.PA_VAG: "Året pågår eller data tar slut före årets slut; sannolikheten att nå målet "
    "är minst 80 %.",
    Status.OSAKERT: "Som ovan, med en sannolikhet mellan 20 och 80 %.",
    Status.DELVIS_UPPNATT: "Bara i en bedömning av säkerhetsenheten, för ett mål som ingen "
    "statistik mäter: målet är delvis nått; motiveringen säger hur.",
    Status.INTE_PA_VAG: "Som ovan, med en sannolikhet under 20 %.",
    Status.KAN_INTE_BEDOMAS: "Data saknas, är för kort eller målet ska inte bedömas än; "
    "skälet anges.",
}


class Qualifier(StrEnum):
    """How sure a verdict is against chance (design.md): beyond chance, within it, or decided
    before the year ended (a count can only grow, which is not the same as certain)."""

    SAKERSTALLT = "sakerstallt"
    INOM_FELMARGINAL = "inom_felmarginal"
    AVGJORT = "avgjort"

    def words(self, counted: bool) -> str:
        """'inom slumpvariationen' for a register count, 'inom felmarginalen' for a survey."""
        if self is Qualifier.INOM_FELMARGINAL:
            return "inom slumpvariationen" if counted else "inom felmarginalen"
        return "säkerställt" if self is Qualifier.SAKERSTALLT else "avgjort"


@dataclass(frozen=True)
class Verdict:
    """A target's status for a year, with the numbers behind it and the why in Swedish.

    `reason` is the few words after the label ('data saknas', 'inom felmarginalen').
    """

    status: Status
    reason: str
    explanation: str
    sentence: str = ""
    qualifier: Qualifier | None = None
    value: float | None = None
    unit: str = ""
    ci: tuple[float, float] | None = None
    target: Mapping[str, Any] = field(default_factory=dict)
    compared_with: Mapping[str, Any] | None = None
    judged_year: int | None = None
    probability: float | None = None
    preliminary: bool = False
    period: Mapping[str, int] | None = None
    projected: float | None = None
    coverage: Coverage | None = None  # for counts: does the source hold the whole definition
    dispersion: float | None = None  # φ the count's interval, test or forecast was widened by
    change_ci: tuple[float, float] | None = None  # interval of the change a comparison tests
    # Monthly counts: the year so far and the rolling 12 months against a year earlier
    # (goals/year_to_date.py), in `status --json`'s shape
    year_to_date: Mapping[str, Any] | None = None
    # A recorded assessment (bedömning av säkerhetsenheten) the status is, in status's JSON shape;
    # None for every computed verdict.
    assessment: Mapping[str, Any] | None = None

    @property
    def short(self) -> str:
        """'Kan inte bedömas – data saknas'."""
        return f"{self.status.label} – {self.reason}" if self.reason else self.status.label


def roll_up(statuses: Iterable[Status]) -> Status:
    present = set(statuses)
    if not present:
        raise ValueError("a goal without targets has no status")
    return next(status for status in ROLL_UP_ORDER if status in present)


def goal_status(goal: Goal, verdicts: dict[str, Verdict]) -> Status:
    return roll_up(verdicts[target.id].status for target in goal.targets)
