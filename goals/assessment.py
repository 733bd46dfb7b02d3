"""A recorded assessment (bedömning av säkerhetsenheten): the verdict of a target no statistic
measures ('Ingen etablering av kriminella nätverk'), as an analyst or admin recorded it for a year,
with a required motivation and links to the evidence it rests on. Every save is a version; the
newest is the one in force.

Pure: the store's rows in (followup/records.py keeps them), typed assessments out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from goals.status import Status

# The statuses an assessment may have. "Delvis uppnått" is the Swedish annual reports' word for a
# goal partly met; only an assessment can say it, a computed verdict never does.
ASSESSMENT_STATUSES = (
    Status.UPPNATT,
    Status.DELVIS_UPPNATT,
    Status.EJ_UPPNATT,
    Status.KAN_INTE_BEDOMAS,
)
ASSESSED_BY = "bedömning av säkerhetsenheten"

# What an assessment may point to as its evidence, and how a page names each kind.
LINK_KINDS = {
    "atgard": "Åtgärder",
    "aktivitet": "Aktiviteter i aktivitetsloggen",
    "est_faktor": "EST-faktorer",
    "delmal": "Andra delmål",
}


@dataclass(frozen=True)
class EvidenceLink:
    kind: str  # a key of LINK_KINDS
    ref: str  # the measure's name, 'YYYY-MM-DD EST-möte', an EST factor id or a target id

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "ref": self.ref}


@dataclass(frozen=True)
class Assessment:
    target_id: str
    year: int
    status: Status
    motivation: str
    links: tuple[EvidenceLink, ...]
    author: str
    saved_at: str  # ISO time, UTC
    version: int  # 1 for the first save of this target and year

    def to_json(self) -> dict[str, Any]:
        return {
            "by": ASSESSED_BY,
            "status": self.status.value,
            "motivation": self.motivation,
            "evidence": [link.to_json() for link in self.links],
            "author": self.author,
            "saved_at": self.saved_at,
            "version": self.version,
        }


# target id → year → every version, newest first
AssessmentHistory = Mapping[str, Mapping[int, tuple[Assessment, ...]]]


def assessment_history(
    rows: Iterable[Mapping[str, Any]],
) -> dict[str, dict[int, tuple[Assessment, ...]]]:
    """The store's rows (oldest first) as each target's and year's versions, newest first."""
    found: dict[str, dict[int, list[Assessment]]] = {}
    for row in rows:
        versions = found.setdefault(row["target_id"], {}).setdefault(int(row["year"]), [])
        versions.append(
            Assessment(
                row["target_id"],
                int(row["year"]),
                Status(row["status"]),
                row["motivation"],
                tuple(EvidenceLink(e["kind"], e["ref"]) for e in json.loads(row["evidence"])),
                row["author"],
                row["saved_at"],
                len(versions) + 1,
            )
        )
    return {
        target: {year: tuple(reversed(versions)) for year, versions in years.items()}
        for target, years in found.items()
    }
