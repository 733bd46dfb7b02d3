"""Which value counts when sources overlap (design.md "When sources overlap").

For one indicator, geography and period: final over preliminary; Brå over a police extract; a
yearly total over a sum of months; then the latest import. The others stay stored and visible.
Plain Python over typed rows: the series are small, and evaluation runs on every page view.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace

from indicators.kinds import Revision
from indicators.stored import Observation

ORIGIN_RANK = {"bra": 1, "polisen": 0}


def rank(row: Observation) -> tuple[int, int, str]:
    """Higher is preferred: final, then Brå over the police, then the latest import.

    A value without a revision (a police extract, the activity log) ranks with the preliminary
    ones.
    """
    return (
        int(row.revision == Revision.SLUTLIG),
        ORIGIN_RANK.get(row.origin, -1),
        str(row.imported_at),
    )


def choose(
    rows: Iterable[Observation], key: Callable[[Observation], Hashable]
) -> list[Observation]:
    """The preferred row for every key, in the order the keys first appear."""
    best: dict[Hashable, Observation] = {}
    for row in rows:
        current = best.get(key(row))
        if current is None or rank(row) > rank(current):
            best[key(row)] = row
    return list(best.values())


def source_rank(row: Observation) -> tuple[int, int]:
    """rank() without the import time: what decides before 'a yearly total over months'."""
    return rank(row)[:2]


def indicator_totals(rows: Iterable[Observation]) -> list[Observation]:
    """Crime rows already mapped to one indicator → one total per import, geography and period.

    Within one file a SOL label total ('Inbrottsstöld i bostad') is used as published rather
    than added to the codes beneath it, which would count the same crimes twice.
    """
    groups: dict[tuple[int, str | None, str], list[Observation]] = {}
    for row in rows:
        groups.setdefault((row.import_id, row.geo_code, row.period), []).append(row)
    totals = []
    for parts in groups.values():
        labelled = [r for r in parts if "brottstyp" in r.breakdown]
        kept = labelled or parts
        totals.append(
            replace(
                kept[0],
                value=sum(r.value for r in kept),
                revision=combined_revision(r.revision for r in kept),
            )
        )
    return totals


def combined_revision(revisions: Iterable[Revision | None]) -> Revision | None:
    """Preliminary if any part is; final only if every part is; else unknown."""
    seen = list(revisions)
    if Revision.PRELIMINAR in seen:
        return Revision.PRELIMINAR
    return Revision.SLUTLIG if seen and all(r == Revision.SLUTLIG for r in seen) else None
