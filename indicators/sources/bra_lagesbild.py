"""Brå's "Indikatorer för kommuners lägesbild": one workbook per kommun, with its län and riket.

Reported-crime sheets (one category each):

    Skadegörelsebrott (anmälda brott)
                | Antal 2017 | … | Antal 2024 | Antal per 100 000 inv 2017 | …
    Trelleborg  | 612        | … | 540        | 1 402,1                    | …
    Skåne län   | …
    Hela landet | …

NTU sheets ("Otrygghet utomhus-NTU"): a title "<Variabel>, enligt NTU 2017–2025. <Enhet>.", a
row of geography names over blocks of three columns, the header `Andel | KI (95 %) undre gräns |
KI (95 %) övre gräns`, one row per year (older files pool two years: `2019/2020`). The sheet
"Antal svarande i NTU." gives n per geography and year, which joins each share as its n.

Categories and NTU variables map to catalogue indicators by their labels (`bra_lagesbild`);
one the catalogue does not know is kept under lagesbild.ovrig / ntu.ovrig with its own name.
"""

from __future__ import annotations

import re

import pandas as pd

from indicators import geography, periods
from indicators.catalogue import load_catalogue
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
    column_name,
    read_value,
    rows_of,
    unreadable,
)
from indicators.values import (
    cell_text,
    is_missing,
    normalise_label,
    parse_count,
    parse_number,
    written,
)

SOURCE_LABELS = "bra_lagesbild"
RESPONDENTS = "ntu.antal_svarande"
_COUNT = re.compile(r"^antal\s*((?:19|20)\d\d)$")
_RATE = re.compile(r"^antal per 100\s?000( inv(anare)?)?\.?\s*((?:19|20)\d\d)$")
_YEARS = re.compile(r"^((?:19|20)\d\d)(?:\s*[/–-]\s*((?:19|20)\d\d))?$")
_SEX = re.compile(r"[\s,(–-]*\b(flickor|pojkar)\b\)?\s*$")
_TITLE_ROWS = 5
MEASURE_BY_FIELD = {"andel": "andel_pct", "undre": "ki95_undre_pct", "ovre": "ki95_ovre_pct"}


def _labels(prefix: str) -> dict[str, str]:
    return {
        normalise_label(label): indicator.id
        for indicator in load_catalogue().indicators
        if indicator.id.startswith(prefix)
        for label in indicator.labels.get(SOURCE_LABELS, ())
    }


def _plain(label: object) -> str:
    return re.sub(r"[.,:]", "", normalise_label(label)).strip()


def _title(table: RawTable) -> str:
    return cell_text(table.cells.iloc[0, 0]) if not table.cells.empty else ""


# --- reported crime -------------------------------------------------------------------------


def detect_crime(table: RawTable) -> Header | None:
    if "anmalda brott" not in normalise_label(_title(table)):
        return None
    for row in table.cells.index[:_TITLE_ROWS]:
        labels = {c: cell_text(v) for c, v in table.cells.loc[row].items() if cell_text(v)}
        periodic = [c for c, text in labels.items() if _period_column(text)]
        if len(periodic) >= 2:
            return Header(int(row), {"geo": table.cells.columns[0]}, labels)
    return None


def _period_column(text: str) -> tuple[str, int] | None:
    label = _plain(text)
    if found := _COUNT.match(label):
        return "antal", int(found.group(1))
    if found := _RATE.match(label):
        return "per_100k", int(found.group(3))
    return None


def crime_category(table: RawTable) -> tuple[str, dict[str, str]]:
    """(indicator, breakdown) for the sheet's category, from its title or else its name."""
    known = _labels("lagesbild.")
    title = re.split(r"\(\s*anmälda brott\s*\)", _title(table), flags=re.IGNORECASE)[0].strip()
    for text in (title, table.sheet or ""):
        sex = _SEX.search(text)
        bare = _SEX.sub("", text).strip() if sex else text
        indicator = known.get(normalise_label(bare))
        if indicator:
            return indicator, ({"kon": sex.group(1).lower()} if sex else {})
    return "lagesbild.ovrig", {"kategori": title or table.sheet or ""}


