"""Judge every target and goal of an agreement for a year (design.md "The verdict").

Pure: the stored evidence, the year and today's date in; verdicts with their numbers, an
explanation and a drafted sentence out. Statistics are in goals/stats.py, wording helpers in
goals/words.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from goals import stats
from goals.evidence import Evidence
from goals.models import Agreement, Goal, Target
from goals.rules import (
    ActivityPerYear,
    ChangeFromBaseline,
    Comparison,
    EveryIsoWeek,
    ThresholdEveryYear,
)
from goals.series import (
    Measurement,
    YearCount,
    activity_dates,
    count_measurements,
    count_years,
    measurements,
)
from goals.status import Qualifier, Status, Verdict, roll_up
from goals.words import (
    OP_SHORT,
    OP_VERBS,
    difference_text,
    interval_text,
    join_words,
    lower_first,
    month_name,
    months_text,
    p_text,
    period_text,
    probability_text,
    relation_text,
    value_text,
)
from indicators.catalogue import Catalogue, Indicator

ON_TRACK = 0.8
OFF_TRACK = 0.2
SIGNIFICANCE = 0.05
FINAL = (Status.UPPNATT, Status.EJ_UPPNATT)


class YearOutsidePeriod(ValueError):
    """A year the agreement does not cover; the message names the period in Swedish."""


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    status: Status
    verdicts: dict[str, Verdict]


@dataclass(frozen=True)
class StatusReport:
    year: int
    goals: list[GoalResult]

    @property
    def verdicts(self) -> dict[str, Verdict]:
        return {tid: v for result in self.goals for tid, v in result.verdicts.items()}

    def to_json(self) -> dict[str, Any]:
        """design.md's `status` shape."""
        return {
            "year": self.year,
            "goals": [
                {
                    "id": r.goal.id,
                    "title": r.goal.title,
                    "status": r.status.value,
                    "label": r.status.label,
                    "targets": [verdict_json(tid, v) for tid, v in r.verdicts.items()],
                }
                for r in self.goals
            ],
        }


def verdict_json(target_id: str, verdict: Verdict) -> dict[str, Any]:
    return {
        "id": target_id,
        "status": verdict.status.value,
        "label": verdict.short,
        "qualifier": verdict.qualifier.value if verdict.qualifier else None,
        "value": verdict.value,
        "unit": verdict.unit,
        "ci": list(verdict.ci) if verdict.ci else None,
        "target": dict(verdict.target),
        "compared_with": dict(verdict.compared_with) if verdict.compared_with else None,
        "judged_year": verdict.judged_year,
        "probability": verdict.probability,
        "preliminary": verdict.preliminary,
        "period": dict(verdict.period) if verdict.period else None,
        "projected": verdict.projected,
        "explanation": verdict.explanation,
        "sentence": verdict.sentence,
    }


def evaluate(
    agreement: Agreement,
    catalogue: Catalogue,
    evidence: Evidence,
    year: int | None = None,
    today: dt.date | None = None,
) -> StatusReport:
    today = today or dt.date.today()
    year = default_year(agreement, evidence, today) if year is None else year
    check_year(agreement, year)
    results = []
    for goal in agreement.goals:
        verdicts = {
            t.id: judge(t, agreement, catalogue, evidence, year, today) for t in goal.targets
        }
        results.append(GoalResult(goal, roll_up(v.status for v in verdicts.values()), verdicts))
    return StatusReport(year, results)


def check_year(agreement: Agreement, year: int) -> None:
    first, last = agreement.period
    if not first <= year <= last:
        raise YearOutsidePeriod(
            f"{year} ligger utanför överenskommelsens period {first}–{last}; välj ett år "
            f"{first}–{last}."
        )


def default_year(agreement: Agreement, evidence: Evidence, today: dt.date) -> int:
    """The latest year of the period that has any data; without data, the latest begun year."""
    first, last = agreement.period
    with_data = [y for y in evidence.years() if first <= y <= last]
    return max(with_data) if with_data else max(first, min(last, today.year))


