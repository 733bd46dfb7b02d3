"""Region Skånes Folkhälsoenkät Barn och Unga (and CAN's Skolelevers drogvanor, same shape).

Report table, one sheet or block per wave (year in the sheet name, a title row or a År column):

    Barn och Unga 2021 – Trelleborg
    Indikator                   | Årskurs | Flickor % | Pojkar % | Totalt % | Skåne % | n
    Druckit alkohol senaste 12… | Åk 9    | 41        | 38       | 40       | 45      | 410

Long table: Undersökning; År; Geografi; Årskurs; Kön; Indikator; Andel (%); n.
The total of both sexes is stored without a kön key ("empty = total"); suppressed cells
('..', 'x') are missing, never zero. CAN rows carry undersokning=can, a comparison series.
"""

from __future__ import annotations

import re

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
    read_value,
    rows_of,
    titles,
)
from indicators.values import (
    ValueProblem,
    cell_text,
    is_missing,
    normalise_label,
    parse_count,
    parse_number,
)
from indicators.values import written as as_written

SOURCE_LABELS = "bou"
BOU_WAVES = {2012, 2016, 2021, 2024}
YEAR = re.compile(r"\b(19|20)\d\d\b")
SEXES = {
    "flickor": "flickor",
    "tjejer": "flickor",
    "kvinnor": "flickor",
    "k": "flickor",
    "pojkar": "pojkar",
    "killar": "pojkar",
    "man": "pojkar",
    "m": "pojkar",
    "totalt": None,
    "alla": None,
    "t": None,
    "bada konen": None,
    "samtliga": None,
}


def grade(text: str) -> str:
    """'Åk 6' → ak6, 'åk 9' → ak9, 'Gy 2' / 'Gymnasiet år 2' → gy2."""
    label = normalise_label(text).replace(".", "")
    if re.fullmatch(r"(ak|arskurs|klass)?\s*6", label):
        return "ak6"
    if re.fullmatch(r"(ak|arskurs|klass)?\s*9", label):
        return "ak9"
    if re.fullmatch(
        r"(gy|gymnasiet|gymnasiets|gymn)\s*(ar|ak|arskurs)?\s*2|ar 2 gymnasiet|gy2", label
    ):
        return "gy2"
    raise ValueProblem("en årskurs: åk 6, åk 9 eller gy 2")


def sex(text: str) -> str | None:
    key = normalise_label(text).rstrip(" %").strip()
    if key not in SEXES:
        raise ValueProblem("ett kön: flickor, pojkar eller totalt")
    return SEXES[key]


def indicators_by_label() -> dict[str, str]:
    return {
        normalise_label(label): indicator.id
        for indicator in load_catalogue().indicators
        for label in indicator.labels.get(SOURCE_LABELS, ())
    }


def _wave_warning(years: set[int], survey: str) -> list[str]:
    odd = sorted(y for y in years if y not in BOU_WAVES)
    if survey != "bou" or not odd:
        return []
    return [
        f"BoU genomfördes 2012, 2016, 2021 och 2024; filen har mätåret "
        f"{', '.join(map(str, odd))} – kontrollera året"
    ]


def _unknown_warning(unknown: set[str]) -> list[str]:
    if not unknown:
        return []
    return [
        f"{len(unknown)} indikatorer finns inte i indikatorkatalogen och lästes inte: "
        + ", ".join(sorted(unknown)[:5])
    ]


# --- report table --------------------------------------------------------------------------

TABLE_SYNONYMS = {
    "indikator": ["Indikator", "Fråga"],
    "arskurs": ["Årskurs", "Åk"],
    "ar": ["År"],
    "flickor": ["Flickor %", "Flickor", "Flickor (%)"],
    "pojkar": ["Pojkar %", "Pojkar", "Pojkar (%)"],
    "totalt": ["Totalt %", "Totalt", "Totalt (%)", "Alla %"],
    "skane": ["Skåne %", "Skåne", "Skåne (%)"],
    "n": ["n", "Antal svar", "Antal svarande"],
    "kommun": ["Kommun", "Geografi"],
}


def detect_table(table: RawTable) -> Header | None:
    return find_header(
        table, TABLE_SYNONYMS, [["indikator"], ["arskurs"], ["totalt", "flickor", "pojkar"]]
    )