def load_crime(table: RawTable, header: Header, context: Context) -> Loaded:
    indicator, breakdown = crime_category(table)
    columns = {c: parsed for c, text in header.labels.items() if (parsed := _period_column(text))}
    rows = []
    problems: list[ImportProblem] = []
    for row_number, cells in rows_of(body(table, header)):
        place = cell_text(cells[header.columns["geo"]])
        if not place:
            continue
        geo = geography.resolve(place)
        for column, (measure, year) in columns.items():
            if is_missing(cells[column]):
                continue
            parse = parse_count if measure == "antal" else parse_number
            value = read_value(table, header, row_number, cells, column, parse, problems)
            if value is not None:
                rows.append(
                    observation(
                        indicator=indicator,
                        period=periods.year(year),
                        geo=geo,
                        breakdown=breakdown,
                        measure=measure,
                        value=value,
                        status=Revision.SLUTLIG,
                        sheet=table.sheet,
                        row=int(row_number),
                        column=header.labels[column],
                        written=written(cells[column]),
                    )
                )
    return Loaded(frame(rows), problems)


# --- NTU shares with their intervals ----------------------------------------------------------


def _ntu_field(text: str) -> str | None:
    label = _plain(text)
    if label == "andel" or label.startswith("andel "):
        return "andel"
    if label.startswith("ki") and "undre" in label:
        return "undre"
    if label.startswith("ki") and "ovre" in label:
        return "ovre"
    return None


def detect_ntu(table: RawTable) -> Header | None:
    for row in table.cells.index[: _TITLE_ROWS + 2]:
        labels = {c: cell_text(v) for c, v in table.cells.loc[row].items() if cell_text(v)}
        fields = [_ntu_field(text) for text in labels.values()]
        if "andel" in fields and "undre" in fields and "ovre" in fields:
            return Header(int(row), {"ar": table.cells.columns[0]}, labels)
    return None


def ntu_variable(table: RawTable) -> tuple[str, dict[str, str]]:
    """(indicator, breakdown) for the sheet's NTU variable, from its title or else its name."""
    known = _labels("ntu.")
    title = re.sub(r"\s+", " ", _title(table))
    variable = re.split(r",?\s*enligt\s+NTU", title, flags=re.IGNORECASE)[0].strip(" .,")
    sheet = re.sub(r"\s*[-–]\s*NTU\.?$", "", table.sheet or "", flags=re.IGNORECASE).strip()
    for text in (variable, sheet):
        indicator = known.get(normalise_label(text))
        if indicator:
            return indicator, {}
    return "ntu.ovrig", {"variabel": variable or sheet}


def _blocks(table: RawTable, header: Header) -> dict[object, tuple[geography.Geo, str, str]]:
    """Column → (geography, field, its name as written) for every share and bound column."""
    above = table.cells.index[table.cells.index < header.row]
    names = table.cells.loc[above[-1]] if len(above) else pd.Series(dtype=object)
    found, place = {}, ""
    for column in table.cells.columns:
        if column in names.index and cell_text(names[column]):
            place = cell_text(names[column])
        field = _ntu_field(header.labels.get(column, ""))
        if field and place:
            found[column] = (geography.resolve(place), field, f"{place} / {header.labels[column]}")
    return found


def load_ntu(table: RawTable, header: Header, context: Context) -> Loaded:
    indicator, breakdown = ntu_variable(table)
    blocks = _blocks(table, header)
    rows = []
    problems: list[ImportProblem] = []
    for row_number, cells in rows_of(body(table, header)):
        year_text = cell_text(cells[header.columns["ar"]])
        if not year_text:
            continue
        period = _years(year_text)
        if period is None:
            problems.append(
                unreadable(
                    table,
                    header,
                    row_number,
                    header.columns["ar"],
                    cells[header.columns["ar"]],
                    "ett år som 2024 eller två sammanslagna som 2019/2020",
                )
            )
            continue
        year, pooled = period
        for column, (geo, field, name) in blocks.items():
            if is_missing(cells[column]):
                continue
            value = read_value(table, header, row_number, cells, column, parse_number, problems)
            if value is not None:
                rows.append(
                    observation(
                        indicator=indicator,
                        period=periods.year(year),
                        geo=geo,
                        breakdown={**breakdown, **pooled},
                        measure=MEASURE_BY_FIELD[field],
                        value=value,
                        status=Revision.SLUTLIG,
                        sheet=table.sheet,
                        row=int(row_number),
                        column=name,
                        written=written(cells[column]),
                    )
                )
    return Loaded(frame(rows), problems)


