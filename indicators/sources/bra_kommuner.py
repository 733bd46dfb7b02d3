"""Brå's yearly "Anmälda brott i kommunerna <år>.csv": total reported crime per kommun.

From 2023 (UTF-8 with BOM, ';', CRLF, 290 kommun rows):

    Kommun;Antal;Per 100 000 inv.
    Ale;2537;7810

The 2021 file has no header, names kommuner in the genitive ("Arjeplogs kommun", an en dash in
"Malung–Sälen") and adds about 110 stadsdel rows, which are not kommuner and are left out. The
year is in the file name only; without it the file is refused, saying so.
"""

from __future__ import annotations

import re

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
from indicators.values import cell_text, is_missing, parse_count, parse_number, written

INDICATOR = "lagesbild.totalt"
SYNONYMS = {
    "kommun": ["Kommun"],
    "antal": ["Antal", "Anmälda brott"],
    "per_100k": ["Per 100 000 inv.", "Per 100 000 inv", "/100 000 inv", "Antal per 100 000 inv"],
}
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
MIN_KOMMUN_ROWS = 5


def detect(table: RawTable) -> Header | None:
    header = find_header(table, SYNONYMS, [["kommun"], ["antal"], ["per_100k"]])
    return header if header is not None else _headerless(table)


def _headerless(table: RawTable) -> Header | None:
    """The 2021 layout: kommun, count and rate with no header row."""
    cells = table.cells
    if table.sheet is not None or cells.shape[1] < 2:
        return None
    top = cells.head(15)
    kommuner = sum(
        geography.resolve(cell_text(name)).level == "kommun" and _number(count)
        for name, count in zip(top[0], top[1], strict=True)
    )
    if kommuner < min(MIN_KOMMUN_ROWS, len(top)):
        return None
    columns: dict[str, object] = {"kommun": 0, "antal": 1}
    if cells.shape[1] > 2:
        columns["per_100k"] = 2
    return Header(0, columns, {})


def _number(value: object) -> bool:
    try:
        return parse_number(value) is not None
    except ValueError:
        return False


def load(table: RawTable, header: Header, context: Context) -> Loaded:
    found = YEAR.findall(context.file_name)
    if len(set(found)) != 1:
        return Loaded(frame([]), [_year_problem(table, header, context.file_name)])
    year = periods.year(int(found[0]))
    rows, others = [], []
    problems: list[ImportProblem] = []
    columns = header.columns
    for row_number, cells in rows_of(body(table, header)):
        name = cell_text(cells[columns["kommun"]])
        if not name:
            continue
        geo = geography.resolve(name)
        if geo.level == "okand":
            others.append(name)
            continue
        for field, measure, parse in (
            ("antal", "antal", parse_count),
            ("per_100k", "per_100k", parse_number),
        ):
            if field not in columns or is_missing(cells[columns[field]]):
                continue
            value = read_value(table, header, row_number, cells, columns[field], parse, problems)
            if value is not None:
                rows.append(
                    observation(
                        indicator=INDICATOR,
                        period=year,
                        geo=geo,
                        breakdown={},
                        measure=measure,
                        value=value,
                        status=Revision.SLUTLIG,
                        sheet=table.sheet,
                        row=int(row_number),
                        column=header.labels.get(columns[field]),
                        written=written(cells[columns[field]]),
                    )
                )
    warnings = []
    if others:
        shown = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
        warnings.append(
            f"{len(others)} rader är inte kommuner (t.ex. stadsdelar) och lästes inte: {shown}"
        )
    return Loaded(frame(rows), problems, warnings, details={"år": year.label})


def _year_problem(table: RawTable, header: Header, name: str) -> ImportProblem:
    return ImportProblem(
        "året framgår inte: Brå skriver det bara i filens namn",
        sheet=table.sheet,
        found=name or None,
        expected="ett filnamn med året, som Brås eget 'Anmälda brott i kommunerna 2023.csv'; "
        "byt namn på filen och läs in den igen",
    )


LOADER = Loader(
    layout="bra_anmalda_brott_kommuner",
    source="bra_kommunindikatorer",
    origin="bra",
    label="Brås fil Anmälda brott i kommunerna <år> (Kommun;Antal;Per 100 000 inv.)",
    detect=detect,
    load=load,
)
