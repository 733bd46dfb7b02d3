"""Periods as design.md writes them: '2019', '2019-Q1', '2019-03', '2019-W07', '2019-03-14'."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple


class Period(NamedTuple):
    label: str
    type: str  # ar, kvartal, manad, vecka, dag
    start: dt.date
    end: dt.date


def year(y: int) -> Period:
    return Period(f"{y}", "ar", dt.date(y, 1, 1), dt.date(y, 12, 31))


def quarter(y: int, q: int) -> Period:
    first_month = 3 * (q - 1) + 1
    last_day = calendar.monthrange(y, first_month + 2)[1]
    return Period(
        f"{y}-Q{q}", "kvartal", dt.date(y, first_month, 1), dt.date(y, first_month + 2, last_day)
    )


def month(y: int, m: int) -> Period:
    return Period(
        f"{y}-{m:02d}", "manad", dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    )


def iso_week(y: int, w: int) -> Period:
    start = dt.date.fromisocalendar(y, w, 1)
    return Period(f"{y}-W{w:02d}", "vecka", start, start + dt.timedelta(days=6))


def day(d: dt.date) -> Period:
    return Period(d.isoformat(), "dag", d, d)
