"""The indicator catalogue: what each measured series is, where it comes from, how to read it.

The catalogue is a YAML file beside this module that analysts may read and change
(`catalogue.yaml`); targets in an agreement name indicators by their id here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from indicators.config_files import load_model
from indicators.kinds import Measure

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")

Id = str
Frequency = Literal["kontinuerlig", "arlig_matning", "vag", "logg"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """A measurement source named in the agreement ("Mätindikator")."""

    label: str = Field(description="Källans namn för användare, t.ex. 'Polisens trygghetsmätning'.")
    publisher: str = Field(description="Vem som publicerar eller för källan.")
    description: str = Field(description="Vad källan är och hur ofta den kommer, på svenska.")
    frequency: Frequency = Field(
        description="kontinuerlig (månadsdata), arlig_matning (en enkät om året), "
        "vag (enkät vissa år) eller logg (egen aktivitetslogg)."
    )


class Dimension(_Model):
    """A breakdown key such as årskurs, with the labels of its normalised values."""

    label: str = Field(description="Dimensionens namn för användare, t.ex. 'Årskurs'.")
    values: dict[str, str] = Field(description="Normaliserat värde → etikett, t.ex. ak6: åk 6.")


class Comparison(_Model):
    """How a series that is not a goal's own relates to it, so it is never used in its place."""

    indicator: Id = Field(description="Id för indikatorn som serien jämförs med.")
    relation: Literal["del", "vidare", "annan"] = Field(
        description="del: en del av den (t.ex. Lägenhet av Bostadsinbrott); vidare: omfattar "
        "mer (12 kap. Skadegörelsebrott med tagande av olovlig väg); annan: en annan definition."
    )


class ComparisonSeries(_Model):
    """A series that compares the kommun with its län, riket and other kommuner (Kolada, Brå's
    kommun indicators), shown beside a goal's indicator on its goal page; never its value."""

    indicator: Id = Field(description="Id för jämförelseserien, t.ex. lagesbild.bostadsinbrott.")
    breakdown: dict[str, str] = Field(
        default_factory=dict,
        description="Uppdelningen som väljer serien, t.ex. {kpi: N07403} för ett Kolada-nyckeltal.",
    )
    label: str | None = Field(
        default=None,
        description="Seriens rubrik på målsidan, t.ex. 'Anmälda våldsbrott (Kolada N07403)'; "
        "utan den används jämförelseindikatorns etikett.",
    )


class Indicator(_Model):
    id: Id = Field(pattern=r"^[a-z][a-z0-9_.]*$", description="Stabilt id som mål refererar till.")
    label: str = Field(description="Kort svensk etikett.")
    source: Id = Field(description="Id för källan under sources.")
    measure: Measure = Field(description="Mått: antal, index_0_6, andel_pct, …")
    unit: str = Field(description="Enhet i löptext, t.ex. 'inbrott' eller 'procent'.")
    better: Literal["lower", "higher"] = Field(description="Åt vilket håll ett värde är bättre.")
    definition: str = Field(description="Definition och anmärkningar, på svenska.")
    subject: str | None = Field(
        default=None,
        description="Hur serien inleder en mening i bedömningens text, t.ex. 'Bostadsinbrotten'; "
        "utan den används etiketten.",
    )
    labels: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Etiketter som serien har i respektive källas exporter (layout → etiketter).",
    )
    compared_to: Comparison | None = Field(
        default=None,
        description="För en serie som liknar en målindikator men inte är den: vilken och hur.",
    )
    comparisons: tuple[ComparisonSeries, ...] = Field(
        default=(),
        description="Jämförelseserier som målsidan visar bredvid indikatorn: kommunen per "
        "100 000 (eller 1 000) invånare mot länet, riket och jämförelsekommunerna.",
    )


class CodeListRef(_Model):
    file: str = Field(description="CSV-fil bredvid katalogen med brottskod → indikator.")
    version: str = Field(description="Kodlistans version; ändra den när listan ändras.")


