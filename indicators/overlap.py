"""Which value counts when sources overlap (design.md "When sources overlap").

For one indicator, geography and period: final over preliminary; Brå over a police extract; a
yearly total over a sum of months; then the latest import. The others stay stored and visible.
Plain Python over row dicts: the series are small, and evaluation runs on every page view.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

ORIGIN_RANK = {"bra": 1, "polisen": 0}
Row = Mapping[str, Any]


def rank(row: Row) -> tuple[int, int, str]:
    """Higher is preferred: final, then Brå over the police, then the latest import.

    A value without status (a police extract, the activity log) ranks with the preliminary ones.
    """
    return (
        int(row["status"] == "slutlig"),
        ORIGIN_RANK.get(row["origin"], -1),
        str(row["imported_at"]),
    )


def choose(rows: Iterable[Row], key: Callable[[Row], Hashable]) -> list[Row]:
    """The preferred row for every key, in the order the keys first appear."""
    best: dict[Hashable, Row] = {}
    for row in rows:
        current = best.get(key(row))
        if current is None or rank(row) > rank(current):
            best[key(row)] = row
    return list(best.values())


def source_rank(row: Row) -> tuple[int, int]:
    """rank() without the import time: what decides before 'a yearly total over months'."""
    return rank(row)[:2]


def indicator_totals(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """Crime rows already mapped to one indicator → one total per import, geography and period.

    Within one file a SOL label total ('Inbrottsstöld i bostad') is used as published rather
    than added to the codes beneath it, which would count the same crimes twice.
    """
    groups: dict[tuple, list[Row]] = {}
    for row in rows:
        groups.setdefault((row["import_id"], row["geo_code"], row["period"]), []).append(row)
    totals = []
    for parts in groups.values():
        labelled = [r for r in parts if "brottstyp" in r["breakdown"]]
        kept = labelled or parts
        totals.append(
            {
                **kept[0],
                "value": sum(float(r["value"]) for r in kept),
                "status": combined_status(r["status"] for r in kept),
            }
        )
    return totals


def combined_status(statuses: Iterable[str | None]) -> str | None:
    """Preliminary if any part is; final only if every part is; else unknown."""
    seen = list(statuses)
    if "preliminär" in seen:
        return "preliminär"
    return "slutlig" if seen and all(s == "slutlig" for s in seen) else None
