"""Opening an import file safely and reading its sheets as raw cells.

Loaders never open files themselves: they get `RawTable`s whose index is the row number a person
sees in Excel or a text editor (1-based), so every problem can name its row. Empty cells are None.

Memory is bounded by the file's size, never by its shape: before a sheet or a text file becomes
a table its rows × columns are counted against `Limits.max_cells`, so a small file that declares
a huge area (a cell in XFD1048576, a first line of 20 000 fields) is refused, not allocated.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook, PasswordError

from indicators.numbers import format_number
from indicators.problems import FileRefused, refuse

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
ENCRYPTED = (
    "arbetsboken är lösenordsskyddad (krypterad) och kan inte läsas; spara den utan lösenord "
    "(Arkiv › Info › Skydda arbetsbok › Kryptera med lösenord, töm fältet) och läs in den igen"
)
# The declared area of a worksheet part: `<dimension ref="A1:J603"/>` near its start.
_DIMENSION = re.compile(
    rb'<dimension\s+ref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"'
)
_ROW_REF = re.compile(rb'<row r="(\d{1,7})"')
_WIDE_COLUMN = re.compile(rb' r="([A-Z]{2,3})\d')
_NARROW_COLUMN = re.compile(rb' r="([A-Z])\d')
_SCAN_BLOCK = 1 << 22
# No export we read has more than a few hundred columns (a SOL table of monthly periods over
# ten years has 122); thousands would only make every loader's header search slow.
MAX_COLUMNS = 2_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_unpacked_bytes: int
    max_cells: int = 10_000_000
    max_observations: int = 500_000


@dataclass(frozen=True)
class RawTable:
    """One sheet (or the whole text file) as raw cells; index = the row number people see."""

    sheet: str | None
    cells: pd.DataFrame


@dataclass(frozen=True)
class ReadFile:
    tables: list[RawTable]
    kind: str  # "excel", "text" or "json"
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
        _check_zip(path, limits)
        return _excel(path, limits)
    if head.startswith(_OLE_MAGIC):
        return _excel(path, limits)
    raw = path.read_bytes()
    if raw.lstrip()[:1] in (b"{", b"["):
        return ReadFile([_json_table(raw, limits)], "json", [])
    warnings = []
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        warnings.append(f"filen heter {path.suffix} men är en textfil; den lästes som text (CSV)")
    return ReadFile([_text_table(raw, limits)], "text", warnings)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def _check_zip(path: Path, limits: Limits) -> None:
    """An xlsx is a zip: a 1 MB file can declare a 400 MB sheet, and a sheet of two cells can
    span A1:XFD1048576. Both are refused from what the zip says, before anything is inflated
    or laid out."""
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(info.file_size for info in archive.infolist())
            if declared > limits.max_unpacked_bytes:
                raise refuse(
                    f"filen packas upp till {_mb(declared)} MB, mer än gränsen "
                    f"{_mb(limits.max_unpacked_bytes)} MB; dela upp den eller exportera som CSV"
                )
            cells = sum(
                _sheet_area(archive, info)
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            )
    except zipfile.BadZipFile:
        raise refuse(f"filen är skadad: {_DAMAGED_EXCEL}") from None
    except (NotImplementedError, UnicodeDecodeError, EOFError, OSError, ValueError):
        # A damaged directory also raises these (a zip version byte scribbled on, a file name);
        # all mean the same to the analyst.
        raise refuse(f"filen är skadad: {_DAMAGED_EXCEL}") from None
    _check_cells(cells, limits, "arbetsbokens blad spänner")


def _sheet_area(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Rows × columns of one worksheet part: its declared dimension, or, when the writer left
    that out (openpyxl's write-only mode does), what its row and cell references reach."""
    with archive.open(info) as part:
        head = part.read(1 << 14)
        found = _DIMENSION.search(head)
        if not found:
            return _scanned_area(part, head)
        first_col, first_row, last_col, last_row = found.groups()
        if last_col is None:
            return 1
        rows = int(last_row) - int(first_row) + 1
        return max(rows, 1) * max(_column_number(last_col) - _column_number(first_col) + 1, 1)


def _scanned_area(part, head: bytes) -> int:
    # Proportional to the part's size. Columns past Z are rare enough to find them all; within
    # A–Z the tail of each block is a fair sample, and at worst 26 columns.
    last_row, rows_seen, widest, carry, block = 0, 0, 1, b"", head
    while block:
        data = carry + block
        last = _ROW_REF.search(data, max(data.rfind(b"<row "), 0))
        if last:
            last_row = max(last_row, int(last.group(1)))
        rows_seen += block.count(b"<row")
        columns = set(_WIDE_COLUMN.findall(data)) | set(_NARROW_COLUMN.findall(data[-8192:]))
        widest = max([widest, *(_column_number(c) for c in columns)])
        carry, block = data[-64:], part.read(_SCAN_BLOCK)
    return max(last_row, rows_seen, 1) * widest


