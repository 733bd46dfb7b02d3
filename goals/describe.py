"""What a target's rule means, in one or two plain Swedish sentences."""

from __future__ import annotations

from goals.models import Agreement, Target
from goals.rules import (
    ActivityPerYear,
    ChangeFromBaseline,
    Comparison,
    EveryIsoWeek,
    ThresholdEveryYear,
)
from goals.words import DIRECTION_WORDS, OP_SHORT, join_words
from indicators.catalogue import Catalogue, Indicator
from indicators.numbers import format_number

KIND_LABELS = {"effektmal": "Effektmål", "produktionsmal": "Produktionsmål"}


def describe_target(target: Target, agreement: Agreement, catalogue: Catalogue) -> str:
    """E.g. 'Antalet polisanmälda bostadsinbrott i Trelleborgs kommun ska vara under 100 …'."""
    indicator = catalogue.indicator(target.indicator)
    subject = _subject(target, indicator, catalogue)
    first, last = agreement.period
    years = f"{first}–{last}"
    match target.rule:
        case ThresholdEveryYear(op=op, value=value):
            each = "varje kalenderår" if indicator.measure == "antal" else "varje mätår"
            limit = _value(value, indicator)
            text = f"{subject} ska vara {OP_SHORT[op]} {limit} {each} {years}."
            if op == "<":
                text += f" Understiga är strikt: exakt {limit} räcker inte."
            if indicator.measure == "index_0_6":
                text += " Indexet har skalan 0–6 och bedöms som det publiceras, utan avrundning."
            return text
        case Comparison() as rule:
            text = (
                f"{subject} ska vara {DIRECTION_WORDS[rule.direction]} i "
                f"{rule.intended_year} års mätning än i {rule.baseline_year} års mätning."
            )
            if rule.fallback == "nearest_later_wave":
                text += (
                    f" Finns ingen mätning {rule.intended_year} används närmast följande "
                    f"mätning till och med {last + 1}, och bedömningen säger det."
                )
            return text
        case ChangeFromBaseline() as rule:
            return (
                f"{subject} ska vara {DIRECTION_WORDS[rule.direction]} än i "
                f"{rule.baseline_year} års mätning, bedömt varje mätår {years}."
            )
        case ActivityPerYear(min=minimum):
            how_many = (
                f"en {indicator.label.lower()}" if minimum == 1 else f"{minimum} {indicator.unit}"
            )
            return (
                f"Minst {how_many} per kalenderår {years} enligt aktivitetsloggen. Ett år som "
                "loggen täcker utan en sådan aktivitet räknas som noll och är inte uppnått."
            )
        case EveryIsoWeek(parties=parties):
            names = {p.id: p.short_name for p in agreement.parties}
            who = join_words([names[p] for p in parties])
            return (
                f"Varje ISO-vecka {years} (52 eller 53 veckor per år) ska ha ett "
                f"{indicator.label} där {who} deltog, enligt aktivitetsloggen. Värdet är "
                "antalet veckor med ett sådant möte av årets veckor."
            )
    raise TypeError(f"no description for rule {target.rule!r}")


def _subject(target: Target, indicator: Indicator, catalogue: Catalogue) -> str:
    place = target.geography.name
    label = indicator.label.lower()
    match indicator.measure:
        case "antal":
            return f"Antalet polisanmälda {label} i {place}"
        case "index_0_6":
            return f"Indexet för ”{indicator.label}”, {place} totalt,"
        case "andel_pct" if target.breakdown:
            group = catalogue.breakdown_label(target.breakdown)
            return f"Andelen elever i {group} i {place} som svarar ”{label}” (båda könen)"
        case _:
            return f"Andelen invånare som svarar ”{label}”, {place} totalt,"


def _value(value: float, indicator: Indicator) -> str:
    return format_number(value, 2 if indicator.measure == "index_0_6" else 0)


def target_label(target: Target, catalogue: Catalogue) -> str:
    """'Använder tobak, åk 6' — the indicator, narrowed by the breakdown when there is one."""
    label = catalogue.indicator(target.indicator).label
    return f"{label}, {catalogue.breakdown_label(target.breakdown)}" if target.breakdown else label
