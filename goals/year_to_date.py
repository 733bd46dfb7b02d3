"""The year so far and the rolling 12 months of a monthly count (design.md "What changed, and
the year so far"), as CompStat and Region Dalarna's tool show them, with chance taken into
account: each window against the same months a year earlier, the ratio's 95 % interval and the
exact conditional test on the counts divided by the series' dispersion φ (goals/stats.py).

    {"through": "2022-06", "value": 72, "previous": 60, "ci_ratio": [0.85, 1.70], "p": 0.34,
     "dispersion": 1.0,
     "rolling_12_months": {"from": "2021-07", "through": "2022-06", "value": 140,
                           "previous": 118, "ci_ratio": [..], "p": ..}}

Only months stored one by one count: a quarter or a yearly total says nothing about June.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from goals.series import YearCount
from indicators.lazy import lazy_module

if TYPE_CHECKING:
    from goals import stats
else:
    stats = lazy_module("goals.stats")


def months_through(counts: Mapping[int, YearCount], year: int) -> int | None:
    """The last month m such that January to m of `year` are all stored as months."""
    counted = counts.get(year)
    if counted is None:
        return None
    last = 0
    while last < 12 and (last + 1) in counted.months:
        last += 1
    return last or None


def _month_value(counts: Mapping[int, YearCount], year: int, month: int) -> float | None:
    counted = counts.get(year)
    return None if counted is None else counted.months.get(month)


def _window(
    counts: Mapping[int, YearCount], year: int, month: int, length: int
) -> tuple[float, float] | None:
    """(the `length` months ending with year-month, the same months a year earlier), when every
    one of them is stored."""
    now, before = 0.0, 0.0
    for back in range(length):
        y, m = year, month - back
        while m < 1:
            y, m = y - 1, m + 12
        value, earlier = _month_value(counts, y, m), _month_value(counts, y - 1, m)
        if value is None or earlier is None:
            return None
        now, before = now + value, before + earlier
    return now, before


def compared(value: float, previous: float, phi: float) -> dict[str, Any]:
    """A window's count against the earlier one: the ratio's interval and the two-sided p."""
    interval = stats.count_ratio_interval(previous, value, phi)
    return {
        "value": value,
        "previous": previous,
        "ci_ratio": [round(interval[0], 4), round(interval[1], 4)] if interval else None,
        "p": _rounded(stats.count_change_p(previous, value, phi)),
    }


def year_to_date(counts: Mapping[int, YearCount], year: int, phi: float) -> dict[str, Any] | None:
    """The year so far against the same months last year, and the rolling 12 months; None
    when `year` has no January or last year lacks the same months."""
    through = months_through(counts, year)
    if through is None:
        return None
    window = _window(counts, year, through, through)
    if window is None:
        return None
    rolling = _window(counts, year, through, 12)
    start_year, start_month = (year, 1) if through == 12 else (year - 1, through + 1)
    return {
        "through": f"{year}-{through:02d}",
        **compared(*window, phi),
        "dispersion": phi,
        "rolling_12_months": None
        if rolling is None
        else {
            "from": f"{start_year}-{start_month:02d}",
            "through": f"{year}-{through:02d}",
            **compared(*rolling, phi),
        },
    }


def _rounded(p: float | None) -> float | None:
    return None if p is None else round(p, 4)
