"""The status ladder: the verdict ids, their Swedish labels and icons, and the goal roll-up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from goals.models import Agreement, Goal
from indicators.catalogue import Catalogue


class Status(StrEnum):
    UPPNATT = "uppnatt"
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
    Status.EJ_UPPNATT: "Ej uppnått",
    Status.PA_VAG: "På väg",
    Status.OSAKERT: "Osäkert",
    Status.INTE_PA_VAG: "Inte på väg",
    Status.KAN_INTE_BEDOMAS: "Kan inte bedömas",
}
_ICONS = {
    Status.UPPNATT: "✓",
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
    Status.INTE_PA_VAG: "Som ovan, med en sannolikhet under 20 %.",
    Status.KAN_INTE_BEDOMAS: "Data saknas, är för kort eller målet ska inte bedömas än; "
    "skälet anges.",
}


@dataclass(frozen=True)
class Verdict:
    """A status with a few words after its label ('data saknas') and the full why."""

    status: Status
    reason: str
    explanation: str

    @property
    def short(self) -> str:
        """'Kan inte bedömas – data saknas'."""
        return f"{self.status.label} – {self.reason}" if self.reason else self.status.label


def roll_up(statuses: Iterable[Status]) -> Status:
    present = set(statuses)
    if not present:
        raise ValueError("a goal without targets has no status")
    return next(status for status in ROLL_UP_ORDER if status in present)


def unjudged_verdicts(
    agreement: Agreement, catalogue: Catalogue, evidence: dict[str, list[dict]]
) -> dict[str, Verdict]:
    """Every target's verdict before the verdict engine judges it: data missing, or not judged.

    `evidence` maps a target id to its stored observations (goals/evidence.py).
    """
    verdicts = {}
    for target in agreement.targets:
        source = catalogue.source_of(target.indicator).label
        rows = evidence.get(target.id, [])
        if not rows:
            verdicts[target.id] = Verdict(Status.KAN_INTE_BEDOMAS, "data saknas",
                                          f"Ingen export från {source} har lästs in ännu.")
            continue
        periods = sorted(row["period"] for row in rows)
        verdicts[target.id] = Verdict(
            Status.KAN_INTE_BEDOMAS, "inte bedömt ännu",
            f"{len(rows)} värden från {source} ({periods[0]}–{periods[-1]}) har lästs in, men "
            "Trygghetsmål bedömer ännu inte delmålet automatiskt mot målet.",
        )
    return verdicts


def goal_status(goal: Goal, verdicts: dict[str, Verdict]) -> Status:
    return roll_up(verdicts[target.id].status for target in goal.targets)
