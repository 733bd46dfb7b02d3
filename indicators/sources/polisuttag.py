"""A police extract ("uttag") from the police's own systems: no fixed layout.

    Diarienummer | Inskrivningsdatum | Brottskod | Kommun     | Lokalpolisområde | Gata
    5000-K1234-22 | 2022-05-03 14:05 | 857       | Trelleborg | LPO Trelleborg   | Storgatan 3

One row per reported offence, or per day × code with an Antal column. Only aggregates are kept:
month × kommun × area × brottskod × which date was used, and, when a date column has a time of
day, the same per weekday × time band as a separate indicator (TIME_INDICATOR) so that no sum
ever counts a crime twice. Streets, coordinates, times and case ids are read for nothing but
dropping duplicates and deciding that the extract is record-level; they never leave this module.

Every column is worked on whole (no Python per cell): a 150 000-row extract is read in about
the time calamine needs to open it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators import geography, periods
from indicators.dates import parse_dates
from indicators.observations import breakdown_key, typed
from indicators.privacy import describe, header_kind, values_kind
from indicators.problems import ImportProblem
from indicators.reading import RawTable
from indicators.sources import (
    Context,
    Header,
    Loaded,
    Loader,
    body,
    column_name,
    find_header,
    texts,
    unreadable,
)
from indicators.sources.bra_sol import INDICATOR
from indicators.values import MISSING_MARKS, normalise_code

TIME_INDICATOR = "anmalda_brott.veckodag_tid"
# Four documented bands (catalogue dimension `tidsband`); 00:00 belongs to the night.
TIME_BANDS = np.array(["00-06", "06-12", "12-18", "18-24"], dtype=object)
UNKNOWN_BAND = "okand"

# Registration dates first: Brå counts reported offences by when they were registered.
DATE_FIELDS = {
    "inskrivningsdatum": ["Inskrivningsdatum", "Inskrdat", "Inskr datum"],
    "anmalningsdatum": ["Anmälningsdatum", "Anmdat"],
    "registreringsdatum": ["Registreringsdatum", "Regdat"],
    "inskrivningsmanad": ["Inskr årmånad", "Inskrivningsmånad", "Inskr ÅrMånad"],
    "brottsdatum": ["Brottsdatum", "BrottsdagStart", "BROTTSDATUMTID_START", "Brottsdatum start"],
}
# Known columns that are read for nothing (benämning and kategori come from the code list) or
# only to find duplicates; those in PRIVATE_FIELDS make the extract record-level by themselves.
SYNONYMS = {
    **DATE_FIELDS,
    "brottskod": ["Brottskod", "Kod"],
    "benamning": ["Brottsbenämning", "Benämning", "Rubricering"],
    "kategori": ["Brottskategori", "Brottskategorier"],
    "kommun": ["Kommun", "Kommunnamn", "Kommunkod"],
    "omrade": ["Lokalpolisområde", "LPO", "Polisområde", "Basområde", "Område", "DeSO", "RegSO"],
    "antal": ["Antal", "Anmälda brott", "antal_brott"],
    "arende": ["Diarienummer", "Diarienr", "K-nummer", "Ärendenummer", "ID"],
    "gata": ["Gata", "Gatunr", "Gatuadress", "Adress", "Brottsplatsadress"],
    "lat": ["LATITUDE", "Latitud"],
    "lon": ["LONGITUDE", "Longitud"],
}
PRIVATE_FIELDS = ("arende", "gata", "lat", "lon")
REQUIRED = [["brottskod"], list(DATE_FIELDS)]


def detect(table: RawTable) -> Header | None:
    return find_header(table, SYNONYMS, REQUIRED)


def load(table: RawTable, header: Header, context: Context) -> Loaded:
    columns = header.columns
    rows = body(table, header)
    codes = texts(rows[columns["brottskod"]])
    if (codes == "").any():
        rows, codes = rows[codes != ""], codes[codes != ""]
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
    basis = next(name for name in DATE_FIELDS if name in columns)
    dates, date_problems = _dates(rows[columns[basis]], basis == "inskrivningsmanad")
    codes = _codes(codes)
    counts, count_problems = _counts(rows, columns)
    problems += [
        unreadable(table, header, row, columns[basis], found, expected)
        for row, found, expected in date_problems
    ]
    problems += [
        unreadable(table, header, row, columns["antal"], found, expected)
        for row, found, expected in count_problems
    ]
    valid = {code: bool(re.fullmatch(r"\d{4}", code)) for code in codes.unique()}
    problems += [
        unreadable(table, header, row, columns["brottskod"], code, "en brottskod med fyra siffror")
        for row, code in codes[~codes.map(valid).astype(bool)].items()
    ]
    if problems:
        return Loaded(typed(pd.DataFrame()), problems)
    private = _private_columns(table, header, rows)
    areas, area_kind = _areas(rows, header)
    area_warning = None
    if area_kind:
        label = header.labels[columns["omrade"]]
        private.append(f"{describe(area_kind)} (kolumn {label})")
        area_warning = (
            f"kolumnen {label} innehåller {describe(area_kind)} och användes inte: brotten "
            "räknades per kommun utan område"
        )
    records = _records(dates, codes, counts, texts(rows[columns["kommun"]]), areas)
    duplicates = 0
    if "arende" in columns:
        records, duplicates = _without_duplicates(records, rows[columns["arende"]])
    geos = _geographies(records.kommuner)
    observations = [_monthly(records, basis, geos, table.sheet)]
    when = _when(rows, header, records, basis)
    if when is not None:
        column, field, grouped = when
        private.append(f"{describe('klockslag')} (kolumn {header.labels[column]})")
        observations.append(_weekday_bands(grouped, records, field, geos, table.sheet))
    observations = pd.concat(observations, ignore_index=True)
    record_level = bool(private) or "antal" not in columns
    details = {"rader": int(len(rows)), "dubbletter": duplicates, "datumgrund": basis}
    if when is not None:
        details["veckodag_tid"] = when[1]
    warnings = [area_warning] if area_warning else []
    if duplicates:
        warnings.append(
            f"{duplicates} dubbletter (samma ärende, brottskod och månad) räknades en gång"
        )
    return Loaded(
        observations,
        [],
        warnings,
        record_level=record_level,
        private=private,
        details=details,
    )


def _codes(codes: pd.Series) -> pd.Series:
    """857 (Excel dropped the zero) → '0857', per distinct code."""
    uniques = {code: normalise_code(code) for code in codes.unique()}
    return codes.map(uniques)


def _dates(values: pd.Series, year_month: bool) -> tuple[pd.Series, list[tuple]]:
    """Each row's date; problems as (row, value found, expected)."""
    if year_month:
        parsed = pd.to_datetime(texts(values), format="%Y%m", errors="coerce")
        expected = "en månad som 202205 (ÅÅÅÅMM)"
    else:
        parsed = parse_dates(values)
        expected = "ett datum som 2022-05-03, 03/05/2022 eller ett Excel-datum"
    bad = parsed.isna()
    problems = [(row, values[row], expected) for row in values.index[bad]]
    return parsed, problems


