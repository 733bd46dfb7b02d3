"""A target's stored rows shaped for judging: yearly counts, survey values, logged activities.

The rows are goals/evidence.py's, one per stored value. Where sources overlap, the value used
is chosen by indicators/overlap.py; the others stay stored and are shown on the goal page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from indicators.kinds import PeriodType, Revision
from indicators.overlap import choose, indicator_totals, source_rank
from indicators.stored import Observation

ALL_MONTHS = frozenset(range(1, 13))


@dataclass(frozen=True)
class YearCount:
    """A year's count, whole or partial: `covered` says which months it counts."""

    year: int
    value: float
    covered: frozenset[int]
    months: Mapping[int, float] = field(default_factory=dict)  # as counted, when there are any
    basis: str = "år"  # "år" for a yearly total, "månader" for a sum of months or quarters
    preliminary: bool = False
    files: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.covered == ALL_MONTHS

    @property
    def monthly(self) -> bool:
        """True when all twelve months are known one by one, as a seasonal profile needs."""
        return set(self.months) == ALL_MONTHS


@dataclass(frozen=True)
class Measurement:
    """One survey year's value, with n respondents when the export had it."""

    year: int
    value: float
    n: float | None
    preliminary: bool
    file: str


def count_years(rows: Sequence[Observation]) -> dict[int, YearCount]:
    """Crime rows of one target → the chosen count per year (design.md's overlap rule)."""
    totals = indicator_totals(rows)
    chosen = choose(totals, lambda total: (total.geo_code, total.period))
    by_year: dict[int, list[Observation]] = {}
    for total in chosen:
        by_year.setdefault(total.year, []).append(total)
    return {year: _year_count(year, parts) for year, parts in sorted(by_year.items())}


def _year_count(year: int, parts: list[Observation]) -> YearCount:
    """The yearly total, unless months and quarters covering the whole year outrank it (final
    over preliminary, Brå over the police); the months are kept either way for the seasonal
    profile. A count is the sum of its parts in their own period types, so it stays a whole
    number: four quarters of 25 are exactly 100."""
    whole = next((p for p in parts if p.period_type is PeriodType.AR), None)
    months, covered, used = _within_year([p for p in parts if p.period_type is not PeriodType.AR])
    within_wins = covered == ALL_MONTHS and _weakest(used) > source_rank(whole) if whole else True
    if not within_wins and whole is not None:
        return YearCount(
            year,
            whole.value,
            ALL_MONTHS,
            months,
            "år",
            whole.revision is Revision.PRELIMINAR,
            (whole.file,),
        )
    return YearCount(
        year,
        sum(p.value for p in used),
        covered,
        months,
        "månader",
        any(p.revision is Revision.PRELIMINAR for p in used),
        tuple(dict.fromkeys(p.file for p in used)),
    )


def _weakest(parts: list[Observation]) -> tuple[int, int]:
    """A sum of parts is only as final, and only as much Brå's, as its weakest part."""
    return min(source_rank(p) for p in parts)


def _within_year(
    parts: list[Observation],
) -> tuple[dict[int, float], frozenset[int], list[Observation]]:
    """(counts per month as stored, months covered, parts used). A quarter replaces the months
    inside it unless they outrank it; it is never spread over them as fractions, so the month
    counts are only the months a file gives."""
    monthly = {int(p.period[5:7]): p for p in parts if p.period_type is PeriodType.MANAD}
    quarters: dict[int, Observation] = {}
    for quarter in (p for p in parts if p.period_type is PeriodType.KVARTAL):
        number = int(quarter.period[-1])
        inside = range(3 * number - 2, 3 * number + 1)
        present = [monthly[m] for m in inside if m in monthly]
        if not present or source_rank(quarter) > _weakest(present):
            for month in inside:
                monthly.pop(month, None)
            quarters[number] = quarter
    covered = frozenset(monthly) | frozenset(
        month for number in quarters for month in range(3 * number - 2, 3 * number + 1)
    )
    months = {m: p.value for m, p in sorted(monthly.items())}
    return months, covered, [*monthly.values(), *quarters.values()]


def measurements(rows: Sequence[Observation]) -> dict[int, Measurement]:
    """Yearly survey values of one target, the chosen one per year."""
    yearly = choose((row for row in rows if row.period_type is PeriodType.AR), lambda r: r.period)
    return {
        row.year: Measurement(
            row.year,
            row.value,
            row.n,
            row.revision is Revision.PRELIMINAR,
            row.file,
        )
        for row in sorted(yearly, key=lambda row: row.period)
    }


def activity_dates(
    rows: Sequence[Observation], parties: Sequence[str] = ()
) -> list[tuple[dt.date, float]]:
    """Logged activities (date, count) at which every one of `parties` took part."""
    wanted = set(parties)
    dated = []
    for row in rows:
        present = set(filter(None, row.breakdown.get("parter", "").split(",")))
        if wanted <= present:
            dated.append((dt.date.fromisoformat(row.period[:10]), row.value))
    return sorted(dated)


def count_measurements(rows: Sequence[Observation]) -> dict[int, Measurement]:
    """The complete years of a count, as a comparison between two years reads them."""
    return {
        year: Measurement(year, count.value, None, count.preliminary, ", ".join(count.files))
        for year, count in count_years(rows).items()
        if count.complete
    }
