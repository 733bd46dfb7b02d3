"""Settings for the statistics behind verdicts (`statistics.yaml`), which analysts may edit:
the overdispersion default per crime indicator and the design effect per survey source."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from indicators.config_files import load_model

STATISTICS_FILE = Path(__file__).with_name("statistics.yaml")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorDispersion(_Model):
    default: float | None = Field(
        default=None, ge=1, description="φ när historiken är för kort för en skattning."
    )
    fixed: float | None = Field(
        default=None, ge=1, description="φ som alltid används i stället för skattningen."
    )


class DispersionSettings(_Model):
    min_months: int = Field(
        default=24, ge=13, description="Minsta antal månader i hela år för att skatta φ."
    )
    default: float = Field(ge=1, description="φ när historiken är för kort, för alla indikatorer.")
    indicators: dict[str, IndicatorDispersion] = Field(
        default_factory=dict, description="Indikatorns id → dess egna värden."
    )

    def default_for(self, indicator: str) -> float:
        own = self.indicators.get(indicator)
        return own.default if own and own.default is not None else self.default

    def fixed_for(self, indicator: str) -> float | None:
        own = self.indicators.get(indicator)
        return own.fixed if own else None


class StatisticsSettings(_Model):
    dispersion: DispersionSettings = Field(description="Överspridning för antal (φ).")
    design_effect: dict[str, Annotated[float, Field(ge=1)]] = Field(
        default_factory=dict,
        description="Källans id → designeffekt (minst 1) för enkätandelar; saknas källan gäller 1.",
    )

    def design_effect_for(self, source: str) -> float:
        return self.design_effect.get(source, 1.0)


@cache
def load_statistics(path: Path = STATISTICS_FILE) -> StatisticsSettings:
    return load_model(path, StatisticsSettings, display_name="indicators/statistics.yaml")