def _counts(rows: pd.DataFrame, columns: dict) -> tuple[pd.Series, list[tuple]]:
    """The Antal column as whole numbers; NaN where it is missing (such a row is no data)."""
    if "antal" not in columns:
        return pd.Series(1.0, index=rows.index), []
    raw = rows[columns["antal"]]
    text = texts(raw).str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    numbers = pd.to_numeric(text.str.replace(",", "."), errors="coerce")
    missing = text.str.lower().isin(MISSING_MARKS).to_numpy(dtype=bool)
    bad = (numbers.isna() & ~missing) | (numbers < 0) | (numbers % 1 != 0)
    problems = [(row, raw[row], "ett antal (heltal ≥ 0)") for row in raw.index[bad]]
    return numbers.where(~missing), problems


def _private_columns(table: RawTable, header: Header, rows: pd.DataFrame) -> list[str]:
    """Why this extract is record-level: every column it has that is private, or that this
    loader does not understand (it may be anything), named by its header."""
    used = set(header.columns.values())
    reasons = []
    for column in table.cells.columns:
        label = header.labels.get(column, "")
        if column in used:
            field = next(name for name, c in header.columns.items() if c == column)
            if field in PRIVATE_FIELDS:
                reasons.append(f"{describe(header_kind(label) or _KIND[field])} (kolumn {label})")
        elif label or rows[column].notna().any():
            kind = header_kind(label) or values_kind(rows[column].dropna().unique()[:2000])
            what = describe(kind) if kind else "uppgifter som inläsningen inte känner igen"
            reasons.append(f"{what} (kolumn {column_name(table, header, column)})")
    return reasons


_KIND = {"arende": "arende", "gata": "adress", "lat": "koordinat", "lon": "koordinat"}


