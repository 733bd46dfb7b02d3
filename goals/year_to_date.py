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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from goals.series import YearCount
from goals.words import months_text
from indicators.lazy import lazy_module
from indicators.numbers import format_number

ALPHA = 0.05  # the same 95 % as every other interval (goals/stats.py)

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


@dataclass(frozen=True)
class WindowRow:
    """One window as the goal page's table shows it, in Swedish."""

    label: str  # 'Året hittills, januari–juni 2022'
    value: str
    previous: str  # 'januari–juni 2021: 60'
    change: str  # '+20 % (95 %: −15 – +70 %)'
    verdict: str  # 'inom slumpvariationen' or 'säkerställd ökning'


def window_rows(found: Mapping[str, Any]) -> list[WindowRow]:
    """The year so far and the rolling 12 months as table rows."""
    year, through = (int(part) for part in found["through"].split("-"))
    rows = [
        _row(
            f"Året hittills, {months_text(range(1, through + 1))} {year}",
            f"samma månader {year - 1}",
            found,
        )
    ]
    rolling = found.get("rolling_12_months")
    if rolling:
        rows.append(
            _row(
                f"Rullande 12 månader, {rolling['from']} – {rolling['through']}",
                "de 12 månaderna före",
                rolling,
            )
        )
    return rows


def _row(label: str, before: str, window: Mapping[str, Any]) -> WindowRow:
    interval = window["ci_ratio"]
    p = window["p"]
    if interval is None:
        change, verdict = "–", "kan inte jämföras (inga brott året före)"
    else:
        ratio = window["value"] / window["previous"]
        change = f"{_percent(ratio)} (95 %: {_percent(interval[0])} till {_percent(interval[1])})"
        if p is not None and p < ALPHA:
            verdict = "säkerställd ökning" if ratio > 1 else "säkerställd minskning"
        else:
            verdict = "inom slumpvariationen"
    return WindowRow(
        label,
        format_number(window["value"]),
        f"{before}: {format_number(window['previous'])}",
        change,
        verdict,
    )


def _percent(ratio: float) -> str:
    change = (ratio - 1) * 100
    return f"{'+' if change > 0 else '−' if change < 0 else '±'}{format_number(abs(change))} %"
