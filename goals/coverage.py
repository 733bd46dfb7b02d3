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
from typing import Any

from goals.series import YearCount
from goals.words import join_words, months_text
from indicators.code_list import CodeList
from indicators.stored import Observation


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
    """Per year, the indicator's brottskoder that the files the year's count was read from have
    no rows for. A count read from SOL labels is judged by its label's definition, not here."""
    wanted = codes.codes_for(indicator)
    found: dict[int, tuple[str, ...]] = {}
    for year, count in counts.items():
        parts = [r for r in rows if r.year == year and r.file in count.files]
        if not parts or any("brottskod" not in r.breakdown for r in parts):
            continue
        present = {r.breakdown["brottskod"] for r in parts}
        absent = tuple(code for code in wanted if code not in present)
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
