"""Crime rows, stored per brottskod or SOL label, mapped to indicators when asked.

The mapping is read at query time from brottskoder.csv and the catalogue's SOL labels, so an
analyst's edit of the code list applies to everything already imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from indicators.catalogue import Catalogue
from indicators.code_list import CodeList
from indicators.stored import Observation
from indicators.values import normalise_label

SOURCE_LABELS = "bra_sol"


def crime_indicator(
    breakdown: Mapping[str, str], codes: CodeList, catalogue: Catalogue
) -> str | None:
    """'bostadsinbrott' for {'brottskod': '0857'} or {'brottstyp': 'Inbrottsstöld i bostad'}."""
    if "brottskod" in breakdown:
        return codes.indicator_of(breakdown["brottskod"])
    label = normalise_label(breakdown.get("brottstyp", ""))
    for indicator in catalogue.indicators:
        if label in {normalise_label(text) for text in indicator.labels.get(SOURCE_LABELS, ())}:
            return indicator.id
    return None


def rows_for(
    rows: Iterable[Observation], indicator: str, codes: CodeList, catalogue: Catalogue
) -> list[Observation]:
    """The stored crime rows that count toward `indicator`."""
    return [row for row in rows if crime_indicator(row.breakdown, codes, catalogue) == indicator]


def series_name(breakdown: Mapping[str, str], codes: CodeList, catalogue: Catalogue) -> str:
    """'bostadsinbrott (0857)', 'Inbrottsstöld i bostad' or '1204' for a code outside the goals."""
    indicator = crime_indicator(breakdown, codes, catalogue)
    crime = breakdown.get("brottskod") or breakdown.get("brottstyp", "")
    return f"{indicator} ({crime})" if indicator and "brottskod" in breakdown else crime
