"""Crime rows, stored per brottskod or SOL label, mapped to indicators when asked.

The mapping is read at query time from brottskoder.csv and the catalogue's SOL labels, so an
analyst's edit of the code list applies to everything already imported.

SOL's own catalogue of crime types (`sol_brottstyper.csv`, copied verbatim from Brå's SOL, see
shared/reference/sol) says which labels stand under more than one parent: "Fullbordat inbrott"
is both villa's and lägenhet's, so a row with that label alone cannot be placed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from indicators.catalogue import Catalogue
from indicators.code_list import CodeList
from indicators.stored import Observation
from indicators.values import normalise_label

SOURCE_LABELS = "bra_sol"
SOL_TYPES_FILE = Path(__file__).with_name("sol_brottstyper.csv")


@cache
def ambiguous_labels() -> dict[str, tuple[str, ...]]:
    """Normalised label → the parents it stands under, for every SOL label under several."""
    with SOL_TYPES_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    label_at = {row["sokvag"]: row["namn"].strip() for row in rows}
    parents: dict[str, dict[str, str]] = {}
    for row in rows:
        label = row["namn"].strip()
        parent_path = row["sokvag"].removesuffix(row["namn"]).removesuffix(", ")
        parent = label_at.get(parent_path)
        if parent is not None and parent_path != row["sokvag"]:
            parents.setdefault(normalise_label(label), {})[row["brottstyp_id"]] = parent
    return {
        label: tuple(dict.fromkeys(by_id.values()))
        for label, by_id in parents.items()
        if len(by_id) > 1
    }


def crime_indicator(
    breakdown: Mapping[str, str], codes: CodeList, catalogue: Catalogue
) -> str | None:
    """'bostadsinbrott' for {'brottskod': '0857'} or {'brottstyp': 'Inbrottsstöld i bostad'}."""
    if "brottskod" in breakdown:
        return codes.indicator_of(breakdown["brottskod"])
    return _indicators_by_label(catalogue).get(normalise_label(breakdown.get("brottstyp", "")))


_BY_LABEL: dict[int, tuple[Catalogue, dict[str, str]]] = {}


def _indicators_by_label(catalogue: Catalogue) -> dict[str, str]:
    """SOL label → indicator id, worked out once per catalogue (the first indicator that
    lists a label has it)."""
    cached = _BY_LABEL.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        labels: dict[str, str] = {}
        for indicator in catalogue.indicators:
            for text in indicator.labels.get(SOURCE_LABELS, ()):
                labels.setdefault(normalise_label(text), indicator.id)
        cached = _BY_LABEL[id(catalogue)] = (catalogue, labels)
    return cached[1]


def rows_by_indicator(
    rows: Iterable[Observation], codes: CodeList, catalogue: Catalogue
) -> dict[str, list[Observation]]:
    """The stored crime rows grouped by the indicator each counts toward (rows toward none are
    left out)."""
    # Per distinct breakdown, not per row: a store may hold hundreds of thousands of rows with
    # a few hundred breakdowns, and this runs on every evaluation.
    mapped: dict[tuple[tuple[str, str], ...], str | None] = {}
    grouped: dict[str, list[Observation]] = {}
    for row in rows:
        key = tuple(row.breakdown.items())
        if key not in mapped:
            mapped[key] = crime_indicator(row.breakdown, codes, catalogue)
        indicator = mapped[key]
        if indicator is not None:
            grouped.setdefault(indicator, []).append(row)
    return grouped


def series_name(breakdown: Mapping[str, str], codes: CodeList, catalogue: Catalogue) -> str:
    """'bostadsinbrott (0857)', 'Inbrottsstöld i bostad' or '1204' for a code outside the goals."""
    indicator = crime_indicator(breakdown, codes, catalogue)
    crime = breakdown.get("brottskod") or breakdown.get("brottstyp", "")
    return f"{indicator} ({crime})" if indicator and "brottskod" in breakdown else crime
