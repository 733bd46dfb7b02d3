"""Assessment (`bedomning`): a goal no statistic measures ('Ingen etablering av kriminella
nätverk') gets, per year, the assessment an analyst or admin recorded: its status, motivation and
evidence links, shown as 'bedömning av säkerhetsenheten' and never as a computed verdict. With
none recorded the target cannot be judged ('ingen bedömning gjord')."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from goals.assessment import ASSESSED_BY, LINK_KINDS, Assessment
from goals.points import YearPoint
from goals.rules.base import Case, RuleType
from goals.rules.verdicts import cannot_judge
from goals.status import Verdict
from goals.words import join_words
from indicators.kinds import Measure
from indicators.stored import Observation
from indicators.times import moment_text

if TYPE_CHECKING:
    from goals.models import Agreement
    from indicators.catalogue import Indicator

NOT_RECORDED = "ingen bedömning gjord"


class Bedomning(RuleType):
    """The status is the säkerhetsenhet's recorded assessment for the year."""

    type: Literal["bedomning"] = Field(
        description="Regeltypen: bedömning av säkerhetsenheten, för ett mål som ingen statistik "
        "mäter. En analytiker eller administratör registrerar status, motivering och underlag "
        "per år på målets sida."
    )

    assessed = True

    def series(self, case: Case) -> Mapping[int, Assessment]:
        versions = case.evidence.assessments.get(case.target.id, {})
        return {year: found[0] for year, found in versions.items() if found}

    def judge(self, case: Case, series: Mapping[int, Assessment], year: int) -> Verdict:
        found = series.get(year)
        if found is None:
            return cannot_judge(
                case,
                NOT_RECORDED,
                f"Ingen statistik mäter målet, och säkerhetsenheten har inte registrerat någon "
                f"bedömning för {year}. En analytiker eller administratör gör det på målets sida.",
                year,
            )
        label = found.status.label
        versions = len(case.evidence.assessments.get(case.target.id, {}).get(year, ()))
        underlag = _links_text(found)
        sentence = f"Bedömning av säkerhetsenheten för {year}: {label.lower()}. {found.motivation}"
        explanation = (
            f"Ingen statistik mäter målet. Statusen är säkerhetsenhetens egen bedömning, inte en "
            f"beräkning: registrerad av {found.author} {moment_text(found.saved_at)}"
            f"{f' (version {found.version} av {versions})' if versions > 1 else ''}. "
            f"Motivering: {found.motivation} Underlag: {underlag}."
        )
        return Verdict(
            found.status,
            ASSESSED_BY,
            explanation,
            sentence,
            None,
            None,
            case.indicator.unit,
            None,
            self.target_json(),
            judged_year=year,
            assessment=found.to_json(),
        )

    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        return []  # an assessment has no value to draw

    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        first, last = agreement.period
        return (
            f"Ingen statistik mäter målet. Säkerhetsenheten bedömer det varje år {first}–{last} "
            "(uppnått, delvis uppnått, ej uppnått eller kan inte bedömas) med en motivering och "
            "hänvisningar till underlaget; bedömningen visas som bedömning av säkerhetsenheten, "
            "och utan den kan målet inte bedömas."
        )

    def target_json(self) -> dict[str, Any]:
        return {"assessed_by": "sakerhetsenheten"}


def _links_text(found: Assessment) -> str:
    if not found.links:
        return "inga hänvisningar angivna"
    groups = []
    for kind, heading in LINK_KINDS.items():
        refs = [link.ref for link in found.links if link.kind == kind]
        if kind == "est_faktor":
            # The EST settings' module reads exports with pandas: loaded only when named.
            from indicators.sources.est import est_settings

            factors = {f.id: f.label for f in est_settings().factors}
            refs = [factors.get(ref, ref) for ref in refs]
        if refs:
            groups.append(f"{heading}: {join_words(refs)}")
    return "; ".join(groups)