def _areas(rows: pd.DataFrame, header: Header) -> tuple[pd.Series, str | None]:
    """The area of each row and the kind of personal data in the column, if any: then no area
    at all, and the column is neither stored nor quoted."""
    if "omrade" not in header.columns:
        return pd.Series("", index=rows.index, dtype=object), None
    areas = texts(rows[header.columns["omrade"]])
    kind = values_kind(areas.unique())
    if kind is None:
        return areas, None
    return pd.Series("", index=rows.index, dtype=object), kind


def _geographies(kommuner: np.ndarray) -> list[geography.Geo]:
    geos = []
    for text in kommuner:
        geo = geography.resolve(text) if text else geography.Geo("okand", None, "okänd kommun")
        # Only a known geography keeps the name the file gives it; anything else in a kommun
        # column of an extract could be anything.
        if geo.level == "okand" and values_kind([text]) is not None:
            geo = geography.Geo("okand", None, "okänd kommun")
        geos.append(geo)
    return geos


@dataclass
class Records:
    """The rows that count, as integer keys into small tables of distinct values: grouping
    150 000 rows by numbers is what keeps an import near the time calamine needs to read."""

    index: pd.Index
    dates: pd.Series
    keys: pd.DataFrame  # month (YYYYMM), kommun, omrade, brottskod as ints; antal
    kommuner: np.ndarray
    areas: np.ndarray
    codes: np.ndarray


def _records(
    dates: pd.Series, codes: pd.Series, counts: pd.Series, kommuner: pd.Series, areas: pd.Series
) -> Records:
    counted = counts.notna().to_numpy()
    index = dates.index[counted]
    dates = dates[counted]
    kommun_ids, kommun_values = pd.factorize(kommuner[counted].to_numpy(dtype=object))
    area_ids, area_values = pd.factorize(areas[counted].to_numpy(dtype=object))
    code_ids, code_values = pd.factorize(codes[counted].to_numpy(dtype=object))
    keys = pd.DataFrame(
        {
            "month": (dates.dt.year * 100 + dates.dt.month).to_numpy(),
            "kommun": kommun_ids,
            "omrade": area_ids,
            "brottskod": code_ids,
            "antal": counts[counted].to_numpy(dtype=float),
        },
        index=index,
    )
    return Records(index, dates, keys, kommun_values, area_values, code_values)


def _without_duplicates(records: Records, cases: pd.Series) -> tuple[Records, int]:
    """One offence per case id, code and month; rows without a case id all count."""
    raw = cases.reindex(records.index)
    case_ids = pd.factorize(raw.to_numpy(dtype=object))[0]
    keyed = pd.DataFrame(
        {
            "c": case_ids,
            "k": records.keys["brottskod"].to_numpy(),
            "m": records.keys["month"].to_numpy(),
        }
    )
    keep = ~(raw.notna().to_numpy() & keyed.duplicated().to_numpy())
    duplicates = int((~keep).sum())
    if not duplicates:
        return records, 0
    kept = Records(
        records.index[keep],
        records.dates[keep],
        records.keys[keep],
        records.kommuner,
        records.areas,
        records.codes,
    )
    return kept, duplicates


