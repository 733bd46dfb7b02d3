"""A target's observations at the edge: design.md's JSON rows for the command line, CSV (for
Swedish Excel) and an Excel workbook, each with provenance. Everything here starts from the
typed rows' JSON shape (`observation_json`); nothing inside the packages passes that shape on.

Each breakdown key is a column of its own with a Swedish heading (Kön, Årskurs, Brottskod) and
readable values (åk 9), the file format is named as analysts call it, and the import time is
Swedish time.

Text from imported files never becomes a formula in the analyst's spreadsheet: xlsxwriter is
told not to read strings as formulas, and CSV text that Excel would evaluate gets a leading
apostrophe (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import xlsxwriter

from indicators.catalogue import Catalogue
from indicators.stored import Observation
from indicators.times import local_time, moment_text

# Breakdown keys the catalogue has no dimension for: what a source records beneath a figure.
KEY_LABELS = {
    "brottskod": "Brottskod",
    "brottstyp": "Brottstyp",
    "omrade": "Område",
    "datumgrund": "Datumgrund",
    "parter": "Parter",
    "undersokning": "Undersökning",
    "kpi": "Nyckeltal (KPI)",
    "atgard": "Åtgärd",
    "faktor": "Faktor",
    "kategori": "Kategori",
    "allvarlighet": "Allvarlighet",
}
BEFORE_BREAKDOWN = [("period", "Period"), ("indicator", "Indikator"), ("geo", "Geografi (kod)")]
AFTER_BREAKDOWN = [
    ("measure", "Mått"),
    ("value", "Värde"),
    ("n", "Antal svar (n)"),
    ("status", "Status"),
    ("source", "Källformat"),
    ("file", "Fil"),
    ("sheet", "Blad"),
    ("row", "Rad"),
    ("cell", "Cell"),
    ("imported_at", "Inläst (svensk tid)"),
]
NUMERIC = {"value", "n", "row"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def observation_json(row: Observation) -> dict[str, Any]:
    """design.md's `observations` row (keys fixed; more may be added)."""
    return {
        "indicator": row.indicator,
        "period": row.period,
        "period_type": row.period_type.value,
        "geo": row.geo_code,
        "geo_name": row.geo_name,
        "breakdown": dict(row.breakdown),
        "measure": row.measure.value,
        "value": row.value,
        "n": row.n,
        "status": None if row.revision is None else row.revision.value,
        "source": row.layout,
        "file": row.file,
        "sheet": row.sheet,
        "row": row.row,
        "cell": row.cell,
        "imported_at": row.imported_at,
        "sha256": row.sha256,
        "import_id": row.import_id,
        "origin": row.origin,
    }


def columns(rows: Sequence[dict[str, Any]], catalogue: Catalogue) -> list[tuple[str, str]]:
    """(key, heading) per column; a breakdown key's column is keyed 'breakdown.<key>'."""
    present = {key for row in rows for key in (row.get("breakdown") or {})}
    order = [*catalogue.dimensions, *KEY_LABELS, *sorted(present)]
    keys = [key for key in dict.fromkeys(order) if key in present]
    return [
        *BEFORE_BREAKDOWN,
        *[(f"breakdown.{key}", _key_label(key, catalogue)) for key in keys],
        *AFTER_BREAKDOWN,
    ]


def _key_label(key: str, catalogue: Catalogue) -> str:
    dimension = catalogue.dimensions.get(key)
    return dimension.label if dimension else KEY_LABELS.get(key, key.capitalize())


def breakdown_text(breakdown: Mapping[str, str], catalogue: Catalogue) -> str:
    """'Årskurs åk 9, Kön flickor' or 'totalt', as the columns of the downloads name them."""
    return (
        ", ".join(
            f"{_key_label(key, catalogue)} {_value({'breakdown': breakdown}, f'breakdown.{key}', catalogue)}"
            for key in breakdown
        )
        or "totalt"
    )


def _value(row: dict[str, Any], key: str, catalogue: Catalogue) -> Any:
    if key.startswith("breakdown."):
        name = key.removeprefix("breakdown.")
        value = (row.get("breakdown") or {}).get(name)
        dimension = catalogue.dimensions.get(name)
        return dimension.values.get(value, value) if dimension and value else value
    if key == "source":
        return layout_names().get(row.get("source") or "", row.get("source"))
    return row.get(key)


@cache
def layout_names() -> dict[str, str]:
    """Each file layout's id as analysts call it: 'trygghetsmätningens resultatmatris (…)'."""
    from indicators.sources import all_loaders

    return {loader.layout: loader.label for loader in all_loaders()}


def observations_csv(rows: Sequence[dict[str, Any]], catalogue: Catalogue) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM: opens right in Swedish Excel."""
    shown = columns(rows, catalogue)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([title for _, title in shown])
    for row in rows:
        writer.writerow([_csv_cell(key, _value(row, key, catalogue)) for key, _ in shown])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key in NUMERIC:
        # No grouping: Excel reads '1180', not '1 180'.
        return f"{float(value):.10g}".replace(".", ",")
    if key == "imported_at":
        return moment_text(value, compact=True)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def observations_xlsx(rows: Sequence[dict[str, Any]], title: str, catalogue: Catalogue) -> bytes:
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
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    shown = columns(rows, catalogue)
    sheet.write_string(0, 0, title, bold)
    for column, (_, heading) in enumerate(shown):
        sheet.write_string(2, column, heading, bold)
    for line, row in enumerate(rows, start=3):
        for column, (key, _) in enumerate(shown):
            value = _value(row, key, catalogue)
            if value is None:
                continue
            if key in NUMERIC:
                sheet.write_number(line, column, float(value))
            elif key == "imported_at":
                sheet.write_datetime(line, column, local_time(value), when)
            else:
                sheet.write_string(line, column, str(value))
    sheet.autofilter(2, 0, 2 + len(rows), len(shown) - 1)
    sheet.freeze_panes(3, 0)
    sheet.set_column(0, len(shown) - 1, 16)
    workbook.close()
    return buffer.getvalue()
