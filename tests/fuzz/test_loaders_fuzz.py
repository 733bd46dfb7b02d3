"""Fuzzing every loader through the real import (issue #8): damaged and random bytes, other
encodings, empty, huge and odd cells, odd headers, numbers as text.

Whatever a file holds, `ingest_file` answers with an import or a refusal whose problems are in
Swedish: never a traceback, and a refusal leaves nothing behind in the store or the archive. The
check-only path (`trygghetsmal check`) gives the same verdict as the import.

CI runs a few dozen examples per test; to search harder, scale them up:
    TRYGGHETSMAL_FUZZ_SCALE=20 .venv/bin/python -m pytest tests/fuzz -q
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import func, select

from indicators.ingest import IngestContext, IngestResult, ingest_file
from indicators.problems import FileRefused
from indicators.reading import ACCEPTED_SUFFIXES, decode_text
from indicators.store import free_texts_table, imports_table, measures_table, observations_table
from tests.imports.files import xls_file, xlsx_file

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "examples").iterdir())
SCALE = int(os.environ.get("TRYGGHETSMAL_FUZZ_SCALE", "1"))


def fuzz(examples: int):
    # The store and tmp_path are shared by the examples of one test on purpose: a refusal must
    # leave that store exactly as it found it. No example database, so nothing is written to the
    # repository and a failure is reported with its shrunk example instead.
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# --- the property ------------------------------------------------------------------------------

# Python leaking through: exception names, repr of objects, pandas/pandera/calamine wording.
_NOT_SWEDISH = re.compile(
    r"Traceback|\b[A-Za-z]*(Error|Exception)\b|NoneType|\bobject\b|\battribute\b|\bdtype\b"
    r"|not_nullable|\bisin\(|str_matches|\b(the|could|cannot|invalid|expected|unexpected|failed)\b"
)
_SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(inte|och|eller|som|en|ett|filen|saknas|kan|med|ingen|inga)\b")


def assert_swedish(text: str, what: str) -> None:
    assert _SWEDISH.search(text), f"{what} är inte på svenska: {text!r}"[:2000]
    assert not _NOT_SWEDISH.search(text), f"{what} läcker Python/engelska: {text!r}"[:2000]


def assert_well_answered(result: IngestResult) -> None:
    assert result.outcome in ("importerad", "oförändrad", "avvisad", "godkänd"), result.outcome
    for line in result.lines():  # what the command line prints must render too
        assert "Traceback" not in line
    for warning in result.warnings:
        assert _SWEDISH.search(warning) and "Traceback" not in warning, warning[:2000]
    if result.refused:
        assert result.problems, "en avvisad fil måste säga varför"
        for problem in result.problems:
            str(problem)
            assert_swedish(problem.message, "meddelandet")
            if problem.expected:
                assert_swedish(problem.expected, "det förväntade")
    else:
        assert not result.problems


def stored_state(context: IngestContext) -> tuple:
    with context.store.engine.connect() as conn:
        counts = tuple(
            conn.execute(select(func.count()).select_from(table)).scalar()
            for table in (imports_table, observations_table, measures_table, free_texts_table)
        )
    archived = (
        sorted(p.name for p in context.archive_dir.iterdir())
        if context.archive_dir.exists()
        else []
    )
    return counts, archived


def ingest_both_ways(path: Path, context: IngestContext, name: str | None = None) -> IngestResult:
    """Check only, then import: both answer well, agree, and a refusal stores nothing."""
    checked = ingest_file(path, IngestContext(None, context.archive_dir, context.limits), name)
    assert_well_answered(checked)
    before = stored_state(context)
    imported = ingest_file(path, context, name)
    assert_well_answered(imported)
    if imported.outcome != "oförändrad":
        assert imported.refused == checked.refused, (checked.lines(), imported.lines())
    if imported.refused:
        assert stored_state(context) == before, "en avvisad fil lämnade spår i databasen"
    return imported


# --- cell values -------------------------------------------------------------------------------

ODD_TEXTS = [
    "",
    " ",
    "\u00a0",
    "..",
    ".",
    "-",
    "–",
    "—",
    "x",
    "XX",
    "Värde saknas",
    "0",
    "-0",
    "-1",
    "-4,5",
    "1 234",
    "1\u00a0234",
    "1\u202f234",
    "1,84",
    "1.234,5",
    "1,234.5",
    "1.2.3",
    "12 %",
    "%",
    ",",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e309",
    "-1e309",
    "1e-400",
    "1_000",
    "0x10",
    "٣",
    "１２",
    "²",
    "𝟘",
    "=1+1",
    "=A1/0",
    "+1",
    "@SUM(A1)",
    "#VALUE!",
    "#N/A",
    "#DIV/0!",
    "None",
    "null",
    "True",
    "2022-13-45",
    "31/02/2022",
    "2022-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "44684",
    "99999",
    "10000000",
    "99999999999999999999",
    "202213",
    "202200",
    "1899-12-30",
    "22-05-03",
    "3 maj 2022",
    "Maj",
    "maj.",
    "Kvartal 5",
    "Kvartal 0",
    "2019 prel.",
    "prel.",
    "År",
    "1900",
    "2999",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\u200b",
    "\r\n",
    "a;b",
    'a"b',
    '"',
    "'0857",
    "0857",
    "857",
    "12345",
    "Trelleborg",
    "Trelleborgs kommun",
    "1287",
    "1287 Trelleborg",
    "Hela landet",
    "Åk 6",
    "gy 2",
    "Flickor",
    "Ingen påverkan",
    "ja",
    "EST-möte",
    "Pågående",
    "T",
    "K",
    "Bilar som kör för fort",
    "Totalindex",
    "n",
    "Svarsfrekvens",
    "Brott",
    "Region",
]
HUGE = st.sampled_from(["9", "å", "x;", "1,5 "]).flatmap(
    lambda unit: st.integers(20_000, 160_000).map(lambda n: (unit * n)[:n])
)

cell_values = st.one_of(
    st.sampled_from(ODD_TEXTS),
    st.sampled_from(ODD_TEXTS),  # twice as likely as the rest
    st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
    st.none(),
    HUGE,
)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


HEADER_EDITS = {
    "versaler": str.upper,
    "gemener": str.lower,
    "mellanslag": lambda t: f"  {t}\t ",
    "hårt mellanslag": lambda t: t.replace(" ", "\u00a0"),
    "fotnot": lambda t: f"{t}2",
    "utan accenter": _plain,
    "bom": lambda t: f"\ufeff{t}",
    "dubbel": lambda t: f"{t} {t}",
    "tom": lambda t: "",
}


# --- layouts: one small, valid file per loader ------------------------------------------------


@dataclass(frozen=True)
class Layout:
    name: str  # the loader's layout id
    rows: list[list[Any]]
    header: int  # index of the header row in rows
    excel: bool  # how the real exports come; the fuzzer also writes the other kind
    sheet: str = "Blad1"
    encoding: str = "utf-8-sig"
    delimiter: str = ";"
    variant: str = ""  # when a loader has two shapes worth fuzzing

    @property
    def id(self) -> str:
        return f"{self.name}-{self.variant}" if self.variant else self.name


D = dt.datetime
FACTORS = [
    "Hot och våld",
    "Skadegörelse",
    "Anlagda bränder",
    "Narkotika",
    "Klotter",
    "Nedskräpning",
    "Ungdomsgrupperingar",
    "Ordningsstörningar",
    "Trafik och buskörning",
    "Inbrott",
    "Stölder",
    "Otrygga platser",
]
KOLADA_KPI = "U07417 Stöld och tillgrepp, anmälda, antal/1000 inv (treårsmedel)"

LAYOUTS = [
    Layout(
        "bra_sol_databasfil",
        [
            ["Region", "Brott", "År", "Period", "Antal", "/100 000 inv"],
            ["Trelleborg", "Inbrottsstöld i bostad", "År", "2019", "123", "270", ""],
            [
                "Trelleborg",
                "9801 - Inbrottsstöld, fullbordat, i villa/radhus",
                "2023 prel.",
                "Maj",
                "4",
                "..",
                "",
            ],
            [
                "Trelleborg kommun",
                "857 - Försök till inbrottsstöld i villa/radhus",
                "2023",
                "Kvartal 1",
                "2",
                "..",
                "",
            ],
            ["Hela landet", "Skadegörelsebrott ", "År", "2020", "1 234", "1,5", ""],
        ],
        header=0,
        excel=False,
        encoding="latin-1",
    ),
    Layout(
        "bra_sol_tabell",
        [
            ["Anmälda brott, Trelleborg"],
            ["Källa: Brås statistikdatabas."],
            [],
            [
                "Region",
                "Brott",
                "2019",
                "2020M03",
                "mar 2021",
                "2021 prel.",
                "2019 Antal per 100 000 inv",
            ],
            ["Trelleborg", "Inbrottsstöld i bostad", 123, "96", "..", "12", "270,5"],
            ["Svedala", "Skadegörelsebrott", "180", 7, 8, "x", ".."],
        ],
        header=3,
        excel=True,
        sheet="Tabell",
    ),
    Layout(
        "polisuttag",
        [
            ["Uttag ur polisens system, LPO Trelleborg, 2022."],
            [
                "Diarienummer",
                "Inskrivningsdatum",
                "Brottsdatum",
                "Brottskod",
                "Kommun",
                "Lokalpolisområde",
                "Gata",
            ],
            [
                "5000-K1-22",
                D(2022, 5, 3, 10, 15),
                D(2022, 5, 2),
                857,
                "Trelleborg",
                "LPO Trelleborg",
                "Exempelgatan",
            ],
            ["5000-K2-22", "2022-05-04", "03/05/2022", "9801", "Svedala", "LPO Trelleborg", ""],
            ["5000-K3-22", 44700, "2022-06-01 08:00", "1201", "1287", "LPO Trelleborg", None],
            [
                "5000-K1-22",
                D(2022, 5, 3, 10, 15),
                D(2022, 5, 2),
                857,
                "Trelleborg",
                "LPO Trelleborg",
                "Exempelgatan",
            ],
        ],
        header=1,
        excel=True,
        sheet="Uttag",
    ),
    Layout(
        "polisuttag",
        [
            ["Inskr årmånad", "Kod", "Kommunkod", "LPO", "Antal"],
            ["202205", "0857", "1287", "LPO Trelleborg", "3"],
            [202206, 9801, 1287, "LPO Trelleborg", 2],
            ["202206", "1201", "1263", "", "1 204"],
        ],
        header=0,
        excel=False,
        encoding="cp1252",
        variant="antal per månad",
    ),
    Layout(
        "trygghetsmatning_matris",
        [
            ["Trygghetsmätning 2019 – Trelleborgs kommun"],
            ["Fiktiva värden."],
            ["Tema", "Fråga", "Anderslöv", "Skegrie", "LPO Trelleborg", "Kommun totalt"],
            ["Utemiljö", "Bilar som kör för fort", "2,1", 1.9, "2", "1,95"],
            ["Utemiljö", "Buskörning med moped/mc", "1,5", "..", 1, "1,4"],
            ["Konkret otrygghet", "Otrygg ute ensam sen kväll", "1,2", "1,3", "x", ".."],
            ["Totalindex", None, "1,8", "1,7", "1,75", "1,84"],
            ["n", None, 290, 301, 1900, 1200],
            ["Svarsfrekvens", None, "50 %", "48 %", None, "49 %"],
        ],
        header=2,
        excel=True,
        sheet="2019",
    ),
    Layout(
        "trygghetsmatning_matris",
        [
            ["Trygghetsmätning – Trelleborgs kommun"],
            ["År", "Tema", "Fråga", "Anderslöv", None, "Kommun totalt", None],
            [None, None, None, "Index", "%", "Index", "%"],
            [2019, "Utemiljö", "Bilar som kör för fort", "2,1", "30", "1,95", "28 %"],
            ["2020", "Utemiljö", "Buskörning med moped/mc", "1,5", "..", "1,4", "20,5"],
            [2021, "Antal svar", None, 290, None, 1200, None],
        ],
        header=1,
        excel=True,
        sheet="Resultat",
        variant="delkolumner",
    ),
    Layout(
        "trygghetsmatning_lang",
        [
            [
                "År",
                "Kommun",
                "Område",
                "Tema",
                "Fråga",
                "Index",
                "Andel (%)",
                "Antal svar",
                "Svarsfrekvens",
            ],
            [
                "2019",
                "Trelleborg",
                "Kommun totalt",
                "Konkret otrygghet",
                "Otrygg ute ensam sen kväll",
                "..",
                "24",
                "1200",
                "52 %",
            ],
            [
                "2021",
                "Trelleborg",
                "Anderslöv",
                "Utemiljö",
                "Bilar som kör för fort",
                "2,2",
                "..",
                "300",
                "",
            ],
            [
                "2021",
                "",
                "LPO Trelleborg",
                "Utemiljö",
                "Trafikregler respekteras inte",
                "1,6",
                "",
                "",
                "",
            ],
        ],
        header=0,
        excel=False,
    ),
    Layout(
        "bou_tabell",
        [
            ["Folkhälsoenkät Barn och Unga i Skåne 2021 – Trelleborg"],
            ["Fiktiva värden."],
            ["Indikator", "Årskurs", "Flickor %", "Pojkar %", "Totalt %", "Skåne %", "n"],
            ["Druckit alkohol senaste 12 månaderna", "Åk 9", 41, "38", "40", "45,5", 410],
            ["Använder tobak (röker eller snusar)", "Gy 2", "..", "x", 30, "..", ".."],
            ["Någon gång använt narkotika", "åk 6", None, None, "2", "3", "430"],
        ],
        header=2,
        excel=True,
        sheet="2021",
    ),
    Layout(
        "bou_lang",
        [
            ["Undersökning", "År", "Geografi", "Årskurs", "Kön", "Indikator", "Andel (%)", "n"],
            [
                "BoU",
                "2021",
                "Trelleborg",
                "Åk 9",
                "Totalt",
                "Känner sig otrygg i sitt bostadsområde",
                "13",
                "340",
            ],
            [
                "BoU",
                "2021",
                "Trelleborg",
                "Åk 9",
                "Flickor",
                "Känner sig otrygg i sitt bostadsområde",
                "16",
                "x",
            ],
            [
                "CAN",
                "2016",
                "Skåne",
                "Gy 2",
                "Pojkar",
                "Druckit alkohol senaste 12 månaderna",
                "70,5",
                "",
            ],
        ],
        header=0,
        excel=False,
        encoding="cp1252",
    ),
    Layout(
        "est_veckoenkat",
        [
            ["EST-veckoenkät, Trelleborgs kommun, hösten 2022."],
            ["Tidstämpel", "Vecka", "Rapportör/Verksamhet", "Område/Plats", *FACTORS, "Kommentar"],
            [
                D(2022, 9, 6, 9, 12),
                36,
                "Skola",
                "Anderslöv",
                *(["Ingen påverkan", "Liten påverkan", "Viss påverkan", "Stor påverkan"] * 3),
                "Fritext",
            ],
            [
                "2022-09-13 10:00",
                "37",
                "Fritid",
                "Skegrie",
                *(["liten", "ingen", "", "STOR"] * 3),
                "",
            ],
            [44817.5, 37, "Fastighet", "", *(["ja", "nej", "Viss", "Ingen"] * 3), None],
        ],
        header=1,
        excel=True,
        sheet="Svar",
    ),
    Layout(
        "est_handelselogg",
        [
            ["EST-händelselogg, Trelleborgs kommun, hösten 2022."],
            [
                "Datum",
                "Vecka",
                "Plats",
                "Område",
                "Kategori",
                "Beskrivning",
                "Rapporterad av",
                "Allvarlighet",
            ],
            [
                "2022-09-06",
                "36",
                "Exempelplats",
                "Anderslöv",
                "Klotter",
                "Text",
                "Rapportör",
                "Låg",
            ],
            ["2022-09-07", "36", "Torget", "Skegrie", "Skadegörelse", "", "", "Hög"],
            ["13/09/2022", "37", "", "Anderslöv", "Klotter", "Text", "Rapportör", ""],
        ],
        header=1,
        excel=False,
        encoding="cp1252",
    ),
    Layout(
        "aktivitetslogg",
        [
            ["Aktivitetslogg – Trelleborgs kommun"],
            ["Fiktiva värden."],
            ["Datum", "Aktivitet", "Parter", "Kommentar"],
            [dt.date(2022, 1, 13), "EST-möte", "Kommun, Polis", ""],
            ["2022-01-20", "est-mote", "Polis och kommun", "text"],
            [44600, "Medborgarlöfte", "Kommun; Polis; invånare", None],
            ["2022-03-12", "Avstämning kommun-polis", "", ""],
        ],
        header=2,
        excel=True,
        sheet="Logg",
    ),
    Layout(
        "atgarder",
        [
            ["Åtgärder – Trelleborgs kommun"],
            ["Fiktiva värden."],
            [
                "Åtgärd",
                "Fokusområde",
                "Ansvarig part",
                "Kopplade mål",
                "Start",
                "Slut",
                "Status",
                "Budget 2020 (kr)",
                "Budget 2021 (kr)",
                "Kommentar",
            ],
            [
                "Väktare",
                "Offentlig miljö",
                "Kommun",
                "otrygghet, skadegorelse",
                dt.date(2020, 1, 1),
                None,
                "Pågående",
                "1 200 000",
                1400000,
                "",
            ],
            [
                "Belysning",
                "Offentlig miljö",
                "Kommun",
                "otrygghet",
                "2020-03-01",
                "2021-10-31",
                "Genomförd",
                "400 000",
                "..",
                "text",
            ],
            ["Kameror", "Offentlig miljö", "Polis", "", None, None, "planerad", None, None, None],
        ],
        header=2,
        excel=True,
        sheet="Åtgärder",
    ),
    Layout(
        "scb_befolkning",
        [
            ["Folkmängden 31 december efter region och år."],
            [],
            ["region", "2018", "2019", "2020"],
            ["1287 Trelleborg", "45100", "45 440", ".."],
            ["1263 Svedala", 22100, 22400, 22700],
            ["0180 Stockholm", "975551", "974073", "975000"],
        ],
        header=2,
        excel=False,
        delimiter=",",
    ),
    Layout(
        "kolada_excel",
        [
            ["Kolada – jämförelse mellan kommuner."],
            ["Kommun", "Nyckeltal", "2019", "2020", "2021"],
            ["Trelleborg", KOLADA_KPI, "38,2", "36,9", 35.1],
            ["Svedala", KOLADA_KPI, "31,5", "..", "29,9"],
            ["1287", "N07403 Anmälda våldsbrott", "1 190,4", 1215, ""],
        ],
        header=1,
        excel=True,
        sheet="Kolada",
    ),
]
LAYOUT_IDS = [layout.id for layout in LAYOUTS]


# --- writing a (possibly mangled) table as the kinds of file analysts drop in --------------------


@dataclass(frozen=True)
class Writing:
    kind: str  # xlsx, xls or text
    suffix: str
    encoding: str = "utf-8-sig"
    delimiter: str = ";"
    newline: str = "\r\n"
    quoting: int = csv.QUOTE_MINIMAL


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def write(directory: Path, rows: list[list[Any]], writing: Writing, sheet: str) -> Path:
    name = f"fuzz{writing.suffix}"
    if writing.kind == "xlsx":
        # openpyxl cannot store control characters; what it can store is what Excel can.
        cleaned = [
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
            for row in rows
        ]
        return xlsx_file(directory, name, {sheet: cleaned})
    if writing.kind == "xls":
        cleaned = [[_xls_cell(v) for v in row] for row in rows]
        return xls_file(directory, name, {sheet[:31]: cleaned})
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=writing.delimiter, lineterminator=writing.newline, quoting=writing.quoting
    )
    writer.writerows([[as_text(v) for v in row] for row in rows])
    path = directory / name
    path.write_bytes(buffer.getvalue().encode(writing.encoding, errors="replace"))
    return path


def _xls_cell(value: Any) -> Any:
    # BIFF8 limits: 32 767 characters a cell, numbers as doubles, dates as serials.
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32_767]
    if isinstance(value, (dt.date, dt.datetime)):
        return as_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def writings(layout: Layout) -> st.SearchStrategy[Writing]:
    native = (
        st.builds(Writing, st.just("xlsx"), st.sampled_from([".xlsx", ".xlsm"]))
        if layout.excel
        else st.builds(
            Writing,
            st.just("text"),
            st.sampled_from([".csv", ".txt"]),
            st.just(layout.encoding),
            st.just(layout.delimiter),
        )
    )
    other = st.one_of(
        st.builds(Writing, st.just("xlsx"), st.sampled_from([".xlsx", ".xlsm", ".csv"])),
        st.builds(Writing, st.just("xls"), st.just(".xls")),
        st.builds(
            Writing,
            st.just("text"),
            st.sampled_from([".csv", ".txt", ".xlsx"]),
            st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "mac_roman"]),
            st.sampled_from([";", ",", "\t"]),
            st.sampled_from(["\r\n", "\n", "\r"]),
            st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
        ),
    )
    return st.one_of(native, native, other)


@st.composite
def mangled(draw, layout: Layout) -> list[list[Any]]:
    """The layout's rows with a few cells, header labels, columns or rows made odd."""
    width = max(len(row) for row in layout.rows)
    rows = [list(row) + [None] * (width - len(row)) for row in layout.rows]
    header, last = layout.header, len(rows) - 1
    for column in draw(st.lists(st.integers(0, width - 1), max_size=3, unique=True)):
        label = as_text(rows[header][column])
        edit = draw(st.sampled_from(sorted(HEADER_EDITS)) | st.just("cell"))
        rows[header][column] = draw(cell_values) if edit == "cell" else HEADER_EDITS[edit](label)
    for _ in range(draw(st.integers(0, 5))):
        row = draw(st.integers(min(header + 1, last), last) | st.integers(0, last))
        rows[row][draw(st.integers(0, width - 1))] = draw(cell_values)
    structure = draw(
        st.sampled_from(
            [
                "som den är",
                "kolumn dubblerad",
                "kolumn borttagen",
                "rad dubblerad",
                "rad borttagen",
                "tomma rader",
                "titelrader",
                "bara rubriken",
                "avkortade rader",
            ]
        )
    )
    column, row = draw(st.integers(0, width - 1)), draw(st.integers(0, last))
    if structure == "kolumn dubblerad":
        rows = [r[: column + 1] + r[column:] for r in rows]
    elif structure == "kolumn borttagen":
        rows = [r[:column] + r[column + 1 :] for r in rows]
    elif structure == "rad dubblerad":
        rows.insert(row, list(rows[row]))
    elif structure == "rad borttagen":
        del rows[row]
    elif structure == "tomma rader":
        rows[row:row] = [[None] * width] * draw(st.integers(1, 3))
    elif structure == "titelrader":
        rows[0:0] = [[draw(cell_values)] for _ in range(draw(st.integers(1, 16)))]
    elif structure == "bara rubriken":
        rows = rows[: header + 1]
    elif structure == "avkortade rader":
        rows = [r[: draw(st.integers(0, width))] if i > header else r for i, r in enumerate(rows)]
    return rows