def _monthly(records: Records, basis: str, geos: list, sheet: str | None) -> pd.DataFrame:
    grouped = (
        records.keys.groupby(["month", "kommun", "omrade", "brottskod"], sort=True)["antal"]
        .sum()
        .reset_index()
    )
    if grouped.empty:
        return typed(pd.DataFrame())
    months = {m: periods.month(int(m) // 100, int(m) % 100) for m in grouped["month"].unique()}
    pairs = grouped["brottskod"] * len(records.areas) + grouped["omrade"]
    breakdowns = {
        pair: breakdown_key(
            _parts(records, int(pair), brottskod=None, datumgrund=basis, tidsband=None)
        )
        for pair in pairs.unique()
    }
    return _tidy(INDICATOR, grouped["month"], months, pairs.map(breakdowns), grouped, geos, sheet)


def _parts(records: Records, pair: int, **fixed: str | None) -> dict[str, str]:
    """A breakdown from a (brottskod, omrade) pair key and the fixed parts that are set."""
    code, area = divmod(pair, len(records.areas))
    parts = {"brottskod": records.codes[code], **{k: v for k, v in fixed.items() if v}}
    if records.areas[area]:
        parts["omrade"] = records.areas[area]
    return parts


def _when(
    rows: pd.DataFrame, header: Header, records: Records, basis: str
) -> tuple[object, str, pd.DataFrame] | None:
    """Counts per year × kommun × area × code × weekday × time band, from the offence's time
    when the extract has it, else the registration's; None when no date column has a time.

    Per year, not per month: a spread-out extract would give nearly one aggregate per row, and
    the months are already in the monthly counts."""
    for field in ("brottsdatum", basis):
        column = header.columns.get(field)
        if column is None or field == "inskrivningsmanad":
            continue
        dates = parse_dates(rows[column]).reindex(records.index)
        hours = dates.dt.hour.to_numpy(dtype=float, na_value=np.nan)
        timed = dates.notna().to_numpy()
        clock = (dates - dates.dt.normalize()).to_numpy()
        if not (clock[timed] > np.timedelta64(0)).any():
            continue
        band = np.where(np.isnan(hours), 0, hours // 6).astype(int)
        band[_written_without_time(rows[column].reindex(records.index))] = len(TIME_BANDS)
        keys = records.keys.assign(
            year=dates.dt.year.to_numpy(dtype=float, na_value=np.nan),
            veckodag=dates.dt.day_of_week.to_numpy(dtype=float, na_value=np.nan) + 1,
            tidsband=band,
        )[timed]
        grouped = (
            keys.groupby(
                ["year", "kommun", "omrade", "brottskod", "veckodag", "tidsband"], sort=True
            )["antal"]
            .sum()
            .reset_index()
        )
        return column, field, grouped
    return None


def _written_without_time(raw: pd.Series) -> np.ndarray:
    """Text cells with a date but no clock time: their band is unknown, not the night."""
    values = raw.to_numpy(dtype=object)
    without = np.zeros(len(values), dtype=bool)
    if pd.api.types.infer_dtype(values, skipna=True) in ("datetime", "date"):
        return without  # Excel dates: a time, if any, is in the value
    is_text = np.array([isinstance(v, str) for v in values], dtype=bool)
    if is_text.any():
        text = pd.Series(values[is_text], dtype=object).astype(str)
        without[is_text] = ~text.str.contains(r"\d:\d", regex=True).to_numpy(dtype=bool)
    return without


def _weekday_bands(
    grouped: pd.DataFrame, records: Records, field: str, geos: list, sheet: str | None
) -> pd.DataFrame:
    if grouped.empty:
        return typed(pd.DataFrame())
    years = {y: periods.year(int(y)) for y in grouped["year"].unique()}
    bands = [*TIME_BANDS, UNKNOWN_BAND]
    width = len(records.codes) * len(records.areas)
    combined = (grouped["tidsband"] * 8 + grouped["veckodag"].astype(int)) * width + (
        grouped["brottskod"] * len(records.areas) + grouped["omrade"]
    )
    breakdowns = {}
    for key in combined.unique():
        slot, pair = divmod(int(key), width)
        band, weekday = divmod(slot, 8)
        parts = _parts(records, pair, datumgrund=field, tidsband=bands[band])
        breakdowns[key] = breakdown_key({**parts, "veckodag": str(weekday)})
    return _tidy(
        TIME_INDICATOR, grouped["year"], years, combined.map(breakdowns), grouped, geos, sheet
    )


def _tidy(
    indicator: str,
    keys: pd.Series,
    period_of: dict,
    breakdown: pd.Series,
    grouped: pd.DataFrame,
    geos: list,
    sheet: str | None,
) -> pd.DataFrame:
    """The tidy frame a whole column at a time (one aggregate per row, no source row)."""
    kommun = grouped["kommun"]
    return typed(
        pd.DataFrame(
            {
                "indicator": indicator,
                "period": keys.map({k: p.label for k, p in period_of.items()}),
                "period_type": keys.map({k: p.type for k, p in period_of.items()}),
                "period_start": keys.map({k: p.start.isoformat() for k, p in period_of.items()}),
                "period_end": keys.map({k: p.end.isoformat() for k, p in period_of.items()}),
                "geo_level": kommun.map(dict(enumerate(g.level for g in geos))),
                "geo_code": kommun.map(dict(enumerate(g.code for g in geos))),
                "geo_name": kommun.map(dict(enumerate(g.name for g in geos))),
                "breakdown": breakdown,
                "measure": "antal",
                "value": grouped["antal"].astype(float),
                "n": np.nan,
                "status": None,
                "sheet": sheet,
                "row": None,
                "cell": None,
            }
        )
    )


LOADER = Loader(
    layout="polisuttag",
    source="polisanmalda_brott",
    origin="polisen",
    label="uttag ur polisens system (en rad per brott eller per dag och brottskod, "
    "med datum och brottskod)",
    detect=detect,
    load=load,
)