def load_table(table: RawTable, header: Header, context: Context) -> Loaded:
    texts = titles(table, header)
    survey = (
        "can" if any(re.search(r"\bcan\b|drogvanor", normalise_label(t)) for t in texts) else "bou"
    )
    kommun = geography.kommun_named_in(texts)
    fixed_year = next((int(m.group(0)) for t in texts if (m := YEAR.search(t))), None)
    problems: list[ImportProblem] = []
    if kommun is None and "kommun" not in header.columns:
        problems.append(
            ImportProblem(
                "kommunen framgår inte",
                sheet=table.sheet,
                row=header.row,
                expected="kommunens namn i en titelrad, i bladets namn eller i en kolumn Kommun",
            )
        )
    if fixed_year is None and "ar" not in header.columns:
        problems.append(
            ImportProblem(
                "mätåret framgår inte",
                sheet=table.sheet,
                row=header.row,
                expected="ett år i bladets namn, i en titelrad eller en kolumn År",
            )
        )
    if problems:
        return Loaded(frame([]), problems)
    columns, labels = header.columns, indicators_by_label()
    rows, unknown, years = [], set(), set[int]()
    shares = [columns[f] for f in ("totalt", "flickor", "pojkar", "skane") if f in columns]
    for row_number, cells in rows_of(body(table, header)):
        name = cell_text(cells[columns["indikator"]])
        if not name or all(is_missing(cells[column]) for column in shares):
            continue  # no value at all (a suppressed row): not data
        indicator = labels.get(normalise_label(name))
        if indicator is None:
            unknown.add(name)
            continue
        try:
            group = grade(cell_text(cells[columns["arskurs"]]))
            year = fixed_year if "ar" not in columns else _year(cells[columns["ar"]])
            place = (
                geography.resolve(cell_text(cells[columns["kommun"]]))
                if "kommun" in columns
                else kommun
            )
            n = parse_count(cells[columns["n"]]) if "n" in columns else None
        except ValueProblem as problem:
            problems.append(
                ImportProblem(
                    "värdet kan inte läsas",
                    sheet=table.sheet,
                    row=int(row_number),
                    found=name,
                    expected=problem.expected,
                )
            )
            continue
        # Refused above when neither a title nor a column names them.
        assert year is not None and place is not None
        years.add(year)
        for field, geo, kon in (
            ("totalt", place, None),
            ("flickor", place, "flickor"),
            ("pojkar", place, "pojkar"),
            ("skane", geography.SKANE, None),
        ):
            if field not in columns:
                continue
            value = read_value(
                table, header, row_number, cells, columns[field], parse_number, problems
            )
            if value is not None:
                rows.append(
                    _share(
                        indicator,
                        year,
                        geo,
                        group,
                        kon,
                        survey,
                        value,
                        n if field == "totalt" else None,
                        table.sheet,
                        row_number,
                        header.labels[columns[field]],
                        as_written(cells[columns[field]]),
                    )
                )
    warnings = _wave_warning(years, survey) + _unknown_warning(unknown)
    return Loaded(frame(rows), problems, warnings)


def _year(value: object) -> int:
    text = cell_text(value)
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise ValueProblem("ett årtal som 2021")
    return int(text)


def _share(
    indicator: str,
    year: int,
    geo: Geo,
    group: str,
    kon: str | None,
    survey: str,
    value: float,
    n: float | None,
    sheet: str | None,
    row: int,
    column: str | None = None,
    written: str | None = None,
) -> dict:
    breakdown = {"arskurs": group}
    if kon:
        breakdown["kon"] = kon
    if survey == "can":
        breakdown["undersokning"] = "can"
    return observation(
        indicator=indicator,
        period=year_period(year),
        geo=geo,
        breakdown=breakdown,
        measure="andel_pct",
        value=value,
        n=n,
        status=Revision.SLUTLIG,
        sheet=sheet,
        row=int(row),
        column=column,
        written=written,
    )


# --- long table ----------------------------------------------------------------------------

LONG_SYNONYMS = {
    "undersokning": ["Undersökning", "Källa"],
    "ar": ["År"],
    "geografi": ["Geografi", "Kommun"],
    "arskurs": ["Årskurs"],
    "kon": ["Kön"],
    "indikator": ["Indikator"],
    "andel": ["Andel (%)", "Andel", "Andel %"],
    "n": ["n", "Antal svar"],
}


def detect_long(table: RawTable) -> Header | None:
    return find_header(
        table, LONG_SYNONYMS, [["ar"], ["geografi"], ["arskurs"], ["kon"], ["indikator"], ["andel"]]
    )


def load_long(table: RawTable, header: Header, context: Context) -> Loaded:
    columns, labels = header.columns, indicators_by_label()
    rows, problems, unknown, years = [], [], set(), set()
    for row_number, cells in rows_of(body(table, header)):
        name = cell_text(cells[columns["indikator"]])
        if not name or is_missing(cells[columns["andel"]]):
            continue  # no value at all (a suppressed cell): not data
        indicator = labels.get(normalise_label(name))
        if indicator is None:
            unknown.add(name)
            continue
        survey_text = cell_text(cells[columns["undersokning"]]) if "undersokning" in columns else ""
        survey = "can" if normalise_label(survey_text).startswith("can") else "bou"
        try:
            year = _year(cells[columns["ar"]])
            group = grade(cell_text(cells[columns["arskurs"]]))
            kon = sex(cell_text(cells[columns["kon"]]))
            value = parse_number(cells[columns["andel"]])
            n = parse_count(cells[columns["n"]]) if "n" in columns else None
        except ValueProblem as problem:
            problems.append(
                ImportProblem(
                    "värdet kan inte läsas",
                    sheet=table.sheet,
                    row=int(row_number),
                    expected=problem.expected,
                )
            )
            continue
        if survey == "bou":
            years.add(year)
        if value is not None:
            geo = geography.resolve(cell_text(cells[columns["geografi"]]))
            rows.append(
                _share(
                    indicator,
                    year,
                    geo,
                    group,
                    kon,
                    survey,
                    value,
                    n,
                    table.sheet,
                    row_number,
                    header.labels[columns["andel"]],
                    as_written(cells[columns["andel"]]),
                )
            )
    warnings = _wave_warning(years, "bou") + _unknown_warning(unknown)
    return Loaded(frame(rows), problems, warnings)


TABLE = Loader(
    layout="bou_tabell",
    source="bou",
    origin="region_skane",
    label="Barn och Unga-rapportens tabell (Indikator | Årskurs | Flickor % | Pojkar % | "
    "Totalt % | Skåne % | n)",
    detect=detect_table,
    load=load_table,
)
LONG = Loader(
    layout="bou_lang",
    source="bou",
    origin="region_skane",
    label="Barn och Unga som lång tabell (Undersökning; År; Geografi; Årskurs; Kön; Indikator; "
    "Andel (%); n)",
    detect=detect_long,
    load=load_long,
)
