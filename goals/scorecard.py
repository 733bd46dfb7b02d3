"""The overview's scorecard: one short row per target, grouped as the agreement groups its goals.

A row says what a reader of a Power BI scorecard expects in one line, and nothing that needs a
paragraph (the goal page has the sentences and the why):

    Bostadsinbrott | under 100 | 97 ▇▇▇▇▇│ | ✓ Uppnått | inom slumpvariationen | ↗ | från ? Kan inte bedömas

Pure: the page passes in the verdicts, each target's yearly values (goals/trend.py) and the
status shifts of the changes panel (goals/changes.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from goals.changes import StatusShift
from goals.coverage import incomplete_note
from goals.describe import target_label
from goals.models import Agreement, Goal, Target
from goals.points import YearValue
from goals.status import Status, Verdict
from goals.words import PRELIMINARY_FIGURES, value_text
from indicators.catalogue import Catalogue
from indicators.kinds import Measure, Revision

SCALE_ROOM = 1.15  # the larger of value and line ends this far inside the bar's end
LOWER = "lägre"

GROUP_INTROS = {
    "effektmal": "målen som avtalet anger för hela kommunen",
    "produktionsmal": "åtaganden i avtalstexten, mätta med säkerhetsenhetens aktivitetslogg",
}


@dataclass(frozen=True)
class Bar:
    """The value and the target line on one scale from 0 to 1 (the bar's length)."""

    value: float
    line: float | None


@dataclass(frozen=True)
class Trend:
    """Which way the value moved between the two latest comparable values, in a glyph and in
    words (the glyph's text for screen readers)."""

    glyph: str  # '↗', '↘', '→', or '–' without two values
    words: str  # 'ökar: 88 år 2021, 97 år 2022 (sämre mot målet)'
    worse: bool | None  # None: no direction is better, or no movement


@dataclass(frozen=True)
class Change:
    """The chosen year's status before the imports of the changes panel (None: none judged)."""

    before: Status | None
    year: int


@dataclass(frozen=True)
class ScorecardRow:
    goal: Goal
    target: Target
    label: str  # 'Använder tobak, åk 6'
    status: Status
    qualifiers: tuple[str, ...]  # ('inom felmarginalen',), ('prognos, preliminära siffror',)
    value: str | None  # '97', '3 %'; None without a value
    value_year: int | None  # the year the value is from, when another than the chosen one
    goal_line: str  # 'under 100', 'lägre än 2016 (4 %)', 'bedömning'
    bar: Bar | None
    trend: Trend
    change: Change | None  # the chosen year's status changed
    other_changes: tuple[int, ...]  # other years whose status the imports changed


@dataclass(frozen=True)
class ScorecardGroup:
    id: str  # 'effektmal', 'produktionsmal' or a focus area's id
    title: str
    intro: str
    rows: tuple[ScorecardRow, ...]

    @property
    def goals(self) -> list[Goal]:
        found: dict[str, Goal] = {}
        for row in self.rows:
            found.setdefault(row.goal.id, row.goal)
        return list(found.values())


def scorecard(
    agreement: Agreement,
    catalogue: Catalogue,
    verdicts: Mapping[str, Verdict],
    year: int,
    values: Mapping[str, Sequence[YearValue]],
    shifts: Sequence[StatusShift] = (),
) -> list[ScorecardGroup]:
    """The overall effektmål, the produktionsmål, then each focus area that has goals."""
    first, last = agreement.period

    def rows(goals: list[Goal]) -> tuple[ScorecardRow, ...]:
        return tuple(
            scorecard_row(
                goal,
                target,
                catalogue,
                verdicts[target.id],
                year,
                values.get(target.id, ()),
                shifts,
            )
            for goal in goals
            for target in goal.targets
        )

    groups = [
        ScorecardGroup(
            "effektmal",
            f"Övergripande effektmål {first}–{last}",
            GROUP_INTROS["effektmal"],
            rows(agreement.goals_in(None, "effektmal")),
        ),
        ScorecardGroup(
            "produktionsmal",
            "Produktionsmål",
            GROUP_INTROS["produktionsmal"],
            rows(agreement.goals_in(None, "produktionsmal")),
        ),
        *(
            ScorecardGroup(area.id, area.title, "fokusområde", rows(agreement.goals_in(area.id)))
            for area in agreement.focus_areas
        ),
    ]
    return [group for group in groups if group.rows]


def areas_without_goals(agreement: Agreement) -> list[str]:
    """The focus areas the agreement file gives no goals (named once, not once each)."""
    return [area.title for area in agreement.focus_areas if not agreement.goals_in(area.id)]


def scorecard_row(
    goal: Goal,
    target: Target,
    catalogue: Catalogue,
    verdict: Verdict,
    year: int,
    values: Sequence[YearValue],
    shifts: Sequence[StatusShift] = (),
) -> ScorecardRow:
    measure = catalogue.indicator(target.indicator).measure
    line = target_line(target, verdict, year, measure)
    mine = [shift for shift in shifts if shift.target == target.id]
    now = next((shift for shift in mine if shift.year == year), None)
    return ScorecardRow(
        goal=goal,
        target=target,
        label=target_label(target, catalogue),
        status=verdict.status,
        qualifiers=qualifiers(verdict),
        value=None if verdict.value is None else value_text(verdict.value, measure),
        value_year=verdict.judged_year
        if verdict.value is not None and verdict.judged_year not in (None, year)
        else None,
        goal_line=goal_line(target, verdict, year, measure),
        bar=bar(verdict.value, line),
        trend=trend(values, year, better_when_lower(target), measure),
        change=None if now is None else Change(now.before, year),
        other_changes=tuple(sorted(shift.year for shift in mine if shift.year != year)),
    )


def qualifiers(verdict: Verdict) -> tuple[str, ...]:
    """How sure, how final and how complete, in the verdict's own short words."""
    found = [verdict.reason] if verdict.reason else []
    if verdict.preliminary and not any(Revision.PRELIMINAR in words for words in found):
        found.append(PRELIMINARY_FIGURES)
    if incomplete_note(verdict.coverage):
        found.append("ofullständigt underlag")
    return tuple(found)


def target_line(target: Target, verdict: Verdict, year: int, measure: Measure) -> float | None:
    """The level the value is held against in `year`: the rule's threshold, or the value of
    the year it is compared with."""
    baseline = target.rule.baseline()
    if baseline is not None:
        compared = verdict.compared_with
        return None if not compared or compared.get("value") is None else float(compared["value"])
    reference = target.rule.reference_line((year, year), measure)
    if reference is None:
        return None
    level = reference.level
    if isinstance(level, Mapping):
        return float(level[year]) if year in level else None
    return float(level)


def goal_line(target: Target, verdict: Verdict, year: int, measure: Measure) -> str:
    """'under 100', 'minst 1 per år', 'lägre än 2016 (4 %)', 'bedömning'."""
    if target.rule.assessed:
        return "bedömning"
    baseline = target.rule.baseline()
    if baseline is not None:
        text = f"{baseline.wanted} än {baseline.year}"
        level = target_line(target, verdict, year, measure)
        return text if level is None else f"{text} ({value_text(level, measure)})"
    reference = target.rule.reference_line((year, year), measure)
    if reference is None:
        return "–"
    return reference.brief.removeprefix("Mål: ")


def bar(value: float | None, line: float | None) -> Bar | None:
    """Value and line on a scale whose end leaves room past the larger of them."""
    if value is None:
        return None
    top = max(value, line or 0.0) * SCALE_ROOM
    if top <= 0:
        return Bar(0.0, None if line is None else 0.0)
    return Bar(value / top, None if line is None else line / top)


def better_when_lower(target: Target) -> bool | None:
    """True when a lower value is closer to the goal, False when a higher one is; None for an
    assessment."""
    baseline = target.rule.baseline()
    if baseline is not None:
        return baseline.wanted == LOWER
    op = target.rule.target_json().get("op")
    if op is not None:
        return str(op).startswith("<")
    return None if target.rule.assessed else False  # activities: at least so many


def trend(
    values: Sequence[YearValue], year: int, lower_is_better: bool | None, measure: Measure
) -> Trend:
    """The two latest whole-year values up to `year`: a part of a year is no match for a whole
    one (the goal page sets the year so far against the same months last year)."""
    whole = sorted((v for v in values if v.complete and v.year <= year), key=lambda v: v.year)
    if len(whole) < 2:
        return Trend("–", "för få mätningar för en trend", None)
    before, latest = whole[-2], whole[-1]
    shown = f"{value_text(before.value, measure)} år {before.year}, " + (
        f"{value_text(latest.value, measure)} år {latest.year}"
    )
    if value_text(before.value, measure) == value_text(latest.value, measure):
        return Trend("→", f"oförändrat: {shown}", None)
    rising = latest.value > before.value
    worse = None if lower_is_better is None else rising == lower_is_better
    judged = "" if worse is None else (" (sämre mot målet)" if worse else " (bättre mot målet)")
    return Trend(
        "↗" if rising else "↘", f"{'ökar' if rising else 'minskar'}: {shown}{judged}", worse
    )


# What the scorecard's short words mean, in full: the goal page says it once per goal, the
# overview once for all.
QUALIFIER_MEANINGS = {
    "säkerställt": "Skillnaden mot målet eller jämförelseåret är större än slumpen förklarar: "
    "95 % intervallet ligger helt på ena sidan, eller förändringen är signifikant på 5 % nivå.",
    "inom slumpvariationen": "Ett antal brott varierar av slumpen (för ett hundratal om året med "
    "±20, mer med seriens överspridning φ); skillnaden mot målet är mindre än så och kan vara "
    "slump.",
    "inom felmarginalen": "En enkät: skillnaden ligger inom felmarginalen och kan bero på vilka "
    "som råkade svara.",
    "avgjort": "Antalet passerade gränsen före årets slut. Det säger vad som har hänt, inte att "
    "det är säkerställt mot slumpen.",
    "prognos": "Året är inte slut: bedömningen bygger på en prognos för helåret, om takten "
    "håller i sig.",
    PRELIMINARY_FIGURES: "Siffrorna är preliminära och kan ändras när de slutliga kommer.",
    "ofullständigt underlag": "Källan saknar en del av det indikatorn räknar (brottskoder eller "
    "månader); värdet kan bara visa att ett mål inte nås, aldrig att det nås.",
}


def qualifier_meanings(found: Sequence[str]) -> list[tuple[str, str]]:
    """The meanings of the short words in `found` ('prognos, preliminära siffror' has two), in
    QUALIFIER_MEANINGS' order."""
    text = " ".join(found)
    return [(word, meaning) for word, meaning in QUALIFIER_MEANINGS.items() if word in text]