class Catalogue(_Model):
    version: str = Field(description="Katalogens version; ändra den när en definition ändras.")
    code_list: CodeListRef = Field(
        description="Brottskodslistan som brottsindikatorerna bygger på."
    )
    crime_counts: Id = Field(
        description="Indikatorn där anmälda brott lagras per brottskod eller brottstyp; "
        "brottsindikatorerna från samma källa räknas fram ur den via kodlistan."
    )
    population: Id = Field(
        description="Indikatorn med folkmängden per år, för antal per 100 000 invånare."
    )
    sources: dict[Id, Source] = Field(description="Källorna, med id som indikatorerna anger.")
    dimensions: dict[Id, Dimension] = Field(
        default_factory=dict, description="Uppdelningarna och deras normaliserade värden."
    )
    indicators: tuple[Indicator, ...] = Field(description="Indikatorerna som mål kan mätas med.")

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalogue:
        ids = [indicator.id for indicator in self.indicators]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"indikator-id förekommer flera gånger: {', '.join(duplicates)}")
        unknown = [i.id for i in self.indicators if i.source not in self.sources]
        if unknown:
            raise ValueError(f"okänd källa för indikatorerna {', '.join(unknown)}")
        named = [i for i in (self.crime_counts, self.population) if i not in ids]
        if named:
            raise ValueError(f"okänd indikator: {', '.join(named)}")
        dangling = [
            i.id for i in self.indicators if i.compared_to and i.compared_to.indicator not in ids
        ]
        if dangling:
            raise ValueError(f"compared_to pekar på okänd indikator för {', '.join(dangling)}")
        unknown_series = [
            i.id for i in self.indicators for c in i.comparisons if c.indicator not in ids
        ]
        if unknown_series:
            raise ValueError(
                f"comparisons pekar på okänd indikator för {', '.join(unknown_series)}"
            )
        return self

    def indicator(self, indicator_id: Id) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def source_of(self, indicator_id: Id) -> Source:
        return self.sources[self.indicator(indicator_id).source]

    def is_counted_from_crime_codes(self, indicator_id: Id) -> bool:
        """True for a crime indicator (bostadsinbrott) read out of the per-code crime counts."""
        crime_source = self.indicator(self.crime_counts).source
        # anmalda_brott.veckodag_tid and the like are stored aggregates of their own, read as such
        own_series = indicator_id == self.crime_counts or indicator_id.startswith(
            f"{self.crime_counts}."
        )
        return not own_series and self.indicator(indicator_id).source == crime_source

    def compared_with(self, indicator_id: Id) -> tuple[Indicator, ...]:
        """The series the catalogue compares directly with an indicator (its parts, wider or
        other definitions), never used in its place."""
        return tuple(
            i for i in self.indicators if i.compared_to and i.compared_to.indicator == indicator_id
        )

    def value_label(self, key: str, value: str) -> str:
        """'åk 9' for arskurs ak9; the value as written when the dimension does not know it."""
        dimension = self.dimensions.get(key)
        return dimension.values.get(value, value) if dimension else value

    def breakdown_label(self, breakdown: dict[str, str]) -> str:
        """'åk 9' for {arskurs: ak9}; 'totalt' for an empty breakdown."""
        if not breakdown:
            return "totalt"
        parts = []
        for key, value in breakdown.items():
            dimension = self.dimensions.get(key)
            parts.append(dimension.values.get(value, value) if dimension else f"{key}={value}")
        return ", ".join(parts)


@cache
def load_catalogue(path: Path = CATALOGUE_FILE) -> Catalogue:
    return load_model(path, Catalogue, display_name=_display_name(path))


def _display_name(path: Path) -> str:
    package_root = Path(__file__).resolve().parent.parent
    try:
        return str(path.resolve().relative_to(package_root))
    except ValueError:
        return str(path)
