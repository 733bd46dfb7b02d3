"""EST lägesbild: the weekly survey export and the event log.

Weekly survey (Forms/Netigate style), factors and scale from indicators/est.yaml:

    Tidstämpel       | Vecka | Rapportör/Verksamhet | Område/Plats | Hot och våld | … | Kommentar
    2022-02-15 09:12 | 7     | Fritid               | Centrum      | Liten påverkan | … | (text)

Event log: Datum; Vecka; Plats; Område; Kategori; Beskrivning; Rapporterad av; Allvarlighet.
Stored per ISO week and area: the mean answer per factor with n, and event counts. Who answered,
who reported and every free text stay in the file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from indicators.config_files import load_model
from indicators.dates import parse_dates
from indicators.observations import frame, observation
from indicators.periods import iso_week
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
    unreadable,
)
from indicators.values import cell_text, normalise_label

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "est.yaml"


class Factor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stabilt id, ASCII.")
    label: str = Field(min_length=1, description="Faktorns namn för användare.")
    headers: tuple[str, ...] = Field(min_length=1, description="Rubriker i exporten.")


class EstSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    factors: tuple[Factor, ...] = Field(min_length=1)
    scale: dict[str, float] = Field(min_length=2, description="Svarsalternativ → värde.")
    store_free_text: bool = Field(
        default=False, description="Spara fritext (kan namnge personer); bara efter beslut."
    )


@cache
def est_settings(path: Path = SETTINGS_FILE) -> EstSettings:
    return load_model(path, EstSettings, display_name="indicators/est.yaml")


def _factor_synonyms() -> dict[str, list[str]]:
    return {f"faktor:{factor.id}": list(factor.headers) for factor in est_settings().factors}


SURVEY_SYNONYMS = {
    "tid": ["Tidstämpel", "Tidsstämpel", "Starttid", "Datum"],
    "vecka": ["Vecka"],
    "omrade": ["Område/Plats", "Område", "Plats"],
    "kommentar": ["Kommentar", "Kommentarer", "Övrigt"],
}


def detect_survey(table: RawTable) -> Header | None:
    header = find_header(table, {**SURVEY_SYNONYMS, **_factor_synonyms()}, [["tid", "vecka"]])
    if header is None or sum(name.startswith("faktor:") for name in header.columns) < 3:
        return None
    return header


def load_survey(table: RawTable, header: Header, context: Context) -> Loaded:
    kommun, problems = kommun_from_titles(table, header, "EST Trelleborgs kommun", context)
    if kommun is None:
        return Loaded(frame([]), problems)
    rows = body(table, header)
    weeks, problems = _weeks(table, header, rows)
    scale = {normalise_label(answer): value for answer, value in est_settings().scale.items()}
    answers = []
    for name, column in header.columns.items():
        if not name.startswith("faktor:"):
            continue
        texts = rows[column].map(lambda v: normalise_label(cell_text(v)))
        values = texts.map(scale)
        known = ", ".join(est_settings().scale)
        problems += [
            unreadable(
                table,
                header,
                row,
                column,
                cell_text(rows.at[row, column]),
                f"ett svar på skalan: {known}",
            )
            for row in rows.index[texts.ne("") & values.isna()]
        ]
        answers.append(
            pd.DataFrame(
                {
                    "week": weeks,
                    "faktor": name.removeprefix("faktor:"),
                    "omrade": _areas(rows, header),
                    "value": values,
                }
            )
        )
    if problems:
        return Loaded(frame([]), problems)
    grouped = (
        pd.concat(answers)
        .dropna(subset=["value"])
        .groupby(["week", "faktor", "omrade"], as_index=False)["value"]
        .agg(["mean", "count"])
    )
    observations = [
        observation(
            indicator="est.faktor",
            period=iso_week(*week),
            geo=kommun,
            breakdown=_breakdown(faktor=faktor, omrade=area),
            measure="skala",
            value=round(float(mean), 4),
            n=float(count),
            status=None,
            sheet=table.sheet,
            row=None,
        )
        for week, faktor, area, mean, count in grouped.itertuples(index=False)
    ]
    texts = _free_texts(rows, header, weeks, "kommentar")
    return Loaded(frame(observations), [], details={"svar": int(len(rows))}, free_texts=texts)


EVENT_SYNONYMS = {
    "datum": ["Datum"],
    "vecka": ["Vecka"],
    "plats": ["Plats"],
    "omrade": ["Område"],
    "kategori": ["Kategori"],
    "beskrivning": ["Beskrivning"],
    "rapportor": ["Rapporterad av"],
    "allvarlighet": ["Allvarlighet"],
}


def detect_events(table: RawTable) -> Header | None:
    return find_header(
        table,
        EVENT_SYNONYMS,
        [
            ["datum"],
            ["kategori"],
            ["omrade", "plats"],
            ["allvarlighet", "beskrivning", "rapportor"],
        ],
    )


def load_events(table: RawTable, header: Header, context: Context) -> Loaded:
    kommun, problems = kommun_from_titles(table, header, "EST Trelleborgs kommun", context)
    if kommun is None:
        return Loaded(frame([]), problems)
    rows = body(table, header)
    rows = rows[rows[header.columns["kategori"]].map(cell_text) != ""]
    weeks, problems = _weeks(table, header, rows, date_field="datum")
    if problems:
        return Loaded(frame([]), problems)
    severity = (
        rows[header.columns["allvarlighet"]].map(cell_text)
        if "allvarlighet" in header.columns
        else pd.Series("", index=rows.index)
    )
    events = pd.DataFrame(
        {
            "week": weeks,
            "kategori": rows[header.columns["kategori"]].map(cell_text),
            "omrade": _areas(rows, header),
            "allvarlighet": severity,
        }
    )
    counts = events.groupby(["week", "kategori", "omrade", "allvarlighet"], as_index=False).size()
    observations = [
        observation(
            indicator="est.handelser",
            period=iso_week(*week),
            geo=kommun,
            breakdown=_breakdown(kategori=category, omrade=area, allvarlighet=level),
            measure="antal",
            value=float(size),
            status=None,
            sheet=table.sheet,
            row=None,
        )
        for week, category, area, level, size in counts.itertuples(index=False)
    ]
    texts = _free_texts(rows, header, weeks, "beskrivning")
    return Loaded(frame(observations), [], details={"händelser": int(len(rows))}, free_texts=texts)


def _free_texts(rows: pd.DataFrame, header: Header, weeks: pd.Series, field: str) -> list[dict]:
    """Free text per week and area, only when est.yaml says so; never who wrote it."""
    if not est_settings().store_free_text or field not in header.columns:
        return []
    areas = _areas(rows, header)
    texts = rows[header.columns[field]].map(cell_text)
    return [
        {"period": iso_week(*weeks[row]).label, "omrade": areas[row], "text": texts[row]}
        for row in rows.index
        if texts[row]
    ]


def _weeks(
    table: RawTable, header: Header, rows: pd.DataFrame, date_field: str = "tid"
) -> tuple[pd.Series, list[ImportProblem]]:
    """(ISO year, week) per row, from the date; the Vecka column alone lacks the year."""
    column = header.columns.get(date_field)
    if column is None:
        problem = ImportProblem(
            "datum saknas",
            sheet=table.sheet,
            row=header.row,
            expected="en kolumn Tidstämpel eller Datum (Vecka saknar år)",
        )
        return pd.Series(dtype=object), [problem]
    dates = parse_dates(rows[column])
    problems = [
        unreadable(
            table,
            header,
            row,
            column,
            cell_text(rows.at[row, column]) or None,
            "ett datum som 2022-02-15",
        )
        for row in rows.index[dates.isna()]
    ]
    weeks = dates.map(lambda d: None if pd.isna(d) else d.isocalendar()[:2])
    return weeks, problems


def _areas(rows: pd.DataFrame, header: Header) -> pd.Series:
    for field in ("omrade", "plats"):
        if field in header.columns:
            return rows[header.columns[field]].map(cell_text)
    return pd.Series("", index=rows.index)


def _breakdown(**parts: str) -> dict[str, str]:
    return {key: value for key, value in parts.items() if value}


SURVEY = Loader(
    layout="est_veckoenkat",
    source="est",
    origin="kommun",
    label="EST-veckoenkät (Tidstämpel | Vecka | Område | de tolv faktorerna … | Kommentar)",
    detect=detect_survey,
    load=load_survey,
)
EVENTS = Loader(
    layout="est_handelselogg",
    source="est",
    origin="kommun",
    label="EST-händelselogg (Datum; Vecka; Plats; Område; Kategori; Beskrivning; Allvarlighet)",
    detect=detect_events,
    load=load_events,
)
