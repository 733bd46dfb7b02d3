"""A goal's indicator beside its län, riket and comparison kommuner, year by year: the series
the catalogue names under `comparisons` (Brå's kommun indicators, Kolada key figures), read
as imported and never used as the goal's value.

    Comparison('lagesbild.bostadsinbrott', 'Bostadsinbrott (Brås lägesbildsindikator)',
               per_100k, 'Brås indikatorer för kommuners lägesbild',
               places=(Place('1287', 'Trelleborgs kommun', 'egen', {2017: 310.2, …}),
                       Place('12', 'Skåne', 'lan', {…}), Place('00', 'Riket', 'riket', {…})))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from indicators.catalogue import Catalogue, ComparisonSeries
from indicators.geography import comparison_level
from indicators.kinds import Measure, PeriodType
from indicators.numbers import format_number
from indicators.overlap import choose
from indicators.stored import Observation
from indicators.times import date_of

Reader = Callable[[str], list[Observation]]
# Geographies differ in size: only a rate compares them. Per 100 000 first, as Brå gives it.
RATES = (Measure.PER_100K, Measure.PER_1000)
# Without the agreement's list, the other kommuner imported are shown when they are this few
# (an export the analyst chose, like Kolada's "jämförelse"); a file of every kommun is not.
MAX_UNLISTED_KOMMUNER = 6
LEVEL_ORDER = {"egen": 0, "lan": 1, "riket": 2, "kommun": 3}


@dataclass(frozen=True)
class Place:
    """One geography's values of the series: the kommun itself, its län, riket or another
    kommun."""

    code: str
    name: str
    level: Literal["egen", "lan", "riket", "kommun"]
    values: Mapping[int, float]  # year → rate


@dataclass(frozen=True)
class Retrieved:
    """A file the values were read from and the day it was imported."""

    file: str
    imported_on: str  # YYYY-MM-DD, Swedish time


@dataclass(frozen=True)
class Comparison:
    indicator: str
    label: str
    measure: Measure
    source: str  # 'Kolada, U07452' or 'Brås indikatorer för kommuners lägesbild'
    places: tuple[Place, ...]  # the kommun first, then its län, riket, the comparison kommuner
    files: tuple[Retrieved, ...]
    left_out: int = 0  # other kommuner imported but not shown (see MAX_UNLISTED_KOMMUNER)

    @property
    def kommun(self) -> Place:
        return self.places[0]

    @property
    def years(self) -> list[int]:
        return sorted({year for place in self.places for year in place.values})

    @property
    def years_text(self) -> str:
        years = self.years
        return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"

    @property
    def source_text(self) -> str:
        """'Källa: Kolada, U07452, hämtad 2026-12-01 (kolada.json); år 2019–2022.'"""
        retrieved = "; ".join(f"hämtad {f.imported_on} ({f.file})" for f in self.files)
        return f"Källa: {self.source}, {retrieved}; år {self.years_text}."

    @property
    def left_out_text(self) -> str:
        if not self.left_out:
            return ""
        many = format_number(self.left_out)
        return (
            f"{many} andra kommuner finns inlästa men visas inte; avtalets "
            "comparison_kommuner väljer vilka som jämförs."
        )


def goal_comparisons(
    indicator_id: str,
    catalogue: Catalogue,
    read: Reader,
    kommun_code: str,
    comparison_kommuner: Sequence[str] = (),
) -> list[Comparison]:
    """The catalogue's comparison series of an indicator that have the kommun and at least one
    other geography imported; an empty list when nothing is."""
    found = []
    for series in catalogue.indicator(indicator_id).comparisons:
        made = comparison(
            series, catalogue, read(series.indicator), kommun_code, comparison_kommuner
        )
        if made is not None:
            found.append(made)
    return found


def comparison(
    series: ComparisonSeries,
    catalogue: Catalogue,
    rows: Sequence[Observation],
    kommun_code: str,
    comparison_kommuner: Sequence[str] = (),
) -> Comparison | None:
    """One series' yearly rates per geography (the overlap rule picks among imports), or None
    without the kommun's own values or anything to set beside them."""
    yearly = [
        r
        for r in rows
        if r.period_type is PeriodType.AR
        and r.geo_code
        and r.breakdown == series.breakdown
        and r.measure in RATES
    ]
    measure = next((m for m in RATES if any(r.measure == m for r in yearly)), None)
    if measure is None:
        return None
    chosen = choose([r for r in yearly if r.measure == measure], lambda r: (r.geo_code, r.period))
    by_geo: dict[str, list[Observation]] = {}
    for row in chosen:
        by_geo.setdefault(str(row.geo_code), []).append(row)
    if kommun_code not in by_geo:
        return None
    others = _shown(by_geo, kommun_code, comparison_kommuner)
    if not others:
        return None
    kommuner = [c for c in by_geo if comparison_level(c, kommun_code) == "kommun"]
    places = [_place(kommun_code, "egen", by_geo[kommun_code]), *others]
    used = [row for place in places for row in by_geo[place.code]]
    indicator = catalogue.indicator(series.indicator)
    kpi = series.breakdown.get("kpi")
    source = catalogue.sources[indicator.source].label
    return Comparison(
        series.indicator,
        series.label or indicator.label,
        measure,
        f"{source}, {kpi}" if kpi else source,
        tuple(places),
        _retrieved(used),
        len(kommuner) - sum(p.level == "kommun" for p in others),
    )


def _shown(
    by_geo: Mapping[str, list[Observation]], kommun_code: str, listed: Sequence[str]
) -> list[Place]:
    """Län and riket, then the comparison kommuner: the agreement's list in its order, or
    without a list every other kommun imported, by name, when they are few."""
    places = []
    for code, rows in by_geo.items():
        level = comparison_level(code, kommun_code)
        if level in ("lan", "riket"):
            places.append(_place(code, level, rows))
    kommuner = [c for c in by_geo if comparison_level(c, kommun_code) == "kommun"]
    if listed:
        chosen = [c for c in listed if c in kommuner]
    else:
        chosen = (
            sorted(kommuner, key=lambda c: str(by_geo[c][0].geo_name))
            if len(kommuner) <= MAX_UNLISTED_KOMMUNER
            else []
        )
    places.sort(key=lambda p: LEVEL_ORDER[p.level])
    return places + [_place(c, "kommun", by_geo[c]) for c in chosen]


def _place(
    code: str, level: Literal["egen", "lan", "riket", "kommun"], rows: list[Observation]
) -> Place:
    name = "Riket" if level == "riket" else str(rows[0].geo_name or code)
    return Place(code, name, level, {r.year: r.value for r in sorted(rows, key=lambda r: r.year)})


def _retrieved(rows: Sequence[Observation]) -> tuple[Retrieved, ...]:
    return tuple(dict.fromkeys(Retrieved(r.file, date_of(r.imported_at)) for r in rows))
