"""Threshold every year: the value must be on the right side of a threshold in every year of the
period ('understiga 100 inbrott/år', 'högst en tvåa i utfall').

A count is judged per calendar year: a complete year against its exact Poisson interval widened by
the series' dispersion φ, a year already decided directly (qualifier `avgjort`), fewer than three
months not at all, a partial year by a gamma–Poisson forecast on the seasonal profile and a year
not yet begun by a level or trend forecast (goals/forecast.py). A survey value is judged per survey
year, with a Wilson interval when it has n.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from goals.coverage import (
    Coverage,
    RelatedCount,
    codes_coverage,
    missing_codes,
    months_coverage,
    related_counts,
    related_coverage,
)
from goals.dispersion import Dispersion
from goals.forecast import (
    MIN_MONTHS,
    complete_years_before,
    project_partial_year,
    project_year_ahead,
    same_months_before,
    series_dispersion,
    too_early,
)
from goals.points import YearPoint, count_points, survey_points
from goals.rules.base import Case, ReferenceLine, RuleType
from goals.rules.verdicts import (
    cannot_judge,
    design_effect_words,
    dispersion_words,
    no_survey,
    preliminary_note,
    qualifier_from_side,
    reason_words,
    small_sample_note,
)
from goals.series import Measurement, YearCount, count_years, measurements
from goals.status import Qualifier, Status, Verdict
from goals.words import (
    OP_SHORT,
    OP_VERBS,
    interval_text,
    join_words,
    month_name,
    months_text,
    probability_text,
    relation_text,
    value_text,
)
from indicators.code_list import CodeList, load_code_list
from indicators.kinds import Measure
from indicators.lazy import lazy_module
from indicators.numbers import format_number
from indicators.statistics import load_statistics
from indicators.stored import Observation

if TYPE_CHECKING:
    from goals import stats
    from goals.models import Agreement
    from indicators.catalogue import Indicator
else:
    # scipy and statsmodels load when a verdict first needs them, not when an agreement is read.
    stats = lazy_module("goals.stats")

ON_TRACK = 0.8
OFF_TRACK = 0.2


class ThresholdEveryYear(RuleType):
    """The value must be on the right side of a threshold in every year of the period."""

    type: Literal["threshold_every_year"] = Field(description="Regeltypen: tröskel varje år.")
    op: Literal["<", "<=", ">", ">="] = Field(
        description="'<' för 'understiga' (strikt), '<=' för 'högst', '>' och '>=' för golv."
    )
    value: int | float = Field(description="Tröskelvärdet, i indikatorns mått.")

    def series(self, case: Case) -> CountSeries | Mapping[int, Measurement]:
        if case.indicator.measure == Measure.ANTAL:
            return count_series(case)
        return measurements(case.rows)

    def judge(self, case: Case, series: Any, year: int) -> Verdict:
        if case.indicator.measure == Measure.ANTAL:
            return _count_threshold(case, self, series, year)
        return _survey_threshold(case, self, series, year)

    def points(self, rows: Sequence[Observation], measure: Measure) -> list[YearPoint]:
        return count_points(rows) if measure == Measure.ANTAL else survey_points(rows, measure)

    def describe(self, subject: str, indicator: Indicator, agreement: Agreement) -> str:
        first, last = agreement.period
        each = "varje kalenderår" if indicator.measure == Measure.ANTAL else "varje mätår"
        limit = format_number(self.value, 2 if indicator.measure == Measure.INDEX_0_6 else 0)
        text = f"{subject} ska vara {OP_SHORT[self.op]} {limit} {each} {first}–{last}."
        if self.op == "<":
            text += f" Understiga är strikt: exakt {limit} räcker inte."
        if indicator.measure == Measure.INDEX_0_6:
            text += " Indexet har skalan 0–6 och bedöms som det publiceras, utan avrundning."
        return text

    def target_json(self) -> dict[str, Any]:
        return {"op": self.op, "value": self.value}

    def reference_line(self, period: tuple[int, int], measure: Measure) -> ReferenceLine:
        limit = f"{OP_SHORT[self.op]} {value_text(self.value, measure)}"
        return ReferenceLine(f"Målet: {limit}", self.value, f"Mål: {limit}")

    def threshold(self) -> float:
        return self.value


# Counts: threshold every calendar year -------------------------------------------------------


@dataclass(frozen=True)
class CountSeries:
    """A count target's years, read once, with the dispersion of its monthly series."""

    years: Mapping[int, YearCount]
    dispersion: Dispersion
    codes: CodeList
    missing_codes: Mapping[int, tuple[str, ...]]  # per year, the codes the source lacks
    related: Mapping[int, list[RelatedCount]]  # per year, compared series when there are any


