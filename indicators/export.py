"""A target's observations as CSV (for Swedish Excel) or an Excel workbook, with provenance.

Text from imported files never becomes a formula in the analyst's spreadsheet: xlsxwriter is
told not to read strings as formulas, and CSV text that Excel would evaluate gets a leading
apostrophe (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

import xlsxwriter

COLUMNS = [
    ("period", "Period"),
    ("indicator", "Indikator"),
    ("geo", "Geografi (kod)"),
    ("breakdown", "Uppdelning"),
    ("measure", "Mått"),
    ("value", "Värde"),
    ("n", "Antal svar (n)"),
    ("status", "Status"),
    ("source", "Källformat"),
    ("file", "Fil"),
    ("sheet", "Blad"),
    ("row", "Rad"),
    ("cell", "Cell"),
    ("imported_at", "Inläst"),
]
NUMERIC = {"value", "n", "row"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cells(row: dict[str, Any]) -> list[Any]:
    cells = []
    for key, _ in COLUMNS:
        value = row.get(key)
        if key == "breakdown":
            value = json.dumps(value or {}, ensure_ascii=False)
        cells.append(value)
    return cells


def observations_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM: opens right in Swedish Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([title for _, title in COLUMNS])
    for row in rows:
        writer.writerow(
            [_csv_cell(key, value) for (key, _), value in zip(COLUMNS, _cells(row), strict=True)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key in NUMERIC:
        return f"{float(value):.10g}".replace(
            ".", ","
        )  # no grouping: Excel reads '1180', not '1 180'
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def observations_xlsx(rows: Sequence[dict[str, Any]], title: str) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = workbook.add_worksheet("Observationer")
    bold = workbook.add_format({"bold": True})
    sheet.write_string(0, 0, title, bold)
    for column, (_, heading) in enumerate(COLUMNS):
        sheet.write_string(2, column, heading, bold)
    for line, row in enumerate(rows, start=3):
        for column, ((key, _), value) in enumerate(zip(COLUMNS, _cells(row), strict=True)):
            if value is None:
                continue
            if key in NUMERIC:
                sheet.write_number(line, column, float(value))
            else:
                sheet.write_string(line, column, str(value))
    sheet.autofilter(2, 0, 2 + len(rows), len(COLUMNS) - 1)
    sheet.freeze_panes(3, 0)
    sheet.set_column(0, len(COLUMNS) - 1, 16)
    workbook.close()
    return buffer.getvalue()
