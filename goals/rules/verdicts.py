"""Verdict pieces more than one rule type writes: 'kan inte bedömas' with its reason, the
qualifier against chance, the preliminary note, and the activity log's verdicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from goals.dispersion import Dispersion
from goals.rules.base import Case
from goals.series import Measurement
from goals.status import Qualifier, Status, Verdict
from goals.words import PRELIMINARY_FIGURES, join_words, lower_first
from indicators.numbers import format_number


def cannot_judge(case: Case, reason: str, explanation: str, year: int, **numbers: Any) -> Verdict:
    return Verdict(
        Status.KAN_INTE_BEDOMAS,
        reason,
        explanation,
        sentence=f"{case.subject} kan inte bedömas för {year}: {lower_first(explanation)}",
        unit=case.indicator.unit,
        target=case.target.rule.target_json(),
        judged_year=year,
        **numbers,
    )


def no_survey(case: Case, values: Mapping[int, Measurement], year: int) -> Verdict:
    years = join_words([str(y) for y in sorted(values)]) or "inga"
    return cannot_judge(
        case,
        f"ingen mätning {year}",
        f"{case.source} har inget värde för {year} (mätår som finns: {years}).",
        year,
    )


def qualifier_from_side(side: bool | None) -> Qualifier:
    return Qualifier.INOM_FELMARGINAL if side is None else Qualifier.SAKERSTALLT


def reason_words(qualifier: Qualifier | None, preliminary: bool, counted: bool = False) -> str:
    """'inom slumpvariationen, preliminära siffror': the few words after the status label."""
    words = [qualifier.words(counted)] if qualifier else []
    return ", ".join(words + ([PRELIMINARY_FIGURES] if preliminary else []))


def dispersion_words(spread: Dispersion, indicator: str) -> str:
    """The 'Varför?' sentence on overdispersion: what φ is and where it came from."""
    phi = format_number(spread.phi, 2)
    where = {
        "estimated": f"skattad ur seriens {spread.months} månader i hela år (Pearsons χ² kring "
        "säsongsmönstret)",
        "default": f"standardvärdet för {indicator.lower()} i indicators/statistics.yaml, "
        "eftersom seriens historik är för kort för en egen skattning",
        "fixed": f"fast värde för {indicator.lower()} i indicators/statistics.yaml",
    }[spread.basis]
    held = (
        " (skattningen var under 1, och φ hålls på minst 1)"
        if spread.raw is not None and spread.raw < 1
        else ""
    )
    return (
        f"Anmälda brott varierar mer än rent slumpmässigt (serieinbrott, massanmälningar); "
        f"överspridningen φ = {phi} är {where}{held}, och osäkerheten räknas med den."
    )


SMALL_SAMPLE = 30  # respondents
WIDE_INTERVAL = 20  # percentage points


def small_sample_note(n: float, interval: tuple[float, float] | None) -> str:
    """' Underlaget är litet (n = 25 svarande), så andelen är osäker.' where n < 30 or the
    interval is wider than 20 percentage points; else nothing."""
    if n < SMALL_SAMPLE:
        return f" Underlaget är litet (n = {format_number(n)} svarande), så andelen är osäker."
    if interval and interval[1] - interval[0] > WIDE_INTERVAL:
        return (
            " Intervallet är bredare än 20 procentenheter, så andelen är osäker; små skillnader "
            "säger lite."
        )
    return ""


def design_effect_words(deff: float) -> str:
    if deff == 1:
        return "designeffekt 1 enligt indicators/statistics.yaml: som ett obundet slumpurval"
    return (
        f"designeffekt {format_number(deff, 2)} enligt indicators/statistics.yaml: antalet "
        f"svarande räknas som delat med {format_number(deff, 2)}"
    )


def preliminary_note(preliminary: bool) -> str:
    return " Siffrorna är preliminära och kan ändras när de slutliga kommer." if preliminary else ""


# The activity log is a register, not a sample: its verdicts carry no uncertainty. -----------


def year_running(case: Case, year: int, iso: bool = False) -> bool:
    return year >= (case.today.isocalendar().year if iso else case.today.year)


def not_begun(case: Case, year: int) -> Verdict | None:
    if year <= case.today.year:
        return None
    return cannot_judge(case, "året har inte börjat", f"{year} har inte börjat ännu.", year)


def log_missing(case: Case, year: int) -> Verdict | None:
    if year in case.evidence.log_years:
        return None
    return cannot_judge(
        case, "loggen saknas", f"Aktivitetsloggen har inga poster alls för {year}.", year
    )


def logged(
    case: Case,
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
        case.target.rule.target_json(),
        judged_year=year,
    )