def count_series(case: Case) -> CountSeries:
    """A count target's yearly counts with their dispersion, code coverage and related series."""
    counts = count_years(case.rows)
    codes = load_code_list(case.catalogue)
    return CountSeries(
        counts,
        series_dispersion(case.indicator.id, counts),
        codes,
        missing_codes(case.rows, case.indicator.id, codes, counts),
        related_counts(case),
    )


def count_verdict(case: Case, rule: ThresholdEveryYear, series: CountSeries, year: int) -> Verdict:
    """A count's verdict for a year against a threshold: complete, decided, too early, partial
    (forecast), ahead (forecast), a lower bound or without data. Other count rules that hold a
    year against a level (a baseline year's count) judge through this."""
    return _count_threshold(case, rule, series, year)


def _count_threshold(
    case: Case, rule: ThresholdEveryYear, series: CountSeries, year: int
) -> Verdict:
    counted = series.years.get(year)
    if counted is None and year in series.related:
        return _other_measures_only(case, rule, series.related[year], year)
    if counted is None:
        return _count_without_data(case, rule, series, year)
    if year in series.missing_codes:
        return _lower_bound(case, rule, counted, series)
    if counted.complete:
        return _complete_count(case, rule, counted, series.dispersion)
    if _already_decided(rule, counted.value):
        return _decided_count(case, rule, counted, series.dispersion)
    if too_early(counted):
        return _too_early(case, rule, counted, series)
    return _projected_count(case, rule, counted, series)


def _rule_words(case: Case, rule: ThresholdEveryYear) -> str:
    return f"{OP_VERBS[rule.op]} {case.text(rule.value)}"


def _complete_count(
    case: Case, rule: ThresholdEveryYear, counted: YearCount, spread: Dispersion
) -> Verdict:
    interval = stats.count_interval(counted.value, spread.phi)
    met = stats.meets(counted.value, rule.op, rule.value)
    qualifier = qualifier_from_side(stats.interval_side(interval, rule.op, rule.value))
    basis = "årsuppgift" if counted.basis == "år" else f"summan av {len(counted.covered)} månader"
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
        f"{join_words(list(counted.files))}). Ett års antal varierar av slumpen. "
        f"{dispersion_words(spread, case.indicator.label)} 95 % intervall (exakt "
        f"Poissonintervall enligt Garwood, vidgat med φ): {interval_text(interval, 'antal')}; "
        f"{side}." + preliminary_note(counted.preliminary)
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
        reason_words(qualifier, counted.preliminary, counted=True),
        explanation,
        sentence,
        qualifier,
        counted.value,
        case.indicator.unit,
        interval,
        rule.target_json(),
        judged_year=counted.year,
        preliminary=counted.preliminary,
        coverage=months_coverage(counted.covered, counted.year),
        dispersion=spread.phi,
    )