def _years(text: str) -> tuple[int, dict[str, str]] | None:
    """2024 → (2024, {}); '2019/2020' → (2020, {'sammanslagna_ar': '2019–2020'})."""
    found = _YEARS.match(normalise_label(text).replace(" ", ""))
    if not found:
        return None
    first, last = found.group(1), found.group(2)
    if last is None:
        return int(first), {}
    return int(last), {"sammanslagna_ar": f"{first}–{last}"}


# --- respondents: n for every share -----------------------------------------------------------


def detect_respondents(table: RawTable) -> Header | None:
    names = (normalise_label(table.sheet or ""), normalise_label(_title(table)))
    if not any(name.startswith("antal svarande") for name in names):
        return None
    for row in table.cells.index[: _TITLE_ROWS + 2]:
        labels = {c: cell_text(v) for c, v in table.cells.loc[row].items() if cell_text(v)}
        years = sum(_years(text) is not None for text in labels.values())
        places = sum(_is_place(text) for text in labels.values())
        if years >= 1 or places >= 1:
            first = table.cells.columns[0]
            return Header(int(row), {"forsta": first}, labels)
    return None


def _is_place(text: str) -> bool:
    return geography.resolve(text).level in ("kommun", "region", "riket")


def load_respondents(table: RawTable, header: Header, context: Context) -> Loaded:
    """Either geographies as columns and years as rows, or the other way round."""
    columns = {c: text for c, text in header.labels.items() if c != header.columns["forsta"]}
    years_across = any(_years(text) for text in columns.values())
    rows = []
    problems: list[ImportProblem] = []
    for row_number, cells in rows_of(body(table, header)):
        head = cell_text(cells[header.columns["forsta"]])
        if not head:
            continue
        for column, label in columns.items():
            place, year_text = (head, label) if years_across else (label, head)
            period = _years(year_text)
            if period is None or not _is_place(place) or is_missing(cells[column]):
                continue
            value = read_value(table, header, row_number, cells, column, parse_count, problems)
            if value is not None:
                rows.append(
                    observation(
                        indicator=RESPONDENTS,
                        period=periods.year(period[0]),
                        geo=geography.resolve(place),
                        breakdown=period[1],
                        measure="antal",
                        value=value,
                        status=Revision.SLUTLIG,
                        sheet=table.sheet,
                        row=int(row_number),
                        column=column_name(table, header, column),
                        written=written(cells[column]),
                    )
                )
    return Loaded(frame(rows), problems)


def attach_respondents(observations: pd.DataFrame) -> pd.DataFrame:
    """Every NTU share and bound gets its geography's and year's respondents as n."""
    counts = observations[observations["indicator"] == RESPONDENTS]
    if counts.empty:
        return observations
    key = ["period", "geo_level", "geo_code", "geo_name"]
    pooled = counts["breakdown"].str.extract(r'"sammanslagna_ar": "([^"]*)"')[0].fillna("")
    n_by = {
        (*tuple(row[k] for k in key), years): row["value"]
        for row, years in zip(counts.to_dict("records"), pooled, strict=True)
    }
    shares = observations["indicator"].str.startswith("ntu.") & (
        observations["indicator"] != RESPONDENTS
    )
    share_pooled = (
        observations["breakdown"].str.extract(r'"sammanslagna_ar": "([^"]*)"')[0].fillna("")
    )
    found = [
        n_by.get((*tuple(row[k] for k in key), years))
        for row, years in zip(
            observations.loc[shares, key].to_dict("records"), share_pooled[shares], strict=True
        )
    ]
    observations = observations.copy()
    observations.loc[shares, "n"] = pd.array(found, dtype="Float64").astype("float64")
    return observations


# One layout for the three kinds of sheet: together they are one file Brå publishes.
LAYOUT = "bra_lagesbild"
LABEL = (
    "Brås indikatorer för kommuners lägesbild (blad med anmälda brott: Antal 2017 … | Antal per "
    "100 000 inv 2017 …; NTU-blad: Andel | KI (95 %) undre gräns | KI (95 %) övre gräns)"
)
CRIME = Loader(LAYOUT, "bra_kommunindikatorer", "bra", LABEL, detect_crime, load_crime)
NTU = Loader(LAYOUT, "ntu", "bra", LABEL, detect_ntu, load_ntu, finish=attach_respondents)
RESPONDENTS_SHEET = Loader(
    LAYOUT, "ntu", "bra", LABEL, detect_respondents, load_respondents, finish=attach_respondents
)
