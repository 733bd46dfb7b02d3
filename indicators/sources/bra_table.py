"""A Brå SOL result table copied or exported to Excel: wide, periods as columns.

    Anmälda brott, Trelleborg                        (1–5 title rows)
    Region     | Brott                  | 2019 | 2020 | 2021 prel.
    Trelleborg | Inbrottsstöld i bostad | 123  | 96   | ..

Period columns may be written 2019, 2019M03, 2019K1, 'mar 2019', '2019 Antal' or
'2019 Antal per 100 000 inv'. Melted to the shape of the databasfil.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from openpyxl.utils import get_column_letter

from indicators import geography, periods
from indicators.kinds import Revision
from indicators.observations import frame, observation
from indicators.problems import ImportProblem
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
)
from indicators.sources.bra_sol import INDICATOR, ambiguous, crime_breakdown
from indicators.values import (
    cell_text,
    is_missing,
    month_number,
    parse_count,
    parse_number,
    plain_label,
    written,
)

SYNONYMS = {
    "region": ["Region", "Område", "Kommun"],
    "brott": ["Brott", "Brottstyp", "Brottskod", "Brottstyp/brottskod"],
}
_YEAR_FIRST = re.compile(
    r"^(?P<y>(19|20)\d\d)\s*(m(?P<m>\d{1,2})|k(?P<q>[1-4])|q(?P<q2>[1-4]))?(?P<rest>.*)$"
)
_MONTH_FIRST = re.compile(r"^(?P<mon>[a-zåäö]+)\.?\s+(?P<y>(19|20)\d\d)(?P<rest>.*)$")


class PeriodColumn(NamedTuple):
    period: periods.Period
    measure: str
    preliminary: bool


def parse_period_header(text: str) -> PeriodColumn | None:
    label = plain_label(text)  # not normalise_label: '2019M03' ends in digits that are no footnote
    year_first = _YEAR_FIRST.match(label)
    month_first = _MONTH_FIRST.match(label) if not year_first else None
    if year_first:
        year, rest = int(year_first["y"]), year_first["rest"]
        if year_first["m"]:
            if not 1 <= int(year_first["m"]) <= 12:
                return None
            period = periods.month(year, int(year_first["m"]))
        elif year_first["q"] or year_first["q2"]:
            period = periods.quarter(year, int(year_first["q"] or year_first["q2"]))
        else:
            period = periods.year(year)
    elif month_first and (month := month_number(month_first["mon"])):
        period = periods.month(int(month_first["y"]), month)
        rest = month_first["rest"]
    else:
        return None
    preliminary = "prel" in rest
    rest = re.sub(r"prel\.?|antal|anmalda brott|[\s,()]", "", rest)
    if rest in ("", "totalt"):
        return PeriodColumn(period, "antal", preliminary)
    if re.fullmatch(r"(/|per)?100000inv\.?(anare)?", rest):
        return PeriodColumn(period, "per_100k", preliminary)
    return None


def detect(table: RawTable) -> Header | None:
    header = find_header(table, SYNONYMS, [["region"], ["brott"]])
    if header is None or not _period_columns(header):
        return None
    return header


def _period_columns(header: Header) -> dict[object, PeriodColumn]:
    found = {
        column: parse_period_header(text)
        for column, text in header.labels.items()
        if column not in header.columns.values()
    }
    return {column: parsed for column, parsed in found.items() if parsed is not None}


def load(table: RawTable, header: Header, context: Context) -> Loaded:
    rows: list[dict[str, object]] = []
    problems: list[ImportProblem] = []
    period_columns = _period_columns(header)
    for row_number, cells in rows_of(body(table, header)):
        region = cell_text(cells[header.columns["region"]])
        crime = cell_text(cells[header.columns["brott"]])
        if not crime:
            continue
        if all(is_missing(cells[column]) for column in period_columns):
            continue  # an echoed parent row: no value in any period
        unplaced = ambiguous(table, int(row_number), header.labels[header.columns["brott"]], crime)
        if unplaced is not None:
            problems.append(unplaced)
            continue
        geo = geography.resolve(region) if region else geography.Geo("okand", None, "")
        for column, parsed in period_columns.items():
            parse = parse_count if parsed.measure == "antal" else parse_number
            value = read_value(table, header, row_number, cells, column, parse, problems)
            if value is None:
                continue
            rows.append(
                observation(
                    indicator=INDICATOR,
                    period=parsed.period,
                    geo=geo,
                    breakdown=crime_breakdown(crime),
                    measure=parsed.measure,
                    value=value,
                    status=Revision.PRELIMINAR if parsed.preliminary else Revision.SLUTLIG,
                    sheet=table.sheet,
                    row=int(row_number),
                    cell=_cell_name(table, column, row_number),
                    column=header.labels[column],
                    written=written(cells[column]),
                )
            )
    return Loaded(frame(rows), problems)


def _cell_name(table: RawTable, column: object, row_number: int) -> str | None:
    # Excel users find a value by its cell (C14); text files have no cells.
    if table.sheet is None or not isinstance(column, int):
        return None
    return f"{get_column_letter(column + 1)}{int(row_number)}"


LOADER = Loader(
    layout="bra_sol_tabell",
    source="polisanmalda_brott",
    origin="bra",
    label="Brås SOL-tabell kopierad till Excel (Region | Brott | 2019 | 2020 …)",
    detect=detect,
    load=load,
)