def judge(
    target: Target,
    agreement: Agreement,
    catalogue: Catalogue,
    evidence: Evidence,
    year: int,
    today: dt.date,
) -> Verdict:
    """One target's verdict for `year`, with the period so far ('uppnått 2 av 4 år')."""
    case = _Case(
        target,
        catalogue.indicator(target.indicator),
        catalogue.source_of(target.indicator).label,
        agreement,
        evidence,
        today,
    )
    judge_year = _judge_for(case)
    verdict = judge_year(year)
    if isinstance(target.rule, Comparison):
        return verdict
    return _with_period(
        verdict, [judge_year(y) for y in agreement.years if y <= year], len(agreement.years), year
    )


@dataclass(frozen=True)
class _Case:
    target: Target
    indicator: Indicator
    source: str
    agreement: Agreement
    evidence: Evidence
    today: dt.date

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.evidence.target_rows(self.target.id, self.indicator.measure)

    @property
    def subject(self) -> str:
        subject = self.indicator.subject or self.indicator.label
        if self.target.breakdown and self.indicator.measure == "andel_pct":
            return f"{subject} i {_breakdown_words(self.target.breakdown)}"
        return subject

    def text(self, value: float) -> str:
        return value_text(value, self.indicator.measure)


def _breakdown_words(breakdown: Mapping[str, str]) -> str:
    grades = {"ak6": "åk 6", "ak9": "åk 9", "gy2": "gymnasiets åk 2"}
    return join_words([grades.get(v, v) for v in breakdown.values()])


def _judge_for(case: _Case) -> Callable[[int], Verdict]:
    """The target's judge for any year, with its series prepared once for all years."""
    rule = case.target.rule
    if isinstance(rule, ThresholdEveryYear) and case.indicator.measure == "antal":
        return partial(_count_threshold, case, rule, count_years(case.rows))
    if isinstance(rule, EveryIsoWeek):
        return partial(_every_iso_week, case, rule, activity_dates(case.rows, rule.parties))
    if isinstance(rule, ActivityPerYear):
        return partial(_activity_per_year, case, rule, activity_dates(case.rows))
    survey_judges = {
        ThresholdEveryYear: _survey_threshold,
        Comparison: _comparison,
        ChangeFromBaseline: _change_from_baseline,
    }
    values = (
        count_measurements(case.rows)
        if case.indicator.measure == "antal"
        else measurements(case.rows)
    )
    return partial(survey_judges[type(rule)], case, rule, values)


def _with_period(verdict: Verdict, years: list[Verdict], period_years: int, year: int) -> Verdict:
    judged = [v for v in years if v.status in FINAL]
    met = sum(v.status is Status.UPPNATT for v in judged)
    period = {"met": met, "judged": len(judged), "years": period_years}
    return replace(
        verdict, period=period, explanation=f"{verdict.explanation} {period_text(period, year)}"
    )


def _cannot_judge(case: _Case, reason: str, explanation: str, year: int, **numbers: Any) -> Verdict:
    return Verdict(
        Status.KAN_INTE_BEDOMAS,
        reason,
        explanation,
        sentence=f"{case.subject} kan inte bedömas för {year}: {lower_first(explanation)}",
        unit=case.indicator.unit,
        target=_target_json(case),
        judged_year=year,
        **numbers,
    )


def _target_json(case: _Case) -> dict[str, Any]:
    match case.target.rule:
        case ThresholdEveryYear(op=op, value=value):
            return {"op": op, "value": value}
        case Comparison() | ChangeFromBaseline() as rule:
            return {"direction": rule.direction, "baseline_year": rule.baseline_year}
        case ActivityPerYear(min=minimum):
            return {"per": "year", "min": minimum}
        case EveryIsoWeek():
            return {"per": "week", "min": 1}
    raise TypeError(case.target.rule)


