"""Stored observations as typed rows: the one reader between the store and everything that judges,
charts or exports them. The command line's JSON shape (`geo`, `status`, `source`) is built from
these rows at the edge (indicators/export.py), never passed around as dictionaries.

    Observation(indicator='anmalda_brott', period='2022-05', period_type=PeriodType.MANAD,
                geo_code='1287', breakdown={'brottskod': '0857'}, measure=Measure.ANTAL,
                value=4.0, revision=Revision.PRELIMINAR, file='sol.csv', row=12, …)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from indicators.kinds import Measure, PeriodType, Revision

# The store's module (SQLAlchemy) is not needed to name a row's type: the
# agreement's rule types use Observation, and reading an agreement stays light.
if TYPE_CHECKING:
    from indicators.store import Store


@dataclass(frozen=True, slots=True)
class Observation:
    """One stored value of the current revision, with the import it came from."""

    indicator: str
    period: str  # '2019', '2019-Q1', '2019-03', '2019-W07' or '2019-03-14'
    period_type: PeriodType
    geo_code: str | None
    geo_name: str
    measure: Measure
    value: float
    breakdown: Mapping[str, str] = field(default_factory=dict)
    n: float | None = None  # respondents behind a share or a mean
    revision: Revision | None = None
    layout: str = ""  # the export layout it was read as (the JSON's "source")
    file: str = ""
    sheet: str | None = None
    row: int | None = None
    cell: str | None = None
    imported_at: str = ""
    sha256: str = ""
    import_id: int = 0
    origin: str = ""  # who published it: bra, polisen, kommun, region …

    @property
    def year(self) -> int:
        return int(self.period[:4])


def read_observations(store: Store, indicator: str) -> list[Observation]:
    """Every current stored row of one indicator, oldest period first."""
    # A series repeats a few breakdowns over thousands of rows (the crime counts: 2 867 rows,
    # 269 breakdowns in the examples): each JSON text is parsed once, each row gets its own copy.
    breakdowns: dict[str, dict[str, str]] = {}
    return [_typed(record, breakdowns) for record in store.observation_rows(indicator)]


def _typed(record: Mapping[Any, Any], breakdowns: dict[str, dict[str, str]]) -> Observation:
    text = record["breakdown"]
    breakdown = breakdowns.get(text)
    if breakdown is None:
        breakdown = breakdowns[text] = json.loads(text)
    geo_code, n, status = record["geo_code"], record["n"], record["status"]
    sheet, row, cell = record["sheet"], record["row"], record["cell"]
    return Observation(
        indicator=record["indicator"],
        period=record["period"],
        period_type=PeriodType(record["period_type"]),
        geo_code=None if geo_code is None else str(geo_code),
        geo_name=record["geo_name"],
        measure=Measure(record["measure"]),
        value=float(record["value"]),
        breakdown=dict(breakdown),
        n=None if n is None else float(n),
        revision=None if status is None else Revision(status),
        layout=record["layout"],
        file=record["file"],
        sheet=None if sheet is None else str(sheet),
        row=None if row is None else int(row),
        cell=None if cell is None else str(cell),
        imported_at=record["imported_at"],
        sha256=record["sha256"],
        import_id=int(record["import_id"]),
        origin=record["origin"],
    )
