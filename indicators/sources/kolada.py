"""Kolada key figures: the API's JSON v2, or the web UI's Excel export.

{"values": [{"kpi": "N07403", "municipality": "1287", "period": 2019,
             "values": [{"gender": "T", "value": 1234.5, "count": 1, "status": ""}]}]}

Kommun     | Nyckeltal                                       | 2018  | 2019
Trelleborg | N07403 Anmälda våldsbrott, antal/100 000 inv    | 1210  | 1234,5
"""

from __future__ import annotations

import re

from indicators import geography
from indicators.observations import frame, observation
from indicators.periods import year as year_period
from indicators.reading import KOLADA_COLUMNS, RawTable
from indicators.sources import (
    Context,
    Header,
    Loaded,
    Loader,
    body,
    find_header,
    read_value,
    rows_of,
    titles,
    unreadable,
)
from indicators.values import cell_text, normalise_code, normalise_label, parse_number

KPI_ID = re.compile(r"\b([NU]\d{5})\b")
MEASURES = {"N07403": "per_100k", "U07452": "per_1000", "U07417": "per_1000"}
GENDERS = {"T": None, "K": "flickor_kvinnor", "M": "pojkar_man"}
YEAR = re.compile(r"^(19|20)\d\d$")


def _geo(text: str) -> geography.Geo:
    code = normalise_code(text)
    if code.isdigit():
        known = geography.resolve(code)
        return known if known.level == "kommun" else geography.Geo("kommun", code, f"kommun {code}")
    return geography.resolve(text)


def _observation(
    kpi: str,
    year: int,
    geo: geography.Geo,
    gender: str | None,
    value: float,
    sheet: str | None,
    row: int,
) -> dict:
    breakdown = {"kpi": kpi}
    if gender:
        breakdown["kon"] = gender
    return observation(
        indicator="kolada",
        period=year_period(year),
        geo=geo,
        breakdown=breakdown,
        measure=MEASURES.get(kpi, "varde"),
        value=value,
        status=None,
        sheet=sheet,
        row=int(row),
    )


def detect_json(table: RawTable) -> Header | None:
    return find_header(table, {c: [c] for c in KOLADA_COLUMNS}, [[c] for c in KOLADA_COLUMNS])


def load_json(table: RawTable, header: Header, context: Context) -> Loaded:
    rows, problems = [], []
    columns = header.columns
    for row_number, cells in rows_of(body(table, header)):
        gender = cell_text(cells[columns["gender"]]).upper() or "T"
        year = cell_text(cells[columns["period"]])
        if gender not in GENDERS:
            problems.append(
                unreadable(table, header, row_number, columns["gender"], gender, "kön T, K eller M")
            )
            continue
        if not YEAR.match(year):
            problems.append(
                unreadable(table, header, row_number, columns["period"], year, "ett årtal som 2019")
            )
            continue
        value = read_value(
            table, header, row_number, cells, columns["value"], parse_number, problems
        )
        if value is not None:
            rows.append(
                _observation(
                    cell_text(cells[columns["kpi"]]),
                    int(year),
                    _geo(cell_text(cells[columns["municipality"]])),
                    GENDERS[gender],
                    value,
                    table.sheet,
                    row_number,
                )
            )
    return Loaded(frame(rows), problems)


EXCEL_SYNONYMS = {
    "kommun": ["Kommun", "Region", "Kommunnamn"],
    "kpi": ["Nyckeltal", "KPI", "Nyckeltalsid", "Nyckeltals-id"],
}


def detect_excel(table: RawTable) -> Header | None:
    header = find_header(table, EXCEL_SYNONYMS, [["kommun"]])
    if header is None or not _year_columns(header):
        return None
    if "kpi" not in header.columns and _kpi_in_titles(table, header) is None:
        return None
    return header


def _year_columns(header: Header) -> dict[object, int]:
    return {
        column: int(match.group(0))
        for column, text in header.labels.items()
        if (match := YEAR.match(normalise_label(text)))
    }


def _kpi_in_titles(table: RawTable, header: Header) -> str | None:
    return next((m.group(1) for t in titles(table, header) if (m := KPI_ID.search(t))), None)


def load_excel(table: RawTable, header: Header, context: Context) -> Loaded:
    rows, problems = [], []
    fixed_kpi = _kpi_in_titles(table, header)
    for row_number, cells in rows_of(body(table, header)):
        place = cell_text(cells[header.columns["kommun"]])
        if not place:
            continue
        kpi_text = cell_text(cells[header.columns["kpi"]]) if "kpi" in header.columns else ""
        match = KPI_ID.search(kpi_text)
        kpi = match.group(1) if match else fixed_kpi
        if kpi is None:
            problems.append(
                unreadable(
                    table,
                    header,
                    row_number,
                    header.columns["kpi"],
                    kpi_text,
                    "ett nyckeltals-id som N07403",
                )
            )
            continue
        for column, year in _year_columns(header).items():
            value = read_value(table, header, row_number, cells, column, parse_number, problems)
            if value is not None:
                rows.append(
                    _observation(kpi, year, _geo(place), None, value, table.sheet, row_number)
                )
    return Loaded(frame(rows), problems)


JSON = Loader(
    layout="kolada_json",
    source="kolada",
    origin="kolada",
    label="Koladas API-svar (JSON med values: kpi, municipality, period)",
    detect=detect_json,
    load=load_json,
)
EXCEL = Loader(
    layout="kolada_excel",
    source="kolada",
    origin="kolada",
    label="Kolada-export till Excel (Kommun | Nyckeltal | 2018 | 2019 …)",
    detect=detect_excel,
    load=load_excel,
)