def _chance_tail(
    qualifier: Qualifier | None, equal: bool, interval: tuple[float, float] | None, measure: str
) -> str:
    """', men skillnaden ligger inom slumpvariationen (95 % intervall 74–122)'."""
    if qualifier is None or interval is None:
        return ""
    within = "slumpvariationen" if measure == Measure.ANTAL else "felmarginalen"
    words = (
        "och skillnaden är större än slumpvariationen"
        if qualifier is Qualifier.SAKERSTALLT and measure == Measure.ANTAL
        else "och skillnaden är större än felmarginalen"
        if qualifier is Qualifier.SAKERSTALLT
        else f"och utfallet ligger inom {within}"
        if equal
        else f"men skillnaden ligger inom {within}"
    )
    return f", {words} (95 % intervall {interval_text(interval, measure)})"


def _equal_note(case: Case, rule: ThresholdEveryYear, value: float) -> str:
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


def _decided_count(
    case: Case, rule: ThresholdEveryYear, counted: YearCount, spread: Dispersion
) -> Verdict:
    met = stats.meets(counted.value, rule.op, rule.value)
    last = month_name(max(counted.covered))
    outcome = "är redan nått" if met else "kan inte längre nås"
    how = "avgjort enligt preliminära siffror" if counted.preliminary else "avgjort"
    sentence = (
        f"{case.subject} var redan {case.text(counted.value)} efter {last} "
        f"{counted.year}, så målet att {_rule_words(case, rule)} {outcome} för året"
        + (
            ": det är avgjort enligt preliminära siffror, som kan ändras."
            if counted.preliminary
            else "."
        )
    )
    explanation = (
        f"Året {counted.year} är inte slut i data ({len(counted.covered)} av 12 månader), men "
        f"antalet kan bara öka: med {case.text(counted.value)} {case.indicator.unit} hittills "
        f"{outcome} målet att {_rule_words(case, rule)}. Bedömningen är därför avgjord, vilket "
        "inte är detsamma som säkerställd mot slumpen: den säger vad som hänt, inte vad som "
        "brukar hända." + preliminary_note(counted.preliminary)
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        how,
        explanation,
        sentence,
        Qualifier.AVGJORT,
        counted.value,
        case.indicator.unit,
        None,
        rule.target_json(),
        judged_year=counted.year,
        preliminary=counted.preliminary,
        coverage=months_coverage(counted.covered, counted.year),
        dispersion=spread.phi,
    )


def _lower_bound(
    case: Case, rule: ThresholdEveryYear, counted: YearCount, series: CountSeries
) -> Verdict:
    """A count without some of the indicator's codes is at most the true count: it can show
    that a ceiling is passed (or a floor reached), never that the goal holds."""
    coverage = codes_coverage(series.missing_codes[counted.year], series.codes, counted.files)
    absent = len(series.missing_codes[counted.year])
    source = join_words(list(counted.files))
    months = "" if counted.complete else f" under {months_text(counted.covered)}"
    if _already_decided(rule, counted.value):
        met = stats.meets(counted.value, rule.op, rule.value)
        outcome = "är målet redan nått" if met else "kan målet inte nås"
        sentence = (
            f"{case.subject} var minst {case.text(counted.value)}{months} år {counted.year} "
            f"enligt {source}, som saknar {absent} av indikatorns brottskoder; redan med dem "
            f"{outcome} att {_rule_words(case, rule)}."
            + (" Siffrorna är preliminära." if counted.preliminary else "")
        )
        explanation = (
            f"{coverage.note} Fler koder kan bara göra antalet större, så redan "
            f"{case.text(counted.value)} {case.indicator.unit} avgör att målet att "
            f"{_rule_words(case, rule)} {'nås' if met else 'inte nås'} {counted.year}. "
            "Bedömningen är avgjord, inte säkerställd mot slumpen."
            + preliminary_note(counted.preliminary)
        )
        return Verdict(
            Status.UPPNATT if met else Status.EJ_UPPNATT,
            "avgjort enligt preliminära siffror" if counted.preliminary else "avgjort",
            explanation,
            sentence,
            Qualifier.AVGJORT,
            counted.value,
            case.indicator.unit,
            None,
            rule.target_json(),
            judged_year=counted.year,
            preliminary=counted.preliminary,
            coverage=coverage,
            dispersion=series.dispersion.phi,
        )
    return cannot_judge(
        case,
        "brottskoder saknas",
        f"{coverage.note} {case.text(counted.value)} {case.indicator.unit}{months} är bara en "
        f"nedre gräns, och en nedre gräns kan visa att målet att {_rule_words(case, rule)} inte "
        "nås, men aldrig att det nås. Läs in en export med alla indikatorns brottskoder.",
        counted.year,
        value=counted.value,
        preliminary=counted.preliminary,
        coverage=coverage,
        dispersion=series.dispersion.phi,
    )


