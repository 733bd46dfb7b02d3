"""Recording an assessment (bedömning av säkerhetsenheten) of a target no statistic measures:
checked here (a known `bedomning` target, a year of the period, one of the four statuses, a
motivation, evidence links that resolve), kept as a new version in the store with its author and
time, refused for an approved year. Who may record one is checked by the caller (auth.refusal)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from pydantic import Field

from followup import records
from followup.commentary import InvalidInput, Signed, validated
from goals.assessment import ASSESSMENT_STATUSES, LINK_KINDS, Assessment, EvidenceLink
from goals.describe import target_label
from goals.evidence import Evidence
from goals.models import Agreement
from goals.status import Status
from indicators.catalogue import Catalogue
from indicators.sources.est import est_settings
from indicators.store import Store, timestamp
from indicators.stored import read_observations

MAX_MOTIVATION_CHARACTERS = 5_000
MAX_LINKS = 200
MAX_REF_CHARACTERS = 300


class AssessmentDraft(Signed):
    motivation: str = Field(min_length=1, max_length=MAX_MOTIVATION_CHARACTERS)


def assessed_targets(agreement: Agreement) -> list[str]:
    """The targets of the agreement that are judged by a recorded assessment."""
    return [t.id for t in agreement.targets if t.rule.assessed]


def record_assessment(
    store: Store,
    agreement: Agreement,
    target_id: str,
    year: int,
    status: str,
    motivation: str,
    links: Sequence[tuple[str, str]],
    author: str,
    now: dt.datetime,
) -> Assessment:
    """Keep a new version of the target's assessment for the year, or raise InvalidInput (or
    records.YearApproved) with the Swedish reason; nothing is stored when refused."""
    draft = validated(AssessmentDraft, motivation=motivation, author=author)
    if target_id not in assessed_targets(agreement):
        raise InvalidInput(f"Delmålet {target_id!r} bedöms inte av säkerhetsenheten i avtalet.")
    first, last = agreement.period
    if not first <= year <= last:
        raise InvalidInput(f"{year} ligger utanför avtalets period {first}–{last}.")
    chosen = _status(status)
    checked = _links(agreement, target_id, links)
    saved_at = timestamp(now)
    records.save_assessment(
        store,
        agreement.id,
        {
            "target_id": target_id,
            "year": year,
            "status": chosen.value,
            "motivation": draft.motivation,
            "evidence": json.dumps([link.to_json() for link in checked], ensure_ascii=False),
            "author": draft.author,
            "saved_at": saved_at,
        },
    )
    versions = sum(
        1
        for row in records.assessments(store, agreement.id)
        if row["target_id"] == target_id and row["year"] == year
    )
    return Assessment(
        target_id, year, chosen, draft.motivation, checked, draft.author, saved_at, versions
    )


def _status(status: str) -> Status:
    allowed = {s.value: s for s in ASSESSMENT_STATUSES}
    if status not in allowed:
        words = ", ".join(s.label.lower() for s in ASSESSMENT_STATUSES)
        raise InvalidInput(f"Välj en status för bedömningen: {words}.")
    return allowed[status]


def _links(
    agreement: Agreement, target_id: str, links: Sequence[tuple[str, str]]
) -> tuple[EvidenceLink, ...]:
    if len(links) > MAX_LINKS:
        raise InvalidInput(f"Högst {MAX_LINKS} hänvisningar till underlag.")
    factors = {factor.id for factor in est_settings().factors}
    targets = {t.id for t in agreement.targets} - {target_id}
    checked: list[EvidenceLink] = []
    for kind, ref in links:
        ref = ref.strip()
        if kind not in LINK_KINDS:
            raise InvalidInput(f"Okänt slags underlag: {kind!r}.")
        if not ref or len(ref) > MAX_REF_CHARACTERS:
            raise InvalidInput(f"En hänvisning ({LINK_KINDS[kind].lower()}) är tom eller för lång.")
        if kind == "est_faktor" and ref not in factors:
            raise InvalidInput(f"EST-faktorn {ref!r} finns inte i indicators/est.yaml.")
        if kind == "delmal" and ref not in targets:
            raise InvalidInput(f"Delmålet {ref!r} finns inte i avtalet.")
        link = EvidenceLink(kind, ref)
        if link not in checked:
            checked.append(link)
    return tuple(checked)


def evidence_options(
    store: Store | None,
    evidence: Evidence,
    agreement: Agreement,
    catalogue: Catalogue,
    target_id: str,
    year: int,
) -> dict[str, list[tuple[str, str]]]:
    """What an assessment for the year can point to, per kind: (ref, label) pairs."""
    measures = sorted({r.name for r in evidence.atgarder.records}) if evidence.atgarder else []
    activities: list[tuple[str, str]] = []
    if store is not None:
        for indicator in catalogue.indicators:
            if indicator.source != "aktivitetslogg":
                continue
            for row in read_observations(store, indicator.id):
                if row.year == year:
                    ref = f"{row.period[:10]} {indicator.label}"
                    activities.append((ref, ref))
    return {
        "atgard": [(name, name) for name in measures],
        "aktivitet": sorted(set(activities)),
        "est_faktor": [(f.id, f.label) for f in est_settings().factors],
        "delmal": [
            (t.id, f"{t.id}: {target_label(t, catalogue)}")
            for t in agreement.targets
            if t.id != target_id
        ],
    }
