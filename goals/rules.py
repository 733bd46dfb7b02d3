"""The rules a target can have, as data: a discriminated union on `type`.

goals/describe.py says what each rule means in plain Swedish.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThresholdEveryYear(_Rule):
    """The value must be on the right side of a threshold in every year of the period."""

    type: Literal["threshold_every_year"]
    op: Literal["<", "<=", ">", ">="] = Field(
        description="'<' för 'understiga' (strikt), '<=' för 'högst', '>' och '>=' för golv."
    )
    value: int | float = Field(description="Tröskelvärdet, i indikatorns mått.")


class Comparison(_Rule):
    """The intended wave must be lower (or higher) than the baseline wave."""

    type: Literal["comparison"]
    intended_year: int = Field(description="Året då målet ska vara nått, t.ex. 2020.")
    baseline_year: int = Field(description="Jämförelseåret, t.ex. 2016.")
    direction: Literal["lower", "higher"]
    fallback: Literal["nearest_later_wave", "none"] = Field(
        default="nearest_later_wave",
        description="Saknas mätning det avsedda året: använd närmast följande mätning "
        "till och med året efter periodens slut, eller ingen.",
    )

    @model_validator(mode="after")
    def _baseline_before_intended(self) -> Comparison:
        if self.baseline_year >= self.intended_year:
            raise ValueError(
                f"jämförelseåret {self.baseline_year} måste ligga före året {self.intended_year}"
            )
        return self


class ChangeFromBaseline(_Rule):
    """Each survey year of the period must be lower (or higher) than the baseline year."""

    type: Literal["change_from_baseline"]
    baseline_year: int = Field(description="Utgångsåret, t.ex. den sista mätningen före perioden.")
    direction: Literal["lower", "higher"]


class ActivityPerYear(_Rule):
    """At least `min` logged activities of the target's kind in every year of the period."""

    type: Literal["activity_per_year"]
    min: int = Field(default=1, ge=1, description="Minsta antal per kalenderår.")


class EveryIsoWeek(_Rule):
    """Every ISO week must have the activity with all the named parties present."""

    type: Literal["every_iso_week"]
    parties: tuple[str, ...] = Field(
        min_length=1, description="Id för de parter som måste ha deltagit (se parties)."
    )


Rule = Annotated[
    ThresholdEveryYear | Comparison | ChangeFromBaseline | ActivityPerYear | EveryIsoWeek,
    Field(discriminator="type"),
]