def _other_measures_only(
    case: Case, rule: ThresholdEveryYear, found: list[RelatedCount], year: int
) -> Verdict:
    """Only series that are not the goal's: parts of it add up to a lower bound that can decide
    a ceiling is passed; a wider or other definition is a different measure and decides nothing."""
    coverage = related_coverage(case.indicator, found, year)
    parts = [f.count for f in found if f.relation == "del"]
    lower = sum(c.value for c in parts)
    preliminary = any(c.preliminary for c in parts)
    if parts and _already_decided(rule, lower):
        met = stats.meets(lower, rule.op, rule.value)
        sentence = (
            f"{case.subject} var minst {case.text(lower)} år {year}: bara delar av serien finns, "
            f"och redan de {'når målet' if met else 'gör att målet inte kan nås'} att "
            f"{_rule_words(case, rule)}." + (" Siffrorna är preliminära." if preliminary else "")
        )
        return Verdict(
            Status.UPPNATT if met else Status.EJ_UPPNATT,
            "avgjort enligt preliminära siffror" if preliminary else "avgjort",
            f"{coverage.note} Delarna kan bara vara mindre än helheten, så redan "
            f"{case.text(lower)} avgör året. Bedömningen är avgjord, inte säkerställd mot slumpen."
            + preliminary_note(preliminary),
            sentence,
            Qualifier.AVGJORT,
            lower,
            case.indicator.unit,
            None,
            rule.target_json(),
            judged_year=year,
            preliminary=preliminary,
            coverage=coverage,
        )
    return cannot_judge(
        case,
        "annat mått" if not parts else "bara delar av serien",
        f"{coverage.note} En del av serien kan visa att målet att {_rule_words(case, rule)} "
        "inte nås, men aldrig att det nås, och ett annat mått används aldrig i målets ställe.",
        year,
        coverage=coverage,
    )


def _too_early(
    case: Case, rule: ThresholdEveryYear, counted: YearCount, series: CountSeries
) -> Verdict:
    """Fewer than three months say too little about a whole year: no status, last year beside."""
    months = months_text(counted.covered)
    before = same_months_before(counted, series.years)
    running = counted.year >= case.today.year
    beside = (
        f" Samma månader {counted.year - 1}: {case.text(before)}."
        if before is not None
        else f" Samma månader {counted.year - 1} finns inte att jämföra med."
    )
    return cannot_judge(
        case,
        "för tidigt på året" if running else "för få månader",
        f"{counted.year} har bara siffror för {months}: {case.text(counted.value)} "
        f"{case.indicator.unit}. Det är för lite för att säga något om hela året; en prognos "
        f"görs från {MIN_MONTHS} månader.{beside}",
        counted.year,
        value=counted.value,
        compared_with={"year": counted.year - 1, "value": before} if before is not None else None,
        preliminary=counted.preliminary,
        coverage=months_coverage(counted.covered, counted.year),
        dispersion=series.dispersion.phi,
    )