def _column_number(letters: bytes | str) -> int:
    text = letters.decode() if isinstance(letters, bytes) else letters
    number = 0
    for letter in text:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _check_columns(width: int, where: str) -> None:
    if width > MAX_COLUMNS:
        raise refuse(
            f"{where} har {_count(width)} kolumner; ingen export som kan läsas in har fler än "
            f"{_count(MAX_COLUMNS)}. Kontrollera avgränsaren och att det är en export av rätt slag"
        )


def _check_cells(cells: int, limits: Limits, what: str) -> None:
    if cells > limits.max_cells:
        raise refuse(
            f"{what} {_count(cells)} celler, fler än gränsen {_count(limits.max_cells)} celler "
            "per fil (inställningen TRYGGHETSMAL_MAX_CELLS); kontrollera att det är en export av "
            "rätt slag, ta bort tomma rader och kolumner längst ut eller dela upp filen"
        )


def _count(number: int) -> str:
    return format_number(number, 0)


def _excel(path: Path, limits: Limits) -> ReadFile:
    # calamine reads stored values only: no macro runs, no formula is evaluated, no link followed.
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
    except PasswordError:
        raise refuse(ENCRYPTED) from None
    except Exception:  # calamine raises its own error types for every kind of damage
        # Its messages are English and name Rust internals; the analyst needs to know what to do.
        raise refuse(f"filen är skadad: {_DAMAGED_EXCEL}") from None
    tables, cells = [], 0
    for name in names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            cells += sheet.height * sheet.width
            _check_cells(cells, limits, "arbetsbokens blad har")
            _check_columns(sheet.width, f"bladet {name}")
            rows = sheet.to_python(skip_empty_area=False)
        except FileRefused:
            raise
        except PasswordError:
            raise refuse(ENCRYPTED) from None
        except Exception:
            raise refuse(f"filen är skadad: {_DAMAGED_EXCEL}") from None
        table = RawTable(str(name), _frame(rows, blank=""))
        if not table.cells.empty:
            tables.append(table)
    if not tables:
        raise refuse("arbetsboken har inga ifyllda blad")
    return ReadFile(tables, "excel", [])


def _frame(rows: list[list], blank: object) -> pd.DataFrame:
    """Rectangular rows → a frame of objects numbered from 1, empty rows left out, None for
    an empty cell. Whole columns at a time: no Python work per cell."""
    if not rows:
        return pd.DataFrame()
    width = len(rows[0])
    numbers = [n for n, row in enumerate(rows, start=1) if row.count(blank) != width]
    if not numbers:
        return pd.DataFrame()
    kept = rows if len(numbers) == len(rows) else [rows[n - 1] for n in numbers]
    values = np.empty((len(kept), width), dtype=object)
    values[:] = kept
    if blank is not None:
        values[values == blank] = None
    # Column by column: pandas' 2-D object constructor inspects every cell for dates.
    return pd.DataFrame(
        {column: values[:, column] for column in range(width)},
        index=pd.Index(numbers, dtype="int64"),
        copy=False,
    )


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
    lines = [line for line in text[:200_000].splitlines()[:30] if line.strip()]
    return max(
        _DELIMITERS,
        key=lambda d: (sum(d in line for line in lines), sum(line.count(d) for line in lines)),
    )


KOLADA_COLUMNS = ["kpi", "municipality", "period", "gender", "value"]


def _json_table(raw: bytes, limits: Limits) -> RawTable:
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
    _check_cells((len(rows) + 1) * len(KOLADA_COLUMNS), limits, "filen har")
    return RawTable(None, _frame([KOLADA_COLUMNS, *rows], blank=None))


def _text_table(raw: bytes, limits: Limits) -> RawTable:
    if b"\x00" in raw[:4096] and not raw.startswith(_UTF16_BOMS):
        raise refuse(
            "filen är varken Excel eller text; godkända filtyper är " + ", ".join(ACCEPTED_SUFFIXES)
        )
    text = decode_text(raw)
    # newline="": a lone CR ends a line as in old Mac exports, and CR LF inside quotes stays text.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows, width, widest_row = [], 0, 0
    try:
        for row in reader:
            # Trailing empty fields give no width: Brå rows end with ';', and a line of ';;;;'
            # under a title must not widen the table.
            while row and not row[-1].strip():
                row.pop()
            rows.append(row)
            if len(row) > width:
                width, widest_row = len(row), len(rows)
    except csv.Error:  # in practice only a cell past csv's field size limit (131 072 characters)
        raise refuse(
            "texten kunde inte delas upp i celler: en cell blir orimligt lång, oftast för "
            'att ett citattecken (") öppnas men aldrig stängs',
            row=reader.line_num,
        ) from None
    if width == 0:
        raise refuse("filen innehåller inga rader")
    _check_columns(width, f"rad {widest_row}")
    if len(rows) * width > limits.max_cells:
        _check_cells(
            len(rows) * width,
            limits,
            f"rad {widest_row} har {_count(width)} fält, så filens {_count(len(rows))} rader blir",
        )
    padded = [row + [""] * (width - len(row)) for row in rows]
    return RawTable(None, _frame(padded, blank=""))
