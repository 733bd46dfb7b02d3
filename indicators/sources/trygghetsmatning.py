"""Polisens trygghetsmätning: index 0–6 per question and area, as analysts type it into Excel.

Report matrix, one sheet per year (or a År column, or the year in the title):

    Trygghetsmätning 2019 – Trelleborgs kommun
    Tema     | Fråga                  | Anderslöv | Skegrie | Kommun totalt
    Utemiljö | Bilar som kör för fort | 2,1       | 1,9     | 1,95

Areas may have two sub-columns (Index, %) under one merged area header, and n / Antal svar /
Svarsfrekvens rows may close the table: n belongs to the area it stands under, whichever of the
area's columns holds it, so the area's share gets its n (and an interval). Messages name a
sub-column as the file shows it: 'Anderslöv / Index'.
Long table: År; Kommun; Område; Tema; Fråga; Index; Andel (%); Antal svar; Svarsfrekvens.
The kommun's value is its own column or row, never an average of its areas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators import geography
from indicators.catalogue import load_catalogue
from indicators.geography import Geo
from indicators.kinds import Revision
from indicators.observations import frame, observation
from indicators.periods import year as year_period
from indicators.problems import ImportProblem
from indicators.reading import RawTable
from indicators.sources import (
    Context,
    Header,
    Loaded,
    Loader,
    body,
    find_header,
    kommun_from_titles,
    read_value,
    rows_of,
    titles,
    unreadable,
)
from indicators.values import (
    ValueProblem,
    cell_text,
    is_missing,
    normalise_label,
    parse_number,
    written,
)

SOURCE_LABELS = "trygghetsmatning"
QUESTION = ["Fråga", "Påstående", "Problem", "Indikator"]
KOMMUN_TOTAL = {"kommun totalt", "kommunen totalt", "totalt", "hela kommunen", "kommun", "kommunen"}
N_ROWS = {"n", "antal svar", "antal svarande", "svarande"}
RESPONSE_RATE_ROWS = {"svarsfrekvens", "svarsfrekvens (%)", "svarsfrekvens %"}
RESPONSE_RATE = "tm.svarsfrekvens"
YEAR = re.compile(r"\b(19|20)\d\d\b")


def question_indicators() -> dict[str, str]:
    """Normalised question label → indicator id, from the catalogue's trygghetsmätning labels."""
    return {
        normalise_label(label): indicator.id
        for indicator in load_catalogue().indicators
        for label in indicator.labels.get(SOURCE_LABELS, ())
    }


@dataclass(frozen=True)
class ValueColumn:
    geo_kind: str  # kommun, lpo or omrade
    name: str
    measure: str
    label: str  # as the file shows it: 'Anderslöv' or 'Anderslöv / Index'


# --- the report matrix -------------------------------------------------------------------

MATRIX_SYNONYMS = {"tema": ["Tema"], "fraga": QUESTION, "ar": ["År"]}


def detect_matrix(table: RawTable) -> Header | None:
    header = find_header(table, MATRIX_SYNONYMS, [["fraga"]])
    if header is None or "arskurs" in {normalise_label(t) for t in header.labels.values()}:
        return None
    labels = {normalise_label(text) for text in header.labels.values()}
    return header if labels & KOMMUN_TOTAL or len(_value_columns(table, header)) else None


def load_matrix(table: RawTable, header: Header, context: Context) -> Loaded:
    kommun, problems = kommun_from_titles(
        table, header, "Trygghetsmätning 2019 – Trelleborgs kommun"
    )
    if kommun is None:
        return Loaded(frame([]), problems)
    fixed_year = _year_in(titles(table, header))
    if fixed_year is None and "ar" not in header.columns:
        problems.append(
            ImportProblem(
                "året framgår inte",
                sheet=table.sheet,
                row=header.row,
                expected="ett år i bladets namn, i en titelrad eller en kolumn År",
            )
        )
        return Loaded(frame([]), problems)
    columns = _value_columns(table, header)
    header = Header(header.row, header.columns, {**header.labels, **_labels(columns)})
    first_data_row = _sub_header_row(table, header) or header.row
    indicators = question_indicators()
    rows, unknown, rates = [], [], []
    n_by_area: dict[str, float] = {}
    for row_number, cells in rows_of(table.cells.loc[table.cells.index > first_data_row]):
        label = _row_label(cells, header)
        if not label:
            continue
        kind = normalise_label(label)
        if kind in N_ROWS:
            for column, value in _numbers(table, header, row_number, cells, columns, problems):
                n_by_area.setdefault(columns[column].name, value)
            continue
        if kind in RESPONSE_RATE_ROWS:
            rates += [
                (row_number, column, value)
                for column, value in _numbers(table, header, row_number, cells, columns, problems)
            ]
            continue
        indicator = indicators.get(kind)
        if indicator is None:
            unknown.append(label)
            continue
        try:
            year = fixed_year or _row_year(cells, header)
        except ValueProblem as problem:
            column = header.columns["ar"]
            problems.append(
                unreadable(table, header, row_number, column, cells[column], problem.expected)
            )
            continue
        for column, value in _numbers(table, header, row_number, cells, columns, problems):
            rows.append(
                (
                    columns[column].name,
                    _value(indicator, year, columns[column], kommun, header, value, cells[column]),
                    table.sheet,
                    row_number,
                )
            )
    observations = []
    for area, row, sheet, row_number in rows:
        row.update(n=n_by_area.get(area), sheet=sheet, row=int(row_number))
        observations.append(row)
    observations += _response_rates(rates, columns, kommun, header, fixed_year, table)
    warnings = (
        [
            f"{len(unknown)} frågor finns inte i indikatorkatalogen och lästes inte: "
            + ", ".join(unknown[:5])
            + (" …" if len(unknown) > 5 else "")
        ]
        if unknown
        else []
    )
    return Loaded(frame(observations), problems, warnings)