def _qualifier_from_side(side: bool | None) -> Qualifier:
    return Qualifier.INOM_FELMARGINAL if side is None else Qualifier.SAKERSTALLT


def _reason(qualifier: Qualifier | None, preliminary: bool) -> str:
    words = [qualifier.label] if qualifier else []
    return ", ".join(words + (["preliminära siffror"] if preliminary else []))


def _preliminary_note(preliminary: bool) -> str:
    return " Siffrorna är preliminära och kan ändras när de slutliga kommer." if preliminary else ""


# Counts: threshold every calendar year -------------------------------------------------------


def _count_threshold(
    case: _Case, rule: ThresholdEveryYear, counts: Mapping[int, YearCount], year: int
) -> Verdict:
    counted = counts.get(year)
    if counted is None:
        return _count_without_data(case, rule, counts, year)
    if counted.complete:
        return _complete_count(case, rule, counted)
    if _already_decided(rule, counted.value):
        return _decided_count(case, rule, counted)
    return _projected_count(case, rule, counted, counts)


def _rule_words(case: _Case, rule: ThresholdEveryYear) -> str:
    return f"{OP_VERBS[rule.op]} {case.text(rule.value)}"


def _complete_count(case: _Case, rule: ThresholdEveryYear, counted: YearCount) -> Verdict:
    interval = stats.poisson_interval(counted.value)
    met = stats.meets(counted.value, rule.op, rule.value)
    qualifier = _qualifier_from_side(stats.interval_side(interval, rule.op, rule.value))
    basis = "årsuppgift" if counted.basis == "år" else f"summan av {len(counted.months)} månader"
    side = (
        f"hela intervallet ligger {'under' if interval[1] < rule.value else 'över'} "
        f"{case.text(rule.value)}, så utfallet beror inte på slumpen"
        if qualifier is Qualifier.SAKERSTALLT
        else f"intervallet omfattar {case.text(rule.value)}, så skillnaden mot målet kan bero på "
        "slumpen"
    )
    strict = (
        f" (understiga är strikt: exakt {case.text(rule.value)} räcker inte)"
        if rule.op == "<"
        else ""
    )
    explanation = (
        f"Regel: antalet ska {_rule_words(case, rule)} varje kalenderår{strict}. "
        f"{counted.year}: {case.text(counted.value)} {case.indicator.unit} ({basis}, "
        f"{join_words(list(counted.files))}). Ett års antal varierar av slumpen; exakt 95 % "
        f"Poissonintervall (Garwood): {interval_text(interval, 'antal')}; {side}."
        + _preliminary_note(counted.preliminary)
    )
    sentence = (
        f"{case.subject} var {case.text(counted.value)} år {counted.year}, "
        f"{relation_text(counted.value, rule.value, 'antal')}"
        f"{_equal_note(case, rule, counted.value)}"
        f"{_chance_tail(qualifier, counted.value == rule.value, interval, 'antal')}."
        + (" Siffrorna är preliminära." if counted.preliminary else "")
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        _reason(qualifier, counted.preliminary),
        explanation,
        sentence,
        qualifier,
        counted.value,
        case.indicator.unit,
        interval,
        _target_json(case),
        judged_year=counted.year,
        preliminary=counted.preliminary,
    )


def _chance_tail(
    qualifier: Qualifier | None, equal: bool, interval: tuple[float, float] | None, measure: str
) -> str:
    """', men skillnaden ligger inom den slumpmässiga variationen (95 % intervall 78–117)'."""
    if qualifier is None or interval is None:
        return ""
    words = (
        "och skillnaden är större än den slumpmässiga variationen"
        if qualifier is Qualifier.SAKERSTALLT
        else "och utfallet ligger inom den slumpmässiga variationen"
        if equal
        else "men skillnaden ligger inom den slumpmässiga variationen"
    )
    return f", {words} (95 % intervall {interval_text(interval, measure)})"


