"""A target's stored rows shaped for judging: yearly counts, survey values, logged activities.

The rows are goals/evidence.py's, one per stored value. Where sources overlap, the value used
is chosen by indicators/overlap.py; the others stay stored and are shown on the goal page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from indicators.overlap import choose, indicator_totals

ALL_MONTHS = frozenset(range(1, 13))
PRELIMINARY = "preliminär"


@dataclass(frozen=True)
class YearCount:
    """A year's count, whole or partial: `covered` says which months it counts."""

    year: int
    value: float
    covered: frozenset[int]
    months: Mapping[int, float] = field(default_factory=dict)  # empty for a yearly total
    preliminary: bool = False
    files: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.covered == ALL_MONTHS


@dataclass(frozen=True)
class Measurement:
    """One survey year's value, with n respondents when the export had it."""

    year: int
    value: float
    n: float | None
    preliminary: bool
    file: str


def count_years(rows: Sequence[Mapping[str, Any]]) -> dict[int, YearCount]:
    """Crime rows of one target → the chosen count per year.

    A yearly total beats the months of the same year; a quarter counts only when none of its
    months is there, so the same crimes are never added twice.
    """
    totals = indicator_totals({**row, "geo_code": row["geo"]} for row in rows)
    chosen = choose(totals, lambda total: (total["geo_code"], total["period"]))
    by_year: dict[int, list[Mapping[str, Any]]] = {}
    for total in chosen:
        by_year.setdefault(int(total["period"][:4]), []).append(total)
    return {year: _year_count(year, parts) for year, parts in sorted(by_year.items())}


def _year_count(year: int, parts: list[Mapping[str, Any]]) -> YearCount:
    whole = [p for p in parts if p["period_type"] == "ar"]
    used = whole[:1] or parts
    months = {} if whole else _month_counts(parts)
    return YearCount(
        year=year, value=sum(months.values()) if months else float(used[0]["value"]),
        covered=ALL_MONTHS if whole else frozenset(months), months=months,
        preliminary=any(p["status"] == PRELIMINARY for p in used),
        files=tuple(dict.fromkeys(p["file"] for p in used)),
    )


def _month_counts(parts: list[Mapping[str, Any]]) -> dict[int, float]:
    """Months as counted; a quarter spread evenly over its months when none of them is there."""
    months = {int(p["period"][5:7]): float(p["value"]) for p in parts if p["period_type"] == "manad"}
    for part in parts:
        if part["period_type"] == "kvartal":
            quarter = int(part["period"][-1])
            quarter_months = range(3 * quarter - 2, 3 * quarter + 1)
            if not any(m in months for m in quarter_months):
                months.update({m: float(part["value"]) / 3 for m in quarter_months})
    return months


def measurements(rows: Sequence[Mapping[str, Any]]) -> dict[int, Measurement]:
    """Yearly survey values of one target, the chosen one per year."""
    yearly = choose((row for row in rows if row["period_type"] == "ar"), lambda row: row["period"])
    return {
        int(row["period"]): Measurement(int(row["period"]), float(row["value"]), row["n"],
                                        row["status"] == PRELIMINARY, row["file"])
        for row in sorted(yearly, key=lambda row: row["period"])
    }


def activity_dates(rows: Sequence[Mapping[str, Any]],
                   parties: Sequence[str] = ()) -> list[tuple[dt.date, float]]:
    """Logged activities (date, count) at which every one of `parties` took part."""
    wanted = set(parties)
    dated = []
    for row in rows:
        present = set(filter(None, row["breakdown"].get("parter", "").split(",")))
        if wanted <= present:
            dated.append((dt.date.fromisoformat(row["period"][:10]), float(row["value"])))
    return sorted(dated)
