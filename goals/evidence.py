"""The stored observations behind a target, as imported, with their provenance.

Crime targets read the per-brottskod (or per SOL label) rows and keep those the code list maps to
the target's indicator; nothing is summed or projected here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, partial

from followup import records
from goals.assessment import Assessment, AssessmentHistory, assessment_history
from goals.atgarder import AtgardList, atgard_list
from goals.models import Agreement, Target
from indicators.catalogue import Catalogue
from indicators.code_list import load_code_list
from indicators.crime import rows_by_indicator
from indicators.kinds import Measure, PeriodType
from indicators.store import Store
from indicators.stored import Observation, read_observations


@dataclass(frozen=True)
class Evidence:
    """What the verdicts are judged on: each target's stored rows, and which years the
    activity log covers (a covered year without an activity counts zero)."""

    rows: Mapping[str, list[Observation]] = field(default_factory=dict)
    log_years: frozenset[int] = frozenset()
    log_latest: dt.date | None = None  # the log's newest entry of any activity
    atgarder: AtgardList | None = None  # the latest åtgärder list, for the annual follow-up
    # Per target, the rows of series the catalogue compares with its indicator (a part of it, or
    # a wider definition): never the target's value, but named when they are all there is.
    related: Mapping[str, list[Observation]] = field(default_factory=dict)
    # Per target and year, the recorded assessments (bedömning av säkerhetsenheten), newest first.
    assessments: AssessmentHistory = field(default_factory=dict)

    def assessment(self, target_id: str, year: int) -> Assessment | None:
        """The assessment in force for a target and year: its newest version."""
        versions = self.assessments.get(target_id, {}).get(year, ())
        return versions[0] if versions else None

    def target_rows(self, target_id: str, measure: Measure) -> list[Observation]:
        """A target's rows in one measure: a rate per 100 000 never counts as a count."""
        return [row for row in self.rows.get(target_id, []) if row.measure == measure]

    def years(self) -> set[int]:
        """Every year any target has a value in."""
        return {row.year for rows in self.rows.values() for row in rows}


Reader = Callable[[str], list[Observation]]


def collect_evidence(store: Store, agreement: Agreement, catalogue: Catalogue) -> Evidence:
    # Several targets share an indicator (åk 6, 9, gy 2) and both crime targets read the same
    # per-brottskod rows: read each stored series once per collection.
    stored: Reader = cache(partial(read_observations, store))
    read = indicator_reader(stored, catalogue)
    rows = {target.id: _target_rows(read, target) for target in agreement.targets}
    log = [stored(i.id) for i in catalogue.indicators if i.source == "aktivitetslogg"]
    dates = [dt.date.fromisoformat(row.period[:10]) for series in log for row in series]
    related = {
        target.id: [
            row
            for other in catalogue.compared_with(target.indicator)
            for row in _target_rows(read, target.model_copy(update={"indicator": other.id}))
        ]
        for target in agreement.targets
    }
    return Evidence(
        rows,
        frozenset(d.year for d in dates),
        max(dates, default=None),
        atgard_list(store),
        {target_id: found for target_id, found in related.items() if found},
        assessment_history(records.assessments(store, agreement.id)),
    )


def target_observations(store: Store, target: Target, catalogue: Catalogue) -> list[Observation]:
    """The stored rows behind one target (design.md's `observations`), current revision, all
    periods."""
    return _target_rows(indicator_reader(partial(read_observations, store), catalogue), target)


def _target_rows(read: Reader, target: Target) -> list[Observation]:
    return [
        row
        for row in read(target.indicator)
        if row.geo_code == target.geography.code and _belongs(row.breakdown, target.breakdown)
    ]


def indicator_reader(observations: Reader, catalogue: Catalogue) -> Reader:
    """Indicator id → its stored rows; a crime indicator's are the crime counts its codes or
    SOL labels map to, named after the indicator. The crime counts are mapped once per reader,
    whichever and however many crime indicators are read from it."""

    @cache
    def crimes() -> dict[str, list[Observation]]:
        return rows_by_indicator(
            observations(catalogue.crime_counts), load_code_list(catalogue), catalogue
        )

    def read(indicator: str) -> list[Observation]:
        if not catalogue.is_counted_from_crime_codes(indicator):
            return observations(indicator)
        return [replace(row, indicator=indicator) for row in crimes().get(indicator, [])]

    return read


# Keys a source records beneath a target: what was counted, where in the kommun, on which date,
# who took part. Any other extra key (kön, undersökning) makes the row another series.
BENEATH_TARGET = {"brottskod", "brottstyp", "omrade", "datumgrund", "parter"}


def _belongs(breakdown: Mapping[str, str], wanted: Mapping[str, str]) -> bool:
    """{'arskurs': 'ak9'} belongs to target åk 9; {'arskurs': 'ak9', 'kon': 'flickor'} does not."""
    if any(breakdown.get(key) != value for key, value in wanted.items()):
        return False
    return set(breakdown) - set(wanted) <= BENEATH_TARGET


def related_rows(store: Store, target: Target, catalogue: Catalogue) -> list[Observation]:
    """The target's indicator in its own geography, the areas inside it and the regions around
    it, under any breakdown that narrows the target's (kön, brottskod, område): the material
    for a goal page's breakdowns. Other kommuner in the same file are left out."""
    code = target.geography.code
    return [
        row
        for row in indicator_reader(partial(read_observations, store), catalogue)(target.indicator)
        if row.geo_code is not None
        and (
            row.geo_code == code
            or row.geo_code.startswith(f"{code}:")
            or code.startswith(row.geo_code)
        )
        and all(row.breakdown.get(k) == v for k, v in target.breakdown.items())
    ]


def population(store: Store, catalogue: Catalogue, geo_code: str) -> dict[int, float]:
    """Invånare per year (SCB), for rates per 100 000."""
    return {
        row.year: row.value
        for row in read_observations(store, catalogue.population)
        if row.geo_code == geo_code and row.period_type is PeriodType.AR
    }
