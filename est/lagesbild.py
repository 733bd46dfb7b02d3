"""EST lägesbild: what the Thursday meeting looks at, from the stored weekly survey and event log.

The survey is stored per ISO week, factor and area as the mean answer with n answers, the event
log as counts (indicators/sources/est.py):

    indicator      period    breakdown                                           measure  value  n
    est.faktor     2022-W48  {"faktor": "narkotika", "omrade": "Smygehamn"}       skala    2.125  8
    est.handelser  2022-W48  {"allvarlighet": "Hög", "kategori": "Klotter", …}    antal    2

From these: a factor × area matrix for one week, the trend per factor and the week's main
concerns. A week without answers is a gap, never a zero; a mean of few answers is shown with
its n and never ranked among the concerns.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from indicators.kinds import Measure, PeriodType
from indicators.numbers import format_number
from indicators.sources.est import EstSettings
from indicators.store import Store
from indicators.stored import Observation, read_observations

SURVEY = "est.faktor"
EVENTS = "est.handelser"
MIN_ANSWERS = 5  # fewer answers: shown as "få svar", never ranked among the concerns
TREND_WEEKS = 26  # half a year of weeks
RECENT_WEEKS = 8  # the recent average a week is compared with: the eight weeks before it
HIGH_SHARE = 0.5  # a mean at least half-way up the scale counts as high
RISE_SHARE = 1 / 6  # a rise of a sixth of the scale (0,5 on 0–3) is worth naming
TOP = 5  # entries per list of concerns
Z_95 = 1.959963984540054
SEVERITY_ORDER = ("hög", "medel", "låg")
NO_AREA = ""  # the survey had no area column
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, label: str) -> Week | None:
        """Week(2022, 7) for '2022-W07'; None for anything that is no ISO week."""
        match = WEEK_PATTERN.match(label.strip())
        if match is None:
            return None
        try:
            dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return None
        return cls(int(match[1]), int(match[2]))

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    def plus(self, weeks: int) -> Week:
        year, number, _ = (self.monday + dt.timedelta(weeks=weeks)).isocalendar()
        return Week(year, number)

    def text(self) -> str:
        return f"vecka {self.number}, {self.year}"


def weeks_between(first: Week, last: Week) -> tuple[Week, ...]:
    """Every ISO week from first to last, both included (52 or 53 to a year)."""
    count = (last.monday - first.monday).days // 7
    return tuple(first.plus(i) for i in range(count + 1))


def span_text(first: Week, last: Week) -> str:
    """'vecka 40–47' within a year, 'vecka 50, 2021–vecka 5, 2022' across years."""
    if first == last:
        return f"vecka {first.number}"
    if first.year == last.year:
        return f"vecka {first.number}–{last.number}"
    return f"{first.text()}–{last.text()}"


def dated_span_text(first: Week, last: Week) -> str:
    """'vecka 36–48, 2022', or across years as span_text writes it."""
    text = span_text(first, last)
    return f"{text}, {last.year}" if first.year == last.year else text


@dataclass(frozen=True)
class Mean:
    """The mean answer and how many answers it rests on."""

    value: float
    n: int

    @property
    def few(self) -> bool:
        return self.n < MIN_ANSWERS


def pooled(means: Iterable[Mean | None]) -> Mean | None:
    """The mean of all answers behind several means (each weighted by its n); None if none."""
    present = [m for m in means if m is not None]
    total = sum(m.n for m in present)
    if not total:
        return None
    return Mean(sum(m.value * m.n for m in present) / total, total)


@dataclass(frozen=True)
class Survey:
    means: Mapping[tuple[Week, str, str], Mean]  # (week, factor id, area)
    files: Mapping[Week, tuple[str, ...]]  # where each week's answers came from

    @property
    def weeks(self) -> tuple[Week, ...]:
        """The weeks with answers, oldest first."""
        return tuple(sorted(self.files))

    @property
    def areas(self) -> tuple[str, ...]:
        return tuple(sorted({area for _, _, area in self.means}))

    @property
    def factor_ids(self) -> set[str]:
        return {factor for _, factor, _ in self.means}

    def mean(self, week: Week, factor: str, area: str | None) -> Mean | None:
        """One area's mean, or with area None all areas' answers together."""
        if area is not None:
            return self.means.get((week, factor, area))
        return pooled(self.means.get((week, factor, a)) for a in self.areas)

    def over(self, weeks: Iterable[Week], factor: str, area: str | None) -> Mean | None:
        return pooled(self.mean(week, factor, area) for week in weeks)


@dataclass(frozen=True)
class EventLog:
    counts: Mapping[tuple[Week, str, str, str], int]  # (week, kategori, område, allvarlighet)

    @property
    def span(self) -> tuple[Week, Week] | None:
        """The first and last week with an event: the weeks the imported log covers."""
        weeks = [week for week, *_ in self.counts]
        return (min(weeks), max(weeks)) if weeks else None


def read_est(store: Store, geo_codes: Collection[str]) -> tuple[Survey, EventLog]:
    """The stored survey and event log of the kommun (its areas' codes among `geo_codes`)."""
    return (
        survey_from_rows(read_observations(store, SURVEY), geo_codes),
        events_from_rows(read_observations(store, EVENTS), geo_codes),
    )


def survey_from_rows(rows: Iterable[Observation], geo_codes: Collection[str]) -> Survey:
    """The stored est.faktor rows of the kommun as means per week, factor and area."""
    means: dict[tuple[Week, str, str], list[Mean]] = defaultdict(list)
    files: dict[Week, set[str]] = defaultdict(set)
    for row, week in _weekly(rows, geo_codes, Measure.SKALA):
        key = (week, row.breakdown["faktor"], row.breakdown.get("omrade", NO_AREA))
        means[key].append(Mean(row.value, int(row.n or 0)))
        files[week].add(row.file)
    return Survey(
        {key: mean for key, found in means.items() if (mean := pooled(found)) is not None},
        {week: tuple(sorted(names)) for week, names in files.items()},
    )


def events_from_rows(rows: Iterable[Observation], geo_codes: Collection[str]) -> EventLog:
    """The stored est.handelser rows of the kommun as counts per week and breakdown."""
    counts: Counter[tuple[Week, str, str, str]] = Counter()
    for row, week in _weekly(rows, geo_codes, Measure.ANTAL):
        breakdown = row.breakdown
        counts[
            (
                week,
                breakdown.get("kategori", ""),
                breakdown.get("omrade", NO_AREA),
                breakdown.get("allvarlighet", ""),
            )
        ] += int(row.value)
    return EventLog(dict(counts))


def _weekly(
    rows: Iterable[Observation], geo_codes: Collection[str], measure: Measure
) -> Iterator[tuple[Observation, Week]]:
    for row in rows:
        wanted = (
            row.geo_code in geo_codes
            and row.measure == measure
            and row.period_type is PeriodType.VECKA
            # a mean without its n cannot be weighted (the loader records n)
            and (measure != Measure.SKALA or row.n is not None)
        )
        week = Week.parse(row.period) if wanted else None
        if week is not None:
            yield row, week


def factor_names(survey: Survey, settings: EstSettings) -> tuple[tuple[str, str], ...]:
    """(id, label) of the factors in est.yaml's order, then any stored under an id since removed."""
    configured = tuple((f.id, f.label) for f in settings.factors)
    known = {factor for factor, _ in configured}
    return configured + tuple((f, f) for f in sorted(survey.factor_ids - known))


def scale_range(settings: EstSettings) -> tuple[float, float]:
    return min(settings.scale.values()), max(settings.scale.values())


def scale_text(settings: EstSettings) -> str:
    """'0 = ingen påverkan, 1 = liten påverkan, …': the first answer est.yaml gives each value."""
    first: dict[float, str] = {}
    for answer, value in settings.scale.items():
        first.setdefault(value, answer)
    return ", ".join(
        f"{format_number(v, 0 if float(v).is_integer() else 1)} = {answer}"
        for v, answer in sorted(first.items())
    )


def choose_week(survey: Survey, asked: str | None) -> tuple[Week, str | None]:
    """The week asked for in the address, or the latest week with answers and why."""
    latest = survey.weeks[-1]
    if not asked:
        return latest, None
    week = Week.parse(asked)
    if week is None:
        return latest, (
            f"”{asked}” är ingen vecka (skriv den som {latest.label}); visar den "
            "senaste veckan med svar."
        )
    if week not in survey.files:
        return latest, (
            f"Veckoenkäten har inga svar {week.text()}; visar den senaste veckan med svar."
        )
    return week, None


@dataclass(frozen=True)
class HeatMap:
    week: Week
    factors: tuple[tuple[str, str], ...]  # (id, label), the rows
    areas: tuple[str, ...]  # the columns, then the whole kommun
    cells: Mapping[tuple[str, str | None], Mean]  # (factor, area or None); absent: no answers


def heat_map(survey: Survey, week: Week, factors: tuple[tuple[str, str], ...]) -> HeatMap:
    cells = {
        (factor, area): mean
        for factor, _ in factors
        for area in (*survey.areas, None)
        if (mean := survey.mean(week, factor, area)) is not None
    }
    return HeatMap(week, factors, survey.areas, cells)


@dataclass(frozen=True)
class FactorTrend:
    factor: str
    label: str
    points: tuple[Mean | None, ...]  # one per week of the trend; None: no answers that week


@dataclass(frozen=True)
class Trend:
    weeks: tuple[Week, ...]
    factors: tuple[FactorTrend, ...]


def trend(
    survey: Survey, week: Week, factors: tuple[tuple[str, str], ...], length: int = TREND_WEEKS
) -> Trend:
    """All areas' answers together, week by week up to `week`, from the first week with answers
    at most `length` weeks back; weeks in between without answers stay empty."""
    weeks = weeks_between(max(week.plus(1 - length), survey.weeks[0]), week)
    return Trend(
        weeks,
        tuple(
            FactorTrend(factor, label, tuple(survey.mean(w, factor, None) for w in weeks))
            for factor, label in factors
        ),
    )


@dataclass(frozen=True)
class Change:
    """A mean against an earlier mean of the same factor and area."""

    earlier: Mean
    change: float
    beyond_chance: bool


@dataclass(frozen=True)
class Concern:
    factor: str
    label: str
    area: str | None  # None: the whole kommun
    mean: Mean
    previous: Change | None  # against the week before (None: no or few answers then)
    recent: Change | None  # against the RECENT_WEEKS weeks before, answers pooled
    recent_weeks: tuple[Week, Week] | None  # the first and last of them with answers

    @property
    def rise(self) -> float:
        return max((c.change for c in (self.previous, self.recent) if c), default=0.0)


@dataclass(frozen=True)
class Concerns:
    highest: tuple[Concern, ...]
    rising: tuple[Concern, ...]
    few_answers: int  # means this week on fewer than MIN_ANSWERS answers, left out


def high_level(scale: tuple[float, float]) -> float:
    low, high = scale
    return low + HIGH_SHARE * (high - low)


def rise_level(scale: tuple[float, float]) -> float:
    low, high = scale
    return RISE_SHARE * (high - low)


def concerns(
    survey: Survey, week: Week, factors: tuple[tuple[str, str], ...], scale: tuple[float, float]
) -> Concerns:
    """Each factor in each area and in the whole kommun: the highest means of the week, and the
    biggest rises against the week before or the recent average. Few answers are left out."""
    found = [
        c
        for factor, label in factors
        for area in (*survey.areas, None)
        if (c := _concern(survey, week, factor, label, area, scale)) is not None
    ]
    ranked = [c for c in found if not c.mean.few]
    highest = sorted(
        (c for c in ranked if c.mean.value >= high_level(scale)),
        key=lambda c: (-c.mean.value, *_place_key(c)),
    )
    rising = sorted(
        (c for c in ranked if c.rise >= rise_level(scale)), key=lambda c: (-c.rise, *_place_key(c))
    )
    return Concerns(tuple(highest[:TOP]), tuple(rising[:TOP]), len(found) - len(ranked))


def _place_key(concern: Concern) -> tuple[str, bool, str]:
    """Ties go by factor, then each area before the whole kommun."""
    return concern.label, concern.area is None, concern.area or ""


def _concern(
    survey: Survey,
    week: Week,
    factor: str,
    label: str,
    area: str | None,
    scale: tuple[float, float],
) -> Concern | None:
    mean = survey.mean(week, factor, area)
    if mean is None:
        return None
    window = [
        w
        for w in weeks_between(week.plus(-RECENT_WEEKS), week.plus(-1))
        if survey.mean(w, factor, area) is not None
    ]
    return Concern(
        factor,
        label,
        area,
        mean,
        _change(mean, survey.mean(week.plus(-1), factor, area), scale),
        _change(mean, survey.over(window, factor, area), scale),
        (window[0], window[-1]) if window else None,
    )


def _change(now: Mean, earlier: Mean | None, scale: tuple[float, float]) -> Change | None:
    if earlier is None or earlier.few:
        return None
    return Change(earlier, now.value - earlier.value, beyond_chance(now, earlier, scale))


def beyond_chance(now: Mean, earlier: Mean, scale: tuple[float, float]) -> bool:
    """Whether two means differ at the 5 % level even at the widest spread answers can have.

    Only means are stored, not the answers, so their spread is bounded instead of estimated:
    answers between low and high with mean m have a variance of at most (high − m)(m − low)
    (Bhatia–Davis), taken at the two weeks' common mean since the test assumes no change."""
    low, high = scale
    common = (now.value * now.n + earlier.value * earlier.n) / (now.n + earlier.n)
    variance = (high - common) * (common - low)
    if variance <= 0:  # every answer at the same end of the scale in both: nothing changed
        return False
    z = (now.value - earlier.value) / math.sqrt(variance * (1 / now.n + 1 / earlier.n))
    return abs(z) >= Z_95


def mean_text(mean: Mean) -> str:
    """'2,1 (8 svar)', '1,5 (3 svar, få svar)'."""
    answers = f"{mean.n} svar" + (", få svar" if mean.few else "")
    return f"{format_number(mean.value, 1)} ({answers})"


def place_text(concern: Concern) -> str:
    area = "hela kommunen" if concern.area is None else concern.area or "område saknas"
    return f"{concern.label} i {area}"


def concern_sentence(concern: Concern, week: Week) -> str:
    """'Narkotika i Smygehamn: 2,1 (8 svar). Vecka 47: 1,5 (+0,6, säkerställt). Snitt vecka
    40–47: 1,7 (+0,4, kan vara slumpen).'"""
    before = week.plus(-1)
    previous = _change_text(concern.previous) or "inga eller få svar"
    recent = (
        f"Snitt {span_text(*concern.recent_weeks)}: {_change_text(concern.recent)}"
        if concern.recent_weeks and concern.recent
        else f"Snitt för de {RECENT_WEEKS} veckorna före: inga eller få svar"
    )
    return (
        f"{place_text(concern)}: {mean_text(concern.mean)}. "
        f"Vecka {before.number}: {previous}. {recent}."
    )


def _change_text(change: Change | None) -> str | None:
    """'1,5 (+0,6, säkerställt)', '1,7 (−0,2, kan vara slumpen)', '2,1 (oförändrat)'."""
    if change is None:
        return None
    earlier = format_number(change.earlier.value, 1)
    size = format_number(abs(change.change), 1)
    if size == "0,0":
        return f"{earlier} (oförändrat)"
    sign = "+" if change.change > 0 else "\u2212"
    certainty = "säkerställt" if change.beyond_chance else "kan vara slumpen"
    return f"{earlier} ({sign}{size}, {certainty})"


@dataclass(frozen=True)
class WeekEvents:
    week: Week
    span: tuple[Week, Week] | None  # the weeks the imported log covers
    rows: tuple[tuple[str, str, str, int], ...]  # kategori, område, allvarlighet, antal
    previous_total: int | None  # None: the log does not cover the week before

    @property
    def covered(self) -> bool:
        return self.span is not None and self.span[0] <= self.week <= self.span[1]

    @property
    def total(self) -> int:
        return sum(count for *_, count in self.rows)

    def by(self, column: int) -> tuple[tuple[str, int], ...]:
        """Totals per kategori (0), område (1) or allvarlighet (2), largest first (severity in
        its own order)."""
        totals: Counter[str] = Counter()
        for row in self.rows:
            totals[str(row[column])] += row[3]
        if column == 2:
            return tuple(sorted(totals.items(), key=lambda item: _severity_rank(item[0])))
        return tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def _severity_rank(level: str) -> tuple[int, str]:
    """Hög, Medel, Låg in that order; any other wording after them, alphabetically."""
    folded = level.casefold()
    return (
        SEVERITY_ORDER.index(folded) if folded in SEVERITY_ORDER else len(SEVERITY_ORDER),
        folded,
    )


def week_events(log: EventLog, week: Week) -> WeekEvents:
    rows = sorted(
        (
            (kategori, area, level, count)
            for (w, kategori, area, level), count in log.counts.items()
            if w == week
        ),
        key=lambda r: (_severity_rank(r[2]), -r[3], r[0], r[1]),
    )
    span = log.span
    before = week.plus(-1)
    covered_before = span is not None and span[0] <= before <= span[1]
    previous = (
        sum(c for (w, *_), c in log.counts.items() if w == before) if covered_before else None
    )
    return WeekEvents(week, span, tuple(rows), previous)


@dataclass(frozen=True)
class Lagesbild:
    week: Week
    weeks: tuple[Week, ...]  # the weeks with answers, to choose among
    problem: str | None  # why the week asked for was not shown
    files: tuple[str, ...]  # the files the week's answers came from
    scale: tuple[float, float]
    scale_text: str
    heat_map: HeatMap
    trend: Trend
    concerns: Concerns
    events: WeekEvents


def lagesbild(
    survey: Survey, log: EventLog, settings: EstSettings, asked: str | None = None
) -> Lagesbild | None:
    """The picture for the week asked for (the latest with answers by default); None without
    any answers."""
    if not survey.weeks:
        return None
    week, problem = choose_week(survey, asked)
    factors, scale = factor_names(survey, settings), scale_range(settings)
    return Lagesbild(
        week,
        survey.weeks,
        problem,
        survey.files[week],
        scale,
        scale_text(settings),
        heat_map(survey, week, factors),
        trend(survey, week, factors),
        concerns(survey, week, factors, scale),
        week_events(log, week),
    )