def _projected_count(
    case: Case, rule: ThresholdEveryYear, counted: YearCount, series: CountSeries
) -> Verdict:
    spread = series.dispersion
    projection = project_partial_year(counted, series.years, rule.op, rule.value, spread.phi)
    forecast = projection.forecast
    history = projection.history_years
    profile = (
        f"säsongsmönstret från {history} tidigare år"
        if history
        else "lika stora månader, eftersom månadssiffror från tidigare år saknas"
    )
    months = months_text(counted.covered)
    sentence = (
        f"{case.subject} var {case.text(counted.value)} under {months} {counted.year}. "
        f"Enligt prognosen, om takten håller i sig, blir det {_about(case, forecast.expected)} "
        f"för hela året (95 % prognosintervall {interval_text(forecast.interval, 'antal')}, "
        f"med {profile}); sannolikheten att {_rule_words(case, rule)} är "
        f"{probability_text(forecast.probability)}."
        + (" Siffrorna är preliminära." if counted.preliminary else "")
    )
    explanation = (
        f"Året {counted.year} har siffror för {len(counted.covered)} av 12 månader ({months}), "
        f"så året bedöms med en prognos. Månaderna som finns "
        f"{'brukar' if history else 'antas'} stå för {format_share(projection.share)} av ett år "
        f"({profile}; ett kort underlag dras mot lika stora månader). Prognosen räknar med att "
        "takten hittills bara är en skattning: årets takt har en gammafördelning, och "
        "månaderna som återstår blir då negativt binomialfördelade (gamma–Poisson). "
        f"{dispersion_words(spread, case.indicator.label)} Sannolikheten att antalet ska "
        f"{_rule_words(case, rule)} är {probability_text(forecast.probability)}: På väg vid "
        "minst 80 %, Osäkert vid 20–80 %, Inte på väg under 20 %."
        + preliminary_note(counted.preliminary)
    )
    return _forecast_verdict(
        case,
        rule,
        forecast,
        explanation,
        sentence,
        counted.value,
        counted.year,
        counted.preliminary,
        months_coverage(counted.covered, counted.year),
    )


def _about(case: Case, expected: float) -> str:
    """'omkring 96'; a forecast never says it expects exactly nothing."""
    if expected < 0.5:
        return f"nära noll {case.indicator.unit}"
    return f"omkring {case.text(round(expected))} {case.indicator.unit}"


def format_share(share: float) -> str:
    return value_text(round(share * 100), "andel_pct")


def _forecast_verdict(
    case: Case,
    rule: ThresholdEveryYear,
    forecast: stats.Forecast,
    explanation: str,
    sentence: str,
    value: float | None,
    year: int,
    preliminary: bool,
    coverage: Coverage | None,
) -> Verdict:
    status = (
        Status.PA_VAG
        if forecast.probability >= ON_TRACK
        else Status.OSAKERT
        if forecast.probability >= OFF_TRACK
        else Status.INTE_PA_VAG
    )
    reason = ", ".join(["prognos"] + (["preliminära siffror"] if preliminary else []))
    return Verdict(
        status,
        reason,
        explanation,
        sentence,
        None,  # a forecast's certainty is its probability, not a side of an interval
        value,
        case.indicator.unit,
        forecast.interval,
        rule.target_json(),
        judged_year=year,
        probability=forecast.probability,
        preliminary=preliminary,
        projected=forecast.expected,
        coverage=coverage,
        dispersion=forecast.dispersion,
    )


