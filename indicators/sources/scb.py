"""SCB population from the statistics database (PxWeb), as CSV or Excel.

    Folkmängden efter region och år
    region          | 2018  | 2019  | 2020
    1287 Trelleborg | 44800 | 45440 | ..

or long: region; år; Folkmängd. Region cells carry the kommunkod ('1287 Trelleborg').
"""

from __future__ import annotations

import re

from indicators import geography
from indicators.kinds import Revision
from indicators.observations import frame, observation
from indicators.periods import year as year_period
from indicators.reading import RawTable
from indicators.sources import (
    Context,
    Header,
    Loaded,
    Loader,
    body,
    find_header,
    read_value,
    rows_of,
    unreadable,
)
from indicators.values import cell_text, normalise_label, parse_count

POPULATION = "befolkning"
SYNONYMS = {
    "region": ["region", "Region", "Kommun"],
    "ar": ["år", "År"],
    "varde": ["Folkmängd", "Befolkning", "Folkmängden", "Antal"],
}
YEAR = re.compile(r"^(19|20)\d\d$")
REGION_WITH_CODE = re.compile(r"^\d{4}\s+\S")


def detect(table: RawTable) -> Header | None:
    header = find_header(table, SYNONYMS, [["region"]])
    if header is None or not _coded_regions(table, header):
        return None
    if "ar" in header.columns and "varde" in header.columns:
        return header
    return header if _year_columns(header) else None


def _coded_regions(table: RawTable, header: Header) -> bool:
    regions = body(table, header)[header.columns["region"]].map(cell_text)
    return bool(len(regions)) and regions.str.match(REGION_WITH_CODE).any()


def _year_columns(header: Header) -> dict[object, int]:
    # The year from the normalised label: the header text may carry spaces or a BOM around it.
    return {
        column: int(match.group(0))
        for column, text in header.labels.items()
        if (match := YEAR.match(normalise_label(text).replace(" ", "")))
    }


def _kommun(region: str) -> geography.Geo:
    """In SCB's own cells the code is authoritative, also for kommuner outside kommuner.csv."""
    code, name = region.split(maxsplit=1)
    known = geography.resolve(code)
    return known if known.level == "kommun" else geography.Geo("kommun", code, f"{name} kommun")


def load(table: RawTable, header: Header, context: Context) -> Loaded:
    columns = header.columns
    long = "ar" in columns and "varde" in columns
    rows, problems = [], []
    for row_number, cells in rows_of(body(table, header)):
        region = cell_text(cells[columns["region"]])
        if not REGION_WITH_CODE.match(region):
            continue
        geo = _kommun(region)
        if long:
            year_text = cell_text(cells[columns["ar"]])
            if not YEAR.match(year_text):
                problems.append(
                    unreadable(
                        table, header, row_number, columns["ar"], year_text, "ett årtal som 2019"
                    )
                )
                continue
            pairs = {columns["varde"]: int(year_text)}
        else:
            pairs = _year_columns(header)
        for column, year in pairs.items():
            value = read_value(table, header, row_number, cells, column, parse_count, problems)
            if value is not None:
                rows.append(
                    observation(
                        indicator=POPULATION,
                        period=year_period(year),
                        geo=geo,
                        breakdown={},
                        measure="invanare",
                        value=value,
                        status=Revision.SLUTLIG,
                        sheet=table.sheet,
                        row=int(row_number),
                    )
                )
    return Loaded(frame(rows), problems)


LOADER = Loader(
    layout="scb_befolkning",
    source="scb",
    origin="scb",
    label="SCB:s folkmängd per kommun och år (region som '1287 Trelleborg')",
    detect=detect,
    load=load,
)