def _equal_note(case: _Case, rule: ThresholdEveryYear, value: float) -> str:
    if value != rule.value:
        return ""
    allowed = rule.op in ("<=", ">=")
    return (
        f" ({OP_SHORT[rule.op]} {case.text(rule.value)} är tillåtet)"
        if allowed
        else f" (målet är att {OP_VERBS[rule.op]} {case.text(rule.value)}, så det räcker inte)"
    )


def _already_decided(rule: ThresholdEveryYear, counted: float) -> bool:
    """A count only grows: a ceiling already passed, or a floor already reached, is final."""
    if rule.op in ("<", "<="):
        return not stats.meets(counted, rule.op, rule.value)
    return stats.meets(counted, rule.op, rule.value)


def _decided_count(case: _Case, rule: ThresholdEveryYear, counted: YearCount) -> Verdict:
    met = stats.meets(counted.value, rule.op, rule.value)
    last = month_name(max(counted.covered))
    outcome = "är redan nått" if met else "kan inte längre nås"
    sentence = (
        f"{case.subject} var redan {case.text(counted.value)} efter {last} "
        f"{counted.year}, så målet att {_rule_words(case, rule)} {outcome} för året."
        + (" Siffrorna är preliminära." if counted.preliminary else "")
    )
    explanation = (
        f"Året {counted.year} är inte slut i data ({len(counted.covered)} av 12 månader), men "
        f"antalet kan bara öka: med {case.text(counted.value)} {case.indicator.unit} hittills "
        f"{outcome} målet att {_rule_words(case, rule)}. Bedömningen är därför avgjord."
        + _preliminary_note(counted.preliminary)
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        ", ".join(["avgjort"] + (["preliminära siffror"] if counted.preliminary else [])),
        explanation,
        sentence,
        Qualifier.SAKERSTALLT,
        counted.value,
        case.indicator.unit,
        None,
        _target_json(case),
        judged_year=counted.year,
        preliminary=counted.preliminary,
    )


def _projected_count(
    case: _Case, rule: ThresholdEveryYear, counted: YearCount, counts: Mapping[int, YearCount]
) -> Verdict:
    history = [
        c.months
        for y, c in sorted(counts.items())
        if y < counted.year and c.complete and len(c.months) == 12
    ]
    share = stats.seasonal_share(sorted(counted.covered), history)
    forecast = stats.project_year(counted.value, share, rule.op, rule.value)
    profile = (
        f"säsongsmönstret från {len(history)} tidigare år"
        if history
        else "lika stora månader, eftersom månadssiffror från tidigare år saknas,"
    )
    months = months_text(counted.covered)
    sentence = (
        f"{case.subject} var {case.text(counted.value)} under {months} {counted.year}. Med "
        f"{profile} väntas {case.text(round(forecast.expected))} för hela året (95 % "
        f"prognosintervall {interval_text(forecast.interval, 'antal')}); sannolikheten att "
        f"{_rule_words(case, rule)} är {probability_text(forecast.probability)}."
        + (" Siffrorna är preliminära." if counted.preliminary else "")
    )
    explanation = (
        f"Året {counted.year} har siffror för {len(counted.covered)} av 12 månader ({months}), "
        f"så året bedöms med en prognos. Månaderna som finns "
        f"{'brukar' if history else 'antas'} stå för {format_share(share)} av ett år "
        f"({profile.rstrip(',')}). De återstående månaderna antas vara "
        f"Poissonfördelade med den takt som setts hittills. Sannolikheten att antalet ska "
        f"{_rule_words(case, rule)} är {probability_text(forecast.probability)}: På väg vid "
        "minst 80 %, Osäkert vid 20–80 %, Inte på väg under 20 %."
        + _preliminary_note(counted.preliminary)
    )
    return _forecast_verdict(
        case, forecast, explanation, sentence, counted.value, counted.year, counted.preliminary
    )


def format_share(share: float) -> str:
    return value_text(round(share * 100), "andel_pct")


