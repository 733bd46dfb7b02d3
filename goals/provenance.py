"""Where a goal page's headline and its breakdowns come from, and a note when they differ.

The overlap rule (design.md "When sources overlap") picks the headline per period: Brå's yearly
total over a police extract's months, so a year can be judged on Brå's 104 burglaries while its
monthly bars are the police extract's and add up to 97. That is right, but a reader who adds the
bars must be told why they disagree:

    Huvudsiffran kommer från Brå (sol.csv, inläst 2026-11-20); månadsfördelningen från
    Polisens uttag (uttag.xlsx, inläst 2026-11-23).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from goals.breakdowns import SOURCE_NAMES
from goals.evidence import Evidence
from goals.models import Target
from goals.series import count_years, measurements
from goals.words import join_words
from indicators.catalogue import Catalogue
from indicators.kinds import Measure, PeriodType
from indicators.overlap import choose, indicator_totals
from indicators.stored import Observation
from indicators.times import date_of


@dataclass(frozen=True, order=True)
class Provenance:
    """One import behind a figure: who published it, the file, the day it was imported."""

    source: str  # 'Brå', 'Polisens uttag', or the origin as stored
    file: str
    imported: str  # '2026-11-23', the Swedish calendar date

    def text(self) -> str:
        return f"{self.source} ({self.file}, inläst {self.imported})"


def _provenance(rows: Sequence[Observation]) -> frozenset[Provenance]:
    return frozenset(
        Provenance(SOURCE_NAMES.get(r.origin, r.origin or r.layout), r.file, date_of(r.imported_at))
        for r in rows
    )


def headline_provenance(
    rows: Sequence[Observation], measure: Measure, year: int
) -> frozenset[Provenance]:
    """The imports the year's judged value was read from, as the verdict reads it."""
    in_year = [r for r in rows if r.year == year]
    if measure == Measure.ANTAL:
        counted = count_years(rows).get(year)
        files = set(counted.files) if counted else set()
        if counted is not None and counted.basis == "år":
            in_year = [r for r in in_year if r.period_type is PeriodType.AR]
    else:
        measured = measurements(rows).get(year)
        files = {measured.file} if measured else set()
        in_year = [r for r in in_year if r.period_type is PeriodType.AR]
    return _provenance([r for r in in_year if r.file in files])


def chosen_provenance(rows: Sequence[Observation], year: int) -> frozenset[Provenance]:
    """The imports a breakdown's values of `year` are read from: per place and period the
    preferred one (the same overlap rule), months only when `rows` hold months."""
    in_year = [r for r in rows if r.year == year]
    return _provenance(choose(indicator_totals(in_year), lambda r: (r.geo_code, r.period)))


def month_rows(rows: Sequence[Observation]) -> list[Observation]:
    return [r for r in rows if r.period_type is PeriodType.MANAD]


def area_rows(rows: Sequence[Observation], geo_code: str) -> list[Observation]:
    """The areas inside the kommun (geo codes '1287:…')."""
    return [r for r in rows if (r.geo_code or "").startswith(f"{geo_code}:")]


def mixed_sources_note(
    headline: frozenset[Provenance], parts: Mapping[str, frozenset[Provenance]]
) -> str | None:
    """'Huvudsiffran kommer från …; månadsfördelningen från …' when a breakdown (named as the
    sentence reads it: 'månadsfördelningen', 'områdena') is read from other imports than the
    headline; None when they agree or either is missing."""
    differing = {name: found for name, found in parts.items() if found and found != headline}
    if not headline or not differing:
        return None
    said = [f"Huvudsiffran kommer från {_list(headline)}"] + [
        f"{name} från {_list(found)}" for name, found in differing.items()
    ]
    return (
        "; ".join(said)
        + ". De kan därför skilja sig åt: huvudsiffran är den som bedöms, enligt regeln för "
        "överlappande källor."
    )


def _list(found: frozenset[Provenance]) -> str:
    return join_words([p.text() for p in sorted(found)])


def target_sources_note(
    target: Target,
    catalogue: Catalogue,
    evidence: Evidence,
    related: Sequence[Observation],
    year: int,
) -> str | None:
    """The note for a goal page's target in `year`: its headline against its months and the
    areas among `related` (goals/evidence.py's related_rows)."""
    measure = catalogue.indicator(target.indicator).measure
    rows = evidence.target_rows(target.id, measure)
    areas = area_rows([r for r in related if r.measure == measure], target.geography.code)
    return mixed_sources_note(
        headline_provenance(rows, measure, year),
        {
            "månadsfördelningen": chosen_provenance(month_rows(rows), year),
            "områdena": chosen_provenance(areas, year),
        },
    )
