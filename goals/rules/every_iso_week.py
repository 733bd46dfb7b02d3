"""Every ISO week: each week of the year (52 or 53; a week belongs to its ISO year) must have the
activity with all the named parties present ('varje vecka närvara på möte'). The value is the
weeks with such a meeting out of the year's weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from goals.points import YearPoint, activity_points, activity_weeks
from goals.rules.base import Case, ReferenceLine, RuleType
from goals.rules.verdicts import cannot_judge, log_missing, logged, not_begun, year_running
from goals.series import YearCount, activity_dates
from goals.status import Status, Verdict
from goals.words import join_words
from indicators.kinds import Measure
from indicators.stored import Observation

if TYPE_CHECKING:
    from goals.models import Agreement
    from indicators.catalogue import Indicator

WEEKS = "veckor"


class EveryIsoWeek(RuleType):
    """Every ISO week must have the activity with all the named parties present."""

    type: Literal["every_iso_week"] = Field(
        description="Regeltypen: aktiviteten varje ISO-vecka med de angivna parterna."
    )
    counts_every_event: ClassVar[bool] = True
    parties: tuple[str, ...] = Field(
        min_length=1, description="Id för de parter som måste ha deltagit (se parties)."
    )

    axis_title = "Veckor med möte"

    def series(self, case: Case) -> list[tuple[dt.date, float]]:
        return activity_dates(case.rows, self.parties)

    def judge(self, case: Case, series: list[tuple[dt.date, float]], year: int) -> Verdict:
        if begun := not_begun(case, year):
            return begun
        weeks_in_year = iso_weeks(year)
        held = {d.isocalendar().week for d, _ in series if d.isocalendar().year == year}
        missing = [w for w in range(1, weeks_in_year + 1) if w not in held]
        names = {p.id: p.short_name.lower() for p in case.agreement.parties}
        who = join_words([names.get(p, p) for p in self.parties])
        explanation = (
            f"Regel: varje ISO-vecka ska ha ett {case.indicator.label} där {who} deltog. "
            f"{year} har {weeks_in_year} ISO-veckor; {len(held)} har ett sådant möte i "
            "aktivitetsloggen."
        )
        if year_running(case, year, iso=True):
            return _running_weeks(case, year, series, missing, held, who)
        sentence = (
            f"{case.indicator.label} med {who} hölls {len(held)} av {weeks_in_year} "
            f"veckor {year}" + (f"; {_weeks_text(missing)} saknas." if missing else ".")
        )
        if absent := log_missing(case, year):
            return absent
        status = Status.EJ_UPPNATT if missing else Status.UPPNATT
        return logged(case, status, len(held), year, sentence, explanation, WEEKS)

    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        return activity_points(rows, activity_weeks(activity_dates(rows, self.parties)))

    def year_counts(self, rows: Sequence[Observation], measure: Measure) -> Mapping[int, YearCount]:
        return {}  # weeks held, never a monthly series

    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        first, last = agreement.period
        names = {p.id: p.short_name for p in agreement.parties}
        who = join_words([names[p] for p in self.parties])
        return (
            f"Varje ISO-vecka {first}–{last} (52 eller 53 veckor per år) ska ha ett "
            f"{indicator.label} där {who} deltog, enligt aktivitetsloggen. Värdet är "
            "antalet veckor med ett sådant möte av årets veckor."
        )

    def target_json(self) -> dict[str, Any]:
        return {"per": "week", "min": 1}

    def reference_line(self, period: tuple[int, int], measure: Measure) -> ReferenceLine:
        first, last = period
        weeks = {year: iso_weeks(year) for year in range(first, last + 1)}
        return ReferenceLine(
            "Målet: alla veckor i året (52 eller 53)", weeks, "Mål: varje vecka (52 eller 53)"
        )

    def named_parties(self) -> tuple[str, ...]:
        return self.parties


def iso_weeks(year: int) -> int:
    """52 or 53: 28 December is always in the year's last ISO week."""
    return dt.date(year, 12, 28).isocalendar().week


def _running_weeks(
    case: Case,
    year: int,
    dates: list[tuple[dt.date, float]],
    missing: list[int],
    held: set[int],
    who: str,
) -> Verdict:
    """A year in progress: a week before the log's latest entry without a meeting is missed and
    decides the year; a week after it is not yet logged, and a week after today is still to
    come. Only the missed weeks are called missing."""
    latest = max(
        [d for d, _ in dates] + ([case.evidence.log_latest] if case.evidence.log_latest else []),
        default=None,
    )
    current = case.today.isocalendar().week if case.today.isocalendar().year == year else 0
    missed = [w for w in missing if latest and dt.date.fromisocalendar(year, w, 7) < latest]
    to_come = [w for w in missing if w > current and w not in missed]
    unlogged = [w for w in missing if w not in missed and w not in to_come]
    weeks = iso_weeks(year)
    parts = [f"{_weeks_text(missed)} har passerat utan möte"] if missed else []
    if unlogged:
        parts.append(f"{_weeks_text(unlogged)} finns ännu inte i loggen")
    if to_come:
        parts.append(f"{_weeks_text(to_come)} återstår")
    sentence = (
        f"{case.indicator.label} med {who} har hållits {len(held)} av {weeks} veckor hittills "
        f"{year}" + (f"; {join_words(parts)}." if parts else ".")
    )
    explanation = (
        f"Regel: varje ISO-vecka ska ha ett {case.indicator.label} där {who} deltog. {year} pågår "
        f"(vecka {current} av {weeks}); {len(held)} veckor har ett sådant möte i "
        "aktivitetsloggen hittills."
    )
    if missed:
        return logged(
            case,
            Status.EJ_UPPNATT,
            len(held),
            year,
            sentence,
            explanation + f" Enligt loggen har {_weeks_text(missed)} redan passerat utan "
            "möte, så målet kan inte längre nås.",
            WEEKS,
        )
    return cannot_judge(
        case,
        "året pågår",
        f"{year} pågår. {len(held)} av {weeks} veckor har haft möte hittills, och ingen vecka "
        "har missats" + (f"; {_weeks_text(to_come)} återstår." if to_come else "."),
        year,
        value=len(held),
    )


def _weeks_text(weeks: list[int]) -> str:
    """'vecka 5', 'veckorna 5 och 9', 'veckorna 23–52', 'veckorna 1, 3 och 10–12'."""
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    shown = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    if len(shown) > 8:
        rest = sum(len(r) for r in runs[8:])
        return f"veckorna {', '.join(shown[:8])} och {rest} veckor till"
    return ("vecka " if len(weeks) == 1 else "veckorna ") + join_words(shown)