# --- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS, ids=LAYOUT_IDS)
def test_every_layout_template_imports_as_written(layout, tmp_path, context):
    """The fuzzer starts from files that do import, so it reaches every loader's body."""
    writing = (
        Writing("xlsx", ".xlsx")
        if layout.excel
        else Writing("text", ".csv", layout.encoding, layout.delimiter)
    )
    result = ingest_file(write(tmp_path, layout.rows, writing, layout.sheet), context)
    assert result.outcome == "importerad", result.lines()
    assert result.layout == layout.name


@pytest.mark.parametrize("layout", LAYOUTS, ids=LAYOUT_IDS)
@fuzz(25)
@given(data=st.data())
def test_odd_cells_headers_and_encodings_are_imported_or_refused_in_swedish(
    layout, data, tmp_path, context
):
    rows = data.draw(mangled(layout), label="rader")
    writing = data.draw(writings(layout), label="fil")
    ingest_both_ways(write(tmp_path, rows, writing, layout.sheet), context)


def _damage_zip_member(raw: bytes, data: st.DataObject) -> bytes:
    """A workbook whose zip is fine but one XML part inside is cut, scribbled on or missing."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
    except Exception:  # already damaged beyond what zipfile reads: leave it as it is
        return raw
    if not parts:
        return raw
    name = data.draw(st.sampled_from(sorted(parts)), label="del")
    how = data.draw(st.sampled_from(["avkortad", "klottrad", "borttagen", "tom"]), label="skada")
    content = parts[name]
    if how == "avkortad":
        parts[name] = content[: data.draw(st.integers(0, max(len(content) - 1, 0)))]
    elif how == "klottrad":
        at = data.draw(st.integers(0, len(content)))
        parts[name] = content[:at] + data.draw(st.binary(min_size=1, max_size=40)) + content[at:]
    elif how == "borttagen":
        del parts[name]
    else:
        parts[name] = b""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return buffer.getvalue()


def _transcode(raw: bytes, data: st.DataObject) -> bytes:
    """The same text in another encoding, as a different export setting or editor would save it."""
    target = data.draw(
        st.sampled_from(
            [
                "utf-8",
                "utf-8-sig",
                "cp1252",
                "utf-16",
                "utf-16-le",
                "utf-32",
                "mac_roman",
                "cp850",
                "ascii",
            ]
        ),
        label="kodning",
    )
    try:
        text = decode_text(raw)
    except FileRefused:  # a UTF-16 byte order mark over bytes that are no UTF-16
        return raw
    return text.encode(target, errors="replace")


@fuzz(60)
@given(data=st.data())
def test_damaged_example_files_are_imported_or_refused_in_swedish(data, tmp_path, context):
    example = data.draw(st.sampled_from(EXAMPLES), label="exempel")
    raw = example.read_bytes()
    for _ in range(data.draw(st.integers(1, 3), label="skador")):
        ways = ["avkortad", "skrivet över", "infogat", "bortklippt", "slumpbytes", "magiska bytes"]
        if raw[:4] == b"PK\x03\x04":
            ways.append("zip-del")
        elif raw:
            ways.append("omkodad")
        way = data.draw(st.sampled_from(ways), label="skada")
        at = data.draw(st.integers(0, len(raw)), label="position")
        if way == "avkortad":
            raw = raw[:at]
        elif way == "skrivet över":
            noise = data.draw(st.binary(min_size=1, max_size=64))
            raw = raw[:at] + noise + raw[at + len(noise) :]
        elif way == "infogat":
            raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=256)) + raw[at:]
        elif way == "bortklippt":
            raw = raw[:at] + raw[at + data.draw(st.integers(1, 2048)) :]
        elif way == "slumpbytes":
            raw = data.draw(st.binary(max_size=4096))
        elif way == "magiska bytes":
            magic = data.draw(
                st.sampled_from(
                    [
                        b"PK\x03\x04",
                        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                        b"{",
                        b"[",
                        b"\xef\xbb\xbf",
                        b"\xff\xfe",
                        b"%PDF-1.7",
                    ]
                )
            )
            raw = magic + data.draw(st.binary(max_size=512)) + raw[at:]
        elif way == "zip-del":
            raw = _damage_zip_member(raw, data)
        else:
            raw = _transcode(raw, data)
    suffix = data.draw(st.sampled_from([example.suffix, *ACCEPTED_SUFFIXES]), label="filändelse")
    path = tmp_path / f"skadad{suffix}"
    path.write_bytes(raw)
    ingest_both_ways(path, context, f"{example.stem}{suffix}")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(ODD_TEXTS)
    | st.sampled_from([10**400, -(10**400), 2**63, 2019.0, 1e308]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["kpi", "municipality", "period", "values", "gender", "value", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


DELETE = object()
KOLADA_FIELDS = ["kpi", "municipality", "period", "values", "gender", "value"]
kolada_edits = st.lists(
    st.tuples(
        st.integers(0, 1),
        st.integers(0, 1),
        st.sampled_from(KOLADA_FIELDS),
        st.just(DELETE) | json_values | cell_values.filter(lambda v: not isinstance(v, dt.date)),
    ),
    max_size=4,
)


def _edit_kolada(document: dict, edits: list[tuple]) -> None:
    for record_at, value_at, key, new in edits:
        target = document["values"][record_at]
        if key in ("gender", "value"):
            values = target.get("values") if isinstance(target, dict) else None
            if not isinstance(values, list) or not values:
                continue
            target = values[value_at % len(values)]
        if not isinstance(target, dict):
            continue  # an earlier edit replaced what this one would change
        if new is DELETE:
            target.pop(key, None)
        else:
            target[key] = new


@fuzz(40)
@given(
    edits=kolada_edits,
    only_the_list=st.booleans(),
    ascii_only=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_odd_kolada_json_is_imported_or_refused_in_swedish(
    edits, only_the_list, ascii_only, encoding, tmp_path, context
):
    document = {
        "values": [
            {
                "kpi": "N07403",
                "municipality": "1287",
                "period": 2019,
                "values": [
                    {"gender": "T", "value": 1190.4, "count": 1, "status": ""},
                    {"gender": "K", "value": 1100, "count": 1, "status": ""},
                ],
            },
            {
                "kpi": "U07452",
                "municipality": "1263",
                "period": "2020",
                "values": [{"gender": "M", "value": "4,6", "count": 1, "status": ""}],
            },
        ]
    }
    _edit_kolada(document, edits)
    text = json.dumps(
        document["values"] if only_the_list else document, ensure_ascii=ascii_only, allow_nan=True
    )
    path = tmp_path / "kolada.json"
    path.write_bytes(text.encode(encoding, errors="replace"))
    ingest_both_ways(path, context)
