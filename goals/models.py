"""The agreement as validated data: parties, focus areas, goals and targets.

Every model forbids unknown keys and is frozen, so a typo in an agreement file fails loudly and
a loaded agreement cannot drift while the app runs. Every field is described, so `trygghetsmal
schema` documents the whole file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from goals.rules import Rule

Id = str
ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
TARGET_ID_PATTERN = r"^[a-z][a-z0-9_.-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Party(_Model):
    id: Id = Field(pattern=ID_PATTERN, description="Kort id, t.ex. kommun eller polis.")
    name: str = Field(min_length=1, description="Partens fullständiga namn.")
    short_name: str = Field(
        min_length=1,
        description="Namnet som det skrivs i aktivitetsloggens kolumn Parter, t.ex. 'Polis'.",
    )


class FocusArea(_Model):
    id: Id = Field(pattern=ID_PATTERN, description="Kort id, t.ex. ungdomar.")
    title: str = Field(min_length=1, description="Fokusområdets namn ordagrant ur avtalet.")


class Geography(_Model):
    level: Literal["riket", "region", "lpo", "kommun", "omrade", "deso"] = Field(
        description="Geografisk nivå: riket, region, lpo, kommun, omrade eller deso."
    )
    code: str = Field(min_length=1, description="T.ex. kommunkoden '1287'.")
    name: str = Field(min_length=1, description="Namnet som det visas, t.ex. 'Trelleborgs kommun'.")


class Kommun(_Model):
    code: str = Field(pattern=r"^[0-9]{4}$", description="Kommunkoden, t.ex. '1287'.")
    name: str = Field(min_length=1, description="Kommunens namn, t.ex. 'Trelleborgs kommun'.")


class Target(_Model):
    id: Id = Field(pattern=TARGET_ID_PATTERN, description="Målets id, eller målets id + '.' + del.")
    indicator: Id = Field(description="Indikatorns id i indikatorkatalogen.")
    geography: Geography = Field(description="Var delmålet mäts.")
    breakdown: dict[str, str] = Field(
        default_factory=dict, description="Uppdelning, t.ex. arskurs: ak9; tom = totalt."
    )
    rule: Rule = Field(description="Hur delmålet bedöms; type väljer regeltypen.")


class Goal(_Model):
    id: Id = Field(pattern=ID_PATTERN, description="Målets id, en del av adresser och kommandon.")
    kind: Literal["effektmal", "produktionsmal"] = Field(
        description="effektmal (ett utfall i samhället) eller produktionsmal (ett åtagande)."
    )
    title: str = Field(
        min_length=1, description="Kort rubrik för kort och menyer, t.ex. 'Bostadsinbrott'."
    )
    focus_area: Id | None = Field(
        default=None, description="Fokusområdets id, eller tomt för övergripande mål."
    )
    wording: str = Field(min_length=1, description="Målets formulering ordagrant ur avtalet.")
    measured_with: str | None = Field(
        default=None, description="Avtalets 'Mätindikator' för målet, ordagrant."
    )
    targets: tuple[Target, ...] = Field(
        min_length=1, description="De mätbara delmålen; målet får det sämsta av deras statusar."
    )

    @model_validator(mode="after")
    def _targets_belong_to_goal(self) -> Goal:
        for target in self.targets:
            if target.id != self.id and not target.id.startswith(self.id + "."):
                raise ValueError(
                    f"delmålets id {target.id!r} måste vara {self.id!r} eller börja med "
                    f"{self.id + '.'!r}"
                )
        return self


class Agreement(_Model):
    id: Id = Field(pattern=ID_PATTERN, description="Samma som filnamnet utan .yaml.")
    title: str = Field(min_length=1, description="Avtalets namn som sidorna och rapporten visar.")
    kommun: Kommun = Field(
        description="Kommunen som avtalet gäller; delmål som mäts i en kommun mäts i den."
    )
    parties: tuple[Party, ...] = Field(min_length=2, description="Avtalets parter.")
    period: tuple[int, int] = Field(description="Första och sista året, t.ex. [2019, 2022].")
    source_document: str | None = Field(
        default=None,
        description="Avtalstexten (sökväg relativt filen); målens formuleringar kontrolleras "
        "mot den.",
    )
    reporting: str | None = Field(
        default=None,
        description="Vem som redovisar utfallet, till vem och hur ofta, som sidan Om "
        "överenskommelsen säger det.",
    )
    focus_areas: tuple[FocusArea, ...] = Field(
        default=(), description="Avtalets fokusområden, i avtalets ordning."
    )
    focus_areas_note: str | None = Field(
        default=None,
        description="Om fokusområdena på sidan Om överenskommelsen, t.ex. var deras egna mål "
        "och åtgärder står.",
    )
    focus_area_without_goals: str | None = Field(
        default=None,
        description="Visas på översikten under ett fokusområde som inte har några mål i filen.",
    )
    goals: tuple[Goal, ...] = Field(min_length=1, description="Målen, i avtalets ordning.")
    comparison_kommuner: tuple[str, ...] = Field(
        default=(),
        description="Jämförelsekommunerna (kommunkoder, t.ex. '1263') som målsidorna visar bredvid "
        "kommunen, länet och riket där Kolada eller Brås kommunindikatorer har dem. Utan listan "
        "visas de andra kommuner som finns inlästa, om de är högst sex.",
    )

    @model_validator(mode="after")
    def _ids_are_unique_and_resolve(self) -> Agreement:
        first, last = self.period
        if first > last:
            raise ValueError(f"perioden {first}–{last} slutar innan den börjar")
        _require_unique("mål-id", [g.id for g in self.goals])
        _require_unique("delmåls-id", [t.id for g in self.goals for t in g.targets])
        _require_unique("part-id", [p.id for p in self.parties])
        _require_known("fokusområde", [g.focus_area for g in self.goals], self.focus_area_ids)
        parties = [p for t in self.targets for p in t.rule.named_parties()]
        _require_known("part", parties, self.party_ids)
        self._targets_measure_the_kommun()
        self._comparison_kommuner_exist()
        return self

    def _comparison_kommuner_exist(self) -> None:
        from indicators.geography import kommuner

        unknown = [c for c in self.comparison_kommuner if c not in kommuner()]
        if unknown:
            raise ValueError(
                f"okänd kommunkod i comparison_kommuner: {', '.join(unknown)} (fyra siffror "
                "som SCB skriver dem, t.ex. 1263 för Svedala)"
            )

    def _targets_measure_the_kommun(self) -> None:
        # One store serves every agreement: a target reads its kommun's observations by code,
        # so a copied file that kept another kommun's code would judge the wrong kommun.
        elsewhere = sorted(
            t.id
            for t in self.targets
            if t.geography.level == "kommun" and t.geography.code != self.kommun.code
        )
        if elsewhere:
            raise ValueError(
                f"delmål mäts i en annan kommun än avtalets ({self.kommun.code}): "
                + ", ".join(elsewhere)
            )

    @property
    def goal_ids(self) -> set[Id]:
        return {g.id for g in self.goals}

    @property
    def party_ids(self) -> set[Id]:
        return {p.id for p in self.parties}

    @property
    def focus_area_ids(self) -> set[Id]:
        return {f.id for f in self.focus_areas}

    @property
    def targets(self) -> list[Target]:
        return [t for g in self.goals for t in g.targets]

    @property
    def years(self) -> range:
        return range(self.period[0], self.period[1] + 1)

    def goal(self, goal_id: Id) -> Goal:
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise KeyError(goal_id)

    def goals_in(self, focus_area: Id | None, kind: str | None = None) -> list[Goal]:
        return [g for g in self.goals if g.focus_area == focus_area and kind in (None, g.kind)]


def _require_unique(what: str, ids: list[Id]) -> None:
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{what} förekommer flera gånger: {', '.join(duplicates)}")


def _require_known(what: str, references: Sequence[Id | None], known: set[Id]) -> None:
    unknown = sorted({r for r in references if r is not None and r not in known})
    if unknown:
        listed = ", ".join(sorted(known)) or "inga"
        raise ValueError(f"okänd {what}: {', '.join(unknown)} (finns: {listed})")
