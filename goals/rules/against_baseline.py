"""A value against the same value in a baseline year, the judgement the comparison and the
change-from-baseline rules share: which is lower, and is the difference beyond chance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from goals.forecast import series_dispersion
from goals.rules.base import Case
from goals.rules.verdicts import (
    cannot_judge,
    design_effect_words,
    dispersion_words,
    preliminary_note,
    reason_words,
    small_sample_note,
)
from goals.series import Measurement, count_measurements, count_years, measurements
from goals.status import Qualifier, Status, Verdict
from goals.words import (
    change_interval_text,
    difference_text,
    interval_text,
    p_text,
    value_text,
)
from indicators.kinds import Measure
from indicators.lazy import lazy_module
from indicators.statistics import load_statistics

# scipy and statsmodels load when a verdict first needs them, not when an agreement is read.
if TYPE_CHECKING:
    from goals import stats
else:
    stats = lazy_module("goals.stats")

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
    tested = _change_test(case, baseline, wave)
    p = tested.p
    qualifier = (
        None
        if p is None
        else (Qualifier.SAKERSTALLT if p < SIGNIFICANCE else Qualifier.INOM_FELMARGINAL)
    )
    counted = case.indicator.measure == Measure.ANTAL
    preliminary = wave.preliminary or baseline.preliminary
    change = difference_text(baseline.value, wave.value, case.indicator.measure)
    verdict_words = ""
    if p is not None and qualifier is not None:
        beside = ", ".join(filter(None, [tested.change_words, p_text(p)]))
        verdict_words = (
            f"; skillnaden är statistiskt säkerställd ({beside})"
            if qualifier is Qualifier.SAKERSTALLT
            else f"; skillnaden ligger {qualifier.words(counted)} ({beside})"
        )
    sentence = (
        f"{case.subject} var {case.text(wave.value)} år {wave.year} mot "
        f"{case.text(baseline.value)} år {baseline.year}, {change}{verdict_words}."
        f"{note}{tested.small_sample}" + (" Siffrorna är preliminära." if preliminary else "")
    )
    explanation = (
        f"Regel: värdet ska vara {'lägre' if direction == 'lower' else 'högre'} än "
        f"{baseline_year} års ({case.text(baseline.value)}, {baseline.file}). "
        f"{wave.year}: {case.text(wave.value)} ({wave.file}).{note} {tested.method}"
        f"{tested.small_sample}" + preliminary_note(preliminary)
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        reason_words(qualifier, preliminary, counted),
        explanation,
        sentence,
        qualifier,
        wave.value,
        case.indicator.unit,
        tested.level_interval,
        case.target.rule.target_json(),
        {"year": baseline.year, "value": baseline.value},
        judged_year=wave.year,
        preliminary=preliminary,
        dispersion=tested.dispersion,
        change_ci=tested.change_interval,
    )


@dataclass(frozen=True)
class ChangeTest:
    """A change between two years: its p, the interval of the change itself (a ratio for
    counts, a difference in percentage points for shares) and the later level's interval."""

    p: float | None
    method: str
    level_interval: tuple[float, float] | None = None
    change_interval: tuple[float, float] | None = None
    change_words: str = ""  # '95 % intervall för förändringen −6,4 till +0,4 procentenheter'
    dispersion: float | None = None
    small_sample: str = ""


def _change_test(case: Case, baseline: Measurement, wave: Measurement) -> ChangeTest:
    measure = case.indicator.measure
    if measure == Measure.ANTAL:
        return _count_change(case, baseline, wave)
    if measure != Measure.ANDEL_PCT:
        return ChangeTest(None, "Måttet har ingen känd spridning, så osäkerheten kan inte anges.")
    if not (baseline.n and wave.n):
        return ChangeTest(
            None,
            "Antalet svarande saknas för minst en av mätningarna, så osäkerheten kan inte anges.",
        )
    return _share_change(case, baseline, wave, baseline.n, wave.n)


def _count_change(case: Case, baseline: Measurement, wave: Measurement) -> ChangeTest:
    spread = series_dispersion(case.indicator.id, count_years(case.rows))
    phi = spread.phi
    p = stats.count_change_p(baseline.value, wave.value, phi)
    ratio = stats.count_ratio_interval(baseline.value, wave.value, phi)
    words = (
        f"95 % intervall för förändringen {change_interval_text(ratio, 'antal')}" if ratio else ""
    )
    tested = p_text(p) if p is not None else "båda är noll, så det finns inget att pröva"
    return ChangeTest(
        p,
        f"Skillnaden mellan två antal prövas med ett exakt villkorat Poissontest på antalen "
        f"delade med φ: {tested}"
        + (f"; {words} (kvoten mellan åren, ur samma test)" if words else "")
        + f". {dispersion_words(spread, case.indicator.label)}",
        stats.count_interval(wave.value, phi),
        ratio,
        words,
        phi,
    )


def _share_change(
    case: Case, baseline: Measurement, wave: Measurement, baseline_n: float, wave_n: float
) -> ChangeTest:
    deff = load_statistics().design_effect_for(case.indicator.source)
    p = stats.share_change_p(baseline.value, baseline_n, wave.value, wave_n, deff)
    level = stats.wilson_interval(wave.value, wave_n, deff)
    change = stats.share_difference_interval(baseline.value, baseline_n, wave.value, wave_n, deff)
    words = (
        f"95 % intervall för förändringen {change_interval_text(change, 'andel_pct')}"
        if change
        else ""
    )
    tested = (
        p_text(p) if p is not None else "kan inte beräknas när båda andelarna är 0 % eller 100 %"
    )
    return ChangeTest(
        p,
        (
            f"Varje mätning ses som ett nytt urval (n = {value_text(wave_n, 'antal')} år "
            f"{wave.year} och {value_text(baseline_n, 'antal')} år {baseline.year}; "
            f"{design_effect_words(deff)}). "
            f"Skillnaden prövas med score-test för två andelar, tvåsidigt på 5 % nivå: {tested}"
            + (f"; {words}" if words else "")
            + f". Nivån {wave.year} för sig har Wilsonintervallet "
            f"{interval_text(level, 'andel_pct')}; om förändringen säger intervallet för "
            "förändringen."
        ),
        level,
        change,
        words,
        None,
        small_sample_note(min(baseline_n, wave_n) / deff, level),
    )