def _forecast_verdict(
    case: _Case,
    forecast: stats.Forecast,
    explanation: str,
    sentence: str,
    value: float | None,
    year: int,
    preliminary: bool,
) -> Verdict:
    rule = case.target.rule
    status = (
        Status.PA_VAG
        if forecast.probability >= ON_TRACK
        else Status.OSAKERT
        if forecast.probability >= OFF_TRACK
        else Status.INTE_PA_VAG
    )
    qualifier = _qualifier_from_side(stats.interval_side(forecast.interval, rule.op, rule.value))
    reason = ", ".join(["prognos"] + (["preliminära siffror"] if preliminary else []))
    return Verdict(
        status,
        reason,
        explanation,
        sentence,
        qualifier,
        value,
        case.indicator.unit,
        forecast.interval,
        _target_json(case),
        judged_year=year,
        probability=forecast.probability,
        preliminary=preliminary,
        projected=forecast.expected,
    )


def _count_without_data(
    case: _Case, rule: ThresholdEveryYear, counts: Mapping[int, YearCount], year: int
) -> Verdict:
    ahead = year >= case.today.year and all(y < year for y in counts)
    complete = sorted(y for y, c in counts.items() if c.complete and y < year)
    if not ahead:
        return _cannot_judge(
            case, "data saknas", f"Det finns inga siffror för {year} från {case.source}.", year
        )
    if len(complete) < 3:
        return _cannot_judge(
            case,
            "året har inte börjat i data",
            f"Det finns inga siffror för {year} ännu, och {len(complete)} hela år före är för "
            "få för en trend (minst tre behövs).",
            year,
        )
    forecast = stats.trend_forecast(
        complete, [counts[y].value for y in complete], year, rule.op, rule.value
    )
    span = f"{complete[0]}–{complete[-1]}"
    sentence = (
        f"Det finns inga siffror för {year} ännu. Trenden {span} pekar på "
        f"{case.text(round(forecast.expected))} {case.indicator.unit} (95 % "
        f"prognosintervall {interval_text(forecast.interval, 'antal')}); sannolikheten "
        f"att {_rule_words(case, rule)} är {probability_text(forecast.probability)}."
    )
    explanation = (
        f"{year} har inga siffror ännu, så året bedöms med en log-linjär Poissontrend (GLM) "
        f"på de {len(complete)} hela åren {span}. Sannolikheten att antalet ska "
        f"{_rule_words(case, rule)} är {probability_text(forecast.probability)}: På väg vid "
        "minst 80 %, Osäkert vid 20–80 %, Inte på väg under 20 %."
    )
    return _forecast_verdict(case, forecast, explanation, sentence, None, year, False)


# Surveys: a threshold every survey year, or a comparison between two waves -----------------


def _survey_threshold(
    case: _Case, rule: ThresholdEveryYear, values: Mapping[int, Measurement], year: int
) -> Verdict:
    found = values.get(year)
    if found is None:
        return _no_survey(case, values, year)
    met = stats.meets(found.value, rule.op, rule.value)
    interval, qualifier, uncertainty = _survey_uncertainty(case, found, rule)
    explanation = (
        f"Regel: värdet ska {_rule_words(case, rule)} varje mätår, som det publiceras utan "
        f"avrundning. {year}: {case.text(found.value)} ({found.file}). {uncertainty}"
        + _preliminary_note(found.preliminary)
    )
    measure = case.indicator.measure
    sentence = (
        f"{case.subject} var {case.text(found.value)} år {year}, "
        f"{relation_text(found.value, rule.value, measure)}"
        f"{_equal_note(case, rule, found.value)}"
        f"{_chance_tail(qualifier, found.value == rule.value, interval, measure)}."
        + (" Siffran är preliminär." if found.preliminary else "")
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        _reason(qualifier, found.preliminary),
        explanation,
        sentence,
        qualifier,
        found.value,
        case.indicator.unit,
        interval,
        _target_json(case),
        judged_year=year,
        preliminary=found.preliminary,
    )


