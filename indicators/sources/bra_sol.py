"""Brå's statistics database (SOL), the "Databasfil" download: long, ';'-separated, Latin-1.

    Region;Brott;År;Period;Antal;/100 000 inv
    Trelleborg;Inbrottsstöld i bostad;År;2019;123;270;
    Trelleborg;9801 - Inbrottsstöld, fullbordat, i villa/radhus;2023 prel.;Maj;4;..;

Yearly menus put the literal 'År' in År and the year in Period; monthly and quarterly menus put
the year (with ' prel.') in År and 'Maj' or 'Kvartal 1' in Period. Parent nodes echo with '..'
in every value (sometimes in the period too): such a row carries no value and is skipped.
A label SOL has under two parents ("Fullbordat inbrott") cannot be placed and is refused.
"""

from __future__ import annotations

import re
from typing import Any

from indicators import geography, periods
from indicators.crime import ambiguous_labels
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
    unreadable,
)
from indicators.values import (
    ValueProblem,
    cell_text,
    is_missing,
    month_number,
    normalise_label,
    parse_count,
    parse_number,
    written,
)

SYNONYMS = {
    "region": ["Region"],
    "brott": ["Brott", "Brottstyp", "Brottskod"],
    "ar": ["År"],
    "period": ["Period"],
    "antal": ["Antal", "Anmälda brott"],
    "per_100k": ["/100 000 inv", "Per 100 000 inv", "Antal per 100 000 inv", "/100000 inv"],
}
REQUIRED = [["region"], ["brott"], ["ar"], ["period"], ["antal"]]
CRIME_CODE = re.compile(r"^(\d{3,4})\s*-\s*(.+)$")
INDICATOR = "anmalda_brott"


def detect(table: RawTable) -> Header | None:
    return find_header(table, SYNONYMS, REQUIRED)


def ambiguous(table: RawTable, row: int, column: str, label: str) -> ImportProblem | None:
    """The problem with a label SOL uses under more than one parent, naming what to export."""
    parents = ambiguous_labels().get(normalise_label(label))
    if parents is None:
        return None
    named = " och ".join(f"'{p}'" for p in parents)
    return ImportProblem(
        f"brottstypen står i SOL under flera brottstyper ({named}), så raden kan inte "
        "knytas till rätt serie",
        sheet=table.sheet,
        row=row,
        column=column,
        found=label.strip(),
        expected=f"en export där brottstypen går att placera: välj {named} utan "
        "underrubriker, eller exportera med brottskoder (menyn Brottskod, t.ex. "
        "'9801 - Inbrottsstöld, fullbordat, i villa/radhus')",
    )


def crime_breakdown(text: str) -> dict[str, str]:
    """'9801 - Inbrottsstöld, …' → {'brottskod': '9801'}; a label → {'brottstyp': label}."""
    match = CRIME_CODE.match(text.strip())
    if match:
        return {"brottskod": match.group(1).zfill(4)}
    return {"brottstyp": text.strip()}


class PeriodProblem(ValueProblem):
    def __init__(self, field: str, expected: str):
        super().__init__(expected)
        self.field = field


def parse_period(year_cell: str, period_cell: str) -> tuple[periods.Period, bool]:
    """(period, preliminary) from the År and Period cells of any SOL menu."""
    preliminary = "prel" in normalise_label(year_cell) or "prel" in normalise_label(period_cell)
    year_text = re.sub(r"\s*prel\.?", "", year_cell, flags=re.IGNORECASE).strip()
    period_text = re.sub(r"\s*prel\.?", "", period_cell, flags=re.IGNORECASE).strip()
    if normalise_label(year_text) == "ar":
        return periods.year(_year(period_text, "period")), preliminary
    year = _year(year_text, "ar")
    quarter = re.fullmatch(r"kvartal\s*([1-4])", normalise_label(period_text))
    if quarter:
        return periods.quarter(year, int(quarter.group(1))), preliminary
    month = month_number(period_text)
    if month is None:
        raise PeriodProblem("period", "en månad (Jan … Dec), 'Kvartal 1–4' eller ett år")
    return periods.month(year, month), preliminary


def _year(text: str, field: str) -> int:
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise PeriodProblem(field, "ett årtal som 2019")
    return int(text)


def load(table: RawTable, header: Header, context: Context) -> Loaded:
    rows, problems, missing = [], [], 0
    columns = header.columns
    value_fields = [name for name in ("antal", "per_100k") if name in columns]
    for row_number, cells in rows_of(body(table, header)):
        text = {name: cell_text(cells[column]) for name, column in columns.items()}
        if not text["brott"] and not text["region"]:
            continue
        if all(is_missing(cells[columns[name]]) for name in value_fields):
            missing += 1  # an echoed parent or a suppressed cell: no value, whatever the period
            continue
        unplaced = ambiguous(table, int(row_number), header.labels[columns["brott"]], text["brott"])
        if unplaced is not None:
            problems.append(unplaced)
            continue
        try:
            period, preliminary = parse_period(text["ar"], text["period"])
        except PeriodProblem as problem:
            field = problem.field
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
        common: dict[str, Any] = {
            "indicator": INDICATOR,
            "period": period,
            "geo": geography.resolve(text["region"]),
            "breakdown": crime_breakdown(text["brott"]),
            "status": Revision.PRELIMINAR if preliminary else Revision.SLUTLIG,
            "sheet": table.sheet,
            "row": int(row_number),
        }
        for name, measure, parse in (
            ("antal", "antal", parse_count),
            ("per_100k", "per_100k", parse_number),
        ):
            if name not in columns:
                continue
            value = read_value(table, header, row_number, cells, columns[name], parse, problems)
            if value is None:
                continue
            rows.append(
                observation(
                    **common,
                    measure=measure,
                    value=value,
                    column=header.labels[columns[name]],
                    written=written(cells[columns[name]]),
                )
            )
    details = {"saknade_värden": missing} if missing else {}
    return Loaded(frame(rows), problems, details=details)


LOADER = Loader(
    layout="bra_sol_databasfil",
    source="polisanmalda_brott",
    origin="bra",
    label="Brås statistikdatabas (SOL), databasfil (Region;Brott;År;Period;Antal)",
    detect=detect,
    load=load,
)