def _value(indicator, year, column: ValueColumn, kommun: Geo, header: Header, value, cell) -> dict:
    return observation(
        indicator=indicator,
        period=year_period(year),
        geo=_geo(column, kommun, header),
        breakdown={},
        measure=column.measure,
        value=value,
        status=Revision.SLUTLIG,
        sheet=None,
        row=None,
        column=column.label,
        written=written(cell),
    )


def _response_rates(rates, columns, kommun, header, fixed_year, table) -> list[dict]:
    """Svarsfrekvens per area, as a share in percent (Excel's 62 % may arrive as 0,62)."""
    if fixed_year is None or not rates:
        return []
    fractions = all(value <= 1 for _, _, value in rates)
    seen, result = set(), []
    for row_number, column, value in rates:
        area = columns[column]
        if area.name in seen:
            continue
        seen.add(area.name)
        rate = _value(RESPONSE_RATE, fixed_year, area, kommun, header, value, None)
        rate.update(
            value=round(value * 100, 4) if fractions else value,
            measure="andel_pct",
            sheet=table.sheet,
            row=int(row_number),
        )
        result.append(rate)
    return result


def _labels(columns: dict[object, ValueColumn]) -> dict[object, str]:
    return {column: value.label for column, value in columns.items()}


def _year_in(texts: list[str]) -> int | None:
    for text in texts:
        match = YEAR.search(text)
        if match:
            return int(match.group(0))
    return None


def _row_year(cells, header: Header) -> int:
    text = cell_text(cells[header.columns["ar"]])
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise ValueProblem("ett årtal som 2019")
    return int(text)


def _row_label(cells, header: Header) -> str:
    question = cell_text(cells[header.columns["fraga"]])
    if question:
        return question
    return cell_text(cells[header.columns["tema"]]) if "tema" in header.columns else ""


def _sub_header_row(table: RawTable, header: Header) -> int | None:
    """The Index / % row under the area names, if any. The first row below the header, which
    need not be header.row + 1: empty rows are not in the table."""
    below = table.cells.index[table.cells.index > header.row]
    if not len(below):
        return None
    labels = {normalise_label(v) for v in table.cells.loc[below[0]] if cell_text(v)}
    if bool(labels) and labels <= {"index", "%", "andel", "andel (%)", "andel %"}:
        return int(below[0])
    return None


def _value_columns(table: RawTable, header: Header) -> dict[object, ValueColumn]:
    sub_row = _sub_header_row(table, header)
    sub = table.cells.loc[sub_row] if sub_row is not None else None
    columns, current = {}, None
    for column in table.cells.columns:
        if column in header.columns.values():
            continue
        label = header.labels.get(column) or current
        current = label
        if not label:
            continue
        measure = "index_0_6"
        shown = label
        if sub is not None:
            sub_label = normalise_label(sub[column])
            if not sub_label:
                continue
            measure = "index_0_6" if sub_label == "index" else "andel_pct"
            shown = f"{label} / {cell_text(sub[column])}"
        columns[column] = ValueColumn(_geo_kind(label), label, measure, shown)
    return columns


def _geo_kind(label: str) -> str:
    normalised = normalise_label(label)
    if normalised in KOMMUN_TOTAL:
        return "kommun"
    if normalised.startswith(("lpo", "lokalpolisomrade")):
        return "lpo"
    return "omrade"