def _count_without_data(
    case: Case, rule: ThresholdEveryYear, series: CountSeries, year: int
) -> Verdict:
    counts = series.years
    ahead = year >= case.today.year and all(y < year for y in counts)
    if not ahead:
        return cannot_judge(
            case, "data saknas", f"Det finns inga siffror för {year} från {case.source}.", year
        )
    complete = complete_years_before(counts, year)
    forecast = project_year_ahead(counts, year, rule.op, rule.value, series.dispersion.phi)
    if forecast is None:
        return cannot_judge(
            case,
            "året har inte börjat i data",
            f"Det finns inga siffror för {year} ännu, och {len(complete)} hela år före är för "
            f"få för en prognos (minst {stats.MIN_YEARS_AHEAD} behövs).",
            year,
        )
    span = f"{complete[0]}–{complete[-1]}"
    model = "trenden" if forecast.method == "trend" else "nivån"
    sentence = (
        f"Det finns inga siffror för {year} ännu. Enligt prognosen, om {model} {span} håller i "
        f"sig, blir det {_about(case, forecast.expected)} (95 % prognosintervall "
        f"{interval_text(forecast.interval, 'antal')}); sannolikheten att "
        f"{_rule_words(case, rule)} är {probability_text(forecast.probability)}."
    )
    method = (
        f"en log-linjär trend (kvasi-Poisson) på de {len(complete)} hela åren {span}; "
        "osäkerheten i trendens nivå och lutning ingår i prognosen"
        if forecast.method == "trend"
        else f"nivån för de {len(complete)} hela åren {span}, utan lutning (en trend kräver "
        f"minst {stats.TREND_YEARS} hela år och en rimlig lutning); osäkerheten i nivån ingår"
    )
    explanation = (
        f"{year} har inga siffror ännu, så året bedöms med en prognos från {method}. "
        f"Slumpvariationen räknas med överspridning φ = {format_number(forecast.dispersion, 2)} "
        f"(det största av seriens månadsvärde, "
        f"{format_number(series.dispersion.phi, 2)}, och årens egen spridning). "
        f"Sannolikheten att antalet ska {_rule_words(case, rule)} är "
        f"{probability_text(forecast.probability)}: På väg vid minst 80 %, Osäkert vid 20–80 %, "
        "Inte på väg under 20 %."
    )
    return _forecast_verdict(case, rule, forecast, explanation, sentence, None, year, False, None)


# Surveys: a threshold every survey year --------------------------------------------------------


def _survey_threshold(
    case: Case, rule: ThresholdEveryYear, values: Mapping[int, Measurement], year: int
) -> Verdict:
    found = values.get(year)
    if found is None:
        return no_survey(case, values, year)
    met = stats.meets(found.value, rule.op, rule.value)
    interval, qualifier, uncertainty = _survey_uncertainty(case, found, rule)
    explanation = (
        f"Regel: värdet ska {_rule_words(case, rule)} varje mätår, som det publiceras utan "
        f"avrundning. {year}: {case.text(found.value)} ({found.file}). {uncertainty}"
        + preliminary_note(found.preliminary)
    )
    measure = case.indicator.measure
    sentence = (
        f"{case.subject} var {case.text(found.value)} år {year}, "
        f"{relation_text(found.value, rule.value, measure)}"
        f"{_equal_note(case, rule, found.value)}"
        f"{_chance_tail(qualifier, found.value == rule.value, interval, measure)}."
        + (small_sample_note(found.n, interval) if found.n and interval else "")
        + (" Siffran är preliminär." if found.preliminary else "")
    )
    return Verdict(
        Status.UPPNATT if met else Status.EJ_UPPNATT,
        reason_words(qualifier, found.preliminary),
        explanation,
        sentence,
        qualifier,
        found.value,
        case.indicator.unit,
        interval,
        rule.target_json(),
        judged_year=year,
        preliminary=found.preliminary,
    )


def _survey_uncertainty(
    case: Case, found: Measurement, rule: ThresholdEveryYear
) -> tuple[tuple[float, float] | None, Qualifier | None, str]:
    if case.indicator.measure == Measure.INDEX_0_6:
        return None, None, "Indexet publiceras utan spridningsmått, så osäkerheten kan inte anges."
    if case.indicator.measure != Measure.ANDEL_PCT or not found.n:
        return None, None, "Antalet svarande saknas i exporten, så osäkerheten kan inte anges."
    deff = load_statistics().design_effect_for(case.indicator.source)
    interval = stats.wilson_interval(found.value, found.n, deff)
    qualifier = qualifier_from_side(stats.interval_side(interval, rule.op, rule.value))
    return (
        interval,
        qualifier,
        (
            f"Wilsonintervall 95 % med n = {value_text(found.n, 'antal')} "
            f"({design_effect_words(deff)}): {interval_text(interval, 'andel_pct')}."
            + small_sample_note(found.n / deff, interval)
        ),
    )
