"""What a target's rule means, in one or two plain Swedish sentences."""

from __future__ import annotations

from goals.models import Agreement, Target
from indicators.catalogue import Catalogue, Indicator
from indicators.kinds import Measure

KIND_LABELS = {"effektmal": "Effektmål", "produktionsmal": "Produktionsmål"}


def describe_target(target: Target, agreement: Agreement, catalogue: Catalogue) -> str:
    """E.g. 'Antalet polisanmälda bostadsinbrott i Trelleborgs kommun ska vara under 100 …'."""
    indicator = catalogue.indicator(target.indicator)
    return target.rule.describe(_subject(target, indicator, catalogue), indicator, agreement)


def _subject(target: Target, indicator: Indicator, catalogue: Catalogue) -> str:
    place = target.geography.name
    label = indicator.label.lower()
    match indicator.measure:
        case Measure.ANTAL:
            return f"Antalet polisanmälda {label} i {place}"
        case Measure.INDEX_0_6:
            return f"Indexet för ”{indicator.label}”, {place} totalt,"
        case Measure.ANDEL_PCT if target.breakdown:
            group = catalogue.breakdown_label(target.breakdown)
            return f"Andelen elever i {group} i {place} som svarar ”{label}” (båda könen)"
        case _:
            return f"Andelen invånare som svarar ”{label}”, {place} totalt,"


def target_label(target: Target, catalogue: Catalogue) -> str:
    """'Använder tobak, åk 6' — the indicator, narrowed by the breakdown when there is one."""
    label = catalogue.indicator(target.indicator).label
    return f"{label}, {catalogue.breakdown_label(target.breakdown)}" if target.breakdown else label
