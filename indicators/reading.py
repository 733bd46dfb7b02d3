"""Opening an import file safely and reading its sheets as raw cells.

Loaders never open files themselves: they get `RawTable`s whose index is the row number a person
sees in Excel or a text editor (1-based), so every problem can name its row.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indicators.problems import refuse

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".json")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DELIMITERS = (";", ",", "\t")
_DAMAGED_EXCEL = (
    "den ser ut som en Excel-fil men går inte att öppna; öppna och spara om den i "
    "Excel, eller exportera den igen"
)


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_unpacked_bytes: int


@dataclass(frozen=True)
class RawTable:
    """One sheet (or the whole text file) as raw cells; index = the row number people see."""

    sheet: str | None
    cells: pd.DataFrame


@dataclass(frozen=True)
class ReadFile:
    tables: list[RawTable]
    kind: str  # "excel" or "text"
    warnings: list[str]


def read_file(path: Path, limits: Limits) -> ReadFile:
    """Every sheet of an Excel workbook, or the one table of a text file; refuse anything else."""
    size = path.stat().st_size
    if size == 0:
        raise refuse("filen är tom")
    if size > limits.max_bytes:
        raise refuse(f"filen är {_mb(size)} MB, större än gränsen {_mb(limits.max_bytes)} MB")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_ZIP_MAGIC):
        _refuse_zip_bomb(path, limits)
        return _excel(path, [])
    if head.startswith(_OLE_MAGIC):
        return _excel(path, [])
    raw = path.read_bytes()
    if raw.lstrip()[:1] in (b"{", b"["):
        return ReadFile([_json_table(raw)], "json", [])
    warnings = []
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        warnings.append(f"filen heter {path.suffix} men är en textfil; den lästes som text (CSV)")
    return ReadFile([_text_table(raw)], "text", warnings)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def _refuse_zip_bomb(path: Path, limits: Limits) -> None:
    # An xlsx is a zip: a 1 MB file can declare a 400 MB sheet. Check before anything inflates.
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except Exception:
        # Not only BadZipFile: a damaged directory also raises NotImplementedError (a zip version
        # byte scribbled on), UnicodeDecodeError (a file name), EOFError…; all mean the same here.
        raise refuse(f"filen är skadad: {_DAMAGED_EXCEL}") from None
    if declared > limits.max_unpacked_bytes:
        raise refuse(
            f"filen packas upp till {_mb(declared)} MB, mer än gränsen "
            f"{_mb(limits.max_unpacked_bytes)} MB; dela upp den eller exportera som CSV"
        )


def _excel(path: Path, warnings: list[str]) -> ReadFile:
    # calamine reads stored values only: no macro runs, no formula is evaluated, no link followed.
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine="calamine")
    except Exception:  # calamine raises its own error types for every kind of damage
        # Its messages are English and name Rust internals; the analyst needs to know what to do.
        raise refuse(f"filen är skadad: {_DAMAGED_EXCEL}") from None
    tables = [RawTable(str(name), _number_rows(frame)) for name, frame in sheets.items()]
    tables = [table for table in tables if not table.cells.empty]
    if not tables:
        raise refuse("arbetsboken har inga ifyllda blad")
    return ReadFile(tables, "excel", warnings)


def _number_rows(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.dropna(how="all")
    frame.index = frame.index + 1
    return frame


def decode_text(raw: bytes) -> str:
    if raw.startswith(_UTF16_BOMS):
        # Excel's "Unicode-text (*.txt)": UTF-16 with a byte order mark, tab-separated.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise refuse(
                "filen börjar som Unicode-text (UTF-16) men resten går inte att läsa "
                "som det; spara den igen som CSV (UTF-8)"
            ) from None
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    return max(
        _DELIMITERS,
        key=lambda d: (sum(d in line for line in lines), sum(line.count(d) for line in lines)),
    )


KOLADA_COLUMNS = ["kpi", "municipality", "period", "gender", "value"]


def _json_table(raw: bytes) -> RawTable:
    """Kolada's API v2 ({"values": [{"kpi", "municipality", "period", "values": [...]}]}) as a
    table with a header row, one row per value; no other JSON is known."""
    try:
        document = json.loads(decode_text(raw))
        records = document["values"] if isinstance(document, dict) else document
        rows = [
            [
                record["kpi"],
                record["municipality"],
                record["period"],
                value.get("gender"),
                value.get("value"),
            ]
            for record in records
            for value in record["values"]
        ]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise refuse(
            "JSON-filen känns inte igen: bara Koladas API-svar (values med kpi, "
            "municipality, period och values) kan läsas in"
        ) from None
    frame = pd.DataFrame([KOLADA_COLUMNS, *rows], dtype=object)
    frame.index = frame.index + 1
    return RawTable(None, frame)


def _text_table(raw: bytes) -> RawTable:
    if b"\x00" in raw[:4096] and not raw.startswith(_UTF16_BOMS):
        raise refuse(
            "filen är varken Excel eller text; godkända filtyper är " + ", ".join(ACCEPTED_SUFFIXES)
        )
    text = decode_text(raw)
    # newline="": a lone CR ends a line as in old Mac exports, and CR LF inside quotes stays text.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        rows = list(reader)
    except csv.Error:  # in practice only a cell past csv's field size limit (131 072 characters)
        raise refuse(
            "texten kunde inte delas upp i celler: en cell blir orimligt lång, oftast för "
            'att ett citattecken (") öppnas men aldrig stängs',
            row=reader.line_num,
        ) from None
    width = max((len(row) for row in rows), default=0)
    if width == 0:
        raise refuse("filen innehåller inga rader")
    frame = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)
    frame = frame.mask(frame == "").dropna(how="all")
    frame.index = frame.index + 1
    return RawTable(None, frame)
