"""Does a count hold the whole of its indicator's definition for a year?

A police extract with 4 of the 8 skadegörelse codes, a file that stops in June, or a SOL label
defined differently from the code list gives a number that is not the goal's number. Such a count
is named as incomplete: with codes or a definition missing it is a lower bound (it can decide that
an "under" threshold fails, never that it holds); with months missing the rest of the year is a
forecast. `status --json` writes it as "coverage".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from goals.series import YearCount, count_years
from goals.words import join_words, months_text, value_text
from indicators.code_list import CodeList
from indicators.kinds import Measure
from indicators.stored import Observation

if TYPE_CHECKING:  # the rule types' Case holds the evidence, which holds coverage's users
    from goals.rules.base import Case
    from indicators.catalogue import Indicator

RELATION_WORDS = {
    "del": "en del av",
    "vidare": "vidare än",
    "annan": "ett annat mått än",
}


@dataclass(frozen=True)
class Coverage:
    """What a year's count covers of the indicator's definition, in words a board can read."""

    complete: bool
    missing: tuple[str, ...] = ()  # 'brottskod 1205', 'juli–december', …
    note: str = ""
    lower_bound: bool = False  # codes or a definition missing: the true count is at least this

    def to_json(self) -> dict[str, Any]:
        return {"complete": self.complete, "missing": list(self.missing), "note": self.note}


def incomplete_note(coverage: Coverage | None) -> str:
    """The note of a count whose source lacks codes, months or the definition; else ''."""
    return coverage.note if coverage is not None and not coverage.complete else ""


def months_coverage(covered: frozenset[int], year: int) -> Coverage:
    """Coverage of the calendar: the months a count has, and those it lacks."""
    absent = sorted(set(range(1, 13)) - covered)
    if not absent:
        return Coverage(True, (), f"Alla tolv månader {year} finns.")
    return Coverage(
        False,
        (months_text(absent),),
        f"Siffror finns för {months_text(covered)} {year}; {months_text(absent)} saknas "
        "och skrivs fram med en prognos.",
    )


def missing_codes(
    rows: Sequence[Observation], indicator: str, codes: CodeList, counts: Mapping[int, YearCount]
) -> dict[int, tuple[str, ...]]:
    """Per year, the indicator's brottskoder valid that year (a code that ceased or began is
    wanted only in its years) that the files the year's count was read from have no rows for.
    A count read from SOL labels is judged by its label's definition, not here."""
    found: dict[int, tuple[str, ...]] = {}
    for year, count in counts.items():
        parts = [r for r in rows if r.year == year and r.file in count.files]
        if not parts or any("brottskod" not in r.breakdown for r in parts):
            continue
        present = {r.breakdown["brottskod"] for r in parts}
        absent = tuple(code for code in codes.codes_for(indicator, year) if code not in present)
        if absent:
            found[year] = absent
    return found


def codes_coverage(absent: Sequence[str], codes: CodeList, files: Sequence[str]) -> Coverage:
    """Coverage of the code list: brottskoder the source has no rows for."""
    labels = {c.code: c.label for c in codes.codes}
    named = [f"{code} {labels.get(code, '')}".strip() for code in absent]
    source = join_words(list(files)) or "Källan"
    return Coverage(
        False,
        tuple(f"brottskod {name}" for name in named),
        f"{source} har inga rader för {'brottskoden' if len(named) == 1 else 'brottskoderna'} "
        f"{join_words(named)}, som ingår i indikatorn. Antingen ingick de inte i uttaget eller "
        "så var de noll; antalet är därför en nedre gräns för indikatorn.",
        lower_bound=True,
    )


@dataclass(frozen=True)
class RelatedCount:
    """A year's count of a series the catalogue compares with the target's indicator."""

    label: str
    relation: str  # 'del', 'vidare' or 'annan' (indicators/catalogue.yaml's compared_to)
    count: YearCount


def related_counts(case: Case) -> dict[int, list[RelatedCount]]:
    """Per year, the compared series' counts from the evidence (evidence.related)."""
    rows = [r for r in case.evidence.related.get(case.target.id, []) if r.measure == Measure.ANTAL]
    found: dict[int, list[RelatedCount]] = {}
    for indicator_id in dict.fromkeys(r.indicator for r in rows):
        indicator = case.catalogue.indicator(indicator_id)
        relation = indicator.compared_to.relation if indicator.compared_to else "annan"
        own = [r for r in rows if r.indicator == indicator_id]
        for year, count in count_years(own).items():
            found.setdefault(year, []).append(RelatedCount(indicator.label, relation, count))
    return found


def related_coverage(indicator: Indicator, found: Sequence[RelatedCount], year: int) -> Coverage:
    """Coverage when only compared series exist for a year: named, with their values."""
    named = join_words(
        [
            f"”{f.label}” ({value_text(f.count.value, 'antal')}"
            f"{'' if f.count.complete else ', del av år'}; {RELATION_WORDS[f.relation]} "
            f"{indicator.label.lower()})"
            for f in found
        ]
    )
    return Coverage(
        False,
        (f"{indicator.label.lower()} enligt kodlistan",),
        f"För {year} finns inte {indicator.label.lower()} som kodlistan definierar den, bara "
        f"{named}.",
        lower_bound=all(f.relation == "del" for f in found),
    )
