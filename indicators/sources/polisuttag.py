"""A police extract ("uttag") from the police's own systems: no fixed layout.

    Diarienummer | Inskrivningsdatum | Brottskod | Kommun     | Lokalpolisområde | Gata
    5000-K1234-22 | 2022-05-03       | 857       | Trelleborg | LPO Trelleborg   | Storgatan

One row per reported offence, or per day × code with an Antal column. Only the aggregate is kept
(month × kommun × area × brottskod × which date was used): streets, coordinates, times and case
ids are read for nothing but dropping duplicates and never leave this module.
"""

from __future__ import annotations

import pandas as pd

from indicators import geography, periods
from indicators.dates import parse_dates
from indicators.observations import frame, observation
from indicators.problems import ImportProblem
from indicators.reading import RawTable
from indicators.sources import Header, Loaded, Loader, body, find_header, unreadable
from indicators.sources.bra_sol import INDICATOR
from indicators.values import MISSING_MARKS, cell_text, normalise_code

# Registration dates first: Brå counts reported offences by when they were registered.
DATE_FIELDS = {
    "inskrivningsdatum": ["Inskrivningsdatum", "Inskrdat", "Inskr datum"],
    "anmalningsdatum": ["Anmälningsdatum", "Anmdat"],
    "registreringsdatum": ["Registreringsdatum", "Regdat"],
    "inskrivningsmanad": ["Inskr årmånad", "Inskrivningsmånad", "Inskr ÅrMånad"],
    "brottsdatum": ["Brottsdatum", "BrottsdagStart", "BROTTSDATUMTID_START", "Brottsdatum start"],
}
SYNONYMS = {
    **DATE_FIELDS,
    "brottskod": ["Brottskod", "Kod"],
    "benamning": ["Brottsbenämning", "Benämning", "Rubricering"],
    "kategori": ["Brottskategori", "Brottskategorier"],
    "kommun": ["Kommun", "Kommunnamn", "Kommunkod"],
    "omrade": ["Lokalpolisområde", "LPO", "Polisområde", "Basområde", "Område", "DeSO", "RegSO"],
    "antal": ["Antal", "Anmälda brott", "antal_brott"],
    "arende": ["Diarienummer", "K-nummer", "Ärendenummer", "ID"],
    "gata": ["Gata", "Gatunr", "Gatuadress", "Adress"],
    "lat": ["LATITUDE", "Latitud"],
    "lon": ["LONGITUDE", "Longitud"],
}
REQUIRED = [["brottskod"], list(DATE_FIELDS)]


def detect(table: RawTable) -> Header | None:
    return find_header(table, SYNONYMS, REQUIRED)


def load(table: RawTable, header: Header) -> Loaded:
    columns = header.columns
    basis = next(name for name in DATE_FIELDS if name in columns)
    rows = body(table, header)
    rows = rows[rows[columns["brottskod"]].map(cell_text) != ""]
    problems: list[ImportProblem] = []
    if "kommun" not in columns:
        problems.append(
            ImportProblem(
                "kolumn för kommun saknas, så brotten kan inte knytas till en kommun",
                sheet=table.sheet,
                row=header.row,
                expected="Kommun, Kommunnamn eller Kommunkod",
            )
        )
    months, date_problems = _months(rows[columns[basis]], basis == "inskrivningsmanad")
    codes = rows[columns["brottskod"]].map(normalise_code)
    counts, count_problems = _counts(rows, columns)
    problems += [
        unreadable(table, header, row, columns[basis], found, expected)
        for row, found, expected in date_problems
    ]
    problems += [
        unreadable(table, header, row, columns["antal"], found, expected)
        for row, found, expected in count_problems
    ]
    problems += [
        unreadable(table, header, row, columns["brottskod"], code, "en brottskod med fyra siffror")
        for row, code in codes[~codes.str.fullmatch(r"\d{4}")].items()
    ]
    if problems:
        return Loaded(frame([]), problems)
    records = pd.DataFrame({"month": months, "brottskod": codes, "antal": counts})
    records["kommun"] = rows[columns["kommun"]].map(cell_text)
    records["omrade"] = rows[columns["omrade"]].map(cell_text) if "omrade" in columns else ""
    duplicates = 0
    if "arende" in columns:
        case = rows[columns["arende"]].map(cell_text)
        keep = ~(case.ne("") & pd.DataFrame({"c": case, "k": codes, "m": months}).duplicated())
        duplicates = int((~keep).sum())
        records = records[keep]
    observations = _aggregate(records, basis, table.sheet)
    record_level = "antal" not in columns or any(f in columns for f in ("arende", "gata", "lat"))
    details = {"rader": int(len(rows)), "dubbletter": duplicates, "datumgrund": basis}
    warnings = (
        [f"{duplicates} dubbletter (samma ärende, brottskod och månad) räknades en gång"]
        if duplicates
        else []
    )
    return Loaded(observations, [], warnings, record_level=record_level, details=details)


def _months(values: pd.Series, year_month: bool) -> tuple[pd.Series, list[tuple]]:
    """The first day of each row's month; problems as (row, value found, expected)."""
    if year_month:
        text = values.map(cell_text)
        parsed = pd.to_datetime(text, format="%Y%m", errors="coerce")
        expected = "en månad som 202205 (ÅÅÅÅMM)"
    else:
        parsed = parse_dates(values)
        expected = "ett datum som 2022-05-03, 03/05/2022 eller ett Excel-datum"
    bad = parsed.isna()
    problems = [(row, cell_text(values[row]) or None, expected) for row in values.index[bad]]
    return parsed.dt.to_period("M").dt.start_time, problems


def _counts(rows: pd.DataFrame, columns: dict) -> tuple[pd.Series, list[tuple]]:
    if "antal" not in columns:
        return pd.Series(1.0, index=rows.index), []
    raw = rows[columns["antal"]]
    text = raw.map(cell_text).str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    numbers = pd.to_numeric(text.str.replace(",", "."), errors="coerce")
    # A list, not Series.map: an empty text column keeps its string dtype through map, and a
    # string "mask" combined with & is deprecated in pandas 3 and an error in pandas 4.
    missing = pd.Series([t.lower() in MISSING_MARKS for t in text], index=text.index, dtype=bool)
    bad = (numbers.isna() & ~missing) | (numbers < 0) | (numbers % 1 != 0)
    problems = [(row, cell_text(raw[row]), "ett antal (heltal ≥ 0)") for row in raw.index[bad]]
    return numbers.fillna(0.0), problems


def _aggregate(records: pd.DataFrame, basis: str, sheet: str | None) -> pd.DataFrame:
    grouped = records.groupby(
        ["month", "kommun", "omrade", "brottskod"], as_index=False, sort=True
    )["antal"].sum()
    geos = {name: geography.resolve(name) for name in grouped["kommun"].unique()}
    rows = []
    for month, kommun, omrade, code, count in grouped.itertuples(index=False):
        period = periods.month(month.year, month.month)
        geo = geos[kommun]
        breakdown = {"brottskod": code, "datumgrund": basis}
        if omrade:
            breakdown["omrade"] = omrade
        rows.append(
            observation(
                indicator=INDICATOR,
                period=period,
                geo=geo,
                breakdown=breakdown,
                measure="antal",
                value=float(count),
                status=None,
                sheet=sheet,
                row=None,
            )
        )
    return frame(rows)


LOADER = Loader(
    layout="polisuttag",
    source="polisanmalda_brott",
    origin="polisen",
    label="uttag ur polisens system (en rad per brott eller per dag och brottskod, "
    "med datum och brottskod)",
    detect=detect,
    load=load,
)