def _survey_uncertainty(
    case: _Case, found: Measurement, rule: ThresholdEveryYear
) -> tuple[tuple[float, float] | None, Qualifier | None, str]:
    if case.indicator.measure == "index_0_6":
        return None, None, "Indexet publiceras utan spridningsmått, så osäkerheten kan inte anges."
    if case.indicator.measure != "andel_pct" or not found.n:
        return None, None, "Antalet svarande saknas i exporten, så osäkerheten kan inte anges."
    interval = stats.wilson_interval(found.value, found.n)
    qualifier = _qualifier_from_side(stats.interval_side(interval, rule.op, rule.value))
    return (
        interval,
        qualifier,
        (
            f"Wilsonintervall 95 % med n = {value_text(found.n, 'antal')}: "
            f"{interval_text(interval, 'andel_pct')}."
        ),
    )


def _no_survey(case: _Case, values: Mapping[int, Measurement], year: int) -> Verdict:
    years = join_words([str(y) for y in sorted(values)]) or "inga"
    return _cannot_judge(
        case,
        f"ingen mätning {year}",
        f"{case.source} har inget värde för {year} (mätår som finns: {years}).",
        year,
    )


def _comparison(
    case: _Case, rule: Comparison, values: Mapping[int, Measurement], year: int
) -> Verdict:
    if year < rule.intended_year:
        return _cannot_judge(
            case,
            f"bedöms med {rule.intended_year} års mätning",
            f"Målet gäller {rule.intended_year} års mätning jämförd med "
            f"{rule.baseline_year}; {year} bedöms det inte.",
            year,
        )
    last = case.agreement.period[1] + 1
    candidates = (
        [rule.intended_year] if rule.fallback == "none" else range(rule.intended_year, last + 1)
    )
    wave = next((values[y] for y in candidates if y in values), None)
    if wave is None:
        span = (
            str(rule.intended_year) if rule.fallback == "none" else f"{rule.intended_year}–{last}"
        )
        return _cannot_judge(
            case, "mätning saknas", f"Ingen mätning {span} från {case.source} har lästs in.", year
        )
    note = (
        ""
        if wave.year == rule.intended_year
        else f" Någon mätning {rule.intended_year} finns inte; närmast följande mätning, "
        f"{wave.year}, används."
    )
    return _against_baseline(case, rule, values, wave, note)


def _change_from_baseline(
    case: _Case, rule: ChangeFromBaseline, values: Mapping[int, Measurement], year: int
) -> Verdict:
    found = values.get(year)
    if found is None:
        return _no_survey(case, values, year)
    return _against_baseline(case, rule, values, found, "")


def _against_baseline(
    case: _Case,
    rule: Comparison | ChangeFromBaseline,
    values: Mapping[int, Measurement],
    wave: Measurement,
    note: str,
) -> Verdict:
    baseline = values.get(rule.baseline_year)
    if baseline is None:
        return _cannot_judge(
            case,
            f"mätningen {rule.baseline_year} saknas",
            f"Jämförelseårets mätning ({rule.baseline_year}) från {case.source} har inte lästs in.",
            wave.year,
        )
    met = wave.value < baseline.value if rule.direction == "lower" else wave.value > baseline.value
    p, interval, method = _change_test(case, baseline, wave)
    qualifier = (
        None
        if p is None
        else (Qualifier.SAKERSTALLT if p < SIGNIFICANCE else Qualifier.INOM_FELMARGINAL)
    )
    preliminary = wave.preliminary or baseline.preliminary
    change = difference_text(baseline.value, wave.value, case.indicator.measure)
    verdict_words = (
        ""
        if p is None
        else f"; skillnaden är statistiskt säkerställd ({p_text(p)})"
        if qualifier is Qualifier.SAKERSTALLT
        else f"; skillnaden ligger inom den slumpmässiga variationen ({p_text(p)})"
    )
    sentence = (
        f"{case.subject} var {case.text(wave.value)} år {wave.year} mot "
        f"{case.text(baseline.value)} år {baseline.year}, {change}{verdict_words}."
        f"{note}" + (" Siffrorna är preliminära." if preliminary else "")
    )
    explanation = (
        f"Regel: värdet ska vara {'lägre' if rule.direction == 'lower' else 'högre'} än "
        f"{rule.baseline_year} års ({case.text(baseline.value)}, {baseline.file}). "
        f"{wave.year}: {case.text(wave.value)} ({wave.file}).{note} {method}"
        + _preliminary_note(preliminary)
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        _reason(qualifier, preliminary),
        explanation,
        sentence,
        qualifier,
        wave.value,
        case.indicator.unit,
        interval,
        _target_json(case),
        {"year": baseline.year, "value": baseline.value},
        judged_year=wave.year,
        preliminary=preliminary,
    )