def _geo(column: ValueColumn, kommun: Geo, header: Header) -> Geo:
    if column.geo_kind == "kommun":
        return kommun
    if column.geo_kind == "lpo":
        return Geo("lpo", None, column.name)
    return geography.area(kommun, column.name)


def _numbers(table, header, row_number, cells, columns, problems) -> list[tuple[object, float]]:
    values = []
    for column in columns:
        value = read_value(table, header, row_number, cells, column, parse_number, problems)
        if value is not None:
            values.append((column, value))
    return values


# --- the long table ----------------------------------------------------------------------

LONG_SYNONYMS = {
    "ar": ["År"],
    "kommun": ["Kommun"],
    "omrade": ["Område"],
    "tema": ["Tema"],
    "fraga": QUESTION,
    "index": ["Index"],
    "andel": ["Andel (%)", "Andel", "Andel %"],
    "n": ["Antal svar", "n", "Antal svarande"],
    "svarsfrekvens": ["Svarsfrekvens"],
}


def detect_long(table: RawTable) -> Header | None:
    return find_header(
        table, LONG_SYNONYMS, [["ar"], ["fraga"], ["index", "andel"], ["kommun", "omrade"]]
    )


def load_long(table: RawTable, header: Header, context: Context) -> Loaded:
    columns, indicators = header.columns, question_indicators()
    rows, problems, unknown = [], [], set()
    values = [(name, measure) for name, measure in LONG_VALUES if name in columns]
    for row_number, cells in rows_of(body(table, header)):
        text = {name: cell_text(cells[column]) for name, column in columns.items()}
        if not text["fraga"] or all(is_missing(cells[columns[name]]) for name, _ in values):
            continue  # no value at all: not data, whatever the other cells say
        indicator = indicators.get(normalise_label(text["fraga"]))
        if indicator is None:
            unknown.add(text["fraga"])
            continue
        try:
            field = "ar"
            year = _row_year(cells, header)
            field = "kommun" if "kommun" in columns else "omrade"
            geo = _long_geo(text.get("kommun", ""), text.get("omrade", ""))
            field = "n"
            n = parse_number(cells[columns["n"]]) if "n" in columns else None
        except ValueProblem as problem:
            problems.append(
                unreadable(
                    table,
                    header,
                    row_number,
                    columns[field],
                    cells[columns[field]],
                    problem.expected,
                )
            )
            continue
        for name, measure in values:
            value = read_value(
                table, header, row_number, cells, columns[name], parse_number, problems
            )
            if value is not None:
                rows.append(
                    observation(
                        indicator=indicator,
                        period=year_period(year),
                        geo=geo,
                        breakdown={},
                        measure=measure,
                        value=value,
                        n=n,
                        status=Revision.SLUTLIG,
                        sheet=table.sheet,
                        row=int(row_number),
                        column=header.labels[columns[name]],
                        written=written(cells[columns[name]]),
                    )
                )
    warnings = (
        [
            f"{len(unknown)} frågor finns inte i indikatorkatalogen och lästes inte: "
            + ", ".join(sorted(unknown)[:5])
        ]
        if unknown
        else []
    )
    return Loaded(frame(rows), problems, warnings)


LONG_VALUES = (("index", "index_0_6"), ("andel", "andel_pct"))


def _long_geo(kommun_text: str, area_text: str) -> Geo:
    kommun = geography.resolve(kommun_text) if kommun_text else None
    if not area_text or normalise_label(area_text) in KOMMUN_TOTAL:
        if kommun is None or kommun.level != "kommun":
            raise ValueProblem("en kommun i kolumnen Kommun")
        return kommun
    as_kommun = geography.resolve(area_text)
    if as_kommun.level == "kommun" and (kommun is None or as_kommun.code == kommun.code):
        return as_kommun
    if _geo_kind(area_text) == "lpo":
        return Geo("lpo", None, area_text)
    if kommun is None or kommun.level != "kommun":
        raise ValueProblem("en kommun i kolumnen Kommun")
    return geography.area(kommun, area_text)


MATRIX = Loader(
    layout="trygghetsmatning_matris",
    source="trygghetsmatning",
    origin="polisen",
    label="trygghetsmätningens resultatmatris (Tema | Fråga | områden … | Kommun totalt)",
    detect=detect_matrix,
    load=load_matrix,
)
LONG = Loader(
    layout="trygghetsmatning_lang",
    source="trygghetsmatning",
    origin="polisen",
    label="trygghetsmätningen som lång tabell (År; Kommun; Område; Fråga; Index; Andel (%))",
    detect=detect_long,
    load=load_long,
)
