"""A value against the same value in a baseline year, the judgement the comparison and the
change-from-baseline rules share: which is lower, and is the difference beyond chance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from goals import stats
from goals.rules.base import Case
from goals.rules.verdicts import cannot_judge, preliminary_note, reason_words
from goals.series import Measurement, count_measurements, measurements
from goals.status import Qualifier, Status, Verdict
from goals.words import difference_text, interval_text, p_text, value_text
from indicators.kinds import Measure

SIGNIFICANCE = 0.05
Direction = Literal["lower", "higher"]


def yearly_values(case: Case) -> dict[int, Measurement]:
    """The complete years of a count, or the survey's yearly values."""
    if case.indicator.measure == Measure.ANTAL:
        return count_measurements(case.rows)
    return measurements(case.rows)


def against_baseline(
    case: Case,
    direction: Direction,
    baseline_year: int,
    values: Mapping[int, Measurement],
    wave: Measurement,
    note: str,
) -> Verdict:
    baseline = values.get(baseline_year)
    if baseline is None:
        return cannot_judge(
            case,
            f"mätningen {baseline_year} saknas",
            f"Jämförelseårets mätning ({baseline_year}) från {case.source} har inte lästs in.",
            wave.year,
        )
    met = wave.value < baseline.value if direction == "lower" else wave.value > baseline.value
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
        f"Regel: värdet ska vara {'lägre' if direction == 'lower' else 'högre'} än "
        f"{baseline_year} års ({case.text(baseline.value)}, {baseline.file}). "
        f"{wave.year}: {case.text(wave.value)} ({wave.file}).{note} {method}"
        + preliminary_note(preliminary)
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        reason_words(qualifier, preliminary),
        explanation,
        sentence,
        qualifier,
        wave.value,
        case.indicator.unit,
        interval,
        case.target.rule.target_json(),
        {"year": baseline.year, "value": baseline.value},
        judged_year=wave.year,
        preliminary=preliminary,
    )


def _change_test(
    case: Case, baseline: Measurement, wave: Measurement
) -> tuple[float | None, tuple[float, float] | None, str]:
    measure = case.indicator.measure
    if measure == Measure.ANTAL:
        p = stats.count_change_p(baseline.value, wave.value)
        tested = f"{p_text(p)}" if p is not None else "båda är noll, så det finns inget att pröva"
        return (
            p,
            stats.count_interval(wave.value),
            (f"Skillnaden mellan två antal prövas med ett exakt villkorat Poissontest: {tested}."),
        )
    if measure != Measure.ANDEL_PCT:
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