def _change_test(
    case: _Case, baseline: Measurement, wave: Measurement
) -> tuple[float | None, tuple[float, float] | None, str]:
    measure = case.indicator.measure
    if measure == "antal":
        p = stats.poisson_change_p(baseline.value, wave.value)
        tested = f"{p_text(p)}" if p is not None else "båda är noll, så det finns inget att pröva"
        return (
            p,
            stats.poisson_interval(wave.value),
            (f"Skillnaden mellan två antal prövas med ett exakt villkorat Poissontest: {tested}."),
        )
    if measure != "andel_pct":
        return None, None, "Måttet har ingen känd spridning, så osäkerheten kan inte anges."
    if not (baseline.n and wave.n):
        return (
            None,
            None,
            ("Antalet svarande saknas för minst en av mätningarna, så osäkerheten kan inte anges."),
        )
    p = stats.share_change_p(baseline.value, baseline.n, wave.value, wave.n)
    interval = stats.wilson_interval(wave.value, wave.n)
    tested = (
        p_text(p) if p is not None else "kan inte beräknas när båda andelarna är 0 % eller 100 %"
    )
    return (
        p,
        interval,
        (
            f"Varje mätning ses som ett nytt urval: Wilsonintervall 95 % för {wave.year} "
            f"{interval_text(interval, 'andel_pct')} (n = {value_text(wave.n, 'antal')}, "
            f"{baseline.year}: n = {value_text(baseline.n, 'antal')}); skillnaden prövas med "
            f"score-test för två andelar, tvåsidigt på 5 % nivå: {tested}."
        ),
    )


# Activities from the log --------------------------------------------------------------------


def _year_running(case: _Case, year: int, iso: bool = False) -> bool:
    return year >= (case.today.isocalendar().year if iso else case.today.year)


def _not_begun(case: _Case, year: int) -> Verdict | None:
    if year <= case.today.year:
        return None
    return _cannot_judge(case, "året har inte börjat", f"{year} har inte börjat ännu.", year)


def _activity_per_year(
    case: _Case, rule: ActivityPerYear, dates: list[tuple[dt.date, float]], year: int
) -> Verdict:
    if not_begun := _not_begun(case, year):
        return not_begun
    count = sum(value for date, value in dates if date.year == year)
    label = case.indicator.label
    sentence = (
        f"{label}: {value_text(count, 'antal')} under {year} enligt aktivitetsloggen "
        f"(målet är minst {rule.min} per år)."
    )
    if count >= rule.min:
        return _logged(
            case,
            Status.UPPNATT,
            count,
            year,
            sentence,
            f"Aktivitetsloggen har {_how_many(case, count)} {year}; minst {rule.min} behövs.",
        )
    if _year_running(case, year):
        return _cannot_judge(
            case,
            "året pågår",
            f"{year} pågår och har {_how_many(case, count)} hittills; året "
            "bedöms när målet är nått "
            "eller året är slut.",
            year,
            value=count,
        )
    if year not in case.evidence.log_years:
        return _cannot_judge(
            case, "loggen saknas", f"Aktivitetsloggen har inga poster alls för {year}.", year
        )
    return _logged(
        case,
        Status.EJ_UPPNATT,
        count,
        year,
        sentence,
        f"Aktivitetsloggen täcker {year} men har {_how_many(case, count)}; minst "
        f"{rule.min} behövs. Ett år som loggen täcker "
        "utan aktiviteten räknas som noll.",
    )


