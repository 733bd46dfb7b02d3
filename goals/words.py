"""Numbers and phrases for verdicts in Swedish: '96', '2,25', '15 %', 'januari–juni', 'p = 0,33'."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from babel.dates import format_date

from indicators.kinds import Revision
from indicators.numbers import LOCALE, format_number

# What verdicts and the scorecard add when a value is not final yet.
PRELIMINARY_FIGURES = f"{Revision.PRELIMINAR}a siffror"

OP_VERBS = {"<": "understiga", "<=": "vara högst", ">": "överstiga", ">=": "vara minst"}
OP_SHORT = {"<": "under", "<=": "högst", ">": "över", ">=": "minst"}
DIRECTION_WORDS = {"lower": "lägre", "higher": "högre"}
DASH = "–"


def value_text(value: float, measure: str) -> str:
    """96 · 2,25 · 15 % · 12,5 %."""
    match measure:
        case "index_0_6":
            return format_number(value, 2)
        case "andel_pct":
            return f"{format_number(value, 0 if float(value).is_integer() else 1)}\u00a0%"
        case "skala" | "per_100k" | "per_1000" | "varde":
            return format_number(value, 1)
        case _:
            return format_number(value, 0 if float(value).is_integer() else 1)


def interval_text(interval: tuple[float, float], measure: str) -> str:
    """'78–117' for a count, '11,4–19,5 %' for a share."""
    low, high = interval
    if measure == "andel_pct":
        return f"{format_number(low, 1)}{DASH}{format_number(high, 1)}\u00a0%"
    return f"{format_number(low)}{DASH}{format_number(high)}"


def probability_text(probability: float) -> str:
    """'84 %'; never '0 %' or '100 %': a forecast is never that sure."""
    percent = probability * 100
    if percent < 1:
        return "under 1\u00a0%"
    if percent > 99:
        return "över 99\u00a0%"
    if any(band - 0.5 <= percent < band + 0.5 for band in (20, 80)):
        # Rounded down to a tenth so 79,6 % never reads as the 80 % of "På väg".
        return f"{format_number(math.floor(percent * 10) / 10, 1)}\u00a0%"
    return f"{format_number(percent)}\u00a0%"


def change_interval_text(interval: tuple[float, float], measure: str) -> str:
    """The interval of a change: '−6,4 till +0,4 procentenheter' for shares (a difference),
    '−35 % till +15 %' for counts (a ratio, written as the change it means)."""
    if measure == "andel_pct":
        low, high = (_signed(v, format_number(abs(v), 1)) for v in interval)
        return f"{low} till {high} procentenheter"
    low, high = (_signed(r - 1, f"{format_number(abs(r - 1) * 100)}\u00a0%") for r in interval)
    return f"{low} till {high}"


def _signed(value: float, size: str) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + size


def verdict_interval_text(
    ci: tuple[float, float] | None, change_ci: tuple[float, float] | None, measure: str
) -> str:
    """' (95 % intervall för förändringen …)' beside a change test, else the level's interval:
    beside a test of a change, the level's own interval would say something else."""
    if change_ci:
        return f" (95 % intervall för förändringen {change_interval_text(change_ci, measure)})"
    return f" (95 % intervall {interval_text(ci, measure)})" if ci else ""


def p_text(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {format_number(p, 3 if p < 0.01 else 2)}"


def difference_text(earlier: float, later: float, measure: str) -> str:
    """'en minskning med 4 procentenheter', 'en ökning med 0,12', 'oförändrat'."""
    change = later - earlier
    if change == 0:
        return "oförändrat"
    size = abs(change)
    if measure == "andel_pct":
        unit = "procentenhet" if size == 1 else "procentenheter"
        amount = f"{format_number(size, 0 if size.is_integer() else 1)} {unit}"
    else:
        amount = value_text(size, measure)
    return f"{'en ökning' if change > 0 else 'en minskning'} med {amount}"


def relation_text(value: float, threshold: float, measure: str) -> str:
    """'under målet 100', 'över målet 2,00', 'exakt på gränsen 200'."""
    target = value_text(threshold, measure)
    if value < threshold:
        return f"under målet {target}"
    return f"över målet {target}" if value > threshold else f"exakt på gränsen {target}"


def month_name(month: int) -> str:
    return format_date(dt.date(2000, month, 1), "MMMM", locale=LOCALE)


def months_text(months: Iterable[int]) -> str:
    """'januari–juni' for a run of months, else 'januari, mars och maj'."""
    ordered = sorted(months)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{month_name(ordered[0])}{DASH}{month_name(ordered[-1])}"
    return join_words([month_name(m) for m in ordered])


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def period_text(period: dict[str, int], through: int) -> str:
    """'Perioden till och med 2021: uppnått 2 av 3 bedömda år (perioden har 4 år).'"""
    if not period["judged"]:
        return f"Perioden till och med {through}: inget år har kunnat bedömas slutligt."
    return (
        f"Perioden till och med {through}: uppnått {period['met']} av {period['judged']} "
        f"bedömda år (perioden har {period['years']} år)."
    )


def short_month_name(month: int) -> str:
    """'jan', 'feb', … as Swedish tables abbreviate them."""
    return format_date(dt.date(2000, month, 1), "MMM", locale=LOCALE).rstrip(".")
