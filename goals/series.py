"""A target's stored rows shaped for judging: yearly counts, survey values, logged activities.

The rows are goals/evidence.py's, one per stored value. Where sources overlap, the value used
is chosen by indicators/overlap.py; the others stay stored and are shown on the goal page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

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
    """The yearly total, unless twelve months outrank it (final over preliminary, Brå over
    the police); the months are kept either way for the seasonal profile."""
    whole = next((p for p in parts if p.period_type is PeriodType.AR), None)
    months, used = _month_counts([p for p in parts if p.period_type is not PeriodType.AR])
    months_win = len(months) == 12 and _weakest(used) > source_rank(whole) if whole else True
    if not months_win and whole is not None:
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
        sum(months.values()),
        frozenset(months),
        months,
        "månader",
        any(p.revision is Revision.PRELIMINAR for p in used),
        tuple(dict.fromkeys(p.file for p in used)),
    )


def _weakest(parts: list[Observation]) -> tuple[int, int]:
    """A sum of parts is only as final, and only as much Brå's, as its weakest part."""
    return min(source_rank(p) for p in parts)


def _month_counts(
    parts: list[Observation],
) -> tuple[dict[int, float], list[Observation]]:
    """Counts per month and the parts used: a quarter, spread evenly over its months, replaces
    the months in it unless they outrank it."""
    monthly = {int(p.period[5:7]): p for p in parts if p.period_type is PeriodType.MANAD}
    for quarter in (p for p in parts if p.period_type is PeriodType.KVARTAL):
        number = int(quarter.period[-1])
        inside = [monthly[m] for m in range(3 * number - 2, 3 * number + 1) if m in monthly]
        if not inside or source_rank(quarter) > _weakest(inside):
            monthly.update(
                {
                    m: replace(quarter, value=quarter.value / 3)
                    for m in range(3 * number - 2, 3 * number + 1)
                }
            )
    return {m: p.value for m, p in sorted(monthly.items())}, list(monthly.values())


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
