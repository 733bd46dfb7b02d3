"""The sources' limits the lägesbild records ("polisens uttag täcker bara …", "NTU redovisas för
sammanslagna år"), read from kallor.yaml beside this module so an analyst can edit them:

    begransningar:
      ntu: >-
        NTU har få svarande per kommun, …

A key is a source id of the indicator catalogue; a typo (an unknown field or source) comes back
as a Swedish sentence with file, line and value (indicators/config_files.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from indicators.catalogue import Catalogue, load_catalogue
from indicators.config_files import ConfigError, read_yaml

LIMITS_FILE = Path(__file__).resolve().parent / "kallor.yaml"
DISPLAY_NAME = "kommunlagesbild/kallor.yaml"


class SourceLimits(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    begransningar: dict[str, Annotated[str, Field(min_length=1)]] = Field(
        description="Källans id i indikatorkatalogen → vad källan inte kan säga, som lägesbildens "
        "lista över källor skriver det."
    )


def load_limits(
    path: Path = LIMITS_FILE, catalogue: Catalogue | None = None, display_name: str | None = None
) -> dict[str, str]:
    """Source id → its limits in words; ConfigError (Swedish, with line) for a malformed file or
    a source the catalogue does not know."""
    document = read_yaml(path, display_name or str(path))
    limits = document.validate(SourceLimits).begransningar
    known = (catalogue or load_catalogue()).sources
    unknown = [
        document.problem(
            ("begransningar", key),
            "okänd källa, förväntade en av " + ", ".join(sorted(known)),
            key,
        )
        for key in limits
        if key not in known
    ]
    if unknown:
        raise ConfigError(unknown)
    return dict(limits)


@cache
def source_limits() -> dict[str, str]:
    """The shipped file's limits, read once per process."""
    return load_limits(LIMITS_FILE, display_name=DISPLAY_NAME)
