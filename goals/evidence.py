"""The stored observations behind a target, as imported, with their provenance.

Crime targets read the per-brottskod (or per SOL label) rows and keep those the code list maps to
the target's indicator; nothing is summed or projected here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from goals.measures import MeasureList, measure_list
from goals.models import Agreement, Target
from indicators.catalogue import Catalogue
from indicators.code_list import load_code_list
from indicators.crime import rows_for
from indicators.sources.bra_sol import INDICATOR as CRIME_SERIES
from indicators.sources.scb import POPULATION
from indicators.store import Store


@dataclass(frozen=True)
class Evidence:
    """What the verdicts are judged on: each target's stored rows, and which years the
    activity log covers (a covered year without an activity counts zero)."""

    rows: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    log_years: frozenset[int] = frozenset()
    log_latest: dt.date | None = None  # the log's newest entry of any activity
    measures: MeasureList | None = None  # the latest measures list, for the annual follow-up

    def target_rows(self, target_id: str, measure: str) -> list[dict[str, Any]]:
        """A target's rows in one measure: a rate per 100 000 never counts as a count."""
        return [row for row in self.rows.get(target_id, []) if row["measure"] == measure]

    def years(self) -> set[int]:
        """Every year any target has a value in."""
        return {int(row["period"][:4]) for rows in self.rows.values() for row in rows}


def collect_evidence(store: Store, agreement: Agreement, catalogue: Catalogue) -> Evidence:
    # Several targets share an indicator (åk 6, 9, gy 2) and both crime targets read the same
    # per-brottskod rows: read each stored series once per collection.
    stored = cache(store.observations)
    rows = {target.id: _target_rows(stored, target, catalogue) for target in agreement.targets}
    log = [stored(i.id) for i in catalogue.indicators if i.source == "aktivitetslogg"]
    dates = [
        dt.date.fromisoformat(period[:10])
        for frame in log
        if not frame.empty
        for period in frame["period"]
    ]
    return Evidence(
        rows, frozenset(d.year for d in dates), max(dates, default=None), measure_list(store)
    )


def target_observations(store: Store, target: Target, catalogue: Catalogue) -> list[dict[str, Any]]:
    """design.md's `observations` rows for one target, current revision, all periods."""
    return _target_rows(store.observations, target, catalogue)


def _target_rows(
    observations: Callable[[str], pd.DataFrame], target: Target, catalogue: Catalogue
) -> list[dict[str, Any]]:
    indicator = catalogue.indicator(target.indicator)
    if indicator.source == "polisanmalda_brott" and indicator.id != CRIME_SERIES:
        stored = rows_for(
            observations(CRIME_SERIES), indicator.id, load_code_list(catalogue), catalogue
        )
    else:
        stored = observations(indicator.id)
    if stored.empty:
        return []
    stored = stored[
        (stored["geo_code"] == target.geography.code)
        & stored["breakdown"].map(lambda b: _belongs(json.loads(b), target.breakdown))
    ]
    return [_row(record, indicator.id) for record in stored.to_dict("records")]


# Keys a source records beneath a target: what was counted, where in the kommun, on which date,
# who took part. Any other extra key (kön, undersökning) makes the row another series.
BENEATH_TARGET = {"brottskod", "brottstyp", "omrade", "datumgrund", "parter"}


def _belongs(breakdown: dict[str, str], wanted: dict[str, str]) -> bool:
    """{'arskurs': 'ak9'} belongs to target åk 9; {'arskurs': 'ak9', 'kon': 'flickor'} does not."""
    if any(breakdown.get(key) != value for key, value in wanted.items()):
        return False
    return set(breakdown) - set(wanted) <= BENEATH_TARGET


def _row(record: dict[str, Any], indicator: str) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "period": record["period"],
        "period_type": record["period_type"],
        "geo": record["geo_code"],
        "geo_name": record["geo_name"],
        "breakdown": json.loads(record["breakdown"]),
        "measure": record["measure"],
        "value": record["value"],
        "n": _optional(record["n"]),
        "status": record["status"],
        "source": record["layout"],
        "file": record["file"],
        "sheet": _optional(record["sheet"], str),
        "row": _optional(record["row"], int),
        "cell": _optional(record["cell"], str),
        "imported_at": record["imported_at"],
        "sha256": record["sha256"],
        "import_id": int(record["import_id"]),
        "origin": record["origin"],
    }


def _optional(value: Any, kind: type = float) -> Any:
    return None if value is None or pd.isna(value) else kind(value)


def related_rows(store: Store, target: Target, catalogue: Catalogue) -> list[dict[str, Any]]:
    """The target's indicator in its own geography, the areas inside it and the regions around
    it, under any breakdown that narrows the target's (kön, brottskod, område): the material
    for a goal page's breakdowns. Other kommuner in the same file are left out."""
    indicator = catalogue.indicator(target.indicator)
    if indicator.source == "polisanmalda_brott" and indicator.id != CRIME_SERIES:
        stored = rows_for(
            store.observations(CRIME_SERIES), indicator.id, load_code_list(catalogue), catalogue
        )
    else:
        stored = store.observations(indicator.id)
    if stored.empty:
        return []
    code = target.geography.code
    near = stored["geo_code"].map(
        lambda geo: geo == code or geo.startswith(f"{code}:") or code.startswith(geo)
    )
    narrower = stored["breakdown"].map(
        lambda b: all(json.loads(b).get(k) == v for k, v in target.breakdown.items())
    )
    return [_row(record, indicator.id) for record in stored[near & narrower].to_dict("records")]


def population(store: Store, geo_code: str) -> dict[int, float]:
    """Invånare per year (SCB), for rates per 100 000."""
    stored = store.observations(POPULATION)
    if stored.empty:
        return {}
    stored = stored[(stored["geo_code"] == geo_code) & (stored["period_type"] == "ar")]
    return {
        int(period): float(value)
        for period, value in zip(stored["period"], stored["value"], strict=True)
    }