def _how_many(case: _Case, count: float) -> str:
    """'1 trygghetsvandring', '3 trygghetsvandringar'."""
    noun = lower_first(case.indicator.label) if count == 1 else case.indicator.unit
    return f"{value_text(count, 'antal')} {noun}"


def _logged(
    case: _Case,
    status: Status,
    value: float,
    year: int,
    sentence: str,
    explanation: str,
    unit: str | None = None,
) -> Verdict:
    return Verdict(
        status,
        "",
        explanation + " Loggen är en förteckning, inte ett urval, så "
        "det finns ingen slumpmässig osäkerhet att ange.",
        sentence,
        None,
        value,
        unit or case.indicator.unit,
        None,
        _target_json(case),
        judged_year=year,
    )


def _every_iso_week(
    case: _Case, rule: EveryIsoWeek, dates: list[tuple[dt.date, float]], year: int
) -> Verdict:
    if not_begun := _not_begun(case, year):
        return not_begun
    weeks_in_year = dt.date(year, 12, 28).isocalendar().week
    held = {d.isocalendar().week for d, _ in dates if d.isocalendar().year == year}
    missing = [w for w in range(1, weeks_in_year + 1) if w not in held]
    names = {p.id: p.short_name.lower() for p in case.agreement.parties}
    who = join_words([names.get(p, p) for p in rule.parties])
    sentence = (
        f"{case.indicator.label} med {who} hölls {len(held)} av {weeks_in_year} "
        f"veckor {year}" + (f"; {_weeks_text(missing)} saknas." if missing else ".")
    )
    explanation = (
        f"Regel: varje ISO-vecka ska ha ett {case.indicator.label} där {who} deltog. "
        f"{year} har {weeks_in_year} ISO-veckor; {len(held)} har ett sådant möte i "
        "aktivitetsloggen."
    )
    if _year_running(case, year, iso=True):
        return _running_weeks(
            case, year, dates, missing, held, weeks_in_year, sentence, explanation
        )
    if year not in case.evidence.log_years:
        return _cannot_judge(
            case, "loggen saknas", f"Aktivitetsloggen har inga poster alls för {year}.", year
        )
    status = Status.EJ_UPPNATT if missing else Status.UPPNATT
    return _logged(case, status, len(held), year, sentence, explanation, "veckor")


def _running_weeks(
    case: _Case,
    year: int,
    dates: list[tuple[dt.date, float]],
    missing: list[int],
    held: set[int],
    weeks_in_year: int,
    sentence: str,
    explanation: str,
) -> Verdict:
    """A week before the latest logged entry without a meeting decides the year."""
    latest = max(
        [d for d, _ in dates] + ([case.evidence.log_latest] if case.evidence.log_latest else []),
        default=None,
    )
    past = [w for w in missing if latest and dt.date.fromisocalendar(year, w, 7) < latest]
    if past:
        return _logged(
            case,
            Status.EJ_UPPNATT,
            len(held),
            year,
            sentence,
            explanation + f" Året pågår, men {_weeks_text(past)} har redan passerat "
            "utan möte, så målet kan inte längre nås.",
            "veckor",
        )
    return _cannot_judge(
        case,
        "året pågår",
        f"{year} pågår. {len(held)} av {weeks_in_year} veckor har haft möte "
        "hittills, och ingen vecka har missats.",
        year,
        value=len(held),
    )


def _weeks_text(weeks: list[int]) -> str:
    shown = [str(w) for w in weeks[:8]]
    if len(weeks) > 8:
        return f"veckorna {', '.join(shown)} och {len(weeks) - 8} veckor till"
    return ("vecka " if len(weeks) == 1 else "veckorna ") + join_words(shown)
