"""A target's stored rows shaped for judging: yearly counts, survey values, logged activities.

The rows are goals/evidence.py's, one per stored value. Where sources overlap, the value used
is chosen by indicators/overlap.py; the others stay stored and are shown on the goal page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

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
    if not rows:
        return {}
    frame = pd.DataFrame(rows).rename(columns={"geo": "geo_code"})
    frame["breakdown"] = frame["breakdown"].map(lambda b: json.dumps(b, ensure_ascii=False))
    totals = indicator_totals(frame)
    chosen = choose(totals, ["geo_code", "period"])
    chosen = chosen[chosen["chosen"]]
    files = dict(zip(frame["import_id"], frame["file"]))
    years: dict[int, YearCount] = {}
    for year, group in chosen.groupby(chosen["period"].str[:4].astype(int)):
        years[int(year)] = _year_count(int(year), group, files)
    return years


def _year_count(year: int, group: pd.DataFrame, files: Mapping[int, str]) -> YearCount:
    whole = group[group["period_type"] == "ar"]
    used = whole.head(1) if len(whole) else group
    months = _month_counts(used) if whole.empty else {}
    covered = ALL_MONTHS if len(whole) else frozenset(months)
    return YearCount(
        year=year, value=float(sum(months.values()) if months else used["value"].sum()),
        covered=covered, months=months,
        preliminary=bool(used["status"].eq(PRELIMINARY).any()),
        files=tuple(dict.fromkeys(files[i] for i in used["import_id"])),
    )


def _month_counts(parts: pd.DataFrame) -> dict[int, float]:
    """Months as counted; a quarter spread evenly over its months when none of them is there."""
    months = {int(p[5:7]): float(v) for p, v, t in
              zip(parts["period"], parts["value"], parts["period_type"]) if t == "manad"}
    for period, value in zip(parts["period"], parts["value"]):
        if period[5:6] == "Q":
            quarter_months = range(3 * int(period[6]) - 2, 3 * int(period[6]) + 1)
            if not any(m in months for m in quarter_months):
                months.update({m: float(value) / 3 for m in quarter_months})
    return months


def measurements(rows: Sequence[Mapping[str, Any]]) -> dict[int, Measurement]:
    """Yearly survey values of one target, the chosen one per year."""
    yearly = [row for row in rows if row["period_type"] == "ar"]
    if not yearly:
        return {}
    frame = pd.DataFrame(yearly)
    chosen = choose(frame, ["period"])
    return {
        int(row["period"]): Measurement(int(row["period"]), float(row["value"]), row["n"],
                                        row["status"] == PRELIMINARY, row["file"])
        for row in chosen[chosen["chosen"]].to_dict("records")
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
